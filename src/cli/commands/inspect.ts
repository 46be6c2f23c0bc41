import { decodeRaw, dumpMessage, parseBytes, readInputBytes } from '../../lib/codec';
import { PROTOBUF_HEADER, protobufRows, rawLines, walkTree } from '../dump-lines';
import { StdoutText } from '../output';
import { oneOf, parseArgs, UsageError } from '../args';
import { errorLine } from '../error-line';
import { BYTES_LIMIT, BYTES_OR_TEXT_LIMIT, readSource, TEXT_LIMIT } from '../io';
import { CODEC_HELP, CODEC_OPTIONS, codecChoice, type CodecChoice } from '../uper/choice';
import { forEachLine } from '../uper/lines';
import { decodeInput, withUperHint, type DecodedInput, type StickyDetection } from '../uper/messages';
import { UperError } from '../../lib/uper';
import type { UperSchema } from '../uper/schemas';
import { dumpFrame, dumpJson, dumpRows } from '../uper/dump-table';
import { CAPTURE_HINT, inputKind, withInputHint } from '../input-hint';
import type { Command } from './index';

/**
 * Protobuf: the annotated table, or the error and the schema-less decode (`hint`: the error also
 * says when the bytes decode as UPER), written as it is produced. Returns the exit status.
 */
async function inspectProtobuf(bytes: Uint8Array, rawOnly: boolean, hint = false): Promise<number> {
	const out = new StdoutText();
	if (rawOnly) {
		const raw = decodeRaw(bytes);
		for (const line of rawLines(raw.root)) await out.add(line);
		await out.flush();
		if (raw.error) {
			process.stderr.write(errorLine(raw.error.message));
			return 1;
		}
		return 0;
	}
	const dump = dumpMessage(bytes);
	await out.add(`MessageFrame, ${bytes.length} bytes\n${PROTOBUF_HEADER}\n`);
	for (const row of protobufRows(dump.root, bytes)) await out.add(row + '\n');
	if (dump.error) {
		const raw = decodeRaw(bytes);
		await out.add('\nschema-less decode:\n');
		for (const line of rawLines(raw.root)) await out.add(line);
		if (raw.error) await out.add(`(raw decode stops: ${raw.error.message})\n`);
		await out.flush();
		process.stderr.write(errorLine((hint ? withUperHint(dump.error, bytes) : dump.error).message));
		return 1;
	}
	await out.flush();
	return 0;
}

/** One line of --lines output: the dump's nodes as compact JSON (protobuf dump nodes or UPER trace nodes). */
function inspectLine(line: string, format: 'auto' | 'hex' | 'base64', choice: CodecChoice, sticky: StickyDetection): string {
	const bytes = parseBytes(line, format);
	const decoded = decodeInput(bytes, choice, sticky);
	const first = decoded.frames[0];
	if (first.kind === 'uper') {
		const frames = decoded.frames.map((f) => ({ offset: f.offset, length: f.length, nodes: dumpJson(dumpFrame(bytes.subarray(f.offset, f.offset + f.length), first.schema)) }));
		return JSON.stringify({ encoding: 'uper', profile: first.schema.name, framing: decoded.framing, frames });
	}
	const dump = dumpMessage(bytes);
	const nodes: object[] = [];
	for (const { node } of walkTree(dump.root)) {
		const { children: _c, ...n } = node;
		nodes.push(n);
	}
	return JSON.stringify({ encoding: 'protobuf', nodes });
}

/** Prints one UPER frame's bit dump as it is made; `at` places it among several frames (bit offsets count from its first octet). */
async function printDump(bytes: Uint8Array, schema: UperSchema, at: { i: number; n: number; offset: number } | null): Promise<void> {
	const dump = dumpFrame(bytes, schema);
	const where = at ? ` ${at.i + 1} of ${at.n}, at byte offset ${at.offset} (bits counted from there)` : '';
	const out = new StdoutText();
	await out.add(`${at && at.i > 0 ? '\n' : ''}MessageFrame${where}, UPER (${schema.name}: ${schema.title}), ${bytes.length} bytes, ${dump.bits} bits used\n`);
	for (const row of dumpRows(dump)) await out.add(row + '\n');
	await out.flush();
}

