import { Cv2xError, MAX_JSON_CHARS, MAX_TEXT_CHARS, frameJson, parseBytes, parseJsonText, readInputBytes, validateFrame, type MessageFrame } from '../../lib/codec';
import { encode as encodeUper } from '../../lib/uper';
import { oneOf, parseArgs, UsageError } from '../args';
import { ANY_FRAME_LIMIT, BYTES_LIMIT, JSON_LIMIT, readSource, TEXT_LIMIT } from '../io';
import { CODEC_HELP, CODEC_OPTIONS, codecChoice, encodingSchema, type CodecChoice } from '../uper/choice';
import { forEachLine } from '../uper/lines';
import { decodeInput, uperValueOf, type StickyDetection } from '../uper/messages';
import type { Command } from './index';

type Format = 'auto' | 'json' | 'hex' | 'base64' | 'bin';

/** A line of --lines in auto: JSON or hex or base64 text, the longer limit. */
const LINE_LIMIT = MAX_JSON_CHARS > MAX_TEXT_CHARS ? JSON_LIMIT : TEXT_LIMIT;

/** The model's violations of a protobuf frame, as lines (empty = valid). */
const frameViolations = (frame: MessageFrame) => validateFrame(frame).map((v) => v.message);

/**
 * Checks one input (JSON or bytes) under the choice. Protobuf: every violation of the model's
 * ranges, as lines. UPER: bytes must decode completely, JSON (JER, or the model's JSON through
 * the mapping) must encode; the codec stops at the first violation and throws it (UperError
 * with bit offset and path, or Cv2xError with the JSON path). Returns the violation lines and
 * a detection note (or null).
 */
function check(data: Uint8Array | string, format: Format, choice: CodecChoice, sticky?: StickyDetection): { violations: string[]; note: string | null } {
	const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
	const isJson = format === 'json' || (format === 'auto' && /^\s*[{[]/.test(text));
	const uper = choice.encoding === 'uper' || (choice.encoding === 'auto' && (choice.pinned || choice.jer));
	if (isJson && !uper) return { violations: frameViolations(frameJson.from(parseJsonText(text))), note: null };
	if (isJson) {
		const schema = encodingSchema(choice);
		encodeUper(schema.root, uperValueOf(parseJsonText(text), schema, choice), schema.set);
		return { violations: [], note: null };
	}
	const f = format as Exclude<Format, 'json'>;
	const bytes = typeof data === 'string' ? parseBytes(data, f === 'bin' ? 'auto' : f) : readInputBytes(data, f);
	const decoded = decodeInput(bytes, choice, sticky);
	return { violations: decoded.frames.flatMap((f) => (f.kind === 'protobuf' ? frameViolations(f.frame) : [])), note: decoded.note };
}

export const validate: Command = {
	summary: 'check a frame (JSON or bytes, protobuf or UPER) against every constraint',
	help: `Usage: cv2x validate [--format auto|json|hex|base64|bin] [ENCODING OPTIONS] [FILE|-]

Reads a MessageFrame as proto3 JSON or as bytes (auto-detected) and prints each violation of the
model's constraints (ranges, lengths, counts, enum values) with its field path, one per line.
UPER (or JER with --jer): the value must decode completely, or encode, under the schema's
constraints; the first violation is the error, naming the bit offset (or JSON path) and field.
Exit status 0 when valid, 1 when there is any violation or the input cannot be read.
With --lines each line prints {"valid":true} or {"error":...} (violations joined by "; ").
${CODEC_HELP}`,
	async run(argv) {
		const args = parseArgs(argv, ['format', ...CODEC_OPTIONS.valued], [...CODEC_OPTIONS.booleans], [...CODEC_OPTIONS.lists]);
		if (args.positionals.length > 1) throw new UsageError('validate takes at most one FILE');
		const format = oneOf('format', args.flags.format, ['auto', 'json', 'hex', 'base64', 'bin'] as const, 'auto');
		const choice = codecChoice(args);
		if (choice.lines) {
			if (format === 'bin') throw new UsageError('--lines reads text lines: --format auto, json, hex or base64');
			const sticky: StickyDetection = {};
			return forEachLine(args.positionals[0], (line) => {
				const { violations } = check(line, format, choice, sticky);
				if (violations.length) throw new Cv2xError('invalid', violations.join('; '));
				return '{"valid":true}';
			}, format === 'json' ? JSON_LIMIT : format === 'auto' ? LINE_LIMIT : TEXT_LIMIT);
		}
		const { violations, note } = check(await readSource(args.positionals[0], { auto: ANY_FRAME_LIMIT, json: JSON_LIMIT, hex: TEXT_LIMIT, base64: TEXT_LIMIT, bin: BYTES_LIMIT }[format]), format, choice);
		if (note) process.stderr.write(note + '\n');
		for (const v of violations) process.stdout.write(v + '\n');
		if (violations.length) {
			process.stderr.write(`error: ${violations.length} violation${violations.length === 1 ? '' : 's'}\n`);
			return 1;
		}
		process.stdout.write('valid\n');
		return 0;
	}
};
