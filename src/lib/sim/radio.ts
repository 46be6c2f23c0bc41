// Radio: PC5 sidelink broadcast with a range and a delivery ratio that falls with distance, and
// the Uu cellular path to the cloud. Random draws are hashes of (seed, transmission, receiver),
// so a delivery does not depend on the order receivers are visited.
import type { RadioConfig } from './config';
import { hashUnit as rngHashUnit } from './rng';

// Imported bindings read once into module constants: a CommonJS-compiled run (tsx: the bench,
// the tests) reads every imported name through a getter at each use, ~10 per message.
const hashUnit = rngHashUnit;

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

/** Whether the Uu path delivers transmission `tx` to `rx` (the PC5 draw is inlined in delivery.ts). */
export function uuDelivered(seed: number, tx: number, rx: number, cfg: RadioConfig['uu']): boolean {
	return hashUnit(seed, tx, rx, 0x0c0c) < cfg.deliveryRatio;
}

/** Latency of a transmission, ms (one draw per transmission: a broadcast arrives together). */
export function latencyMs(seed: number, tx: number, [lo, hi]: [number, number], salt: number): number {
	return Math.round(lo + (hi - lo) * hashUnit(seed, tx, salt, 0x1a7));
}

/** PC5 delivery ratio looked up per metre (the curve costs an exp(); a broadcast checks hundreds). */
export function pdrTable(cfg: RadioConfig['pc5']): Float64Array {
	const t = new Float64Array(Math.ceil(cfg.rangeM) + 2);
	for (let d = 0; d < t.length; d++) t[d] = pc5Pdr(d, cfg);
	return t;
}

/**
 * A dense grid of points for range queries, rebuilt every step with a counting sort: items of
 * cell c are items[start[c] .. start[c + 1]), in index order; the cells of a row are adjacent, so
 * a run of cells in one row is one run of items. Cells are half the radio range wide by default,
 * so a query looks at 5 x 5 cells.
 */
export class Grid {
	/** Cell width, m. */
	cell: number;
	minX = 0;
	minY = 0;
	nx = 1;
	ny = 1;
	start = new Int32Array(2);
	items = new Int32Array(0);
	private cellOf = new Int32Array(0);

	/**
	 * @param range the radio range, m
	 * @param cellM cell width, m (default half the range, at least 25 m)
	 * @param maxCells widen cells so that a build never has more (a large imported city)
	 */
	constructor(range: number, private readonly cellM = Math.max(25, range / 2), private readonly maxCells = Infinity) {
		this.cell = cellM;
	}

	/** Indexes points 0..n-1 at (xs[i], ys[i]). */
	build(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number) {
		let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
		for (let i = 0; i < n; i++) {
			if (xs[i] < minX) minX = xs[i];
			if (xs[i] > maxX) maxX = xs[i];
			if (ys[i] < minY) minY = ys[i];
			if (ys[i] > maxY) maxY = ys[i];
		}
		if (n === 0) minX = minY = maxX = maxY = 0;
		this.minX = minX;
		this.minY = minY;
		const area = (maxX - minX) * (maxY - minY);
		this.cell = area > this.maxCells * this.cellM * this.cellM ? Math.sqrt(area / this.maxCells) * 1.5 : this.cellM;
		this.nx = Math.floor((maxX - minX) / this.cell) + 1;
		this.ny = Math.floor((maxY - minY) / this.cell) + 1;
		const cells = this.nx * this.ny;
		if (this.start.length < cells + 1) this.start = new Int32Array(cells + 1);
		else this.start.fill(0, 0, cells + 1);
		if (this.cellOf.length < n) this.cellOf = new Int32Array(n * 2);
		if (this.items.length < n) this.items = new Int32Array(n * 2);
		const start = this.start;
		for (let i = 0; i < n; i++) {
			const c = this.cellIndex(xs[i], ys[i]);
			this.cellOf[i] = c;
			start[c + 1]++;
		}
		for (let c = 0; c < cells; c++) start[c + 1] += start[c];
		const fill = start.slice(0, cells);
		for (let i = 0; i < n; i++) this.items[fill[this.cellOf[i]]++] = i;
	}

	cellX(x: number) {
		return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)));
	}
	cellY(y: number) {
		return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)));
	}
	private cellIndex(x: number, y: number) {
		return this.cellY(y) * this.nx + this.cellX(x);
	}

	/** Calls fn for every point in the cells within `range` of (x, y). */
	near(x: number, y: number, range: number, fn: (index: number) => void) {
		const r = Math.ceil(range / this.cell);
		const cx = Math.floor((x - this.minX) / this.cell);
		const cy = Math.floor((y - this.minY) / this.cell);
		for (let j = Math.max(0, cy - r); j <= Math.min(this.ny - 1, cy + r); j++)
			for (let i = Math.max(0, cx - r); i <= Math.min(this.nx - 1, cx + r); i++) {
				const c = j * this.nx + i;
				for (let k = this.start[c]; k < this.start[c + 1]; k++) fn(this.items[k]);
			}
	}
}
