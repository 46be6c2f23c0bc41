// Bit-level annotated dump of a UPER encoding: the engine's trace (per/context.ts TraceNode)
// arranged as a tree whose leaves tile the input bit by bit, each leaf labelled with what the
// bits are (preamble, extension bit, length determinant, choice index, value...), its field path
// and its value with meaning (physical unit, enumeration identifier, text of an id). The UPER
// counterpart of the protobuf wire dump (codec/dump.ts), in bits instead of bytes.
import { de, type DataElement } from '../codec';
import { decimalsFor } from '../codec/units';
import { MessageContext, uperFieldMeaning, type Meaning, type MeaningContext } from '../meaning';
import { UperError, type UperErrorCode } from './errors';
import { decode } from './per';
import type { TraceNode, TraceRole } from './per';
import type { AsnType, AsnValue, BitStringValue, SchemaSet } from './schema';

/**
 * What a run of bits is: the engine's trace roles, plus `trailing` (the zero bits after the
 * value up to the octet boundary, X.691 10.1.3) and `unread` (bits after a decoding error).
 */
export type UperDumpRole = TraceRole | 'trailing' | 'unread';

/** One node of the bit dump. Offsets and widths in bits, MSB of the first octet = bit 0. */
export interface UperDumpNode {
	role: UperDumpRole;
	/** The component or alternative identifier (`lat`, `crumbData[0]`); the role for structural bits. */
	name: string;
	/** Field path as the engine names it (`bsmFrame.pos.lat`, `""` for the top level). */
	path: string;
	bitOffset: number;
	bitWidth: number;
	/** The ASN.1 type name when the field's type is a reference (`Latitude`, `Speed`). */
	typeName?: string;
	/** The value as text: a number, an identifier, hex octets, bits, a quoted string. */
	value?: string;
	/** What the value means: a physical reading with unit, "unavailable", the text of an id, the present components. */
	meaning?: string;
	/** The meaning as a text key and params where it is a phrase (`unavailable`, `present`, `count`), for translation. */
	said?: Said;
	/** The unit of the physical reading, as the data element states it ("0.02 m/s"). */
	unit?: string;
	/** What the value means in both languages (src/lib/meaning: enumeration names, named bits, times, positions...). */
	meanings?: Meaning;
	/** The constraint of the type the bits break (a PER-visible constraint the decoder refused), in both languages. */
	violation?: Meaning;
	/** Decoding failed in this field: why, naming the bit offset, in both languages. Its last child is the `unread` rest. */
	malformed?: Meaning;
	/** Parts of a value (absent for a leaf). */
	children?: UperDumpNode[];
}

/** What a dump may take beyond the bits. */
export interface UperDumpOptions {
	/** The base of every value's meaning: a reference time (capture time) for the year and hour, the year, the local zone. */
	meaning?: MeaningContext;
}

/** A phrase of the dump, as a key (`unavailable`, `nonePresent`, `present`, `noneSet`, `count`) and its params. */
export interface Said {
	key: 'unavailable' | 'nonePresent' | 'present' | 'noneSet' | 'count';
	params?: Record<string, string | number>;
}

/** A bit dump: the tree, the bits the value took, and the error when the bytes did not decode. */
export interface UperDump {
	root: UperDumpNode;
	/** Bits the value took (up to the error, if any). */
	bits: number;
	bytes: Uint8Array;
	error?: UperError;
}

/** The label a learner reads for each role (English; the UI translates by role). */
export const ROLE_LABELS: Record<UperDumpRole, string> = {
	value: 'value',
	'extension-bit': 'extension bit',
	preamble: 'preamble',
	length: 'length determinant',
	'choice-index': 'choice index',
	'enum-index': 'enumeration index',
	'bitmap-length': 'extension bitmap length',
	'extension-bitmap': 'extension presence bitmap',
	'open-type-length': 'open-type length',
	padding: 'padding',
	unknown: 'unknown contents',
	field: 'field',
	trailing: 'padding',
	unread: 'unread'
};

/**
 * Decodes `bytes` as `type` (a type or a name in `set`) and returns its bit dump (X.691 unaligned
 * PER; roles per X.691 10.5–10.9, 13, 19, 23). The leaves of `root` tile bits [0, 8·length):
 * the value's own bits, then `trailing` padding up to the octet boundary and, after an error,
 * one `unread` leaf up to the end. Never throws for bad bytes: the UperError (with bit offset and
 * field path) is in `error` and the tree holds every field finished before it.
 */
