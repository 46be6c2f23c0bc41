// Where the CLI's UPER schema comes from: a built-in profile (`--profile NAME`) or the user's own
// ASN.1 module set (`--asn1 FILE... | DIR`), compiled by our ASN.1 parser into the same tables.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Cv2xError } from '../../lib/codec';
import type { SchemaSet } from '../../lib/uper';
import type { ModuleText } from '../../lib/uper/asn1';
import { loadUserSchema } from '../../lib/uper/frame';
import { isProfileName, profile, profileNames } from '../../lib/uper/profiles';
import { UsageError } from '../args';
import { quoted } from '../error-line';
import { readTextFileSync, type InputLimit } from '../io';

/** A schema the CLI encodes and decodes with: `name` (profile name or `asn1`), a title for people, the set and its root type. */
export interface UperSchema {
	name: string;
	title: string;
	set: SchemaSet;
	root: string;
}

/**
 * The built-in profile `name` as a UperSchema.
 * Throws UsageError (exit 2) naming the known profiles for an unknown name.
 */
export function builtInSchema(name: string): UperSchema {
	if (!isProfileName(name)) throw new UsageError(`unknown profile ${quoted(name)}; one of: ${profileNames().join(', ')} (see "cv2x profiles")`);
	const p = profile(name);
	return { name: p.name, title: p.title, set: p.schema, root: p.schema.root ?? 'MessageFrame' };
}

/**
 * Every built-in profile in the order detection prefers them: newest first, so a frame that
 * several revisions read alike is named by the current standard.
 */
export function builtInSchemas(): UperSchema[] {
	return profileNames().reverse().map(builtInSchema);
}

/** The .asn/.asn1 files a path names: the file itself, or a directory's module files sorted by name. */
function moduleFiles(path: string): string[] {
	let isDir: boolean;
	try {
		isDir = statSync(path).isDirectory();
	} catch {
		throw new Cv2xError('empty_input', `no such file or directory: ${path}`);
	}
	if (!isDir) return [path];
	const files = readdirSync(path).filter((f) => /\.asn1?$/i.test(f)).sort();
	if (!files.length) throw new Cv2xError('empty_input', `no .asn or .asn1 files in ${path}`);
	return files.map((f) => join(path, f));
}

/** One ASN.1 module file: the CSAE sets are a few hundred kB in all. */
const ASN1_INPUT: InputLimit = { max: 16 * 1024 * 1024, what: 'an ASN.1 module file' };

/**
 * The user's module set (X.680 modules with AUTOMATIC TAGS; the subset the CSAE sets use)
 * compiled into schema tables, rooted at `MessageFrame`. `paths`: module files and/or
 * directories of them. Errors name the file, line and column (Asn1Error from the parser,
 * exit 1), or the missing MessageFrame.
 */
export function userSchema(paths: string[]): UperSchema {
	const texts: ModuleText[] = paths.flatMap(moduleFiles).map((file) => ({ name: file, text: readTextFileSync(file, ASN1_INPUT) }));
	const p = loadUserSchema(texts, 'asn1');
	return { name: 'asn1', title: p.title, set: p.schema, root: p.schema.root ?? 'MessageFrame' };
}
