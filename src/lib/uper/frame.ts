// The high-level UPER API: a CSAE MessageFrame in and out under a built-in profile or a user's
// own module set, what a CLI command or the inspector calls instead of the engine.
import { Asn1Error, compileModuleSet, reachableTypes, type ModuleText } from './asn1';
import { UperError } from './errors';
import { decode, encode, type Trace } from './per';
import { isProfileName, profile, profileNames, type Profile } from './profiles';
import type { AsnValue, SchemaSet } from './schema';

/**
 * What a frame is read and written under: a built-in profile or a user's module set
 * (`loadUserSchema`). `name` is what a person picks it by, `title` what a person reads.
 */
export interface UperProfile {
	name: string;
	title: string;
	standard: string;
	schema: SchemaSet;
}

/** A name of a built-in profile (`csae53-2020-draft`, ...) or a profile object. */
export type ProfileRef = string | UperProfile | Profile;

/** A decoded frame: the MessageFrame value (schema.ts model), the bits it took, the profile used. */
export interface DecodedUperFrame {
	value: AsnValue;
	bits: number;
	profile: UperProfile;
}

/**
 * The profile `ref` names. Throws `UperError` (`unknown_type`, bit offset 0, empty path) for an
 * unknown name, listing the built-in ones.
 */
export function resolveProfile(ref: ProfileRef): UperProfile {
	if (typeof ref !== 'string') return ref;
	if (!isProfileName(ref)) throw new UperError('unknown_type', `unknown UPER profile "${ref}"; known: ${profileNames().join(', ')}`, 0, '');
	return profile(ref);
}

/** The name of the type a message is in `set`: its root (normally `MessageFrame`). */
export function frameTypeName(set: SchemaSet): string {
	return set.root ?? 'MessageFrame';
}

/**
 * Decodes one complete UPER (X.691 unaligned PER) MessageFrame from `bytes` under `profileRef`:
 * the frame must fill the input (only zero padding to the octet boundary after its last bit,
 * X.691 10.1.3) and hold every PER-visible constraint. `opts.trace` receives the bit-by-bit
 * trace (per/context.ts `TraceNode`, leaves tile the bits). Returns `{ value, bits, profile }`,
 * `bits` = the frame's length in bits without padding.
 * Throws `UperError` naming the bit offset and the field path (`trailing_bits` when octets
 * follow the frame).
 */
export function decodeUperFrame(bytes: Uint8Array, profileRef: ProfileRef, opts: { trace?: Trace } = {}): DecodedUperFrame {
	const p = resolveProfile(profileRef);
	const { value, bits } = decode(frameTypeName(p.schema), bytes, p.schema, { trace: opts.trace, complete: true });
	return { value, bits, profile: p };
}

/**
 * Encodes a MessageFrame value (schema.ts model, e.g. `{ bsmFrame: {...} }`) as canonical UPER
 * under `profileRef` (X.691 unaligned PER, padded to whole octets). Throws `UperError` naming
 * the bit offset reached and the field path of the value that does not fit.
 */
export function encodeUperFrame(value: AsnValue, profileRef: ProfileRef): Uint8Array {
	const p = resolveProfile(profileRef);
	return encode(frameTypeName(p.schema), value, p.schema);
}

/**
 * The MessageFrame CHOICE alternative a value carries (`bsmFrame`, `mapFrame`, `msgFrameExt`,
 * or `#ext<n>` for an unknown extension alternative kept raw), or `undefined` when the value is
 * not a one-key object (X.680 29: a CHOICE value is one alternative).
 */
export function uperFrameType(value: AsnValue): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) return undefined;
	const keys = Object.keys(value);
	return keys.length === 1 ? keys[0] : undefined;
}

/**
 * Bring your own ASN.1: a user's module set (X.680 modules with AUTOMATIC TAGS, IMPORTS across
 * them, the constraints and the one information object class the CSAE sets use) compiled into a
 * profile the functions above take. `files`: each module file's name (used in errors) and text;
 * `name` names the profile (default `user`). The set must define `MessageFrame`.
 * Throws `Asn1Error` naming file:line:column (syntax, unresolved reference, unsupported
 * construct), or naming the missing `MessageFrame`.
 */
export function loadUserSchema(files: ModuleText[], name = 'user'): UperProfile {
	if (files.length === 0) throw new Asn1Error('no ASN.1 module files given');
	const schema = compileModuleSet(name, files);
	if (!schema.root) throw new Asn1Error(`the module set (${files.map((f) => f.name).join(', ')}) defines no MessageFrame type`);
	reachableTypes(schema);
	const modules = [...new Set(Object.values(schema.moduleOf ?? {}))];
	return { name, title: `${name} (${modules.join(', ') || 'user modules'})`, standard: `user module set: ${files.map((f) => f.name).join(', ')}`, schema };
}