export function dumpUper(type: AsnType | string, bytes: Uint8Array, set: SchemaSet, options: UperDumpOptions = {}): UperDump {
	const nodes: TraceNode[] = [];
	let error: UperError | undefined;
	let bits = 0;
	try {
		bits = decode(type, bytes, set, { trace: (n) => nodes.push(n) }).bits;
	} catch (e) {
		if (!(e instanceof UperError)) throw e;
		error = e;
	}
	const root = buildTree(nodes, bytes, set, new MessageContext(options.meaning ?? {}));
	if (error) bits = lastLeafEnd(root);
	const total = Math.max(bytes.length * 8, bits);
	root.bitOffset = 0;
	root.bitWidth = total;
	if (error) placeError(root, error, bits, total);
	else if (total > bits) root.children!.push(tail('trailing', bits, total - bits, root.path));
	return { root, bits, bytes, error };
}

/** True when `path` is `prefix` or lies under it (`a.b` under `a`, `a[0]` under `a`; everything under ``). */
function isWithin(path: string, prefix: string): boolean {
	return prefix === '' || path === prefix || path.startsWith(prefix + '.') || path.startsWith(prefix + '[');
}

/** `a.b[2].c` -> [`a`, `a.b`, `a.b[2]`, `a.b[2].c`]. */
function prefixesOf(path: string): string[] {
	const out: string[] = [];
	for (let i = 1; i <= path.length; i++) if (i === path.length || path[i] === '.' || path[i] === '[') out.push(path.slice(0, i));
	return out;
}

/**
 * After a decoding error: the fields it interrupted (every prefix of its path, unfinished so
 * absent from the trace) become nodes holding the parts decoded inside them; the innermost is
 * marked `malformed` (and `violation` when a PER-visible constraint was broken) and ends with one
 * `unread` node for the rest of the bits [bits, total). Each interrupted field runs to the end.
 */
function placeError(root: UperDumpNode, error: UperError, bits: number, total: number): void {
	let at = root;
	for (const p of prefixesOf(error.path)) {
		const kids = at.children!;
		let from = kids.length;
		while (from > 0 && isWithin(kids[from - 1].path, p) && kids[from - 1].path !== at.path) from--;
		const parts = kids.splice(from);
		const node: UperDumpNode = { role: 'field', name: lastName(p), path: p, bitOffset: parts[0]?.bitOffset ?? bits, bitWidth: 0, children: parts };
		node.bitWidth = total - node.bitOffset;
		kids.push(node);
		at = node;
	}
	const rest = total > bits ? tail('unread', bits, total - bits, error.path) : undefined;
	if (rest) at.children!.push(rest);
	// an error at the top level has no field of its own: the unread bits carry the mark
	const bad = at === root ? rest : at;
	if (!bad) return;
	bad.malformed = uperErrorText(error);
	if (UPER_CONSTRAINT_CODES.has(error.code)) bad.violation = { en: `${UPER_CODES[error.code].en}: ${error.message}`, zh: `${UPER_CODES[error.code].zh}：${error.message}` };
}

/** What each UPER error code says, in both languages (X.691 terms). */
const UPER_CODES: Record<UperErrorCode, Meaning> = {
	truncated: { en: 'the encoding ends early', zh: '编码提前结束' },
	trailing_bits: { en: 'bits after the value', zh: '值之后还有多余的比特' },
	out_of_range: { en: 'value outside its constraint', zh: '取值超出约束范围' },
	bad_size: { en: 'SIZE constraint broken', zh: '不满足 SIZE 约束' },
	bad_length: { en: 'bad length determinant', zh: '长度决定因子有误' },
	bad_value: { en: 'bad value', zh: '取值有误' },
	bad_choice: { en: 'CHOICE index not in the type', zh: 'CHOICE 索引不在类型中' },
	bad_enum: { en: 'ENUMERATED index not in the type', zh: 'ENUMERATED 索引不在类型中' },
	bad_char: { en: 'character outside the permitted alphabet', zh: '字符不在允许的字母表中' },
	bad_utf8: { en: 'not valid UTF-8', zh: '不是有效的 UTF-8' },
	missing_component: { en: 'a mandatory component is missing', zh: '缺少必选成分' },
	unknown_type: { en: 'unknown type', zh: '未知类型' },
	bad_open_type: { en: 'bad open type', zh: '开放类型有误' },
	too_deep: { en: 'nested too deep', zh: '嵌套过深' },
	too_large: { en: 'too large', zh: '过大' }
};

