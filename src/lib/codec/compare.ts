export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** Indexes of bytes that differ between two encodings (for "which bytes moved"). */
export function changedBytes(before: Uint8Array, after: Uint8Array): Set<number> {
	const out = new Set<number>();
	for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) out.add(i);
	return out;
}
