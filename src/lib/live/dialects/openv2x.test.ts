// The openv2x dialect end to end: RSU messages and the BSMs RSUs heard as X.697 JER (JSON) on
// V2X/RSU/<esn>/<TYPE>/UP, read back to the same model frames.
import { describe, expect, it } from 'vitest';
import { messageType, toHex } from '../../codec';
import { decodeUperFrame, profile, toJer } from '../../uper';
import { readPublication } from './read';
import { countBy, roundTrip } from './testing/round-trip';

const json = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));

describe('openv2x dialect: round trip of a 20 s simulation', () => {
	for (const onAir of [{ encoding: 'protobuf' as const }, { encoding: 'uper' as const, profile: 'csae157-2020' as const }]) {
		it(`carries RSU messages and heard BSMs as JER (on air: ${onAir.encoding}) and reads back the same frames`, () => {
			const rt = roundTrip('openv2x', onAir);
			expect(rt.undecodable).toEqual([]);
			expect(rt.got).toEqual(rt.expected);
			expect(countBy(rt.read, (r) => r.msg.type)).toEqual(rt.stats.carried);
			expect(rt.stats.carried.bsm).toBeGreaterThan(500);
			expect(Object.keys(rt.stats.notCarried['no-uper']).every((t) => messageType(t).standard === 'cloud')).toBe(true);
			const esns = new Set(rt.txs.filter((t) => rt.isRsu(t.sender)).map((t) => rt.nodeName(t.sender)));
			const wrong = rt.read.filter(({ pub, msg }) => {
				const m = /^V2X\/RSU\/([^/]+)\/(BSM|MAP|SPAT|RSI|RSM|PSM)\/UP$/.exec(pub.topic);
				const body = json(pub.payload);
				return !m || m[1] !== msg.sender || !esns.has(msg.sender) || pub.qos !== 0 || Array.isArray(body) !== (m[2] === 'BSM') || msg.dialect !== 'openv2x' || msg.encoding !== 'uper';
			});
			expect(wrong).toEqual([]);
			expect(esns).toContain('RSU-BJ-YZ-01');
		});
	}

	it('writes the message itself: the CHOICE alternative\'s value, a phase-2 message without its msgFrameExt wrapper', () => {
		const rt = roundTrip('openv2x', { encoding: 'uper', profile: 'csae157-2020' }, { seconds: 3, readProfiles: ['csae157-2020'] });
		const set = profile('csae157-2020').schema;
		const spatTx = rt.txs.find((t) => t.type === 'spat')!;
		const spatPub = rt.publications.find((p) => p.topic === `V2X/RSU/${rt.nodeName(spatTx.sender)}/SPAT/UP`)!;
		expect(json(spatPub.payload)).toEqual((toJer('MessageFrame', decodeUperFrame(spatTx.bytes, 'csae157-2020').value, set) as { spatFrame: unknown }).spatFrame);
		const psm = rt.publications.find((p) => p.topic.endsWith('/PSM/UP'))!;
		expect(json(psm.payload)).toHaveProperty('id');
		expect(json(psm.payload)).not.toHaveProperty('messageId');
		// read under the writer's profile, the UPER is the very bytes that went on the air (canonical)
		const sent = new Set(rt.txs.map((t) => toHex(t.bytes)));
		expect(rt.read.filter((r) => !sent.has(toHex(r.msg.bytes)))).toEqual([]);
	});

	it('reads a BSM batch with one bad element: the others kept, the bad one named by its JSON path', () => {
		const rt = roundTrip('openv2x', { encoding: 'uper', profile: 'csae157-2020' }, { seconds: 2 });
		const pub = rt.publications.find((p) => p.topic.endsWith('/BSM/UP') && json(p.payload).length >= 2)!;
		const batch = json(pub.payload);
		batch[1].speed = 99_999;
		const r = readPublication(pub.topic, new TextEncoder().encode(JSON.stringify(batch)));
		expect(r.messages.length).toBe(batch.length - 1);
		expect(r.undecodable?.error).toMatch(new RegExp(`^1 of ${batch.length} messages do not decode; first: under csae53-2020-draft: .*99999.* at \\$\\[1\\]\\.speed$`));
	});
});
