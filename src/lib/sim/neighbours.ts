// Who hears a PC5 broadcast: the step's radio positions in typed arrays, indexed twice. A coarse
// grid answers `near` (RSU sensing; its visiting order is part of the simulation's behaviour),
// and a fine one, with positions copied into cell order, serves the delivery loop: a row of
// cells is one contiguous run, trimmed to the circle's width in that row, so a broadcast looks
// at little more than its disc, reads memory in order, and allocates nothing. Receivers come out
// in id order through a bitmap of ranks (rank-set.ts), not by sorting each broadcast's list.
import type { RadioBins } from './engine';
import { Grid } from './radio';
import { rankByIds, RankSet } from './rank-set';
import { hash32Prefix } from './rng';

/** Salt of the PC5 delivery draw: hash32(seed, transmission seq, receiver id, PC5_SALT). */
export const PC5_SALT = 0x50c5;
/** Fine cells per radio range: a broadcast's disc is about 2 x 8 rows. */
const FINE_PER_RANGE = 8;
/** A cap on fine cells for very large imported cities (cells widen beyond it). */
const MAX_FINE_CELLS = 1 << 22;
/** Slack on row bounds, m: a row may be visited needlessly, never missed by rounding. */
const SLACK_M = 1e-3;

/** A PC5 broadcast to look up: sender id, position (local metres), range (m), transmission seq. */
export interface Broadcast {
	sender: number;
	x: number;
	y: number;
	/** Range, m, already capped by the configured radio range. */
	rangeM: number;
	seq: number;
}

/** The step's radio positions and the delivery loop over them. */
export class Neighbours {
	private n = 0;
	private ids = new Int32Array(256);
	private xs = new Float64Array(256);
	private ys = new Float64Array(256);
	private readonly coarse: Grid;
	private readonly fine: Grid;
	/** ids, ranks (place in id order) and positions in the fine grid's cell order. */
	private cid = new Int32Array(0);
	private crank = new Int32Array(0);
	private cx = new Float64Array(0);
	private cy = new Float64Array(0);
	/** Rank of each node by index, and the id of each rank. */
	private rank = new Int32Array(0);
	private rankId = new Int32Array(0);
	/** The ranks a broadcast reached. */
	private readonly reached = new RankSet();
	/** Delivery ratio per whole metre, times 2^32: a draw h (uint32) is lost when h >= it. */
	private readonly pdrU32: Float64Array;
	/** The RadioBins bin of each whole metre. */
	private readonly binOf: Int32Array;

	/**
	 * @param rangeM configured PC5 range, m
	 * @param pdr delivery ratio per whole metre of distance (radio.ts pdrTable)
	 * @param binM width of a RadioBins bin, a whole number of metres (>= 2)
	 * @throws RangeError for a bin width that is not a whole number of metres
	 */
	constructor(rangeM: number, pdr: Float64Array, binM: number) {
		if (!Number.isInteger(binM) || binM < 2) throw new RangeError(`RadioBins width must be a whole number of metres >= 2, got ${binM}`);
		this.coarse = new Grid(rangeM);
		this.fine = new Grid(rangeM, Math.max(10, rangeM / FINE_PER_RANGE), MAX_FINE_CELLS);
		// exact: scaling by a power of two, so h / 2^32 >= p exactly when h >= p * 2^32
		this.pdrU32 = pdr.map((p) => p * 4294967296);
		// floor(d / binM) = floor(floor(d) / binM) for a whole binM: no multiple of it lies inside
		// a metre (and d / binM, rounded, never reaches the next whole number from below)
		this.binOf = new Int32Array(pdr.length).map((_, m) => Math.floor(m / binM));
	}

	/** Starts a new index (every step, before anyone sends). */
	begin(): void {
		this.n = 0;
	}

	/** Adds node `id` (an int32) with a radio at (x, y), local metres. */
	add(id: number, x: number, y: number): void {
		if (this.n === this.ids.length) this.grow(this.n * 2);
		this.ids[this.n] = id;
		this.xs[this.n] = x;
		this.ys[this.n] = y;
		this.n++;
	}

	private grow(size: number): void {
		const ids = new Int32Array(size);
		const xs = new Float64Array(size);
		const ys = new Float64Array(size);
		ids.set(this.ids);
		xs.set(this.xs);
		ys.set(this.ys);
		this.ids = ids;
		this.xs = xs;
		this.ys = ys;
	}

