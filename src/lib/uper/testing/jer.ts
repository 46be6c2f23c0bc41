// Our ASN.1 value model (schema.ts) <-> X.697 JSON (JER) in the shape asn1-peer prints, driven by
// the schema tables. The interop tests compare our decoded values with the peer's through it and
// turn the peer's random values into ours. It becomes the real JER module (issue 11 item 4) later.
//
// Shapes (X.697 and the peer's README): INTEGER number; ENUMERATED identifier; BOOLEAN, NULL;
// OCTET STRING upper-case hex; BIT STRING upper-case hex when the type has one non-extensible
// size (X.697 22.3), else {"value": hex, "length": bits}; character strings as strings; SEQUENCE
// an object in definition order without absent members; SEQUENCE OF an array; CHOICE
// {"alternative": value}; open type the JER of the type its table selects, unwrapped.
import { Cv2xError } from '../../codec/errors';
import type { AsnType, AsnValue, BitStringType, BitStringValue, Component, OpenType, SchemaSet, SequenceType } from '../schema';
import type { JerValue } from './peer';

type JerObject = { [member: string]: JerValue };
type ValueObject = { [component: string]: AsnValue };

/** Type nesting a value may have before conversion refuses it (hostile or cyclic input). */
const MAX_DEPTH = 200;

/** The named type behind references (X.680 16.1 Type ::= ... | ReferencedType). */
function resolve(set: SchemaSet, type: AsnType, path: string): Exclude<AsnType, { kind: 'ref' }> {
	let t = type;
	for (let hops = 0; t.kind === 'ref'; hops++) {
		const next = set.types[t.name];
		if (!next || hops > 64) throw new Cv2xError('unknown_type', `type ${t.name} is not in schema set ${set.name}`, { path });
		t = next;
	}
	return t;
}

/** Every component of a SEQUENCE in textual order: root, extension additions, trailing root. */
function allComponents(t: SequenceType): Component[] {
	return [...t.components, ...t.additions.flatMap((a) => a.components), ...(t.trailingRoot ?? [])];
}

function hexOf(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += b.toString(16).padStart(2, '0');
	return s.toUpperCase();
}

function bytesOfHex(hex: JerValue, path: string): Uint8Array {
	if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) {
		throw new Cv2xError('bad_json', `expected an even number of hex digits, got ${JSON.stringify(hex)?.slice(0, 60)}`, { path });
	}
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return out;
}

/** X.697 22.3: a BIT STRING type with exactly one size and no extension is a bare hex string. */
function fixedBitSize(t: BitStringType): number | undefined {
	return t.size && !t.size.extensible && t.size.ub === t.size.lb ? t.size.lb : undefined;
}

function isValueObject(v: AsnValue | undefined): v is ValueObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isBitString(v);
}

function isBitString(v: AsnValue): v is BitStringValue {
	return typeof v === 'object' && v !== null && (v as BitStringValue).bits instanceof Uint8Array && typeof (v as BitStringValue).length === 'number';
}

/**
 * Our value -> JER (X.697) of `type` in `set`. `path` names the value in errors. Unknown
 * extension additions (`#ext<n>`) are left out: JER cannot carry them (the peer drops them too).
 * Throws `Cv2xError` (`bad_value`, with the path) for a value that does not fit the type, an
 * unknown CHOICE alternative or open-type key (raw octets), or an integer JSON cannot hold exactly.
 */
export function toJer(set: SchemaSet, type: AsnType, value: AsnValue, path = '', depth = 0): JerValue {
	if (depth > MAX_DEPTH) throw new Cv2xError('too_deep', `value nested deeper than ${MAX_DEPTH}`, { path });
	const t = resolve(set, type, path);
	const bad = (what: string): never => {
		throw new Cv2xError('bad_value', `${t.kind} expects ${what}, got ${describe(value)}`, { path });
	};
	switch (t.kind) {
		case 'integer':
			if (typeof value === 'bigint') {
				if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(-Number.MAX_SAFE_INTEGER)) bad('an integer JSON holds exactly');
				return Number(value);
			}
			return typeof value === 'number' && Number.isInteger(value) ? value : bad('an integer');
		case 'boolean':
			return typeof value === 'boolean' ? value : bad('a boolean');
		case 'null':
			return value === null ? null : bad('null');
		case 'enumerated':
		case 'charString':
			return typeof value === 'string' ? value : bad('a string');
		case 'octetString':
			return value instanceof Uint8Array ? hexOf(value) : bad('octets (Uint8Array)');
		case 'bitString':
			return isBitString(value) ? bitStringToJer(t, value) : bad('{ bits, length }');
		case 'sequenceOf':
			return Array.isArray(value) ? value.map((v, i) => toJer(set, t.element, v, `${path}[${i}]`, depth + 1)) : bad('an array');
		case 'choice':
			return isValueObject(value) ? choiceToJer(set, t.root.concat(t.additions), value, path, depth) : bad('{ alternative: value }');
		case 'sequence':
			return isValueObject(value) ? sequenceToJer(set, t, value, path, depth) : bad('an object');
		case 'openType':
			return bad('the enclosing SEQUENCE (its key component selects the type)');
	}
}

