// Hex dumps with an offset column and usually an ASCII column: Wireshark's "Copy as Hex Dump"
// and `tshark -x` (`0000  08 01 12 02 08 05   ......`), `hexdump -C`, `xxd`, `od -Ax -tx1`.
import { Cv2xError } from './errors';
import { hexValue, textPlace } from './hex-text';

interface Token {
	text: string;
	at: number;
	/** Whitespace before it on its line. */
	gap: number;
}

interface DumpLine {
	line: number;
	offset: number;
	/** xxd's `00000000:` style, whose groups of 2 or 4 bytes are in byte order. */
	colon: boolean;
	at: number;
	/** Where the data after the offset column starts, and the line's end. */
	from: number;
	eol: number;
}

const isHexCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';

/** The offset column of a line: 4 to 8 hex digits (optionally 0x, optionally `:`), then blank or end. */
function offsetOf(text: string, from: number, to: number): { offset: number; end: number; colon: boolean } | undefined {
	let i = from;
	while (i < to && isBlank(text[i])) i++;
	if (text[i] === '0' && text[i + 1] === 'x') i += 2;
	const start = i;
	while (i < to && isHexCode(text.charCodeAt(i))) i++;
	const n = i - start;
	if (n < 4 || n > 8) return undefined;
	const offset = parseInt(text.slice(start, i), 16);
	const colon = text[i] === ':';
	if (colon) i++;
	if (i < to && !isBlank(text[i])) return undefined;
	return { offset, end: i, colon };
}

/**
 * Whether the text is a hex dump: the first line that starts with an offset column starts with
 * offset 0 and has data after it (lines before it, like "Frame (6 bytes):", are titles).
 */
export function isHexDump(text: string): boolean {
	for (let from = 0; from < text.length; ) {
		let eol = text.indexOf('\n', from);
		if (eol < 0) eol = text.length;
		const o = offsetOf(text, from, eol);
		if (o) return o.offset === 0 && text.slice(o.end, eol).trim() !== '';
		from = eol + 1;
	}
	return false;
}

function tokens(text: string, from: number, to: number): Token[] {
	const out: Token[] = [];
	let i = from;
	while (i < to) {
		const g = i;
		while (i < to && isBlank(text[i])) i++;
		if (i >= to) break;
		const at = i;
		while (i < to && !isBlank(text[i])) i++;
		out.push({ text: text.slice(at, i), at, gap: at - g });
	}
	return out;
}

/**
 * Lines that start with an offset, one at a time (their tokens are read only when the line is:
 * holding every token of a big dump at once took about 120 bytes per input byte); other lines
 * (titles, blank lines) are ignored, as Wireshark does.
 */
function* dumpLines(text: string): Generator<DumpLine> {
	let line = 1;
	for (let from = 0; from <= text.length; line++) {
		let eol = text.indexOf('\n', from);
		if (eol < 0) eol = text.length;
		const o = offsetOf(text, from, eol);
		if (o) yield { line, offset: o.offset, colon: o.colon, at: from, from: o.end, eol };
		from = eol + 1;
	}
}

function isByteGroup(t: string): boolean {
	if (t.length % 2 || t.length > 8) return false;
	for (let i = 0; i < t.length; i++) if (!isHexCode(t.charCodeAt(i))) return false;
	return true;
}

/**
 * The bytes of one dump line. `want` is how many the offsets say it holds (the next line's offset
 * minus its own), or undefined for the last line, which ends at a gap of three or more blanks,
 * at the first token that is not a group of whole bytes, or at `width` bytes.
 */
function lineBytes(text: string, d: DumpLine, want: number | undefined, width: number): number[] {
	const out: number[] = [];
	const limit = want ?? width;
	for (const [k, t] of tokens(text, d.from, d.eol).entries()) {
		if (out.length >= limit) break;
		if (want === undefined && k > 0 && t.gap >= 3) break;
		if (!isByteGroup(t.text)) break; // the ASCII column, or too few bytes (reported below)
		// `hexdump` without -C prints 16-bit words in the machine's byte order: 0108 is 08 01
		if (t.text.length > 2 && !d.colon)
			fail(text, t.at, `groups of ${t.text.length} digits ("${t.text}") are only read after an xxd offset ("00000000:"); hexdump's default words are byte-swapped, use hexdump -C`);
		for (let i = 0; i < t.text.length; i += 2) out.push((hexValue(t.text.charCodeAt(i)) << 4) | hexValue(t.text.charCodeAt(i + 1)));
	}
	if (want !== undefined && out.length !== want)
		fail(text, d.at, `line ${d.line} holds ${out.length} bytes but the next offset (0x${(d.offset + want).toString(16)}) says ${want}`);
	return out;
}

function fail(text: string, at: number, msg: string): never {
	throw new Cv2xError('bad_hex', `hex dump: ${msg}, at ${textPlace(text, at)}`, {}, { key: 'hexDump', params: { msg, i: at } });
}

/**
 * A hex dump to bytes, read as Wireshark's "Import from Hex Dump" reads one: a line with data
 * starts with its offset (hex, 4 to 8 digits, e.g. `0000`, `00000000:`), then bytes (`08 01`,
 * or after xxd's `00000000:` groups like `0801`; hexdump's default 16-bit words, byte-swapped,
 * are refused); the rest of the line (the ASCII column) is ignored; lines
 * without an offset are ignored. Offsets must run on without gaps from 0, and a line holds
 * exactly the bytes up to the next line's offset. Errors name the line and text offset; a second
 * dump (offset 0 again) is refused, as one message is wanted.
 */
export function parseHexDump(text: string): number[] {
	const lines = dumpLines(text);
	const out: number[] = [];
	let width = 16;
	let next = lines.next();
	while (!next.done) {
		const d = next.value;
		next = lines.next();
		if (d.offset !== out.length) {
			const why = d.offset === 0 ? 'a second dump starts here (offset 0 again); paste one message at a time' : `offset 0x${d.offset.toString(16)} but ${out.length} bytes came before`;
			fail(text, d.at, `line ${d.line}: ${why}`);
		}
		const after = next.done ? undefined : next.value;
		const bytes = lineBytes(text, d, after && after.offset > d.offset ? after.offset - d.offset : undefined, width);
		if (after && bytes.length > 0) width = Math.max(width, bytes.length);
		for (const b of bytes) out.push(b);
	}
	if (out.length === 0) throw new Cv2xError('empty_input', 'no hex digits in the input', {}, { key: 'noHex' });
	return out;
}
