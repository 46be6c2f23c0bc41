// Transmissions as they happen: a PC5 broadcast is a ring growing to its range, a Uu message a
// dashed line between the node and the cloud badge with a dot travelling along it. Coloured by
// message type; each lives for PULSE_MS.
import type { TxRow } from '../../worker/protocol';
import { colorOf, HIGH_RATE_TYPES } from '../colors';
import type { DrawView } from '../projection';

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
	 * Drops the expired pulses and draws the rest (a ring wholly off the canvas is skipped: zoomed
	 * in, most are); `cloud` is the cloud badge, container px. Returns how many were drawn.
	 */
	draw(v: DrawView, cloud: [number, number]): number {
		this.list = this.list.filter((p) => v.now - p.born < PULSE_MS);
		const { ctx } = v;
		let drawn = 0;
		for (const p of this.list) {
			const age = (v.now - p.born) / PULSE_MS;
			if (p.scale !== v.scale) [p.px, p.py, p.scale] = [...v.project(p.lat, p.lon), v.scale];
			const x = p.px + v.ox;
			const y = p.py + v.oy;
			const r = ringRadius(v, age, p);
			if (p.rangeM > 0 && (x + r < 0 || y + r < 0 || x - r > v.width || y - r > v.height)) continue;
			ctx.globalAlpha = Math.max(0, 1 - age) * (p.strong ? 0.9 : 0.55);
			ctx.strokeStyle = p.color;
			if (p.rangeM > 0) drawRing(ctx, x, y, r, p);
			else drawUu(ctx, x, y, cloud, age, p);
			drawn++;
		}
		ctx.globalAlpha = 1;
		return drawn;
	}
}

/** A PC5 ring's radius at `age` (0..1 of its life), px: it grows to its range. */
function ringRadius(v: DrawView, age: number, p: Pulse): number {
	return Math.max(2, (age * p.rangeM) / v.metersPerPx);
}

function drawRing(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, p: Pulse) {
	ctx.lineWidth = p.strong ? 2 : 1.2;
	ctx.beginPath();
	ctx.arc(x, y, r, 0, Math.PI * 2);
	ctx.stroke();
}

function drawUu(ctx: CanvasRenderingContext2D, x: number, y: number, [cx, cy]: [number, number], age: number, p: Pulse) {
	const [fx, fy, tx, ty] = p.fromCloud ? [cx, cy, x, y] : [x, y, cx, cy];
	ctx.globalAlpha *= p.fromCloud ? 0.8 : 0.22;
	ctx.lineWidth = p.fromCloud ? 1.6 : 1;
	ctx.setLineDash([4, 4]);
	ctx.beginPath();
	ctx.moveTo(fx, fy);
	ctx.lineTo(tx, ty);
	ctx.stroke();
	ctx.setLineDash([]);
	ctx.fillStyle = p.color;
	ctx.beginPath();
	ctx.arc(fx + (tx - fx) * age, fy + (ty - fy) * age, 3.5, 0, Math.PI * 2);
	ctx.fill();
}
