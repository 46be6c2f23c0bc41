import { decodeFrame, frameJson, readInputBytes } from '../../lib/codec';
import { oneOf, parseArgs, UsageError } from '../args';
import { readSource } from '../io';
import type { Command } from './index';

export const decode: Command = {
	summary: 'encoded bytes in, proto3 JSON frame out',
	help: `Usage: cv2x decode [--format auto|hex|base64|bin] [--compact] [FILE|-]

Reads an encoded MessageFrame (FILE, or stdin) and prints it as proto3 JSON.
  --format   auto (default: binary, or text that is hex or base64), hex, base64, bin
  --compact  one line instead of indented JSON`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, ['format'], ['compact']);
		if (positionals.length > 1) throw new UsageError('decode takes at most one FILE');
		const format = oneOf('format', flags.format, ['auto', 'hex', 'base64', 'bin'] as const, 'auto');
		const bytes = readInputBytes(await readSource(positionals[0]), format);
		const json = frameJson.to(decodeFrame(bytes));
		process.stdout.write(JSON.stringify(json, null, flags.compact ? undefined : 2) + '\n');
		return 0;
	}
};
