// Transmissions as they happen: a PC5 broadcast is a ring growing to its range, a Uu message a
// dashed line between the node and the cloud badge with a dot travelling along it. Coloured by
// message type; each lives for PULSE_MS.
import type { TxRow } from '../../worker/protocol';
import { colorOf, HIGH_RATE_TYPES } from '../colors';
import type { DrawView } from '../projection';
import { drawAirPlan, type AirPlan, type RingGroup, type UuLine } from './air-plan';

export type { AirPlan } from './air-plan';

interface Pulse {
	/** where it starts (the sender, or the receiver for a cloud downlink), WGS-84 degrees */
	lat: number;
	lon: number;
	fromCloud: boolean;
	color: string;
	born: number;
	/** PC5 ring radius at the end, m; 0 for Uu */
	rangeM: number;
	strong: boolean;
	/** where it starts in absolute px at `scale` (projected once per zoom, not every frame) */
	px: number;
	py: number;
	scale: number;
}

export const PULSE_MS = 900;
const MAX_PULSES = 400;
const FULL_RANGE_M = 300;
const PING_RANGE_M = 45;

/** The live transmissions on the map, bounded (the oldest drop first). */
export class Pulses {
	private list: Pulse[] = [];

	/** Forgets every pulse (a new city). */
	clear(): void {
		this.list = [];
	}

	/** Projects every pulse again at its next drawing (the datum changed). */
	invalidate(): void {
		for (const p of this.list) p.scale = 0;
	}

	/** How many are alive (tests). */
	get size(): number {
		return this.list.length;
	}

	/** A new transmission, at `now` (ms). Rows without a position (the cloud's) draw nothing. */
	add(r: TxRow, now: number, selected: number | null): void {
		if (r.lat === undefined || r.lon === undefined) return;
		if (this.list.length >= MAX_PULSES) this.list.shift();
		// 10 Hz broadcasts get a short ping; the others (and the selected node's) the full range
		const strong = !HIGH_RATE_TYPES.has(r.type) || r.sender === selected;
		const fromCloud = r.channel === 'uu' && r.sender === 0 && r.toLat !== undefined && r.toLon !== undefined;
		this.list.push({
			lat: fromCloud ? r.toLat! : r.lat, lon: fromCloud ? r.toLon! : r.lon, fromCloud, color: colorOf(r.type), born: now,
			rangeM: r.channel === 'pc5' ? (strong ? FULL_RANGE_M : PING_RANGE_M) : 0, strong, px: 0, py: 0, scale: 0
		});
	}

	/**
	 * Drops the expired pulses and draws the rest on `v.ctx` (see `plan`); `cloud` is the cloud
	 * badge, container px. Returns how many were drawn.
	 */
	draw(v: DrawView, cloud: [number, number]): number {
		const plan = this.plan(v, cloud);
		drawAirPlan(v.ctx, plan);
		return plan.count;
	}

	/**
	 * Drops the expired pulses and says how to draw the rest (a ring wholly off the canvas is
	 * skipped: zoomed in, most are): plain data, so a drawing worker can draw it. Rings sharing a
	 * colour, a weight and an opacity step (ALPHA_STEPS over their life) make one group, stroked
	 * as one path: hundreds of rings cost a few dozen strokes, not hundreds.
	 */
	plan(v: DrawView, cloud: [number, number]): AirPlan {
		this.list = this.list.filter((p) => v.now - p.born < PULSE_MS);
		const rings = new Map<string, RingGroup>();
		const uu: UuLine[] = [];
		for (const p of this.list) {
			const age = (v.now - p.born) / PULSE_MS;
			if (p.scale !== v.scale) [p.px, p.py, p.scale] = [...v.project(p.lat, p.lon), v.scale];
			const x = p.px + v.ox;
			const y = p.py + v.oy;
			if (p.rangeM <= 0) {
				const [fx, fy, tx, ty] = p.fromCloud ? [cloud[0], cloud[1], x, y] : [x, y, cloud[0], cloud[1]];
				uu.push({ fx, fy, tx, ty, age, color: p.color, fromCloud: p.fromCloud, alpha: Math.max(0, 1 - age) * (p.strong ? 0.9 : 0.55) });
				continue;
			}
			const r = ringRadius(v, age, p);
			if (x + r < 0 || y + r < 0 || x - r > v.width || y - r > v.height) continue;
			const step = Math.min(ALPHA_STEPS - 1, Math.floor(age * ALPHA_STEPS));
			const key = `${step}|${p.strong}|${p.color}`;
			let g = rings.get(key);
			if (!g) {
				const mid = (step + 0.5) / ALPHA_STEPS;
				rings.set(key, (g = { step, alpha: Math.max(0, 1 - mid) * (p.strong ? 0.9 : 0.55), lineWidth: p.strong ? 2 : 1.2, color: p.color, xyr: [] }));
			}
			g.xyr.push(x, y, r);
		}
		// the oldest (faintest) first, so newer rings lie on top as before
		const groups = [...rings.values()].sort((a, b) => b.step - a.step);
		let count = uu.length;
		for (const g of groups) count += g.xyr.length / 3;
		return { rings: groups, uu, count };
	}
}

/** Opacity steps over a ring's life: fine enough that the fading looks continuous. */
const ALPHA_STEPS = 24;

/** A PC5 ring's radius at `age` (0..1 of its life), px: it grows to its range. */
function ringRadius(v: DrawView, age: number, p: Pulse): number {
	return Math.max(2, (age * p.rangeM) / v.metersPerPx);
}
