// When the traffic layer needs drawing again. Vehicles are interpolated between two snapshots;
// zoomed out a vehicle moves a tenth of a pixel a frame, so drawing thousands of them every
// frame would show nothing new most of the time. The layer is drawn again when the view or what
// is selected changed, when the snapshot brought something that moves at once (a vehicle
// appearing or leaving, brake lights), or when interpolation has moved the vehicles by MOTION_PX
// since the last drawing (the 95th percentile of their movements: one vehicle swinging round a
// corner must not make all the others draw sixty times a second; it moves in steps of a few
// pixels meanwhile); and always at the end of the interpolation.
import type { Projected } from '../projection';

/** Movement (CSS px) that makes the traffic layer draw again: half a pixel, below what the eye follows. */
export const MOTION_PX = 0.5;

/** The share of vehicles whose movement sets the pace of drawing. */
export const STEP_QUANTILE = 0.95;

/**
 * How far the vehicles move on screen from `prev` to `cur` (absolute px at the same zoom), as
 * the STEP_QUANTILE quantile over them of each one's displacement plus its turn (radians) times
 * `reach` px (its nose swinging round). Infinity when the snapshots are not comparable (no
 * previous one, or another zoom); 0 with no vehicle in both.
 */
export function typicalStep(cur: Projected, prev: Projected | null, reach: number): number {
	if (!prev || prev.zoom !== cur.zoom) return Infinity;
	const steps = new Float64Array(cur.ids.length);
	let n = 0;
	for (let i = 0; i < cur.ids.length; i++) {
		const j = cur.prev[i];
		if (j < 0) continue;
		let turn = Math.abs(cur.heading[i] - prev.heading[j]);
		if (turn > 180) turn = 360 - turn;
		steps[n++] = Math.hypot(cur.x[i] - prev.x[j], cur.y[i] - prev.y[j]) + ((turn * Math.PI) / 180) * reach;
	}
	if (!n) return 0;
	const sorted = steps.subarray(0, n).sort();
	return sorted[Math.min(n - 1, Math.floor(STEP_QUANTILE * n))];
}

/** True when `cur` shows something at once that `prev` did not: a vehicle more or less, brake lights. */
export function changedAtOnce(cur: Projected, prev: Projected | null): boolean {
	if (!prev || prev.ids.length !== cur.ids.length) return true;
	for (let i = 0; i < cur.ids.length; i++) {
		const j = cur.prev[i];
		if (j < 0 || cur.flags[i] !== prev.flags[j] || cur.kind[i] !== prev.kind[j]) return true;
	}
	return false;
}

/** Tracks what the traffic layer shows, to tell whether a frame must draw it again. */
export class RedrawGate {
	private key = '';
	/** interpolation (0..1) at the last drawing */
	private drawnAt = 1;
	private step = Infinity;
	private dirty = true;

	/** A new snapshot: `step` px the largest movement to come, `atOnce` whether it shows a change now. */
	snapshot(step: number, atOnce: boolean): void {
		this.step = step;
		this.drawnAt = 0;
		if (atOnce) this.dirty = true;
	}

	/** Forces the next frame to draw (a reprojection, a new city). */
	invalidate(): void {
		this.dirty = true;
	}

	/** Whether to draw at interpolation `a` with the view and selection described by `key`; if so, noted as drawn. */
	due(a: number, key: string): boolean {
		const due = this.dirty || key !== this.key || (a - this.drawnAt) * this.step >= MOTION_PX || (a >= 1 && this.drawnAt < 1);
		if (due) {
			this.dirty = false;
			this.key = key;
			this.drawnAt = a;
		}
		return due;
	}
}
