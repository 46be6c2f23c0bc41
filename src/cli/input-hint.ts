// A careless user's most common slip: JSON given to a command that reads encoded bytes, or bytes
// given to one that reads JSON. The codec's error stays; a hint naming the right command is added.
import { Cv2xError } from '../lib/codec';

/** Bytes looked at to guess what an input is. */
const HEAD = 4096;

/** What a capture given where one message is expected is told. */
export const CAPTURE_HINT = "the input looks like a capture of many messages (pcapng, pcap or JSON Lines): open it on the playground's Captures page or in Wireshark; this command reads one message";

/** pcapng's section header block type (0x0a0d0d0a) and pcap's magic numbers, as their first 4 bytes. */
const CAPTURE_MAGIC = ['0a0d0d0a', 'd4c3b2a1', 'a1b2c3d4', '4d3cb2a1', 'a1b23c4d'];

/**
 * What the start of an input looks like: a capture (pcapng, pcap, or JSON Lines whose first line
 * has "t" and "sender", as `cv2x sim --out` writes), a JSON object, hex text, binary, or else.
 */
export function inputKind(data: Uint8Array): 'capture' | 'json' | 'hex' | 'binary' | 'other' {
	const head = data.subarray(0, HEAD);
	if (head.length >= 4 && CAPTURE_MAGIC.includes(Buffer.from(head.subarray(0, 4)).toString('hex'))) return 'capture';
	for (const b of head) if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) return 'binary';
	const text = new TextDecoder().decode(head).trim();
	const firstLine = text.split('\n', 1)[0];
	if (/^\{.*"t"\s*:/.test(firstLine) && /"sender"\s*:/.test(firstLine)) return 'capture';
	if (/^\{\s*("|\}|$)/.test(text)) return 'json';
	if (text && /^(0x)?[0-9a-fA-F]+([\s:,-]+(0x)?[0-9a-fA-F]+)*[\s:,-]*$/.test(text)) return 'hex';
	return 'other';
}

/**
 * Runs `read` (which parses `data`); a Cv2xError it throws gets a hint appended when the input
 * looks like what another command reads: `expects` says what this command reads.
 */
export function withInputHint<T>(data: Uint8Array, expects: 'bytes' | 'json', read: () => T): T {
	try {
		return read();
	} catch (e) {
		if (!(e instanceof Cv2xError)) throw e;
		const kind = inputKind(data);
		const hint =
			kind === 'capture'
				? CAPTURE_HINT
				: expects === 'bytes' && kind === 'json'
				? 'the input looks like proto3 JSON: "cv2x encode" encodes it, "cv2x validate" checks it'
				: expects === 'json' && (kind === 'binary' || kind === 'hex')
					? `the input looks like encoded bytes${kind === 'hex' ? ' as hex' : ''}: "cv2x decode" reads them`
					: null;
		if (!hint) throw e;
		throw new Cv2xError(e.code, `${e.message} (${hint})`); // the message already names the offset and path
	}
}
