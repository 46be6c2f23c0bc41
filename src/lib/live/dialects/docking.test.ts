// The RSU docking dialect end to end: RSU messages and the BSMs RSUs heard, in the binary RSU
// framing with UPER inside on V2X.RSU.<TYPE>.UP, read back to the same model frames; and the
// real payloads captured from a roadside unit (../shared/samples/uper).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeFrame, messageType, parseHex, toHex } from '../../codec';
import { sampleFrame } from '../../samples';
import type { Transmission } from '../../sim';
import { parseRsuPayload } from '../../uper';
import { SAMPLES_DIR, samplesUnavailable } from '../../uper/testing/samples';
import { readPublication } from './read';
import { rsuId8 } from './rsu-dialects';
import { idText } from './text';
import { countBy, roundTrip, type RoundTrip } from './testing/round-trip';
import { DialectWriter } from './writer';

const PHASE_1 = new Set(['bsm', 'map_data', 'spat', 'rsi', 'rsm']);

/** Not carried, worked out from the rules: the cloud's types (no UPER), road users' messages no RSU heard. */
function expectedNotCarried(rt: RoundTrip, hasForm: (t: string) => boolean) {
	const noUper = rt.txs.filter((t) => messageType(t.type).standard === 'cloud' || !hasForm(t.type));
	const notHeard = rt.txs.filter((t) => !noUper.includes(t) && !rt.isRsu(t.sender) && !t.receivers.some(rt.isRsu));
	return { 'no-uper': countBy(noUper, (t) => t.type), 'not-heard': countBy(notHeard, (t) => t.type), value: {} };
}

describe('docking dialect: round trip of a 20 s simulation', () => {
	for (const onAir of [{ encoding: 'protobuf' as const }, { encoding: 'uper' as const, profile: 'csae157-2020' as const }]) {
		it(`carries RSU messages and heard BSMs (on air: ${onAir.encoding}) and reads back the same frames`, () => {
			const rt = roundTrip('docking', onAir);
			expect(rt.undecodable).toEqual([]);
			expect(rt.got).toEqual(rt.expected);
			expect(countBy(rt.read, (r) => r.msg.type)).toEqual(rt.stats.carried);
			expect(rt.stats.carried.bsm).toBeGreaterThan(500);
			expect(rt.stats.notCarried).toEqual(expectedNotCarried(rt, () => true));
			expect(rt.stats.notCarried['not-heard'].bsm).toBeGreaterThan(0);
			expect(rt.stats.publications).toBe(rt.publications.length);
			const names = new Set(rt.txs.filter((t) => rt.isRsu(t.sender)).map((t) => idText(rsuId8(rt.nodeName(t.sender)))));
			const wrong = rt.read.filter(({ pub, msg }) => {
				const counted = parseRsuPayload(pub.payload, pub.topic.split('.')[2]).layout === 'counted';
				const stepMs = msg.sentAtMs! - rt.startTimeMs;
				return (
					!/^V2X\.RSU\.(BSM|MAP|SPAT|RSI|RSM|PSM)\.UP$/.test(pub.topic) || pub.qos !== 0 || counted !== (msg.type === 'bsm') ||
					msg.dialect !== 'docking' || msg.encoding !== 'uper' || !names.has(msg.sender) || stepMs % 100 !== 0 || stepMs < 0 || stepMs > 20_000
				);
			});
			expect(wrong).toEqual([]);
			expect(names).toContain('BJ-YZ-01');
		});
	}

	it('publishes the UPER on air as it is when the profile is the same (no re-encoding)', () => {
		const rt = roundTrip('docking', { encoding: 'uper', profile: 'csae157-2020' }, { seconds: 5, readProfiles: ['csae157-2020'] });
		const sent = new Map<string, number>();
		for (const t of rt.txs) {
			const copies = messageType(t.type).standard === 'cloud' ? 0 : rt.isRsu(t.sender) ? 1 : t.receivers.filter(rt.isRsu).length;
			if (copies) sent.set(toHex(t.bytes), (sent.get(toHex(t.bytes)) ?? 0) + copies);
		}
		const read = new Map<string, number>();
		for (const { msg } of rt.read) read.set(toHex(msg.bytes), (read.get(toHex(msg.bytes)) ?? 0) + 1);
		expect(read).toEqual(sent);
	});

	it('under a profile without phase 2 (the 2019 draft), counts PSM as having no UPER form and re-encodes the rest', () => {
		const hasForm = (t: string) => PHASE_1.has(t);
		const rt = roundTrip('docking', { encoding: 'uper', profile: 'csae157-2020' }, { seconds: 5, profile: 'csae53-2020-draft', hasForm });
		expect(rt.undecodable).toEqual([]);
		expect(rt.got).toEqual(rt.expected);
		expect(rt.stats.notCarried).toEqual(expectedNotCarried(rt, hasForm));
		expect(rt.stats.notCarried['no-uper'].psm).toBeGreaterThan(0);
		expect(rt.writer.notCarriedLines().join('\n')).toMatch(/^no-uper: .*psm \d+.* \(no UPER form under csae53-2020-draft\)$/m);
		expect(new Set(rt.read.map((r) => r.msg.profile))).toContain('csae53-2020-draft');
	});
});

