// The lines of `cv2x inspect` produced one at a time (generators over the dump tree, walked with an
// explicit stack), so a dump at the 4 MiB input limit is written as it is made: time and memory
// grow with the input, never with its square, and no recursion depth depends on the input.
import type { DumpNode } from '../lib/codec';

/** A tree node as both dumps shape them. */
interface TreeNode<T> {
	children?: T[];
}

/**
 * Every node under `root` in pre-order (a node before its children) with its depth: the root's
 * children have depth 0 (the root itself, with `withRoot`, depth 0 and its children 1).
 */
export function* walkTree<T extends TreeNode<T>>(root: T, withRoot = false): Generator<{ node: T; depth: number }> {
	const stack: { nodes: T[]; i: number; depth: number }[] = [];
	if (withRoot) yield { node: root, depth: 0 };
	if (root.children?.length) stack.push({ nodes: root.children, i: 0, depth: withRoot ? 1 : 0 });
	while (stack.length) {
		const top = stack[stack.length - 1];
		if (top.i === top.nodes.length) {
			stack.pop();
			continue;
		}
		const node = top.nodes[top.i++];
		yield { node, depth: top.depth };
		if (node.children?.length) stack.push({ nodes: node.children, i: 0, depth: top.depth + 1 });
	}
}

/** Bytes shown per row before the cut. */
const ROW_BYTES = 12;

/** The protobuf table's header line. */
export const PROTOBUF_HEADER = ['offset', 'len', 'fld', 'wire  ', 'field'.padEnd(34), 'type'.padEnd(22), 'bytes'.padEnd(38), 'value'].join(' ');

const HEX_PAIRS = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** bytes[from, to) as space-separated hex pairs: a row's few bytes, without the codec's buffer set-up per call. */
function hexPairs(bytes: Uint8Array, from: number, to: number): string {
	let s = '';
	for (let i = from; i < to; i++) s += i > from ? ' ' + HEX_PAIRS[bytes[i]] : HEX_PAIRS[bytes[i]];
	return s;
}

/** Nesting depth of a dump path (`bsm.pos.lat` is 2): dots counted, nothing allocated. */
function depthOf(path: string): number {
	let n = 0;
	for (let i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) n++;
	return n;
}

/**
 * One row of the protobuf table: byte offset, length, field number, wire type, field name
 * indented by depth, type, the first bytes (tag and length only, for a message), and the value
 * with its enum name, physical reading and note.
 */
export function protobufRow(n: DumpNode, bytes: Uint8Array): string {
	const depth = depthOf(n.path);
	const indent = INDENTS[depth] ?? '  '.repeat(depth);
	const hexEnd = n.children ? n.offset + n.headerLength : n.offset + n.length;
	let hex = hexPairs(bytes, n.offset, Math.min(hexEnd, n.offset + ROW_BYTES));
	if (hexEnd - n.offset > ROW_BYTES) hex += ' …';
	let value = n.children ? `{${n.children.length}}` : n.enumName ? `${n.enumName} (${n.value})` : (n.value ?? '');
	if (n.type === 'string' && !n.children) value = JSON.stringify(n.value);
	if (n.physical) value += `  = ${n.physical}`;
	if (n.note) value += `  [${n.note}]`;
	const name = n.path.slice(n.path.lastIndexOf('.') + 1);
	// one template instead of an array join: this runs for every field of inputs up to 4 MiB
	return `${left(String(n.offset), 6)} ${left(String(n.length), 5)} ${left(String(n.field), 4)} ${right(n.wireTypeName, 6)} ${right(indent + name, 34)} ${right(n.type, 22)} ${right(hex, 38)} ${value}`;
}

const SPACES = ' '.repeat(64);
const INDENTS = Array.from({ length: 32 }, (_, d) => '  '.repeat(d));
/** `s` padded with spaces on the left to `width` (as padStart). */
const left = (s: string, width: number) => (s.length >= width ? s : SPACES.slice(0, width - s.length) + s);
/** `s` padded with spaces on the right to `width` (as padEnd). */
const right = (s: string, width: number) => (s.length >= width ? s : s + SPACES.slice(0, width - s.length));

/** The protobuf table's rows, one per node of the dump, pre-order. */
export function* protobufRows(root: DumpNode, bytes: Uint8Array): Generator<string> {
	for (const { node } of walkTree(root)) yield protobufRow(node, bytes);
}

/**
 * The schema-less decode as `protoc --decode_raw` prints it, line by line (newline included):
 * `field: value`, `field: "text"`, `field: <hex>`, and `field {` … `}` around a nested message,
 * indented two spaces a level. The same text as the codec's `formatRaw`, which builds it whole.
 */
export function* rawLines(root: DumpNode): Generator<string> {
	const stack: { nodes: DumpNode[]; i: number; indent: string }[] = [{ nodes: root.children ?? [], i: 0, indent: '' }];
	while (stack.length) {
		const top = stack[stack.length - 1];
		if (top.i === top.nodes.length) {
			stack.pop();
			if (stack.length) yield `${stack[stack.length - 1].indent}}\n`;
			continue;
		}
		const c = top.nodes[top.i++];
		if (c.children) {
			yield `${top.indent}${c.field} {\n`;
			stack.push({ nodes: c.children, i: 0, indent: top.indent + '  ' });
		} else if (c.type === 'string') yield `${top.indent}${c.field}: ${JSON.stringify(c.value)}\n`;
		else if (c.type === 'bytes') yield `${top.indent}${c.field}: <${c.value}>\n`;
		else yield `${top.indent}${c.field}: ${c.value}\n`;
	}
}
