// `cv2x inspect` for UPER: the bit-level dump as a table, one row per traced run of bits.
import { toHex } from '../../lib/codec';
import { decode, type AsnValue, type TraceNode } from '../../lib/uper';
import type { UperSchema } from './schemas';

/** A value shown in one table cell: primitives as JSON-ish text, octets as hex, bits as 0/1. */
function cell(v: AsnValue | undefined): string {
	if (v === undefined) return '';
	if (v instanceof Uint8Array) return `'${toHex(v)}'H`;
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'object' && v !== null && 'bits' in v && (v as { bits: unknown }).bits instanceof Uint8Array) {
		const b = v as { bits: Uint8Array; length: number };
		let s = '';
		for (let i = 0; i < b.length; i++) s += (b.bits[i >> 3] >> (7 - (i & 7))) & 1;
		return `'${s}'B`;
	}
	if (typeof v === 'object' && v !== null) return '';
	return JSON.stringify(v);
}

/** The input's bits at [offset, offset+width) as 0/1 text, cut after 40 bits. */
function bitText(bytes: Uint8Array, offset: number, width: number): string {
	let s = '';
	for (let i = 0; i < Math.min(width, 40); i++) s += (bytes[(offset + i) >> 3] >> (7 - ((offset + i) & 7))) & 1;
	return width > 40 ? s + '…' : s;
}

/** The decode's trace nodes of `bytes` under `schema`, fields before their parts (stable by bit offset). */
function sortedTrace(bytes: Uint8Array, schema: UperSchema): TraceNode[] {
	const nodes: TraceNode[] = [];
	decode(schema.root, bytes, schema.set, { complete: true, trace: (n) => nodes.push(n) });
	// Ties keep trace order reversed, so a field (emitted after its parts) comes above them;
	// wider first puts a field above the parts it is made of.
	return nodes
		.map((n, i) => ({ n, i }))
		.sort((a, b) => a.n.bitOffset - b.n.bitOffset || b.n.bitWidth - a.n.bitWidth || b.i - a.i)
		.map((x) => x.n);
}

/**
 * The decode's trace as plain JSON-able objects (for `inspect --lines`): `bit` offset, `width`,
 * `role`, `path`, and for leaves `bits` (0/1 text) and `value` (as the table shows it).
 * Throws UperError like decode.
 */
export function traceNodes(bytes: Uint8Array, schema: UperSchema): { bit: number; width: number; role: string; path: string; type?: string; value?: string }[] {
	return sortedTrace(bytes, schema).map((n) => ({
		bit: n.bitOffset,
		width: n.bitWidth,
		role: n.role,
		path: n.path,
		...(n.typeName ? { type: n.typeName } : {}),
		...(n.leaf && n.value !== undefined ? { value: cell(n.value) } : {})
	}));
}

/**
 * The trace of decoding `bytes` under `schema` (X.691 unaligned PER) as table rows: bit offset,
 * width, role (value, preamble, length, choice-index, extension-bit...), field path indented by
 * depth, the bits, the value. Whole fields come before their parts. Throws UperError (bit offset,
 * path) like decode, after nothing is printed.
 */
export function traceRows(bytes: Uint8Array, schema: UperSchema): string[] {
	const order = sortedTrace(bytes, schema);
	const head = ['bit'.padStart(6), 'width'.padStart(5), 'role'.padEnd(16), 'field'.padEnd(44), 'bits'.padEnd(41), 'value'].join(' ');
	return [
		head,
		...order.map((n) => {
			const depth = n.path ? n.path.split('.').length : 0;
			const name = n.path ? n.path.split('.').pop()! : '(frame)';
			const field = '  '.repeat(depth) + name + (n.typeName && !n.leaf ? ` ${n.typeName}` : '');
			const bits = n.leaf ? bitText(bytes, n.bitOffset, n.bitWidth) : '';
			return [String(n.bitOffset).padStart(6), String(n.bitWidth).padStart(5), n.role.padEnd(16), field.padEnd(44), bits.padEnd(41), n.leaf ? cell(n.value) : ''].join(' ').trimEnd();
		})
	];
}
