// X.691 10.5–10.9 in the UNALIGNED variant: whole numbers and length determinants, the bricks
// every type's encoding is built from. Values are `number` while exact (|v| < 2^53), `bigint`
// beyond; every function accepts either.
import { UperError } from '../errors';
import type { BitReader, BitWriter } from './bits';

/** An integer as the value model carries it. */
export type Int = number | bigint;

/** 16K: the fragment unit of the general length determinant (X.691 10.9.3.8). */
export const K16 = 16384;
/** 64K: sizes below it are encoded as constrained whole numbers (X.691 10.9.3.3). */
export const K64 = 65536;

/** `b` as a number when exact, else unchanged (the value model's rule). */
export function normalizeInt(b: bigint): Int {
	return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

/** Bits needed for the non-negative `n` (0 for 0): the length of its binary form. */
export function bitLength(n: Int): number {
	if (typeof n === 'number' && n <= 0xffffffff) return n === 0 ? 0 : 32 - Math.clz32(n);
	return n === 0n ? 0 : BigInt(n).toString(2).length;
}

/**
 * X.691 10.5 constrained whole number (unaligned, 10.5.7.1 with 10.5.6): `value − lb` as a
 * non-negative binary integer in the minimum bits for `ub − lb` (0 bits when lb = ub).
 * Caller has checked lb ≤ value ≤ ub.
 */
export function writeConstrainedWholeNumber(w: BitWriter, value: Int, lb: Int, ub: Int): void {
	if (typeof value === 'number' && typeof lb === 'number' && typeof ub === 'number' && ub - lb <= 2 ** 53 - 1) {
		w.writeBits(value - lb, bitLength(ub - lb));
		return;
	}
	const span = BigInt(ub) - BigInt(lb);
	w.writeBigBits(BigInt(value) - BigInt(lb), bitLength(span));
}

/**
 * Reads an X.691 10.5 constrained whole number in lb..ub. Throws UperError 'out_of_range' when
 * the bits give a value above ub (possible when ub − lb + 1 is not a power of two).
 */
export function readConstrainedWholeNumber(r: BitReader, lb: Int, ub: Int, path: string): Int {
	const start = r.pos;
	let value: Int;
	if (typeof lb === 'number' && typeof ub === 'number' && ub - lb <= 2 ** 53 - 1) {
		value = lb + r.readBits(bitLength(ub - lb), path);
		if (value <= ub) return value;
	} else {
		const big = BigInt(lb) + r.readBigBits(bitLength(BigInt(ub) - BigInt(lb)), path);
		value = normalizeInt(big);
		if (big <= BigInt(ub)) return value;
	}
	throw new UperError('out_of_range', `value ${value} above the upper bound ${ub}`, start, path);
}

/**
 * X.691 10.6 normally small non-negative whole number: n ≤ 63 as '0' + 6 bits, otherwise '1' +
 * a semi-constrained whole number (lb 0). Used for CHOICE/ENUMERATED extension indexes.
 */
export function writeNormallySmall(w: BitWriter, n: number): void {
	if (n <= 63) {
		w.writeBit(0);
		w.writeBits(n, 6);
	} else {
		w.writeBit(1);
		writeSemiConstrainedWholeNumber(w, n, 0);
	}
}

/** Reads an X.691 10.6 normally small non-negative whole number. */
export function readNormallySmall(r: BitReader, path: string): number {
	if (r.readBit(path) === 0) return r.readBits(6, path);
	const start = r.pos;
	const n = readSemiConstrainedWholeNumber(r, 0, path);
	if (typeof n !== 'number' || n > 2 ** 31)
		throw new UperError('too_large', `normally small number ${n} too large`, start, path);
	return n;
}

/**
 * X.691 10.9.3.4 normally small length (the SEQUENCE extension bitmap's length, n ≥ 1):
 * n ≤ 64 as '0' + 6 bits of n − 1, otherwise '1' + a general length determinant of n.
 */
export function writeNormallySmallLength(w: BitWriter, n: number): void {
	if (n <= 64) {
		w.writeBit(0);
		w.writeBits(n - 1, 6);
	} else {
		w.writeBit(1);
		const { more } = writeGeneralLength(w, n);
		if (more) throw new UperError('too_large', `normally small length ${n} needs fragments`, w.bitLength, '');
	}
}

/** Reads an X.691 10.9.3.4 normally small length (≥ 1). */
export function readNormallySmallLength(r: BitReader, path: string): number {
	if (r.readBit(path) === 0) return r.readBits(6, path) + 1;
	const start = r.pos;
	const { count, more } = readGeneralLength(r, path);
	if (more || count === 0) throw new UperError('bad_length', `bad normally small length ${count}`, start, path);
	return count;
}

/**
 * X.691 10.9.3.5–10.9.3.8 general length determinant (unaligned): for `n` < 128 one octet
 * '0'+7 bits, < 16K two octets '10'+14 bits; otherwise a fragment header '11'+6 bits m (1..4)
 * for m × 16K items. Returns how many items this determinant announces and whether another
 * determinant follows them (`more`: a fragment was written; the caller then writes those items
 * and calls again with what is left, ending with a length < 16K, possibly 0).
 */
export function writeGeneralLength(w: BitWriter, n: number): { count: number; more: boolean } {
	if (n < 128) {
		w.writeBits(n, 8);
		return { count: n, more: false };
	}
	if (n < K16) {
		w.writeBits(0x8000 | n, 16);
		return { count: n, more: false };
	}
	const m = Math.min(4, Math.floor(n / K16));
	w.writeBits(0xc0 | m, 8);
	return { count: m * K16, more: true };
}

/**
 * Reads an X.691 10.9.3.5–10.9.3.8 general length determinant; `more` = it was a fragment
 * header (m × 16K items follow, then another determinant). Accepts non-minimal forms (a
 * two-octet length below 128). Throws UperError 'bad_length' for a fragment m outside 1..4.
 */
export function readGeneralLength(r: BitReader, path: string): { count: number; more: boolean } {
	const start = r.pos;
	const first = r.readBits(8, path);
	if ((first & 0x80) === 0) return { count: first, more: false };
	if ((first & 0x40) === 0) return { count: ((first & 0x3f) << 8) | r.readBits(8, path), more: false };
	const m = first & 0x3f;
	if (m < 1 || m > 4) throw new UperError('bad_length', `fragment multiplier ${m} outside 1..4`, start, path);
	return { count: m * K16, more: true };
}

/** Minimal two's-complement octets of `v` (X.691 10.4), at least one. */
function twosComplementOctets(v: bigint): Uint8Array {
	const out: number[] = [];
	for (;;) {
		out.unshift(Number(v & 0xffn));
		const rest = v >> 8n;
		const signOk = (rest === 0n && (out[0] & 0x80) === 0) || (rest === -1n && (out[0] & 0x80) !== 0);
		if (signOk) return Uint8Array.from(out);
		v = rest;
	}
}

/** Minimal non-negative binary octets of `v` ≥ 0 (X.691 10.3), at least one. */
function binaryOctets(v: bigint): Uint8Array {
	const out: number[] = [];
	do {
		out.unshift(Number(v & 0xffn));
		v >>= 8n;
	} while (v > 0n);
	return Uint8Array.from(out);
}

function writeLengthPrefixedOctets(w: BitWriter, octets: Uint8Array): void {
	const { more } = writeGeneralLength(w, octets.length);
	if (more) throw new UperError('too_large', `whole number of ${octets.length} octets`, w.bitLength, '');
	w.writeOctets(octets);
}

/** The octets as an unsigned big-endian number; through hex text, linear in the length (a loop of shifts is quadratic). */
function unsignedOf(octets: Uint8Array): bigint {
	if (octets.length <= 6) {
		let n = 0;
		for (const o of octets) n = n * 256 + o;
		return BigInt(n);
	}
	let hex = '0x';
	for (const o of octets) hex += (o < 16 ? '0' : '') + o.toString(16);
	return BigInt(hex);
}

function readLengthPrefixedOctets(r: BitReader, path: string, what: string): Uint8Array {
	const start = r.pos;
	const { count, more } = readGeneralLength(r, path);
	if (more) throw new UperError('too_large', `${what} longer than 16K octets`, start, path);
	if (count === 0) throw new UperError('bad_length', `${what} of zero octets`, start, path);
	return r.readBitsInto(count * 8, path);
}

/**
 * X.691 10.7 semi-constrained whole number (value ≥ lb): general length of the octet count,
 * then `value − lb` as a non-negative binary integer in the minimum octets.
 */
export function writeSemiConstrainedWholeNumber(w: BitWriter, value: Int, lb: Int): void {
	writeLengthPrefixedOctets(w, binaryOctets(BigInt(value) - BigInt(lb)));
}

/** Reads an X.691 10.7 semi-constrained whole number; accepts leading zero octets. */
export function readSemiConstrainedWholeNumber(r: BitReader, lb: Int, path: string): Int {
	const octets = readLengthPrefixedOctets(r, path, 'semi-constrained whole number');
	if (octets.length <= 6 && typeof lb === 'number') {
		let n = 0;
		for (const o of octets) n = n * 256 + o;
		if (Number.isSafeInteger(n + lb)) return n + lb;
	}
	return normalizeInt(unsignedOf(octets) + BigInt(lb));
}

/** X.691 10.8 unconstrained whole number: general length, minimal two's-complement octets. */
export function writeUnconstrainedWholeNumber(w: BitWriter, value: Int): void {
	writeLengthPrefixedOctets(w, twosComplementOctets(BigInt(value)));
}

/** Reads an X.691 10.8 unconstrained whole number; accepts non-minimal octets. */
export function readUnconstrainedWholeNumber(r: BitReader, path: string): Int {
	const octets = readLengthPrefixedOctets(r, path, 'unconstrained whole number');
	let v = unsignedOf(octets);
	if (octets[0] & 0x80) v -= 1n << BigInt(octets.length * 8);
	return normalizeInt(v);
}
