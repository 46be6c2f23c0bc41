// The dispatch from a schema type to its X.691 clause, both ways, and the public entry points.
import { UperError } from '../errors';
import type { AsnType, AsnValue, OpenType, SchemaSet } from '../schema';
import { BitReader, BitWriter } from './bits';
import { decodeChoice, decodeSequence, decodeSequenceOf, encodeChoice, encodeSequence, encodeSequenceOf } from './constructed';
import { MAX_DEPTH, referencedName, resolveType, type ConcreteType, type DecodeContext, type EncodeContext, type Trace } from './context';
import { readOpenType, writeOpenType, writeOpenTypeOctets } from './open-type';
import {
	decodeBitString,
	decodeBoolean,
	decodeEnumerated,
	decodeInteger,
	decodeOctetString,
	encodeBitString,
	encodeBoolean,
	encodeEnumerated,
	encodeInteger,
	encodeNull,
	encodeOctetString
} from './primitives';
import { decodeCharString, encodeCharString } from './strings';
import { bitLength } from './whole-numbers';

type Siblings = { [component: string]: AsnValue };

/** The type an open type's table selects from the enclosing SEQUENCE's key component, if any. */
function selectedType(t: OpenType, siblings: Siblings | undefined): AsnType | undefined {
	if (!t.table || !siblings) return undefined;
	const key = siblings[t.table.keyComponent];
	return key === undefined ? undefined : t.table.types[String(key)];
}

function encodeOpenTypeValue(ctx: EncodeContext, t: OpenType, value: AsnValue | undefined, path: string, siblings?: Siblings): void {
	const selected = selectedType(t, siblings);
	if (selected) return writeOpenType(ctx, (inner) => encodeValue(inner, selected, value, path));
	if (value instanceof Uint8Array) return writeOpenTypeOctets(ctx, value);
	const key = t.table && siblings ? ` for ${t.table.keyComponent} = ${String(siblings[t.table.keyComponent])}` : '';
	throw new UperError('bad_open_type', `no type known${key}: the value must be raw octets (Uint8Array)`, ctx.w.bitLength, path);
}

/**
 * Encodes `value` (value model: schema.ts) as `type` into `ctx.w`, at field path `path`.
 * `siblings`: the enclosing SEQUENCE's value, for an open type's table key. Throws UperError.
 */
export function encodeValue(ctx: EncodeContext, type: AsnType, value: AsnValue | undefined, path: string, siblings?: Siblings): void {
	const t = type.kind === 'ref' ? resolveType(ctx.set, type, path, ctx.w.bitLength) : type;
	// No finally: an error abandons the whole context, so the depth needs no restoring then.
	if (++ctx.depth > MAX_DEPTH) throw new UperError('too_deep', `values nest deeper than ${MAX_DEPTH}`, ctx.w.bitLength, path);
	encodeKind(ctx, t, value, path, siblings);
	ctx.depth--;
}

function encodeKind(ctx: EncodeContext, t: ConcreteType, value: AsnValue | undefined, path: string, siblings?: Siblings): void {
	switch (t.kind) {
		case 'integer': return encodeInteger(ctx, t, value, path);
		case 'boolean': return encodeBoolean(ctx, value, path);
		case 'null': return encodeNull(ctx, value, path);
		case 'enumerated': return encodeEnumerated(ctx, t, value, path);
		case 'bitString': return encodeBitString(ctx, t, value, path);
		case 'octetString': return encodeOctetString(ctx, t, value, path);
		case 'charString': return encodeCharString(ctx, t, value, path);
		case 'sequence': return encodeSequence(ctx, t, value, path);
		case 'sequenceOf': return encodeSequenceOf(ctx, t, value, path);
		case 'choice': return encodeChoice(ctx, t, value, path);
		case 'openType': return encodeOpenTypeValue(ctx, t, value, path, siblings);
	}
}

