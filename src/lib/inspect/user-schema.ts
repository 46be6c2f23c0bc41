// Bring your own ASN.1 in the inspector (issue 11 point 3): a user's module files, checked for
// size and for being text, compiled by the project's ASN.1 parser (uper/asn1) into the same
// schema tables the built-in profiles are, rooted at MessageFrame or a type the user picks, and
// kept in the browser's storage across reloads. The page calls these, never the parser itself.
import { Asn1Error, compileModuleSet, reachableTypes, type ModuleText } from '../uper/asn1';
import type { UperProfile } from '../uper/frame';
import { valuesEqual } from '../uper/per';
import { profile, profileNames, type ProfileName } from '../uper/profiles';
import type { AsnValue, SchemaSet } from '../uper/schema';

export type { ModuleText };

/** The encoding name a user's module set goes by in detection and in the page's choice. */
export const USER_ENCODING = 'user';

/** One module file at most (the largest CSAE set is 172 KiB in 27 files). */
export const MAX_SCHEMA_FILE_BYTES = 512 * 1024;
/** All files of a set together at most: the parser runs on the page's thread. */
export const MAX_SCHEMA_BYTES = 2 * 1024 * 1024;
/** Files in a set at most. */
export const MAX_SCHEMA_FILES = 200;
/** What the page keeps in localStorage at most, in characters of its JSON (browsers give ~5 M). */
export const MAX_STORED_CHARS = 1_000_000;
/** The localStorage key of the kept set. */
export const STORAGE_KEY = 'cv2x.inspect.asn1';

/**
 * Why a module set did not load: `file`, `line`, `column` where the parser stopped (1-based),
 * or the file that is too big or not text; `message` in English, naming the place already.
 */
export class SchemaProblem extends Error {
	readonly file?: string;
	readonly line?: number;
	readonly column?: number;

	constructor(message: string, place: { file?: string; line?: number; column?: number } = {}) {
		super(message);
		this.name = 'SchemaProblem';
		this.file = place.file;
		this.line = place.line;
		this.column = place.column;
	}
}

/** A compiled user's module set, ready for detection and decoding. */
export interface UserSchema {
	/** The module texts as loaded (kept for storage and for re-rooting). */
	files: ModuleText[];
	/** Its profile for the UPER functions: name `user`, the set rooted at `root`. */
	profile: UperProfile;
	/** The type a message is (`MessageFrame` unless the user picked another). */
	root: string;
	/** Every type of the set, sorted, `MessageFrame` first: what the user may pick as root. */
	types: string[];
	/** The built-in profile whose tables are identical (same type names, components, constraints), if any. */
	sameAs?: ProfileName;
}

/** Octets that are no module text: a NUL, or more than 1 in 20 control characters (not tab, CR, LF, FF). */
function looksBinary(data: Uint8Array): boolean {
	let control = 0;
	for (const b of data) {
		if (b === 0) return true;
		if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
	}
	return control * 20 > data.length;
}

/** True for a file name a module set is chosen or dropped by (`.asn`, `.asn1`, any case). */
export function isModuleFileName(name: string): boolean {
	return /\.asn1?$/i.test(name);
}

/**
 * Checks a file's size before it is read (a dropped gigabyte is never read). Throws
 * `SchemaProblem` naming the file when it is over MAX_SCHEMA_FILE_BYTES.
 */
export function checkSchemaFileSize(name: string, size: number): void {
	if (size > MAX_SCHEMA_FILE_BYTES)
		throw new SchemaProblem(`${name}: ${kib(size)} KiB is more than the ${kib(MAX_SCHEMA_FILE_BYTES)} KiB a module file may have`, { file: name });
}

/**
 * Checks chosen or dropped files by their sizes before any is read: at most MAX_SCHEMA_FILES,
 * each at most MAX_SCHEMA_FILE_BYTES, together at most MAX_SCHEMA_BYTES. Throws `SchemaProblem`
 * naming the limit (and the file, for one too big).
 */
export function checkSchemaFiles(files: readonly { name: string; size: number }[]): void {
	if (files.length > MAX_SCHEMA_FILES) throw new SchemaProblem(`${files.length} files: at most ${MAX_SCHEMA_FILES} module files`);
	for (const f of files) checkSchemaFileSize(f.name, f.size);
	const total = files.reduce((s, f) => s + f.size, 0);
	if (total > MAX_SCHEMA_BYTES) throw new SchemaProblem(`${kib(total)} KiB of module text: at most ${kib(MAX_SCHEMA_BYTES)} KiB`);
}

/**
 * A chosen or dropped file's octets as module text (UTF-8; stray octets, such as GBK in
 * comments, become U+FFFD, which the lexer skips in comments). Throws `SchemaProblem` naming the
 * file when it is larger than MAX_SCHEMA_FILE_BYTES, empty, or binary.
 */
export function readSchemaFile(name: string, data: Uint8Array): ModuleText {
	checkSchemaFileSize(name, data.length);
	if (data.length === 0) throw new SchemaProblem(`${name}: the file is empty`, { file: name });
	if (looksBinary(data)) throw new SchemaProblem(`${name}: binary data, not an ASN.1 module text`, { file: name });
	return { name, text: new TextDecoder('utf-8').decode(data) };
}

const kib = (n: number) => Math.ceil(n / 1024);

