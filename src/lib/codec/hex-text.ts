// Bytes as people paste them in text: plain hex, hex dumps (Wireshark, tshark -x, hexdump -C,
// xxd), escaped strings (C, Python) and C or Python arrays. Each parser is one linear pass over
// the text (regular expressions only on short, anchored tokens), so huge input costs no more
// than its length.
import { Cv2xError } from './errors';
import { MAX_INPUT_BYTES } from './wire';

/** Longest text accepted: a hex dump spends about 4.2 characters per byte, a C array 6. */
export const MAX_TEXT_CHARS = 8 * MAX_INPUT_BYTES;

const isHexCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** A hex digit's value (the caller has checked it is one). */
export const hexValue = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
const isHex = (s: string, i: number) => i < s.length && isHexCode(s.charCodeAt(i));
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
/** Separators between plain hex groups. */
const isSep = (c: string | undefined) => isSpace(c) || c === ':' || c === '-' || c === ',';

/** "text offset 12", with the line and column when the text has several lines. */
export function textPlace(text: string, i: number): string {
	// one forward pass: V8's lastIndexOf took 48 s on a 2 MB string once its caller was optimized
	let line = 1;
	let lineStart = 0;
	let lines = false;
	for (let k = 0; k < text.length; k++) {
		if (text.charCodeAt(k) !== 0x0a) continue;
		lines = true;
		if (k >= i) break;
		line++;
		lineStart = k + 1;
	}
	return lines ? `text offset ${i} (line ${line}, column ${i - lineStart + 1})` : `text offset ${i}`;
}

function fail(msg: string, key: string, params: Record<string, string | number> = {}): never {
	throw new Cv2xError('bad_hex', msg, {}, { key, params });
}

function notHexDigit(text: string, i: number): never {
	const c = text[i];
	return fail(`"${c}" is not a hex digit, at ${textPlace(text, i)}`, 'notHexDigit', { c, i });
}

/**
 * Plain hex: groups of hex digits between separators (whitespace, `:`, `-`, `,`), each with an
 * optional `0x`. Every group holds whole bytes: digits are never regrouped across separators, so
 * `8 01` is an error, not 0x80 0x1?.
 */
export function parsePlainHex(text: string): number[] {
	const out: number[] = [];
	let groups = 0;
	let i = 0;
	while (i < text.length) {
		if (isSep(text[i])) {
			i++;
			continue;
		}
		const start = i;
		if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) i += 2;
		const from = i;
		while (isHex(text, i)) i++;
		if (i < text.length && !isSep(text[i])) notHexDigit(text, i);
		if (i === from) fail(`"0x" without digits, at ${textPlace(text, start)}`, 'hexNoDigits', { i: start });
		groups++;
		if ((i - from) % 2) oddGroup(text, start, from, i, groups);
		for (let k = from; k < i; k += 2) out.push((hexValue(text.charCodeAt(k)) << 4) | hexValue(text.charCodeAt(k + 1)));
	}
	if (out.length === 0) throw new Cv2xError('empty_input', 'no hex digits in the input', {}, { key: 'noHex' });
	return out;
}

function oddGroup(text: string, start: number, from: number, end: number, groups: number): never {
	const n = end - from;
	let more = false;
	for (let k = end; k < text.length && !more; k++) more = !isSep(text[k]);
	if (groups === 1 && !more) fail(`odd number of hex digits (${n}): the last byte is incomplete`, 'hexOdd', { n });
	const g = text.slice(start, end);
	return fail(`odd number of hex digits in "${g}" at ${textPlace(text, start)}: every group must hold whole bytes (two digits each)`, 'hexOddGroup', { g, i: start });
}

const SIMPLE_ESCAPES: Record<string, number> = { '\\': 0x5c, '"': 0x22, "'": 0x27, n: 0x0a, r: 0x0d, t: 0x09, '0': 0, a: 7, b: 8, f: 0x0c, v: 0x0b };

/**
 * Escaped bytes as C and Python write them: `\x08\x01`, `"\x08\x01"`, `b'\x08\x01ab'`. Outside
 * quotes only `\xHH` escapes (and whitespace or commas between them); inside quotes also the
 * usual one-letter escapes, and printable ASCII characters stand for themselves. `\x` takes
 * exactly two hex digits.
 */
