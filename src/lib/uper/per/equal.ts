import type { AsnType, AsnValue, BitStringValue, SchemaSet } from '../schema';

type Concrete = Exclude<AsnType, { kind: 'ref' }>;

/**
 * Deep equality of two values of the value model (schema.ts): numbers and bigints compare by
 * value (`5 === 5n`), octets and bit strings by content, objects by keys. Used to omit a
 * component equal to its DEFAULT (canonical PER, X.691 19.5).
 *
 * Given the values' `type` in schema set `set`, it compares as values of that type: a BIT STRING
 * with named bits compares without its trailing zero bits (X.680 22.7: values that differ only
 * there are the same value, and canonical PER sends them alike, X.691 16.3); the rest as above.
 * A type it cannot resolve (or an open type's contents) falls back to the untyped comparison.
 */
export function valuesEqual(a: AsnValue, b: AsnValue, type?: AsnType, set?: SchemaSet): boolean {
	if (type && set) return typedEqual(a, b, resolve(type, set), set);
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

function resolve(type: AsnType, set: SchemaSet): Concrete | undefined {
	let t: AsnType | undefined = type;
	for (let hops = 0; t && t.kind === 'ref' && hops <= 32; hops++) t = set.types[t.name];
	return t && t.kind !== 'ref' ? t : undefined;
}

type Fields = { [k: string]: AsnValue };

const isFields = (v: AsnValue): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

function typedEqual(a: AsnValue, b: AsnValue, t: Concrete | undefined, set: SchemaSet): boolean {
	if (!t) return valuesEqual(a, b);
	switch (t.kind) {
		case 'bitString':
			return t.namedBits && isBits(a) && isBits(b) ? sameSetBits(a, b) : valuesEqual(a, b);
		case 'sequenceOf':
			return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => typedEqual(x, b[i], resolve(t.element, set), set)) : valuesEqual(a, b);
		case 'sequence': {
			if (!isFields(a) || !isFields(b)) return valuesEqual(a, b);
			const components = [...t.components, ...(t.trailingRoot ?? []), ...t.additions.flatMap((x) => x.components)];
			return sameKeys(a, b, (k) => components.find((c) => c.name === k)?.type, set);
		}
		case 'choice': {
			if (!isFields(a) || !isFields(b)) return valuesEqual(a, b);
			return sameKeys(a, b, (k) => [...t.root, ...t.additions].find((x) => x.name === k)?.type, set);
		}
		default:
			return valuesEqual(a, b);
	}
}

/** Same keys, each pair of values equal as the type `typeOf(key)` gives (untyped when none). */
function sameKeys(a: Fields, b: Fields, typeOf: (key: string) => AsnType | undefined, set: SchemaSet): boolean {
	const ka = Object.keys(a);
	if (ka.length !== Object.keys(b).length) return false;
	return ka.every((k) => {
		if (!(k in b)) return false;
		const type = typeOf(k);
		return type ? typedEqual(a[k], b[k], resolve(type, set), set) : valuesEqual(a[k], b[k]);
	});
}

function isBits(v: AsnValue): v is BitStringValue {
	return isFields(v) && (v as unknown as BitStringValue).bits instanceof Uint8Array && typeof v.length === 'number';
}

/** The same 1 bits (X.680 22.7: trailing zero bits, whatever the lengths, do not count). */
function sameSetBits(a: BitStringValue, b: BitStringValue): boolean {
	const n = Math.max(a.length, b.length);
	for (let i = 0; i < n; i++) if (bitOf(a, i) !== bitOf(b, i)) return false;
	return true;
}

function bitOf(v: BitStringValue, i: number): number {
	return i < v.length ? (v.bits[i >>> 3] >>> (7 - (i & 7))) & 1 : 0;
}
