// proto3 canonical JSON, both ways, driven by the schema: JSON names (lowerCamelCase), enums as
// names, 64-bit integers as strings, bytes as base64, defaults omitted, what Google's own
// libraries print for the same bytes. The parser also accepts what they accept: proto field
// names, enum numbers, integers as strings, base64url, null for "absent".
import { parseBase64, toBase64 } from './bytes';
import { Cv2xError } from './errors';
import { enumIndex, is64, messageIndex, schema, type FieldMeta } from './schema';
import { isDefault, isIntegerType, toBigInt, toLong, typeLimits } from './values';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };
/** A protobufjs-shaped message object (property names as generated code uses them). */
export type PbObject = Record<string, unknown>;

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Whether a field counts as present on a message object, by proto3 presence rules. */
export function isPresent(msg: PbObject, f: FieldMeta): boolean {
	const v = msg[f.prop];
	if (f.repeated) return Array.isArray(v) && v.length > 0;
	if (v === undefined || v === null) return false;
	if (f.kind === 'message' || f.optional || f.oneof) return hasOwn(msg, f.prop) || f.kind === 'message';
	return !isDefault(f.type, f.kind, v);
}

function scalarToJson(f: FieldMeta, v: unknown): JsonValue {
	if (f.kind === 'enum') {
		const name = enumIndex(f.type).byNumber.get(v as number)?.name;
		return name ?? (v as number);
	}
	if (is64(f.type)) return String(toBigInt(v) ?? v);
	switch (f.type) {
		case 'bytes': return toBase64(v as Uint8Array);
		case 'float': case 'double': {
			const n = v as number;
			if (Number.isNaN(n)) return 'NaN';
			if (n === Infinity) return 'Infinity';
			if (n === -Infinity) return '-Infinity';
			return n;
		}
		default: return v as JsonValue;
	}
}

/** A message object to its proto3 JSON object. */
export function messageToJson(typeName: string, msg: PbObject): JsonObject {
	const out: JsonObject = {};
	for (const f of messageIndex(typeName).meta.fields) {
		if (!isPresent(msg, f)) continue;
		const v = msg[f.prop];
		if (f.kind === 'message') {
			out[f.json] = f.repeated
				? (v as PbObject[]).map((m) => messageToJson(f.type, m))
				: messageToJson(f.type, v as PbObject);
		} else {
			out[f.json] = f.repeated ? (v as unknown[]).map((x) => scalarToJson(f, x)) : scalarToJson(f, v);
		}
	}
	return out;
}

function bad(path: string, msg: string, key?: string, params?: Record<string, string | number>): never {
	throw new Cv2xError('bad_value', msg, { path }, key ? { key, params } : undefined);
}

function scalarFromJson(f: FieldMeta, v: JsonValue, path: string): unknown {
	if (f.kind === 'enum') {
		if (typeof v === 'string') {
			const e = enumIndex(f.type).byName.get(v);
			if (!e) bad(path, `"${v}" is not a value of enum ${f.type}`, 'notEnum', { v, type: f.type });
			return e.number;
		}
		const n = toBigInt(v);
		if (n === null || typeof v !== 'number') bad(path, `enum ${f.type} wants a name or an integer, got ${JSON.stringify(v)}`);
		const [lo, hi] = typeLimits('enum')!;
		if (n < lo || n > hi) bad(path, `${v} does not fit in an enum`);
		return Number(n);
	}
	if (isIntegerType(f.type)) {
		if (typeof v !== 'number' && typeof v !== 'string') bad(path, `${f.type} wants a number, got ${JSON.stringify(v)}`);
		let n = toBigInt(v);
		// Google's parsers take integral floats like 1e3 or "3.0"
		if (n === null) {
			const num = Number(v);
			if (typeof v === 'string' && v.trim() === '') n = null;
			else if (Number.isFinite(num) && Number.isInteger(num)) n = BigInt(num);
		}
		if (n === null) bad(path, `${JSON.stringify(v)} is not an integer (${f.type})`, 'notInteger', { v: JSON.stringify(v), type: f.type });
		const [lo, hi] = typeLimits(f.type)!;
		if (n < lo || n > hi) bad(path, `${n} does not fit in ${f.type} (${lo}..${hi})`, 'doesNotFit', { v: String(n), type: f.type, lo: String(lo), hi: String(hi) });
		return is64(f.type) ? toLong(n, f.type) : Number(n);
	}
	switch (f.type) {
		case 'bool':
			if (typeof v !== 'boolean') bad(path, `bool wants true or false, got ${JSON.stringify(v)}`);
			return v;
		case 'string':
			if (typeof v !== 'string') bad(path, `string wants a JSON string, got ${JSON.stringify(v)}`);
			return v;
		case 'bytes':
			if (typeof v !== 'string') bad(path, `bytes want a base64 string, got ${JSON.stringify(v)}`);
			if (v === '') return new Uint8Array(0);
			try {
				return parseBase64(v);
			} catch (e) {
				bad(path, `bytes: ${(e as Error).message}`);
			}
		// falls through (unreachable)
		case 'float':
		case 'double': {
			if (v === 'NaN') return NaN;
			if (v === 'Infinity') return Infinity;
			if (v === '-Infinity') return -Infinity;
			const num = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
			if (!Number.isFinite(num)) bad(path, `${f.type} wants a number, got ${JSON.stringify(v)}`);
			return num;
		}
	}
	bad(path, `unsupported type ${f.type}`);
}

