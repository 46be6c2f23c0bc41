// X.697 JSON encoding rules (JER) of our ASN.1 value model (schema.ts), both ways, driven by the
// schema tables, in the shapes asn1-peer prints (an independent OTP-based codec):
//
//   INTEGER number; BOOLEAN true/false; NULL null; ENUMERATED identifier; character strings as
//   strings; OCTET STRING upper-case hex; BIT STRING upper-case hex when the type has one
//   non-extensible size (X.697 22.3), else {"value": hex, "length": bits}, unused bits zero;
//   SEQUENCE an object in definition order without absent members; SEQUENCE OF an array; CHOICE
//   {"alternative": value}; open type the JER of the type its table selects, unwrapped (raw
//   octets of an unknown key as hex).
//
// `fromJer` is the strict direction: it checks what the schema says (members, mandatory
// components, PER-visible value ranges and sizes, enumeration identifiers) so a JSON value that
// passes encodes; every error is a Cv2xError whose `path` is the JSON path of the offending value.
import { Cv2xError } from '../codec/errors';
import type {
	AsnType,
	AsnValue,
	BitStringType,
	BitStringValue,
	Component,
	EnumeratedType,
	IntegerType,
	OpenType,
	SchemaSet,
	SequenceType,
	SizeConstraint
} from './schema';

/** A JSON value as X.697 JER writes it (what `JSON.parse` returns). */
export type JerValue = null | boolean | number | string | JerValue[] | { [member: string]: JerValue };

/** Options of `toJer`: `dropped` receives the path of every unknown extension addition left out. */
export interface ToJerOptions {
	dropped?: string[];
}

type JerObject = { [member: string]: JerValue };
type ValueObject = { [component: string]: AsnValue };
type Resolved = Exclude<AsnType, { kind: 'ref' }>;
type Walk = { set: SchemaSet; depth: number; dropped?: string[] };

/** Type nesting a value may have before conversion refuses it (hostile or cyclic input). */
const MAX_DEPTH = 200;

const join = (path: string, member: string) => (path ? `${path}.${member}` : member);

/** The named type behind references (X.680 16.1 ReferencedType). */
function resolve(set: SchemaSet, type: AsnType, path: string): Resolved {
	let t = type;
	for (let hops = 0; t.kind === 'ref'; hops++) {
		const next = set.types[t.name];
		if (!next || hops > 64) throw new Cv2xError('unknown_type', `type ${t.name} is not in schema set ${set.name}`, { path });
		t = next;
	}
	return t;
}

function typeOf(type: AsnType | string): AsnType {
	return typeof type === 'string' ? { kind: 'ref', name: type } : type;
}

/** Every component of a SEQUENCE in definition order: root, extension additions, trailing root. */
function allComponents(t: SequenceType): Component[] {
	return [...t.components, ...t.additions.flatMap((a) => a.components), ...(t.trailingRoot ?? [])];
}

function hexOf(bytes: Uint8Array): string {
	let s = '';
	for (const b of bytes) s += b.toString(16).padStart(2, '0');
	return s.toUpperCase();
}

function bytesOfHex(hex: JerValue | undefined, path: string): Uint8Array {
	if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) {
		throw new Cv2xError('bad_json', `expected an even number of hex digits, got ${show(hex)}`, { path });
	}
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return out;
}

function show(v: unknown): string {
	if (v instanceof Uint8Array) return `${v.length} octets`;
	if (typeof v === 'bigint') return `${v}n`;
	return JSON.stringify(v)?.slice(0, 60) ?? String(v);
}

/** X.697 22.3: a BIT STRING type with exactly one size and no extension is a bare hex string. */
function fixedBitSize(t: BitStringType): number | undefined {
	return t.size && !t.size.extensible && t.size.ub === t.size.lb ? t.size.lb : undefined;
}

function isBitString(v: AsnValue | undefined): v is BitStringValue {
	return typeof v === 'object' && v !== null && (v as BitStringValue).bits instanceof Uint8Array && typeof (v as BitStringValue).length === 'number';
}

function isValueObject(v: AsnValue | undefined): v is ValueObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isBitString(v);
}

