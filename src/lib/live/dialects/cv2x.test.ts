// The cv2x dialect end to end: a simulation's every transmission as a protobuf MessageFrame on
// cv2x/v1/<node>/<type>, read back to the same model frames.
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, makeFrame, messageType, toHex } from '../../codec';
import type { Transmission } from '../../sim';
import { readPublication } from './read';
import { countBy, roundTrip } from './testing/round-trip';
import { DialectWriter } from './writer';

describe('cv2x dialect: round trip of a 20 s simulation', () => {
	for (const onAir of [{ encoding: 'protobuf' as const }, { encoding: 'uper' as const, profile: 'csae157-2020' as const }]) {
		it(`carries every transmission (on air: ${onAir.encoding}) and reads back the same frames`, () => {
			const rt = roundTrip('cv2x', onAir);
			expect(rt.txs.length).toBeGreaterThan(3000);
			expect(rt.undecodable).toEqual([]);
			expect(rt.publications.length).toBe(rt.txs.length);
			expect(rt.got).toEqual(rt.expected);
			const sent = countBy(rt.txs, (t) => t.type);
			expect(countBy(rt.read, (r) => r.msg.type)).toEqual(sent);
			expect(rt.stats.carried).toEqual(sent);
			expect(rt.writer.notCarriedLines()).toEqual([]);
			expect(Object.keys(sent)).toEqual(expect.arrayContaining(['bsm', 'spat', 'map_data', 'rsm', 'psm', 'vehicle_status_report']));
			// topics name the sender and type; QoS 1 only for the cloud's acknowledged Uu messages
			// (mismatches collected, one assertion: thousands of expect calls cost seconds)
			const wrong = rt.publications.flatMap((p, i) => {
				const tx = rt.txs[i];
				const topic = `cv2x/v1/${rt.nodeName(tx.sender)}/${tx.type}`;
				const qos = messageType(tx.type).channel === 'uu' ? 1 : 0;
				// protobuf on air: the transmission's own bytes are published
				const same = onAir.encoding === 'uper' || p.payload === tx.bytes;
				return p.topic === topic && p.qos === qos && same ? [] : [`#${i} ${p.topic} qos ${p.qos}`];
			});
			expect(wrong).toEqual([]);
			const badReads = rt.read.filter(
				({ pub, msg }) => msg.dialect !== 'cv2x' || msg.encoding !== 'protobuf' || msg.sender !== pub.topic.split('/')[2] || toHex(msg.bytes) !== toHex(pub.payload)
			);
			expect(badReads).toEqual([]);
		});
	}
});

describe('cv2x dialect: writer details', () => {
	const base = { nodeName: (id: number) => (id === 7 ? 'odd/name+#' : `car-${id}`), isRsu: () => false, startTimeMs: 0 };
	const tx = (over: Partial<Transmission>): Transmission => ({
		kind: 'tx', seq: 0, t: 0, sender: 7, channel: 'pc5', type: 'test_msg', bytes: encodeFrame(makeFrame('test_msg', { msgCnt: 1, userData: new Uint8Array([1]) })), encoding: 'protobuf', receivers: [], receiverCount: 0, latencyMs: 5, ...over
	});

	it('makes node names fit one topic level (no /, + or #)', () => {
		const w = new DialectWriter({ dialect: 'cv2x', ...base });
		w.add(tx({}));
		const [p] = w.flush();
		expect(p.topic).toBe('cv2x/v1/odd_name__/test_msg');
		expect(readPublication(p.topic, p.payload).messages[0].sender).toBe('odd_name__');
	});

	it('counts UPER it cannot turn back into the model as not carried (value), and goes on', () => {
		const w = new DialectWriter({ dialect: 'cv2x', ...base });
		w.add(tx({ encoding: 'uper', profile: 'csae157-2020', bytes: new Uint8Array([0xff, 0xff]) }));
		w.add(tx({ sender: 8 }));
		expect(w.flush().map((p) => p.topic)).toEqual(['cv2x/v1/car-8/test_msg']);
		expect(w.stats().notCarried.value).toEqual({ test_msg: 1 });
		expect(w.stats().lastWhy.value).toMatch(/test_msg #0: .*bit offset/);
		expect(w.notCarriedLines()).toEqual(['value: test_msg 1 (a value the profile cannot carry)']);
	});

	it('converts UPER on air back to the protobuf model', () => {
		const rt = roundTrip('cv2x', { encoding: 'uper', profile: 'csae53-2020-draft' }, { seconds: 2 });
		const uper = rt.txs.findIndex((t) => t.encoding === 'uper');
		expect(uper).toBeGreaterThanOrEqual(0);
		expect(toHex(rt.publications[uper].payload)).not.toBe(toHex(rt.txs[uper].bytes));
		expect(decodeFrame(rt.publications[uper].payload).bsm ?? decodeFrame(rt.publications[uper].payload).spat).toBeTruthy();
	});
});
