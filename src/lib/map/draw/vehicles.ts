// Vehicles: a triangle per vehicle pointing along its heading, coloured by kind, with a red
// bar for brake lights, interpolated between the last two snapshots. One Path2D per kind, so
// the canvas fills four shapes a frame however many vehicles there are.
import { KIND_COLORS } from '../colors';
import type { DrawView, Projected, ScreenPoint } from '../projection';

/** Vehicle length and width on the ground (m) and their minimum on screen (px). */
const CAR_LENGTH_M = 4.7;
const CAR_WIDTH_M = 2;
const MIN_LENGTH_PX = 11;
const MIN_WIDTH_PX = 7;
/** buses and trucks (kinds 1 and 2) are drawn this much longer */
const LONG_VEHICLE = 2.3;
/** how far outside the canvas a vehicle is still drawn (px): its triangle may reach in */
const MARGIN_PX = 20;

/** The selected vehicle as drawn: where, and its half length (for the selection ring). */
export interface DrawnVehicle extends ScreenPoint {
	halfLength: number;
}

/**
 * Draws the vehicles of `cur`, each at `a` (0..1) of the way from its position in `prev`.
 * Appends every vehicle drawn to `screen`; returns the one whose id is `selected`, if drawn.
 */
export function drawVehicles(v: DrawView, cur: Projected, prev: Projected | null, a: number, selected: number | null, screen: ScreenPoint[]): DrawnVehicle | null {
	const len = Math.max(MIN_LENGTH_PX, CAR_LENGTH_M / v.metersPerPx);
	const w = Math.max(MIN_WIDTH_PX, CAR_WIDTH_M / v.metersPerPx) / 2;
	const paths = KIND_COLORS.map(() => new Path2D());
	const brakes = new Path2D();
	const lerp = prev !== null && prev.zoom === cur.zoom;
	let sel: DrawnVehicle | null = null;
	for (let i = 0; i < cur.ids.length; i++) {
		let x = cur.x[i];
		let y = cur.y[i];
		const j = cur.prev[i];
		if (lerp && j >= 0) {
			x = prev.x[j] + (x - prev.x[j]) * a;
			y = prev.y[j] + (y - prev.y[j]) * a;
		}
		x += v.ox;
		y += v.oy;
		if (x < -MARGIN_PX || y < -MARGIN_PX || x > v.width + MARGIN_PX || y > v.height + MARGIN_PX) continue;
		screen.push({ id: cur.ids[i], x, y });
		const k = cur.kind[i];
		const l = (k === 1 || k === 2 ? len * LONG_VEHICLE : len) / 2;
		const h = (cur.heading[i] * Math.PI) / 180;
		// heading is clockwise from north; screen y grows downward
		const fx = Math.sin(h);
		const fy = -Math.cos(h);
		const path = paths[k] ?? paths[0];
		path.moveTo(x + fx * l, y + fy * l);
		path.lineTo(x - fx * l - fy * w, y - fy * l + fx * w);
		path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
		path.closePath();
		if (cur.flags[i] & 1) {
			brakes.moveTo(x - fx * l - fy * w, y - fy * l + fx * w);
			brakes.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
		}
		if (cur.ids[i] === selected) sel = { id: cur.ids[i], x, y, halfLength: l };
	}
	fillPaths(v.ctx, paths, brakes);
	return sel;
}

function fillPaths(ctx: CanvasRenderingContext2D, paths: Path2D[], brakes: Path2D) {
	ctx.lineWidth = 1;
	ctx.strokeStyle = '#fff';
	paths.forEach((p, k) => {
		ctx.fillStyle = KIND_COLORS[k];
		ctx.fill(p);
		ctx.stroke(p);
	});
	ctx.strokeStyle = '#ff2d2d';
	ctx.lineWidth = 2;
	ctx.stroke(brakes);
}
