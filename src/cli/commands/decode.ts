import { parseBytes, readInputBytes } from '../../lib/codec';
import { oneOf, parseArgs, UsageError } from '../args';
import { BYTES_LIMIT, BYTES_OR_TEXT_LIMIT, readSource, TEXT_LIMIT } from '../io';
import { CODEC_HELP, CODEC_OPTIONS, codecChoice } from '../uper/choice';
import { forEachLine } from '../uper/lines';
import { decodedJson, decodeInput, type StickyDetection } from '../uper/messages';
import { withInputHint } from '../input-hint';
import type { Command } from './index';

export const decode: Command = {
	summary: 'encoded bytes in (protobuf or UPER), proto3 JSON or JER out',
	help: `Usage: cv2x decode [--format auto|hex|base64|bin] [--compact] [ENCODING OPTIONS] [FILE|-]

Reads an encoded MessageFrame (FILE, or stdin) and prints it as proto3 JSON of the model, or as
the ASN.1 value in X.697 JSON (JER) with --jer. UPER is mapped to the model field for field; what
one side lacks is named on stderr. Detection also finds several UPER frames back to back or in
an RSU's MQTT framing: then the output is an array, one element per frame.
  --format F       auto (default: binary, or text that is hex or base64), hex, base64, bin
  --compact        one line instead of indented JSON
${CODEC_HELP}`,
	async run(argv) {
		const args = parseArgs(argv, ['format', ...CODEC_OPTIONS.valued], ['compact', ...CODEC_OPTIONS.booleans], [...CODEC_OPTIONS.lists]);
		if (args.positionals.length > 1) throw new UsageError('decode takes at most one FILE');
		const format = oneOf('format', args.flags.format, ['auto', 'hex', 'base64', 'bin'] as const, 'auto');
		const choice = codecChoice(args);
		const notes = new Set<string>();
		if (choice.lines) {
			if (format === 'bin') throw new UsageError('--lines reads text lines: --format auto, hex or base64');
			const sticky: StickyDetection = {};
			const status = await forEachLine(args.positionals[0], (line) => {
				const found: string[] = [];
				const json = JSON.stringify(decodedJson(decodeInput(parseBytes(line, format), choice, sticky), choice, found));
				found.forEach((n) => notes.add(n));
				return json;
			});
			for (const n of notes) process.stderr.write(n + '\n');
			return status;
		}
		const data = await readSource(args.positionals[0], format === 'bin' ? BYTES_LIMIT : format === 'auto' ? BYTES_OR_TEXT_LIMIT : TEXT_LIMIT);
		const bytes = withInputHint(data, 'bytes', () => readInputBytes(data, format));
		const decoded = withInputHint(data, 'bytes', () => decodeInput(bytes, choice));
		const found: string[] = [];
		const json = decodedJson(decoded, choice, found);
		for (const n of [...(decoded.note ? [decoded.note] : []), ...found]) process.stderr.write(n + '\n');
		process.stdout.write(JSON.stringify(json, null, args.flags.compact ? undefined : 2) + '\n');
		return 0;
	}
};
