// Radio: PC5 sidelink broadcast with a range and a delivery ratio that falls with distance, and
// the Uu cellular path to the cloud. Random draws are hashes of (seed, transmission, receiver),
// so a delivery does not depend on the order receivers are visited.
import type { RadioConfig } from './config';
import { hashUnit } from './rng';

/**
 * PC5 packet delivery ratio at distance d: flat near the sender, falling like a logistic curve
 * to half of pdr0 at `halfAt` x range, and zero beyond the range.
 */
export function pc5Pdr(d: number, cfg: RadioConfig['pc5']): number {
	if (d > cfg.rangeM || cfg.pdr0 <= 0) return 0;
	const mid = cfg.halfAt * cfg.rangeM;
	const width = 0.06 * cfg.rangeM;
	return cfg.pdr0 / (1 + Math.exp((d - mid) / width));
}

/** Whether receiver `rx` gets transmission `tx` at distance d. */
export function pc5Delivered(seed: number, tx: number, rx: number, d: number, cfg: RadioConfig['pc5']): boolean {
	return hashUnit(seed, tx, rx, 0x50c5) < pc5Pdr(d, cfg);
}

export function uuDelivered(seed: number, tx: number, rx: number, cfg: RadioConfig['uu']): boolean {
	return hashUnit(seed, tx, rx, 0x0c0c) < cfg.deliveryRatio;
}

/** Latency of a transmission, ms (one draw per transmission: a broadcast arrives together). */
export function latencyMs(seed: number, tx: number, [lo, hi]: [number, number], salt: number): number {
	return Math.round(lo + (hi - lo) * hashUnit(seed, tx, salt, 0x1a7));
}

/** A uniform grid of points for range queries (cells as wide as the radio range). */
export class Grid {
	private cells = new Map<number, number[]>();
	constructor(readonly cell: number) {}

	private key(cx: number, cy: number) {
		return (cx + 32768) * 65536 + (cy + 32768);
	}

	clear() {
		this.cells.clear();
	}

	insert(index: number, x: number, y: number) {
		const k = this.key(Math.floor(x / this.cell), Math.floor(y / this.cell));
		let c = this.cells.get(k);
		if (!c) this.cells.set(k, (c = []));
		c.push(index);
	}

	/** Calls fn for every index in the cells around (x, y) that could be within one cell width. */
	near(x: number, y: number, fn: (index: number) => void) {
		const cx = Math.floor(x / this.cell);
		const cy = Math.floor(y / this.cell);
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) {
				const c = this.cells.get(this.key(cx + dx, cy + dy));
				if (c) for (let i = 0; i < c.length; i++) fn(c[i]);
			}
	}
}