	/** Builds both grids over the nodes added since begin(), and the nodes' ranks in id order. */
	end(): void {
		const n = this.n;
		this.coarse.build(this.xs, this.ys, n);
		this.fine.build(this.xs, this.ys, n);
		if (this.cid.length < n) {
			const size = this.ids.length;
			this.cid = new Int32Array(size);
			this.crank = new Int32Array(size);
			this.cx = new Float64Array(size);
			this.cy = new Float64Array(size);
			this.rank = new Int32Array(size);
			this.rankId = new Int32Array(size);
		}
		rankByIds(this.ids, n, this.rank, this.rankId);
		this.reached.reserve(n);
		const items = this.fine.items;
		for (let k = 0; k < n; k++) {
			const i = items[k];
			this.cid[k] = this.ids[i];
			this.crank[k] = this.rank[i];
			this.cx[k] = this.xs[i];
			this.cy[k] = this.ys[i];
		}
	}

	/** Calls fn with the id of every node in the coarse cells within `range` of (x, y), in grid order. */
	near(x: number, y: number, range: number, fn: (id: number) => void): void {
		this.coarse.near(x, y, range, (i) => fn(this.ids[i]));
	}

	/**
	 * The PC5 neighbour loop: every node other than the sender within `b.rangeM` (distance <= range)
	 * is tried against the delivery curve with the draw hash32(seed, b.seq, id, PC5_SALT); tried and
	 * reached are counted in `bins` by distance. Returns how many received; when `out` is given,
	 * their ids are written to out[at ..] in increasing order (ties in index order). `out` must have
	 * room for every node from `at` (see `size`).
	 */
	reach(seed: number, b: Broadcast, bins: RadioBins, out: Int32Array | null, at = 0): number {
		const g = this.fine;
		const { x, y, sender } = b;
		const range = b.rangeM;
		const r2 = range ** 2;
		// hash32Rest(prefix, id, PC5_SALT) inlined, its id-free part hoisted (rng.ts)
		const prefix = hash32Prefix(seed, b.seq);
		const pre = prefix ^ (prefix >>> 16);
		// module constants as locals (V8 reloads a module-level one at every use)
		const salt = PC5_SALT, slack = SLACK_M;
		const cid = this.cid, crank = this.crank, cx = this.cx, cy = this.cy, thr = this.pdrU32, binOf = this.binOf;
		const { tried, delivered } = bins;
		const { start, cell, nx, minY } = g;
		// a cell column by multiplying: off by an ulp at most, which the row's slack covers
		const perCell = 1 / cell;
		const fx = (x - g.minX) * perCell;
		const lastX = nx - 1;
		const reached = this.reached;
		const record = out !== null;
		let count = 0;
		for (let j = g.cellY(y - range - slack), j1 = g.cellY(y + range + slack); j <= j1; j++) {
			// the row's nearest edge to y, then the circle's half width there
			const top = minY + j * cell;
			let dy = (y < top ? top - y : y > top + cell ? y - top - cell : 0) - slack;
			if (dy < 0) dy = 0;
			if (dy * dy > r2) continue;
			const w = (Math.sqrt(r2 - dy * dy) + slack) * perCell;
			const row = j * nx;
			const i0 = Math.floor(fx - w);
			const i1 = Math.floor(fx + w);
			const end = start[row + (i1 > lastX ? lastX : i1 < 0 ? 0 : i1) + 1];
			for (let k = start[row + (i0 > lastX ? lastX : i0 < 0 ? 0 : i0)]; k < end; k++) {
				const ex = cx[k] - x;
				const ey = cy[k] - y;
				const d2 = ex * ex + ey * ey;
				if (d2 > r2) continue;
				const id = cid[k];
				if (id === sender) continue;
				const d = Math.sqrt(d2);
				const bin = binOf[d | 0];
				tried[bin]++;
				let h = pre ^ id;
				h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
				h = h ^ salt ^ (h >>> 12);
				h = Math.imul(h ^ (h >>> 16), 0x297a2d39);
				if ((h ^ (h >>> 15)) >>> 0 >= thr[d | 0]) continue;
				delivered[bin]++;
				if (record) reached.add(crank[k]);
				count++;
			}
		}
		if (record && count > 0) reached.drain(this.rankId, out, at);
		return count;
	}

	/** How many nodes are indexed (the most a broadcast can reach). */
	get size(): number {
		return this.n;
	}
}