function describe(v: AsnValue | undefined): string {
	if (v instanceof Uint8Array) return `${v.length} octets`;
	if (Array.isArray(v)) return 'an array';
	if (typeof v === 'bigint') return `${v}n`;
	return JSON.stringify(v)?.slice(0, 60) ?? String(v);
}

function bitStringToJer(t: BitStringType, v: BitStringValue): JerValue {
	const octets = Math.ceil(v.length / 8);
	const bytes = v.bits.slice(0, octets);
	if (v.length % 8 !== 0 && bytes.length === octets) bytes[octets - 1] &= 0xff << (8 - (v.length % 8)); // unused bits are 0 in JER
	const hex = hexOf(bytes).padEnd(octets * 2, '0');
	return fixedBitSize(t) === undefined ? { value: hex, length: v.length } : hex;
}

function choiceToJer(set: SchemaSet, alternatives: { name: string; type: AsnType }[], value: ValueObject, path: string, depth: number): JerValue {
	const keys = Object.keys(value);
	if (keys.length !== 1) throw new Cv2xError('bad_value', `a CHOICE value has exactly one alternative, got ${keys.length}`, { path });
	const alt = alternatives.find((a) => a.name === keys[0]);
	if (!alt) throw new Cv2xError('bad_value', `no alternative ${keys[0]} (JER cannot show an unknown extension)`, { path });
	return { [alt.name]: toJer(set, alt.type, value[alt.name], path ? `${path}.${alt.name}` : alt.name, depth + 1) };
}

function sequenceToJer(set: SchemaSet, t: SequenceType, value: ValueObject, path: string, depth: number): JerValue {
	const out: JerObject = {};
	const known = allComponents(t);
	for (const key of Object.keys(value)) {
		if (!key.startsWith('#ext') && !known.some((c) => c.name === key)) {
			throw new Cv2xError('bad_value', `SEQUENCE has no component ${key}`, { path });
		}
	}
	for (const c of known) {
		if (!(c.name in value)) continue;
		const p = path ? `${path}.${c.name}` : c.name;
		const ct = resolve(set, c.type, p);
		out[c.name] = ct.kind === 'openType' ? openTypeToJer(set, ct, value, c.name, p, depth) : toJer(set, ct, value[c.name], p, depth + 1);
	}
	return out;
}

/** The type an open type holds, selected by its sibling key component (X.681 14.2 table constraint). */
function selectedType(ot: OpenType, owner: ValueObject, path: string): AsnType | undefined {
	if (!ot.table) return undefined;
	const key = owner[ot.table.keyComponent];
	if (key === undefined) throw new Cv2xError('bad_value', `open type without its key component ${ot.table.keyComponent}`, { path });
	return ot.table.types[String(key)];
}

function openTypeToJer(set: SchemaSet, ot: OpenType, owner: ValueObject, name: string, path: string, depth: number): JerValue {
	const selected = selectedType(ot, owner, path);
	if (!selected) throw new Cv2xError('bad_value', 'open type of an unknown key: JER cannot show raw octets', { path });
	return toJer(set, selected, owner[name], path, depth + 1);
}

/**
 * JER (X.697) of `type` in `set` -> our value. The inverse of `toJer` on everything `toJer`
 * prints; BIT STRINGs take the length from the type when it is fixed. Throws `Cv2xError`
 * (`bad_json`, with the path) on a shape the type does not allow: wrong JSON kind, unknown
 * member or alternative, bad hex, an open-type key outside the table.
 */
