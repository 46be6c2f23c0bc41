// Emits generated/encode.js: one encoder per message that writes in one pass into a reused,
// growable buffer (sub-message lengths back-patched, no op list, no Writer calls), producing the
// bytes protobufjs's static encoders produce (same field order by number, same "is it set"
// tests, same integer coercions). Anything the fast path does not cover exactly (a non-ASCII
// string with a lone surrogate, a bytes field given as base64 text, an object of a foreign class...) throws FALLBACK,
// and the caller encodes that frame with protobufjs instead, so the bytes never differ.

const ident = (name) => name.replace(/[^A-Za-z0-9_$]/g, '_');
const INT64 = new Set(['uint64', 'int64', 'sint64']);
const WIRE = { uint32: 0, int32: 0, sint32: 0, bool: 0, enum: 0, uint64: 0, int64: 0, sint64: 0, sfixed32: 5, fixed32: 5, string: 2, bytes: 2, message: 2 };

/** The varint bytes of a tag, as statements writing them at `pos`. */
function tagBytes(number, wt) {
	let t = (number << 3) | wt;
	const out = [];
	while (t > 127) {
		out.push((t & 127) | 128);
		t >>>= 7;
	}
	out.push(t);
	return out;
}
const putTag = (bytes) => bytes.map((b) => `buf[pos++] = ${b};`).join(' ');

// Room for n more bytes, checked inline (a call per field showed in profiles).
const need = (n) => `if (pos > buf.length - ${n}) grow(${n});`;
// A uint32 varint, the one-byte case inline.
const put32 = (x) => `u = ${x}; if (u < 128) buf[pos++] = u; else v32(u);`;

/** The statements writing value `v` of field `f` (its tag included). */
function writeValue(f, v, where) {
	const type = f.kind === 'scalar' ? f.type : f.kind;
	if (!(type in WIRE)) throw new Error(`gen encoders: ${where}: no fast encoder for ${type}`);
	const tag = tagBytes(f.number, WIRE[type]);
	const t = putTag(tag);
	switch (type) {
		case 'uint32': return `${need(tag.length + 5)} ${t} ${put32(`${v} >>> 0`)}`;
		case 'int32': case 'enum': return `${need(tag.length + 10)} ${t} i32(${v});`;
		case 'sint32': return `${need(tag.length + 5)} ${t} ${put32(`(${v} << 1 ^ ${v} >> 31) >>> 0`)}`;
		case 'bool': return `${need(tag.length + 1)} ${t} buf[pos++] = ${v} ? 1 : 0;`;
		case 'fixed32': case 'sfixed32': return `${need(tag.length + 4)} ${t} f32(${v} >>> 0);`;
		case 'uint64': case 'int64': return `${need(tag.length + 10)} ${t} u64(${v});`;
		case 'sint64': return `${need(tag.length + 10)} ${t} s64(${v});`;
		case 'string': return `${need(tag.length)} ${t} str(${v});`;
		case 'bytes': return `${need(tag.length)} ${t} bytes(${v});`;
		case 'message': return `${need(tag.length + 1)} ${t} { const s = pos++; e_${ident(f.type)}(${v}); delim(s); }`;
	}
}

/** protobufjs's "write this field?" test for a singular field without presence. */
function isSet(f, v) {
	if (f.kind === 'enum') return `${v} !== 0`;
	if (INT64.has(f.type)) return `(typeof ${v} === "object" ? ${v}.low || ${v}.high : ${v} !== 0)`;
	switch (f.type) {
		case 'bool': return `${v} !== false`;
		case 'string': return `${v} !== ""`;
		case 'bytes': return `${v}.length`;
		default: return `${v} !== 0`;
	}
}

function fieldCode(name, f) {
	const where = `${name}.${f.name}`;
	const get = `v = m.${f.prop};`;
	if (f.repeated) {
		if (f.kind === 'scalar' && f.type === 'uint32') {
			// packed, as Writer#uint32s: one length-delimited run of varints
			const tag = tagBytes(f.number, 2);
			return [
				`\t${get}`,
				`\tif (v != null && v.length) { if (!Array.isArray(v)) throw FALLBACK; ${need(tag.length + 1)} ${putTag(tag)} const s = pos++;`,
				`\t\tfor (let i = 0; i < v.length; i++) { ${need(5)} v32(v[i] >>> 0); } delim(s); }`
			];
		}
		if (f.kind === 'scalar' && f.type !== 'string' && f.type !== 'bytes')
			throw new Error(`gen encoders: ${where}: no fast encoder for repeated ${f.type}`);
		return [`\t${get}`, `\tif (v != null && v.length) { if (!Array.isArray(v)) throw FALLBACK; for (let i = 0; i < v.length; i++) { ${writeValue(f, 'v[i]', where)} } }`];
	}
	const presence = f.kind === 'message' || f.optional || f.oneof;
	const cond = presence ? 'v != null' : `v != null && ${isSet(f, 'v')}`;
	return [`\t${get} if (${cond}) { ${writeValue(f, 'v', where)} }`];
}

