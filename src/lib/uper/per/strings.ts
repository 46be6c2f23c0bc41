// X.691 30: restricted character strings, unaligned variant. The known-multiplier types
// (IA5String, NumericString, PrintableString, VisibleString) use b bits per character where
// 2^b ≥ size of the effective permitted alphabet (30.5.3); UTF8String is octets with a general
// length (30.6, its SIZE and FROM are not PER-visible).
import { UperError } from '../errors';
import type { AsnValue, CharStringKind, CharStringType } from '../schema';
import { leaf, readSized, writeSized, type DecodeContext, type EncodeContext } from './context';
import { bitLength, readGeneralLength, writeGeneralLength } from './whole-numbers';

const PRINTABLE = " '()+,-./0123456789:=?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The full alphabets of the known-multiplier types (X.680 41, Table 8), as sorted code points. */
const FULL_ALPHABET: Record<Exclude<CharStringKind, 'UTF8String'>, () => number[]> = {
	IA5String: () => range(0, 127),
	VisibleString: () => range(32, 126),
	NumericString: () => [32, ...range(48, 57)],
	PrintableString: () => [...PRINTABLE].map((c) => c.charCodeAt(0)).sort((a, b) => a - b)
};

/**
 * How characters go on the wire: `bits` per character, and either their code (`index`
 * undefined: every code < 2^bits, X.691 30.5.4 a) or their position in the sorted alphabet.
 */
interface CharCoding {
	bits: number;
	codes: number[];
	index?: Map<number, number>;
	allowed: Set<number>;
}
const codings = new WeakMap<CharStringType, CharCoding>();

function charCoding(t: CharStringType): CharCoding {
	let c = codings.get(t);
	if (c) return c;
	const full = FULL_ALPHABET[t.stringKind as keyof typeof FULL_ALPHABET]();
	const codes = t.alphabet
		? [...new Set([...t.alphabet].map((ch) => ch.codePointAt(0)!))].filter((x) => full.includes(x)).sort((a, b) => a - b)
		: full;
	const bits = bitLength(codes.length - 1);
	const direct = codes[codes.length - 1] < 2 ** bits;
	c = { bits, codes, allowed: new Set(codes), index: direct ? undefined : new Map(codes.map((x, i) => [x, i])) };
	codings.set(t, c);
	return c;
}

/**
 * X.691 30: encodes a string value of a restricted character string type. Throws 'bad_value'
 * for a non-string, 'bad_char' for a character outside the effective alphabet, 'bad_size'.
 */
export function encodeCharString(ctx: EncodeContext, t: CharStringType, value: AsnValue | undefined, path: string): void {
	if (typeof value !== 'string')
		throw new UperError('bad_value', `expected a ${t.stringKind} string`, ctx.w.bitLength, path);
	if (t.stringKind === 'UTF8String') return encodeUtf8(ctx, value);
	const coding = charCoding(t);
	const chars = [...value].map((ch) => ch.codePointAt(0)!);
	const bad = chars.findIndex((x) => !coding.allowed.has(x));
	if (bad >= 0)
		throw new UperError('bad_char', `character ${JSON.stringify(String.fromCodePoint(chars[bad]))} (position ${bad}) not permitted in ${t.stringKind}`, ctx.w.bitLength, path);
	writeSized(ctx, chars.length, t.size, path, (from, count) => {
		for (let i = from; i < from + count; i++)
			ctx.w.writeBits(coding.index ? coding.index.get(chars[i])! : chars[i], coding.bits);
	});
}

function encodeUtf8(ctx: EncodeContext, value: string): void {
	const octets = new TextEncoder().encode(value);
	for (let from = 0; ; ) {
		const { count, more } = writeGeneralLength(ctx.w, octets.length - from);
		ctx.w.writeOctets(octets.subarray(from, from + count));
		from += count;
		if (!more) return;
	}
}

/** X.691 30: the inverse of `encodeCharString`. Throws 'bad_char', 'bad_utf8', 'bad_size', 'truncated'. */
export function decodeCharString(ctx: DecodeContext, t: CharStringType, path: string): string {
	if (t.stringKind === 'UTF8String') return decodeUtf8(ctx, path);
	const coding = charCoding(t);
	const r = ctx.r;
	let out = '';
	readSized(ctx, t.size, path, coding.bits, (count) => {
		const start = r.pos;
		for (let i = 0; i < count; i++) {
			const at = r.pos;
			const raw = r.readBits(coding.bits, path);
			const code = coding.index ? coding.codes[raw] : raw;
			if (code === undefined || !coding.allowed.has(code))
				throw new UperError('bad_char', `character value ${raw} not in the ${t.stringKind} alphabet`, at, path);
			out += String.fromCharCode(code);
		}
		if (count) leaf(ctx, 'value', path, start, out);
	});
	return out;
}

function decodeUtf8(ctx: DecodeContext, path: string): string {
	const r = ctx.r;
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		let start = r.pos;
		const { count, more } = readGeneralLength(r, path);
		leaf(ctx, 'length', path, start);
		start = r.pos;
		chunks.push(r.readBitsInto(count * 8, path));
		if (count) leaf(ctx, 'value', path, start);
		total += count;
		if (!more) break;
	}
	const octets = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		octets.set(c, at);
		at += c.length;
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(octets);
	} catch {
		throw new UperError('bad_utf8', 'UTF8String contents are not UTF-8', r.pos - total * 8, path);
	}
}
