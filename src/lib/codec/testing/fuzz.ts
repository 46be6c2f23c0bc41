// The fuzzer shared by the bounded fuzz test (fuzz.test.ts) and `npm run fuzz` (scripts/fuzz.ts):
// seeded mutators over real inputs (truncation, bit flips, varint stretching, splices, nesting
// bombs) and the checks each reader must pass. Readers outside the codec (captures) come in as
// parameters, so this module imports nothing above the codec.
import { Cv2xError } from '../errors';
import { decodeFrame, encodeFrame, frameJson } from '../frame';
import { dumpMessage, type DumpNode } from '../dump';
import { decodeRaw } from '../raw';
import { wellFormed } from '../wire-check';
import { parseBase64, parseBytes, parseHex, toBase64, toHex } from '../bytes';
import { parseJsonText, type JsonValue } from '../json';

/** A seeded source of numbers in [0, 1) (mulberry32: small, fast, good enough to fuzz). */
export type Rng = () => number;
export function rng(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

/** Something a reader did wrong on one input. */
export interface Finding {
	kind: 'escape' | 'disagreement' | 'no-place' | 'wrong-result';
	target: string;
	detail: string;
	input: Uint8Array | string;
}

function varint(n: number): number[] {
	const out: number[] = [];
	for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
	out.push(n);
	return out;
}
const cat = (...parts: (Uint8Array | number[])[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};

/** The varint at `at` re-encoded in `n` bytes (same value; 11 bytes and more are invalid). */
function stretchVarint(b: Uint8Array, at: number, n: number): Uint8Array {
	let end = at;
	while (end < b.length && end - at < 10 && b[end] & 0x80) end++;
	if (end >= b.length) return b;
	const groups = Array.from(b.subarray(at, end + 1), (x) => x & 0x7f);
	while (groups.length < n) groups.push(0);
	const enc = groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g));
	return cat(b.subarray(0, at), enc, b.subarray(end + 1));
}

/** `depth` groups of field `field` nested around `inner` (or left open when `open`). */
export function groupBomb(depth: number, inner: Uint8Array = new Uint8Array(0), field = 127, open = false): Uint8Array {
	const start = varint((field << 3) | 3);
	const end = varint((field << 3) | 4);
	const out = new Uint8Array(depth * start.length + inner.length + (open ? 0 : depth * end.length));
	for (let i = 0; i < depth; i++) out.set(start, i * start.length);
	out.set(inner, depth * start.length);
	if (!open) for (let i = 0; i < depth; i++) out.set(end, depth * start.length + inner.length + i * end.length);
	return out;
}

/** `inner` wrapped `depth` times as field `field` (LEN), innermost first. */
export function lenBomb(depth: number, inner: Uint8Array, field = 2): Uint8Array {
	let b = inner;
	for (let i = 0; i < depth; i++) b = cat(varint((field << 3) | 2), varint(b.length), b);
	return b;
}

type Mutator = (r: Rng, b: Uint8Array, seeds: Uint8Array[]) => Uint8Array;
const MUTATORS: Mutator[] = [
	(r, b) => b.subarray(0, int(r, b.length + 1)),
	(r, b) => { const c = new Uint8Array(b); if (c.length) c[int(r, c.length)] ^= 1 << int(r, 8); return c; },
	(r, b) => { const c = new Uint8Array(b); if (c.length) c[int(r, c.length)] = pick(r, [0, 0x7f, 0x80, 0xff, int(r, 256)]); return c; },
	(r, b) => { const at = int(r, b.length + 1); return cat(b.subarray(0, at), Array.from({ length: 1 + int(r, 8) }, () => int(r, 256)), b.subarray(at)); },
	(r, b) => { const at = int(r, b.length + 1); return cat(b.subarray(0, at), b.subarray(at + 1 + int(r, 16))); },
	(r, b) => stretchVarint(b, int(r, b.length), 2 + int(r, 10)),
	(r, b) => stretchVarint(b, 0, 2 + int(r, 10)),
	(r, b, seeds) => { const o = pick(r, seeds); return cat(b.subarray(0, int(r, b.length + 1)), o.subarray(int(r, o.length + 1))); },
	(r, b) => cat(b, groupBomb(pick(r, [1, 32, 33, 99, 100, 101, int(r, 130)]), new Uint8Array(0), 1 + int(r, 200), r() < 0.2)),
	(r, b) => { const at = int(r, b.length + 1); return cat(b.subarray(0, at), groupBomb(1 + int(r, 110), new Uint8Array(0), 1 + int(r, 40)), b.subarray(at)); },
	(r, b) => lenBomb(pick(r, [1, 2, 9, 10, 11, 99, 100, 101]), b, pick(r, [2, 3, 16, 99])),
	(r, b) => cat(b, [pick(r, [0x00, 0x06, 0x07, 0x0c, 0x0e, 0x0f, 0xfa]), ...varint(int(r, 1 << 30))]),
	(r) => Uint8Array.from({ length: int(r, 64) }, () => int(r, 256))
];

