// Segments -> the city file's nodes and links: junctions numbered 1.. in the order the file
// first meets them (MAP intersection ids are 1..65535), coordinates rounded to 1e-7 degree (the
// standards' unit), shape points kept between the ends.
import type { Bilingual, LinkDef, NodeDef } from '../sim/roads/types';
import { OsmImportError } from './errors';
import type { RoadAttrs, Segment } from './graph';
import type { OsmData } from './parse';

export const MAX_JUNCTIONS = 65535;

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Numbers the junctions and makes one link per segment. Throws OsmImportError over MAX_JUNCTIONS junctions. */
export function assemble(d: OsmData, roads: RoadAttrs[], segments: Segment[]): { nodes: NodeDef[]; links: LinkDef[]; nodeOf: Map<number, number> } {
	const nodeOf = new Map<number, number>();
	for (const s of segments)
		for (const end of [s.pts[0], s.pts[s.pts.length - 1]]) if (!nodeOf.has(end)) nodeOf.set(end, nodeOf.size + 1);
	if (nodeOf.size > MAX_JUNCTIONS)
		throw new OsmImportError('network', null, `has ${nodeOf.size} junctions; the limit is ${MAX_JUNCTIONS} (MAP intersection ids are 1..65535): export a smaller area`);
	const nodes: NodeDef[] = [...nodeOf].map(([i, id]) => ({ id, lat: round7(d.lat[i]), lon: round7(d.lon[i]) }));
	const links = segments.map((s, k): LinkDef => {
		const r = roads[s.road];
		const points: [number, number][] = [];
		for (const p of s.pts.slice(1, -1)) {
			const q: [number, number] = [round7(d.lat[p]), round7(d.lon[p])];
			const last = points[points.length - 1];
			if (!last || last[0] !== q[0] || last[1] !== q[1]) points.push(q);
		}
		const link: LinkDef = {
			id: k + 1, name: { ...r.name }, from: nodeOf.get(s.pts[0])!, to: nodeOf.get(s.pts[s.pts.length - 1])!, points,
			lanes: r.lanes, laneWidthM: r.laneWidthM, speedLimitKmh: r.speedLimitKmh
		};
		if (r.oneWay) link.oneWay = true;
		return link;
	});
	return { nodes, links, nodeOf };
}

/** A signalised junction's name from its two busiest street names ("A / B"), if it has two. */
export function junctionName(node: number, links: LinkDef[]): Bilingual | undefined {
	const count = new Map<string, { n: number; name: Bilingual }>();
	for (const l of links) {
		if (l.from !== node && l.to !== node) continue;
		if (l.name.en.startsWith('unnamed ')) continue;
		const hit = count.get(l.name.en) ?? { n: 0, name: l.name };
		hit.n++;
		count.set(l.name.en, hit);
	}
	const top = [...count.values()].sort((a, b) => b.n - a.n || a.name.en.localeCompare(b.name.en)).slice(0, 2);
	if (top.length < 2) return undefined;
	return { en: `${top[0].name.en} / ${top[1].name.en}`, zh: `${top[0].name.zh} / ${top[1].name.zh}` };
}

/** The bounding box's centre of every node and shape point, [lat, lon]. */
export function bboxCenter(nodes: NodeDef[], links: LinkDef[]): [number, number] {
	let [s, w, n, e] = [Infinity, Infinity, -Infinity, -Infinity];
	const add = (lat: number, lon: number) => {
		s = Math.min(s, lat);
		n = Math.max(n, lat);
		w = Math.min(w, lon);
		e = Math.max(e, lon);
	};
	for (const x of nodes) add(x.lat, x.lon);
	for (const l of links) for (const [lat, lon] of l.points) add(lat, lon);
	return [round7((s + n) / 2), round7((w + e) / 2)];
}
