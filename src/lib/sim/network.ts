// The road network in local metres: nodes, and directed edges (a two-way link gives two) with
// lane geometry. Right-hand traffic: lane 0 is next to the centre line, lanes count outward.
import { headingDelta, headingOf, projection, type Projection } from './geo';
import type { Bilingual, CityFile, SignalPlan } from './roads/types';

export interface NetNode {
	id: number;
	name?: Bilingual;
	lat: number;
	lon: number;
	x: number;
	y: number;
	signal?: SignalPlan;
	crossing: boolean;
	inEdges: number[];
	outEdges: number[];
	/** Half the junction's size: stop lines sit this far before the node's centre. */
	radius: number;
	/** Number of distinct neighbouring nodes (1 = a network end point). */
	degree: number;
}

export type Turn = 'straight' | 'left' | 'right' | 'uturn';

export interface Edge {
	index: number;
	linkId: number;
	name: Bilingual;
	from: number;
	to: number;
	lanes: number;
	laneWidth: number;
	/** m/s */
	speedLimit: number;
	/** Centre-line polyline in local metres, from `from` to `to`. */
	xs: number[];
	ys: number[];
	/** Distance along the polyline at each point. */
	cum: number[];
	length: number;
	/** Where vehicles must stop for a signal (m along the edge). */
	stopLine: number;
	/** Starts at a network end point: vehicles enter here. */
	isEntry: boolean;
	/** Ends at a network end point: vehicles leave here. */
	isExit: boolean;
	/** Edge going the other way on the same link, or -1. */
	reverse: number;
}

export interface LanePoint {
	x: number;
	y: number;
	/** degrees clockwise from north */
	heading: number;
}

export class Network {
	readonly nodes = new Map<number, NetNode>();
	readonly edges: Edge[] = [];
	readonly proj: Projection;
	/** Bounding box in local metres. */
	readonly bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

	constructor(readonly city: CityFile) {
		this.proj = projection(city.center[0], city.center[1]);
		for (const n of city.nodes) {
			const { x, y } = this.proj.toXY(n.lat, n.lon);
			this.nodes.set(n.id, {
				id: n.id, name: n.name, lat: n.lat, lon: n.lon, x, y, signal: n.signal, crossing: !!n.crossing,
				inEdges: [], outEdges: [], radius: 6, degree: 0
			});
		}
		const neighbours = new Map<number, Set<number>>();
		for (const l of city.links) {
			for (const [a, b] of [[l.from, l.to], [l.to, l.from]]) {
				if (!neighbours.has(a)) neighbours.set(a, new Set());
				neighbours.get(a)!.add(b);
			}
		}
		for (const n of this.nodes.values()) n.degree = neighbours.get(n.id)?.size ?? 0;
		// junction size: the widest road at the node
		for (const l of city.links)
			for (const nid of [l.from, l.to]) {
				const n = this.nodes.get(nid)!;
				n.radius = Math.max(n.radius, l.lanes * l.laneWidthM + 2.5);
			}
		for (const l of city.links) {
			const pts: [number, number][] = [
				[this.nodes.get(l.from)!.lat, this.nodes.get(l.from)!.lon],
				...l.points,
				[this.nodes.get(l.to)!.lat, this.nodes.get(l.to)!.lon]
			];
			const fwd = this.addEdge(l.id, l.name, l.from, l.to, pts, l.lanes, l.laneWidthM, l.speedLimitKmh);
			if (!l.oneWay) {
				const back = this.addEdge(l.id, l.name, l.to, l.from, [...pts].reverse(), l.lanes, l.laneWidthM, l.speedLimitKmh);
				this.edges[fwd].reverse = back;
				this.edges[back].reverse = fwd;
			}
		}
		for (const e of this.edges) {
			this.nodes.get(e.from)!.outEdges.push(e.index);
			this.nodes.get(e.to)!.inEdges.push(e.index);
		}
	}

	private addEdge(linkId: number, name: Bilingual, from: number, to: number, pts: [number, number][], lanes: number, laneWidth: number, kmh: number): number {
		const xs: number[] = [];
		const ys: number[] = [];
		const cum: number[] = [];
		let total = 0;
		pts.forEach(([lat, lon], i) => {
			const { x, y } = this.proj.toXY(lat, lon);
			if (i > 0) total += Math.hypot(x - xs[i - 1], y - ys[i - 1]);
			xs.push(x);
			ys.push(y);
			cum.push(total);
			this.bounds.minX = Math.min(this.bounds.minX, x);
			this.bounds.maxX = Math.max(this.bounds.maxX, x);
			this.bounds.minY = Math.min(this.bounds.minY, y);
			this.bounds.maxY = Math.max(this.bounds.maxY, y);
		});
		const toNode = this.nodes.get(to)!;
		const fromNode = this.nodes.get(from)!;
		const index = this.edges.length;
		this.edges.push({
			index, linkId, name, from, to, lanes, laneWidth, speedLimit: kmh / 3.6, xs, ys, cum, length: total,
			stopLine: Math.max(total * 0.5, total - toNode.radius),
			isEntry: fromNode.degree === 1, isExit: toNode.degree === 1, reverse: -1
		});
		return index;
	}

	/** Point and heading at distance s along an edge, in a lane (or on the centre line if lane < 0). */
	pointAt(e: Edge, s: number, lane = -1): LanePoint {
		const { xs, ys, cum } = e;
		let i = 1;
		while (i < cum.length - 1 && cum[i] < s) i++;
		const seg = cum[i] - cum[i - 1] || 1;
		const t = Math.min(1, Math.max(0, (s - cum[i - 1]) / seg));
		const dx = xs[i] - xs[i - 1];
		const dy = ys[i] - ys[i - 1];
		let x = xs[i - 1] + dx * t;
		let y = ys[i - 1] + dy * t;
		if (lane >= 0) {
			const len = Math.hypot(dx, dy) || 1;
			const off = (lane + 0.5) * e.laneWidth;
			x += (dy / len) * off; // right-hand normal of (dx, dy) is (dy, -dx)
			y -= (dx / len) * off;
		}
		return { x, y, heading: headingOf(dx, dy) };
	}

	startHeading(e: Edge): number {
		return headingOf(e.xs[1] - e.xs[0], e.ys[1] - e.ys[0]);
	}

	endHeading(e: Edge): number {
		const n = e.xs.length;
		return headingOf(e.xs[n - 1] - e.xs[n - 2], e.ys[n - 1] - e.ys[n - 2]);
	}

	/** The turn from edge a onto edge b at their shared node. */
	turn(a: Edge, b: Edge): Turn {
		if (b.to === a.from && b.linkId === a.linkId) return 'uturn';
		const d = headingDelta(this.endHeading(a), this.startHeading(b));
		if (Math.abs(d) < 35) return 'straight';
		return d < 0 ? 'left' : 'right';
	}

	/** Edges a vehicle can take after edge a (no U-turns unless nothing else). */
	nextEdges(a: Edge): number[] {
		const out = this.nodes.get(a.to)!.outEdges.filter((i) => this.turn(a, this.edges[i]) !== 'uturn');
		return out;
	}

	/** Signalised nodes, in id order. */
	signalNodes(): NetNode[] {
		return [...this.nodes.values()].filter((n) => n.signal).sort((a, b) => a.id - b.id);
	}

	toLatLon(x: number, y: number) {
		return this.proj.toLatLon(x, y);
	}
}
