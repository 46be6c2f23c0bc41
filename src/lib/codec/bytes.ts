import { Cv2xError } from './errors';
import { isHexDump, parseHexDump } from './hex-dump';
import { blankComments, MAX_TEXT_CHARS, parseArray, parseEscaped, parsePlainHex } from './hex-text';

/** Formats accepted for encoded bytes. `auto` guesses from the text. */
export type ByteFormat = 'hex' | 'base64' | 'bin';

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
// ASCII bytes to one flat string (windows-1252, as WHATWG names latin1, equals ASCII below 0x80)
const ascii = new TextDecoder('latin1');

/**
 * Bytes as lowercase hex, `sep` between bytes. Written into one buffer of character codes and
 * decoded at once: a string built by `+=` per byte is a rope of millions of pieces (4 MiB took
 * seconds and about 400 MB).
 */
/** The parts joined into one new array (always a copy: the result owns its buffer, so it may be transferred). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	let total = 0;
	for (const p of parts) total += p.length;
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

export function toHex(bytes: Uint8Array, sep = ''): string {
	if (sep.length > 1 || sep.charCodeAt(0) > 0x7f) return Array.from(bytes, (b) => toHex(new Uint8Array([b]))).join(sep);
	const step = sep ? 3 : 2;
	const out = new Uint8Array(Math.max(0, bytes.length * step - (sep ? 1 : 0)));
	const s = sep.charCodeAt(0);
	for (let i = 0, o = 0; i < bytes.length; i++, o += step) {
		out[o] = HEX_DIGITS[bytes[i] >> 4];
		out[o + 1] = HEX_DIGITS[bytes[i] & 15];
		if (sep && o + 2 < out.length) out[o + 2] = s;
	}
	return ascii.decode(out);
}

/**
 * Parses hex as people paste it, in any of these forms (told apart by their first characters):
 * - a hex dump with offsets, e.g. Wireshark's "Copy as Hex Dump" or `tshark -x`
 *   (`0000  08 01 12 02 08 05   ......`), `hexdump -C`, `xxd`: the offset and ASCII columns are
 *   not data (see `parseHexDump`);
 * - escaped strings `\x08\x01`, `"\x08\x01"`, `b'\x08\x01'` (see `parseEscaped`); a quoted
 *   string without escapes is just quoted hex, `"080112"`;
 * - arrays `{0x08, 0x01}` (C) or `[8, 1]` (see `parseArray`);
 * - plain hex: groups of hex digits between whitespace, `:`, `-` or `,`, each group optionally
 *   with `0x`, upper or lower case. Every group holds whole bytes: digits are never regrouped
 *   across separators (`8 01` is an error, like Wireshark's "Import from Hex Dump").
 * Errors (Cv2xError `bad_hex`, `empty_input`, `too_large`) name the character offset in the
 * text, and the line and column when it has several lines; an odd digit count says "odd number of
 * hex digits".
 */
export function parseHex(text: string): Uint8Array {
	checkTextSize(text);
	return Uint8Array.from(hexForm(text)(unquote(text)));
}