function isJerObject(v: JerValue | undefined): v is JerObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Our value -> X.697 JER of `type` (a type or a type name in `set`, e.g. `"MessageFrame"`).
 * Returns a JSON value (`JSON.stringify` it); members in definition order, so two equal values
 * print the same text. Unknown extension additions (`#ext<n>`, kept raw by the decoder) cannot
 * be shown in JER: they are left out and their paths pushed to `opts.dropped`; an unknown CHOICE
 * extension or ENUMERATED index (`"#<n>"`) cannot be left out and throws.
 * Throws `Cv2xError` (`bad_value` with the value's path) for a value that does not fit the type
 * or an integer a JSON number cannot hold exactly.
 */
export function toJer(type: AsnType | string, value: AsnValue, set: SchemaSet, opts: ToJerOptions = {}): JerValue {
	return valueToJer({ set, depth: 0, dropped: opts.dropped }, typeOf(type), value, '');
}

function valueToJer(w: Walk, type: AsnType, value: AsnValue, path: string): JerValue {
	if (w.depth > MAX_DEPTH) throw new Cv2xError('too_deep', `value nested deeper than ${MAX_DEPTH}`, { path });
	const t = resolve(w.set, type, path);
	const bad = (what: string): never => {
		throw new Cv2xError('bad_value', `${t.kind} expects ${what}, got ${show(value)}`, { path });
	};
	const inner: Walk = { ...w, depth: w.depth + 1 };
	switch (t.kind) {
		case 'integer':
			return integerToJer(value, path) ?? bad('an integer');
		case 'boolean':
			return typeof value === 'boolean' ? value : bad('a boolean');
		case 'null':
			return value === null ? null : bad('null');
		case 'enumerated':
			return typeof value === 'string' && enumKnows(t, value) ? value : bad(`one of ${enumNames(t).join(', ')}`);
		case 'charString':
			return typeof value === 'string' ? value : bad('a string');
		case 'octetString':
			return value instanceof Uint8Array ? hexOf(value) : bad('octets (Uint8Array)');
		case 'bitString':
			return isBitString(value) ? bitStringToJer(t, value) : bad('{ bits, length }');
		case 'sequenceOf':
			return Array.isArray(value) ? value.map((v, i) => valueToJer(inner, t.element, v, `${path}[${i}]`)) : bad('an array');
		case 'choice':
			return isValueObject(value) ? choiceToJer(inner, t.root.concat(t.additions), value, path) : bad('{ alternative: value }');
		case 'sequence':
			return isValueObject(value) ? sequenceToJer(inner, t, value, path) : bad('an object');
		case 'openType':
			return value instanceof Uint8Array ? hexOf(value) : bad('raw octets outside its enclosing SEQUENCE');
	}
}

function integerToJer(value: AsnValue, path: string): number | undefined {
	if (typeof value === 'bigint') {
		if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(-Number.MAX_SAFE_INTEGER)) {
			throw new Cv2xError('bad_value', `integer ${value} is beyond what a JSON number holds exactly (±2^53)`, { path });
		}
		return Number(value);
	}
	return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

const enumNames = (t: EnumeratedType) => [...t.root, ...t.additions].map((i) => i.name);
const enumKnows = (t: EnumeratedType, name: string) => t.root.some((i) => i.name === name) || t.additions.some((i) => i.name === name);

function bitStringToJer(t: BitStringType, v: BitStringValue): JerValue {
	const octets = Math.ceil(v.length / 8);
	const bytes = new Uint8Array(octets);
	bytes.set(v.bits.subarray(0, octets));
	if (v.length % 8 !== 0) bytes[octets - 1] &= 0xff << (8 - (v.length % 8)); // unused bits are 0 in JER
	return fixedBitSize(t) === undefined ? { value: hexOf(bytes), length: v.length } : hexOf(bytes);
}

function choiceToJer(w: Walk, alternatives: { name: string; type: AsnType }[], value: ValueObject, path: string): JerValue {
	const keys = Object.keys(value);
	if (keys.length !== 1) throw new Cv2xError('bad_value', `a CHOICE value has exactly one alternative, got ${keys.length}`, { path });
	const alt = alternatives.find((a) => a.name === keys[0]);
	if (!alt) throw new Cv2xError('bad_value', `no alternative ${keys[0]} (JER cannot show an unknown extension)`, { path });
	return { [alt.name]: valueToJer(w, alt.type, value[alt.name], join(path, alt.name)) };
}

function sequenceToJer(w: Walk, t: SequenceType, value: ValueObject, path: string): JerValue {
	const known = allComponents(t);
	for (const key of Object.keys(value)) {
		if (key.startsWith('#ext')) w.dropped?.push(join(path, key));
		else if (!known.some((c) => c.name === key)) throw new Cv2xError('bad_value', `SEQUENCE has no component ${key}`, { path });
	}
	const out: JerObject = {};
	for (const c of known) {
		if (!(c.name in value)) continue;
		const p = join(path, c.name);
		const ct = resolve(w.set, c.type, p);
		if (ct.kind !== 'openType' || value[c.name] instanceof Uint8Array) out[c.name] = valueToJer(w, ct, value[c.name], p);
		else out[c.name] = valueToJer(w, selectedType(ct, value, p, 'bad_value'), value[c.name], p);
	}
	return out;
}

/** The type an open type holds, selected by its sibling key component (X.681 14.2 table constraint). */
function selectedType(ot: OpenType, owner: ValueObject, path: string, code: 'bad_value' | 'bad_json'): AsnType {
	if (!ot.table) throw new Cv2xError(code, 'open type without a table: only raw octets (hex) fit', { path });
	const key = owner[ot.table.keyComponent];
	if (key === undefined) throw new Cv2xError(code, `open type without its key component ${ot.table.keyComponent}`, { path });
	const selected = ot.table.types[String(key)];
	if (!selected) throw new Cv2xError(code, `no type for ${ot.table.keyComponent} ${String(key)} in the open type's table`, { path });
	return selected;
}

/**
 * X.697 JER of `type` (a type or a type name in `set`) -> our value (schema.ts). Accepts what
 * X.697 allows for the shapes above: any member order, either hex case; a BIT STRING of one
 * fixed size takes its length from the type. Checks the schema as it goes: unknown members or
 * alternatives, missing mandatory root components, integers outside a non-extensible range
 * (X.691 12), sizes outside a non-extensible SIZE (bits, octets, characters, elements), unknown
 * enumeration identifiers, non-zero unused bits, an open type whose key selects no type (where
 * the object set is not extensible). Throws `Cv2xError` (`bad_json`) whose `path` is the JSON
 * path of the offending value (`bsmFrame.pos.lat`, `nodes[2].name`).
 */
export function fromJer(type: AsnType | string, json: JerValue, set: SchemaSet): AsnValue {
	return valueFromJer({ set, depth: 0 }, typeOf(type), json, '');
}

function valueFromJer(w: Walk, type: AsnType, jer: JerValue | undefined, path: string): AsnValue {
	if (w.depth > MAX_DEPTH) throw new Cv2xError('too_deep', `JER nested deeper than ${MAX_DEPTH}`, { path });
	const t = resolve(w.set, type, path);
	const bad = (what: string): never => {
		throw new Cv2xError('bad_json', `${t.kind} expects ${what} in JER, got ${show(jer)}`, { path });
	};
	const inner: Walk = { ...w, depth: w.depth + 1 };
	switch (t.kind) {
		case 'integer':
			return typeof jer === 'number' && Number.isSafeInteger(jer) ? checkRange(t, jer, path) : bad('an integer');
		case 'boolean':
			return typeof jer === 'boolean' ? jer : bad('true or false');
		case 'null':
			return jer === null ? null : bad('null');
		case 'enumerated':
			return typeof jer === 'string' && enumKnows(t, jer) ? jer : bad(`one of ${enumNames(t).join(', ')}`);
		case 'charString':
			return typeof jer === 'string' ? checkSize(t.size, [...jer].length, 'characters', jer, path) : bad('a string');
		case 'octetString': {
			const octets = bytesOfHex(jer, path);
			return checkSize(t.size, octets.length, 'octets', octets, path);
		}
		case 'bitString':
			return bitStringFromJer(t, jer, path);
		case 'sequenceOf':
			if (!Array.isArray(jer)) return bad('an array');
			checkSize(t.size, jer.length, 'elements', null, path);
			return jer.map((v, i) => valueFromJer(inner, t.element, v, `${path}[${i}]`));
		case 'choice':
			return isJerObject(jer) ? choiceFromJer(inner, t.root.concat(t.additions), jer, path) : bad('an object');
		case 'sequence':
			return isJerObject(jer) ? sequenceFromJer(inner, t, jer, path) : bad('an object');
		case 'openType':
			return bytesOfHex(jer, path);
	}
}

/** X.691 12 / X.680 51.4: a non-extensible range bounds the value; an extensible one does not. */
function checkRange(t: IntegerType, v: number, path: string): number {
	const r = t.range;
	if (!r || r.extensible) return v;
	if ((r.lb !== undefined && v < r.lb) || (r.ub !== undefined && v > r.ub)) {
		throw new Cv2xError('bad_json', `${v} is outside ${r.lb ?? 'MIN'}..${r.ub ?? 'MAX'}`, { path });
	}
	return v;
}

/** X.680 51.5: a non-extensible SIZE bounds the count; `value` is returned when it holds. */
function checkSize<T>(size: SizeConstraint | undefined, count: number, unit: string, value: T, path: string): T {
	if (!size || size.extensible) return value;
	if (count < size.lb || (size.ub !== undefined && count > size.ub)) {
		const range = size.ub === size.lb ? `${size.lb}` : `${size.lb}..${size.ub ?? 'MAX'}`;
		throw new Cv2xError('bad_json', `${count} ${unit} outside SIZE(${range})`, { path });
	}
	return value;
}

function bitStringFromJer(t: BitStringType, jer: JerValue | undefined, path: string): BitStringValue {
	const fixed = fixedBitSize(t);
	let length: number;
	let bits: Uint8Array;
	if (fixed !== undefined && !isJerObject(jer)) {
		length = fixed;
		bits = bytesOfHex(jer, path);
	} else {
		if (!isJerObject(jer) || typeof jer.length !== 'number' || !Number.isSafeInteger(jer.length) || jer.length < 0) {
			throw new Cv2xError('bad_json', `BIT STRING expects {"value": hex, "length": bits} in JER, got ${show(jer)}`, { path });
		}
		for (const k of Object.keys(jer)) if (k !== 'value' && k !== 'length') throw new Cv2xError('bad_json', `BIT STRING has no member ${k}`, { path });
		length = jer.length;
		bits = bytesOfHex(jer.value, join(path, 'value'));
	}
	if (bits.length !== Math.ceil(length / 8)) {
		throw new Cv2xError('bad_json', `BIT STRING of ${length} bits needs ${Math.ceil(length / 8)} octets of hex, got ${bits.length}`, { path });
	}
	if (length % 8 !== 0 && (bits[bits.length - 1] & (0xff >> length % 8)) !== 0) {
		throw new Cv2xError('bad_json', 'BIT STRING has non-zero unused bits in its last octet', { path });
	}
	return checkSize(t.size, length, 'bits', { bits, length }, path);
}

function choiceFromJer(w: Walk, alternatives: { name: string; type: AsnType }[], jer: JerObject, path: string): AsnValue {
	const keys = Object.keys(jer);
	const alt = keys.length === 1 ? alternatives.find((a) => a.name === keys[0]) : undefined;
	if (!alt) throw new Cv2xError('bad_json', `CHOICE expects one of ${alternatives.map((a) => a.name).join(', ')}, got {${keys.join(', ')}}`, { path });
	return { [alt.name]: valueFromJer(w, alt.type, jer[alt.name], join(path, alt.name)) };
}

function sequenceFromJer(w: Walk, t: SequenceType, jer: JerObject, path: string): AsnValue {
	const known = allComponents(t);
	for (const key of Object.keys(jer)) {
		if (!known.some((c) => c.name === key)) throw new Cv2xError('bad_json', `SEQUENCE has no member ${key}`, { path });
	}
	for (const c of [...t.components, ...(t.trailingRoot ?? [])]) {
		if (!c.optional && c.default === undefined && !(c.name in jer)) {
			throw new Cv2xError('bad_json', `missing mandatory member ${c.name}`, { path });
		}
	}
	checkGroups(t, jer, path);
	const out: ValueObject = {};
	const open: Component[] = [];
	for (const c of known) {
		if (!(c.name in jer)) continue;
		const p = join(path, c.name);
		if (resolve(w.set, c.type, p).kind === 'openType') open.push(c);
		else out[c.name] = valueFromJer(w, c.type, jer[c.name], p);
	}
	// after the other members: the key component selects the open type's type
	for (const c of open) out[c.name] = openTypeFromJer(w, resolve(w.set, c.type, path) as OpenType, out, jer[c.name], join(path, c.name));
	return out;
}

/** X.680 25.1: a present extension addition group has all its mandatory components. */
function checkGroups(t: SequenceType, jer: JerObject, path: string): void {
	for (const g of t.additions) {
		if (!g.group || !g.components.some((c) => c.name in jer)) continue;
		const missing = g.components.find((c) => !c.optional && c.default === undefined && !(c.name in jer));
		if (missing) throw new Cv2xError('bad_json', `missing mandatory member ${missing.name} of an extension addition group`, { path });
	}
}

function openTypeFromJer(w: Walk, ot: OpenType, owner: ValueObject, jer: JerValue, path: string): AsnValue {
	const key = ot.table ? owner[ot.table.keyComponent] : undefined;
	if (ot.table && key !== undefined && ot.table.types[String(key)]) return valueFromJer(w, ot.table.types[String(key)], jer, path);
	if (ot.table && !ot.table.extensible) selectedType(ot, owner, path, 'bad_json'); // throws, naming what is missing
	return bytesOfHex(jer, path);
}
