// Short, safe texts for error lines: values quoted as JSON (control characters escaped) and cut
// to about 60 characters, so a hostile payload never floods a log row.
const MAX_QUOTE = 60;

/** `s` as a JSON string literal, cut to ~60 characters with `…` and the full length when longer. */
export function quote(s: string): string {
	if (s.length <= MAX_QUOTE) return JSON.stringify(s);
	return `${JSON.stringify(s.slice(0, MAX_QUOTE))}… (${s.length} characters)`;
}

/** JSON text of a value, cut to ~60 characters with `…` and the full length when longer. */
export function jsonExcerpt(v: unknown): string {
	const s = JSON.stringify(v) ?? String(v);
	return s.length <= MAX_QUOTE ? s : `${s.slice(0, MAX_QUOTE)}… (${s.length} characters)`;
}

/** The rsuId octets as text when printable ASCII (trailing NULs dropped), else lower-case hex. */
export function idText(id: Uint8Array): string {
	let end = id.length;
	while (end > 0 && id[end - 1] === 0) end--;
	let s = '';
	for (let i = 0; i < end; i++) {
		if (id[i] < 0x20 || id[i] > 0x7e) return hex(id);
		s += String.fromCharCode(id[i]);
	}
	return end === 0 ? hex(id) : s;
}

/** Lower-case hex of `bytes`. */
export function hex(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += b.toString(16).padStart(2, '0');
	return s;
}

/** One line for an error: codec errors (UperError, Cv2xError) already name their offset and path. */
export function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * A fresh copy of `bytes[start, end)` in its own ArrayBuffer: never a view (Node's Buffer.slice,
 * which mqtt.js payloads are, returns one), so a message kept or posted to another thread does
 * not hold or clone the whole socket chunk it arrived in.
 */
export function copyOf(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
	return new Uint8Array(bytes.subarray(start, end));
}