function decodeKind(ctx: DecodeContext, t: ConcreteType, path: string, siblings?: Siblings): AsnValue {
	switch (t.kind) {
		case 'integer': return decodeInteger(ctx, t, path);
		case 'boolean': return decodeBoolean(ctx, path);
		case 'null': return null;
		case 'enumerated': return decodeEnumerated(ctx, t, path);
		case 'bitString': return decodeBitString(ctx, t, path);
		case 'octetString': return decodeOctetString(ctx, t, path);
		case 'charString': return decodeCharString(ctx, t, path);
		case 'sequence': return decodeSequence(ctx, t, path);
		case 'sequenceOf': return decodeSequenceOf(ctx, t, path);
		case 'choice': return decodeChoice(ctx, t, path);
		case 'openType': {
			const selected = selectedType(t, siblings);
			return readOpenType(ctx, path, selected && ((inner) => decodeValue(inner, selected, path)));
		}
	}
}

/**
 * Decodes one value of `type` from `ctx.r` at its position, at field path `path`; `siblings`
 * as in `encodeValue`. Emits a `field` trace node covering the value's bits. Throws UperError.
 */
export function decodeValue(ctx: DecodeContext, type: AsnType, path: string, siblings?: Siblings): AsnValue {
	const start = ctx.r.pos;
	const t = type.kind === 'ref' ? resolveType(ctx.set, type, path, start) : type;
	// No finally: an error abandons the whole context, so the depth needs no restoring then.
	if (++ctx.depth > MAX_DEPTH) throw new UperError('too_deep', `values nest deeper than ${MAX_DEPTH}`, start, path);
	const value = decodeKind(ctx, t, path, siblings);
	ctx.depth--;
	if (ctx.trace) {
		const typeName = referencedName(ctx.set, type);
		ctx.trace({ role: 'field', path, bitOffset: start, bitWidth: ctx.r.pos - start, leaf: false, value, typeName });
	}
	return value;
}

const minimumBitsCache = new WeakMap<AsnType, number>();

/**
 * A lower bound of the bits any value of `type` takes (0 when unsure): lets a SEQUENCE OF check
 * an announced element count against the bits left before decoding them.
 */
export function minimumBits(set: SchemaSet, type: AsnType): number {
	const cached = minimumBitsCache.get(type);
	if (cached !== undefined) return cached;
	let t: AsnType;
	try {
		t = resolveType(set, type, '', 0);
	} catch {
		return 0;
	}
	let bits = 0;
	if (t.kind === 'boolean') bits = 1;
	else if (t.kind === 'integer') {
		const { lb, ub, extensible } = t.range ?? {};
		bits = extensible ? 1 : lb !== undefined && ub !== undefined ? bitLength(BigInt(ub) - BigInt(lb)) : 8;
	} else if (t.kind === 'enumerated') bits = t.extensible ? 1 : bitLength(t.root.length - 1);
	else if (t.kind === 'choice') bits = t.extensible ? 1 : bitLength(t.root.length - 1);
	else if (t.kind === 'openType') bits = 8;
	else if (t.kind === 'sequence') bits = (t.extensible ? 1 : 0) + t.components.filter((c) => c.optional || c.default !== undefined).length;
	minimumBitsCache.set(type, bits);
	return bits;
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
	encodeValue(ctx, typeof type === 'string' ? { kind: 'ref', name: type } : type, value, '');
	return ctx.w.bitLength === 0 ? new Uint8Array(1) : ctx.w.finish();
}

/** Options of `decode`: `trace` receives every traced run of bits (context.ts `TraceNode`). */
export interface DecodeOptions {
	trace?: Trace;
}

/**
 * Decodes one value of `type` (a type or a name in `set`) from the start of `bytes`, UNALIGNED
 * PER (X.691), accepting canonical and non-canonical encodings. Returns the value (value model:
 * schema.ts) and `bits`, the number of bits it took (the rest of the last octet is padding; any
 * octets after that are the caller's to judge). Throws UperError naming the bit offset and the
 * field path; never reads or allocates beyond what the input holds.
 */
export function decode(type: AsnType | string, bytes: Uint8Array, set: SchemaSet, options: DecodeOptions = {}): { value: AsnValue; bits: number } {
	const ctx: DecodeContext = { r: new BitReader(bytes), set, trace: options.trace, depth: 0 };
	const value = decodeValue(ctx, typeof type === 'string' ? { kind: 'ref', name: type } : type, '');
	return { value, bits: ctx.r.pos };
}
