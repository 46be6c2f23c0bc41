import { frameJson, frameTypes } from '../../lib/codec';
import { sampleFrame } from '../../lib/samples';
import { parseArgs, UsageError } from '../args';
import { quoted } from '../error-line';
import type { Command } from './index';

export const sample: Command = {
	summary: 'print a realistic, valid MessageFrame of a type as proto3 JSON',
	help: `Usage: cv2x sample TYPE [--compact]

Prints a realistic, valid MessageFrame holding TYPE (see "cv2x types") as proto3 JSON: a vehicle
on a real Beijing Yizhuang street, a real signal plan, plausible speeds.
  --compact   one line instead of indented JSON`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, [], ['compact']);
		if (positionals.length !== 1) throw new UsageError('sample needs exactly one TYPE');
		const type = positionals[0];
		if (!frameTypes().some((t) => t.name === type))
			throw new UsageError(`unknown type ${quoted(type)}; one of: ${frameTypes().map((t) => t.name).join(', ')}`);
		const json = frameJson.to(sampleFrame(type));
		process.stdout.write(JSON.stringify(json, null, flags.compact ? undefined : 2) + '\n');
		return 0;
	}
};
