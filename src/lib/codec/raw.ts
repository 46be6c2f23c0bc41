// Schema-less decode, like `protoc --decode_raw`: for bytes that are not a valid frame (or to
// see exactly what is on the wire). Length-delimited values are shown as a nested message when
// they parse as one, else as text when they are printable UTF-8, else as bytes.
import { toHex } from './bytes';
import { Cv2xError } from './errors';
import type { Dump, DumpNode } from './dump';
import { MAX_DEPTH, WireReader, WireType, WIRE_TYPE_NAMES, checkInputSize, readTag, u64String } from './wire';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function printable(s: string): boolean {
	// eslint-disable-next-line no-control-regex
	return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
}

/** Parses [start, end) as fields; throws on the first malformed byte. */
function walkRaw(buf: Uint8Array, start: number, end: number, path: string, out: DumpNode[], depth: number): void {
	const r = new WireReader(buf, start, end, path);
	while (!r.done) {
		const tag = readTag(r);
		const p = (path ? path + '.' : '') + tag.field;
		const node: DumpNode = {
			offset: tag.offset, length: 0, headerLength: r.pos - tag.offset, field: tag.field,
			wireType: tag.wireType, wireTypeName: WIRE_TYPE_NAMES[tag.wireType], name: String(tag.field), path: p, type: ''
		};
		switch (tag.wireType) {
			case WireType.VARINT: {
				const { lo, hi } = r.varint64();
				node.type = 'varint';
				node.value = u64String(lo, hi);
				// a zigzag or negative reading helps when the field is signed
				const signed = BigInt.asIntN(64, BigInt(node.value));
				if (signed < 0n) node.note = `as int64: ${signed}`;
				break;
			}
			case WireType.I64: {
				const p0 = r.pos;
				const { lo, hi } = r.fixed64();
				node.type = 'fixed64';
				node.value = u64String(lo, hi);
				node.note = `as double: ${new DataView(buf.buffer, buf.byteOffset + p0, 8).getFloat64(0, true)}`;
				break;
			}
			case WireType.I32: {
				const p0 = r.pos;
				const v = r.fixed32();
				node.type = 'fixed32';
				node.value = String(v);
				node.note = `as sfixed32: ${v | 0}, as float: ${new DataView(buf.buffer, buf.byteOffset + p0, 4).getFloat32(0, true)}`;
				break;
			}
			case WireType.LEN: {
				const [s, e] = r.lengthDelimited();
				node.headerLength = s - tag.offset;
				const children: DumpNode[] = [];
				let asMessage = false;
				if (e > s && depth < MAX_DEPTH) {
					try {
						walkRaw(buf, s, e, p, children, depth + 1);
						asMessage = true;
					} catch {
						asMessage = false;
					}
				}
				let text: string | undefined;
				try {
					text = utf8.decode(buf.subarray(s, e));
				} catch {
					text = undefined;
				}
				if (text !== undefined && printable(text) && (!asMessage || /^[\x20-\x7e]+$/.test(text))) {
					node.type = 'string';
					node.value = text;
				} else if (asMessage) {
					node.type = 'message';
					node.children = children;
				} else {
					node.type = 'bytes';
					node.value = toHex(buf.subarray(s, e), ' ');
				}
				break;
			}
			case WireType.SGROUP:
				throw new Cv2xError('bad_wire_type', `group (wire type 3) for field ${tag.field}: groups are not used by this model`, { offset: tag.offset, path: p });
			default:
				throw new Cv2xError('bad_tag', `end-group tag for field ${tag.field} without a start`, { offset: tag.offset, path: p });
		}
		node.length = r.pos - tag.offset;
		out.push(node);
	}
}

/** The schema-less dump. Never throws on bad bytes: the error comes back beside the tree. */
export function decodeRaw(bytes: Uint8Array): Dump {
	checkInputSize(bytes);
	const root: DumpNode = {
		offset: 0, length: bytes.length, headerLength: 0, field: 0, wireType: WireType.LEN, wireTypeName: 'LEN',
		name: '', path: '', type: 'raw', children: []
	};
	try {
		walkRaw(bytes, 0, bytes.length, '', root.children!, 0);
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
