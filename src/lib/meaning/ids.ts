// Octet strings that are printable text (RSU ids such as `42 4a 2d 59 5a 2d 30 31`).
import type { Meaning } from './types';

const PRINTABLE = /^[\x20-\x7e]+$/;

/**
 * The text of octets when every one is printable ASCII (0x20..0x7e) and there are 1..256 of
 * them: `"BJ-YZ-01"` (quoted, the same in both languages); null otherwise (ids of random
 * bytes, empty values). A value that is text by chance (e.g. 8 random letters) is shown too:
 * it is said beside the hex, never instead of it.
 */
export function printableMeaning(octets: Uint8Array): Meaning | null {
	if (octets.length === 0 || octets.length > 256) return null;
	const text = String.fromCharCode(...octets);
	if (!PRINTABLE.test(text)) return null;
	const q = JSON.stringify(text);
	return { en: q, zh: q };
}

/** Octets from hex text (`424a2d59`, spaces allowed), as the protobuf dump shows bytes; null if not hex. */
export function octetsFromHex(hex: string): Uint8Array | null {
	const h = hex.replace(/\s+/g, '');
	if (h.length === 0 || h.length % 2 || !/^[0-9a-fA-F]+$/.test(h)) return null;
	const out = new Uint8Array(h.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
	return out;
}