/** One hostile input: a seed with one to three mutations. */
export function mutateBytes(r: Rng, seeds: Uint8Array[]): Uint8Array {
	let b = pick(r, seeds);
	for (let n = 1 + int(r, 3); n > 0; n--) b = pick(r, MUTATORS)(r, b, seeds);
	return b;
}

/** The error a call threw (undefined when it returned), anything else than the codec's errors reported. */
function attempt(target: string, input: Uint8Array | string, out: Finding[], f: () => unknown): Cv2xError | undefined | null {
	try {
		f();
		return undefined;
	} catch (e) {
		if (e instanceof Cv2xError) return e;
		out.push({ kind: 'escape', target, detail: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e), input });
		return null;
	}
}

const hasPlace = (e: Cv2xError) => e.offset !== undefined || e.path !== undefined || e.char !== undefined;

/**
 * Decode, the annotated dump (whole and partial) and raw decode on one input: none may throw
 * anything but a Cv2xError; decode must accept exactly when the dump does, with the same error
 * (same message, so the same byte offset and path); decode and raw errors must name a place.
 * Returns whether decode accepted the input.
 */
export function checkFrameBytes(b: Uint8Array, out: Finding[]): boolean {
	let frame: unknown;
	const dec = attempt('decode', b, out, () => (frame = decodeFrame(b)));
	let dump: ReturnType<typeof dumpMessage> | undefined;
	attempt('dump', b, out, () => (dump = dumpMessage(b)));
	attempt('dump (partial)', b, out, () => dumpMessage(b, undefined, { partial: true }));
	let raw: ReturnType<typeof decodeRaw> | undefined;
	attempt('raw decode', b, out, () => (raw = decodeRaw(b)));
	if (dec && !hasPlace(dec)) out.push({ kind: 'no-place', target: 'decode', detail: dec.message, input: b });
	if (raw?.error && !hasPlace(raw.error)) out.push({ kind: 'no-place', target: 'raw decode', detail: raw.error.message, input: b });
	if (dump && dec !== null && (dec?.message ?? '') !== (dump.error?.message ?? ''))
		out.push({ kind: 'disagreement', target: 'decode vs dump', detail: `decode: ${dec?.message ?? 'ok'}; dump: ${dump.error?.message ?? 'ok'}`, input: b });
	// the check decode runs before protobufjs must judge as the dump does
	if (dump && attempt('wire check', b, out, () => {
		if (wellFormed(b) !== !dump!.error) throw new Cv2xError('invalid', 'wellFormed disagrees with the dump');
	}) !== undefined) out.push({ kind: 'disagreement', target: 'wellFormed vs dump', detail: `dump: ${dump.error?.message ?? 'ok'}`, input: b });
	if (dec === undefined) attempt('encode (decoded)', b, out, () => encodeFrame(frame as Parameters<typeof encodeFrame>[0], { validate: false }));
	return dec === undefined;
}

/** Bytes written as people paste them: [text, the parser that must read them back]. */
const RENDERINGS: ((b: Uint8Array) => [string, (t: string) => Uint8Array])[] = [
	(b) => [toHex(b), parseHex],
	(b) => [toHex(b, ' ').toUpperCase(), parseHex],
	(b) => [toHex(b, ':'), parseHex],
	(b) => [`{${Array.from(b, (x) => '0x' + x.toString(16).padStart(2, '0')).join(', ')}}`, parseHex],
	(b) => [`[${Array.from(b).join(', ')}]`, parseHex],
	(b) => [`"${Array.from(b, (x) => '\\x' + x.toString(16).padStart(2, '0')).join('')}"`, parseHex],
	(b) => [toBase64(b), parseBase64],
	(b) => [toBase64(b, true), parseBase64]
];
const TEXT_NOISE = ['0', 'f', 'g', ' ', '\n', ':', ',', '0x', '\\x', '"', "'", '{', '}', '[', ']', '=', '/*', '*/', '//', '|', '.', '-', '+', '/', 'é', '\u0000', '\ud800', '00000000  ', '0000: '];

/**
 * Pasted text (hex in its forms, C and Python arrays, escaped strings, base64): read back
 * exactly when untouched; after random edits, bytes or a Cv2xError naming a place, never another
 * exception. Auto detection (`parseBytes`) sees every text too.
 */
