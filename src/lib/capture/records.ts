// Checks shared by the writers and readers: what a well-formed record and meta look like; and
// the one conversion of a transmission into a record.
import type { Transmission } from '../sim/events';
import { isProfileName, profileNames } from '../uper/profiles';
import { CaptureError } from './errors';
import type { CaptureMeta, CaptureRecord } from './types';

/**
 * A transmission as a capture record: node ids become names through `nameOf` (names as they were
 * when sent: a vehicle that has left keeps its name), everything else is kept as it is.
 */
export function captureRecord(tx: Transmission, nameOf: (id: number) => string): CaptureRecord {
	const r: CaptureRecord = {
		t: tx.t, sender: nameOf(tx.sender), receivers: tx.receivers.map(nameOf), channel: tx.channel, type: tx.type,
		latencyMs: tx.latencyMs, bytes: tx.bytes
	};
	// protobuf records stay as they always were; UPER says so and under which profile
	if (tx.encoding === 'uper') {
		r.encoding = 'uper';
		r.profile = tx.profile;
	}
	return r;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What is wrong with the fields of a record-like object, or null. Used for JSON Lines objects
 * (which have hex instead of bytes, checked by the caller) and for records given to writers.
 */
export function fieldProblem(o: Record<string, unknown>): string | null {
	if (o.t === undefined) return 'missing field "t"';
	if (typeof o.t !== 'number' || !Number.isFinite(o.t) || o.t < 0) return `field "t" must be a number >= 0, got ${show(o.t)}`;
	if (o.sender === undefined) return 'missing field "sender"';
	if (typeof o.sender !== 'string' || o.sender === '') return `field "sender" must be a non-empty string, got ${show(o.sender)}`;
	if (o.receivers === undefined) return 'missing field "receivers"';
	if (!Array.isArray(o.receivers)) return `field "receivers" must be an array of strings, got ${show(o.receivers)}`;
	const bad = o.receivers.findIndex((r) => typeof r !== 'string' || r === '');
	if (bad >= 0) return `field "receivers"[${bad}] must be a non-empty string, got ${show(o.receivers[bad])}`;
	if (o.channel === undefined) return 'missing field "channel"';
	if (o.channel !== 'pc5' && o.channel !== 'uu') return `unknown channel ${show(o.channel)} (want "pc5" or "uu")`;
	if (o.type === undefined) return 'missing field "type"';
	if (typeof o.type !== 'string' || o.type === '') return `field "type" must be a non-empty string, got ${show(o.type)}`;
	if (o.latencyMs !== undefined && (typeof o.latencyMs !== 'number' || !Number.isFinite(o.latencyMs) || o.latencyMs < 0))
		return `field "latencyMs" must be a number >= 0, got ${show(o.latencyMs)}`;
	return encodingProblem(o);
}

/** What is wrong with a record's `encoding` and `profile` (a UPER record names a built-in profile), or null. */
export function encodingProblem(o: Record<string, unknown>): string | null {
	if (o.encoding !== undefined && o.encoding !== 'protobuf' && o.encoding !== 'uper')
		return `field "encoding" must be "protobuf" or "uper", got ${show(o.encoding)}`;
	if (o.profile !== undefined && (typeof o.profile !== 'string' || !isProfileName(o.profile)))
		return `field "profile" must be a UPER profile (${profileNames().join(', ')}), got ${show(o.profile)}`;
	if (o.profile !== undefined && o.encoding !== 'uper') return 'field "profile" goes with "encoding": "uper"';
	return null;
}

/** Throws unless every record is fit to write; `n` in errors is the 1-based record number. */
export function checkRecords(records: CaptureRecord[]): void {
	if (!Array.isArray(records)) throw new CaptureError('records must be an array');
	records.forEach((r, i) => checkRecord(r, i + 1));
}

/** Throws a CaptureError naming record `n` (1-based) unless it is fit to write. */
export function checkRecord(r: CaptureRecord, n: number): void {
	const problem = isObject(r) ? fieldProblem(r as unknown as Record<string, unknown>) : 'not an object';
	if (problem) throw new CaptureError(`record ${n}: ${problem}`, { record: n });
	if (!(r.bytes instanceof Uint8Array)) throw new CaptureError(`record ${n}: field "bytes" must be a Uint8Array`, { record: n });
}

/** What is wrong with a meta object, or null. */
export function metaProblem(m: unknown): string | null {
	if (!isObject(m)) return 'meta must be an object';
	if (typeof m.startTimeMs !== 'number' || !Number.isFinite(m.startTimeMs) || m.startTimeMs < 0)
		return `meta "startTimeMs" must be a number >= 0, got ${show(m.startTimeMs)}`;
	if (m.city !== undefined && typeof m.city !== 'string') return `meta "city" must be a string, got ${show(m.city)}`;
	for (const k of ['seed', 'vehicles'] as const)
		if (m[k] !== undefined && (typeof m[k] !== 'number' || !Number.isFinite(m[k]))) return `meta "${k}" must be a number, got ${show(m[k])}`;
	if (m.profile !== undefined && (typeof m.profile !== 'string' || !isProfileName(m.profile)))
		return `meta "profile" must be a UPER profile (${profileNames().join(', ')}), got ${show(m.profile)}`;
	return null;
}

/** The meta with its known keys only, in a fixed order (so it prints the same way every time). */
export function cleanMeta(m: CaptureMeta): CaptureMeta {
	const out: CaptureMeta = { startTimeMs: m.startTimeMs };
	if (m.city !== undefined) out.city = m.city;
	if (m.seed !== undefined) out.seed = m.seed;
	if (m.vehicles !== undefined) out.vehicles = m.vehicles;
	if (m.profile !== undefined) out.profile = m.profile;
	return out;
}

export { isObject };

/** A value, short, for error messages. */
export function show(v: unknown): string {
	if (v === undefined) return 'nothing';
	let s: string;
	try {
		s = JSON.stringify(v) ?? String(v);
	} catch {
		s = String(v);
	}
	return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
