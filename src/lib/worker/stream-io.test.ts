// Captures in and out of the worker without holding the file: the export written chunk by chunk
// as the ring is walked (the bytes of the all-at-once writers), and a File imported slice by
// slice while the running simulation keeps posting frames. Nothing here waits on wall time.
import { describe, expect, it } from 'vitest';
import { readCapture, writeJsonl, writePcapng } from '../capture';
import { concatBytes } from '../codec';
import { createWorld } from '../sim';
import { exportChunks, EXPORT_CHUNK_BYTES } from './export';
import { Ledger } from './ledger';
import { NO_FILTER } from './log-view';
import type { FromWorker } from './protocol';
import { SimSession } from './session';

type Msg<K extends FromWorker['kind']> = Extract<FromWorker, { kind: K }>;


/** Byte-for-byte equality (toEqual walks a big array element by element: slow). */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

/** A ledger over `steps` steps of a small world. */
function history(steps: number) {
	const world = createWorld({ city: 'wuhan-etdz', seed: 2, vehicles: 30 });
	const ledger = new Ledger(world, NO_FILTER, 64 * 1024 * 1024);
	for (let i = 0; i < steps; i++) {
		world.step();
		for (const e of world.drainEvents()) if (e.kind === 'tx') ledger.account(e);
	}
	return { world, ledger };
}

/** A session whose timers are queued and run by hand; posts are kept. */
function harness() {
	const posted: FromWorker[] = [];
	let wall = 0;
	let timers: (() => void)[] = [];
	const session = new SimSession({ post: (m) => posted.push(m), now: () => wall, later: (fn) => void timers.push(fn) });
	return {
		posted,
		session,
		/** Lets `ms` pass: every timer due runs (those they set wait for the next turn). */
		turn(ms = 50) {
			wall += ms;
			const due = timers;
			timers = [];
			for (const fn of due) fn();
		},
		of<K extends FromWorker['kind']>(kind: K): Msg<K>[] {
			return posted.filter((m): m is Msg<K> => m.kind === kind);
		}
	};
}

/** Runs turns (and lets the file reads settle) until `done` or the safety limit. */
async function until(h: ReturnType<typeof harness>, done: () => boolean, limit = 5000) {
	for (let i = 0; i < limit && !done(); i++) {
		await new Promise((r) => setImmediate(r));
		h.turn();
	}
}

describe('export as the ring is walked', () => {
	it('writes the bytes of writePcapng and writeJsonl, chunk by chunk', () => {
		const { world, ledger } = history(30);
		const records = ledger.records();
		expect(records.length).toBeGreaterThan(500);
		for (const format of ['pcapng', 'jsonl'] as const) {
			const chunks: Uint8Array[] = [];
			const stats = exportChunks(ledger, world.meta, format, (c) => chunks.push(c), 4096);
			const old = format === 'pcapng' ? writePcapng(records, world.meta) : new TextEncoder().encode(writeJsonl(records));
			expect(chunks.length).toBeGreaterThan(5);
			expect(sameBytes(concatBytes(chunks), old)).toBe(true);
			expect(stats.records).toBe(records.length);
			expect(stats.seconds).toBe((records[records.length - 1].t - records[0].t) / 1000);
		}
	});

	it('holds a bounded buffer however long the history: ten times the records, the same bound', () => {
		const peaks = [12, 120].map((steps) => {
			const { world, ledger } = history(steps);
			let bytes = 0;
			const stats = exportChunks(ledger, world.meta, 'pcapng', (c) => (bytes += c.length));
			return { ...stats, bytes };
		});
		expect(peaks[1].records).toBeGreaterThan(6 * peaks[0].records);
		expect(peaks[1].bytes).toBeGreaterThan(6 * EXPORT_CHUNK_BYTES);
		// the writer's buffer: about two chunks and a block, never the file
		for (const p of peaks) expect(p.peakBufferBytes).toBeLessThanOrEqual(2 * EXPORT_CHUNK_BYTES + 64 * 1024);
	});

	it('a chunked export posts its chunks, then an empty end; joined they are the one-piece export', () => {
		const h = harness();
		h.session.handle({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 2, vehicles: 10 } });
		for (let i = 0; i < 20; i++) h.session.handle({ kind: 'step' });
		h.session.handle({ kind: 'export', request: 1, format: 'pcapng' });
		h.session.handle({ kind: 'export', request: 2, format: 'pcapng', chunked: true });
		const [whole, end] = h.of('export');
		const chunks = h.of('export-chunk').filter((m) => m.request === 2);
		expect(end.data.length).toBe(0);
		expect(end.chunks).toBe(chunks.length);
		expect(sameBytes(concatBytes(chunks.map((c) => c.chunk)), whole.data)).toBe(true);
	});
});