export function checkText(r: Rng, b: Uint8Array, out: Finding[]): void {
	const [text, parse] = pick(r, RENDERINGS)(b);
	if (b.length && r() < 0.3) {
		let back: Uint8Array | undefined;
		attempt('text (exact)', text, out, () => (back = parse(text)));
		if (back && toHex(back) !== toHex(b)) out.push({ kind: 'wrong-result', target: 'text', detail: `read back as ${toHex(back).slice(0, 60)}`, input: text });
		return;
	}
	let t = text;
	for (let n = 1 + int(r, 3); n > 0; n--) {
		const at = int(r, t.length + 1);
		const op = int(r, 4);
		if (op === 0) t = t.slice(0, at);
		else if (op === 1) t = t.slice(0, at) + pick(r, TEXT_NOISE) + t.slice(at);
		else if (op === 2) t = t.slice(0, at) + t.slice(at + 1 + int(r, 8));
		else t = t.slice(0, at) + t.slice(int(r, t.length)); // a repeated or skipped stretch
	}
	for (const [name, f] of [['text auto', (s: string) => parseBytes(s)], ['text hex', parseHex], ['text base64', parseBase64]] as const) {
		const e = attempt(name, t, out, () => f(t));
		// a whole-text error (empty, odd digit count, impossible base64 length) has no one place
		if (e && !hasPlace(e) && !/offset|^no |empty|odd number of hex digits \(|base64 length|padding|neither hex nor base64|the limit is/.test(e.message))
			out.push({ kind: 'no-place', target: name, detail: e.message, input: t });
	}
}

const JSON_NOISE = ['{', '}', '[', ']', '"', ',', ':', '-', '0', '1e999', '-0', '1.5', 'null', 'true', '"\\u0000"', '"\\ud800"', '\\', '18446744073709551616', '"AAAA"', '"NaN"', ' ', '\n'];

/** A JSON value nested `depth` arrays deep (built as text: no recursion). */
const arrayBomb = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);

/**
 * proto3 JSON of an accepted frame: read back to the same JSON when untouched; after random edits
 * or a nesting bomb in place of a value, a frame or a Cv2xError, never another exception.
 */
export function checkJson(r: Rng, b: Uint8Array, out: Finding[]): void {
	let json: JsonValue | undefined;
	if (attempt('json (print)', b, out, () => (json = frameJson.to(decodeFrame(b)))) !== undefined) return;
	const text = JSON.stringify(json);
	const read = (t: string) => encodeFrame(frameJson.from(parseJsonText(t)), { validate: false });
	if (r() < 0.2) {
		let back: Uint8Array | undefined;
		attempt('json (exact)', text, out, () => (back = read(text)));
		if (back && JSON.stringify(frameJson.to(decodeFrame(back))) !== text) out.push({ kind: 'wrong-result', target: 'json', detail: 'did not read back to the same JSON', input: text });
		return;
	}
	let t = text;
	for (let n = 1 + int(r, 3); n > 0; n--) {
		const at = int(r, t.length + 1);
		const op = int(r, 4);
		if (op === 0) t = t.slice(0, at);
		else if (op === 1) t = t.slice(0, at) + pick(r, JSON_NOISE) + t.slice(at);
		else if (op === 2) t = t.slice(0, at) + t.slice(at + 1 + int(r, 8));
		else {
			// a value (after a colon) replaced by arrays nested around the depth limit or far past it
			const colon = t.indexOf(':', at);
			if (colon < 0) continue;
			const end = t.slice(colon + 1).search(/[,}]/);
			t = t.slice(0, colon + 1) + arrayBomb(pick(r, [99, 100, 101, 4100, 1 + int(r, 300)])) + (end < 0 ? '' : t.slice(colon + 1 + end));
		}
	}
	const e = attempt('json', t, out, () => read(t));
	if (e && !hasPlace(e) && e.code !== 'invalid' && !/the limit is/.test(e.message)) out.push({ kind: 'no-place', target: 'json', detail: e.message, input: t });
}

/** How a capture reader's own errors look: whether `e` is one, and whether it names a place. */
export interface CaptureReader {
	read(data: Uint8Array): unknown;
	isError(e: unknown): boolean;
	hasPlace(e: unknown): boolean;
}

/** A capture file (pcapng, pcap or JSON Lines), mutated: records or the reader's error with a place. */
export function checkCapture(r: Rng, seeds: Uint8Array[], reader: CaptureReader, out: Finding[]): void {
	const b = mutateBytes(r, seeds);
	try {
		reader.read(b);
	} catch (e) {
		if (!reader.isError(e) && !(e instanceof Cv2xError)) out.push({ kind: 'escape', target: 'capture', detail: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e), input: b });
		else if (!reader.hasPlace(e) && !(e instanceof Cv2xError && hasPlace(e))) out.push({ kind: 'no-place', target: 'capture', detail: String((e as Error).message).slice(0, 300), input: b });
	}
}

/**
 * How deep the tree of `decodeRaw` nests (groups, and length-delimited values that parse as
 * messages): at least the nesting protoc sees, so a bound for "near protoc's depth limit".
 */
export function rawDepth(b: Uint8Array): number {
	let max = 0;
	const todo: [DumpNode, number][] = [[decodeRaw(b).root, 0]];
	while (todo.length) {
		const [n, d] = todo.pop()!;
		max = Math.max(max, d);
		for (const c of n.children ?? []) todo.push([c, d + 1]);
	}
	return max;
}
