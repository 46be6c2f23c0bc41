// The delivery loop over the fine grid gives exactly what the former loop over the coarse grid
// gave (kept here as the reference): the same receivers in the same (id) order, the same count and
// the same tried and delivered bins, on random layouts with clusters, shared positions, ids out of
// order and nodes exactly at range.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RADIO } from './config';
import type { RadioBins } from './engine';
import { Neighbours, PC5_SALT } from './neighbours';
import { Grid, pdrTable } from './radio';
import { rankByIds, RankSet } from './rank-set';
import { hash32, hash32Prefix, hash32Rest, hashUnit, Rng } from './rng';

const BIN_M = 25;

/** The former neighbour loop: 5 x 5 coarse cells, every point tested. */
function referenceReach(
	ids: number[], xs: number[], ys: number[], seed: number, seq: number, sender: number,
	x: number, y: number, range: number, rangeM: number, pdr: Float64Array, bins: RadioBins
): number[] {
	const g = new Grid(rangeM);
	g.build(xs, ys, ids.length);
	const r2 = Math.min(range, rangeM) ** 2;
	const rec: number[] = [];
	const r = Math.ceil(range / g.cell);
	const cx = g.cellX(x);
	const cy = g.cellY(y);
	for (let j = Math.max(0, cy - r); j <= Math.min(g.ny - 1, cy + r); j++)
		for (let i = Math.max(0, cx - r); i <= Math.min(g.nx - 1, cx + r); i++) {
			const c = j * g.nx + i;
			for (let k = g.start[c]; k < g.start[c + 1]; k++) {
				const idx = g.items[k];
				const id = ids[idx];
				if (id === sender) continue;
				const dx = xs[idx] - x;
				const dy = ys[idx] - y;
				const d2 = dx * dx + dy * dy;
				if (d2 > r2) continue;
				const d = Math.sqrt(d2);
				const bin = (d / BIN_M) | 0;
				bins.tried[bin]++;
				if (hashUnit(seed, seq, id, PC5_SALT) >= pdr[d | 0]) continue;
				bins.delivered[bin]++;
				rec.push(id);
			}
		}
	return rec.sort((a, b) => a - b);
}

function emptyBins(rangeM: number): RadioBins {
	const n = Math.ceil(rangeM / BIN_M) + 1;
	return { binM: BIN_M, tried: new Float64Array(n), delivered: new Float64Array(n) };
}

/** A random layout: uniform, clustered, on a line, shared positions; ids not in index order. */
function layout(rng: Rng, n: number, extent: number) {
	const ids: number[] = [], xs: number[] = [], ys: number[] = [];
	const style = rng.int(0, 3);
	const lattice = rng.next() < 0.5;
	for (let i = 0; i < n; i++) {
		let x = rng.range(-extent, extent);
		let y = style === 2 ? 0 : rng.range(-extent, extent);
		if (style === 1) {
			x = rng.normal() * extent * 0.1 + (i % 3) * 200;
			y = rng.normal() * extent * 0.1;
		}
		if (style === 3 && i > 0 && rng.next() < 0.3) {
			x = xs[i - 1];
			y = ys[i - 1];
		}
		// on a 0.5 m lattice, half the time, so that distances come out exact
		if (lattice) [x, y] = [Math.round(x * 2) / 2, Math.round(y * 2) / 2];
		ids.push(10000 + ((i * 7919) % 100003));
		xs.push(x);
		ys.push(y);
	}
	return { ids, xs, ys };
}

