import { encodeFrame, frameJson, parseJsonText, toBase64, toHex } from '../../lib/codec';
import { oneOf, parseArgs, UsageError } from '../args';
import { readSource } from '../io';
import type { Command } from './index';

export const encode: Command = {
	summary: 'proto3 JSON frame in, encoded bytes out',
	help: `Usage: cv2x encode [--format hex|base64|bin] [--no-validate] [FILE|-]

Reads a MessageFrame as proto3 JSON (FILE, or stdin) and writes its protobuf encoding.
  --format       hex (default), base64, or bin (raw bytes, for pipes and files)
  --no-validate  encode even if a field breaks the model's ranges`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, ['format'], ['no-validate']);
		if (positionals.length > 1) throw new UsageError('encode takes at most one FILE');
		const format = oneOf('format', flags.format, ['hex', 'base64', 'bin'] as const, 'hex');
		const text = new TextDecoder().decode(await readSource(positionals[0]));
		const frame = frameJson.from(parseJsonText(text));
		const bytes = encodeFrame(frame, { validate: !flags['no-validate'] });
		if (format === 'bin') process.stdout.write(bytes);
		else process.stdout.write((format === 'hex' ? toHex(bytes) : toBase64(bytes)) + '\n');
		return 0;
	}
};
