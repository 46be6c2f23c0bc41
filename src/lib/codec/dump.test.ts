// The wire dump labels repeated elements by their true index (issue 10).
import { describe, expect, it } from 'vitest';
import { decodeFrame, dumpMessage, parseHex, type DumpNode } from './index';

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
