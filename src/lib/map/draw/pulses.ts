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
			rangeM: r.channel === 'pc5' ? (strong ? FULL_RANGE_M : PING_RANGE_M) : 0, strong
		});
	}

	/** Drops the expired pulses and draws the rest; `cloud` is the cloud badge, container px. */
	draw(v: DrawView, cloud: [number, number]): void {
		this.list = this.list.filter((p) => v.now - p.born < PULSE_MS);
		const { ctx } = v;
		for (const p of this.list) {
			const age = (v.now - p.born) / PULSE_MS;
			const [px, py] = v.project(p.lat, p.lon);
			ctx.globalAlpha = Math.max(0, 1 - age) * (p.strong ? 0.9 : 0.55);
			ctx.strokeStyle = p.color;
			if (p.rangeM > 0) drawRing(v, px + v.ox, py + v.oy, age, p);
			else drawUu(ctx, px + v.ox, py + v.oy, cloud, age, p);
		}
		ctx.globalAlpha = 1;
	}
}

function drawRing(v: DrawView, x: number, y: number, age: number, p: Pulse) {
	const { ctx } = v;
	ctx.lineWidth = p.strong ? 2 : 1.2;
	ctx.beginPath();
	ctx.arc(x, y, Math.max(2, (age * p.rangeM) / v.metersPerPx), 0, Math.PI * 2);
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
