// X.691 clauses 11 (BOOLEAN), 12 (INTEGER), 13 (ENUMERATED), 16 (BIT STRING), 17 (OCTET STRING),
// 24 (NULL): encoder and decoder of each, unaligned variant.
import { UperError } from '../errors';
import type {
	AsnValue,
	BitStringType,
	BitStringValue,
	EnumeratedType,
	EnumItem,
	IntegerType,
	OctetStringType
} from '../schema';
import { concatOctets } from './bits';
import * as context from './context';
import type { DecodeContext, EncodeContext } from './context';
import * as wholeNumbers from './whole-numbers';
import type { Int } from './whole-numbers';

// Imported functions bound once at load: the dev loader (tsx) compiles every call of an imported
// function into a getter call, paid per value otherwise.
const { leaf, readSized, writeSized } = context;
const {
	readConstrainedWholeNumber,
	readNormallySmall,
	readSemiConstrainedWholeNumber,
	readUnconstrainedWholeNumber,
	writeConstrainedWholeNumber,
	writeNormallySmall,
	writeSemiConstrainedWholeNumber,
	writeUnconstrainedWholeNumber
} = wholeNumbers;

function badValue(ctx: EncodeContext, path: string, what: string, value: unknown): UperError {
	const shown = typeof value === 'bigint' ? `${value}n` : JSON.stringify(value) ?? String(value);
	return new UperError('bad_value', `expected ${what}, got ${shown?.slice(0, 60)}`, ctx.w.bitLength, path);
}

/** X.691 11: BOOLEAN as one bit. Throws 'bad_value' for a non-boolean. */
export function encodeBoolean(ctx: EncodeContext, value: AsnValue | undefined, path: string): void {
	if (typeof value !== 'boolean') throw badValue(ctx, path, 'a boolean', value);
	ctx.w.writeBit(value);
}

/** X.691 11: one bit -> boolean. */
export function decodeBoolean(ctx: DecodeContext, path: string): boolean {
	const start = ctx.r.pos;
	const v = ctx.r.readBit(path) === 1;
	leaf(ctx, 'value', path, start, v);
	return v;
}

/** X.691 24: NULL takes no bits; its value is `null`. */
export function encodeNull(ctx: EncodeContext, value: AsnValue | undefined, path: string): void {
	if (value !== null) throw badValue(ctx, path, 'null', value);
}