/** A proto3 JSON object to a message object ready for encoding; errors name the field path. */
export function messageFromJson(typeName: string, json: JsonValue, path = ''): PbObject {
	if (json === null || typeof json !== 'object' || Array.isArray(json))
		bad(path || typeName, `${typeName} wants a JSON object, got ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`);
	const idx = messageIndex(typeName);
	const out: PbObject = {};
	const seen = new Map<number, string>();
	const oneofSet = new Map<string, string>();
	for (const [key, v] of Object.entries(json)) {
		const f = idx.byName.get(key);
		const p = (path ? path + '.' : '') + (f ? f.name : key);
		if (!f || (key !== f.name && key !== f.json))
			throw new Cv2xError('unknown_field', `${typeName} has no field "${key}"`, { path: p }, { key: 'unknownField', params: { type: typeName, field: key } });
		if (seen.has(f.number)) bad(p, `field given twice ("${seen.get(f.number)}" and "${key}")`);
		seen.set(f.number, key);
		if (v === null) continue;
		if (f.oneof) {
			const other = oneofSet.get(f.oneof);
			if (other) bad(p, `oneof ${f.oneof} already has ${other}; only one may be set`);
			oneofSet.set(f.oneof, f.name);
		}
		if (f.repeated) {
			if (!Array.isArray(v)) bad(p, `repeated field wants a JSON array`);
			out[f.prop] = v.map((x, i) =>
				f.kind === 'message' ? messageFromJson(f.type, x, `${p}[${i}]`) : scalarFromJson(f, x, `${p}[${i}]`)
			);
		} else if (f.kind === 'message') {
			out[f.prop] = messageFromJson(f.type, v, p);
		} else {
			const val = scalarFromJson(f, v, p);
			// implicit-presence defaults are absent, so encoding matches other implementations
			if (f.optional || f.oneof || !isDefault(f.type, f.kind, val)) out[f.prop] = val;
		}
	}
	return out;
}

export const frameToJson = (frame: PbObject) => messageToJson(schema.frame, frame);
export const frameFromJson = (json: JsonValue) => messageFromJson(schema.frame, json);

/** Parses JSON text with an error that names line and column. */
export function parseJsonText(text: string): JsonValue {
	try {
		return JSON.parse(text) as JsonValue;
	} catch (e) {
		const m = /position (\d+)/.exec((e as Error).message);
		let where = '';
		if (m) {
			const pos = Number(m[1]);
			const before = text.slice(0, pos).split('\n');
			where = ` (line ${before.length}, column ${before[before.length - 1].length + 1})`;
		}
		throw new Cv2xError('bad_json', `not valid JSON: ${(e as Error).message}${where}`, {}, { key: 'badJson', params: { where } });
	}
}
