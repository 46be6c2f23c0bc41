// Positions in received messages: an absolute Position3D, or a PositionOffsetLLV relative to the
// message's reference position (T/CSAE 53-2020 DF_PositionOffsetLLV: offsets in 1e-7 degree, or
// the absolute choice position-LatLon that deployed RSUs send).
import type { PbObject } from '../codec';
import { positionDeg } from '../sim';

export interface LatLon {
	lat: number;
	lon: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The point a PositionOffsetLLV `offset` names, in degrees: its own lat/lon when it carries the
 * absolute choice, else `ref` (a Position3D, 1e-7 degree) plus its offsets. Null when either is
 * missing or unavailable.
 */
export function offsetPosition(ref: unknown, offset: unknown): LatLon | null {
	const o = (offset ?? null) as PbObject | null;
	if (!o) return null;
	if (num(o.lat) !== null && num(o.lon) !== null) return positionDeg({ lat: o.lat, lon: o.lon });
	const r = (ref ?? null) as PbObject | null;
	const lat = num(r?.lat);
	const lon = num(r?.lon);
	if (lat === null || lon === null || !positionDeg(r)) return null; // an unavailable reference moves nothing
	return positionDeg({ lat: lat + (num(o.latOffset) ?? 0), lon: lon + (num(o.lonOffset) ?? 0) });
}

/** A PathPoint list (`{posOffset}` items) as [lat, lon] degrees from `ref`; points that do not resolve are left out. */
export function pathPoints(ref: unknown, points: unknown): [number, number][] {
	const out: [number, number][] = [];
	if (!Array.isArray(points)) return out;
	for (const p of points as PbObject[]) {
		const at = offsetPosition(ref, (p as PbObject | null)?.posOffset);
		if (at) out.push([at.lat, at.lon]);
	}
	return out;
}
