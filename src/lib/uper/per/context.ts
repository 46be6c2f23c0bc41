// What the encoder and decoder carry while walking a value: the bit field, the schema set, the
// trace hook and the nesting depth; plus the pieces both share (type references, field paths,
// length-prefixed item runs).
import { UperError } from '../errors';
import type { AsnType, AsnValue, SchemaSet, SizeConstraint } from '../schema';
import type { BitReader, BitWriter } from './bits';
import * as wholeNumbers from './whole-numbers';

// Imported functions bound once at load: the dev loader (tsx) compiles every call of an imported
// function into a getter call, paid per value otherwise.
const { K64, readConstrainedWholeNumber, readGeneralLength, writeConstrainedWholeNumber, writeGeneralLength } = wholeNumbers;

/**
 * What a run of bits is, for the bit-by-bit view. Leaf roles tile the input: every bit the
 * decoder reads belongs to exactly one leaf node.
 * - `value`: the bits of a primitive value (or of one fragment of it)
 * - `extension-bit`: the extension bit of an extensible type or constraint (X.691 10.5.7 / 19.1 / 23.5)
 * - `preamble`: the presence bits of a SEQUENCE's OPTIONAL/DEFAULT root components (X.691 19.2)
 * - `length`: a length determinant (X.691 10.9), also each fragment's
 * - `choice-index`, `enum-index`: a CHOICE / ENUMERATED index (X.691 23, 13)
 * - `bitmap-length`, `extension-bitmap`: the normally small length and presence bitmap of a
 *   SEQUENCE's extension additions (X.691 19.8)
 * - `open-type-length`: the length of an open type or of an extension addition (X.691 10.2)
 * - `padding`: the zero bits that fill an open type's last octet (X.691 10.1.3)
 * - `unknown`: contents octets of an extension or open type the schema does not know
 * Non-leaf role `field`: a whole value (the bits of all its parts), emitted after its parts.
 */
export type TraceRole =
	| 'value'
	| 'extension-bit'
	| 'preamble'
	| 'length'
	| 'choice-index'
	| 'enum-index'
	| 'bitmap-length'
	| 'extension-bitmap'
	| 'open-type-length'
	| 'padding'
	| 'unknown'
	| 'field';

/**
 * One traced run of bits: `bitOffset` from the MSB of the input's first octet, `bitWidth` bits,
 * `path` the field path (`value.bsm.pos.lat`, `""` for the top level), `leaf` false only for
 * `field` nodes, `value` the decoded value of a `field` or a primitive `value` leaf, `typeName`
 * the referenced type's name when the field's type is a reference.
 */
export interface TraceNode {
	role: TraceRole;
	path: string;
	bitOffset: number;
	bitWidth: number;
	leaf: boolean;
	value?: AsnValue;
	typeName?: string;
}

/** Receives trace nodes in the order the decoder finishes them (leaves in input order). */
export type Trace = (node: TraceNode) => void;

/** How deep values may nest before the codec refuses ('too_deep'): hostile input guard. */
export const MAX_DEPTH = 64;

export interface DecodeContext {
	r: BitReader;
	set: SchemaSet;
	trace?: Trace;
	depth: number;
}

export interface EncodeContext {
	w: BitWriter;
	set: SchemaSet;
	depth: number;
}

/** `path.name`, or `name` at the top level. */
export function joinPath(path: string, name: string): string {
	return path ? `${path}.${name}` : name;
}

/** Emits a leaf node from `start` to the reader's position (no-op without a trace or bits). */
export function leaf(ctx: DecodeContext, role: TraceRole, path: string, start: number, value?: AsnValue): void {
	// Zero-width runs (a fixed length, a lone CHOICE alternative's index) are not bits: no node.
	if (ctx.trace && ctx.r.pos > start)
		ctx.trace({ role, path, bitOffset: start, bitWidth: ctx.r.pos - start, leaf: true, value });
}

