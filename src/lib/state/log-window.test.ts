// The log's window: follows the newest while at the bottom, stops when scrolled up, asks the
// worker only for what is not held, one request at a time; throttled by a hand-turned clock.
import { describe, expect, it } from 'vitest';
import type { TxRow } from '../worker/protocol';
import { LogWindow, type LogAnswer } from './log-window.svelte';

function fakeWorker() {
	let end = 0;
	let first = 0;
	const asked: [number | 'tail', number][] = [];
	let release: (() => void)[] = [];
	const fetch = (asked_from: number, count: number, tail: boolean) => {
		asked.push(tail ? ['tail', count] : [asked_from, count]);
		return new Promise<LogAnswer>((resolve) =>
			release.push(() => {
				const from = tail ? Math.max(first, end - count) : asked_from;
				const rows = [] as TxRow[];
				for (let o = Math.max(from, first); o < Math.min(from + count, end); o++) rows.push({ seq: o } as TxRow);
				resolve({ from: Math.max(from, first), rows, log: { first, end, kept: end - first, evicted: first, ringBytes: 1 } });
			})
		);
	};
	return {
		fetch,
		asked,
		grow(n: number, evict = 0) {
			end += n;
			first += evict;
			return { first, end, kept: end - first, evicted: first, ringBytes: 1 };
		},
		async answer() {
			const r = release;
			release = [];
			for (const f of r) f();
			await new Promise((r) => setTimeout(r, 0));
		}
	};
}

describe('the log window', () => {
	it('follows the newest at the bottom, throttled while playing; scrolled up it holds its rows; newest goes back', async () => {
		const w = fakeWorker();
		let now = 0;
		const log = new LogWindow(w.fetch, () => now);
		log.view(0, 20, true);
		log.update(w.grow(100), true);
		expect(w.asked.at(-1)).toEqual(['tail', 20]);
		await w.answer();
		expect(log.held.rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
		// within 200 ms while playing: no new request
		const n = w.asked.length;
		now += 50;
		log.update(w.grow(10), true);
		expect(w.asked.length).toBe(n);
		now += 200;
		log.update(w.grow(10), true);
		expect(w.asked.at(-1)).toEqual(['tail', 20]);
		// rows arrive faster than they are read: the list's extent is the answer's, its last row the newest held
		w.grow(500);
		await w.answer();
		expect(log.range.end).toBe(620);
		expect(log.held.rows.at(-1)!.seq).toBe(619);
		// the user scrolls up: follow stops and the rows asked for stay put as more arrive
		log.view(30, 20, false);
		expect(log.follow).toBe(false);
		await w.answer();
		expect(log.held.from).toBe(30);
		now += 1000;
		log.update(w.grow(50, 5), true);
		await w.answer();
		expect(log.held.from).toBe(30);
		expect(log.range).toMatchObject({ first: 5, end: 670 });
		// held rows are not asked for again
		const m = w.asked.length;
		log.view(32, 10, false);
		expect(w.asked.length).toBe(m);
		log.jumpToNewest();
		expect(log.follow).toBe(true);
		expect(w.asked.at(-1)).toEqual(['tail', 10]); // the last view's size
		await w.answer();
		expect(log.held.rows.at(-1)!.seq).toBe(669);
	});

	it('one request at a time: what was asked meanwhile is fetched after', async () => {
		const w = fakeWorker();
		const log = new LogWindow(w.fetch, () => 0);
		log.update(w.grow(1000), false);
		log.view(100, 10, false);
		log.view(500, 10, false);
		expect(w.asked.length).toBe(1);
		await w.answer();
		expect(w.asked.at(-1)).toEqual([500, 10]);
		await w.answer();
		expect(log.held.from).toBe(500);
	});

	it('drops an answer asked for before a reset (an old filter\'s rows)', async () => {
		const w = fakeWorker();
		const log = new LogWindow(w.fetch, () => 0);
		log.update(w.grow(100), false);
		log.reset();
		log.jumpToNewest();
		expect(w.asked.length).toBe(1);
		await w.answer();
		expect(log.held.rows).toEqual([]);
		expect(w.asked.length).toBe(2);
		await w.answer();
		expect(log.held.rows.length).toBeGreaterThan(0);
	});

	it('following asks for the newest rows whatever it knew of the extent (a new filter while paused)', async () => {
		const w = fakeWorker();
		const log = new LogWindow(w.fetch, () => 0);
		w.grow(412);
		log.reset();
		log.jumpToNewest(); // the extent is not known yet
		expect(w.asked.at(-1)).toEqual(['tail', 40]);
		await w.answer();
		expect(log.held.from).toBe(372);
		expect(log.held.rows.at(-1)!.seq).toBe(411);
	});
});
