// The inspect worker's logic, testable without a Worker (as worker/session.ts is for the
// simulation): big pastes and big messages are parsed and decoded off the main thread
// (issue 12, point 6). `inspect.worker.ts` is its thin host, `worker.ts` the page's client.
import type { BitRow } from './bit-view';
import type { EncodingName } from './detect';
import { encodeJson, findings, readPasted } from './editor';
import { readAs, type Reading } from './reading';
import { buildView, type FieldRow, type ViewOptions } from './view';
import { compileUserSchema, type ModuleText, type UserSchema } from './user-schema';

/**
 * Rows of a tree sent with a reading, and per request for more: the page holds and draws what
 * a person reads, not the millions of rows a 4 MiB message has (those stay here).
 */
export const ROWS_PER_PAGE = 2000;
/** Characters of JSON (proto3, X.697, the model's) sent with a reading; longer is left out and its length said. */
export const MAX_JSON_SENT = 1 << 20;
/** Validation findings sent with a reading; the page says how many more there are. */
export const MAX_FINDINGS_SENT = 500;

/**
 * A user's module set as the page sends it with a read: its texts and root, and `key`, which
 * the page changes whenever the set does (the worker compiles a set once per key).
 */
export interface SchemaSource {
	key: number;
	files: ModuleText[];
	root: string;
}

/**
 * What the page asks: read bytes, or pasted text (hex or base64) then its bytes, under the
 * built-in profiles and, with `schema`, the user's set too. `id` answers it.
 */
export type InspectRequest =
	| { kind: 'read'; id: number; bytes: Uint8Array; encoding?: EncodingName; options?: ViewOptions; schema?: SchemaSource }
	| { kind: 'paste'; id: number; text: string; encoding?: EncodingName; options?: ViewOptions; schema?: SchemaSource }
	/** proto3 JSON of a MessageFrame: encoded (values out of range too), then read as protobuf. */
	| { kind: 'json'; id: number; text: string; options?: ViewOptions }
	/** More rows of the reading answered to request `of`: rows `from`..`from + count - 1` of its protobuf (`view`) or bit (`bits`) tree. */
	| { kind: 'rows'; id: number; of: number; tree: 'view' | 'bits'; from: number; count: number };

/** A codec or UPER error as plain data (what survives structuredClone): its message, code, and place. */
export interface PlainError {
	name: string;
	message: string;
	code?: string;
	offset?: number;
	path?: string;
	bitOffset?: number;
	detail?: { key: string; params: Record<string, string | number> };
}

/** The answer: a reading (with the bytes and format for a paste), or why the input could not be read at all. */
export type InspectReply =
	| { kind: 'reading'; id: number; reading: Reading; bytes?: Uint8Array; format?: 'hex' | 'base64' }
	| { kind: 'rows'; id: number; rows: FieldRow[] | BitRow[] }
	| { kind: 'failed'; id: number; error: PlainError };

/** What the session needs from its host: a way to answer, and a way to run later (after the messages queued now). */
export interface InspectHost {
	post(reply: InspectReply): void;
	later(fn: () => void): void;
}