/** A type that is not a reference. */
export type ConcreteType = Exclude<AsnType, { kind: 'ref' }>;

/** True when `n` satisfies the root of `size` (no constraint = any n). */
export function inSizeRoot(n: number, size: SizeConstraint | undefined): boolean {
	return !size || (n >= size.lb && (size.ub === undefined || n <= size.ub));
}

function sizeText(size: SizeConstraint): string {
	const root = size.ub === size.lb ? `${size.lb}` : `${size.lb}..${size.ub ?? 'MAX'}`;
	return `SIZE(${root}${size.extensible ? ', ...' : ''})`;
}

/**
 * Writes `n` items under a SIZE constraint (X.691 10.9 with 16.8–16.11, 17.6–17.8, 20.6, 30.5.7):
 * the extension bit if extensible; inside a root with ub < 64K no length when fixed, else a
 * constrained whole number lb..ub; otherwise general lengths with 16K fragments. `writeItems(from,
 * count)` writes items [from, from+count). Throws UperError 'bad_size' when n violates a
 * non-extensible constraint.
 */
export function writeSized(
	ctx: EncodeContext,
	n: number,
	size: SizeConstraint | undefined,
	path: string,
	writeItems: (from: number, count: number) => void
): void {
	const w = ctx.w;
	const inRoot = inSizeRoot(n, size);
	if (size?.extensible) w.writeBit(inRoot ? 0 : 1);
	else if (!inRoot) throw new UperError('bad_size', `size ${n} outside ${sizeText(size!)}`, w.bitLength, path);
	if (inRoot && size && size.ub !== undefined && size.ub < K64) {
		if (size.lb !== size.ub) writeConstrainedWholeNumber(w, n, size.lb, size.ub);
		writeItems(0, n);
		return;
	}
	for (let from = 0; ; ) {
		const { count, more } = writeGeneralLength(w, n - from);
		writeItems(from, count);
		from += count;
		if (!more) return;
	}
}

/**
 * Reads a run of items under a SIZE constraint (the inverse of `writeSized`), tracing the
 * extension bit and every length. `itemBits` is the least number of bits one item takes: each
 * announced count is checked against the bits left before `readItems(count)` is called, so a
 * huge length fails fast ('truncated') without allocating. Returns the total count. Accepts
 * non-canonical forms (a fragmented or long-form length where a short one would do, extension
 * bit set for a size inside the root). Throws 'bad_size' for a count a non-extensible
 * constraint forbids.
 */
export function readSized(
	ctx: DecodeContext,
	size: SizeConstraint | undefined,
	path: string,
	itemBits: number,
	readItems: (count: number) => void
): number {
	const r = ctx.r;
	let extended = false;
	if (size?.extensible) {
		const start = r.pos;
		extended = r.readBit(path) === 1;
		leaf(ctx, 'extension-bit', path, start);
	}
	if (!extended && size && size.ub !== undefined && size.ub < K64) {
		const start = r.pos;
		const n = size.lb === size.ub ? size.lb : (readConstrainedWholeNumber(r, size.lb, size.ub, path) as number);
		if (r.pos > start) leaf(ctx, 'length', path, start);
		r.need(n * itemBits, path, `${n} items`);
		readItems(n);
		return n;
	}
	const first = r.pos;
	let total = 0;
	for (;;) {
		const start = r.pos;
		const { count, more } = readGeneralLength(r, path);
		leaf(ctx, 'length', path, start);
		r.need(count * itemBits, path, `${count} items`);
		if (itemBits === 0 && total + count > K64)
			throw new UperError('too_large', `more than ${K64} items that take no bits`, start, path);
		readItems(count);
		total += count;
		if (!more) break;
	}
	if (!extended && !inSizeRoot(total, size))
		throw new UperError('bad_size', `size ${total} outside ${sizeText(size!)}`, first, path);
	return total;
}
