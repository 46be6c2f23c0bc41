// The smallest valid value of an ASN.1 type: what a mandatory component gets when the model does
// not carry it (always with a notice), so that a mapped value still encodes (X.691 needs every
// root component of a SEQUENCE, X.691 19).
import type { AsnType, AsnValue, SchemaSet } from '../schema';
import { resolve } from './context';

/**
 * The minimal value of `type`: INTEGER its lower bound (0 when in range or unbounded), BOOLEAN
 * false, ENUMERATED its first root item, strings and lists of their lower size bound (zero
 * octets, zero bits, the alphabet's first character), SEQUENCE its mandatory components only,
 * CHOICE its first root alternative. Throws `Error` for an open type (it needs its table key).
 */
export function minimalValue(set: SchemaSet, type: AsnType, depth = 0): AsnValue {
	if (depth > 60) throw new Error('the type nests too deep for a minimal value');
	const t = resolve(set, type);
	switch (t.kind) {
		case 'integer': {
			const lb = t.range?.lb;
			const ub = t.range?.ub;
			if (lb !== undefined && lb > 0) return lb;
			if (ub !== undefined && ub < 0) return ub;
			return 0;
		}
		case 'boolean':
			return false;
		case 'null':
			return null;
		case 'enumerated':
			return t.root[0].name;
		case 'bitString':
			return { bits: new Uint8Array(Math.ceil((t.size?.lb ?? 0) / 8)), length: t.size?.lb ?? 0 };
		case 'octetString':
			return new Uint8Array(t.size?.lb ?? 0);
		case 'charString':
			return (t.alphabet?.[0] ?? ' ').repeat(t.size?.lb ?? 0);
		case 'sequenceOf':
			return Array.from({ length: t.size?.lb ?? 0 }, () => minimalValue(set, t.element, depth + 1));
		case 'choice':
			return { [t.root[0].name]: minimalValue(set, t.root[0].type, depth + 1) };
		case 'sequence': {
			const out: { [k: string]: AsnValue } = {};
			for (const c of [...t.components, ...(t.trailingRoot ?? [])]) if (!c.optional && c.default === undefined) out[c.name] = minimalValue(set, c.type, depth + 1);
			return out;
		}
		case 'openType':
			throw new Error('an open type has no minimal value without its key');
	}
}
