import { profile, profileNames } from '../../lib/uper/profiles';
import { parseArgs, UsageError } from '../args';
import type { Command } from './index';

export const profiles: Command = {
	summary: 'list the built-in UPER profiles (ASN.1 schema revisions), one name per line',
	help: `Usage: cv2x profiles [--long]

Prints every built-in UPER profile, one name per line, oldest first: the names "--profile NAME"
takes in decode, encode, inspect and validate. --long adds each profile's title and standard.`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, [], ['long']);
		if (positionals.length) throw new UsageError('profiles takes no arguments');
		for (const name of profileNames()) {
			const p = profile(name);
			process.stdout.write(flags.long ? `${name.padEnd(20)}${p.title.padEnd(46)}${p.standard}\n` : name + '\n');
		}
		return 0;
	}
};
