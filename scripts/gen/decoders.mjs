// Emits generated/decode.js: one decoder per message reading straight into instances of the
// protobufjs static classes (generated/cv2x.js: same prototypes and defaults, same own
// properties), with protobufjs 8's semantics: a zero scalar deletes the property, a repeated
// sub-message merges into the first, a oneof member announces itself through the oneof's setter,
// 64-bit values become Long. What the fast path does not take exactly (an unknown field or wire
// type, kept by protobufjs as $unknowns; a 10-byte varint; text that is not valid UTF-8; any
// malformed or truncated input) throws FALLBACK. What it accepts is a subset of what the codec's
// one wire reader (src/lib/codec/wire.ts, protoc's rules) accepts: tags and lengths of at most 5
// bytes, known fields only, valid UTF-8, nesting bounded by the schema. Everything else is judged
// by the annotated dump's walk on that reader (its error is decode's error), and only what it
// accepts goes to protobufjs (its tag and 32-bit varint reads replaced by protoc's, frame.ts).

const ident = (name) => name.replace(/[^A-Za-z0-9_$]/g, '_');
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const INT64 = new Set(['uint64', 'int64', 'sint64']);
const WIRE = { uint32: 0, int32: 0, sint32: 0, bool: 0, enum: 0, uint64: 0, int64: 0, sint64: 0, sfixed32: 5, fixed32: 5, string: 2, bytes: 2, message: 2 };

/** The expression reading one value of field `f` at `pos` (its tag already read). */
function readExpr(f, where) {
	const type = f.kind === 'scalar' ? f.type : f.kind;
	switch (type) {
		case 'uint32': return 'v32()';
		case 'int32': case 'enum': return '(v32() | 0)';
		case 'sint32': return 'zz32(v32())';
		case 'bool': return '(v32() !== 0)';
		case 'fixed32': return 'f32(end)';
		case 'sfixed32': return '(f32(end) | 0)';
		case 'uint64': return 'u64(true)';
		case 'int64': return 'u64(false)';
		case 'sint64': return 's64()';
		case 'string': return 'str(end)';
		case 'bytes': return 'bytes(end)';
		case 'message': return `d_${ident(f.type)}(sub(end), undefined)`;
	}
	throw new Error(`gen decoders: ${where}: no fast decoder for ${type}`);
}

/** protobufjs's "is it not the default?" test, for a singular field without presence. */
function isSet(f) {
	if (INT64.has(f.type)) return '(typeof v === "object" ? v.low || v.high : v !== 0)';
	if (f.type === 'string' || f.type === 'bytes') return 'v.length';
	return 'v';
}

/**
 * A oneof member read: its setter deletes the other members. On a fresh message the only one that
 * can be there is the last announced, kept in a local (the setter's loop over 24 payload members
 * showed in profiles); merging into a target goes through the setter itself.
 */
function announceCode(oneof, prop) {
	const o = `o_${camel(oneof)}`;
	const p = JSON.stringify(prop);
	return `if (target) m.${camel(oneof)} = ${p}; else if (${o} !== ${p}) { if (${o} !== undefined) delete m[${o}]; ${o} = ${p}; }`;
}

function caseCode(f, oneofOf, where) {
	const type = f.kind === 'scalar' ? f.type : f.kind;
	if (!(type in WIRE)) throw new Error(`gen decoders: ${where}: no fast decoder for ${type}`);
	const m = `m.${f.prop}`;
	const init = `if (!(${m} && ${m}.length)) ${m} = [];`;
	if (f.repeated) {
		if (f.kind === 'scalar' && f.type === 'uint32') {
			// packed only (what protobufjs and protoc write); an unpacked run falls back
			const tag = (f.number << 3) | 2;
			return `\t\t\tcase ${tag}: { ${init} const e = sub(end); while (pos < e) ${m}.push(v32()); if (pos !== e) throw FALLBACK; continue; }`;
		}
		if (f.kind === 'scalar' && f.type !== 'string' && f.type !== 'bytes')
			throw new Error(`gen decoders: ${where}: no fast decoder for repeated ${f.type}`);
		return `\t\t\tcase ${(f.number << 3) | WIRE[type]}: ${init} ${m}.push(${readExpr(f, where)}); continue;`;
	}
	const tag = (f.number << 3) | WIRE[type];
	if (f.kind === 'message') {
		const announce = oneofOf ? ` ${announceCode(oneofOf, f.prop)}` : '';
		return `\t\t\tcase ${tag}: ${m} = d_${ident(f.type)}(sub(end), ${m});${announce} continue;`;
	}
	if (f.optional) return `\t\t\tcase ${tag}: ${m} = ${readExpr(f, where)}; continue;`; // its synthetic oneof's setter is a no-op
	if (oneofOf) return `\t\t\tcase ${tag}: ${m} = ${readExpr(f, where)}; ${announceCode(oneofOf, f.prop)} continue;`;
	return `\t\t\tcase ${tag}: v = ${readExpr(f, where)}; if (${isSet(f)}) ${m} = v; else delete ${m}; continue;`;
}

