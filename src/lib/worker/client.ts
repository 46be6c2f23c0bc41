// The main thread's handle on the simulation worker.
import type { FromWorker, ToWorker, TxDetail } from './protocol';

export class SimClient {
	private worker: Worker;
	private nextRequest = 1;
	private pending = new Map<number, (m: FromWorker) => void>();

	constructor(private onMessage: (m: FromWorker) => void) {
		this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
			const m = ev.data;
			if (m.kind === 'tx' || m.kind === 'export' || m.kind === 'log-window') {
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

	/** The message history as a capture file. */
	async exportCapture(format: 'jsonl' | 'pcapng') {
		const m = await this.ask((request) => ({ kind: 'export', request, format }));
		return m.kind === 'export' ? m : null;
	}

	/**
	 * Imports a file, told by its content (import-kind.ts): a capture is replayed; an OpenStreetMap
	 * extract (.osm, .osm.gz) or a city JSON becomes a city with a run on it (`ready`, then
	 * `city-imported`). The worker reads it whole first; a bad file is an `import-error` and changes nothing.
	 */
	importCapture(name: string, data: Uint8Array) {
		this.worker.postMessage({ kind: 'import', name, data } satisfies ToWorker, [data.buffer]);
	}

	terminate() {
		this.worker.terminate();
	}
}
