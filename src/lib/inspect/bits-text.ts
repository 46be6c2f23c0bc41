// Bits as people read them. No imports: the playground's inspector component uses it without
// loading the codec into the first page load.

/** Octet `b` (0..255) as its 8 bits, '0'/'1', MSB first. */
export function octetBits(b: number): string {
	return b.toString(2).padStart(8, '0');
}
