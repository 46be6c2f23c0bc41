import { describe, expect, test } from 'vitest';
import { Inbox } from './inbox';

const bytes = new Uint8Array(1);

describe('Inbox', () => {
	test('under the budget everything is kept, in arrival order', () => {
		const inbox = new Inbox(5);
		for (const t of ['a', 'b', 'c']) inbox.push(t, bytes);
		expect(inbox.take().map((a) => a.topic)).toEqual(['a', 'b', 'c']);
		expect(inbox.take()).toEqual([]);
		expect(inbox.dropped).toBe(0);
		expect(inbox.arrived).toBe(3);
	});

	test('a burst beyond the budget is sampled from all of it: a second publisher is not crowded out by the first', () => {
		const inbox = new Inbox(600);
		for (let i = 0; i < 5000; i++) inbox.push('first', bytes);
		for (let i = 0; i < 5000; i++) inbox.push('second', bytes);
		expect(inbox.size).toBe(600);
		expect(inbox.pending).toBe(10_000);
		const kept = inbox.take();
		expect(kept.length).toBe(600);
		expect(inbox.dropped).toBe(9400);
		const second = kept.filter((a) => a.topic === 'second').length;
		expect(second).toBeGreaterThan(200); // about 300 of 600 expected
		expect(second).toBeLessThan(400);
		// in arrival order, each at most once
		for (let i = 1; i < kept.length; i++) expect(kept[i].n).toBeGreaterThan(kept[i - 1].n);
		expect(inbox.size).toBe(0);
		expect(inbox.pending).toBe(0);
	});

	test('a budget must be a positive whole number', () => {
		expect(() => new Inbox(0)).toThrow(/positive whole number, got 0/);
		expect(() => new Inbox(1.5)).toThrow(RangeError);
	});
});