describe('import of a File, slice by slice', () => {
	it('reports progress, keeps the simulation posting frames meanwhile, then replays what the bytes import gives', async () => {
		const h = harness();
		h.session.handle({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 2, vehicles: 10 } });
		for (let i = 0; i < 20; i++) h.session.handle({ kind: 'step' });
		h.session.handle({ kind: 'export', request: 1, format: 'jsonl' });
		const file = h.of('export')[0].data;
		h.session.handle({ kind: 'import', name: 'run.jsonl', data: file.slice() });
		const viaBytes = h.of('ready').at(-1)!.replay!;

		h.session.handle({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 5 } });
		h.session.handle({ kind: 'play' });
		h.posted.length = 0;
		h.session.handle({ kind: 'import', name: 'run.jsonl', data: new Blob([file as Uint8Array<ArrayBuffer>]), chunkBytes: 2048 });
		await until(h, () => h.of('ready').length > 0);
		const progress = h.of('import-progress');
		expect(progress.length).toBeGreaterThan(5);
		expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b));
		expect(progress.at(-1)).toMatchObject({ name: 'run.jsonl', loaded: file.length, total: file.length, percent: 100 });
		// frames of the running simulation came between the slices
		const firstProgress = h.posted.findIndex((m) => m.kind === 'import-progress');
		const lastProgress = h.posted.findLastIndex((m) => m.kind === 'import-progress');
		expect(h.posted.slice(firstProgress, lastProgress).filter((m) => m.kind === 'frame' && m.playing).length).toBeGreaterThan(2);
		expect(h.of('ready')[0].replay).toEqual(viaBytes);
		expect(readCapture(file).records.length).toBe(viaBytes.records);
	});

	it('a damaged file: the exact error (line, byte offset), and what ran goes on untouched', async () => {
		const h = harness();
		h.session.handle({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 2, vehicles: 10 } });
		for (let i = 0; i < 5; i++) h.session.handle({ kind: 'step' });
		h.session.handle({ kind: 'export', request: 1, format: 'jsonl' });
		const text = new TextDecoder().decode(h.of('export')[0].data);
		const lines = text.split('\n');
		lines[40] = lines[40].replace('"channel":"pc5"', '"channel":"pc7"').replace('"channel":"uu"', '"channel":"uu7"');
		const damaged = new TextEncoder().encode(lines.join('\n'));
		const offset = new TextEncoder().encode(lines.slice(0, 40).join('\n') + '\n').length;
		h.session.handle({ kind: 'play' });
		h.posted.length = 0;
		h.session.handle({ kind: 'import', name: 'bad.jsonl', data: new Blob([damaged as Uint8Array<ArrayBuffer>]), chunkBytes: 1000 });
		await until(h, () => h.of('import-error').length > 0);
		expect(h.of('import-error')[0].message).toMatch(new RegExp(`^bad\\.jsonl: line 41 \\(byte offset ${offset}\\): unknown channel`));
		expect(h.of('ready')).toEqual([]);
		const t = h.of('frame').at(-1)!.t;
		h.turn(100);
		expect(h.of('frame').at(-1)!.t).toBeGreaterThan(t); // still playing the same run
	});
});