describe('docking dialect: writer details', () => {
	const bsm = encodeFrame(sampleFrame('bsm'));
	const tx = (seq: number, receivers: number[]): Transmission => ({
		kind: 'tx', seq, t: 1234, sender: 10000 + seq, channel: 'pc5', type: 'bsm', bytes: bsm, encoding: 'protobuf', receivers, receiverCount: receivers.length, latencyMs: 5
	});
	const writer = () => new DialectWriter({ dialect: 'docking', nodeName: (id) => (id < 10 ? `RSU-X-${id}` : `car-${id}`), isRsu: (id) => id < 10, startTimeMs: 1_700_000_000_000 });

	it('batches a step\'s BSMs per hearing RSU, at most 255 to a payload', () => {
		const w = writer();
		for (let i = 0; i < 300; i++) w.add(tx(i, [1, 20]));
		w.add(tx(300, [2]));
		w.add(tx(301, [30]));
		const pubs = w.flush();
		const parsed = pubs.map((p) => parseRsuPayload(p.payload, 'BSM'));
		expect(pubs.map((p) => p.topic)).toEqual(['V2X.RSU.BSM.UP', 'V2X.RSU.BSM.UP', 'V2X.RSU.BSM.UP']);
		expect(parsed.map((p) => [idText(p.rsuId), p.frames.length, p.timestampMs])).toEqual([
			['-RSU-X-1', 255, 1_700_000_001_234],
			['-RSU-X-1', 45, 1_700_000_001_234],
			['-RSU-X-2', 1, 1_700_000_001_234]
		]);
		expect(w.stats().carried).toEqual({ bsm: 301 });
		expect(w.stats().notCarried['not-heard']).toEqual({ bsm: 1 });
		expect(w.flush()).toEqual([]);
		const back = readPublication(pubs[0].topic, pubs[0].payload);
		expect(back.messages.length).toBe(255);
		expect(back.messages.every((m) => m.sender === '-RSU-X-1' && m.sentAtMs === 1_700_000_001_234)).toBe(true);
	});

	it('counts a message it cannot map as not carried (value), and the cloud\'s types as having no UPER form', () => {
		const w = writer();
		w.add({ ...tx(1, [1]), bytes: new Uint8Array([0x0a, 0xff]) });
		w.add({ ...tx(2, []), sender: 0, channel: 'uu', type: 'speed_advice', bytes: encodeFrame(sampleFrame('speed_advice')) });
		expect(w.flush()).toEqual([]);
		expect(w.stats().notCarried).toEqual({ 'no-uper': { speed_advice: 1 }, 'not-heard': {}, value: { bsm: 1 } });
		expect(w.stats().lastWhy.value).toMatch(/^bsm #1: .*byte offset/);
	});

	it('makes an 8-octet printable id of any RSU name', () => {
		expect(idText(rsuId8('RSU-BJ-YZ-01'))).toBe('BJ-YZ-01');
		expect(idText(rsuId8('R1'))).toBe('------R1');
		expect(idText(rsuId8('路侧单元-01'))).toBe('????-01'.padStart(8, '-'));
		expect(rsuId8('路侧单元一二三四五').length).toBe(8);
	});
});

const noSamples = samplesUnavailable();
if (noSamples) console.warn(`SKIPPED docking dialect on real RSU payloads: ${noSamples}`);

describe.skipIf(noSamples)('docking dialect: the real RSU payloads (../shared/samples/uper)', () => {
	const cases: [string, string[]][] = [['bsm', ['bsm', 'bsm']], ['map', ['map_data']], ['rsi', ['rsi']], ['rsm', ['rsm']], ['spat', ['spat']]];
	for (const [name, types] of cases) {
		it(`${name}.framed.hex on V2X.RSU.${name.toUpperCase()}.UP: ${types.join(', ')} from u_id_123`, () => {
			const payload = parseHex(readFileSync(join(SAMPLES_DIR, `${name}.framed.hex`), 'utf8'));
			const r = readPublication(`V2X.RSU.${name.toUpperCase()}.UP`, payload);
			expect(r.undecodable).toBeUndefined();
			expect(r.messages.map((m) => m.type)).toEqual(types);
			expect(new Set(r.messages.map((m) => m.sender))).toEqual(new Set(['u_id_123']));
			const ts = new DataView(payload.buffer, payload.byteOffset).getBigUint64(8, true);
			expect(r.messages.every((m) => m.sentAtMs === Number(ts) && m.profile === 'csae53-2020-draft' && m.frame && m.encoding === 'uper')).toBe(true);
			const inner = name === 'bsm' ? ['bsm1', 'bsm2'] : [name];
			expect(r.messages.map((m) => toHex(m.bytes))).toEqual(inner.map((f) => readFileSync(join(SAMPLES_DIR, `${f}.uper.hex`), 'utf8').replace(/\s+/g, '').toLowerCase()));
			// without the topic the payload is still recognised as the RSU framing
			const detected = readPublication('bench/rsu-7', payload);
			expect(detected.messages.map((m) => [m.type, m.sender])).toEqual(types.map((t) => [t, 'u_id_123']));
		});
	}
	it('has the samples', () => expect(existsSync(join(SAMPLES_DIR, 'bsm.framed.hex'))).toBe(true));
});
