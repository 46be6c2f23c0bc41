import { frameTypes, schema } from '../../lib/codec';
import { parseArgs, UsageError } from '../args';
import type { Command } from './index';

export const types: Command = {
	summary: 'list every message type a MessageFrame can carry',
	help: `Usage: cv2x types [--long]

Prints every message type of cv2x.v1.MessageFrame, one per line (the payload field name, as
"cv2x sample" and the JSON use it). --long adds the message name, field number and standard.`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, [], ['long']);
		if (positionals.length) throw new UsageError('types takes no arguments');
		for (const t of frameTypes()) {
			if (flags.long) {
				const m = schema.messages[t.message];
				process.stdout.write(`${t.name.padEnd(24)}${t.message.padEnd(30)}${String(t.number).padEnd(4)}${m.standard ?? ''}${m.zh ? '  ' + m.zh : ''}\n`);
			} else process.stdout.write(t.name + '\n');
		}
		return 0;
	}
};