export function parseEscaped(text: string): number[] {
	const out: number[] = [];
	let quote = '';
	let opened = 0;
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (!quote && (isSpace(c) || c === ',' || c === '+')) i++;
		else if (!quote && (c === '"' || c === "'" || (c === 'b' && (text[i + 1] === '"' || text[i + 1] === "'")))) {
			if (c === 'b') i++;
			opened = i;
			quote = text[i++];
		} else if (quote && c === quote) {
			quote = '';
			i++;
		} else if (c === '\\') i = escape(text, i, out, !!quote);
		else if (quote && c >= ' ' && c <= '~') {
			out.push(c.charCodeAt(0));
			i++;
		} else fail(`${JSON.stringify(c)} cannot stand ${quote ? 'in an escaped string' : 'outside quotes'}, at ${textPlace(text, i)}`, 'escapedChar', { c, i });
	}
	if (quote) fail(`the string opened with ${quote} at ${textPlace(text, opened)} is not closed`, 'escapedOpen', { c: quote, i: opened });
	if (out.length === 0) throw new Cv2xError('empty_input', 'no bytes in the input', {}, { key: 'empty' });
	return out;
}

function escape(text: string, i: number, out: number[], quoted: boolean): number {
	const e = text[i + 1];
	if (e === 'x' || e === 'X') {
		if (!isHex(text, i + 2) || !isHex(text, i + 3)) fail(`\\x wants two hex digits, at ${textPlace(text, i)}`, 'escapeHex', { i });
		out.push(parseInt(text.slice(i + 2, i + 4), 16));
		return i + 4;
	}
	if (quoted && e !== undefined && e in SIMPLE_ESCAPES) {
		out.push(SIMPLE_ESCAPES[e]);
		return i + 2;
	}
	return fail(`unknown escape "\\${e ?? ''}", at ${textPlace(text, i)}`, 'escapeUnknown', { e: e ?? '', i });
}

/**
 * A C array `{0x08, 0x01}` (anything before `{` and after `}` is ignored, e.g. `uint8_t b[] =`
 * and `;`) or a Python/JavaScript list `[8, 1]`. Elements are C integer literals: `0x` with one or
 * two hex digits, or decimal 0..255 without leading zeros; a trailing comma is fine, and so are
 * C comments (Wireshark's C-array export puts the ASCII after each line as one). One array only.
 */
export function parseArray(input: string): number[] {
	const text = blankComments(input);
	const brace = text.indexOf('{'); // C: `uint8_t f[2] = {…}`, so a brace wins over a bracket
	const open = brace >= 0 ? brace : text.indexOf('[');
	const closer = text[open] === '{' ? '}' : ']';
	const close = text.indexOf(closer, open);
	if (close < 0) fail(`the array opened at ${textPlace(text, open)} is not closed`, 'arrayOpen', { i: open });
	const again = text.indexOf(text[open], close);
	if (again >= 0) fail(`a second array starts at ${textPlace(text, again)}; paste one message at a time`, 'arraySecond', { i: again });
	const out: number[] = [];
	let i = open + 1;
	while (i < close) {
		while (i < close && isSpace(text[i])) i++;
		let j = i;
		while (j < close && text[j] !== ',') j++;
		let end = j;
		while (end > i && isSpace(text[end - 1])) end--;
		const el = text.slice(i, end);
		if (el === '' && j < close) fail(`empty array element, at ${textPlace(text, i)}`, 'arrayElement', { el, i });
		if (el !== '') out.push(arrayElement(text, el, i));
		i = j + 1;
	}
	if (out.length === 0) throw new Cv2xError('empty_input', 'the array is empty', {}, { key: 'empty' });
	return out;
}

/** The text with C comments (`/* … */`, `// …`) turned into blanks, so offsets stay put. */
export function blankComments(text: string): string {
	if (!text.includes('/*') && !text.includes('//')) return text;
	let out = '';
	let run = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] !== '/' || (text[i + 1] !== '*' && text[i + 1] !== '/')) continue;
		const block = text[i + 1] === '*';
		let end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
		end = end < 0 ? text.length : block ? end + 2 : end;
		out += text.slice(run, i) + text.slice(i, end).replace(/[^\n]/g, ' ');
		run = end;
		i = end - 1;
	}
	return out + text.slice(run);
}

function arrayElement(text: string, el: string, i: number): number {
	if (el.length <= 4 && /^0[xX][0-9a-fA-F]{1,2}$/.test(el)) return parseInt(el.slice(2), 16);
	if (el.length <= 3 && /^(?:0|[1-9][0-9]*)$/.test(el) && Number(el) <= 255) return Number(el);
	return fail(`${JSON.stringify(el.length > 12 ? el.slice(0, 12) + '…' : el)} is not a byte (0x00..0xff or 0..255), at ${textPlace(text, i)}`, 'arrayElement', { el, i });
}
