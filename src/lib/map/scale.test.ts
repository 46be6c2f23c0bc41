// The map's metre/pixel maths, lane geometry (checked against where the simulation puts its
// vehicles) and framing clear of the panels.
import { describe, expect, it } from 'vitest';
import { Network } from '../sim/network';
import type { CityFile } from '../sim/roads/types';
import type { CityView } from '../worker/protocol';
import { cityMarkings, cityRoads } from './city-geometry';
import { allInside, freeArea, panelPadding } from './framing';
import { carriagewayLine, offsetPolyline, roadMarkings, slicePolyline } from './lanes';
import { carriagewayM, carriagewayOffsetM, metersPerPixel, metersToPx, roadWidthPx } from './scale';

const M_PER_DEG_LAT = 111320;

describe('metres and pixels', () => {
	it('a pixel covers 156,543 m at zoom 0 on the equator, half that per zoom level, less by cos(latitude)', () => {
		expect(metersPerPixel(0, 0)).toBeCloseTo(156543.03, 1);
		expect(metersPerPixel(0, 18)).toBeCloseTo(156543.03 / 2 ** 18, 6);
		expect(metersPerPixel(60, 18) / metersPerPixel(0, 18)).toBeCloseTo(0.5, 9);
		// Beijing Yizhuang (39.78° N) at zoom 18: about 0.46 m a pixel
		expect(metersPerPixel(39.78, 18)).toBeCloseTo(0.4594, 3);
		expect(metersPerPixel(39.78, 16.5)).toBeCloseTo(metersPerPixel(39.78, 18) * 2 ** 1.5, 9);
	});

	it('a road is lanes × lane width each way it carries, to scale zoomed in, never thinner than its minimum zoomed out', () => {
		expect(carriagewayM({ lanes: 3, laneWidthM: 3.5 })).toBe(21);
		expect(carriagewayM({ lanes: 2, laneWidthM: 3.25, oneWay: true })).toBe(6.5);
		expect(carriagewayM({ lanes: 2 })).toBe(14); // 3.5 m lanes when the view does not say
		expect(carriagewayOffsetM({ lanes: 2, laneWidthM: 3.25, oneWay: true })).toBe(3.25);
		expect(carriagewayOffsetM({ lanes: 2, laneWidthM: 3.25 })).toBe(0);
		const mpp18 = metersPerPixel(39.78, 18);
		expect(roadWidthPx({ lanes: 3, laneWidthM: 3.5 }, mpp18)).toBeCloseTo(21 / mpp18, 9);
		// zoom 13: 21 m is 1.4 px; drawn 8 px (2 px + 1 px a lane)
		expect(roadWidthPx({ lanes: 3, laneWidthM: 3.5 }, metersPerPixel(39.78, 13))).toBe(8);
		expect(metersToPx(10, 2)).toBe(5);
		expect(metersToPx(10, 2, 7)).toBe(7);
	});
});

