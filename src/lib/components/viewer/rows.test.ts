// The packet list's window arithmetic: rows map onto the scroll bar both ways, a list taller
// than MAX_PX is scaled onto it, and the row cache asks for each page once.
import { describe, expect, it } from 'vitest';
import { geometry, MAX_PX, PAGE_ROWS, ROW_PX, RowCache } from './rows';

describe('geometry', () => {
	it('is one row per ROW_PX while the list fits', () => {
		const g = geometry(1000, 440);
		expect(g.inner).toBe(1000 * ROW_PX);
		expect(g.visible).toBe(20);
		expect(g.firstAt(ROW_PX * 37)).toBe(37);
		expect(g.topFor(37)).toBe(ROW_PX * 37);
	});

	it('scales a million rows onto MAX_PX, reaching the last row at the bottom and round-tripping', () => {
		const g = geometry(1_000_000, 440);
		expect(g.inner).toBe(MAX_PX);
		expect(g.firstAt(0)).toBe(0);
		expect(g.firstAt(MAX_PX - 440)).toBeCloseTo(1_000_000 - 20, 6);
		expect(g.firstAt(g.topFor(654_321))).toBeCloseTo(654_321, 6);
		expect(g.firstAt(1e12)).toBeCloseTo(1_000_000 - 20, 6); // past the end: the last window
	});
});

describe('RowCache', () => {
	it('asks for each missing page once, keeps what arrives, and asks again after a failure', () => {
		const c = new RowCache(1);
		expect(c.missing(0, PAGE_ROWS * 2 - 1)).toEqual([0, 1]);
		expect(c.missing(0, PAGE_ROWS * 3 - 1)).toEqual([2]);
		const row = { no: 151, time: 0.1, source: 'car-1', destination: 'broadcast', channel: 'pc5', type: 'bsm', size: 75, info: 'BSM' };
		c.put(1, Array.from({ length: PAGE_ROWS }, (_, k) => ({ ...row, no: PAGE_ROWS + k + 1 })));
		expect(c.row(150)?.no).toBe(151);
		expect(c.row(5)).toBeUndefined();
		c.forget(0);
		expect(c.missing(0, 0)).toEqual([0]);
	});
});