/** An Error's own data as a plain object (structuredClone keeps only name and message of an Error). */
export function plainError(e: unknown): PlainError {
	if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
	const own = e as Error & Partial<Omit<PlainError, 'name' | 'message'>>;
	const out: PlainError = { name: e.name, message: e.message };
	for (const k of ['code', 'offset', 'path', 'bitOffset', 'detail'] as const) if (own[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = own[k];
	return out;
}

/**
 * A reading as plain data: the errors in the views become `PlainError`s (same fields, so the
 * page's `errorText` and `.message` read them as before). Everything else already is data.
 */
export function plainReading(r: Reading): Reading {
	const out: Reading = { ...r };
	if (r.view?.error) out.view = { ...r.view, error: plainError(r.view.error) as never };
	if (r.bits?.error) out.bits = { ...r.bits, error: plainError(r.bits.error) as never };
	return out;
}

/**
 * Answers requests one at a time, newest first: requests that arrive while one is waiting
 * replace it (the page has moved on; its client already gave up on the older one), so a burst
 * of pastes costs one decode. Never throws: an input that cannot be read is a `failed` reply.
 */
export class InspectSession {
	private waiting: InspectRequest | undefined;
	// the last reading in full, for requests for more of its rows
	private last: { id: number; reading: Reading } | undefined;
	// the user's set last compiled, by its key: the page sends the same set with every read
	private compiled: { key: number; user: UserSchema } | undefined;

	constructor(private readonly host: InspectHost) {}

	handle(request: InspectRequest): void {
		// a request for rows is cheap and never replaces a reading waiting to be made
		if (request.kind === 'rows') return this.host.post(rowsOf(request, this.last));
		const scheduled = this.waiting !== undefined;
		this.waiting = request;
		if (!scheduled) this.host.later(() => this.run());
	}

	private run(): void {
		const request = this.waiting;
		this.waiting = undefined;
		if (!request || request.kind === 'rows') return;
		this.last = undefined;
		const full = (r: Reading) => (this.last = { id: request.id, reading: r });
		this.host.post(answer(request, full, (source) => this.userSchema(source)));
	}

	private userSchema(source: SchemaSource): UserSchema {
		if (this.compiled?.key !== source.key) this.compiled = { key: source.key, user: compileUserSchema(source.files, source.root) };
		return this.compiled.user;
	}
}

/** Rows `from`..`from + count - 1` of the last reading, if it is the one asked about. */
function rowsOf(request: Extract<InspectRequest, { kind: 'rows' }>, last: { id: number; reading: Reading } | undefined): InspectReply {
	const tree = last?.id === request.of ? last.reading[request.tree] : undefined;
	if (!tree) return { kind: 'failed', id: request.id, error: { name: 'Error', message: `reading ${request.of} is no longer held` } };
	const rows = tree.rows.slice(request.from, request.from + Math.max(0, request.count)) as FieldRow[] | BitRow[];
	return { kind: 'rows', id: request.id, rows };
}

/**
 * One request's reply: the reading cut to what the page draws (`sendable`). `keep` receives the
 * full reading, for later requests for more rows. `compile` turns a request's `schema` into the
 * user's set (default: compiled anew); a set that does not compile is a `failed` reply naming
 * its file, line and column.
 */
export function answer(request: Exclude<InspectRequest, { kind: 'rows' }>, keep?: (full: Reading) => void, compile: (source: SchemaSource) => UserSchema = (s) => compileUserSchema(s.files, s.root)): InspectReply {
	try {
		const user = request.kind !== 'json' && request.schema ? compile(request.schema) : undefined;
		if (request.kind === 'read') {
			const full = readAs(request.bytes, undefined, request.encoding, user, request.options);
			keep?.(full);
			return { kind: 'reading', id: request.id, reading: sendable(full) };
		}
		if (request.kind === 'json') {
			const { bytes } = encodeJson(request.text);
			// JSON is the protobuf model: no other encoding is tried
			const full: Reading = { detection: { attempts: [], detected: 'protobuf' }, encoding: 'protobuf', view: buildView(bytes, request.options) };
			keep?.(full);
			return { kind: 'reading', id: request.id, bytes, reading: sendable(full) };
		}
		const { bytes, format } = readPasted(request.text);
		const full = readAs(bytes, undefined, request.encoding, user, request.options);
		keep?.(full);
		return { kind: 'reading', id: request.id, bytes, format, reading: sendable(full) };
	} catch (e) {
		return { kind: 'failed', id: request.id, error: plainError(e) };
	}
}

/**
 * A reading as the page gets it: plain data (`plainReading`), each tree's first ROWS_PER_PAGE
 * rows (`rowsTotal`: how many it has), its validation findings computed here (the decoded frame
 * is not sent), JSON over MAX_JSON_SENT left out (`jsonChars` says its length).
 */
export function sendable(full: Reading): Reading {
	const r = plainReading(full);
	if (r.view) {
		const v = { ...r.view };
		const found = findings(v);
		r.findingsTotal = found.length;
		r.findings = found.slice(0, MAX_FINDINGS_SENT);
		delete v.frame;
		if (v.rows.length > ROWS_PER_PAGE) v.rowsTotal = v.rows.length;
		v.rows = v.rows.slice(0, ROWS_PER_PAGE);
		if (v.json !== undefined && v.json.length > MAX_JSON_SENT) {
			v.jsonChars = v.json.length;
			delete v.json;
		}
		r.view = v;
	}
	if (r.bits) {
		const b = { ...r.bits };
		if (b.rows.length > ROWS_PER_PAGE) b.rowsTotal = b.rows.length;
		b.rows = b.rows.slice(0, ROWS_PER_PAGE);
		if (b.jer !== undefined && b.jer.length > MAX_JSON_SENT) {
			b.jsonChars = b.jer.length;
			delete b.jer;
		}
		if (b.model && b.model.json.length > MAX_JSON_SENT) b.model = { ...b.model, json: '' };
		r.bits = b;
	}
	return r;
}
