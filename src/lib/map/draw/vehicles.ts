// Vehicles, coloured by kind, interpolated between the last two snapshots: zoomed in, a body to
// scale (the simulation's length and width by kind, a pointed front), zoomed out a triangle of
// a fixed size; a red bar for brake lights. Work follows what is on screen: vehicles off the
// canvas are skipped before anything else, into buffers reused frame to frame; those on it make
// one path per kind (kinds layered car < bus < truck < emergency), each outline ended by a
// lineTo back to its first corner rather than closePath (Chromium's Path2D.closePath is
// quadratic in the number of sub-paths: 69 % of the main thread's script at 2,000 vehicles).
// Sprites (drawImage from a pre-rendered atlas) were measured too: slower to rasterise on a
// software canvas than the paths.
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
const BRAKE_COLOR = '#ff2d2d';
const BRAKE_WIDTH_PX = 2;

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

/** The vehicles on screen this frame: indexes into the snapshot and container px, reused frame to frame. */
class OnScreen {
	index = new Int32Array(0);
	x = new Float64Array(0);
	y = new Float64Array(0);
	n = 0;
	/** How many of each kind (counting sort: kinds drawn in order without a per-kind array). */
	perKind = new Int32Array(KIND_COLORS.length + 1);

	reset(capacity: number) {
		if (this.index.length < capacity) {
			this.index = new Int32Array(capacity);
			this.x = new Float64Array(capacity);
			this.y = new Float64Array(capacity);
		}
		this.n = 0;
		this.perKind.fill(0);
	}
}

/** Draws a snapshot's vehicles; keeps its buffers between frames. */
export class VehicleLayer {
	private on = new OnScreen();
	private order = new Int32Array(0);

	/**
	 * Draws the vehicles of `cur`, each at `a` (0..1) of the way from its position in `prev`
	 * (absolute px; `v.ox`, `v.oy` make them container px). Appends every vehicle drawn to
	 * `screen`; returns the one whose id is `selected`, if drawn.
	 */
	draw(v: DrawView, cur: Projected, prev: Projected | null, a: number, selected: number | null, screen: ScreenPoint[]): DrawnVehicle | null {
		const toScale = drawnToScale(v);
		const sizes = KIND_COLORS.map((_, k) => vehicleHalfSize(k, v.metersPerPx, toScale, Math.log2(v.scale)));
		const sel = this.cull(v, cur, prev, a, selected, screen, sizes);
		if (this.on.n) this.paths(v.ctx, cur, this.sortByKind(cur), sizes, toScale);
		return sel;
	}

	/** Keeps the vehicles whose position (interpolated) is on the canvas or near it. */
	private cull(v: DrawView, cur: Projected, prev: Projected | null, a: number, selected: number | null, screen: ScreenPoint[], sizes: { l: number }[]) {
		const on = this.on;
		on.reset(cur.ids.length);
		const lerp = prev !== null && prev.zoom === cur.zoom;
		let sel: DrawnVehicle | null = null;
		const last = KIND_COLORS.length - 1;
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
			on.index[on.n] = i;
			on.x[on.n] = x;
			on.y[on.n] = y;
			on.n++;
			on.perKind[Math.min(cur.kind[i], last) + 1]++;
			screen.push({ id: cur.ids[i], x, y });
			if (cur.ids[i] === selected) sel = { id: cur.ids[i], x, y, halfLength: sizes[Math.min(cur.kind[i], last)].l };
		}
		return sel;
	}

	/** Indexes into the on-screen list, kind by kind (stable within a kind). */
	private sortByKind(cur: Projected): Int32Array {
		const on = this.on;
		if (this.order.length < on.n) this.order = new Int32Array(on.index.length);
		const start = on.perKind;
		for (let k = 1; k < start.length; k++) start[k] += start[k - 1];
		const last = KIND_COLORS.length - 1;
		for (let j = 0; j < on.n; j++) this.order[start[Math.min(cur.kind[on.index[j]], last)]++] = j;
		return this.order;
	}

	/** One path per kind, filled and edged, then the brake bars over them all. */
	private paths(ctx: CanvasRenderingContext2D, cur: Projected, order: Int32Array, sizes: { l: number; w: number }[], toScale: boolean) {
		const on = this.on;
		ctx.lineWidth = 1;
		// a white edge sets a symbol off the roads; a body to scale reads better with a dark one
		ctx.strokeStyle = toScale ? 'rgb(0 0 0 / 0.6)' : '#fff';
		const brakes = new Path2D();
		let r = 0;
		for (let k = 0; k < KIND_COLORS.length; k++) {
			const path = new Path2D();
			const { l, w } = sizes[k];
			for (; r < on.n && Math.min(cur.kind[on.index[order[r]]], KIND_COLORS.length - 1) === k; r++) {
				const j = order[r];
				const i = on.index[j];
				const h = (cur.heading[i] * Math.PI) / 180;
				outlineOpen(path, on.x[j], on.y[j], Math.sin(h), -Math.cos(h), l, w, toScale);
				if (cur.flags[i] & 1) brakeBar(brakes, on.x[j], on.y[j], Math.sin(h), -Math.cos(h), l, w);
			}
			ctx.fillStyle = KIND_COLORS[k];
			ctx.fill(path);
			ctx.stroke(path);
		}
		ctx.strokeStyle = BRAKE_COLOR;
		ctx.lineWidth = BRAKE_WIDTH_PX;
		ctx.stroke(brakes);
	}
}

/**
 * A vehicle's outline centred at (x, y), half length l and half width w, heading along (fx, fy)
 * (unit vector, screen y down): a triangle, or to scale a rectangle with a pointed front. Ended
 * by a lineTo to its first corner, not closePath (see the header).
 */
function outlineOpen(path: Path2D, x: number, y: number, fx: number, fy: number, l: number, w: number, toScale: boolean) {
	const tipX = x + fx * l;
	const tipY = y + fy * l;
	path.moveTo(tipX, tipY);
	if (toScale) {
		const shoulder = l - Math.min(w, l / 3);
		path.lineTo(x + fx * shoulder - fy * w, y + fy * shoulder + fx * w);
		path.lineTo(x - fx * l - fy * w, y - fy * l + fx * w);
		path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
		path.lineTo(x + fx * shoulder + fy * w, y + fy * shoulder - fx * w);
	} else {
		path.lineTo(x - fx * l - fy * w, y - fy * l + fx * w);
		path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
	}
	path.lineTo(tipX, tipY);
}

function brakeBar(path: Path2D, x: number, y: number, fx: number, fy: number, l: number, w: number) {
	path.moveTo(x - fx * l - fy * w, y - fy * l + fx * w);
	path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
}