const RUNTIME = `import $protobuf from "protobufjs/minimal.js";
import { cv2x } from "./cv2x.js";

const LongBits = $protobuf.util.LongBits;
const LONG = $protobuf.util.Long ? "toLong" : "toNumber";
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Thrown when the fast path does not take these bytes exactly: decode with protobufjs. */
export const FALLBACK = { fallback: true };
const EMPTY = new Uint8Array(0);
let buf = EMPTY;
let pos = 0;

// A varint of at most 32 bits (5 bytes). Reading past the end yields garbage that the end checks
// (pos !== end) turn into FALLBACK, so no byte check per read is needed.
function v32() {
	let b = buf[pos++]; let v = b & 127; if (b < 128) return v;
	b = buf[pos++]; v |= (b & 127) << 7; if (b < 128) return v;
	b = buf[pos++]; v |= (b & 127) << 14; if (b < 128) return v;
	b = buf[pos++]; v |= (b & 127) << 21; if (b < 128) return v;
	b = buf[pos++]; if (!(b <= 15)) throw FALLBACK;
	return (v | (b << 28)) >>> 0;
}
const zz32 = (v) => (v >>> 1 ^ -(v & 1)) | 0;
function f32(end) {
	if (end - pos < 4) throw FALLBACK;
	const v = (buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16) | (buf[pos + 3] << 24)) >>> 0;
	pos += 4;
	return v;
}
function bits64() {
	let lo = 0, hi = 0, b;
	for (let i = 0; i < 4; i++) { b = buf[pos++]; lo = (lo | (b & 127) << i * 7) >>> 0; if (b < 128) return new LongBits(lo, hi); }
	b = buf[pos++]; lo = (lo | (b & 127) << 28) >>> 0; hi = (b & 127) >> 4; if (b < 128) return new LongBits(lo, hi);
	for (let i = 0; i < 5; i++) { b = buf[pos++]; hi = (hi | (b & 127) << i * 7 + 3) >>> 0; if (b < 128) return new LongBits(lo, hi); }
	throw FALLBACK;
}
const u64 = (unsigned) => bits64()[LONG](unsigned);
const s64 = () => bits64().zzDecode()[LONG](false);
// The end of a length-delimited value starting at pos, checked against its container's end.
function sub(end) {
	const n = v32();
	if (n > end - pos) throw FALLBACK;
	return pos + n;
}
function bytes(end) {
	const e = sub(end);
	const v = buf.subarray(pos, e);
	pos = e;
	return v;
}
function str(end) {
	const e = sub(end);
	let s = "";
	for (let i = pos; i < e; i++) {
		const c = buf[i];
		if (c > 127) { s = null; break; }
		s += String.fromCharCode(c);
	}
	if (s === null) {
		try { s = utf8.decode(buf.subarray(pos, e)); } catch { throw FALLBACK; }
	}
	pos = e;
	return s;
}
`;

/**
 * The fast decoders' module (decode.js) and its declarations (decode.d.ts) for `schema`
 * (generated/schema.json's shape). Throws on a field type it has no decoder for.
 */
export function emitDecoders(schema, header) {
	const lines = [header.trim(), '/* eslint-disable */', RUNTIME];
	for (const [name, m] of Object.entries(schema.messages)) {
		const oneofOf = new Map();
		for (const [oneof, members] of Object.entries(m.oneofs)) for (const mm of members) oneofOf.set(mm, oneof);
		lines.push(`const C_${ident(name)} = cv2x.v1.${name};`);
		const locals = Object.keys(m.oneofs).map((o) => `, o_${camel(o)}`).join('');
		lines.push(`function d_${ident(name)}(end, target) {`, `\tconst m = target || new C_${ident(name)}();`, `\tlet v${locals};`, '\twhile (pos < end) {', '\t\tswitch (v32()) {');
		for (const f of m.fields) lines.push(caseCode(f, oneofOf.get(f.name), `${name}.${f.name}`));
		lines.push('\t\t}', '\t\tthrow FALLBACK;', '\t}', '\tif (pos !== end) throw FALLBACK;', '\treturn m;', '}');
	}
	lines.push(
		'',
		'/** Bytes to a MessageFrame instance, as protobufjs decodes it; throws FALLBACK when protobufjs must. */',
		'export function decodeFrameFast(bytes) {',
		'\tbuf = bytes;',
		'\tpos = 0;',
		'\ttry {',
		`\t\treturn d_${ident(schema.frame)}(bytes.length, undefined);`,
		'\t} finally {',
		'\t\tbuf = EMPTY; // keep no reference to the caller\'s bytes',
		'\t}',
		'}',
		''
	);
	const dts =
		header +
		'/** Thrown when the fast path does not take these bytes exactly: decode with protobufjs. */\n' +
		'export declare const FALLBACK: { fallback: true };\n' +
		'/** Bytes to a MessageFrame instance, as protobufjs decodes it; throws FALLBACK when protobufjs must. */\n' +
		'export declare function decodeFrameFast(bytes: Uint8Array): unknown;\n';
	return { js: lines.join('\n'), dts };
}
