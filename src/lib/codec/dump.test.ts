// The wire dump labels repeated elements by their true index (issue 10).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleFrame } from '../samples';
import { decodeFrame, dumpMessage, encodeFrame, frameTypes, parseHex, tiles, toHex, type DumpNode } from './index';

const leaves = (n: DumpNode): DumpNode[] => (n.children?.length ? n.children.flatMap(leaves) : [n]);
const lanes = (hex: string) =>
	leaves(dumpMessage(parseHex(hex)).root)
		.filter((n) => n.name === 'affected_lanes')
		.map((n) => `${n.path}=${n.value}`);

describe('repeated elements in the wire dump', () => {
	// HazardNotice.affected_lanes (field 11, repeated uint32) in MessageFrame.hazard_notice (21)
	it('counts across packed chunks', () => {
		// 5a 02 03 04 = packed [3, 4]; 5a 01 05 = packed [5]
		expect(lanes('08 01 aa 01 07 5a 02 03 04 5a 01 05')).toEqual([
			'hazard_notice.affected_lanes[0]=3', 'hazard_notice.affected_lanes[1]=4', 'hazard_notice.affected_lanes[2]=5'
		]);
		// what a parser makes of the same bytes: one list of three
		expect(decodeFrame(parseHex('08 01 aa 01 07 5a 02 03 04 5a 01 05')).hazardNotice?.affectedLanes).toEqual([3, 4, 5]);
	});
	it('counts across packed and unpacked chunks, in either order', () => {
		// 58 03 = unpacked 3; 5a 02 04 05 = packed [4, 5]; 58 06 = unpacked 6
		const hex = '08 01 aa 01 08 58 03 5a 02 04 05 58 06';
		expect(lanes(hex)).toEqual([
			'hazard_notice.affected_lanes[0]=3', 'hazard_notice.affected_lanes[1]=4', 'hazard_notice.affected_lanes[2]=5', 'hazard_notice.affected_lanes[3]=6'
		]);
		expect(decodeFrame(parseHex(hex)).hazardNotice?.affectedLanes).toEqual([3, 4, 5, 6]);
	});
	it('gives a field with the wrong wire type no index: it is an unknown field', () => {
		// 5d = field 11 as I32, not a repeated uint32 element
		const d = dumpMessage(parseHex('08 01 aa 01 09 58 03 5d 01 00 00 00 58 04'));
		const kids = d.root.children![1].children!;
		expect(kids.map((k) => [k.path, k.unknown ?? false])).toEqual([
			['hazard_notice.affected_lanes[0]', false], ['hazard_notice.affected_lanes', true], ['hazard_notice.affected_lanes[1]', false]
		]);
	});
	it('indexes repeated messages per field', () => {
		// RouteGuidance.road_names (6, repeated string) twice around another field
		const d = dumpMessage(parseHex('08 01 b2 01 08 32 01 61 08 01 32 01 62'));
		expect(leaves(d.root).filter((n) => n.name === 'road_names').map((n) => n.path)).toEqual(['route_guidance.road_names[0]', 'route_guidance.road_names[1]']);
	});
});

describe('partial dumps (issue 12: the tree up to the failure, then raw)', () => {
	const bsm = encodeFrame(sampleFrame('bsm'));

	it('without `partial` nothing changes: the walk stops at the first error', () => {
		const d = dumpMessage(bsm.slice(0, 20));
		expect(d.error?.code).toBe('truncated');
		expect(leaves(d.root).some((n) => n.malformed || n.raw)).toBe(false);
	});

	it('a truncated message is read as far as it goes; its field is malformed, naming the byte offset', () => {
		const d = dumpMessage(bsm.slice(0, 20), undefined, { partial: true });
		expect(d.error?.message).toBe(`length prefix says ${bsm[3]} bytes but only 16 remain at bsm (byte offset 3)`);
		const frame = d.root.children!;
		expect(frame.map((n) => n.path)).toEqual(['protocol_version', 'bsm']);
		expect(frame[1].malformed).toBe(d.error!.message);
		expect(frame[1].children!.map((n) => n.path)).toEqual(['bsm.msg_cnt', 'bsm.id', 'bsm.sec_mark']);
		expect(tiles(d.root)).toBe(true);
	});

	it('a field cut inside its value: the node keeps its tag, one raw node takes the rest', () => {
		// bsm.id (8 octets from byte 8) cut after 3 of them
		const d = dumpMessage(bsm.slice(0, 11), undefined, { partial: true });
		const kids = d.root.children![1].children!;
		expect(kids.map((n) => [n.path, n.offset, n.length, !!n.malformed, !!n.raw])).toEqual([
			['bsm.msg_cnt', 4, 2, false, false], ['bsm.id', 6, 2, true, false], ['bsm', 8, 3, false, true]
		]);
		expect(kids[1].malformed).toBe('length prefix says 8 bytes but only 3 remain at bsm.id (byte offset 7)');
		expect(kids[2].value).toBe(toHex(bsm.subarray(8, 11), ' '));
		expect(tiles(d.root)).toBe(true);
	});

	it('damaged frames: a partial dump always tiles the input and keeps the first error', () => {
		const samples = frameTypes().map((t) => encodeFrame(sampleFrame(t.name)));
		fc.assert(
			fc.property(fc.nat({ max: samples.length - 1 }), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(), (which, at, value, cut) => {
				const b = samples[which].slice(0, 1 + (cut % samples[which].length));
				b[at % b.length] = value;
				const d = dumpMessage(b, undefined, { partial: true });
				expect(tiles(d.root)).toBe(true);
				expect(d.error?.message).toBe(dumpMessage(b).error?.message);
			}),
			{ numRuns: 400 }
		);
	});
});
