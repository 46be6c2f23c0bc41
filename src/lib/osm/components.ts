// Keeps the largest connected road network (by length): vehicles cannot reach the rest, and
// islands (a car park's service roads, a piece cut off at the extract's edge) only clutter the map.
import { haversine } from '../sim/geo';
import type { Segment } from './graph';
import type { OsmData } from './parse';

/** Length of a segment's polyline, m. */
export function segmentLength(d: OsmData, s: Segment): number {
	let m = 0;
	for (let k = 1; k < s.pts.length; k++) m += haversine(d.lat[s.pts[k - 1]], d.lon[s.pts[k - 1]], d.lat[s.pts[k]], d.lon[s.pts[k]]);
	return m;
}

/** The segments of the longest connected network, and how many other networks (and segments) were dropped. */
export function largestNetwork(d: OsmData, segments: Segment[]): { kept: Segment[]; droppedFragments: number; droppedSegments: number } {
	const parent = new Map<number, number>();
	const find = (i: number): number => {
		let r = i;
		while (parent.has(r)) r = parent.get(r)!;
		if (r !== i) parent.set(i, r);
		return r;
	};
	for (const s of segments) {
		const a = find(s.pts[0]);
		const b = find(s.pts[s.pts.length - 1]);
		if (a !== b) parent.set(b, a);
	}
	const length = new Map<number, number>();
	for (const s of segments) {
		const r = find(s.pts[0]);
		length.set(r, (length.get(r) ?? 0) + segmentLength(d, s));
	}
	let best = -1;
	let bestM = -1;
	// ties go to the network met first in the file, so the result does not depend on map order
	for (const [r, m] of length) if (m > bestM) [best, bestM] = [r, m];
	const kept = segments.filter((s) => find(s.pts[0]) === best);
	return { kept, droppedFragments: Math.max(0, length.size - 1), droppedSegments: segments.length - kept.length };
}
