// Makes segments the city format accepts: a link's two ends are distinct nodes at least 5 m
// apart (checkCityFile). A segment that closes on itself or whose ends are closer is cut at its
// shape point farthest from both ends, if that is 5 m or more away; otherwise it is a stub of a
// junction drawn as several close nodes (dual carriageways, OSM's split junctions), and its ends
// are merged into one junction.
import { haversine } from '../sim/geo';
import type { OsmData } from './parse';
import type { Segment } from './graph';

/** Shortest link the format allows, m (sim/roads/load.ts). */
export const MIN_LINK_M = 5;

/** Union-find over node indices: the junction each node was merged into. */
export class Merges {
	private parent = new Map<number, number>();

	find(i: number): number {
		let r = i;
		while (this.parent.has(r)) r = this.parent.get(r)!;
		if (r !== i) this.parent.set(i, r);
		return r;
	}

	/** Merges junction `drop` into junction `keep`. */
	merge(keep: number, drop: number) {
		if (keep !== drop) this.parent.set(drop, keep);
	}

	get count(): number {
		return this.parent.size;
	}
}

/** The interior point of `pts` farthest from both ends (its index), and that distance, m. */
function farthestInterior(d: OsmData, pts: number[], a: number, b: number): { k: number; m: number } {
	let best = { k: -1, m: -1 };
	for (let k = 1; k < pts.length - 1; k++) {
		const p = pts[k];
		const m = Math.min(haversine(d.lat[p], d.lon[p], d.lat[a], d.lon[a]), haversine(d.lat[p], d.lon[p], d.lat[b], d.lon[b]));
		if (m > best.m) best = { k, m };
	}
	return best;
}

/**
 * Cuts or merges until every segment joins two distinct junctions at least MIN_LINK_M apart.
 * Returns the segments with their end nodes replaced by the junctions they were merged into.
 */
export function fixShortSegments(d: OsmData, segments: Segment[], notes: string[]): { segments: Segment[]; merges: Merges } {
	const merges = new Merges();
	let queue = segments;
	let loops = 0;
	for (let changed = true, pass = 0; changed && pass < 50; pass++) {
		changed = false;
		const out: Segment[] = [];
		for (const s of queue) {
			const a = merges.find(s.pts[0]);
			const b = merges.find(s.pts[s.pts.length - 1]);
			if (a !== b && haversine(d.lat[a], d.lon[a], d.lat[b], d.lon[b]) >= MIN_LINK_M) {
				out.push(s);
				continue;
			}
			changed = true;
			const cut = farthestInterior(d, s.pts, a, b);
			if (cut.m >= MIN_LINK_M) {
				out.push({ road: s.road, pts: s.pts.slice(0, cut.k + 1) }, { road: s.road, pts: s.pts.slice(cut.k) });
			} else if (a === b) loops++;
			else merges.merge(a, b);
		}
		queue = out;
	}
	if (merges.count) notes.push(`${merges.count} junction node${merges.count === 1 ? '' : 's'} less than ${MIN_LINK_M} m from a neighbour merged into it`);
	if (loops) notes.push(`${loops} loop${loops === 1 ? '' : 's'} shorter than ${2 * MIN_LINK_M} m left out`);
	const fixed = queue.map((s) => {
		const pts = s.pts.slice();
		pts[0] = merges.find(pts[0]);
		pts[pts.length - 1] = merges.find(pts[pts.length - 1]);
		return { road: s.road, pts };
	});
	return { segments: fixed, merges };
}