/** The error codes that are a PER-visible constraint of the type broken by the bits (X.691 9.3). */
export const UPER_CONSTRAINT_CODES: ReadonlySet<UperErrorCode> = new Set<UperErrorCode>(['out_of_range', 'bad_size', 'bad_enum', 'bad_choice', 'bad_char']);

/** A UPER decoding error in both languages: its message (bit offset, path), and in Chinese its kind, place and message. */
export function uperErrorText(e: Pick<UperError, 'code' | 'message' | 'bitOffset' | 'path'>): Meaning {
	const kind = UPER_CODES[e.code] ?? { en: e.code, zh: e.code };
	return { en: e.message, zh: `${kind.zh}，位置 ${e.path || '（顶层）'}（比特偏移 ${e.bitOffset}）：${e.message}` };
}

function tail(role: 'unread' | 'trailing', bitOffset: number, bitWidth: number, path: string): UperDumpNode {
	return { role, name: ROLE_LABELS[role], path, bitOffset, bitWidth };
}

function lastLeafEnd(node: UperDumpNode): number {
	const kids = node.children;
	if (!kids || kids.length === 0) return node.children ? node.bitOffset : node.bitOffset + node.bitWidth;
	return lastLeafEnd(kids[kids.length - 1]);
}

/** True when `child` (finished before `parent`, post-order) is one of its parts. */
function isPartOf(child: UperDumpNode, parent: TraceNode): boolean {
	if (child.bitOffset < parent.bitOffset || child.bitOffset + child.bitWidth > parent.bitOffset + parent.bitWidth) return false;
	// A zero-width sibling finished just before would fit any range: the path tells them apart.
	const p = parent.path;
	return p === '' || child.path === p || child.path.startsWith(p + '.') || child.path.startsWith(p + '[');
}

/**
 * The trace (leaves in input order, each `field` after its parts) as a tree: a stack of finished
 * nodes; a field takes the nodes on top that lie inside its bits and under its path. What is
 * left on the stack (all of it after an error) hangs under a synthetic root.
 */
function buildTree(trace: TraceNode[], bytes: Uint8Array, set: SchemaSet, mc: MessageContext): UperDumpNode {
	const stack: UperDumpNode[] = [];
	for (const t of trace) {
		if (t.leaf) {
			stack.push(leafNode(t, bytes));
			continue;
		}
		let from = stack.length;
		while (from > 0 && isPartOf(stack[from - 1], t)) from--;
		stack.push(fieldNode(t, stack.splice(from), bytes, set, mc));
	}
	if (stack.length === 1 && stack[0].path === '' && stack[0].children) return stack[0];
	return { role: 'field', name: '', path: '', bitOffset: 0, bitWidth: 0, children: stack };
}

function lastName(path: string): string {
	const dot = path.lastIndexOf('.');
	return dot < 0 ? path : path.slice(dot + 1);
}

function leafNode(t: TraceNode, bytes: Uint8Array): UperDumpNode {
	const n: UperDumpNode = { role: t.role, name: t.role === 'value' ? lastName(t.path) : ROLE_LABELS[t.role], path: t.path, bitOffset: t.bitOffset, bitWidth: t.bitWidth };
	if (t.role === 'choice-index' || t.role === 'enum-index') n.value = String(t.value);
	else if (t.role === 'open-type-length' || t.role === 'bitmap-length') n.value = lengthText(t, bytes);
	// presence and extension bits mean what they are: show them as bits
	else if (FLAG_ROLES.has(t.role) && t.bitWidth <= 64) n.value = bitText(bytes, t.bitOffset, t.bitWidth);
	return n;
}