function isInt(v: AsnValue | undefined): v is Int {
	return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/**
 * X.691 12: INTEGER. Both bounds: constrained whole number (10.5); lb only: semi-constrained
 * (10.7); else unconstrained (10.8). Extensible range: extension bit, then a value outside the
 * root as unconstrained (12.1). Value: number, or bigint beyond 2^53. Throws 'bad_value' for a
 * non-integer, 'out_of_range' outside a non-extensible range.
 */
export function encodeInteger(ctx: EncodeContext, t: IntegerType, value: AsnValue | undefined, path: string): void {
	if (!isInt(value)) throw badValue(ctx, path, 'an integer', value);
	const w = ctx.w;
	const { lb, ub, extensible } = t.range ?? {};
	const inRoot = (lb === undefined || value >= lb) && (ub === undefined || value <= ub);
	if (extensible) {
		w.writeBit(inRoot ? 0 : 1);
		if (!inRoot) return writeUnconstrainedWholeNumber(w, value);
	} else if (!inRoot)
		throw new UperError('out_of_range', `${value} outside ${lb ?? 'MIN'}..${ub ?? 'MAX'}`, w.bitLength, path);
	if (lb !== undefined && ub !== undefined) writeConstrainedWholeNumber(w, value, lb, ub);
	else if (lb !== undefined) writeSemiConstrainedWholeNumber(w, value, lb);
	else writeUnconstrainedWholeNumber(w, value);
}

/** X.691 12: the inverse of `encodeInteger`; accepts an extended value inside the root. */
export function decodeInteger(ctx: DecodeContext, t: IntegerType, path: string): Int {
	const r = ctx.r;
	const { lb, ub, extensible } = t.range ?? {};
	let start = r.pos;
	if (extensible) {
		const extended = r.readBit(path) === 1;
		leaf(ctx, 'extension-bit', path, start);
		start = r.pos;
		if (extended) {
			const v = readUnconstrainedWholeNumber(r, path);
			leaf(ctx, 'value', path, start, v);
			return v;
		}
	}
	let v: Int;
	if (lb !== undefined && ub !== undefined) v = readConstrainedWholeNumber(r, lb, ub, path);
	else if (lb !== undefined) v = readSemiConstrainedWholeNumber(r, lb, path);
	else v = readUnconstrainedWholeNumber(r, path);
	if (ub !== undefined && v > ub)
		throw new UperError('out_of_range', `${v} above the upper bound ${ub}`, start, path);
	leaf(ctx, 'value', path, start, v);
	return v;
}

export interface EnumIndex {
	root: EnumItem[];
	additions: EnumItem[];
	byName: Map<string, { root: boolean; index: number }>;
}
const enumIndexes = new WeakMap<EnumeratedType, EnumIndex>();

/** The PER indexes of an ENUMERATED: root sorted by value (X.691 13.2), additions in value order (13.3). */
export function enumIndex(t: EnumeratedType): EnumIndex {
	let idx = enumIndexes.get(t);
	if (idx) return idx;
	const root = [...t.root].sort((a, b) => a.value - b.value);
	const additions = [...t.additions].sort((a, b) => a.value - b.value);
	const byName = new Map<string, { root: boolean; index: number }>();
	root.forEach((e, index) => byName.set(e.name, { root: true, index }));
	additions.forEach((e, index) => byName.set(e.name, { root: false, index }));
	idx = { root, additions, byName };
	enumIndexes.set(t, idx);
	return idx;
}

/**
 * X.691 13: ENUMERATED by identifier. Root: constrained whole number over the root indexes
 * (after the extension bit if extensible); addition: extension bit 1 + normally small index.
 * A value `"#<n>"` (an unknown addition met by the decoder) re-encodes as addition index n.
 * Throws 'bad_enum' for an identifier the type lacks.
 */
export function encodeEnumerated(ctx: EncodeContext, t: EnumeratedType, value: AsnValue | undefined, path: string): void {
	if (typeof value !== 'string') throw badValue(ctx, path, 'an enumeration identifier', value);
	const w = ctx.w;
	const idx = enumIndex(t);
	const found = idx.byName.get(value);
	// Only an identifier the type lacks can be an unknown addition's "#<n>".
	const unknownAddition = !found && t.extensible && /^#\d+$/.test(value) ? Number(value.slice(1)) : undefined;
	if (!found && unknownAddition === undefined)
		throw new UperError('bad_enum', `${JSON.stringify(value)} is not an item of the ENUMERATED`, w.bitLength, path);
	if (t.extensible) w.writeBit(found?.root ? 0 : 1);
	if (found?.root) writeConstrainedWholeNumber(w, found.index, 0, idx.root.length - 1);
	else writeNormallySmall(w, found ? found.index : unknownAddition!);
}

/** X.691 13: the inverse of `encodeEnumerated`; an unknown addition index n decodes as `"#n"`. */
export function decodeEnumerated(ctx: DecodeContext, t: EnumeratedType, path: string): string {
	const r = ctx.r;
	const idx = enumIndex(t);
	let start = r.pos;
	let extended = false;
	if (t.extensible) {
		extended = r.readBit(path) === 1;
		leaf(ctx, 'extension-bit', path, start);
		start = r.pos;
	}
	let name: string;
	if (!extended) {
		const i = readConstrainedWholeNumber(r, 0, idx.root.length - 1, path) as number;
		name = idx.root[i].name;
	} else {
		const i = readNormallySmall(r, path);
		name = idx.additions[i]?.name ?? `#${i}`;
	}
	leaf(ctx, 'enum-index', path, start, name);
	return name;
}

export function isBitString(v: AsnValue | undefined): v is BitStringValue {
	return (
		typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) &&
		(v as BitStringValue).bits instanceof Uint8Array && Number.isInteger((v as BitStringValue).length) &&
		(v as BitStringValue).length >= 0 && (v as BitStringValue).bits.length * 8 >= (v as BitStringValue).length
	);
}

