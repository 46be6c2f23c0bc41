import { decodeFrame, frameJson, parseJsonText, readInputBytes, validateFrame } from '../../lib/codec';
import { oneOf, parseArgs, UsageError } from '../args';
import { readSource } from '../io';
import type { Command } from './index';

export const validate: Command = {
	summary: 'check a frame (JSON or bytes) against every range of the model',
	help: `Usage: cv2x validate [--format auto|json|hex|base64|bin] [FILE|-]

Reads a MessageFrame as proto3 JSON or as bytes (auto-detected) and prints each violation of the
model's constraints (ranges, lengths, counts, enum values) with its field path, one per line.
Exit status 0 when valid, 1 when there is any violation or the input cannot be read.`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, ['format']);
		if (positionals.length > 1) throw new UsageError('validate takes at most one FILE');
		const format = oneOf('format', flags.format, ['auto', 'json', 'hex', 'base64', 'bin'] as const, 'auto');
		const data = await readSource(positionals[0]);
		const text = new TextDecoder().decode(data);
		const isJson = format === 'json' || (format === 'auto' && /^\s*[{[]/.test(text));
		const frame = isJson
			? frameJson.from(parseJsonText(text))
			: decodeFrame(readInputBytes(data, format as 'auto' | 'hex' | 'base64' | 'bin'));
		const violations = validateFrame(frame);
		for (const v of violations) process.stdout.write(v.message + '\n');
		if (violations.length) {
			process.stderr.write(`error: ${violations.length} violation${violations.length === 1 ? '' : 's'}\n`);
			return 1;
		}
		process.stdout.write('valid\n');
		return 0;
	}
};
