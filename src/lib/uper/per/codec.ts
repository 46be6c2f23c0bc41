// The engine's entry points: a value encoded or decoded through its type's plan (plan.ts).
import { UperError } from '../errors';
import type { AsnType, AsnValue, SchemaSet } from '../schema';
import { BitReader, BitWriter } from './bits';
import type { DecodeContext, EncodeContext, Trace } from './context';
import { planFor, planForName, type Fields } from './plan';

/**
 * Encodes `value` (value model: schema.ts) as `type` into `ctx.w`, at field path `path`.
 * `siblings`: the enclosing SEQUENCE's value, for an open type's table key. Throws UperError.
 */
export function encodeValue(ctx: EncodeContext, type: AsnType, value: AsnValue | undefined, path: string, siblings?: Fields): void {
	planFor(ctx.set, type).encode(ctx, value, path, siblings);
}

/**
 * Decodes one value of `type` from `ctx.r` at its position, at field path `path`; `siblings`
 * as in `encodeValue`. Emits a `field` trace node covering the value's bits. Throws UperError.
 */
export function decodeValue(ctx: DecodeContext, type: AsnType, path: string, siblings?: Fields): AsnValue {
	return planFor(ctx.set, type).decode(ctx, path, siblings);
}

/**
 * Encodes `value` as `type` of schema set `set` in UNALIGNED PER (X.691), canonically
 * (X.691 clause 11: DEFAULT-equal components omitted, minimal lengths). `type` is a type or the
 * name of one in `set`. Returns the complete encoding, padded with zero bits to whole octets; an
 * empty encoding is one zero octet (X.691 10.1.3). Throws UperError naming the bit offset
 * (bits written so far) and the field path.
 */
export function encode(type: AsnType | string, value: AsnValue, set: SchemaSet): Uint8Array {
	const ctx: EncodeContext = { w: new BitWriter(), set, depth: 0 };
	const plan = typeof type === 'string' ? planForName(set, type) : planFor(set, type);
	plan.encode(ctx, value, '');
	return ctx.w.bitLength === 0 ? new Uint8Array(1) : ctx.w.take();
}

/**
 * Options of `decode`: `trace` receives every traced run of bits (context.ts `TraceNode`);
 * `complete` requires the value to fill the input: after its last bit only zero padding up to
 * the octet boundary (X.691 10.1.3) and nothing more, else UperError 'trailing_bits' (what a
 * profile detector needs to call a decode clean).
 */
export interface DecodeOptions {
	trace?: Trace;
	complete?: boolean;
}

/**
 * Decodes one value of `type` (a type or a name in `set`) from the start of `bytes`, UNALIGNED
 * PER (X.691), accepting canonical and non-canonical encodings. Returns the value (value model:
 * schema.ts) and `bits`, the number of bits it took (the rest of the last octet is padding).
 * Throws UperError naming the bit offset and the field path; never reads or allocates beyond
 * what the input holds.
 */
export function decode(type: AsnType | string, bytes: Uint8Array, set: SchemaSet, options: DecodeOptions = {}): { value: AsnValue; bits: number } {
	const ctx: DecodeContext = { r: new BitReader(bytes), set, trace: options.trace, depth: 0 };
	const plan = typeof type === 'string' ? planForName(set, type) : planFor(set, type);
	const value = plan.decode(ctx, '');
	const bits = ctx.r.pos;
	if (options.complete) checkComplete(ctx.r, bits);
	return { value, bits };
}

/** X.691 10.1.3: the bits after the value up to the octet boundary are zero padding, and nothing follows. */
function checkComplete(r: BitReader, bits: number): void {
	// An empty encoding is one zero octet (X.691 10.1.3), so at least one octet is the value's.
	const octets = Math.max(1, Math.ceil(bits / 8));
	if (r.bytes.length > octets)
		throw new UperError('trailing_bits', `${r.bytes.length - octets} octet(s) after the value`, octets * 8, '');
	const padding = octets * 8 - bits;
	if (padding > 0 && r.bytes.length === octets && (r.bytes[octets - 1] & ((1 << padding) - 1)) !== 0)
		throw new UperError('trailing_bits', `non-zero padding bits after the value`, bits, '');
	if (r.bytes.length === 0) throw new UperError('truncated', 'no octets', 0, '');
}