/** An open type's or bitmap's length as the number it says (X.691 10.9.3.6/7 general length; 10.9.3.4 normally small). */
function lengthText(t: TraceNode, bytes: Uint8Array): string | undefined {
	if (t.role === 'bitmap-length') return t.bitWidth === 7 ? String(bitsAt(bytes, t.bitOffset + 1, 6) + 1) : undefined;
	if (t.role !== 'open-type-length') return undefined;
	if (t.bitWidth === 8) return String(bitsAt(bytes, t.bitOffset + 1, 7));
	if (t.bitWidth === 16) return String(bitsAt(bytes, t.bitOffset + 2, 14));
	return undefined;
}

/** How many items, octets, characters or bits a sized value holds, for its length determinant. */
function countText(v: AsnValue | undefined): Pick<UperDumpNode, 'value' | 'meaning' | 'said'> {
	const [count, what] = Array.isArray(v)
		? [v.length, 'items']
		: v instanceof Uint8Array
			? [v.length, 'octets']
			: typeof v === 'string'
				? [[...v].length, 'characters']
				: isBitString(v)
					? [v.length, 'bits']
					: [undefined, ''];
	if (count === undefined) return {};
	return { value: String(count), meaning: `${count} ${what}`, said: { key: 'count', params: { count, what } } };
}

const FLAG_ROLES = new Set<UperDumpRole>(['extension-bit', 'preamble', 'extension-bitmap']);

/** The `width` bits at `offset` as '0'/'1' characters. */
function bitText(bytes: Uint8Array, offset: number, width: number): string {
	let s = '';
	for (let i = 0; i < width; i++) s += bitsAt(bytes, offset + i, 1);
	return s;
}

/** The `width` (≤ 31) bits at `offset` as an unsigned number. */
export function bitsAt(bytes: Uint8Array, offset: number, width: number): number {
	let v = 0;
	for (let i = 0; i < width; i++) {
		const at = offset + i;
		v = v * 2 + ((bytes[at >> 3] >> (7 - (at & 7))) & 1);
	}
	return v;
}

/**
 * A finished field: a primitive whose only part is its value bits collapses into one leaf that
 * keeps the type name; a field with parts keeps them as children. Its meaning is asked here, in
 * trace order (parts first), so offsets find the refPos decoded before them.
 */
function fieldNode(t: TraceNode, parts: UperDumpNode[], bytes: Uint8Array, set: SchemaSet, mc: MessageContext): UperDumpNode {
	const type = t.typeName ? set.types[t.typeName] : undefined;
	const described: Pick<UperDumpNode, 'value' | 'meaning' | 'said' | 'unit' | 'meanings'> = describe(t.value, t.typeName, type);
	const meanings = uperFieldMeaning(t.path, t.value as never, t.typeName, type, mc);
	if (meanings) described.meanings = meanings;
	if (parts.length === 1 && !parts[0].children && (parts[0].role === 'value' || parts[0].role === 'enum-index')) {
		return { ...parts[0], name: lastName(t.path), typeName: t.typeName, ...described, value: described.value ?? parts[0].value };
	}
	const node: UperDumpNode = { role: 'field', name: lastName(t.path), path: t.path, bitOffset: t.bitOffset, bitWidth: t.bitWidth, typeName: t.typeName, children: parts };
	if (meanings) node.meanings = meanings;
	if (isPrimitive(t.value)) Object.assign(node, described);
	else if (type?.kind === 'choice' && t.value && typeof t.value === 'object') node.value = Object.keys(t.value)[0];
	for (const p of parts) {
		if (p.role === 'preamble' && type?.kind === 'sequence') Object.assign(p, presentText(bytes, p, type));
		else if (p.role === 'length' && p.path === t.path && parts.filter((q) => q.role === 'length').length === 1) Object.assign(p, countText(t.value));
	}
	return node;
}

function isBitString(v: AsnValue | undefined): v is BitStringValue {
	return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v) && (v as BitStringValue).bits instanceof Uint8Array && typeof (v as BitStringValue).length === 'number' && Object.keys(v).length === 2;
}

function isPrimitive(v: AsnValue | undefined): boolean {
	return v === null || typeof v !== 'object' || v instanceof Uint8Array || isBitString(v);
}

