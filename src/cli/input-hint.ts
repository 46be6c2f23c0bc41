// A careless user's most common slip: JSON given to a command that reads encoded bytes, or bytes
// given to one that reads JSON. The codec's error stays; a hint naming the right command is added.
import { Cv2xError } from '../lib/codec';

/** Bytes looked at to guess what an input is. */
const HEAD = 4096;

/** What the start of an input looks like: a JSON object, hex text, binary, or something else. */
export function inputKind(data: Uint8Array): 'json' | 'hex' | 'binary' | 'other' {
	const head = data.subarray(0, HEAD);
	for (const b of head) if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) return 'binary';
	const text = new TextDecoder().decode(head).trim();
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
			expects === 'bytes' && kind === 'json'
				? 'the input looks like proto3 JSON: "cv2x encode" encodes it, "cv2x validate" checks it'
				: expects === 'json' && (kind === 'binary' || kind === 'hex')
					? `the input looks like encoded bytes${kind === 'hex' ? ' as hex' : ''}: "cv2x decode" reads them`
					: null;
		if (!hint) throw e;
		throw new Cv2xError(e.code, `${e.message} (${hint})`); // the message already names the offset and path
	}
}
