// The page's handle on the inspect worker (inspect.worker.ts): inputs above
// WORKER_THRESHOLD_BYTES are parsed and decoded there, smaller ones on the spot (a worker round
// trip costs more than they do). A newer request supersedes an older one: its promise rejects
// with SupersededError, and a worker still busy with it is stopped and replaced, so a
// megabyte paste followed by another never waits for the first.
import type { EncodingName } from './detect';
import type { Reading } from './reading';
import type { ViewOptions } from './view';
import type { BitRow } from './bit-view';
import type { FieldRow } from './view';
import type { InspectReply, InspectRequest, PlainError, SchemaSource } from './worker-session';
import type { UserSchema } from './user-schema';

/**
 * Inputs (bytes, or characters of pasted text) above this go to the worker. Measured with
 * `readAs` (detection under every profile plus the view with meanings), best of 5, Node 20 on
 * two shared cores: a 99 B BSM 1.0 ms, a 1.3 KiB MAP 7.9 ms, 5 KiB 12.5 ms, 15 KiB 29 ms, about
 * 2 ms per KiB. 8 KiB (~15 ms) keeps the synchronous path within one frame; above it a worker's
 * round trip costs less than the freeze would.
 */
export const WORKER_THRESHOLD_BYTES = 8 * 1024;

/** The promise of a request that a newer one replaced (nothing to show: the newer one answers). */
export class SupersededError extends Error {
	constructor() {
		super('superseded by a newer input');
		this.name = 'SupersededError';
	}
}

/** A request the worker could not answer: the codec's error as plain data (message, code, place). */
export class InspectWorkerError extends Error {
	readonly code?: string;
	readonly offset?: number;
	readonly path?: string;
	readonly detail?: PlainError['detail'];
	constructor(e: PlainError) {
		super(e.message);
		this.name = 'InspectWorkerError';
		this.code = e.code;
		this.offset = e.offset;
		this.path = e.path;
		this.detail = e.detail;
	}
}

/** What a worker must offer (a real Worker, or a fake in tests). */
export interface WorkerLike {
	postMessage(message: InspectRequest): void;
	terminate(): void;
	onmessage: ((ev: { data: InspectReply }) => void) | null;
	onerror: ((ev: { message?: string }) => void) | null;
}

/**
 * Options of a read: the encoding to read as (default: the detected one), the user's module set
 * to try beside the built-in profiles (and to read as, for `user`), and the meanings' reference
 * time and year.
 */
export interface ReadOptions extends ViewOptions {
	encoding?: EncodingName;
	user?: UserSchema;
}

/** What a paste read in the worker gives: its bytes, which text format it was, and their reading. */
export interface PasteReading {
	bytes: Uint8Array;
	format: 'hex' | 'base64';
	reading: Reading;
}

/** A reading made in the worker, with its request id (`of`, to ask for more of its rows). */
export interface WorkerReading {
	reading: Reading;
	of: number;
}

interface Pending {
	id: number;
	resolve: (r: Extract<InspectReply, { kind: 'reading' }>) => void;
	reject: (e: Error) => void;
}

/** One worker and at most one reading in flight (the newest), beside requests for more rows of the last one. */
export class InspectClient {
	private worker: WorkerLike | undefined;
	private pending: Pending | undefined;
	private rowsPending = new Map<number, { resolve: (rows: FieldRow[] | BitRow[]) => void; reject: (e: Error) => void }>();
	private nextId = 1;
	// a key per user's set sent: the worker compiles each set once
	private schemaKeys = new WeakMap<UserSchema, number>();
	private nextSchemaKey = 1;

	constructor(private readonly spawn: () => WorkerLike) {}

	/** Reads bytes as `readAs` does (with `options.user`, the user's module set too), off the main thread. */
	async read(bytes: Uint8Array, options: ReadOptions = {}): Promise<Reading> {
		return (await this.readWithId(bytes, options)).reading;
	}

	/** `read`, with the id that asks for more of the reading's rows (`rows`). */
	async readWithId(bytes: Uint8Array, options: ReadOptions = {}): Promise<WorkerReading> {
		const { encoding, user, ...view } = options;
		const schema = this.schemaOf(user);
		const r = await this.ask((id) => ({ kind: 'read', id, bytes, encoding, options: view, schema }));
		return { reading: r.reading, of: r.id };
	}

	/** Parses pasted hex or base64 text, then reads its bytes; rejects with the codec's error (InspectWorkerError) for text that is neither. */
	async paste(text: string, options: ReadOptions = {}): Promise<PasteReading & { of: number }> {
		const { encoding, user, ...view } = options;
		const schema = this.schemaOf(user);
		const r = await this.ask((id) => ({ kind: 'paste', id, text, encoding, options: view, schema }));
		return { bytes: r.bytes!, format: r.format!, reading: r.reading, of: r.id };
	}

	/** Encodes proto3 JSON and reads its bytes as protobuf; rejects with the codec's error (InspectWorkerError) for bad JSON. */
	async json(text: string, options: ViewOptions = {}): Promise<{ bytes: Uint8Array; reading: Reading; of: number }> {
		const r = await this.ask((id) => ({ kind: 'json', id, text, options }));
		return { bytes: r.bytes!, reading: r.reading, of: r.id };
	}

