// The page's handle on the capture viewer's worker (viewer.worker.ts): one promise per request
// id, progress through a callback, the file's bytes transferred (not copied) to the worker.
import type { ViewerReply } from './session';
import type { PacketDetail, PacketRow } from './view';
import type { ViewerWorkerRequest } from './viewer.worker';

export type { PacketDetail, PacketRow };
export type Opened = Extract<ViewerReply, { op: 'opened' }>;
export type Filtered = Extract<ViewerReply, { op: 'filtered' }>;
export type Progress = Extract<ViewerReply, { op: 'progress' }>;

/**
 * A request the worker refused: the viewer's message ("not a capture …", "expected a value …")
 * and where (`column` 1-based in a filter's text; `line`, `block`, `offset` in the file).
 * `superseded` when a newer open or filter replaced it before it finished (nothing changed).
 */
export class ViewerFailure extends Error {
	constructor(
		message: string,
		readonly where: { column?: number; line?: number; block?: number; offset?: number } = {},
		readonly superseded = false
	) {
		super(message);
		this.name = 'ViewerFailure';
	}
}

interface Pending {
	op: ViewerWorkerRequest['op'];
	resolve: (r: ViewerReply) => void;
	reject: (e: ViewerFailure) => void;
	progress?: (p: Progress) => void;
}

type Request = ViewerWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The viewer's worker, started on construction; `terminate()` when the page goes. */
export class ViewerClient {
	private worker: Worker;
	private nextId = 1;
	private pending = new Map<number, Pending>();

	constructor() {
		this.worker = new Worker(new URL('./viewer.worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (ev: MessageEvent<ViewerReply>) => this.reply(ev.data);
		this.worker.onerror = (ev) => this.failAll(new ViewerFailure(ev.message || 'the capture viewer worker failed'));
	}

	/**
	 * Parses a capture file (pcapng, pcap or JSON Lines): a File is read in the worker (the page
	 * never holds it); a buffer is transferred, so it is unusable here after.
	 */
	open(data: ArrayBuffer | Blob, progress?: (p: Progress) => void): Promise<Opened> {
		return this.ask({ op: 'open', data }, progress, data instanceof ArrayBuffer ? [data] : []) as Promise<Opened>;
	}

	/** Makes and opens a demo capture of `seconds` simulated seconds (demo.ts). */
	demo(seconds: number, progress?: (p: Progress) => void): Promise<Opened> {
		return this.ask({ op: 'demo', seconds }, progress) as Promise<Opened>;
	}

	/** Applies a display filter ('' shows every packet); rejects with the filter's column on a mistake. */
	filter(text: string, progress?: (p: Progress) => void): Promise<Filtered> {
		return this.ask({ op: 'filter', text }, progress) as Promise<Filtered>;
	}

	/** Rows `from`..`from+count` of the current view (at most 1000 a request). */
	async rows(from: number, count: number): Promise<PacketRow[]> {
		const r = await this.ask({ op: 'rows', from, count });
		return r.op === 'rows' ? r.rows : [];
	}

	/** Packet `index` (row.no - 1) in full. */
	async detail(index: number): Promise<PacketDetail> {
		const r = await this.ask({ op: 'detail', index });
		if (r.op !== 'detail') throw new ViewerFailure(`no detail for packet ${index + 1}`);
		return r.detail;
	}

	terminate() {
		this.worker.terminate();
		this.failAll(new ViewerFailure('the capture viewer was closed', {}, true));
	}

	private ask(req: Request, progress?: (p: Progress) => void, transfer: Transferable[] = []): Promise<ViewerReply> {
		const id = this.nextId++;
		// the session drops an open or filter that a newer one supersedes without a reply: settle it here
		if (req.op === 'open' || req.op === 'demo' || req.op === 'filter') {
			for (const [old, p] of this.pending) {
				if (p.op !== 'open' && p.op !== 'demo' && p.op !== 'filter') continue;
				this.pending.delete(old);
				p.reject(new ViewerFailure('superseded by a newer request', {}, true));
			}
		}
		return new Promise((resolve, reject) => {
			this.pending.set(id, { op: req.op, resolve, reject, progress });
			this.worker.postMessage({ ...req, id } as ViewerWorkerRequest, transfer);
		});
	}

	private reply(r: ViewerReply) {
		const p = this.pending.get(r.id);
		if (!p) return;
		if (r.op === 'progress') return p.progress?.(r);
		this.pending.delete(r.id);
		if (r.op === 'error') p.reject(new ViewerFailure(r.message, { column: r.column, line: r.line, block: r.block, offset: r.offset }));
		else p.resolve(r);
	}

	private failAll(e: ViewerFailure) {
		for (const p of this.pending.values()) p.reject(e);
		this.pending.clear();
	}
}
