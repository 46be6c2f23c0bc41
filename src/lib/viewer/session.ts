// The capture viewer's worker logic, testable without a Worker: a page posts requests, the
// session answers through `post` (progress while parsing and filtering, then the result). A
// failed open keeps the capture that was open; a newer filter or open supersedes one running.
import { ViewerError, describe as describeError } from './errors';
import { compileFilter } from './filter';
import { openCapture, CHUNK_BYTES } from './indexer';
import type { PacketTable } from './table';
import { FilterRun, packetDetail, packetRows, type PacketDetail, type PacketRow } from './view';

export type ViewerRequest =
	/** A capture's bytes, or a File (read here in the worker, so the page never holds the file). */
	| { op: 'open'; id: number; data: ArrayBuffer | Uint8Array | Blob }
	| { op: 'filter'; id: number; text: string }
	/** rows `from`..`from+count` of the current view (the filtered list, or all packets) */
	| { op: 'rows'; id: number; from: number; count: number }
	/** `index` is a packet index (row.no - 1) */
	| { op: 'detail'; id: number; index: number };

export type ViewerReply =
	| { op: 'progress'; id: number; stage: 'open' | 'filter'; done: number; total: number; packets: number }
	| { op: 'opened'; id: number; packets: number; format: string; startTimeMs: number; comments: string[]; tableBytes: number }
	| { op: 'filtered'; id: number; text: string; count: number }
	| { op: 'rows'; id: number; from: number; rows: PacketRow[] }
	| { op: 'detail'; id: number; detail: PacketDetail }
	| { op: 'error'; id: number; message: string; column?: number; line?: number; offset?: number; block?: number };

/** How long a session works between yields (ms of wall time): the worker answers messages in between. */
const SLICE_MS = 50;

const pause = () => new Promise((r) => setTimeout(r, 0));

/**
 * One open capture and its current view, answering ViewerRequests. In a worker:
 * `const s = new ViewerSession((r) => postMessage(r)); onmessage = (e) => s.handle(e.data);`
 */
export class ViewerSession {
	private table?: PacketTable;
	/** the current view: matching packet indices, or undefined for every packet */
	private view?: Uint32Array;
	private generation = 0;

	/**
	 * `post` receives every reply (in a worker: `postMessage`). `opts.sliceMs` is how long it works
	 * between yields (at least one step each), `opts.chunkBytes` the bytes per parse step.
	 */
	constructor(
		private readonly post: (reply: ViewerReply) => void,
		private readonly opts: { sliceMs?: number; chunkBytes?: number } = {}
	) {}

	/** Handles one request; resolves when it is answered (or superseded by a newer open or filter). */
	async handle(req: ViewerRequest): Promise<void> {
		try {
			if (req.op === 'open') return await this.open(req.id, req.data);
			if (req.op === 'filter') return await this.filter(req.id, req.text);
			const table = this.table;
			if (!table) throw new ViewerError('no capture is open');
			if (req.op === 'rows') {
				const n = this.view ? this.view.length : table.length;
				const from = Math.max(0, Math.min(req.from, n));
				const count = Math.max(0, Math.min(req.count, n - from, 1000));
				const idx = this.view ? this.view.subarray(from, from + count) : Uint32Array.from({ length: count }, (_, k) => from + k);
				this.post({ op: 'rows', id: req.id, from, rows: packetRows(table, idx) });
			} else {
				if (!(req.index >= 0 && req.index < table.length)) throw new ViewerError(`no packet ${req.index + 1}: the capture has ${table.length}`);
				this.post({ op: 'detail', id: req.id, detail: packetDetail(table, req.index) });
			}
		} catch (e) {
			const v = e instanceof ViewerError ? e : new ViewerError(describeError(e));
			this.post({ op: 'error', id: req.id, message: v.message, column: v.column, line: v.line, offset: v.offset, block: v.block });
		}
	}

	private async open(id: number, given: ArrayBuffer | Uint8Array | Blob): Promise<void> {
		const gen = ++this.generation;
		const data = typeof Blob !== 'undefined' && given instanceof Blob ? await given.arrayBuffer() : (given as ArrayBuffer | Uint8Array);
		if (gen !== this.generation) return; // superseded while the file was read
		const ix = openCapture(data);
		for (;;) {
			const end = performance.now() + (this.opts.sliceMs ?? SLICE_MS);
			let done: boolean;
			do done = ix.step(this.opts.chunkBytes ?? CHUNK_BYTES >> 2);
			while (!done && performance.now() < end);
			this.post({ op: 'progress', id, stage: 'open', done: done ? ix.source.length : ix.position, total: ix.source.length, packets: ix.table.length });
			if (done) break;
			await pause();
			if (gen !== this.generation) return; // superseded: the old capture stays
		}
		const t = ix.table;
		this.table = t;
		this.view = undefined;
		this.post({ op: 'opened', id, packets: t.length, format: t.format, startTimeMs: t.startTimeMs, comments: [...t.comments], tableBytes: t.columnBytes() });
	}

	private async filter(id: number, text: string): Promise<void> {
		const table = this.table;
		if (!table) throw new ViewerError('no capture is open');
		const gen = ++this.generation;
		const run = new FilterRun(table, compileFilter(text, table));
		for (;;) {
			const done = run.stepFor(this.opts.sliceMs ?? SLICE_MS);
			this.post({ op: 'progress', id, stage: 'filter', done: run.done, total: table.length, packets: run.count });
			if (done) break;
			await pause();
			if (gen !== this.generation) return;
		}
		this.view = text.trim() === '' ? undefined : run.matches().slice();
		this.post({ op: 'filtered', id, text, count: this.view ? this.view.length : table.length });
	}
}
