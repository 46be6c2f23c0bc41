// PC5 on the air as UPER: the simulation encodes in the chosen profile, receivers decode those
// bytes (so vehicle applications run on what came off the air), Uu stays protobuf, and a run is
// as reproducible as the protobuf one.
import { describe, expect, it } from 'vitest';
import { decodeFrame, frameType, type PbObject } from '../codec';
import { sampleFrame } from '../samples';
import { createScenarioWorld, SCENARIOS } from '../scenarios';
import { decodeUperFrame, encodeUperFrame } from '../uper';
import { fromModel, toModel } from '../uper/mapping';
import type { ProfileName } from '../uper/profiles';
import { createWorld, StreamDigest, type Alert, type OnAir, type SimConfigInput, type Transmission } from './index';
import { decodeOnAir, OnAirCodec, onAirProblem } from './on-air';

const UPER: OnAir = { encoding: 'uper', profile: 'csae157-2020' };

function run(config: SimConfigInput, steps: number) {
	const world = createWorld(config);
	const digest = new StreamDigest();
	const txs: Transmission[] = [];
	const alerts: Alert[] = [];
	for (let i = 0; i < steps; i++) {
		world.step();
		for (const e of world.drainEvents()) {
			digest.event(e);
			if (e.kind === 'tx') txs.push(e);
			if (e.kind === 'alert') alerts.push(e);
		}
	}
	return { world, txs, alerts, digest: digest.hex() };
}

describe('on-air format UPER', () => {
	const base = { city: 'beijing-yizhuang', seed: 4, vehicles: 25 };

	it('every PC5 transmission decodes as UPER under the profile to a frame of its type; Uu stays protobuf', () => {
		const { txs, world } = run({ ...base, onAir: UPER }, 30);
		const pc5 = txs.filter((t) => t.channel === 'pc5');
		const uu = txs.filter((t) => t.channel === 'uu');
		expect(pc5.length).toBeGreaterThan(200);
		expect(new Set(pc5.map((t) => t.type))).toEqual(new Set(['bsm', 'map_data', 'spat', 'rsm', 'psm']));
		for (const t of pc5) {
			expect(t.encoding, t.type).toBe('uper');
			expect(t.profile).toBe('csae157-2020');
			const { value } = decodeUperFrame(t.bytes, 'csae157-2020');
			expect(frameType(toModel(value, 'csae157-2020').frame)).toBe(t.type);
		}
		expect(uu.length).toBeGreaterThan(0);
		for (const t of uu) {
			expect(t.encoding).toBe('protobuf');
			expect(t.profile).toBeUndefined();
			expect(frameType(decodeFrame(t.bytes))).toBe(t.type);
		}
		expect(world.onAir.summary()).toBeNull();
		expect(world.meta.profile).toBe('csae157-2020');
	});

	it('maps the model object directly: the same bytes as through a protobuf round trip', () => {
		const { txs } = run({ ...base, onAir: UPER }, 12);
		const pb = run(base, 12).txs;
		let compared = 0;
		txs.forEach((t, i) => {
			if (t.channel !== 'pc5' || pb[i].type !== t.type) return;
			const viaProtobuf = encodeUperFrame(fromModel(decodeFrame(pb[i].bytes), 'csae157-2020').value, 'csae157-2020');
			expect(t.bytes, `${t.type} #${t.seq}`).toEqual(viaProtobuf);
			compared++;
		});
		expect(compared).toBeGreaterThan(100);
	});

	it('is deterministic: same seed, same digest twice; the digest differs from the protobuf run and between profiles', () => {
		const a = run({ ...base, onAir: UPER }, 40).digest;
		const b = run({ ...base, onAir: UPER }, 40).digest;
		const p = run(base, 40).digest;
		const old = run({ ...base, onAir: { encoding: 'uper', profile: 'csae53-2017' } }, 40).digest;
		expect(a).toBe(b);
		expect(a).not.toBe(p);
		expect(old).not.toBe(a);
	});

	it('keeps in protobuf, and counts, a type the profile has no message for', () => {
		const codec = new OnAirCodec({ encoding: 'uper', profile: 'csae53-2017' });
		const bsm = sampleFrame('bsm').bsm as PbObject;
		const psm = sampleFrame('psm').psm as PbObject;
		expect(codec.encode('pc5', 'bsm', bsm).encoding).toBe('uper');
		const kept = codec.encode('pc5', 'psm', psm);
		expect(kept.encoding).toBe('protobuf');
		expect(frameType(decodeFrame(kept.bytes))).toBe('psm');
		codec.encode('pc5', 'psm', psm);
		expect(codec.summary()).toBe('PC5 kept in protobuf (no csae53-2017 message for the type): psm 2');
		expect(codec.encode('uu', 'bsm', bsm).encoding).toBe('protobuf');
		expect(new OnAirCodec().summary()).toBeNull();
	});

	it('names what is wrong with an on-air choice', () => {
		expect(onAirProblem({ encoding: 'protobuf' })).toBeNull();
		expect(onAirProblem(UPER)).toBeNull();
		expect(onAirProblem({ encoding: 'ber' })).toMatch(/"encoding" must be "protobuf" or "uper", got "ber"/);
		expect(onAirProblem({ encoding: 'uper', profile: 'csae99' })).toMatch(/"profile" must be one of csae53-2017, .*got "csae99"/);
		expect(() => decodeOnAir(new Uint8Array([1]), 'uper', undefined)).toThrow(/without a profile/);
	});
});

describe('vehicle applications on UPER received off the air', () => {
	// every scenario under the phase-2 profile; those on phase-1 messages also under the draft deployed RSUs run
	const phase1 = (m: string) => ['bsm', 'spat', 'map_data', 'rsi', 'rsm'].includes(m);
	const cases: [(typeof SCENARIOS)[number], ProfileName][] = [
		...SCENARIOS.map((sc) => [sc, 'csae157-2020'] as [(typeof SCENARIOS)[number], ProfileName]),
		...SCENARIOS.filter((sc) => sc.messages.every(phase1)).map((sc) => [sc, 'csae53-2020-draft'] as [(typeof SCENARIOS)[number], ProfileName])
	];
	for (const [sc, profile] of cases)
			it(`${sc.id}: ${sc.keyApp} warns within ${sc.window[0]}..${sc.window[1]} s from a UPER ${profile} message it received`, () => {
				const { world } = createScenarioWorld(sc.id, { onAir: { encoding: 'uper', profile } });
				const txs = new Map<number, Transmission>();
				let first: Alert | undefined;
				for (let i = 0; i < (sc.window[1] + 1) * 10 && !first; i++) {
					world.step();
					for (const e of world.drainEvents()) {
						if (e.kind === 'tx') txs.set(e.seq, e);
						if (e.kind === 'alert' && e.app === sc.keyApp) first ??= e;
					}
				}
				expect(first, `no ${sc.keyApp} alert`).toBeDefined();
				expect(first!.t / 1000).toBeGreaterThanOrEqual(sc.window[0]);
				expect(first!.t / 1000).toBeLessThanOrEqual(sc.window[1]);
				const cause = txs.get(first!.cause!)!;
				expect(cause.receivers).toContain(first!.node);
				if (cause.channel === 'pc5') {
					expect(cause.encoding).toBe('uper');
					expect(frameType(decodeOnAir(cause.bytes, 'uper', profile))).toBe(cause.type);
				}
			});
});
