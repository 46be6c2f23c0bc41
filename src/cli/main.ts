// cv2x: the command line. Each command is a small module; this file routes and reports errors.
import { Cv2xError } from '../lib/codec';
import { UperError } from '../lib/uper';
import { Asn1Error } from '../lib/uper/asn1';
import { UsageError } from './args';
import { commands } from './commands';

const USAGE = `cv2x: C-V2X message tool (protobuf model of T/CSAE 53, T/CSAE 157, SAE J2735 and cloud control;
ASN.1 UPER of the CSAE message layer, ITU-T X.691)

Usage: cv2x <command> [options]

Commands:
${Object.entries(commands)
	.map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
	.join('\n')}

Run "cv2x <command> --help" or "cv2x help <command>" for a command's options.
Exit status: 0 ok, 1 bad input (one "error:" line on stderr), 2 bad usage.`;

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	// "cv2x help sim" is "cv2x sim --help"
	if (name === 'help' && rest.length) {
		const cmd = Object.hasOwn(commands, rest[0]) ? commands[rest[0]] : undefined;
		if (!cmd) {
			process.stderr.write(`error: unknown command "${rest[0]}"\n${USAGE}\n`);
			return 2;
		}
		process.stdout.write(cmd.help + '\n');
		return 0;
	}
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		process.stdout.write(USAGE + '\n');
		return name ? 0 : 2;
	}
	const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (!cmd) {
		process.stderr.write(`error: unknown command "${name}"\n${USAGE}\n`);
		return 2;
	}
	try {
		if (rest.includes('--help') || rest.includes('-h')) {
			process.stdout.write(cmd.help + '\n');
			return 0;
		}
		return await cmd.run(rest);
	} catch (e) {
		if (e instanceof UsageError) {
			process.stderr.write(`error: ${e.message}\n\n${cmd.help}\n`);
			return 2;
		}
		// Bad input: a codec error (byte offset or path), a UPER error (bit offset and path), an
		// ASN.1 module error (file:line:column).
		if (e instanceof Cv2xError || e instanceof UperError || e instanceof Asn1Error) {
			process.stderr.write(`error: ${e.message}\n`);
			return 1;
		}
		const err = e as NodeJS.ErrnoException;
		if (err?.code === 'EPIPE') return 0;
		process.stderr.write(`error: internal: ${err?.message ?? String(e)}\n`);
		return 1;
	}
}
