import { describe, expect, it } from 'vitest';
import { de, encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import { createWorld, rememberingNames, type Snapshot } from '../sim';
import { captureRecord, type CaptureRecord } from '../capture';
import { Replay } from './replay';

/** Half a step of the latitude and longitude encoding, plus float noise. */
const DEG7_TOLERANCE = 0.6 * de.Latitude.factor;

/** A live run of `steps` steps: its records and the world's snapshot after every step, by time. */
function liveRun(steps: number) {
	const w = createWorld({ city: 'wuhan-etdz', seed: 2, vehicles: 20 });
	const nameOf = rememberingNames((id) => w.nodeName(id));
	const records: CaptureRecord[] = [];
	const snaps = new Map<number, Snapshot>();
	for (let i = 0; i < steps; i++) {
		w.step();
		for (const e of w.drainEvents()) if (e.kind === 'tx') records.push(captureRecord(e, nameOf));
		snaps.set(w.timeMs, w.snapshot());
	}
	return { records, snaps };
}

describe('replay of a capture', () => {
	it('rebuilds vehicles from BSMs and lights from SPAT where and as they were, in the city the positions are in', () => {
		const { records, snaps } = liveRun(30);
		const r = new Replay(records, undefined, 'test.jsonl');
		expect(r.city.id).toBe('wuhan-etdz');
		let vehiclesCompared = 0;
		let lightsCompared = 0;
		while (!r.done) {
			r.step();
			const live = snaps.get(r.timeMs);
			if (!live) continue;
			const got = r.snapshot();
			// every vehicle of the live world is where its BSM put it
			const at = new Map<number, number>();
			got.vehicles.id.forEach((id, i) => at.set(id, i));
			live.vehicles.id.forEach((id, i) => {
				const j = at.get(id);
				expect(j, `vehicle ${id} at ${r.timeMs} ms`).toBeDefined();
				expect(Math.abs(got.vehicles.lat[j!] - live.vehicles.lat[i])).toBeLessThanOrEqual(DEG7_TOLERANCE);
				expect(Math.abs(got.vehicles.lon[j!] - live.vehicles.lon[i])).toBeLessThanOrEqual(DEG7_TOLERANCE);
				expect(got.vehicles.kind[j!]).toBe(live.vehicles.kind[i]);
				vehiclesCompared++;
			});
			// every light SPAT told of shows what the live controller showed at that time
			const liveLights = new Map(live.signals.flatMap((s) => s.approaches.map((a) => [`${s.node}/${a.linkId}`, a.light] as const)));
			for (const s of got.signals)
				for (const a of s.approaches) {
					expect(a.light, `node ${s.node} link ${a.linkId} at ${r.timeMs} ms`).toBe(liveLights.get(`${s.node}/${a.linkId}`));
					lightsCompared++;
				}
		}
		expect(vehiclesCompared).toBeGreaterThan(15 * 25);
		expect(lightsCompared).toBeGreaterThan(100);
		expect(r.drainEvents().filter((e) => e.kind === 'tx')).toHaveLength(records.length);
	});

	it('survives records whose type does not match their bytes', () => {
		const bsm = encodeFrame(sampleFrame('bsm'));
		const spat = encodeFrame(sampleFrame('spat'));
		const records: CaptureRecord[] = [
			{ t: 100, sender: 'car-1', receivers: [], channel: 'pc5', type: 'spat', bytes: bsm },
			{ t: 100, sender: 'RSU-X', receivers: [], channel: 'pc5', type: 'bsm', bytes: spat },
			{ t: 200, sender: 'car-2', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([8, 1, 0x12, 0]) },
			{ t: 300, sender: 'car-3', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([0xff, 0xff]) }
		];
		const r = new Replay(records, undefined, 'bad.jsonl');
		for (let i = 0; i < 5; i++) expect(() => r.step()).not.toThrow();
		expect(r.drainEvents().filter((e) => e.kind === 'tx')).toHaveLength(4);
		expect(() => r.snapshot()).not.toThrow();
	});

	it('seeks to any time: the state equals playing straight there, forward, back past checkpoints, and at the ends', () => {
		const { records } = liveRun(150); // 15 s: checkpoints every 5 s
		const straightAt = (t: number) => {
			const r = new Replay(records, undefined, 'a.jsonl');
			while (r.timeMs < t) r.step();
			return r;
		};
		const s = new Replay(records, undefined, 'b.jsonl');
		for (const t of [8300, 12000, 2700, 14900, 5000, 100, 9999]) {
			s.seek(t);
			const want = straightAt(Math.round(t / 100) * 100);
			expect(s.timeMs).toBe(want.timeMs);
			expect(s.snapshot()).toEqual(want.snapshot());
			expect(s.drainEvents()).toEqual([]);
			// what was replayed before t is there for the log, numbered as a straight run numbers it
			const before = [...s.transmissionsBefore(1e9)];
			expect(before.length).toBe(records.filter((r) => r.t <= s.timeMs).length);
			expect(before.map((x) => x.seq)).toEqual(before.map((_, i) => i));
			// and it plays on from there as the straight run does
			want.drainEvents();
			s.step();
			want.step();
			expect(s.drainEvents().map((e) => e.kind === 'tx' && e.seq)).toEqual(want.drainEvents().map((e) => e.kind === 'tx' && e.seq));
			expect(s.snapshot()).toEqual(want.snapshot());
		}
		s.seek(-1000);
		expect(s.timeMs).toBe(s.startMs);
		expect(s.snapshot().vehicles.id.length).toBe(0);
		s.seek(1e9);
		expect(s.done).toBe(true);
		expect(s.timeMs).toBeGreaterThanOrEqual(s.endMs);
	});
});
