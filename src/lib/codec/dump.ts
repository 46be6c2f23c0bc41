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
		let fieldPath: string;
		if (f) {
			const n = counts.get(f.number) ?? 0;
			counts.set(f.number, n + 1);
			fieldPath = (path ? path + '.' : '') + f.name + (f.repeated && !(isPackable(f) && tag.wireType === 2) ? `[${n}]` : '');
		} else fieldPath = (path ? path + '.' : '') + String(tag.field);
		const node: DumpNode = {
			offset: headerStart, length: 0, headerLength: sub.pos - headerStart, field: tag.field,
			wireType: tag.wireType, wireTypeName: WIRE_TYPE_NAMES[tag.wireType], name: f ? f.name : String(tag.field),
			path: fieldPath, type: f ? f.type : 'unknown'
		};
		out.push(node);
		sub.path = fieldPath;
		const expected = f ? wireTypeOf(f.type, f.kind) : -1;
		if (!f || (tag.wireType !== expected && !(isPackable(f) && tag.wireType === WireType.LEN))) {
			node.unknown = true;
			if (f) node.note = `wire type ${WIRE_TYPE_NAMES[tag.wireType]} does not match ${f.type} (${WIRE_TYPE_NAMES[expected]}); kept as an unknown field`;
			else node.note = `field ${tag.field} is not in ${typeName}; kept as an unknown field`;
			const vStart = sub.pos;
			skipValue(sub, tag.wireType, tag.field);
			if (tag.wireType === WireType.LEN) {
				const [s] = new WireReader(r.buf, vStart, end).lengthDelimited();
				node.headerLength = s - headerStart;
				node.value = toHex(r.buf.subarray(s, sub.pos), ' ');
			} else if (tag.wireType !== WireType.SGROUP) {
				node.value = scalarText(tag.wireType === 0 ? 'uint64' : tag.wireType === 1 ? 'fixed64' : 'fixed32', new WireReader(r.buf, vStart, end));
			}
		} else if (f.kind === 'message') {
			const [s, e] = sub.lengthDelimited();
			node.headerLength = s - headerStart;
			node.children = [];
			node.length = e - headerStart;
			walkMessage(new WireReader(r.buf, s, e, fieldPath), e, f.type, fieldPath, node.children, depth + 1);
		} else if (tag.wireType === WireType.LEN && isPackable(f)) {
			const [s, e] = sub.lengthDelimited();
			node.headerLength = s - headerStart;
			node.children = [];
			node.note = 'packed';
			const el = new WireReader(r.buf, s, e, fieldPath);
			let i = 0;
			while (el.pos < e) {
				const at = el.pos;
				const elPath = `${fieldPath}[${i++}]`;
				el.path = elPath;
				const child: DumpNode = {
					offset: at, length: 0, headerLength: 0, field: f.number, wireType: wireTypeOf(f.type, f.kind),
					wireTypeName: WIRE_TYPE_NAMES[wireTypeOf(f.type, f.kind)], name: f.name, path: elPath, type: f.type,
					value: scalarText(f.kind === 'enum' ? 'int32' : f.type, el)
				};
				child.length = el.pos - at;
				annotate(child, f);
				node.children.push(child);
			}
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
