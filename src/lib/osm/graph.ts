// Road ways -> segments: each way is cut at its junctions (nodes shared by two or more road
// ways, or met twice by one way) and at its ends, giving pieces from junction to junction that
// keep the nodes between as their shape.
import type { Bilingual } from '../sim/roads/types';
import { OsmImportError } from './errors';
import type { OsmData, OsmWay } from './parse';
import { laneWidthOf, lanesOf, nameOf, onewayOf, speedOf, unreadMaxspeed } from './tags';

/** A road's attributes, shared by the segments of its way. */
export interface RoadAttrs {
	wayId: string;
	name: Bilingual;
	lanes: number;
	laneWidthM: number;
	speedLimitKmh: number;
	oneWay: boolean;
}

/** A piece of road from junction to junction: node indices (into OsmData) in travel order. */
export interface Segment {
	road: number;
	pts: number[];
}

const MISSING_HINT = 'the extract was cut at its edge: export complete ways, e.g. osmium extract --strategy complete_ways';

/** The way's node indices, in travel order for one-way roads against the way (oneway=-1); repeated consecutive nodes once. */
function resolveWay(d: OsmData, w: OsmWay, reverse: boolean): number[] {
	const pts: number[] = [];
	for (const ref of w.refs) {
		const i = d.nodeIndex.get(ref);
		if (i === undefined) throw new OsmImportError(`way ${w.id}`, w.place, `references node ${ref}, which is not in the file (${MISSING_HINT})`);
		if (pts[pts.length - 1] !== i) pts.push(i);
	}
	return reverse ? pts.reverse() : pts;
}

function attrsOf(w: OsmWay, notes: string[]): RoadAttrs & { dir: 1 | -1 | 0 } {
	const dir = onewayOf(w.tags);
	const lanes = lanesOf(w.tags, dir);
	const unread = unreadMaxspeed(w.tags);
	if (unread !== null) notes.push(`way ${w.id}: maxspeed "${unread}" is not a speed; the ${w.tags.highway} default is used`);
	if (w.tags.oneway === 'reversible' || w.tags.oneway === 'alternating') notes.push(`way ${w.id}: oneway=${w.tags.oneway} is run as a two-way road`);
	return {
		wayId: w.id, name: nameOf(w.tags, w.id), lanes, laneWidthM: laneWidthOf(w.tags, lanes, dir), speedLimitKmh: speedOf(w.tags), oneWay: dir !== 0, dir
	};
}

/**
 * Cuts the road ways into segments. Throws OsmImportError naming a way that references a node
 * missing from the file. Ways with fewer than two distinct nodes are left out (noted).
 */
export function waysToSegments(d: OsmData, notes: string[]): { roads: RoadAttrs[]; segments: Segment[] } {
	const roads: RoadAttrs[] = [];
	const paths: number[][] = [];
	let degenerate = 0;
	for (const w of d.ways) {
		const a = attrsOf(w, notes);
		const pts = resolveWay(d, w, a.dir === -1);
		if (pts.length < 2) {
			degenerate++;
			continue;
		}
		roads.push({ wayId: a.wayId, name: a.name, lanes: a.lanes, laneWidthM: a.laneWidthM, speedLimitKmh: a.speedLimitKmh, oneWay: a.oneWay });
		paths.push(pts);
	}
	if (degenerate) notes.push(`${degenerate} road way${degenerate === 1 ? '' : 's'} with fewer than 2 distinct nodes left out`);
	// a node is a junction where road ways meet (2+ uses) or a way ends
	const uses = new Map<number, number>();
	for (const pts of paths) {
		pts.forEach((p) => uses.set(p, (uses.get(p) ?? 0) + 1));
		for (const end of [pts[0], pts[pts.length - 1]]) uses.set(end, (uses.get(end) ?? 0) + 2);
	}
	const segments: Segment[] = [];
	paths.forEach((pts, road) => {
		let start = 0;
		for (let k = 1; k < pts.length; k++) {
			if ((uses.get(pts[k]) ?? 0) < 2 && k < pts.length - 1) continue;
			segments.push({ road, pts: pts.slice(start, k + 1) });
			start = k;
		}
	});
	return { roads, segments };
}