export function fromJer(set: SchemaSet, type: AsnType, jer: JerValue, path = '', depth = 0): AsnValue {
	if (depth > MAX_DEPTH) throw new Cv2xError('too_deep', `JER nested deeper than ${MAX_DEPTH}`, { path });
	const t = resolve(set, type, path);
	const bad = (what: string): never => {
		throw new Cv2xError('bad_json', `${t.kind} expects ${what} in JER, got ${JSON.stringify(jer)?.slice(0, 60)}`, { path });
	};
	switch (t.kind) {
		case 'integer':
			return typeof jer === 'number' && Number.isInteger(jer) ? jer : bad('an integer');
		case 'boolean':
			return typeof jer === 'boolean' ? jer : bad('true or false');
		case 'null':
			return jer === null ? null : bad('null');
		case 'enumerated':
		case 'charString':
			return typeof jer === 'string' ? jer : bad('a string');
		case 'octetString':
			return bytesOfHex(jer, path);
		case 'bitString':
			return bitStringFromJer(t, jer, path);
		case 'sequenceOf':
			return Array.isArray(jer) ? jer.map((v, i) => fromJer(set, t.element, v, `${path}[${i}]`, depth + 1)) : bad('an array');
		case 'choice':
			return isJerObject(jer) ? choiceFromJer(set, t.root.concat(t.additions), jer, path, depth) : bad('an object');
		case 'sequence':
			return isJerObject(jer) ? sequenceFromJer(set, t, jer, path, depth) : bad('an object');
		case 'openType':
			return bad('its enclosing SEQUENCE');
	}
}

function isJerObject(v: JerValue): v is JerObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bitStringFromJer(t: BitStringType, jer: JerValue, path: string): BitStringValue {
	const fixed = fixedBitSize(t);
	if (fixed !== undefined) {
		const bits = bytesOfHex(jer, path);
		if (bits.length !== Math.ceil(fixed / 8)) throw new Cv2xError('bad_json', `BIT STRING (SIZE(${fixed})) needs ${Math.ceil(fixed / 8)} octets of hex`, { path });
		return { bits, length: fixed };
	}
	if (!isJerObject(jer) || typeof jer.length !== 'number' || !Number.isInteger(jer.length) || jer.length < 0) {
		throw new Cv2xError('bad_json', 'BIT STRING expects {"value": hex, "length": bits} in JER', { path });
	}
	const bits = bytesOfHex(jer.value, `${path}.value`);
	if (bits.length !== Math.ceil(jer.length / 8)) throw new Cv2xError('bad_json', `BIT STRING of ${jer.length} bits needs ${Math.ceil(jer.length / 8)} octets of hex`, { path });
	return { bits, length: jer.length };
}

function choiceFromJer(set: SchemaSet, alternatives: { name: string; type: AsnType }[], jer: JerObject, path: string, depth: number): AsnValue {
	const keys = Object.keys(jer);
	const alt = keys.length === 1 ? alternatives.find((a) => a.name === keys[0]) : undefined;
	if (!alt) throw new Cv2xError('bad_json', `CHOICE expects one of ${alternatives.map((a) => a.name).join(', ')}, got {${keys.join(', ')}}`, { path });
	return { [alt.name]: fromJer(set, alt.type, jer[alt.name], path ? `${path}.${alt.name}` : alt.name, depth + 1) };
}

function sequenceFromJer(set: SchemaSet, t: SequenceType, jer: JerObject, path: string, depth: number): AsnValue {
	const known = allComponents(t);
	for (const key of Object.keys(jer)) {
		if (!known.some((c) => c.name === key)) throw new Cv2xError('bad_json', `SEQUENCE has no member ${key}`, { path });
	}
	const out: ValueObject = {};
	const open: Component[] = [];
	for (const c of known) {
		if (!(c.name in jer)) continue;
		const p = path ? `${path}.${c.name}` : c.name;
		if (resolve(set, c.type, p).kind === 'openType') open.push(c);
		else out[c.name] = fromJer(set, c.type, jer[c.name], p, depth + 1);
	}
	for (const c of open) {
		// after the other members: the key component selects the open type's type
		const p = path ? `${path}.${c.name}` : c.name;
		const selected = selectedType(resolve(set, c.type, p) as OpenType, out, p);
		out[c.name] = selected ? fromJer(set, selected, jer[c.name], p, depth + 1) : bytesOfHex(jer[c.name], p);
	}
	return out;
}