	/**
	 * Rows `from`..`from + count - 1` of the protobuf (`view`) or bit (`bits`) tree of reading
	 * `of`; rejects when the worker holds it no more (a newer reading replaced it).
	 */
	rows(of: number, tree: 'view' | 'bits', from: number, count: number): Promise<FieldRow[] | BitRow[]> {
		const worker = this.worker;
		if (!worker) return Promise.reject(new SupersededError());
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.rowsPending.set(id, { resolve, reject });
			worker.postMessage({ kind: 'rows', id, of, tree, from, count });
		});
	}

	/** Stops the worker; a request in flight rejects with SupersededError. */
	dispose(): void {
		this.supersede();
		this.worker?.terminate();
		this.worker = undefined;
	}

	/** The set as plain data for the worker, keyed by identity (a new root or new files is a new UserSchema). */
	private schemaOf(user: UserSchema | undefined): SchemaSource | undefined {
		if (!user) return undefined;
		let key = this.schemaKeys.get(user);
		if (key === undefined) this.schemaKeys.set(user, (key = this.nextSchemaKey++));
		return { key, files: user.files, root: user.root };
	}

	private ask(make: (id: number) => InspectRequest): Promise<Extract<InspectReply, { kind: 'reading' }>> {
		// the worker is busy with an input nobody wants now: stop it rather than wait for it
		if (this.pending) {
			this.supersede();
			this.worker?.terminate();
			this.worker = undefined;
		}
		const id = this.nextId++;
		const worker = (this.worker ??= this.start());
		return new Promise((resolve, reject) => {
			this.pending = { id, resolve, reject };
			worker.postMessage(make(id));
		});
	}

	private start(): WorkerLike {
		const w = this.spawn();
		w.onmessage = (ev) => this.reply(ev.data);
		w.onerror = (ev) => {
			const p = this.pending;
			this.pending = undefined;
			this.worker = undefined;
			w.terminate();
			const failed = new Error(ev.message || 'the inspect worker failed');
			p?.reject(failed);
			for (const r of this.rowsPending.values()) r.reject(failed);
			this.rowsPending.clear();
		};
		return w;
	}

	private reply(m: InspectReply): void {
		const r = this.rowsPending.get(m.id);
		if (r) {
			this.rowsPending.delete(m.id);
			if (m.kind === 'rows') r.resolve(m.rows);
			else r.reject(m.kind === 'failed' ? new InspectWorkerError(m.error) : new Error('unexpected reply'));
			return;
		}
		if (m.kind === 'rows') return;
		const p = this.pending;
		if (!p || p.id !== m.id) return; // a superseded request's late answer
		this.pending = undefined;
		if (m.kind === 'reading') p.resolve(m);
		else p.reject(new InspectWorkerError(m.error));
	}

	private supersede(): void {
		const p = this.pending;
		this.pending = undefined;
		p?.reject(new SupersededError());
		for (const r of this.rowsPending.values()) r.reject(new SupersededError());
		this.rowsPending.clear();
	}
}

let shared: InspectClient | undefined;

function client(): InspectClient {
	return (shared ??= new InspectClient(() => new Worker(new URL('./inspect.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike));
}

/**
 * Reads `bytes` in the inspect worker: the same Reading as `readAs(bytes, undefined,
 * options.encoding, options.user)` (errors as plain data with the same fields). A newer call rejects this
 * one's promise with SupersededError. For inputs above WORKER_THRESHOLD_BYTES; browser only.
 */
export function readInWorker(bytes: Uint8Array, options: ReadOptions = {}): Promise<Reading> {
	return client().read(bytes, options);
}

/** `readInWorker`, with the id to ask for more of the reading's rows (`moreRowsInWorker`). */
export function readInWorkerWithId(bytes: Uint8Array, options: ReadOptions = {}): Promise<WorkerReading> {
	return client().readWithId(bytes, options);
}

/** Pasted text (hex or base64) parsed and read in the inspect worker; superseded like `readInWorker` (they share the worker). */
export function readTextInWorker(text: string, options: ReadOptions = {}): Promise<PasteReading & { of: number }> {
	return client().paste(text, options);
}

/** proto3 JSON encoded and read in the inspect worker (for a big message); superseded like `readInWorker`. */
export function readJsonInWorker(text: string, options: ViewOptions = {}): Promise<{ bytes: Uint8Array; reading: Reading; of: number }> {
	return client().json(text, options);
}

/** More rows of a reading made in the worker (`of`: its id); see InspectClient.rows. */
export function moreRowsInWorker(of: number, tree: 'view' | 'bits', from: number, count: number): Promise<FieldRow[] | BitRow[]> {
	return client().rows(of, tree, from, count);
}

/** True for the rejection of a superseded request (the page ignores it). */
export function isSuperseded(e: unknown): e is SupersededError {
	return e instanceof SupersededError;
}