function checkSizes(files: ModuleText[]): void {
	if (files.length === 0) throw new SchemaProblem('no ASN.1 module text given');
	if (files.length > MAX_SCHEMA_FILES) throw new SchemaProblem(`${files.length} files: at most ${MAX_SCHEMA_FILES} module files`);
	const total = files.reduce((s, f) => s + f.text.length, 0);
	if (total > MAX_SCHEMA_BYTES) throw new SchemaProblem(`${kib(total)} KiB of module text: at most ${kib(MAX_SCHEMA_BYTES)} KiB`);
	const names = new Set<string>();
	for (const f of files) {
		if (names.has(f.name)) throw new SchemaProblem(`${f.name}: the same file name twice`, { file: f.name });
		names.add(f.name);
	}
}

/**
 * Compiles module texts (X.680 modules with AUTOMATIC TAGS, IMPORTS across them, the subset the
 * CSAE sets use) into a UserSchema rooted at `root` (default `MessageFrame`; when the set has no
 * MessageFrame, its first type in name order, which the user can change with `withRoot`).
 * Throws `SchemaProblem` with file, line and column from the parser's Asn1Error, or naming the
 * size limit, the duplicate file name or the unknown root.
 */
export function compileUserSchema(files: ModuleText[], root?: string): UserSchema {
	checkSizes(files);
	let set: SchemaSet;
	try {
		set = compileModuleSet(USER_ENCODING, files);
	} catch (e) {
		throw asProblem(e);
	}
	const types = Object.keys(set.types).sort((a, b) => Number(isFrame(b)) - Number(isFrame(a)) || a.localeCompare(b));
	if (types.length === 0) throw new SchemaProblem(`the module set (${files.map((f) => f.name).join(', ')}) defines no type`);
	const base: UserSchema = { files, profile: { name: USER_ENCODING, title: '', standard: '', schema: set }, root: '', types };
	return withRoot(base, root ?? set.root ?? types[0]);
}

const isFrame = (name: string) => name === 'MessageFrame' || name.endsWith('.MessageFrame');

function asProblem(e: unknown): SchemaProblem {
	if (e instanceof Asn1Error) return new SchemaProblem(e.message, e.place ?? {});
	// the parser throws only Asn1Error; anything else is a bug, said as it is rather than a crash
	return new SchemaProblem(`the ASN.1 parser failed: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * The same set rooted at another of its types (messages are then values of `root`, not
 * MessageFrames). Throws `SchemaProblem` when the set has no such type or a type reachable from
 * it is undefined.
 */
export function withRoot(user: UserSchema, root: string): UserSchema {
	const schema: SchemaSet = { ...user.profile.schema, root };
	if (!(root in schema.types)) throw new SchemaProblem(`the module set defines no type ${root}`);
	try {
		reachableTypes(schema, root);
	} catch (e) {
		throw asProblem(e);
	}
	const names = user.files.map((f) => f.name);
	const n = user.types.length;
	const title = `Your ASN.1: ${shortList(names)}, ${n} type${n === 1 ? '' : 's'}`;
	const standard = `user module set (${names.join(', ')}), root ${root}`;
	return { ...user, root, profile: { name: USER_ENCODING, title, standard, schema }, sameAs: isFrame(root) ? identicalProfile(schema) : undefined };
}

/** Up to three file names, then how many more: a title stays one line. */
export function shortList(names: string[]): string {
	return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3}`;
}

/** The built-in profile with exactly these schema tables (any key order), if one. */
function identicalProfile(set: SchemaSet): ProfileName | undefined {
	const types = set.types as unknown as AsnValue;
	return profileNames().find((n) => valuesEqual(profile(n).schema.types as unknown as AsnValue, types));
}

/** What the page keeps in storage: the texts and the chosen root. */
interface Stored {
	files: ModuleText[];
	root: string;
}

/** The part of the Web Storage API used here (localStorage in the page, a map in tests). */
export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

/**
 * Keeps `user`'s texts and root in `store` for the next visit. Returns `kept`, or `tooBig`
 * with the characters it would need (over MAX_STORED_CHARS) or `refused` when the browser said
 * no (quota, private mode); the set then lasts for this page only. Never throws.
 */
export function keepUserSchema(store: KeyValueStore, user: UserSchema): { kept: true } | { kept: false; tooBig?: number; refused?: string } {
	const text = JSON.stringify({ files: user.files, root: user.root } satisfies Stored);
	if (text.length > MAX_STORED_CHARS) {
		forget(store);
		return { kept: false, tooBig: text.length };
	}
	try {
		store.setItem(STORAGE_KEY, text);
		return { kept: true };
	} catch (e) {
		forget(store);
		return { kept: false, refused: e instanceof Error ? e.message : String(e) };
	}
}

/** Forgets the kept set. Never throws. */
export function forget(store: KeyValueStore): void {
	try {
		store.removeItem(STORAGE_KEY);
	} catch {
		// storage the browser refuses is storage that holds nothing of ours
	}
}

/**
 * The set kept by `keepUserSchema`, compiled again: `undefined` when none is kept; a
 * SchemaProblem when what is kept no longer compiles or is damaged (it is then forgotten).
 * Never throws.
 */
export function restoreUserSchema(store: KeyValueStore): UserSchema | SchemaProblem | undefined {
	let text: string | null;
	try {
		text = store.getItem(STORAGE_KEY);
	} catch {
		return undefined;
	}
	if (!text) return undefined;
	try {
		const s = JSON.parse(text) as Stored;
		if (!Array.isArray(s.files) || !s.files.every((f) => typeof f?.name === 'string' && typeof f?.text === 'string'))
			throw new SchemaProblem('the kept module set is damaged');
		const user = compileUserSchema(s.files);
		return typeof s.root === 'string' && s.root !== user.root && s.root in user.profile.schema.types ? withRoot(user, s.root) : user;
	} catch (e) {
		forget(store);
		return e instanceof SchemaProblem ? e : new SchemaProblem(`the kept module set is damaged: ${(e as Error).message}`);
	}
}
