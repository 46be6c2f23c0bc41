import { decodeRaw, dumpMessage, flattenDump, formatRaw, readInputBytes, toHex, type DumpNode } from '../../lib/codec';
import { oneOf, parseArgs, UsageError } from '../args';
import { readSource } from '../io';
import type { Command } from './index';

function depthOf(path: string): number {
	return path.split('.').length - 1;
}

function row(n: DumpNode, bytes: Uint8Array): string {
	const indent = '  '.repeat(depthOf(n.path));
	const hexEnd = n.children ? n.offset + n.headerLength : n.offset + n.length;
	let hex = toHex(bytes.subarray(n.offset, Math.min(hexEnd, n.offset + 12)), ' ');
	if (hexEnd - n.offset > 12) hex += ' …';
	let value = n.children ? `{${n.children.length}}` : (n.enumName ? `${n.enumName} (${n.value})` : n.value ?? '');
	if (n.type === 'string' && !n.children) value = JSON.stringify(n.value);
	if (n.physical) value += `  = ${n.physical}`;
	if (n.note) value += `  [${n.note}]`;
	return [
		String(n.offset).padStart(6), String(n.length).padStart(5), String(n.field).padStart(4),
		n.wireTypeName.padEnd(6), (indent + n.path.split('.').pop()).padEnd(34), n.type.padEnd(22),
		hex.padEnd(38), value
	].join(' ');
}

export const inspect: Command = {
	summary: 'annotated wire dump: offset, tag, wire type, field path, value, unit',
	help: `Usage: cv2x inspect [--format auto|hex|base64|bin] [--raw] [FILE|-]

Prints every field of an encoded MessageFrame as a table: byte offset, length, field number, wire
type, field path (indented by depth), type, the bytes, and the value with its physical unit.
Bytes that are not a valid frame: the error with its offset, then the schema-less raw decode.
  --raw   show only the schema-less decode (like protoc --decode_raw)`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, ['format'], ['raw']);
		if (positionals.length > 1) throw new UsageError('inspect takes at most one FILE');
		const format = oneOf('format', flags.format, ['auto', 'hex', 'base64', 'bin'] as const, 'auto');
		const bytes = readInputBytes(await readSource(positionals[0]), format);
		const out = process.stdout;
		const header = ['offset', 'len', 'fld', 'wire  ', 'field'.padEnd(34), 'type'.padEnd(22), 'bytes'.padEnd(38), 'value'].join(' ');
		if (flags.raw) {
			const raw = decodeRaw(bytes);
			out.write(formatRaw(raw.root));
			if (raw.error) {
				process.stderr.write(`error: ${raw.error.message}\n`);
				return 1;
			}
			return 0;
		}
		const dump = dumpMessage(bytes);
		out.write(`MessageFrame, ${bytes.length} bytes\n${header}\n`);
		for (const n of flattenDump(dump.root)) out.write(row(n, bytes) + '\n');
		if (dump.error) {
			const raw = decodeRaw(bytes);
			out.write(`\nschema-less decode:\n${formatRaw(raw.root)}`);
			if (raw.error) out.write(`(raw decode stops: ${raw.error.message})\n`);
			process.stderr.write(`error: ${dump.error.message}\n`);
			return 1;
		}
		return 0;
	}
};
