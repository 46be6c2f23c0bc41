// The city under live traffic, from MAP payloads written by hand (model objects, 1e-7 degree).
import { describe, expect, test } from 'vitest';
import type { PbObject } from '../codec';
import { loadCity } from '../sim';
import { Intersections, LEARNED_FIRST_ID, MAX_LEARNED_NODES } from './intersections';
import { mapNodes } from './map-reading';

const at = (lat: number, lon: number) => ({ lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7) });
const off = (dLat: number, dLon: number) => ({ posOffset: { latOffset: dLat, lonOffset: dLon } });

describe('MAP reading', () => {
	test('a Link: shape from its points, else its middle lane\'s; lanes, width, speed limit and phases', () => {
		const [n] = mapNodes({
			nodes: [
				{
					name: 'Test Rd / Main St', id: { region: 3, id: 40 }, refPos: at(30, 114),
					inLinks: [
						{
							upstreamNodeId: { region: 3, id: 41 }, laneWidth: 350, speedLimits: [{ type: 5, speed: 750 }], points: [off(1000, 0), off(500, 0)],
							movements: [{ remoteIntersection: { id: 42 }, phaseId: 2 }], lanes: [{ laneId: 1, connectsTo: [{ phaseId: 7 }] }, { laneId: 2 }]
						},
						{ upstreamNodeId: { id: 43 }, lanes: [{ laneId: 1, points: [off(0, 9)] }, { laneId: 2, points: [off(0, 1000), off(0, 500)] }, { laneId: 3 }] },
						{ name: 'no upstream', points: [off(1, 1)] }
					]
				}
			]
		});
		expect(n).toMatchObject({ key: '3:40', id: 40, name: 'Test Rd / Main St', lat: 30, lon: 114 });
		expect(n.links.length).toBe(2);
		expect(n.links[0]).toEqual({ up: '3:41', upId: 41, lanes: 2, laneWidthM: 3.5, speedLimitKmh: 54, points: [[30.0001, 114], [30.00005, 114]], phases: [2, 7] });
		expect(n.links[1]).toMatchObject({ up: '0:43', lanes: 3, laneWidthM: 3.5, speedLimitKmh: 50, points: [[30, 114.0001], [30, 114.00005]], phases: [] });
	});

	test('a LinkEx: its reference line, lanes of its first section, phases of movements and lane connections; absolute points', () => {
		const [n] = mapNodes({
			nodes: [
				{
					id: { id: 7 }, refPos: at(30, 114),
					inLinksEx: [
						{
							upstreamNodeId: { id: 8 }, linkWidth: 1000, refLine: [{ posOffset: { latOffset: 0, lonOffset: 0, lat: 300010000, lon: 1140000000 } }],
							movementsEx: [{ phaseId: 4 }], sections: [{ secId: 1, lanes: [{ laneRefId: 1, connectsToEx: [{ phaseId: 5 }] }, { laneRefId: 2 }, { laneRefId: 3 }, { laneRefId: 4 }] }]
						}
					]
				}
			]
		});
		expect(n.links).toEqual([{ up: '0:8', upId: 8, lanes: 4, laneWidthM: 2.5, speedLimitKmh: 50, points: [[30.001, 114]], phases: [4, 5] }]);
	});

	test('nodes without an id or an available position are left out; garbage is no node', () => {
		expect(mapNodes({ nodes: [{ id: { id: 1 } }, { refPos: at(1, 1) }, { id: { id: 2 }, refPos: { lat: 900000001, lon: 0 } }, null, 7] as unknown as PbObject[] })).toEqual([]);
		expect(mapNodes(undefined)).toEqual([]);
		expect(mapNodes({ nodes: 'x' } as unknown as PbObject)).toEqual([]);
	});
});

describe('Intersections', () => {
	const base = loadCity('beijing-yizhuang');
	const baseNode = base.nodes[0];

	test('a learned node links to base and learned nodes; an unknown upstream becomes an end at the first point; a far base node of the id is not used', () => {
		const x = new Intersections(base);
		const near = { lat: baseNode.lat + 0.001, lon: baseNode.lon }; // ~110 m from base node: a node of its own
		x.absorbMap({
			nodes: [
				{ id: { region: 1, id: 60001 }, refPos: at(near.lat, near.lon), inLinks: [{ upstreamNodeId: { region: 1, id: baseNode.id } }, { upstreamNodeId: { region: 1, id: 60002 } }, { upstreamNodeId: { region: 1, id: 60003 }, points: [off(900, 0)] }, { upstreamNodeId: { region: 1, id: 60004 } }] },
				{ id: { region: 1, id: 60002 }, refPos: at(near.lat + 0.1, near.lon), inLinks: [{ upstreamNodeId: { region: 1, id: base.nodes[1].id }, points: [off(10, 10)] }] }
			]
		});
		expect(x.update()).toBe(true);
		const city = x.city;
		const ids = new Map(city.nodes.map((n) => [n.id, n]));
		const a = city.nodes.find((n) => n.id >= LEARNED_FIRST_ID && Math.abs(n.lat - near.lat) < 1e-9)!;
		const into = city.links.filter((l) => l.to === a.id);
		// from the base node (near), from the learned 60002, from an end made at 60003's first point; 60004 has no shape: left out
		expect(into.map((l) => l.from).slice(0, 2)).toEqual([baseNode.id, city.nodes.find((n) => n.id >= LEARNED_FIRST_ID && Math.abs(n.lat - near.lat - 0.1) < 1e-9)!.id]);
		expect(into.length).toBe(3);
		const end = ids.get(into[2].from)!;
		expect(end.lat).toBeCloseTo(near.lat + 0.00009, 9);
		// 60002 is 11 km away: its upstream's id is a base node's, but that one is too far to be it
		const far = city.links.find((l) => l.to !== a.id && l.id >= LEARNED_FIRST_ID)!;
		expect(far.from).not.toBe(base.nodes[1].id);
		expect(far.from).toBeGreaterThanOrEqual(LEARNED_FIRST_ID);
		expect(ids.get(far.from)!.lat).toBeCloseTo(near.lat + 0.1 + 0.000001, 9);
		expect(x.version).toBe(1);
	});

	test('the simulation\'s own MAP of a base node adds nothing and does not bump the version', () => {
		const x = new Intersections(base);
		expect(x.absorbMap({ nodes: [{ id: { region: 1, id: baseNode.id }, refPos: at(baseNode.lat, baseNode.lon), inLinks: [{ upstreamNodeId: { id: base.nodes[1].id }, points: [off(5, 5)] }] }] })).toBe(true);
		expect(x.update()).toBe(false);
		expect(x.version).toBe(0);
		expect(x.city.nodes.length).toBe(base.nodes.length);
		expect(x.city.links.length).toBe(base.links.length);
	});

	test('at most MAX_LEARNED_NODES intersections are kept', () => {
		const x = new Intersections(base);
		const nodes = Array.from({ length: MAX_LEARNED_NODES + 10 }, (_, i) => ({ id: { region: 9, id: i + 1 }, refPos: at(10 + i * 1e-4, 10) }));
		x.absorbMap({ nodes });
		x.update();
		expect(x.learnedCount).toBe(MAX_LEARNED_NODES);
		expect(x.city.nodes.length).toBe(base.nodes.length + MAX_LEARNED_NODES);
	});
});