export const inspect: Command = {
	summary: 'annotated dump: protobuf bytes, or UPER bits, with field paths and values',
	help: `Usage: cv2x inspect [--format auto|hex|base64|bin] [--raw] [ENCODING OPTIONS] [FILE|-]

Protobuf: prints every field of an encoded MessageFrame as a table: byte offset, length, field
number, wire type, field path (indented by depth), type, the bytes, and the value with its
physical unit. Bytes that are not a valid frame: the error with its offset, then the
schema-less raw decode.
UPER: one row per run of bits, fields above their parts: bit offset, width, what the bits are
(preamble, extension bit, length determinant, choice index, value, padding...), the field indented
by depth, the bits, the value with its meaning (physical unit, "unavailable", identifier). Bytes
that do not decode under a named profile: the bits read before the error, then the error.
Detection also finds several UPER frames back to back or in an RSU's MQTT framing: one dump each.
With --lines: one compact JSON object per input line holding the dump's nodes.
  --raw            protobuf only: show only the schema-less decode (like protoc --decode_raw)
${CODEC_HELP.split('\n').filter((l) => !/^\s+--jer|JSON \(JER\), not/.test(l)).join('\n')}`,
	async run(argv) {
		const args = parseArgs(argv, ['format', ...CODEC_OPTIONS.valued], ['raw', 'lines'], [...CODEC_OPTIONS.lists]);
		if (args.positionals.length > 1) throw new UsageError('inspect takes at most one FILE');
		const format = oneOf('format', args.flags.format, ['auto', 'hex', 'base64', 'bin'] as const, 'auto');
		const choice = codecChoice(args);
		if (args.flags.raw && choice.encoding !== 'protobuf') throw new UsageError('--raw is for protobuf');
		if (choice.lines) {
			if (format === 'bin') throw new UsageError('--lines reads text lines: --format auto, hex or base64');
			const sticky: StickyDetection = {};
			return forEachLine(args.positionals[0], (line) => inspectLine(line, format, choice, sticky));
		}
		const data = await readSource(args.positionals[0], format === 'bin' ? BYTES_LIMIT : format === 'auto' ? BYTES_OR_TEXT_LIMIT : TEXT_LIMIT);
		const bytes = withInputHint(data, 'bytes', () => readInputBytes(data, format));
		// a whole capture is dumped as one message would be (its bytes may be what is wanted), but said first
		if (inputKind(data) === 'capture') process.stderr.write(`note: ${CAPTURE_HINT}\n`);
		if (choice.encoding === 'protobuf') return inspectProtobuf(bytes, args.flags.raw === true, choice.defaulted);
		// One named schema: when nothing decodes, dump it anyway to show the bits read before the error.
		const pinned = choice.encoding === 'uper' && choice.schemas.length === 1;
		let decoded: DecodedInput;
		try {
			decoded = decodeInput(bytes, choice);
		} catch (e) {
			if (!pinned || !(e instanceof UperError)) throw e;
			await printDump(bytes, choice.schemas[0], null);
			process.stderr.write(errorLine(e.message));
			return 1;
		}
		if (decoded.note) process.stderr.write(decoded.note + '\n');
		if (decoded.frames[0].kind === 'protobuf') return inspectProtobuf(bytes, false);
		for (const [i, f] of decoded.frames.entries()) {
			if (f.kind !== 'uper') continue;
			const at = decoded.frames.length > 1 || decoded.framing !== 'bare' ? { i, n: decoded.frames.length, offset: f.offset } : null;
			await printDump(bytes.subarray(f.offset, f.offset + f.length), f.schema, at);
		}
		return 0;
	}
};
