// Fixed-time signal plans for imported junctions, built from the bearings of the links that
// enter them: approaches from opposite sides (within 30 degrees of one axis) share a phase; a
// junction with more than three axes has its closest axes merged until three are left; a
// junction with one axis gets a second, pedestrian phase (a crossing's signals). Times: green 30 s
// with 2 phases (cycle 70 s), 22 s with 3 (cycle 81 s), 15 s for a pedestrian phase; yellow 3 s
// (GB 14886-2016 asks at least 3 s) and all-red 2 s after every green; offset 0.
import { headingOf, type Projection } from '../sim/geo';
import type { LinkDef, NodeDef, PhaseDef, SignalPlan } from '../sim/roads/types';

export const SIGNAL_TIMES = { green2S: 30, green3S: 22, pedestrianGreenS: 15, yellowS: 3, allRedS: 2 } as const;

const AXIS_TOLERANCE_DEG = 30;

interface Axis {
	/** 0..180, degrees clockwise from north. */
	angle: number;
	links: number[];
}

/** Smallest difference of two axis angles (mod 180), degrees. */
function axisDelta(a: number, b: number): number {
	const d = Math.abs(a - b) % 180;
	return Math.min(d, 180 - d);
}

/** The compass name of an axis: "north-south", "northeast-southwest", "east-west", "northwest-southeast". */
function axisName(angle: number): string {
	const names = ['north-south', 'northeast-southwest', 'east-west', 'northwest-southeast'];
	return names[Math.round(angle / 45) % 4];
}

/** Bearing (degrees from north) from the node towards where traffic on the link comes from. */
function approachBearing(proj: Projection, node: NodeDef, link: LinkDef, at: Map<number, NodeDef>): number {
	const enteringAtTo = link.to === node.id;
	const other = enteringAtTo ? at.get(link.from)! : at.get(link.to)!;
	const pts = link.points;
	const near = pts.length ? (enteringAtTo ? pts[pts.length - 1] : pts[0]) : [other.lat, other.lon];
	const a = proj.toXY(node.lat, node.lon);
	const b = proj.toXY(near[0], near[1]);
	return headingOf(b.x - a.x, b.y - a.y);
}

/** Groups the entering links into at most three axes. */
function axesOf(bearings: { link: number; bearing: number }[]): Axis[] {
	const axes: Axis[] = [];
	for (const { link, bearing } of bearings) {
		const angle = bearing % 180;
		const hit = axes.find((x) => axisDelta(x.angle, angle) < AXIS_TOLERANCE_DEG);
		if (hit) hit.links.push(link);
		else axes.push({ angle, links: [link] });
	}
	while (axes.length > 3) {
		let best: [number, number] = [0, 1];
		for (let i = 0; i < axes.length; i++)
			for (let j = i + 1; j < axes.length; j++)
				if (axisDelta(axes[i].angle, axes[j].angle) < axisDelta(axes[best[0]].angle, axes[best[1]].angle)) best = [i, j];
		const [i, j] = best;
		axes[i].links.push(...axes[j].links);
		axes.splice(j, 1);
	}
	// the busiest axis first, so phase 1 is the main road
	return axes.sort((a, b) => b.links.length - a.links.length || a.angle - b.angle);
}

/** A fixed-time plan for a node from the links entering it (see the file's comment for the times). */
export function signalPlan(proj: Projection, node: NodeDef, links: LinkDef[], at: Map<number, NodeDef>): SignalPlan {
	const entering = links.filter((l) => l.to === node.id || (l.from === node.id && !l.oneWay));
	const axes = axesOf(entering.map((l) => ({ link: l.id, bearing: approachBearing(proj, node, l, at) })));
	const t = SIGNAL_TIMES;
	const green = axes.length === 3 ? t.green3S : t.green2S;
	const phases: PhaseDef[] = axes.map((x, i) => ({
		id: i + 1, name: `${axisName(x.angle)} through and turns`, greenS: green, yellowS: t.yellowS, allRedS: t.allRedS, approaches: x.links
	}));
	if (phases.length < 2)
		phases.push({ id: phases.length + 1, name: 'pedestrians crossing', greenS: t.pedestrianGreenS, yellowS: t.yellowS, allRedS: t.allRedS, approaches: [] });
	return { offsetS: 0, phases };
}