function hexForm(text: string): (t: string) => number[] {
	if (isHexDump(text)) return parseHexDump;
	// a declaration like `static const unsigned char pkt1[4] = {`, maybe after a comment
	const head = blankComments(text.slice(0, 400)).trimStart();
	const first = head[0];
	if (first === '{' || first === '[' || /^[^{=]{0,200}=\s*[{[]/.test(head)) return parseArray;
	if (text.includes('\\x') || text.includes('\\X') || /^b['"]/.test(text.trimStart())) return parseEscaped;
	return parsePlainHex;
}

/** `"080112"` (hex copied from JSON) to `080112`, keeping offsets; other text unchanged. */
function unquote(text: string): string {
	const t = text.trim();
	if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] && !t.includes('\\') && t.indexOf(t[0], 1) === t.length - 1) {
		const i = text.indexOf(t[0]);
		return text.slice(0, i) + ' ' + text.slice(i + 1, i + t.length - 1) + ' ' + text.slice(i + t.length);
	}
	return text;
}

function checkTextSize(text: string): void {
	if (text.length > MAX_TEXT_CHARS)
		throw new Cv2xError('too_large', `input is ${text.length} characters; the limit is ${MAX_TEXT_CHARS}`, {}, { key: 'tooLarge', params: { n: text.length, max: MAX_TEXT_CHARS } });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX['-'.charCodeAt(0)] = 62; // base64url
B64_INDEX['_'.charCodeAt(0)] = 63;

/** Standard base64 with padding (what proto3 JSON prints for bytes). */
export function toBase64(bytes: Uint8Array, url = false): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
		s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : url ? '' : '=';
		s += i + 2 < bytes.length ? B64[n & 63] : url ? '' : '=';
	}
	return url ? s.replace(/\+/g, '-').replace(/\//g, '_') : s;
}

/** Parses base64 or base64url, padded or not, whitespace ignored. */
export function parseBase64(text: string): Uint8Array {
	const clean = text.replace(/\s+/g, '');
	if (!clean) throw new Cv2xError('empty_input', 'no base64 characters in the input', {}, { key: 'noBase64' });
	let end = clean.length;
	while (end > 0 && clean[end - 1] === '=') end--; // a loop, not /=+$/, which is quadratic on "===…x"
	const body = clean.slice(0, end);
	if (clean.length - body.length > 2) throw new Cv2xError('bad_base64', 'too much "=" padding', {}, { key: 'padding' });
	if (body.length % 4 === 1) throw new Cv2xError('bad_base64', `base64 length ${body.length} is impossible (a lone final character)`, {}, { key: 'base64Length', params: { n: body.length } });
	const out = new Uint8Array(Math.floor((body.length * 3) / 4));
	let acc = 0;
	let bits = 0;
	let o = 0;
	for (let i = 0; i < body.length; i++) {
		const code = body.charCodeAt(i);
		const v = code < 128 ? B64_INDEX[code] : -1;
		if (v < 0) {
			const at = textOffsetOf(text, i);
			throw new Cv2xError('bad_base64', `"${body[i]}" is not a base64 character, at text offset ${at}`, {}, { key: 'notBase64', params: { c: body[i], i: at } });
		}
		acc = (acc << 6) | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (acc >> bits) & 0xff;
		}
	}
	return out;
}

/** Where the n-th non-whitespace character of the text is. */
function textOffsetOf(text: string, n: number): number {
	for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]) && n-- === 0) return i;
	return text.length;
}

