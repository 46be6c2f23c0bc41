// proto3 canonical JSON, both ways, driven by the schema: JSON names (lowerCamelCase), enums as
// names, 64-bit integers as strings, bytes as base64, defaults omitted, what Google's own
// libraries print for the same bytes. The parser accepts what they accept and nothing more: proto
// field names, enum numbers, integers as decimal strings, base64url, null for "absent"
// (json-format.test.ts checks it against python3-protobuf's json_format).
import { parseBase64, toBase64 } from './bytes';
import { Cv2xError } from './errors';
import { memberSpan, readJson, type JsonSpan } from './json-reader';
import { enumIndex, is64, messageIndex, schema, type FieldMeta } from './schema';
import { isDefault, isIntegerType, toBigInt, toLong, typeLimits } from './values';
import { MAX_INPUT_BYTES } from './wire';

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

/** Where a value sits: its field path and, for text read by `parseJsonText`, its position. */
interface At {
	path: string;
	span?: JsonSpan;
}

function place(at: At) {
	const s = at.span;
	return s ? { path: at.path, char: s.char, line: s.line, column: s.column } : { path: at.path };
}

function bad(at: At, msg: string, key?: string, params?: Record<string, string | number>): never {
	throw new Cv2xError('bad_value', msg, place(at), key ? { key, params } : undefined);
}

/** Longest quote of a value in an error message (the rest is elided with "…"). */
const PREVIEW_CHARS = 40;
const clip = (s: string) => (s.length > PREVIEW_CHARS ? s.slice(0, PREVIEW_CHARS) + '…' : s);
const show = (v: JsonValue, at: At) => (typeof v === 'number' && at.span?.raw ? clip(at.span.raw) : preview(v));

/**
 * The first PREVIEW_CHARS characters of a value as JSON, for an error message: built without
 * recursion and without stringifying the whole value, so a value nested a million deep or
 * megabytes long costs no more than its preview.
 */
export function preview(v: JsonValue): string {
	let out = '';
	// what is left to print, last first: values, or literal text (separators and closers)
	const todo: ({ v: JsonValue } | { t: string })[] = [{ v }];
	while (todo.length && out.length <= PREVIEW_CHARS) {
		const item = todo.pop()!;
		if ('t' in item) {
			out += item.t;
			continue;
		}
		const x = item.v;
		if (x === null || typeof x !== 'object') {
			out += JSON.stringify(typeof x === 'string' && x.length > PREVIEW_CHARS ? x.slice(0, PREVIEW_CHARS + 1) : x);
			continue;
		}
		const isArray = Array.isArray(x);
		const members = isArray ? x.slice(0, PREVIEW_CHARS).map((m) => [{ v: m }]) : objectMembers(x);
		out += isArray ? '[' : '{';
		todo.push({ t: isArray ? ']' : '}' });
		for (let i = members.length - 1; i >= 0; i--) {
			todo.push(...members[i]);
			if (i) todo.push({ t: ',' });
		}
	}
	return clip(out);
}

/** An object's first members as preview items (`"key":` then the value). */
function objectMembers(o: { [k: string]: JsonValue }): ({ v: JsonValue } | { t: string })[][] {
	const out: ({ v: JsonValue } | { t: string })[][] = [];
	for (const k in o) {
		if (out.length >= PREVIEW_CHARS) break;
		out.push([{ v: o[k] }, { t: JSON.stringify(k.length > PREVIEW_CHARS ? k.slice(0, PREVIEW_CHARS + 1) : k) + ':' }]);
	}
	return out;
}

// proto3 JSON integers (conformance suite, "Integer fields"): a JSON number with an integral
// value (1e2, 100.0), or a string holding decimal digits with an optional minus, or holding a
// JSON number with an integral value ("1e5", test Int32FieldQuotedExponentialValue); never hex,
// "+", spaces or fractions ("0x64", " 100", "0.5"). Enums take only the digits form in strings.
const DECIMAL = /^-?[0-9]+$/;
const PLAIN_INT = /^-?(?:0|[1-9][0-9]*)$/;
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** More digits than any 64-bit integer has: out of range without converting them (which is quadratic). */
const TOO_MANY_DIGITS = 21;