describe('lane geometry', () => {
	it('moves a polyline to the right of its direction, corners mitred so both sides stay at the offset', () => {
		// east then north (y is north): right of east is south, right of north is east
		const moved = offsetPolyline([[0, 0], [100, 0], [100, 100]], 5);
		expect(moved[0][0]).toBeCloseTo(0, 9);
		expect(moved[0][1]).toBeCloseTo(-5, 9);
		expect(moved[1][0]).toBeCloseTo(105, 9);
		expect(moved[1][1]).toBeCloseTo(-5, 9);
		expect(moved[2][0]).toBeCloseTo(105, 9);
		expect(moved[2][1]).toBeCloseTo(100, 9);
		expect(offsetPolyline([[0, 0], [10, 0]], -2).map((p) => p[1])).toEqual([2, 2]);
		// repeated points are dropped, not divided by zero
		expect(offsetPolyline([[0, 0], [0, 0], [10, 0]], 1)).toHaveLength(2);
	});

	it('cuts a part of a polyline by distance along it', () => {
		const part = slicePolyline([[0, 0], [10, 0], [10, 10]], 5, 15);
		expect(part).toEqual([[5, 0], [10, 0], [10, 5]]);
		expect(slicePolyline([[0, 0], [10, 0]], 4, 4)[0]).toEqual([4, 0]);
	});

	it('every lane of a curved one-way link, where the simulation drives, lies inside the carriageway drawn right of its line', () => {
		const lat = 31.28;
		const lon = 121.16;
		const dLat = (m: number) => m / M_PER_DEG_LAT;
		const dLon = (m: number) => m / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
		// a quarter circle of radius 120 m, and a two-way straight link
		const arc: [number, number][] = Array.from({ length: 7 }, (_, i) => {
			const a = ((i + 1) / 8) * (Math.PI / 2);
			return [lat + dLat(120 * Math.sin(a)), lon + dLon(120 - 120 * Math.cos(a))];
		});
		const city: CityFile = {
			id: 'test-curve', city: { en: 'T', zh: 'T' }, zone: { en: 'T', zh: 'T' }, center: [lat, lon], source: 'test', approximate: true,
			nodes: [{ id: 1, lat, lon }, { id: 2, lat: lat + dLat(120), lon: lon + dLon(120) }, { id: 3, lat: lat + dLat(120), lon: lon + dLon(300) }],
			links: [
				{ id: 10, name: { en: 'Arc', zh: '弧' }, from: 1, to: 2, points: arc, lanes: 3, laneWidthM: 3.25, speedLimitKmh: 50, oneWay: true },
				{ id: 11, name: { en: 'Straight', zh: '直' }, from: 2, to: 3, points: [], lanes: 2, laneWidthM: 3.5, speedLimitKmh: 50 }
			],
			rsus: []
		};
		const net = new Network(city);
		const view = {
			roads: city.links.map((l) => ({
				linkId: l.id, name: l.name, lanes: l.lanes, laneWidthM: l.laneWidthM, oneWay: l.oneWay,
				points: [[city.nodes.find((n) => n.id === l.from)!.lat, city.nodes.find((n) => n.id === l.from)!.lon], ...l.points, [city.nodes.find((n) => n.id === l.to)!.lat, city.nodes.find((n) => n.id === l.to)!.lon]]
			})),
			nodes: city.nodes.map((n) => ({ ...n, signal: false }))
		} as unknown as CityView;
		const roads = cityRoads(view);
		let checked = 0;
		for (const e of net.edges) {
			const road = roads.find((r) => r.linkId === e.linkId)!;
			const half = (road.shape.lanes * road.shape.laneWidthM * (road.shape.oneWay ? 1 : 2)) / 2;
			const line = road.line.map(([la, lo]) => net.proj.toXY(la, lo));
			for (let s = 0; s <= e.length; s += 2)
				for (let lane = 0; lane < e.lanes; lane++) {
					const p = net.pointAt(e, s, lane);
					// a car's half width (0.93 m) inside the drawn edge
					expect(distanceToPolyline(p.x, p.y, line.map((q) => [q.x, q.y])), `link ${e.linkId} lane ${lane} at ${s} m`).toBeLessThanOrEqual(half - 0.93);
					checked++;
				}
		}
		expect(checked).toBeGreaterThan(500);
		// the one-way carriageway really is moved: its line is 1.5 lanes (4.875 m) right of the link's
		const arcLine = carriagewayLine({ ...view.roads[0], lanes: 3, laneWidthM: 3.25, oneWay: true });
		const p0 = net.proj.toXY(arcLine[0][0], arcLine[0][1]);
		expect(Math.hypot(p0.x, p0.y)).toBeCloseTo(4.875, 1); // the simulation's projection differs by mm
	});

	it('lane lines between lanes, a centre line on two-way roads, a stop line across the lanes entering a signalised end, none in the junction', () => {
		const lat = 39.78;
		const road = { linkId: 1, lanes: 3, laneWidthM: 3.5, points: [[lat, 116.5], [lat + 200 / M_PER_DEG_LAT, 116.5]] as [number, number][] };
		const marks = roadMarkings(road, { from: 0, to: 13 }, { from: false, to: true });
		expect(marks.filter((m) => m.kind === 'centre')).toHaveLength(1);
		expect(marks.filter((m) => m.kind === 'lane')).toHaveLength(4);
		const stop = marks.filter((m) => m.kind === 'stop');
		expect(stop).toHaveLength(1);
		// northbound: 13 m before the end, from the centre line 10.5 m to the east (the right)
		const kx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
		const [a, b] = stop[0].points;
		expect((a[0] - lat) * M_PER_DEG_LAT).toBeCloseTo(187, 6);
		expect((b[1] - a[1]) * kx).toBeCloseTo(10.5, 6);
		for (const m of marks) for (const p of m.points) expect((p[0] - lat) * M_PER_DEG_LAT).toBeLessThanOrEqual(187 + 1e-6);
		const oneWay = roadMarkings({ ...road, oneWay: true }, { from: 0, to: 0 }, { from: true, to: false });
		expect(oneWay.map((m) => m.kind)).toEqual(['lane', 'lane']);
	});

	it('a city: stop lines at the simulation stop line (junction radius: widest road lanes × width + 2.5 m)', () => {
		const lat = 39.78;
		const north = (m: number): [number, number] => [lat + m / M_PER_DEG_LAT, 116.5];
		const city = {
			nodes: [{ id: 1, lat, lon: 116.5, signal: true }, { id: 2, lat: north(150)[0], lon: 116.5, signal: false }, { id: 3, lat: north(-150)[0], lon: 116.5, signal: false }],
			roads: [
				{ linkId: 1, name: { en: '', zh: '' }, lanes: 2, laneWidthM: 3.25, points: [north(150), north(0)] },
				{ linkId: 2, name: { en: '', zh: '' }, lanes: 3, laneWidthM: 3.5, points: [north(-150), north(0)] }
			]
		} as unknown as CityView;
		const stops = cityMarkings(city).filter((m) => m.kind === 'stop');
		expect(stops).toHaveLength(2);
		// radius 3 × 3.5 + 2.5 = 13 m for both approaches
		expect(stops.map((s) => Math.round(Math.abs(s.points[0][0] - lat) * M_PER_DEG_LAT * 1000) / 1000).sort()).toEqual([13, 13]);
	});
});