const isB64Char = (c: number) =>
	(c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f;

/** Whether the text only holds hex digits, separators and `0x` prefixes. */
function isPlainHexLike(t: string): boolean {
	for (let i = 0; i < t.length; i++) {
		const c = t.charCodeAt(i);
		if (isHexCode(c) || isHexSeparator(c)) continue;
		if ((c === 0x78 || c === 0x58) && t[i - 1] === '0') continue;
		if (!/\s/.test(t[i])) return false;
	}
	return true;
}

/**
 * Whether the text is spaced groups of at most two characters ("08 0g 12"): bytes typed by hand
 * with a typo, never base64 (whose text has no spaces inside its lines), so parseHex names the
 * bad digit instead of a base64 decode producing nonsense.
 */
function isSpacedPairs(t: string): boolean {
	let groups = 0;
	let run = 0;
	for (let i = 0; i <= t.length; i++) {
		if (i === t.length || /\s/.test(t[i])) {
			if (run > 0) groups++;
			run = 0;
		} else if (++run > 2) return false;
	}
	return groups >= 2;
}

/**
 * Whether the text is nearly all hex digits: at least 16, and at most 1 other character per 20
 * of them (separators and `0x` not counted). Hex with a typo, so parseHex names the bad
 * character; base64 text, about a third of whose characters are hex digits, never is.
 */
function isMostlyHex(t: string): boolean {
	let hex = 0;
	let other = 0;
	for (let i = 0; i < t.length; i++) {
		const c = t.charCodeAt(i);
		if (isHexCode(c)) hex++;
		else if ((c === 0x78 || c === 0x58) && t[i - 1] === '0') continue;
		else if (!isHexSeparator(c)) other++;
	}
	return hex >= 16 && other * 20 <= hex;
}

/**
 * Whether the first tokens (split at spaces and commas) are mostly bytes written as hex (`08`,
 * `0x08`, `0801`): at least 2 tokens, two thirds of them such. `0x08 0x01 zz` is hex with a
 * typo, not base64.
 */
function isHexTokens(t: string): boolean {
	const token = /[^\s,;]+/g;
	let all = 0;
	let hex = 0;
	for (let m = token.exec(t); m && all < 64; m = token.exec(t)) {
		all++;
		if (/^(0[xX])?([0-9a-fA-F]{2})+$/.test(m[0])) hex++;
	}
	return all >= 2 && hex * 3 >= all * 2;
}

/** A separator between hex digits: space, `:`, `,`, `-`, tab or a line break. */
const isHexSeparator = (c: number) => c === 0x20 || c === 0x3a || c === 0x2c || c === 0x2d || (c >= 0x09 && c <= 0x0d);
const isHexCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Whether the text fits base64 (either alphabet), whitespace and `=` padding at the end. */
function isBase64Like(t: string): boolean {
	let i = 0;
	for (; i < t.length; i++) {
		const c = t.charCodeAt(i);
		if (!isB64Char(c) && !/\s/.test(t[i])) break;
	}
	for (; i < t.length; i++) if (t[i] !== '=' && !/\s/.test(t[i])) return false;
	return true;
}

/**
 * Guesses whether pasted text is hex or base64. Hex dumps, escaped strings, arrays and text made
 * only of hex digits, separators and `0x` (even with an odd digit count, which parseHex then
 * reports) are hex, and so is text that is nearly so (a typo among hex bytes: parseHex names it);
 * otherwise base64 when it fits either alphabet. Errors: `empty_input`, `unknown_format` for a
 * JSON object or naming the first character that fits neither.
 */
export function detectTextFormat(text: string): 'hex' | 'base64' {
	const t = unquote(text).trim();
	if (!t) throw new Cv2xError('empty_input', 'the input is empty', {}, { key: 'empty' });
	// a JSON object (a message as proto3 JSON), not a C array of bytes, which never has a string
	if (/^\{\s*"/.test(t)) throw new Cv2xError('unknown_format', 'the input is a JSON object, not bytes as hex or base64', {}, { key: 'jsonNotBytes' });
	if (hexForm(text) !== parsePlainHex || isPlainHexLike(t) || isSpacedPairs(t) || isHexTokens(t) || isMostlyHex(t)) return 'hex';
	if (isBase64Like(t)) return 'base64';
	let k = 0;
	while (k < t.length && (isB64Char(t.charCodeAt(k)) || /[\s=:,]/.test(t[k]))) k++;
	const odd = JSON.stringify(t[k] ?? t[0]);
	throw new Cv2xError('unknown_format', `the input is neither hex nor base64 (first unexpected character: ${odd})`, {}, { key: 'unknownFormat', params: { c: odd } });
}

/** Text (any hex form of parseHex, or base64) to bytes, auto-detecting the format unless told. */
export function parseBytes(text: string, format: 'auto' | 'hex' | 'base64' = 'auto'): Uint8Array {
	checkTextSize(text);
	const f = format === 'auto' ? detectTextFormat(text) : format;
	return f === 'hex' ? parseHex(text) : parseBase64(unquote(text));
}

/**
 * Raw input (a file or stdin) to bytes: binary is taken as is unless it is printable text that
 * parses as hex or base64.
 */
export function readInputBytes(data: Uint8Array, format: 'auto' | ByteFormat = 'auto'): Uint8Array {
	if (format === 'bin') return data;
	if (format === 'auto') {
		if (data.length === 0) throw new Cv2xError('empty_input', 'the input is empty', {}, { key: 'empty' });
		if (!isPrintableAscii(data)) return data;
	}
	const text = new TextDecoder().decode(data);
	return parseBytes(text, format === 'auto' ? 'auto' : format);
}

function isPrintableAscii(data: Uint8Array): boolean {
	for (let i = 0; i < data.length; i++) {
		const b = data[i];
		if (b >= 0x7f || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
	}
	return true;
}