/** Decimal digits as a bigint; beyond TOO_MANY_DIGITS (leading zeros aside) a value out of every range. */
function decimal(s: string): bigint {
	const neg = s[0] === '-';
	let i = neg ? 1 : 0;
	while (i < s.length - 1 && s[i] === '0') i++;
	if (s.length - i >= TOO_MANY_DIGITS) return neg ? -(10n ** 30n) : 10n ** 30n;
	return BigInt(s);
}

/** An integral double as a bigint, or null. */
const integral = (n: number) => (Number.isFinite(n) && Number.isInteger(n) ? BigInt(n) : null);

/**
 * A JSON integer as an exact bigint, or null. Numbers written without fraction or exponent are
 * read from their source text (exact beyond 2^53); others, like `1e2` or `100.0`, are taken as
 * doubles and must be integral, as Google's parsers do.
 */
function jsonInteger(v: JsonValue, at: At, quotedNumbers = true): bigint | null {
	if (typeof v === 'string') {
		if (DECIMAL.test(v)) return decimal(v);
		return quotedNumbers && v.length < 400 && JSON_NUMBER.test(v) ? integral(Number(v)) : null;
	}
	if (typeof v !== 'number') return null;
	const raw = at.span?.raw;
	if (raw !== undefined && PLAIN_INT.test(raw)) return decimal(raw);
	return integral(v);
}

function enumFromJson(f: FieldMeta, v: JsonValue, at: At): number {
	if (typeof v === 'string' && !DECIMAL.test(v)) {
		const e = enumIndex(f.type).byName.get(v);
		if (!e) bad(at, `${preview(v)} is not a value of enum ${f.type}`, 'notEnum', { v: clip(v), type: f.type });
		return e.number;
	}
	const n = typeof v === 'boolean' ? null : jsonInteger(v, at, false);
	if (n === null) bad(at, `enum ${f.type} wants a value name or an integer, got ${show(v, at)}`, 'notEnum', { v: show(v, at), type: f.type });
	const [lo, hi] = typeLimits('enum')!;
	if (n < lo || n > hi) bad(at, `${n} does not fit in an enum (int32)`, 'doesNotFit', { v: String(n), type: 'enum', lo: String(lo), hi: String(hi) });
	return Number(n);
}

function integerFromJson(f: FieldMeta, v: JsonValue, at: At): unknown {
	const n = jsonInteger(v, at);
	if (n === null) bad(at, `${show(v, at)} is not an integer (${f.type})`, 'notInteger', { v: show(v, at), type: f.type });
	const [lo, hi] = typeLimits(f.type)!;
	if (n < lo || n > hi) {
		const shown = n > 10n ** 29n || n < -(10n ** 29n) ? show(v, at) : String(n);
		bad(at, `${shown} does not fit in ${f.type} (${lo}..${hi})`, 'doesNotFit', { v: shown, type: f.type, lo: String(lo), hi: String(hi) });
	}
	return is64(f.type) ? toLong(n, f.type) : Number(n);
}

function floatFromJson(f: FieldMeta, v: JsonValue, at: At): number {
	if (v === 'NaN') return NaN;
	if (v === 'Infinity') return Infinity;
	if (v === '-Infinity') return -Infinity;
	const num = typeof v === 'number' ? v : typeof v === 'string' && JSON_NUMBER.test(v) ? Number(v) : NaN;
	if (!Number.isFinite(num)) bad(at, `${f.type} wants a number, got ${show(v, at)}`);
	if (f.type === 'float' && Math.abs(num) > 3.4028234663852886e38) bad(at, `${show(v, at)} is out of range for float`);
	return num;
}

function scalarFromJson(f: FieldMeta, v: JsonValue, at: At): unknown {
	if (f.kind === 'enum') return enumFromJson(f, v, at);
	if (isIntegerType(f.type)) return integerFromJson(f, v, at);
	switch (f.type) {
		case 'bool':
			if (typeof v !== 'boolean') bad(at, `bool wants true or false, got ${show(v, at)}`);
			return v;
		case 'string':
			if (typeof v !== 'string') bad(at, `string wants a JSON string, got ${show(v, at)}`);
			if (!isWellFormed(v)) bad(at, 'string is not valid Unicode (lone surrogate)');
			return v;
		case 'bytes':
			if (typeof v !== 'string') bad(at, `bytes want a base64 string, got ${show(v, at)}`);
			if (v === '') return new Uint8Array(0);
			try {
				return parseBase64(v);
			} catch (e) {
				return bad(at, `bytes: ${(e as Error).message}`);
			}
		case 'float':
		case 'double':
			return floatFromJson(f, v, at);
	}
	return bad(at, `unsupported type ${f.type}`);
}

