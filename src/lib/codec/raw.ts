// Schema-less decode, like `protoc --decode_raw`: for bytes that are not a valid frame (or to
// see exactly what is on the wire). Length-delimited values are shown as a nested message when
// they parse as one, else as text when they are printable UTF-8, else as bytes.
import { toHex } from './bytes';
import { Cv2xError } from './errors';
import type { Dump, DumpNode } from './dump';
import { MAX_DEPTH, WireReader, WireType, WIRE_TYPE_NAMES, checkInputSize, endGroupAlone, readTag, s64String, tooDeep, u64String } from './wire';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when every byte of [s, e) is printable ASCII (checked on the bytes: no text is made). */
function printableAscii(buf: Uint8Array, s: number, e: number): boolean {
	for (let i = s; i < e; i++) if (buf[i] < 0x20 || buf[i] > 0x7e) return false;
	return true;
}

function printable(s: string): boolean {
	// eslint-disable-next-line no-control-regex
	return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
}

/**
 * Parses fields from the reader's position: to its end, or (`group` > 0) to the end tag of that
 * group. Throws on the first malformed byte. `depth` is the nesting of the fields read (groups
 * count, as in protoc); a group past MAX_DEPTH is an error, a length-delimited value past it is
 * not tried as a message.
 */
function walkRaw(r: WireReader, path: string, out: DumpNode[], depth: number, group = 0, groupAt = 0): void {
	const base = r.path;
	for (;;) {
		if (r.done) {
			if (group) throw new Cv2xError('truncated', `group ${group} has no end tag`, { offset: groupAt, path: path || undefined }, { key: 'groupNoEnd', params: { field: group } });
			return;
		}
		r.path = base;
		const tag = readTag(r);
		if (tag.wireType === WireType.EGROUP) {
			if (tag.field === group) return;
			if (group) throw new Cv2xError('bad_tag', `end group ${tag.field} does not match start group ${group}`, { offset: tag.offset, path: path || undefined }, { key: 'groupMismatch', params: { field: tag.field, want: group } });
			throw endGroupAlone(tag.field, tag.offset, (path ? path + '.' : '') + tag.field);
		}
		const p = (path ? path + '.' : '') + tag.field;
		const node: DumpNode = {
			offset: tag.offset, length: 0, headerLength: r.pos - tag.offset, field: tag.field,
			wireType: tag.wireType, wireTypeName: WIRE_TYPE_NAMES[tag.wireType], name: String(tag.field), path: p, type: ''
		};
		r.path = p;
		rawValue(r, node, depth);
		node.length = r.pos - tag.offset;
		out.push(node);
	}
}

/** Reads the value of `node` (its tag read) into it. */
function rawValue(r: WireReader, node: DumpNode, depth: number): void {
	const buf = r.buf;
	switch (node.wireType) {
		case WireType.VARINT: {
			const { lo, hi } = r.varint64();
			node.type = 'varint';
			node.value = u64String(lo, hi);
			// a negative reading helps when the field is signed
			if (hi & 0x80000000) node.note = `as int64: ${s64String(lo, hi)}`;
			return;
		}
		case WireType.I64: {
			const p0 = r.pos;
			const { lo, hi } = r.fixed64();
			node.type = 'fixed64';
			node.value = u64String(lo, hi);
			node.note = `as double: ${new DataView(buf.buffer, buf.byteOffset + p0, 8).getFloat64(0, true)}`;
			return;
		}
		case WireType.I32: {
			const p0 = r.pos;
			const v = r.fixed32();
			node.type = 'fixed32';
			node.value = String(v);
			node.note = `as sfixed32: ${v | 0}, as float: ${new DataView(buf.buffer, buf.byteOffset + p0, 4).getFloat32(0, true)}`;
			return;
		}
		case WireType.LEN:
			lenValue(r, node, depth);
			return;
		default: {
			// a group: its fields up to the matching end tag, one level deeper (as protoc counts)
			if (depth + 1 > MAX_DEPTH) throw tooDeep(depth + 1, node.offset, node.path);
			node.type = 'group';
			node.children = [];
			walkRaw(r, node.path, node.children, depth + 1, node.field, node.offset);
		}
	}
}

/**
 * A length-delimited value: a nested message when it parses as one (and is not all printable
 * ASCII), else text when it is printable UTF-8, else bytes. Each byte is decoded as text or hex
 * once at most per level, so the work stays proportional to the input times the nesting.
 */
function lenValue(r: WireReader, node: DumpNode, depth: number): void {
	const buf = r.buf;
	const [s, e] = r.lengthDelimited();
	node.headerLength = s - node.offset;
	if (e > s && depth + 1 <= MAX_DEPTH && !printableAscii(buf, s, e)) {
		const children: DumpNode[] = [];
		try {
			walkRaw(new WireReader(buf, s, e, node.path), node.path, children, depth + 1);
			node.type = 'message';
			node.children = children;
			return;
		} catch (err) {
			if (!(err instanceof Cv2xError)) throw err;
		}
	}
	let text: string | undefined;
	try {
		text = utf8.decode(buf.subarray(s, e));
	} catch {
		text = undefined;
	}
	if (text !== undefined && printable(text)) {
		node.type = 'string';
		node.value = text;
	} else {
		node.type = 'bytes';
		node.value = toHex(buf.subarray(s, e), ' ');
	}
}

/**
 * The schema-less dump, like `protoc --decode_raw` (and as strict: see WireReader; groups are
 * read as protoc reads them, nested at most MAX_DEPTH deep). Never throws on bad bytes: the error
 * comes back beside the tree of what was read before it. Input up to MAX_INPUT_BYTES; time and
 * memory grow with the input's length times its nesting of length-delimited values (at most
 * MAX_DEPTH levels are tried as messages).
 */
export function decodeRaw(bytes: Uint8Array): Dump {
	checkInputSize(bytes);
	const root: DumpNode = {
		offset: 0, length: bytes.length, headerLength: 0, field: 0, wireType: WireType.LEN, wireTypeName: 'LEN',
		name: '', path: '', type: 'raw', children: []
	};
	try {
		walkRaw(new WireReader(bytes), '', root.children!, 0);
		return { root, bytes };
	} catch (e) {
		if (e instanceof Cv2xError) return { root, bytes, error: e };
		throw e;
	}
}

/** Text like protoc --decode_raw prints. */
export function formatRaw(node: DumpNode, indent = ''): string {
	let s = '';
	for (const c of node.children ?? []) {
		if (c.children) s += `${indent}${c.field} {\n${formatRaw(c, indent + '  ')}${indent}}\n`;
		else if (c.type === 'string') s += `${indent}${c.field}: ${JSON.stringify(c.value)}\n`;
		else if (c.type === 'bytes') s += `${indent}${c.field}: <${c.value}>\n`;
		else s += `${indent}${c.field}: ${c.value}\n`;
	}
	return s;
}