/**
 * The length a BIT STRING value is sent with (X.691 16.3, X.680 22.7). Without named bits: its
 * own. With named bits, trailing zero bits carry no meaning: they are removed, then zero bits
 * added back up to the lower size bound, giving the smallest size the constraint's root allows
 * (0 without SIZE). So it applies to a fixed size too: `SIZE(16)` sends 16 bits for a value of
 * 10 or 20 bits whose bits past 10 are 0, and `SIZE(13, ...)` sends 13 bits inside the root
 * (extension bit 0) unless a bit past the 13th is set: what OTP's asn1 sends.
 */
export function canonicalNamedBitLength(t: BitStringType, v: BitStringValue): number {
	if (!t.namedBits) return v.length;
	const lb = t.size?.lb ?? 0;
	// Every bit past lb is zero when the value has no more: the common case, no scan.
	if (v.length <= lb) return lb;
	return Math.max(lastSetBit(v) + 1, lb);
}

/** The index of the last 1 bit of `v` (-1 when none), bits past `v.length` ignored. */
export function lastSetBit(v: BitStringValue): number {
	let n = v.length;
	while (n > 0 && ((v.bits[(n - 1) >>> 3] >>> (7 - ((n - 1) & 7))) & 1) === 0) n--;
	return n - 1;
}

/**
 * X.691 16: BIT STRING `{ bits, length }` under its SIZE (fixed ≤ 64K: no length; ranged:
 * constrained length; else general lengths, fragments of 16K bits). Canonical: with named bits,
 * trailing zero bits removed (16.2). Throws 'bad_value', 'bad_size'.
 */
export function encodeBitString(ctx: EncodeContext, t: BitStringType, value: AsnValue | undefined, path: string): void {
	if (!isBitString(value)) throw badValue(ctx, path, 'a BIT STRING {bits, length}', value);
	const n = canonicalNamedBitLength(t, value);
	const padded = n > value.length ? zeroPadded(value, n) : value.bits;
	writeSized(ctx, n, t.size, path, (from, count) => ctx.w.writeBitsFrom(padded.subarray(from >>> 3), count));
}

/** `v`'s bits in an array of `n` (> v.length) bits, the bits past `v.length` zero (whatever `v.bits` held there). */
function zeroPadded(v: BitStringValue, n: number): Uint8Array {
	const out = new Uint8Array((n + 7) >>> 3);
	const whole = v.length >>> 3;
	out.set(v.bits.subarray(0, whole));
	const rest = v.length & 7;
	if (rest) out[whole] = v.bits[whole] & (0xff << (8 - rest));
	return out;
}

/** X.691 16: the inverse of `encodeBitString`. */
export function decodeBitString(ctx: DecodeContext, t: BitStringType, path: string): BitStringValue {
	const chunks: Uint8Array[] = [];
	const length = readSized(ctx, t.size, path, 1, (count) => {
		const start = ctx.r.pos;
		chunks.push(ctx.r.readBitsInto(count, path));
		if (count) leaf(ctx, 'value', path, start);
	});
	// Fragments are multiples of 16K bits, so chunks join on octet boundaries.
	const bits = concatOctets(chunks, (length + 7) >>> 3);
	return { bits: chunks.length ? bits : new Uint8Array(0), length };
}

/** X.691 17: OCTET STRING (Uint8Array) under its SIZE, as `encodeBitString` in octets. */
export function encodeOctetString(ctx: EncodeContext, t: OctetStringType, value: AsnValue | undefined, path: string): void {
	if (!(value instanceof Uint8Array)) throw badValue(ctx, path, 'an OCTET STRING (Uint8Array)', value);
	writeSized(ctx, value.length, t.size, path, (from, count) => ctx.w.writeOctets(value.subarray(from, from + count)));
}

/** X.691 17: the inverse of `encodeOctetString`. */
export function decodeOctetString(ctx: DecodeContext, t: OctetStringType, path: string): Uint8Array {
	const chunks: Uint8Array[] = [];
	const length = readSized(ctx, t.size, path, 8, (count) => {
		const start = ctx.r.pos;
		chunks.push(ctx.r.readBitsInto(count * 8, path));
		if (count) leaf(ctx, 'value', path, start);
	});
	return chunks.length ? concatOctets(chunks, length) : new Uint8Array(0);
}