describe('PC5 neighbour loop', () => {
	test('hash32 split in two parts is hash32', () => {
		const rng = new Rng(3);
		for (let i = 0; i < 2000; i++) {
			const [a, b, c, d] = [rng.nextU32(), rng.int(0, 1e7), rng.int(0, 2e5), rng.nextU32()];
			expect(hash32Rest(hash32Prefix(a, b), c, d)).toBe(hash32(a, b, c, d));
		}
	});

	test('same receivers, count and bins as the former loop on random layouts', () => {
		const rng = new Rng(11);
		const radio = DEFAULT_RADIO.pc5;
		for (let trial = 0; trial < 60; trial++) {
			const rangeM = rng.pick([radio.rangeM, 150, 300, 777.5]);
			const cfg = { ...radio, rangeM };
			const pdr = pdrTable(cfg);
			const { ids, xs, ys } = layout(rng, rng.int(0, 1500), rng.pick([100, 1000, 4000]));
			const nb = new Neighbours(rangeM, pdr, BIN_M);
			nb.begin();
			for (let i = 0; i < ids.length; i++) nb.add(ids[i], xs[i], ys[i]);
			nb.end();
			const off = rng.int(0, 3);
			const out = new Int32Array(nb.size + off);
			for (let q = 0; q < 40; q++) {
				const at = ids.length && rng.next() < 0.8 ? rng.int(0, ids.length - 1) : -1;
				let x = at >= 0 ? xs[at] : rng.range(-5000, 5000);
				let y = at >= 0 ? ys[at] : rng.range(-5000, 5000);
				// now and then a node exactly at range, along x or y
				const other = (at + 1) % ids.length;
				if (at >= 0 && q % 5 === 0) [x, y] = [xs[other] - rangeM, ys[other]];
				if (at >= 0 && q % 5 === 1) [x, y] = [xs[other], ys[other] + rangeM];
				const range = rng.pick([rangeM, rangeM * 2, rng.range(0, rangeM)]);
				const sender = at >= 0 ? ids[at] : -1;
				const seed = rng.int(0, 1000);
				const seq = rng.int(0, 1e6);
				const refBins = emptyBins(rangeM);
				const expected = referenceReach(ids, xs, ys, seed, seq, sender, x, y, range, rangeM, pdr, refBins);
				const bins = emptyBins(rangeM);
				const count = nb.reach(seed, { sender, x, y, rangeM: Math.min(range, rangeM), seq }, bins, out, off);
				expect(count).toBe(expected.length);
				// in id order as they come out: no sort here
				expect([...out.subarray(off, off + count)]).toEqual(expected);
				expect(bins).toEqual(refBins);
				// counting only gives the same count and bins
				const countBins = emptyBins(rangeM);
				expect(nb.reach(seed, { sender, x, y, rangeM: Math.min(range, rangeM), seq }, countBins, null)).toBe(count);
				expect(countBins).toEqual(refBins);
			}
		}
	});

	test('ranks follow ids, ties in index order, whether the ids come sorted or not', () => {
		const rng = new Rng(5);
		for (let trial = 0; trial < 50; trial++) {
			const n = rng.int(0, 300);
			const sorted = trial % 3 === 0;
			const ids = Int32Array.from({ length: n }, (_, i) => (sorted ? i * 2 : rng.int(-5, 40) * (rng.next() < 0.1 ? 1e8 : 1)));
			const rank = new Int32Array(n);
			const rankId = new Int32Array(n);
			rankByIds(ids, n, rank, rankId);
			const order = [...ids.keys()].sort((a, b) => ids[a] - ids[b] || a - b);
			expect([...rankId]).toEqual(order.map((i) => ids[i]));
			order.forEach((i, r) => expect(rank[i]).toBe(r));
		}
	});

	test('a rank set drains in increasing order and empties', () => {
		const rng = new Rng(6);
		const set = new RankSet();
		const idOf = Int32Array.from({ length: 5000 }, (_, r) => 100000 + r);
		set.reserve(5000);
		const out = new Int32Array(5002);
		for (let trial = 0; trial < 30; trial++) {
			const ranks = new Set(Array.from({ length: rng.int(0, 400) }, () => rng.int(0, 4999)));
			for (const r of ranks) set.add(r);
			const n = set.drain(idOf, out, 2);
			expect([...out.subarray(2, 2 + n)]).toEqual([...ranks].sort((a, b) => a - b).map((r) => 100000 + r));
		}
		expect(set.drain(idOf, out, 0)).toBe(0);
	});

	test('a bin width that is not a whole number of metres is refused', () => {
		expect(() => new Neighbours(300, pdrTable(DEFAULT_RADIO.pc5), 12.5)).toThrow(RangeError);
	});

	test('nobody indexed, or only the sender: nobody reached', () => {
		const nb = new Neighbours(300, pdrTable(DEFAULT_RADIO.pc5), BIN_M);
		nb.begin();
		nb.end();
		expect(nb.reach(1, { sender: 1, x: 0, y: 0, rangeM: 300, seq: 0 }, emptyBins(300), null)).toBe(0);
		nb.begin();
		nb.add(1, 5, 5);
		nb.end();
		expect(nb.reach(1, { sender: 1, x: 5, y: 5, rangeM: 300, seq: 0 }, emptyBins(300), null)).toBe(0);
	});
});
