// A small argument parser: `--name value`, `--name=value`, boolean flags, positionals.

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
 * after the first, further arguments ending in .asn or .asn1 belong to it too); anything else
 * is a usage error.
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
		if (a.startsWith('--')) {
			const eq = a.indexOf('=');
			const name = a.slice(2, eq < 0 ? undefined : eq);
			if (name === 'help' || booleans.includes(name)) {
				if (eq >= 0) throw new UsageError(`--${name} takes no value`);
				flags[name] = true;
			} else if (valued.includes(name)) {
				const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
				if (v === undefined) throw new UsageError(`--${name} needs a value`);
				flags[name] = v;
			} else if (lists.includes(name)) {
				const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
				if (v === undefined) throw new UsageError(`--${name} needs a value`);
				listValues[name].push(v);
				while (eq < 0 && i + 1 < argv.length && LIST_MORE.test(argv[i + 1]) && !argv[i + 1].startsWith('-')) listValues[name].push(argv[++i]);
			} else throw new UsageError(`unknown option ${a}`);
		} else if (a === '-h') flags.help = true;
		else positionals.push(a);
	}
	return { flags, positionals, lists: listValues };
}

export function oneOf<T extends string>(name: string, v: string | true | undefined, allowed: readonly T[], dflt: T): T {
	if (v === undefined) return dflt;
	if (v === true || !allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
	return v as T;
}

export function intFlag(name: string, v: string | true | undefined, dflt: number, min = -Infinity, max = Infinity): number {
	if (v === undefined) return dflt;
	const n = Number(v);
	if (v === true || !Number.isInteger(n) || n < min || n > max)
		throw new UsageError(`--${name} must be an integer${Number.isFinite(min) ? ` from ${min}` : ''}${Number.isFinite(max) ? ` to ${max}` : ''}`);
	return n;
}