describe('framing clear of the panels', () => {
	const map = { left: 0, top: 60, right: 1100, bottom: 900 };

	it('a tall panel on the left pads the left; a small badge at the top right pads the top; others are ignored', () => {
		const pad = panelPadding(map, [
			{ left: 56, top: 70, right: 436, bottom: 700 },
			{ left: 950, top: 94, right: 1090, bottom: 140 },
			{ left: 1200, top: 0, right: 1400, bottom: 900 } // beside the map
		]);
		expect(pad.paddingTopLeft).toEqual([436 + 24, 80 + 24]);
		expect(pad.paddingBottomRight).toEqual([24, 24]);
		const free = freeArea({ x: 1100, y: 840 }, pad);
		expect(free).toEqual({ left: 460, top: 104, right: 1076, bottom: 816 });
		expect(allInside(free, [{ x: 500, y: 200 }])).toBe(true);
		expect(allInside(free, [{ x: 300, y: 200 }])).toBe(false);
	});

	it('panels that would hide most of the map leave at least 35 % of it free', () => {
		const pad = panelPadding(map, [{ left: 0, top: 60, right: 700, bottom: 900 }, { left: 600, top: 60, right: 1100, bottom: 900 }]);
		const w = 1100 - pad.paddingTopLeft[0] - pad.paddingBottomRight[0] + 48;
		expect(w).toBeCloseTo(1100 * 0.35, 6);
	});
});

function distanceToPolyline(x: number, y: number, pts: [number, number][]): number {
	let best = Infinity;
	for (let i = 1; i < pts.length; i++) {
		const [ax, ay] = pts[i - 1];
		const [bx, by] = pts[i];
		const dx = bx - ax;
		const dy = by - ay;
		const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
		best = Math.min(best, Math.hypot(x - ax - dx * t, y - ay - dy * t));
	}
	return best;
}