/** The preamble's bits read as the names of the OPTIONAL/DEFAULT root components present (X.691 19.2). */
function presentText(bytes: Uint8Array, p: UperDumpNode, type: Extract<AsnType, { kind: 'sequence' }>): Pick<UperDumpNode, 'meaning' | 'said'> {
	const optional = [...type.components, ...(type.trailingRoot ?? [])].filter((c) => c.optional || c.default !== undefined);
	if (optional.length !== p.bitWidth) return {};
	const present = optional.filter((_, i) => bitsAt(bytes, p.bitOffset + i, 1) === 1).map((c) => c.name);
	if (!present.length) return { meaning: 'none present', said: { key: 'nonePresent' } };
	return { meaning: `present: ${present.join(', ')}`, said: { key: 'present', params: { names: present.join(', ') } } };
}

const printable = /^[\x20-\x7e]+$/;

/** Hex of octets ("0a1b…"), with the bytes as text when they are all printable ASCII. */
function octetsText(v: Uint8Array): { value: string; meaning?: string } {
	let hex = '';
	for (const b of v) hex += b.toString(16).padStart(2, '0');
	const text = String.fromCharCode(...v.subarray(0, 256));
	return printable.test(text) && v.length <= 256 ? { value: hex, meaning: JSON.stringify(text) } : { value: hex };
}

function bitStringText(v: BitStringValue, type: AsnType | undefined): Pick<UperDumpNode, 'value' | 'meaning' | 'said'> {
	let s = '';
	for (let i = 0; i < v.length && i < 256; i++) s += (v.bits[i >> 3] >> (7 - (i & 7))) & 1;
	const named = type?.kind === 'bitString' ? type.namedBits : undefined;
	if (!named) return { value: `'${s}'B` };
	const set = Object.entries(named).filter(([, bit]) => bit < v.length && s[bit] === '1').map(([name]) => name);
	return set.length ? { value: `'${s}'B`, meaning: set.join(', ') } : { value: `'${s}'B`, meaning: 'none set', said: { key: 'noneSet' } };
}

/** The data element of an ASN.1 type name (`OffsetLL-B24` is `de.OffsetLL_B24`), if the codec knows it. */
function elementOfType(typeName: string | undefined): DataElement | undefined {
	if (!typeName) return undefined;
	return (de as unknown as Record<string, DataElement | undefined>)[typeName.replace(/-/g, '_')];
}

/**
 * A value as text with its meaning: an INTEGER through its data element (physical value with
 * unit, or "unavailable") or its named numbers; octets as hex (and text); bits with named bits.
 */
export function describe(v: AsnValue | undefined, typeName: string | undefined, type: AsnType | undefined): Pick<UperDumpNode, 'value' | 'meaning' | 'said' | 'unit'> {
	if (v === undefined) return {};
	if (typeof v === 'number' || typeof v === 'bigint') return integerText(v, typeName, type);
	if (typeof v === 'boolean') return { value: String(v) };
	if (v === null) return { value: 'NULL' };
	if (typeof v === 'string') return { value: type?.kind === 'charString' ? JSON.stringify(v) : v };
	if (v instanceof Uint8Array) return octetsText(v);
	if (isBitString(v)) return bitStringText(v, type);
	return {};
}

function integerText(v: number | bigint, typeName: string | undefined, type: AsnType | undefined): Pick<UperDumpNode, 'value' | 'meaning' | 'said' | 'unit'> {
	const value = String(v);
	const named = type?.kind === 'integer' ? type.named : undefined;
	const name = named && Object.entries(named).find(([, n]) => n === Number(v))?.[0];
	const el = elementOfType(typeName);
	if (!el || typeof v !== 'number' || el.unit === '1') return name ? { value, meaning: name } : { value };
	const physical = el.toPhysical(v);
	if (physical === null) return { value, meaning: 'unavailable', said: { key: 'unavailable' }, unit: el.unitText };
	return { value, meaning: `${physical.toFixed(decimalsFor(el.factor))} ${el.unit}`, unit: el.unitText };
}

/** Every leaf of a dump, in input order (what tiles the bits). */
export function dumpLeaves(root: UperDumpNode): UperDumpNode[] {
	const out: UperDumpNode[] = [];
	const walk = (n: UperDumpNode) => {
		if (n.children) n.children.forEach(walk);
		else out.push(n);
	};
	walk(root);
	return out;
}
