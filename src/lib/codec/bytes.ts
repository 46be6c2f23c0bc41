import { Cv2xError } from './errors';

/** Formats accepted for encoded bytes. `auto` guesses from the text. */
export type ByteFormat = 'hex' | 'base64' | 'bin';

export function toHex(bytes: Uint8Array, sep = ''): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) {
		if (i && sep) s += sep;
		s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
	}
	return s;
}

/**
 * Parses hex as people paste it: any whitespace, `0x` prefixes (per byte or once), `:`, `-` or
 * `,` separators, upper or lower case. Errors name the character offset in the text.
 */
export function parseHex(text: string): Uint8Array {
	const digits: number[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if ((c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) && (i === 0 || /[\s:,\-]/.test(text[i - 1]))) {
			i += 2;
			continue;
		}
		if (/[\s:,\-]/.test(c)) {
			if (digits.length % 2 === 1 && (c === ':' || c === ',' || c === '-')) {
				// "a:b" style with single digits is ambiguous; demand pairs
				throw new Cv2xError('bad_hex', `hex byte before "${c}" has an odd number of digits, at text offset ${i}`, {}, { key: 'hexOddBefore', params: { c, i } });
			}
			i++;
			continue;
		}
		const v = parseInt(c, 16);
		if (Number.isNaN(v)) throw new Cv2xError('bad_hex', `"${c}" is not a hex digit, at text offset ${i}`, {}, { key: 'notHexDigit', params: { c, i } });
		digits.push(v);
		i++;
	}
	if (digits.length === 0) throw new Cv2xError('empty_input', 'no hex digits in the input', {}, { key: 'noHex' });
	if (digits.length % 2) throw new Cv2xError('bad_hex', `odd number of hex digits (${digits.length}): the last byte is incomplete`, {}, { key: 'hexOdd', params: { n: digits.length } });
	const out = new Uint8Array(digits.length / 2);
	for (let k = 0; k < out.length; k++) out[k] = (digits[2 * k] << 4) | digits[2 * k + 1];
	return out;
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
	const body = clean.replace(/=+$/, '');
	if (clean.length - body.length > 2) throw new Cv2xError('bad_base64', 'too much "=" padding', {}, { key: 'padding' });
	if (body.length % 4 === 1) throw new Cv2xError('bad_base64', `base64 length ${body.length} is impossible (a lone final character)`, {}, { key: 'base64Length', params: { n: body.length } });
	const out = new Uint8Array(Math.floor((body.length * 3) / 4));
	let acc = 0;
	let bits = 0;
	let o = 0;
	for (let i = 0; i < body.length; i++) {
		const code = body.charCodeAt(i);
		const v = code < 128 ? B64_INDEX[code] : -1;
		if (v < 0) throw new Cv2xError('bad_base64', `"${body[i]}" is not a base64 character, at text offset ${i}`, {}, { key: 'notBase64', params: { c: body[i], i } });
		acc = (acc << 6) | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (acc >> bits) & 0xff;
		}
	}
	return out;
}

const HEX_LIKE = /^(?:\s|0x|0X|[0-9a-fA-F]|[:,\-])+$/;
const B64_LIKE = /^[A-Za-z0-9+/\-_\s]+=*\s*$/;

/**
 * Guesses whether pasted text is hex or base64. Hex wins when the text only holds hex digits and
 * separators with an even digit count; base64 otherwise when it fits the alphabet.
 */
export function detectTextFormat(text: string): 'hex' | 'base64' {
	const t = text.trim();
	if (!t) throw new Cv2xError('empty_input', 'the input is empty', {}, { key: 'empty' });
	if (HEX_LIKE.test(t)) {
		const digits = t.replace(/0[xX]/g, '').replace(/[^0-9a-fA-F]/g, '');
		// "beef" is both; prefer hex when separators or 0x are present or the digit count is even
		if (digits.length % 2 === 0 || /[\s:,\-]|0x/i.test(t)) return 'hex';
	}
	if (B64_LIKE.test(t)) return 'base64';
	const odd = JSON.stringify(t.match(/[^A-Za-z0-9+/\-_\s=:,]/)?.[0] ?? t[0]);
	throw new Cv2xError('unknown_format', `the input is neither hex nor base64 (first unexpected character: ${odd})`, {}, { key: 'unknownFormat', params: { c: odd } });
}

/** Text (hex or base64) to bytes, auto-detecting the format unless told. */
export function parseBytes(text: string, format: 'auto' | 'hex' | 'base64' = 'auto'): Uint8Array {
	const f = format === 'auto' ? detectTextFormat(text) : format;
	return f === 'hex' ? parseHex(text) : parseBase64(text);
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
