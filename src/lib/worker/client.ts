// The main thread's handle on the simulation worker.
import type { FromWorker, ToWorker, TxDetail } from './protocol';

export class SimClient {
	private worker: Worker;
	private nextRequest = 1;
	private pending = new Map<number, (m: FromWorker) => void>();
	/** Chunked exports under way: their parts so far, each already a Blob (held by the browser, not this heap). */
	private exports = new Map<number, Blob[]>();

	constructor(private onMessage: (m: FromWorker) => void) {
		this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
			const m = ev.data;
			if (m.kind === 'export-chunk') this.exports.get(m.request)?.push(new Blob([m.chunk as Uint8Array<ArrayBuffer>]));
			else if (m.kind === 'tx' || m.kind === 'export' || m.kind === 'log-window') {
				this.pending.get(m.request)?.(m);
				this.pending.delete(m.request);
			} else this.onMessage(m);
		};
		this.worker.onerror = (ev) => this.onMessage({ kind: 'error', message: ev.message || 'the simulation worker failed' });
	}

	send(m: ToWorker) {
		this.worker.postMessage(m);
	}

	/** The transmission with this sequence number, if the worker still keeps it. */
	tx(seq: number): Promise<TxDetail | null> {
		return this.request((request) => ({ kind: 'get-tx', request, seq }));
	}

	/** A node's latest transmission of the first of `types` it has sent. */
	latest(node: number, types: string[]): Promise<TxDetail | null> {
		return this.request((request) => ({ kind: 'get-latest', request, node, types }));
	}

	private request(make: (id: number) => ToWorker): Promise<TxDetail | null> {
		return this.ask(make).then((m) => (m.kind === 'tx' ? m.tx : null));
	}

	private ask(make: (id: number) => ToWorker): Promise<FromWorker> {
		const id = this.nextRequest++;
		return new Promise((resolve) => {
			this.pending.set(id, resolve);
			this.worker.postMessage(make(id));
		});
	}

	/** Log rows of ordinals [from, from + count) (`tail`: the newest `count`) under the current log filter, and where the log stands. */
	async logWindow(from: number, count: number, tail = false) {
		const m = await this.ask((request) => ({ kind: 'log-window', request, from, count, tail }));
		return m.kind === 'log-window' ? m : null;
	}

	/**
	 * The message history as a capture file, as a Blob of the chunks the worker wrote as it walked
	 * its ring: neither the worker nor this page holds the file in its JavaScript heap. `blob` has
	 * the file's MIME type; `records` and `seconds` say what it holds.
	 */
	async exportFile(format: 'jsonl' | 'pcapng'): Promise<{ blob: Blob; filename: string; records: number; seconds: number } | null> {
		let parts: Blob[] = [];
		const m = await this.ask((request) => {
			this.exports.set(request, parts);
			return { kind: 'export', request, format, chunked: true };
		});
		for (const [id, p] of this.exports) if (p === parts) this.exports.delete(id);
		if (m.kind !== 'export') return null;
		if (m.data.length) parts = [...parts, new Blob([m.data as Uint8Array<ArrayBuffer>])];
		const type = format === 'pcapng' ? 'application/vnd.tcpdump.pcap' : 'application/x-ndjson';
		return { blob: new Blob(parts, { type }), filename: m.filename, records: m.records, seconds: m.seconds };
	}

	/**
	 * Imports a File (or any Blob) without reading it on the page, told by its content
	 * (import-kind.ts): a capture is read slice by slice with `import-progress` messages while the
	 * running source goes on, then replayed; an OpenStreetMap extract (.osm, .osm.gz) or a city
	 * JSON becomes a city with a run on it (`ready`, then `city-imported`). A bad file is an
	 * `import-error` and changes nothing. Test hooks, read from the page's globals when set:
	 * `cv2xImportChunkBytes` (slice size) and `cv2xImportPauseMs` (wait between slices).
	 */
	importFile(name: string, file: Blob) {
		const hooks = globalThis as { cv2xImportChunkBytes?: number; cv2xImportPauseMs?: number };
		const m: ToWorker = { kind: 'import', name, data: file };
		if (typeof hooks.cv2xImportChunkBytes === 'number') m.chunkBytes = hooks.cv2xImportChunkBytes;
		if (typeof hooks.cv2xImportPauseMs === 'number') m.pauseMs = hooks.cv2xImportPauseMs;
		this.worker.postMessage(m);
	}

	terminate() {
		this.worker.terminate();
	}
}
