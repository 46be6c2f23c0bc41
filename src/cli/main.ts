// cv2x: the command line. Each command is a small module; this file routes and reports errors.
import { Cv2xError } from '../lib/codec';
import { UperError } from '../lib/uper';
import { Asn1Error } from '../lib/uper/asn1';
import pkg from '../../package.json';
import { UsageError } from './args';
import { commands } from './commands';
import { errorLine, quoted } from './error-line';
import { guardOutput, OutputClosed, settleOutput } from './output';

const USAGE = `cv2x: C-V2X message tool (protobuf model of T/CSAE 53, T/CSAE 157, SAE J2735 and cloud control;
ASN.1 UPER of the CSAE message layer, ITU-T X.691)

Usage: cv2x <command> [options]

Commands:
${Object.entries(commands)
	.map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
	.join('\n')}

Run "cv2x <command> --help" or "cv2x help <command>" for a command's options; "cv2x --version"
for the version.
Exit status: 0 ok, 1 bad input or output that cannot be written (one "error:" line on stderr),
2 bad usage. A reader that stops early ("cv2x types | head -1") ends the output quietly.`;

/**
 * Runs `cv2x argv` and resolves with the exit status: 0 ok, 1 bad input or an output that cannot
 * be written (one `error:` line on stderr, every value in it cut short by error-line.ts), 2 bad
 * usage. Never throws; a closed stdout (EPIPE) ends the output quietly with the status so far.
 */
export async function main(argv: string[]): Promise<number> {
	guardOutput();
	return settleOutput(await route(argv));
}

async function route(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	// "cv2x help sim" is "cv2x sim --help"
	if (name === 'help' && rest.length) {
		const cmd = Object.hasOwn(commands, rest[0]) ? commands[rest[0]] : undefined;
		if (!cmd) {
			process.stderr.write(`${errorLine(`unknown command ${quoted(rest[0])}`)}${USAGE}\n`);
			return 2;
		}
		process.stdout.write(cmd.help + '\n');
		return 0;
	}
	if (name === '--version') {
		process.stdout.write(`cv2x ${pkg.version}\n`);
		return 0;
	}
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		process.stdout.write(USAGE + '\n');
		return name ? 0 : 2;
	}
	const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (!cmd) {
		process.stderr.write(`${errorLine(`unknown command ${quoted(name)}`)}${USAGE}\n`);
		return 2;
	}
	try {
		// --help among the options (not after "--", where it would be a file name)
		const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
		if (options.includes('--help') || options.includes('-h')) {
			process.stdout.write(cmd.help + '\n');
			return 0;
		}
		return await cmd.run(rest);
	} catch (e) {
		return reportError(e, name, cmd.help);
	}
}

/** One `error:` line for what a command threw, and the exit status. */
function reportError(e: unknown, name: string, help: string): number {
	if (e instanceof UsageError) {
		// the synopsis only (its first paragraph): the whole help would push the error out of sight
		const synopsis = help.split('\n\n')[0];
		process.stderr.write(`${errorLine(e.message)}${synopsis}\nRun "cv2x ${name} --help" for every option.\n`);
		return 2;
	}
	// stdout failed: its error line (unless a closed pipe) is written once, by output.ts
	if (e instanceof OutputClosed) return e.cause.code === 'EPIPE' ? 0 : 1;
	// Bad input: a codec error (byte offset or path), a UPER error (bit offset and path), an
	// ASN.1 module error (file:line:column).
	if (e instanceof Cv2xError || e instanceof UperError || e instanceof Asn1Error) {
		process.stderr.write(errorLine(e.message));
		return 1;
	}
	const err = e as NodeJS.ErrnoException;
	if (err?.code === 'EPIPE') return 0;
	process.stderr.write(errorLine(`internal: ${err?.message ?? String(e)}`));
	return 1;
}
