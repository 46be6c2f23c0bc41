// Vulnerable road users: pedestrians and cyclists crossing at the network's crossings. They walk
// from one corner of the junction to the next along a crosswalk, pause, and cross again.
import type { Network, NetNode } from './network';
import type { Rng } from './rng';

export type VruKind = 'pedestrian' | 'cyclist';

export interface Vru {
	id: number;
	kind: VruKind;
	node: number;
	x: number;
	y: number;
	heading: number;
	/** m/s */
	speed: number;
	/** Carries a phone that sends PSM. */
	hasDevice: boolean;
	from: { x: number; y: number };
	to: { x: number; y: number };
	progress: number;
	waitS: number;
}

export class Vrus {
	readonly list: Vru[] = [];
	private corners = new Map<number, { x: number; y: number }[]>();
	private crossingNodes: NetNode[];

	constructor(readonly net: Network, readonly rng: Rng, firstId: number, count: number) {
		this.crossingNodes = [...net.nodes.values()].filter((n) => n.crossing).sort((a, b) => a.id - b.id);
		if (this.crossingNodes.length === 0) this.crossingNodes = net.signalNodes();
		for (const n of this.crossingNodes) this.corners.set(n.id, this.cornersOf(n));
		if (!this.crossingNodes.length) return;
		for (let i = 0; i < count; i++) {
			const node = this.crossingNodes[i % this.crossingNodes.length];
			const kind: VruKind = rng.next() < 0.3 ? 'cyclist' : 'pedestrian';
			const c = this.corners.get(node.id)!;
			const k = rng.int(0, 3);
			const vru: Vru = {
				id: firstId + i, kind, node: node.id, x: c[k].x, y: c[k].y, heading: 0,
				speed: kind === 'cyclist' ? rng.range(3.5, 5) : rng.range(1.1, 1.6),
				hasDevice: rng.next() < 0.5,
				from: c[k], to: c[(k + 1) % 4], progress: rng.next(), waitS: 0
			};
			this.list.push(vru);
		}
	}

	/**
	 * The four corners of a junction, on the kerbs between its streets: from the node's two most
	 * different street directions, so crosswalks follow the street grid, whatever its angle.
	 */
	private cornersOf(n: NetNode): { x: number; y: number }[] {
		const headings = n.outEdges.map((i) => (this.net.startHeading(this.net.edges[i]) * Math.PI) / 180);
		const h1 = headings[0] ?? 0;
		let h2 = h1 + Math.PI / 2;
		let best = 0;
		for (const h of headings) {
			const sep = Math.abs(Math.sin(h - h1));
			if (sep > best + 1e-6) {
				best = sep;
				h2 = h;
			}
		}
		const r = n.radius + 1;
		const u = { x: Math.sin(h1) * r, y: Math.cos(h1) * r };
		const v = { x: Math.sin(h2) * r, y: Math.cos(h2) * r };
		return [
			{ x: n.x + u.x + v.x, y: n.y + u.y + v.y },
			{ x: n.x + u.x - v.x, y: n.y + u.y - v.y },
			{ x: n.x - u.x - v.x, y: n.y - u.y - v.y },
			{ x: n.x - u.x + v.x, y: n.y - u.y + v.y }
		];
	}

	step(dt: number) {
		for (const p of this.list) {
			if (p.waitS > 0) {
				p.waitS -= dt;
				continue;
			}
			const len = Math.hypot(p.to.x - p.from.x, p.to.y - p.from.y) || 1;
			p.progress += (p.speed * dt) / len;
			if (p.progress >= 1) {
				const c = this.corners.get(p.node)!;
				const k = c.indexOf(p.to);
				p.from = p.to;
				// go on around the junction, or back the way it came
				p.to = c[this.rng.next() < 0.7 ? (k + 1) % 4 : (k + 3) % 4];
				p.progress = 0;
				p.waitS = this.rng.range(2, 15);
			}
			p.x = p.from.x + (p.to.x - p.from.x) * Math.min(1, p.progress);
			p.y = p.from.y + (p.to.y - p.from.y) * Math.min(1, p.progress);
			const dx = p.to.x - p.from.x;
			const dy = p.to.y - p.from.y;
			p.heading = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
		}
	}

	/** Moving now (not waiting at a corner). */
	isMoving(p: Vru) {
		return p.waitS <= 0;
	}
}
