// What a capture file is, and what a payload probably is, from their first bytes: cheap tests
// made once per file or packet while indexing, so that nothing is decoded up front.
import { payloadFields } from '../codec';
import { ENC_PROTOBUF, ENC_UPER, HEX } from './table';

/**
 * The likely encoding of a message and, for protobuf, its payload's field number: a
 * cv2x.v1.MessageFrame starts with protocol_version (tag 0x08, a one-octet version) and then its
 * payload's tag, a length-delimited field whose number names the type (frame.proto). Anything
 * else is taken for UPER (X.691) until a decode says otherwise. The message is at `b[at]`, as
 * octets, or as hex digits when `hex` (then `size` counts octets). No allocation: it runs once
 * per packet while indexing.
 */
export function sniffPayload(b: Uint8Array, at: number, size: number, hex: boolean): { encoding: number; type?: string } {
	const octet = (k: number) => (hex ? (HEX[b[at + 2 * k]] << 4) | HEX[b[at + 2 * k + 1]] : b[at + k]);
	if (size < 3 || octet(0) !== 0x08) return UPER_GUESS;
	if (octet(1) >= 0x80) return PROTOBUF_GUESS;
	let tag = 0;
	for (let k = 2, shift = 1; k < size && k < 5; k++, shift *= 128) {
		const c = octet(k);
		tag += (c & 0x7f) * shift;
		if (c < 0x80) {
			if ((tag & 7) !== 2) return PROTOBUF_GUESS;
			return guessOf(Math.floor(tag / 8));
		}
	}
	return PROTOBUF_GUESS;
}

const UPER_GUESS = { encoding: ENC_UPER };
const PROTOBUF_GUESS = { encoding: ENC_PROTOBUF };
let guesses: Map<number, { encoding: number; type?: string }> | undefined;

function guessOf(fieldNumber: number): { encoding: number; type?: string } {
	guesses ??= new Map(payloadFields().map((f) => [f.number, { encoding: ENC_PROTOBUF, type: f.name }]));
	return guesses.get(fieldNumber) ?? PROTOBUF_GUESS;
}

const SIGNATURES: [number[], string][] = [
	[[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
	[[0xff, 0xd8, 0xff], 'a JPEG image'],
	[[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
	[[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
	[[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
	[[0x1f, 0x8b], 'gzip-compressed (decompress it first)'],
	[[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed (decompress it first)'],
	[[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable']
];

/** What the first bytes look like, for an error message: "a PNG image", or undefined. */
export function looksLike(b: Uint8Array): string | undefined {
	for (const [sig, what] of SIGNATURES) if (b.length >= sig.length && sig.every((x, k) => b[k] === x)) return what;
	return undefined;
}

/** The first byte that is not JSON whitespace (or a UTF-8 BOM), or -1. */
export function firstContent(b: Uint8Array): number {
	let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
	while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
	return i < b.length ? i : -1;
}
