// Vehicles, coloured by kind, interpolated between the last two snapshots: zoomed in, a body to
// scale (the simulation's length and width by kind, a pointed front), zoomed out a triangle of
// a fixed size; a red bar for brake lights. One Path2D per kind, so the canvas fills four
// shapes a frame however many vehicles there are.
import { SPECS } from '../../sim/vehicles';
import { KIND_COLORS, KIND_NAMES } from '../colors';
import type { DrawView, Projected, ScreenPoint } from '../projection';
import { TO_SCALE_FROM_ZOOM } from '../scale';

/** A symbol's length and width on screen when zoomed out (px). */
const SYMBOL_LENGTH_PX = 11;
const SYMBOL_WIDTH_PX = 7;
/** Symbols shrink below this zoom (halving every 2 levels, to 55 %): a whole city stays legible. */
const SYMBOL_FULL_ZOOM = 15;
const SYMBOL_MIN_SCALE = 0.55;
/** buses and trucks (kinds 1 and 2) are drawn this much longer as symbols */
const LONG_VEHICLE = 2.3;
/** how far outside the canvas a vehicle is still drawn (px): its body may reach in */
const MARGIN_PX = 40;

/** The selected vehicle as drawn: where, and its half length (for the selection ring). */
export interface DrawnVehicle extends ScreenPoint {
	halfLength: number;
}

/**
 * Half length and half width on screen (px) of a vehicle of kind `k` (0 car, 1 bus, 2 truck,
 * 3 emergency): to scale from the simulation's sizes (sim/vehicles.ts SPECS: a car 4.7 × 1.85 m,
 * a bus 12 × 2.55 m) when `toScale`, else the symbol's fixed size.
 */
export function vehicleHalfSize(k: number, metersPerPx: number, toScale: boolean, zoom = SYMBOL_FULL_ZOOM): { l: number; w: number } {
	if (toScale) {
		const spec = SPECS[KIND_NAMES[k] ?? 'car'];
		return { l: spec.length / metersPerPx / 2, w: spec.width / metersPerPx / 2 };
	}
	const s = Math.max(SYMBOL_MIN_SCALE, Math.min(1, 2 ** ((zoom - SYMBOL_FULL_ZOOM) / 2)));
	return { l: ((k === 1 || k === 2 ? LONG_VEHICLE : 1) * SYMBOL_LENGTH_PX * s) / 2, w: (SYMBOL_WIDTH_PX * s) / 2 };
}

/** True when vehicles are drawn to scale at this view (zoomed in to TO_SCALE_FROM_ZOOM or more). */
export function drawnToScale(v: DrawView): boolean {
	return Math.log2(v.scale) >= TO_SCALE_FROM_ZOOM - 1e-9;
}

/**
 * Draws the vehicles of `cur`, each at `a` (0..1) of the way from its position in `prev`.
 * Appends every vehicle drawn to `screen`; returns the one whose id is `selected`, if drawn.
 */
export function drawVehicles(v: DrawView, cur: Projected, prev: Projected | null, a: number, selected: number | null, screen: ScreenPoint[]): DrawnVehicle | null {
	const toScale = drawnToScale(v);
	const sizes = KIND_COLORS.map((_, k) => vehicleHalfSize(k, v.metersPerPx, toScale, Math.log2(v.scale)));
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
		const { l, w } = sizes[k] ?? sizes[0];
		const h = (cur.heading[i] * Math.PI) / 180;
		// heading is clockwise from north; screen y grows downward
		const fx = Math.sin(h);
		const fy = -Math.cos(h);
		const path = paths[k] ?? paths[0];
		if (toScale) body(path, x, y, fx, fy, l, w);
		else {
			path.moveTo(x + fx * l, y + fy * l);
			path.lineTo(x - fx * l - fy * w, y - fy * l + fx * w);
			path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
			path.closePath();
		}
		if (cur.flags[i] & 1) {
			brakes.moveTo(x - fx * l - fy * w, y - fy * l + fx * w);
			brakes.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
		}
		if (cur.ids[i] === selected) sel = { id: cur.ids[i], x, y, halfLength: l };
	}
	fillPaths(v.ctx, paths, brakes, toScale);
	return sel;
}

/** A body of half length l and half width w along (fx, fy): a rectangle with a pointed front. */
function body(path: Path2D, x: number, y: number, fx: number, fy: number, l: number, w: number) {
	const shoulder = l - Math.min(w, l / 3);
	// (fx, fy) forward, (-fy, fx) to the right on screen
	path.moveTo(x + fx * l, y + fy * l);
	path.lineTo(x + fx * shoulder - fy * w, y + fy * shoulder + fx * w);
	path.lineTo(x - fx * l - fy * w, y - fy * l + fx * w);
	path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
	path.lineTo(x + fx * shoulder + fy * w, y + fy * shoulder - fx * w);
	path.closePath();
}

function fillPaths(ctx: CanvasRenderingContext2D, paths: Path2D[], brakes: Path2D, toScale: boolean) {
	ctx.lineWidth = 1;
	// a white edge sets a symbol off the roads; a body to scale reads better with a dark one
	ctx.strokeStyle = toScale ? 'rgb(0 0 0 / 0.6)' : '#fff';
	paths.forEach((p, k) => {
		ctx.fillStyle = KIND_COLORS[k];
		ctx.fill(p);
		ctx.stroke(p);
	});
	ctx.strokeStyle = '#ff2d2d';
	ctx.lineWidth = 2;
	ctx.stroke(brakes);
}
