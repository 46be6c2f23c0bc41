// Roadside units for an imported city: one per group of signalised junctions within 80 m of each
// other (a junction OSM draws as several nodes, a dual carriageway's two crossings), standing at
// the group's centre and serving its junctions' MAP and SPAT. Ids "RSU-OSM-<first node, 5
// digits>": the last 8 characters (the RSU's wire id) differ as node ids do.
import { haversine } from '../sim/geo';
import type { NodeDef, RsuDef } from '../sim/roads/types';

export const RSU_GROUP_M = 80;

/** RSUs for the signalised nodes (in id order). */
export function placeRsus(signalised: NodeDef[]): RsuDef[] {
	const nodes = [...signalised].sort((a, b) => a.id - b.id);
	const group = nodes.map((_, i) => i);
	const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i])));
	for (let i = 0; i < nodes.length; i++)
		for (let j = i + 1; j < nodes.length; j++)
			if (haversine(nodes[i].lat, nodes[i].lon, nodes[j].lat, nodes[j].lon) < RSU_GROUP_M) {
				const a = find(i);
				const b = find(j);
				if (a !== b) group[Math.max(a, b)] = Math.min(a, b);
			}
	const members = new Map<number, NodeDef[]>();
	nodes.forEach((n, i) => {
		const r = find(i);
		if (!members.has(r)) members.set(r, []);
		members.get(r)!.push(n);
	});
	const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
	return [...members.values()].map((ns) => ({
		id: `RSU-OSM-${String(ns[0].id).padStart(5, '0')}`,
		lat: round7(ns.reduce((s, n) => s + n.lat, 0) / ns.length),
		lon: round7(ns.reduce((s, n) => s + n.lon, 0) / ns.length),
		nodes: ns.map((n) => n.id)
	}));
}
