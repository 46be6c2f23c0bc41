// X.691 10.2: an open type (and each extension addition, 19.9 / 23.8) on the wire is a general
// length determinant and the contents octets of the inner value's complete encoding.
import { UperError } from '../errors';
import { BitReader, BitWriter, concatOctets } from './bits';
import { leaf, type DecodeContext, type EncodeContext } from './context';
import { readGeneralLength, writeGeneralLength } from './whole-numbers';

/**
 * Writes an open type whose inner value `writeInner` encodes into a fresh bit field (X.691 10.2):
 * padded to whole octets, an empty encoding becoming one zero octet (10.1.3), then general
 * length(s) with 16K fragments and the octets.
 */
export function writeOpenType(ctx: EncodeContext, writeInner: (inner: EncodeContext) => void): void {
	const inner: EncodeContext = { w: new BitWriter(), set: ctx.set, depth: ctx.depth + 1 };
	writeInner(inner);
	const octets = inner.w.bitLength === 0 ? new Uint8Array(1) : inner.w.take();
	writeOpenTypeOctets(ctx, octets);
}

/** Writes already-encoded contents octets as an open type (a raw unknown extension, a raw value). */
export function writeOpenTypeOctets(ctx: EncodeContext, octets: Uint8Array): void {
	for (let from = 0; ; ) {
		const { count, more } = writeGeneralLength(ctx.w, octets.length - from);
		ctx.w.writeOctets(octets.subarray(from, from + count));
		from += count;
		if (!more) return;
	}
}

/** Reads a fragmented open type's contents octets whole (rare: ≥ 16K octets), tracing each part. */
function readFragmented(ctx: DecodeContext, first: number, path: string, lengthStart: number): Uint8Array {
	const r = ctx.r;
	const chunks: Uint8Array[] = [];
	let count = first;
	let more = true;
	let total = 0;
	for (let start = lengthStart; ; ) {
		const at = r.pos;
		chunks.push(r.readBitsInto(count * 8, path));
		if (count) leaf(ctx, 'unknown', path, at);
		total += count;
		if (!more) break;
		start = r.pos;
		({ count, more } = readGeneralLength(r, path));
		leaf(ctx, 'open-type-length', path, start);
	}
	return concatOctets(chunks, total);
}

/**
 * Reads an open type (X.691 10.2). With `readInner` the contents octets are decoded in place
 * (bit offsets stay absolute for the trace) and may not be overrun; the zero bits after the inner
 * encoding up to the end of the contents are traced as `padding`; more than 7 of them means the
 * contents do not hold one value of that type ('bad_open_type'). Without `readInner` (unknown
 * type) the contents octets are returned raw. A fragmented open type is collected first and
 * decoded from a copy (its inner parts are then not traced). Returns the inner value or the octets.
 */
export function readOpenType<T>(
	ctx: DecodeContext,
	path: string,
	readInner?: (inner: DecodeContext) => T
): T | Uint8Array {
	const r = ctx.r;
	const lengthStart = r.pos;
	const { count, more } = readGeneralLength(r, path);
	leaf(ctx, 'open-type-length', path, lengthStart);
	if (more || !readInner) {
		if (!more) {
			const at = r.pos;
			const octets = r.readBitsInto(count * 8, path);
			if (count) leaf(ctx, 'unknown', path, at);
			return octets;
		}
		const octets = readFragmented(ctx, count, path, lengthStart);
		if (!readInner) return octets;
		return decodeDetached(ctx, octets, path, readInner);
	}
	r.need(count * 8, path, 'open type contents');
	const end = r.pos + count * 8;
	const savedLimit = r.limit;
	r.limit = end;
	let value: T;
	try {
		value = readInner(ctx);
	} finally {
		r.limit = savedLimit;
	}
	// An empty inner encoding travels as one zero octet (X.691 10.1.3): all 8 bits are padding.
	checkPadding(ctx, end, path, count === 1 && r.pos === end - 8);
	return value;
}

function checkPadding(ctx: DecodeContext, end: number, path: string, emptyInner: boolean): void {
	const r = ctx.r;
	const padding = end - r.pos;
	if (padding >= 8 && !emptyInner)
		throw new UperError('bad_open_type', `${padding} bits left unread in the open type's contents`, r.pos, path);
	if (padding > 0) {
		const start = r.pos;
		r.pos = end;
		leaf(ctx, 'padding', path, start);
	}
}

function decodeDetached<T>(ctx: DecodeContext, octets: Uint8Array, path: string, readInner: (inner: DecodeContext) => T): T {
	// A sub-reader over the collected contents: its offsets are not the input's, so no trace.
	const sub: DecodeContext = { r: new BitReader(octets), set: ctx.set, depth: ctx.depth + 1 };
	const value = readInner(sub);
	if (octets.length * 8 - sub.r.pos >= 8 && sub.r.pos > 0)
		throw new UperError('bad_open_type', `open type contents not all read`, ctx.r.pos, path);
	return value;
}
