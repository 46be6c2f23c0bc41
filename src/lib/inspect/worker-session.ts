// The inspect worker's logic, testable without a Worker (as worker/session.ts is for the
// simulation): big pastes and big messages are parsed and decoded off the main thread
// (issue 12, point 6). `inspect.worker.ts` is its thin host, `worker.ts` the page's client.
import type { EncodingName } from './detect';
import { readPasted } from './editor';
import { readAs, type Reading } from './reading';
import type { ViewOptions } from './view';

/** What the page asks: read bytes, or pasted text (hex or base64) then its bytes. `id` answers it. */
export type InspectRequest =
	| { kind: 'read'; id: number; bytes: Uint8Array; encoding?: EncodingName; options?: ViewOptions }
	| { kind: 'paste'; id: number; text: string; encoding?: EncodingName; options?: ViewOptions };

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

	constructor(private readonly host: InspectHost) {}

	handle(request: InspectRequest): void {
		const scheduled = this.waiting !== undefined;
		this.waiting = request;
		if (!scheduled) this.host.later(() => this.run());
	}

	private run(): void {
		const request = this.waiting;
		this.waiting = undefined;
		if (request) this.host.post(answer(request));
	}
}

/** One request's reply. */
export function answer(request: InspectRequest): InspectReply {
	try {
		if (request.kind === 'read') return { kind: 'reading', id: request.id, reading: plainReading(readAs(request.bytes, undefined, request.encoding, undefined, request.options)) };
		const { bytes, format } = readPasted(request.text);
		return { kind: 'reading', id: request.id, bytes, format, reading: plainReading(readAs(bytes, undefined, request.encoding, undefined, request.options)) };
	} catch (e) {
		return { kind: 'failed', id: request.id, error: plainError(e) };
	}
}
