// Lane geometry of a road as drawn: the carriageway's centre line, the lane lines, the stop lines
// at signalised approaches. Worked in local metres (x east, y north, equirectangular about the
// road's first point: roads are short) and given back in WGS-84 degrees, where the map draws.
// Right-hand traffic, as the simulation (network.ts): lane k of a direction is (k + 0.5) × width
// right of the link's line in its direction of travel; lanes count outward from the line.
import { carriagewayOffsetM, DEFAULT_LANE_WIDTH_M, type RoadShape } from './scale';

/** Metres per degree of latitude (the simulation's local projection uses the same figure). */
const M_PER_DEG_LAT = 111320;
/** A miter joint longer than this many offsets is cut (a hairpin would shoot far out). */
const MITER_LIMIT = 4;

export type LatLonPair = [number, number];
type XY = [number, number];

/** A road of the city view with the shape the map needs (`laneWidthM`, `oneWay` when the view has them). */
export interface RoadGeometryInput extends RoadShape {
	linkId: number;
	/** [lat, lon] from the link's `from` node to its `to` node */
	points: LatLonPair[];
}

/** A dashed or solid line along a road, or a stop line across it (WGS-84 points; width in m). */
export interface Marking {
	points: LatLonPair[];
	kind: 'lane' | 'centre' | 'stop';
	widthM: number;
}

function local(origin: LatLonPair) {
	const kx = M_PER_DEG_LAT * Math.cos((origin[0] * Math.PI) / 180);
	return {
		toXY: ([lat, lon]: LatLonPair): XY => [(lon - origin[1]) * kx, (lat - origin[0]) * M_PER_DEG_LAT],
		toLatLon: ([x, y]: XY): LatLonPair => [origin[0] + y / M_PER_DEG_LAT, origin[1] + x / kx]
	};
}

/**
 * The polyline `pts` moved `offset` m to the right of its direction of travel (negative: left),
 * with mitred joints (cut at MITER_LIMIT × offset). Points closer than 1 mm to the previous are
 * dropped; fewer than two distinct points give them back unmoved.
 */
export function offsetPolyline(pts: XY[], offset: number): XY[] {
	const p = pts.filter((q, i) => i === 0 || Math.hypot(q[0] - pts[i - 1][0], q[1] - pts[i - 1][1]) > 1e-3);
	if (p.length < 2 || offset === 0) return p.map((q) => [q[0], q[1]]);
	// right-hand normal of a direction (dx, dy) with y north is (dy, -dx)
	const normals = p.slice(1).map((q, i) => {
		const dx = q[0] - p[i][0];
		const dy = q[1] - p[i][1];
		const len = Math.hypot(dx, dy);
		return [dy / len, -dx / len] as XY;
	});
	return p.map((q, i) => {
		const a = normals[Math.max(0, i - 1)];
		const b = normals[Math.min(normals.length - 1, i)];
		let nx = a[0] + b[0];
		let ny = a[1] + b[1];
		const nlen = Math.hypot(nx, ny);
		if (nlen < 1e-9) return [q[0] + a[0] * offset, q[1] + a[1] * offset];
		nx /= nlen;
		ny /= nlen;
		// the miter: the bisector scaled so each segment's side stays `offset` away
		const k = Math.min(MITER_LIMIT, 1 / Math.max(1e-9, nx * a[0] + ny * a[1]));
		return [q[0] + nx * offset * k, q[1] + ny * offset * k];
	});
}

/** The part of a polyline between distances `from` and `to` along it (m). */
export function slicePolyline(pts: XY[], from: number, to: number): XY[] {
	const out: XY[] = [];
	let at = 0;
	for (let i = 1; i < pts.length; i++) {
		const [x0, y0] = pts[i - 1];
		const len = Math.hypot(pts[i][0] - x0, pts[i][1] - y0);
		const point = (s: number): XY => {
			const t = len ? (s - at) / len : 0;
			return [x0 + (pts[i][0] - x0) * t, y0 + (pts[i][1] - y0) * t];
		};
		if (at + len >= from && at <= to) {
			if (!out.length) out.push(point(Math.max(from, at)));
			out.push(point(Math.min(to, at + len)));
		}
		at += len;
	}
	return out;
}

function lengthOf(pts: XY[]): number {
	let total = 0;
	for (let i = 1; i < pts.length; i++) total += Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
	return total;
}

/** The carriageway's centre line (WGS-84): the link's line, moved right by half the width for a one-way road. */
export function carriagewayLine(r: RoadGeometryInput): LatLonPair[] {
	const off = carriagewayOffsetM(r);
	if (!off || r.points.length < 2) return r.points;
	const proj = local(r.points[0]);
	return offsetPolyline(r.points.map(proj.toXY), off).map(proj.toLatLon);
}

/**
 * Lane lines and stop lines of a road. `clearM` at each end (the junction's half size, as the
 * simulation's node radius) is left unmarked: lane lines stop there, and a stop line is drawn
 * there across the lanes entering a signalised end (`signalAt.to` / `signalAt.from`).
 * Two-way: a solid centre line, dashed lines between the lanes of each direction. One-way:
 * dashed lines between its lanes.
 */
export function roadMarkings(r: RoadGeometryInput, clearM: { from: number; to: number }, signalAt: { from: boolean; to: boolean }): Marking[] {
	if (r.points.length < 2) return [];
	const w = r.laneWidthM ?? DEFAULT_LANE_WIDTH_M;
	const proj = local(r.points[0]);
	const line = r.points.map(proj.toXY);
	const total = lengthOf(line);
	const out: Marking[] = [];
	const along = (offset: number, from: number, to: number) => slicePolyline(offsetPolyline(line, offset), from, to).map(proj.toLatLon);
	const start = Math.min(clearM.from, total / 2);
	const end = Math.max(total - clearM.to, total / 2);
	if (!r.oneWay) out.push({ points: along(0, start, end), kind: 'centre', widthM: 0.2 });
	for (let k = 1; k < r.lanes; k++) {
		out.push({ points: along(k * w, start, end), kind: 'lane', widthM: 0.15 });
		if (!r.oneWay) out.push({ points: along(-k * w, start, end), kind: 'lane', widthM: 0.15 });
	}
	const across = r.lanes * w;
	// a stop line runs from the link's line across the lanes entering the node
	if (signalAt.to) {
		const a = slicePolyline(offsetPolyline(line, 0), end, end)[0];
		const b = slicePolyline(offsetPolyline(line, across), end, end)[0];
		if (a && b) out.push({ points: [proj.toLatLon(a), proj.toLatLon(b)], kind: 'stop', widthM: 0.4 });
	}
	if (signalAt.from && !r.oneWay) {
		const a = slicePolyline(offsetPolyline(line, 0), start, start)[0];
		const b = slicePolyline(offsetPolyline(line, -across), start, start)[0];
		if (a && b) out.push({ points: [proj.toLatLon(a), proj.toLatLon(b)], kind: 'stop', widthM: 0.4 });
	}
	return out;
}
