import type { AsnValue } from '../schema';

/**
 * Deep equality of two values of the value model (schema.ts): numbers and bigints compare by
 * value (`5 === 5n`), octets and bit strings by content, objects by keys. Used to omit a
 * component equal to its DEFAULT (canonical PER, X.691 19.5).
 */
export function valuesEqual(a: AsnValue, b: AsnValue): boolean {
	if (a === b) return true;
	if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint'))
		return a == b;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (a instanceof Uint8Array || b instanceof Uint8Array)
		return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
	if (Array.isArray(a) || Array.isArray(b))
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	const bo = b as { [k: string]: AsnValue };
	const ao = a as { [k: string]: AsnValue };
	return ka.every((k) => k in bo && valuesEqual(ao[k], bo[k]));
}