const RUNTIME = `import $protobuf from "protobufjs/minimal.js";
import { cv2x } from "./cv2x.js";

const LongBits = $protobuf.util.LongBits;
const OP = Object.prototype;
/** Thrown when a value is outside what the fast path reproduces exactly: encode with protobufjs. */
export const FALLBACK = { fallback: true };
let buf = new Uint8Array(8192);
let pos = 0;

function grow(n) {
	let size = buf.length * 2;
	while (size < pos + n) size *= 2;
	const b = new Uint8Array(size);
	b.set(buf.subarray(0, pos));
	buf = b;
}
function need(n) { if (pos + n > buf.length) grow(n); }
function v32(v) {
	while (v > 127) { buf[pos++] = (v & 127) | 128; v >>>= 7; }
	buf[pos++] = v;
}
function v64(lo, hi) {
	while (hi) { buf[pos++] = (lo & 127) | 128; lo = (lo >>> 7 | hi << 25) >>> 0; hi >>>= 7; }
	v32(lo);
}
// Writer#int32: a negative value is sign-extended to 10 bytes.
function i32(v) { v |= 0; if (v < 0) v64(v >>> 0, 0xffffffff); else v32(v); }
function f32(v) { buf[pos++] = v & 255; buf[pos++] = (v >>> 8) & 255; buf[pos++] = (v >>> 16) & 255; buf[pos++] = v >>> 24; }
function u64(v) { const b = LongBits.from(v); v64(b.lo, b.hi); }
function s64(v) { const b = LongBits.from(v).zzEncode(); v64(b.lo, b.hi); }
// UTF-8 of well-formed text; protobufjs's two string writers differ on lone surrogates, so a
// string with one falls back.
function str(v) {
	if (typeof v !== "string") throw FALLBACK;
	const n = v.length;
	let len = 0;
	for (let i = 0; i < n; i++) {
		const c = v.charCodeAt(i);
		if (c < 0x80) len += 1;
		else if (c < 0x800) len += 2;
		else if (c >= 0xd800 && c <= 0xdfff) {
			const d = v.charCodeAt(i + 1);
			if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) throw FALLBACK;
			len += 4;
			i++;
		} else len += 3;
	}
	need(len + 5);
	v32(len);
	if (len === n) { for (let i = 0; i < n; i++) buf[pos++] = v.charCodeAt(i); return; }
	for (let i = 0; i < n; i++) {
		let c = v.charCodeAt(i);
		if (c < 0x80) buf[pos++] = c;
		else if (c < 0x800) { buf[pos++] = 0xc0 | (c >> 6); buf[pos++] = 0x80 | (c & 63); }
		else if (c >= 0xd800 && c <= 0xdbff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (v.charCodeAt(++i) - 0xdc00);
			buf[pos++] = 0xf0 | (c >> 18); buf[pos++] = 0x80 | ((c >> 12) & 63); buf[pos++] = 0x80 | ((c >> 6) & 63); buf[pos++] = 0x80 | (c & 63);
		} else { buf[pos++] = 0xe0 | (c >> 12); buf[pos++] = 0x80 | ((c >> 6) & 63); buf[pos++] = 0x80 | (c & 63); }
	}
}
function bytes(v) {
	if (!(v instanceof Uint8Array)) throw FALLBACK;
	need(v.length + 5);
	v32(v.length);
	buf.set(v, pos);
	pos += v.length;
}
function unknowns(u) {
	for (let i = 0; i < u.length; i++) { if (!(u[i] instanceof Uint8Array)) throw FALLBACK; need(u[i].length); buf.set(u[i], pos); pos += u[i].length; }
}
// Back-patches a sub-message's length into the byte reserved at s, moving the body if it needs more.
function delim(s) {
	const len = pos - s - 1;
	if (len < 128) { buf[s] = len; return; }
	const n = len < 16384 ? 2 : len < 2097152 ? 3 : len < 268435456 ? 4 : 5;
	need(n - 1);
	buf.copyWithin(s + n, s + 1, pos);
	pos += n - 1;
	const end = pos;
	pos = s;
	v32(len);
	pos = end;
}
`;

/**
 * The fast encoders' module (encode.js) and its declarations (encode.d.ts) for `schema`
 * (generated/schema.json's shape). Throws on a field type it has no encoder for.
 */
export function emitEncoders(schema, header) {
	const lines = [header.trim(), '/* eslint-disable */', RUNTIME];
	for (const [name, m] of Object.entries(schema.messages)) {
		const P = `cv2x.v1.${name}.prototype`;
		lines.push(`const P_${ident(name)} = ${P};`);
		lines.push(`function e_${ident(name)}(m) {`);
		// protobufjs tests hasOwnProperty per field; on plain objects and our own classes (whose
		// prototypes hold only defaults that are never written) "!= null" says the same.
		lines.push(`\tconst p = Object.getPrototypeOf(m); if (p !== OP && p !== P_${ident(name)}) throw FALLBACK;`, '\tlet v, u;');
		for (const f of [...m.fields].sort((a, b) => a.number - b.number)) lines.push(...fieldCode(name, f));
		lines.push('\tv = m.$unknowns; if (v != null) unknowns(v);', '}');
	}
	lines.push(
		'',
		'/**',
		' * A MessageFrame to its protobuf bytes, as a view of a shared buffer that the next call',
		' * overwrites (copy it). Throws FALLBACK (or any error) when protobufjs must encode it instead.',
		' */',
		`export function encodeFrameFast(m) {`,
		'\tpos = 0;',
		`\te_${ident(schema.frame)}(m);`,
		'\treturn buf.subarray(0, pos);',
		'}',
		''
	);
	const dts =
		header +
		'/** Thrown when a value is outside what the fast path reproduces exactly: encode with protobufjs. */\n' +
		'export declare const FALLBACK: { fallback: true };\n' +
		'/** A MessageFrame to its protobuf bytes, as a view of a shared buffer the next call overwrites. */\n' +
		'export declare function encodeFrameFast(m: unknown): Uint8Array;\n';
	return { js: lines.join('\n'), dts };
}
