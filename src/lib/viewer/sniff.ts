// What a capture file is, and what a payload probably is, from their first bytes: cheap tests
// made once per file or packet while indexing, so that nothing is decoded up front.
import { payloadFields } from '../codec';
import { ENC_PROTOBUF, ENC_UPER } from './table';

let byNumber: Map<number, string> | undefined;

/** Varint at b[i] (protobuf encoding), or -1 when it runs past `end` or past 32 bits. */
function varint(b: Uint8Array, i: number, end: number): [value: number, next: number] {
	let v = 0;
	for (let shift = 0; shift < 35 && i < end; shift += 7) {
		const c = b[i++];
		v += (c & 0x7f) * 2 ** shift;
		if (c < 0x80) return [v, i];
	}
	return [-1, i];
}

/**
 * The likely encoding of a message and, for protobuf, its payload name: a cv2x.v1.MessageFrame
 * starts with protocol_version (tag 0x08) and then its payload's tag, a length-delimited field
 * whose number names the type (frame.proto). Anything else is taken for UPER (X.691) until a
 * decode says otherwise. `b[start, end)` holds the octets (raw) or `hex` digits.
 */
export function sniffPayload(read: (k: number) => number, size: number): { encoding: number; type?: string } {
	if (size < 2 || read(0) !== 0x08) return { encoding: ENC_UPER };
	const head = new Uint8Array(Math.min(size, 8));
	for (let k = 0; k < head.length; k++) head[k] = read(k);
	const [, afterVersion] = varint(head, 1, head.length);
	const [tag] = varint(head, afterVersion, head.length);
	if (tag < 0 || (tag & 7) !== 2) return { encoding: ENC_PROTOBUF };
	byNumber ??= new Map(payloadFields().map((f) => [f.number, f.name]));
	return { encoding: ENC_PROTOBUF, type: byNumber.get(Math.floor(tag / 8)) };
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
