import { parseJsonText, toBase64, toHex } from '../../lib/codec';
import { oneOf, parseArgs, UsageError } from '../args';
import { JSON_LIMIT, readSource } from '../io';
import { CODEC_HELP, CODEC_OPTIONS, codecChoice, encodingSchema } from '../uper/choice';
import { forEachLine } from '../uper/lines';
import { encodeMessage } from '../uper/messages';
import { withInputHint } from '../input-hint';
import type { Command } from './index';

export const encode: Command = {
	summary: 'proto3 JSON (or JER) in, encoded bytes (protobuf or UPER) out',
	help: `Usage: cv2x encode [--format hex|base64|bin] [--no-validate] [ENCODING OPTIONS] [FILE|-]

Reads a MessageFrame as proto3 JSON of the model, or the ASN.1 value as X.697 JSON (JER) with
--jer (FILE, or stdin), and writes its protobuf or UPER encoding. UPER is always checked against
the schema's constraints (an error names the bit offset and field path) and needs --profile or
--asn1: the revisions differ on the wire, so encoding never guesses.
  --format F       hex (default), base64, or bin (raw bytes, for pipes and files)
  --no-validate    protobuf: encode even if a field breaks the model's ranges
${CODEC_HELP}`,
	async run(argv) {
		const args = parseArgs(argv, ['format', ...CODEC_OPTIONS.valued], ['no-validate', ...CODEC_OPTIONS.booleans], [...CODEC_OPTIONS.lists]);
		if (args.positionals.length > 1) throw new UsageError('encode takes at most one FILE');
		const format = oneOf('format', args.flags.format, ['hex', 'base64', 'bin'] as const, 'hex');
		const choice = codecChoice(args);
		if (choice.encoding === 'uper') encodingSchema(choice); // no schema named: a usage error before reading input
		// raw bytes would garble the terminal (and may carry its control sequences)
		if (format === 'bin' && !choice.lines && process.stdout.isTTY) throw new UsageError('--format bin writes raw bytes: redirect stdout to a file or pipe, or use --format hex');
		const validate = !args.flags['no-validate'];
		const text = (b: Uint8Array) => (format === 'hex' ? toHex(b) : toBase64(b));
		if (choice.lines) {
			if (format === 'bin') throw new UsageError('--lines writes text lines: --format hex or base64');
			const notes = new Set<string>();
			const status = await forEachLine(args.positionals[0], (line) => {
				const found: string[] = [];
				const hex = text(encodeMessage(parseJsonText(line), choice, validate, found));
				found.forEach((n) => notes.add(n));
				return hex;
			}, JSON_LIMIT);
			for (const n of notes) process.stderr.write(n + '\n');
			return status;
		}
		const data = await readSource(args.positionals[0], JSON_LIMIT);
		const json = withInputHint(data, 'json', () => parseJsonText(new TextDecoder().decode(data)));
		const notes: string[] = [];
		const bytes = encodeMessage(json, choice, validate, notes);
		for (const n of notes) process.stderr.write(n + '\n');
		if (format === 'bin') process.stdout.write(bytes);
		else process.stdout.write(text(bytes) + '\n');
		return 0;
	}
};
