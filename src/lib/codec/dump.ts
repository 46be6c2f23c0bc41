// Annotated wire dump: every field of the bytes with offset, length, tag, wire type, field
// path, decoded value and unit; nested messages form a tree whose byte ranges tile the input.
import { Cv2xError } from './errors';
import { enumIndex, messageIndex, schema, wireTypeOf, isPackable, type FieldMeta } from './schema';
import { toPhysical } from './units';
import { toHex } from './bytes';
import {
	MAX_DEPTH, WireReader, checkInputSize, WireType, WIRE_TYPE_NAMES, endGroupAlone, readTag, skipValue,
	s64String, tooDeep, u64String, zigzag64String
} from './wire';

export interface DumpNode {
	/** First byte of this node (its tag, or the element for packed values). */
	offset: number;
	/** Bytes covered, tag and length prefix included. */
	length: number;
	/** Bytes of tag + length prefix before the value itself. */
	headerLength: number;
	field: number;
	wireType: number;
	wireTypeName: string;
	/** Field name from the schema, or the number for unknown/raw fields. */
	name: string;
	/** Path like `bsm.pos.lat` or `map_data.nodes[0].name`. */
	path: string;
	/** Scalar type, message name, enum name, or a raw guess (`message?`, `string?`, `bytes`). */
	type: string;
	/** The decoded value as text (numbers exact, 64-bit as decimal strings). */
	value?: string;
	/** Enum value name, when the type is an enum. */
	enumName?: string;
	/** Physical reading ("12.50 m/s (45.0 km/h)") when the field has a unit. */
	physical?: string;
	unit?: string;
	/** True for fields the schema does not know, or whose wire type does not match it. */
	unknown?: boolean;
	note?: string;
	/** Decoding failed in this field (partial dumps only): why, naming the byte offset. */
	malformed?: string;
	/** The Cv2xError behind `malformed`, for an interface to say it in another language. */
	failure?: Cv2xError;
	/** A run of bytes left undecoded after a malformed field (partial dumps only); `value` is its hex. */
	raw?: boolean;
	children?: DumpNode[];
}

export interface Dump {
	/** The whole input as a node of type MessageFrame (or `raw`). */
	root: DumpNode;
	/** Set when the bytes are malformed: the tree holds everything read before the error (the first error, with `partial`). */
	error?: Cv2xError;
	bytes: Uint8Array;
}

/** Options of `dumpMessage`. */
export interface DumpOptions {
	/**
	 * Keep going past a malformed field, as Wireshark does: the field is marked `malformed` (it
	 * covers the bytes read before the failure), one `raw` node covers the rest of its enclosing
	 * message, and the walk continues after that message when its length was sound. A length
	 * prefix that runs past the input is clamped to the input and its message read as far as it
	 * goes. The tree then tiles the input even for malformed bytes.
	 */
	partial?: boolean;
}

/** One walk: its options, and the first error met when `partial` keeps going. */
interface Walk {
	partial: boolean;
	error?: Cv2xError;
}

