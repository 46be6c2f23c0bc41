// A small argument parser: `--name value`, `--name=value`, boolean flags, positionals; strict
// about what it does not know (an unknown `-x` is not a file name) and about numbers.
import { quoted } from './error-line';

/** Bad usage: exit status 2, the message naming the option. */
export class UsageError extends Error {}

export interface ParsedArgs {
	flags: Record<string, string | true>;
	positionals: string[];
	/** Values of the `lists` options, in order (empty array when not given). */
	lists: Record<string, string[]>;
}

// A list option's further values: ASN.1 module files, so `--asn1 a.asn b.asn msg.hex` keeps msg.hex.
const LIST_MORE = /\.asn1?$/i;

/**
 * `valued` names take a value; `booleans` do not; `lists` take one value or more (repeatable;
 * after the first, further arguments ending in .asn or .asn1 belong to it too); `-h` is --help;
 * a lone `-` is a positional (stdin) and `--` ends the options. Anything else starting with `-`
 * is a usage error, as are a valued option given twice and a value that is another option
 * (`--out --seconds`; `--out=--seconds` says it on purpose).
 */
export function parseArgs(argv: string[], valued: string[], booleans: string[] = [], lists: string[] = []): ParsedArgs {
	const flags: Record<string, string | true> = {};
	const positionals: string[] = [];
	const listValues: Record<string, string[]> = Object.fromEntries(lists.map((n) => [n, [] as string[]]));
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (!a.startsWith('-') || a === '-') {
			positionals.push(a);
			continue;
		}
		if (a === '-h') {
			flags.help = true;
			continue;
		}
		if (!a.startsWith('--')) throw new UsageError(`unknown option ${quoted(a)} (a file whose name starts with "-": write ./${a.slice(0, 60)} or put it after --)`);
		const eq = a.indexOf('=');
		const name = a.slice(2, eq < 0 ? undefined : eq);
		const value = () => {
			const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
			if (v === undefined) throw new UsageError(`--${name} needs a value`);
			if (eq < 0 && v.startsWith('--') && v.length > 2) throw new UsageError(`--${name} needs a value, not the option ${quoted(v)} (write --${name}=${v.slice(0, 60)} if that is the value)`);
			return v;
		};
		if (name === 'help' || booleans.includes(name)) {
			if (eq >= 0) throw new UsageError(`--${name} takes no value`);
			flags[name] = true;
		} else if (valued.includes(name)) {
			if (flags[name] !== undefined) throw new UsageError(`--${name} is given twice`);
			flags[name] = value();
		} else if (lists.includes(name)) {
			listValues[name].push(value());
			while (eq < 0 && i + 1 < argv.length && LIST_MORE.test(argv[i + 1]) && !argv[i + 1].startsWith('-')) listValues[name].push(argv[++i]);
		} else throw new UsageError(`unknown option ${quoted(a.slice(0, eq < 0 ? undefined : eq))}`);
	}
	return { flags, positionals, lists: listValues };
}

/** A valued option that must be one of `allowed`, or `dflt` when not given. @throws UsageError naming the option and the value */
export function oneOf<T extends string>(name: string, v: string | true | undefined, allowed: readonly T[], dflt: T): T {
	if (v === undefined) return dflt;
	if (v === true || !allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}${v === true ? '' : `, not ${quoted(v)}`}`);
	return v as T;
}

/** A decimal integer as people type it: digits, a minus sign for a negative one; nothing else (no spaces, 1e3, 0x10, 1.0, +5). */
const INTEGER = /^-?[0-9]+$/;

/**
 * A valued option holding a decimal integer from `min` to `max` (both included; a safe integer
 * in any case), or `dflt` when not given. "", " 5", "1e3", "0x10", "1.5", "NaN" and "Infinity"
 * are refused: a number that is not what was typed would run something else than was asked.
 * @throws UsageError naming the option, the range and the value
 */
export function intFlag(name: string, v: string | true | undefined, dflt: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
	if (v === undefined) return dflt;
	const n = v === true || !INTEGER.test(v) ? NaN : Number(v);
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		const range = `${min > Number.MIN_SAFE_INTEGER ? ` from ${min}` : ''}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`;
		throw new UsageError(`--${name} must be a decimal integer${range}${v === true ? '' : `, not ${quoted(v)}`}`);
	}
	return n;
}
