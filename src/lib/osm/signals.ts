// Where the highway=traffic_signals nodes go: onto the junction they are mapped on, else onto the
// nearest junction of three or more roads within 30 m (OSM maps signals at stop lines too), else
// onto the node itself when it joins two roads (a signalised crossing between two ways); others
// (mid-block crossings on a road's shape) are left out and counted.
import { projection } from '../sim/geo';
import type { LinkDef, NodeDef } from '../sim/roads/types';

/** How far from a junction a signal node still belongs to it, m. */
export const SIGNAL_ATTACH_M = 30;
const CELL_M = 40;

/** Distinct neighbours of every node (3+ = a junction of roads, 2 = a joint between two ways). */
export function degrees(links: LinkDef[]): Map<number, number> {
	const nb = new Map<number, Set<number>>();
	for (const l of links)
		for (const [a, b] of [[l.from, l.to], [l.to, l.from]]) {
			if (!nb.has(a)) nb.set(a, new Set());
			nb.get(a)!.add(b);
		}
	return new Map([...nb].map(([k, v]) => [k, v.size]));
}

/**
 * The city nodes that get signals. `signals` are the signal nodes' positions and, when the
 * signal node is itself a junction, its city node id. Only nodes with an entering link qualify.
 */
export function signalisedNodes(
	nodes: NodeDef[], links: LinkDef[], center: [number, number], signals: { lat: number; lon: number; node: number | null }[]
): { nodeIds: Set<number>; attached: number } {
	const proj = projection(center[0], center[1]);
	const deg = degrees(links);
	const entered = new Set<number>();
	for (const l of links) {
		entered.add(l.to);
		if (!l.oneWay) entered.add(l.from);
	}
	const grid = new Map<string, NodeDef[]>();
	const cellOf = (lat: number, lon: number) => {
		const { x, y } = proj.toXY(lat, lon);
		return [Math.floor(x / CELL_M), Math.floor(y / CELL_M)];
	};
	for (const n of nodes) {
		if ((deg.get(n.id) ?? 0) < 3 || !entered.has(n.id)) continue;
		const key = cellOf(n.lat, n.lon).join(',');
		if (!grid.has(key)) grid.set(key, []);
		grid.get(key)!.push(n);
	}
	const nodeIds = new Set<number>();
	let attached = 0;
	for (const s of signals) {
		let pick: number | null = s.node !== null && (deg.get(s.node) ?? 0) >= 3 && entered.has(s.node) ? s.node : null;
		if (pick === null) pick = nearestJunction(grid, cellOf(s.lat, s.lon), proj.toXY(s.lat, s.lon), proj);
		if (pick === null && s.node !== null && (deg.get(s.node) ?? 0) === 2 && entered.has(s.node)) pick = s.node;
		if (pick === null) continue;
		attached++;
		nodeIds.add(pick);
	}
	return { nodeIds, attached };
}

function nearestJunction(grid: Map<string, NodeDef[]>, [cx, cy]: number[], p: { x: number; y: number }, proj: ReturnType<typeof projection>): number | null {
	let best: number | null = null;
	let bestM = SIGNAL_ATTACH_M;
	for (let dx = -1; dx <= 1; dx++)
		for (let dy = -1; dy <= 1; dy++)
			for (const n of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
				const q = proj.toXY(n.lat, n.lon);
				const m = Math.hypot(q.x - p.x, q.y - p.y);
				// ties: the lower id, so the result does not depend on the grid's order
				if (m < bestM || (m === bestM && best !== null && n.id < best)) [best, bestM] = [n.id, m];
			}
	return best;
}