function rootNode(bytes: Uint8Array, type: string): DumpNode {
	return {
		offset: 0, length: bytes.length, headerLength: 0, field: 0, wireType: WireType.LEN,
		wireTypeName: 'LEN', name: '', path: '', type, children: []
	};
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one scalar read from the wire into text, exactly. */
function scalarText(type: string, r: WireReader): string {
	switch (type) {
		case 'int32': { const { lo } = r.varint64(); return String(lo | 0); }
		case 'uint32': { const { lo } = r.varint64(); return String(lo >>> 0); }
		case 'sint32': { const { lo } = r.varint64(); return String((lo >>> 1) ^ -(lo & 1)); }
		case 'int64': { const { lo, hi } = r.varint64(); return s64String(lo, hi); }
		case 'uint64': { const { lo, hi } = r.varint64(); return u64String(lo, hi); }
		case 'sint64': { const { lo, hi } = r.varint64(); return zigzag64String(lo, hi); }
		case 'bool': { const { lo, hi } = r.varint64(); return lo || hi ? 'true' : 'false'; }
		case 'fixed32': return String(r.fixed32());
		case 'sfixed32': return String(r.fixed32() | 0);
		case 'float': {
			const p = r.pos; r.fixed32();
			return String(new DataView(r.buf.buffer, r.buf.byteOffset + p, 4).getFloat32(0, true));
		}
		case 'fixed64': { const { lo, hi } = r.fixed64(); return u64String(lo, hi); }
		case 'sfixed64': { const { lo, hi } = r.fixed64(); return s64String(lo, hi); }
		case 'double': {
			const p = r.pos; r.fixed64();
			return String(new DataView(r.buf.buffer, r.buf.byteOffset + p, 8).getFloat64(0, true));
		}
		default: throw new Error(`not a wire scalar: ${type}`);
	}
}

function annotate(node: DumpNode, f: FieldMeta) {
	if (f.kind === 'enum' && node.value !== undefined) {
		const v = enumIndex(f.type).byNumber.get(Number(node.value));
		node.enumName = v ? v.name : undefined;
		if (!v) node.note = `${node.value} is not a value of ${f.type}`;
	}
	if ((f.unit || f.unavailable !== undefined) && node.value !== undefined) {
		const phys = toPhysical(f, node.value);
		// a plain count reads the same as its value; only "unavailable" adds something
		if (phys.unavailable || (f.unit && f.unit.symbol !== '1')) node.physical = phys.text;
		if (f.unit && f.unit.symbol !== '1') node.unit = f.unit.text;
	}
}

/** Skips an unknown field's value, keeping it in the node as hex or a number. */
function unknownValue(sub: WireReader, node: DumpNode, end: number, depth: number) {
	const vStart = sub.pos;
	skipValue(sub, node.wireType, node.field, depth);
	if (node.wireType === WireType.LEN) {
		const [s] = new WireReader(sub.buf, vStart, end).lengthDelimited();
		node.headerLength = s - node.offset;
		node.value = toHex(sub.buf.subarray(s, sub.pos), ' ');
	} else if (node.wireType !== WireType.SGROUP) {
		const w = node.wireType;
		node.value = scalarText(w === 0 ? 'uint64' : w === 1 ? 'fixed64' : 'fixed32', new WireReader(sub.buf, vStart, end));
	}
}

/**
 * One packed chunk's elements as children of `node`, indexed from `first` (the elements of the
 * field read before, in earlier chunks or unpacked). Returns the next index.
 */
function packedElements(sub: WireReader, node: DumpNode, f: FieldMeta, first: number): number {
	const [s, e] = sub.lengthDelimited();
	node.headerLength = s - node.offset;
	node.children = [];
	node.note = 'packed';
	const el = new WireReader(sub.buf, s, e, node.path);
	const wt = wireTypeOf(f.type, f.kind);
	let i = first;
	while (el.pos < e) {
		const at = el.pos;
		const elPath = `${node.path}[${i++}]`;
		el.path = elPath;
		const child: DumpNode = {
			offset: at, length: 0, headerLength: 0, field: f.number, wireType: wt, wireTypeName: WIRE_TYPE_NAMES[wt],
			name: f.name, path: elPath, type: f.type, value: scalarText(f.kind === 'enum' ? 'int32' : f.type, el)
		};
		child.length = el.pos - at;
		annotate(child, f);
		node.children.push(child);
	}
	return i;
}

/** Walks one message's bytes [start, end) against the schema, appending nodes to `out`. */
function walkMessage(r: WireReader, end: number, typeName: string, path: string, out: DumpNode[], depth: number, walk: Walk) {
	if (depth > MAX_DEPTH) throw tooDeep(depth, r.pos, path);
	const idx = messageIndex(typeName);
	const counts = new Map<number, number>();
	const saveEnd = r.end;
	r.end = end;
	while (r.pos < end) {
		const sub = new WireReader(r.buf, r.pos, end, path);
		const before = out.length;
		try {
			readField(sub, end, idx, typeName, path, counts, out, depth, walk);
		} catch (e) {
			if (!walk.partial || !(e instanceof Cv2xError)) throw e;
			markFailure(e, out, before, r.pos, sub, end, path, walk);
			sub.pos = end;
		}
		r.pos = sub.pos;
	}
	r.end = saveEnd;
}

/** Reads one field (tag, then value) from `sub` into a node pushed on `out` before its value is read. */
function readField(sub: WireReader, end: number, idx: ReturnType<typeof messageIndex>, typeName: string, path: string, counts: Map<number, number>, out: DumpNode[], depth: number, walk: Walk) {
	const tag = readTag(sub);
	if (tag.wireType === WireType.EGROUP) throw endGroupAlone(tag.field, tag.offset, (path ? path + '.' : '') + tag.field);
	const f = idx.byNumber.get(tag.field);
	const headerStart = tag.offset;
	const expected = f ? wireTypeOf(f.type, f.kind) : -1;
	const packed = !!f && isPackable(f) && tag.wireType === WireType.LEN;
	const known = !!f && (tag.wireType === expected || packed);
	// elements of a repeated field count across chunks, packed or not, as a parser appends them
	const first = f ? counts.get(f.number) ?? 0 : 0;
	const fieldPath = (path ? path + '.' : '') + (f ? f.name : String(tag.field)) + (known && f!.repeated && !packed ? `[${first}]` : '');
	if (known && f!.repeated && !packed) counts.set(f!.number, first + 1);
	const node: DumpNode = {
		offset: headerStart, length: 0, headerLength: sub.pos - headerStart, field: tag.field,
		wireType: tag.wireType, wireTypeName: WIRE_TYPE_NAMES[tag.wireType], name: f ? f.name : String(tag.field),
		path: fieldPath, type: f ? f.type : 'unknown'
	};
	out.push(node);
	sub.path = fieldPath;
	if (!f || !known) {
		node.unknown = true;
		if (f) node.note = `wire type ${WIRE_TYPE_NAMES[tag.wireType]} does not match ${f.type} (${WIRE_TYPE_NAMES[expected]}); kept as an unknown field`;
		else node.note = `field ${tag.field} is not in ${typeName}; kept as an unknown field`;
		unknownValue(sub, node, end, depth);
	} else if (f.kind === 'message') {
		const [s, e] = walk.partial ? clampedLength(sub, end, node, walk) : sub.lengthDelimited();
		node.headerLength = s - headerStart;
		node.children = [];
		node.length = e - headerStart;
		walkMessage(new WireReader(sub.buf, s, e, fieldPath), e, f.type, fieldPath, node.children, depth + 1, walk);
	} else if (packed) {
		counts.set(f.number, packedElements(sub, node, f, first));
	} else if (f.type === 'string' || f.type === 'bytes') {
		const [s, e] = sub.lengthDelimited();
		node.headerLength = s - headerStart;
		const data = sub.buf.subarray(s, e);
		if (f.type === 'string') {
			try {
				node.value = utf8.decode(data);
			} catch {
				throw new Cv2xError('bad_utf8', `string field ${f.name} is not valid UTF-8`, { offset: s, path: fieldPath }, { key: 'utf8', params: { field: f.name } });
			}
		} else node.value = toHex(data, ' ');
	} else {
		node.value = scalarText(f.kind === 'enum' ? 'int32' : f.type, sub);
		annotate(node, f);
	}
	node.length = sub.pos - headerStart;
}

/**
 * A message's length prefix, clamped to `end` when it runs past it (a truncated message): the
 * node is marked malformed and the walk reads what is there. Returns [start, end) of the value.
 */
function clampedLength(sub: WireReader, end: number, node: DumpNode, walk: Walk): [number, number] {
	const at = sub.pos;
	const len = sub.length();
	const s = sub.pos;
	if (len <= end - s) {
		sub.pos = s + len;
		return [s, s + len];
	}
	const e = new Cv2xError('truncated', `length prefix says ${len} bytes but only ${end - s} remain`, { offset: at, path: node.path }, { key: 'lengthPrefix', params: { len, left: end - s } });
	walk.error ??= e;
	node.malformed = e.message;
	node.failure = e;
	sub.pos = end;
	return [s, end];
}

/** Hex shown for a raw run at most (the bytes pane shows all of them). */
const RAW_HEX_BYTES = 64;

/**
 * After `e` stopped a field that began at `at`: the field's node (if its tag was read and some of
 * it before the failure) is cut at the failure and marked malformed; one raw node covers the
 * rest of the enclosing message [failure, end) (marked malformed itself when the field's node
 * is gone: the tag was unreadable).
 */
function markFailure(e: Cv2xError, out: DumpNode[], before: number, at: number, sub: WireReader, end: number, path: string, walk: Walk) {
	walk.error ??= e;
	// a length prefix's error points at the prefix; the field's bytes run to after it
	const failAt = Math.min(end, Math.max(at, e.detail?.key === 'lengthPrefix' ? sub.pos : e.offset ?? at));
	let node: DumpNode | undefined = out.length > before ? out[before] : undefined;
	out.length = Math.min(out.length, before + 1);
	if (node && failAt > node.offset) {
		node.length = failAt - node.offset;
		node.headerLength = Math.min(node.headerLength, node.length);
		node.malformed = e.message;
		node.failure = e;
		if (node.children && !node.note?.startsWith('packed')) node.children = undefined;
	} else {
		if (node) out.length = before;
		node = undefined;
	}
	if (failAt >= end) return;
	const raw: DumpNode = {
		offset: failAt, length: end - failAt, headerLength: 0, field: 0, wireType: -1, wireTypeName: '', name: 'raw',
		path, type: 'raw', raw: true, value: toHex(sub.buf.subarray(failAt, Math.min(end, failAt + RAW_HEX_BYTES)), ' ') + (end - failAt > RAW_HEX_BYTES ? ' …' : ''),
		note: `${end - failAt} bytes not decoded (byte offset ${failAt}..${end - 1})`
	};
	if (!node) {
		raw.malformed = e.message;
		raw.failure = e;
	}
	out.push(raw);
}

/**
 * The annotated dump of bytes read as `typeName` (default MessageFrame). Never throws on bad
 * bytes: the error is returned beside the tree of everything read before it. With
 * `options.partial` the walk goes on past malformed fields (see `DumpOptions`) and `error` is
 * the first one met; without it, it stops at the first. The walk goes by the rules of
 * `WireReader` (protoc's), so it accepts exactly what `decodeFrame` accepts, with the same error.
 * Limits: input up to MAX_INPUT_BYTES, nesting up to MAX_DEPTH (an error names the depth and
 * offset); time and memory proportional to the input: one node per field (about 170 bytes
 * each, so 4 MiB of 2-byte fields, 2 M nodes, take about 350 MB and 1.6 s of CPU), each value's
 * text made once (hex of a bytes value written in one pass).
 */
export function dumpMessage(bytes: Uint8Array, typeName: string = schema.frame, options: DumpOptions = {}): Dump {
	const root = rootNode(bytes, typeName);
	const walk: Walk = { partial: !!options.partial };
	try {
		checkInputSize(bytes);
		walkMessage(new WireReader(bytes), bytes.length, typeName, '', root.children!, 0, walk);
		return walk.error ? { root, error: walk.error, bytes } : { root, bytes };
	} catch (e) {
		if (e instanceof Cv2xError) return { root, error: e, bytes };
		throw e;
	}
}

/** Throws the precise Cv2xError for malformed bytes (used to explain a failed decode). */
export function diagnose(bytes: Uint8Array, typeName: string = schema.frame): Cv2xError | undefined {
	return dumpMessage(bytes, typeName).error;
}
