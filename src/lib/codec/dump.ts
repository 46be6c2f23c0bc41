// Annotated wire dump: every field of the bytes with offset, length, tag, wire type, field
// path, decoded value and unit; nested messages form a tree whose byte ranges tile the input.
import { Cv2xError } from './errors';
import { enumIndex, messageIndex, schema, wireTypeOf, isPackable, type FieldMeta } from './schema';
import { toPhysical } from './units';
import { toHex } from './bytes';
import {
	MAX_DEPTH, WireReader, checkInputSize, WireType, WIRE_TYPE_NAMES, readTag, skipValue,
	s64String, u64String, zigzag64String
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
	children?: DumpNode[];
}

export interface Dump {
	/** The whole input as a node of type MessageFrame (or `raw`). */
	root: DumpNode;
	/** Set when the bytes are malformed: the tree holds everything read before the error. */
	error?: Cv2xError;
	bytes: Uint8Array;
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
function unknownValue(sub: WireReader, node: DumpNode, end: number) {
	const vStart = sub.pos;
	skipValue(sub, node.wireType, node.field);
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
function walkMessage(r: WireReader, end: number, typeName: string, path: string, out: DumpNode[], depth: number) {
	if (depth > MAX_DEPTH) throw new Cv2xError('too_deep', `messages nested deeper than ${MAX_DEPTH}`, { offset: r.pos, path });
	const idx = messageIndex(typeName);
	const counts = new Map<number, number>();
	const saveEnd = r.end;
	r.end = end;
	while (r.pos < end) {
		const sub = new WireReader(r.buf, r.pos, end, path);
		const tag = readTag(sub);
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
			unknownValue(sub, node, end);
		} else if (f.kind === 'message') {
			const [s, e] = sub.lengthDelimited();
			node.headerLength = s - headerStart;
			node.children = [];
			node.length = e - headerStart;
			walkMessage(new WireReader(r.buf, s, e, fieldPath), e, f.type, fieldPath, node.children, depth + 1);
		} else if (packed) {
			counts.set(f.number, packedElements(sub, node, f, first));
		} else if (f.type === 'string' || f.type === 'bytes') {
			const [s, e] = sub.lengthDelimited();
			node.headerLength = s - headerStart;
			const data = r.buf.subarray(s, e);
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
		r.pos = sub.pos;
	}
	r.end = saveEnd;
}

/**
 * The annotated dump of bytes read as `typeName` (default MessageFrame). Never throws on bad
 * bytes: the error is returned beside the tree of everything read before it.
 */
export function dumpMessage(bytes: Uint8Array, typeName: string = schema.frame): Dump {
	const root = rootNode(bytes, typeName);
	try {
		checkInputSize(bytes);
		walkMessage(new WireReader(bytes), bytes.length, typeName, '', root.children!, 0);
		return { root, bytes };
	} catch (e) {
		if (e instanceof Cv2xError) return { root, error: e, bytes };
		throw e;
	}
}

/** Throws the precise Cv2xError for malformed bytes (used to explain a failed decode). */
export function diagnose(bytes: Uint8Array, typeName: string = schema.frame): Cv2xError | undefined {
	return dumpMessage(bytes, typeName).error;
}