function isWellFormed(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0xd800 || c > 0xdfff) continue;
		const d = s.charCodeAt(i + 1);
		if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return false;
		i++;
	}
	return true;
}

function fieldValueFromJson(f: FieldMeta, v: JsonValue, at: At): unknown {
	if (!f.repeated) return f.kind === 'message' ? messageFromJson(f.type, v, at.path, at.span) : scalarFromJson(f, v, at);
	if (!Array.isArray(v)) bad(at, `repeated field wants a JSON array, got ${show(v, at)}`);
	return v.map((x, i) => {
		const el: At = { path: `${at.path}[${i}]`, span: memberSpan(v, i) };
		if (x === null) bad(el, 'null is not allowed as an element of a repeated field');
		return f.kind === 'message' ? messageFromJson(f.type, x, el.path, el.span) : scalarFromJson(f, x, el);
	});
}

/**
 * A proto3 JSON object to a message object ready for encoding, as strictly as Google's parsers
 * (protobuf JSON conformance rules): field keys are the JSON name or the proto name, each field at
 * most once (either spelling), one member per oneof, `null` means absent (but not inside arrays),
 * integers are JSON numbers with integral values or decimal strings, enums are value names or
 * integers, bytes are standard or URL-safe base64, unknown fields are errors. For values read by
 * `parseJsonText`, 64-bit integers are exact and errors name the character offset, line and
 * column too. Errors: Cv2xError `bad_value` / `unknown_field` naming the field path.
 */
export function messageFromJson(typeName: string, json: JsonValue, path = '', span?: JsonSpan): PbObject {
	if (json === null || typeof json !== 'object' || Array.isArray(json))
		bad({ path: path || typeName, span }, `${typeName} wants a JSON object, got ${Array.isArray(json) ? 'an array' : preview(json)}`);
	const idx = messageIndex(typeName);
	const out: PbObject = {};
	const seen = new Map<number, string>();
	const oneofSet = new Map<string, string>();
	for (const [key, v] of Object.entries(json)) {
		const f = idx.byName.get(key);
		const at: At = { path: (path ? path + '.' : '') + (f ? f.name : clip(key)), span: memberSpan(json, key) };
		if (!f || (key !== f.name && key !== f.json))
			throw new Cv2xError('unknown_field', `${typeName} has no field ${preview(key)}`, place(at), { key: 'unknownField', params: { type: typeName, field: clip(key) } });
		if (seen.has(f.number)) bad(at, `field given twice ("${seen.get(f.number)}" and "${key}")`);
		seen.set(f.number, key);
		if (v === null) continue;
		if (f.oneof) {
			const other = oneofSet.get(f.oneof);
			if (other) bad(at, `oneof ${f.oneof} already has ${other}; only one may be set`);
			oneofSet.set(f.oneof, f.name);
		}
		const val = fieldValueFromJson(f, v, at);
		// implicit-presence defaults are absent, so encoding matches other implementations
		if (f.repeated || f.kind === 'message' || f.optional || f.oneof || !isDefault(f.type, f.kind, val)) out[f.prop] = val;
	}
	return out;
}

export const frameToJson = (frame: PbObject) => messageToJson(schema.frame, frame);
export const frameFromJson = (json: JsonValue) => messageFromJson(schema.frame, json);

/**
 * Parses JSON text strictly (RFC 8259; duplicate keys and lone surrogates refused), keeping each
 * number's source text and each value's position for `messageFromJson`. Errors: Cv2xError
 * `bad_json` naming the character offset, line and column.
 */
export function parseJsonText(text: string): JsonValue {
	if (text.length > MAX_JSON_CHARS)
		throw new Cv2xError('too_large', `JSON text is ${text.length} characters; the limit is ${MAX_JSON_CHARS}`, {}, { key: 'tooLarge', params: { n: text.length, max: MAX_JSON_CHARS } });
	return readJson(text);
}

/** Longest JSON text read: a frame at the byte limit, as base64 inside JSON, with room to spare. */
export const MAX_JSON_CHARS = 4 * MAX_INPUT_BYTES;
