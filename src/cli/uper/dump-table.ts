// `cv2x inspect` for UPER: the library's bit dump (src/lib/uper/dump.ts) as a table, one row per
// node, fields above their parts, leaves tiling the input's bits.
import { dumpUper, ROLE_LABELS, type UperDump, type UperDumpNode } from '../../lib/uper/dump';
import { walkTree } from '../dump-lines';
import type { UperSchema } from './schemas';

/** Bits shown per row before the cut. */
const MAX_BITS = 40;

/** The input's bits at [offset, offset+width) as 0/1 text, cut after MAX_BITS. */
function bitText(bytes: Uint8Array, offset: number, width: number): string {
	let s = '';
	for (let i = 0; i < Math.min(width, MAX_BITS); i++) s += (bytes[(offset + i) >> 3] >> (7 - ((offset + i) & 7))) & 1;
	return width > MAX_BITS ? s + '…' : s;
}

/**
 * The bit dump of `bytes` as a MessageFrame under `schema` (X.691 unaligned PER). Never throws
 * for bad bytes: the dump holds the fields read before the error, and `error` (UperError with
 * bit offset and field path) says where it stopped.
 */
export function dumpFrame(bytes: Uint8Array, schema: UperSchema): UperDump {
	return dumpUper(schema.root, bytes, schema.set);
}

/**
 * Table rows of a dump, made one at a time: bit offset, width, what the bits are (preamble,
 * extension bit, length determinant, choice index, value...), the field name indented by depth
 * with its type, the bits of a leaf, its value and meaning (physical unit, enumeration identifier).
 * The header row first.
 */
export function* dumpRows(dump: UperDump): Generator<string> {
	yield ['bit'.padStart(6), 'width'.padStart(5), 'what'.padEnd(26), 'field'.padEnd(44), 'bits'.padEnd(41), 'value'].join(' ');
	for (const { node: n, depth } of walkTree(dump.root, true)) {
		const field = '  '.repeat(depth) + n.name + (n.typeName && n.children ? ` ${n.typeName}` : '');
		const bits = n.children ? '' : bitText(dump.bytes, n.bitOffset, n.bitWidth);
		const value = [n.value ?? '', n.meaning ? `= ${n.meaning}` : ''].filter(Boolean).join('  ');
		yield [String(n.bitOffset).padStart(6), String(n.bitWidth).padStart(5), ROLE_LABELS[n.role].padEnd(26), field.padEnd(44), bits.padEnd(41), value].join(' ').trimEnd();
	}
}

/** A dump's nodes as plain JSON-able objects, pre-order with `depth` (for `inspect --lines`). */
export function dumpJson(dump: UperDump): object[] {
	const out: object[] = [];
	for (const { node: { children: _c, ...rest }, depth } of walkTree(dump.root, true)) out.push({ depth, ...rest });
	return out;
}
