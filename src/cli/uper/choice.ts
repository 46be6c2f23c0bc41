// The encoding options every codec command shares: --encoding, --profile, --asn1, --jer, --lines.
import { MAX_TEXT_CHARS, MAX_JSON_CHARS, MAX_INPUT_BYTES } from '../../lib/codec';
import { oneOf, UsageError, type ParsedArgs } from '../args';
import { builtInSchema, builtInSchemas, userSchema, type UperSchema } from './schemas';

export type Encoding = 'auto' | 'protobuf' | 'uper';

/**
 * What a command reads or writes. `encoding`: protobuf, uper, or auto (try each candidate).
 * `schemas`: the UPER candidates (one with --profile or --asn1, else every built-in profile).
 * `pinned`: the user named the schema. `jer`: the JSON side is X.697 JER of the ASN.1 value.
 * `lines`: one message per input line.
 */
export interface CodecChoice {
	encoding: Encoding;
	schemas: UperSchema[];
	pinned: boolean;
	jer: boolean;
	lines: boolean;
	/** --encoding was not given (protobuf by default): a failed protobuf decode may hint at UPER. */
	defaulted: boolean;
}

/** Option names for parseArgs: valued, boolean and list options. */
export const CODEC_OPTIONS = { valued: ['encoding', 'profile'], booleans: ['jer', 'lines'], lists: ['asn1'] } as const;

/** The options' help lines, shared by decode, encode, inspect and validate. */
export const CODEC_HELP = `  --encoding E     protobuf (the model; default), uper (ASN.1 UPER, X.691), or auto (try
                   protobuf and every profile; says on stderr which decoded cleanly). The
                   default is uper when --profile, --asn1 or --jer is given.
  --profile NAME   the UPER schema: a built-in profile (see "cv2x profiles"); without it,
                   decoding tries every profile
  --asn1 PATH...   your own ASN.1 module set instead (.asn/.asn1 files or a directory of them;
                   errors name file:line:column)
  --jer            the JSON side is the ASN.1 value as X.697 JSON (JER), not the model's proto3 JSON
  --lines          one message per input line (hex or base64, or JSON for encode) and one compact
                   line out per message; a bad line prints {"error":...} on its line, and the
                   exit status is 1 at the end; blank lines are skipped. With auto, a line is
                   first tried under the profile the last detected line used
Inputs are read up to their limit and refused past it: ${MAX_INPUT_BYTES / 1048576} MiB of bytes, ${MAX_TEXT_CHARS / 1048576} MiB of hex or
base64 text, ${MAX_JSON_CHARS / 1048576} MiB of JSON (with --lines, per line).`;

/**
 * Reads the shared options. Throws UsageError (exit 2) on conflicts: --profile with --asn1, a
 * UPER option with --encoding protobuf.
 */
export function codecChoice(args: ParsedArgs): CodecChoice {
	const { flags, lists } = args;
	const asn1 = lists.asn1 ?? [];
	const profileName = typeof flags.profile === 'string' ? flags.profile : undefined;
	if (flags.profile === true) throw new UsageError('--profile needs a NAME');
	if (profileName !== undefined && asn1.length) throw new UsageError('give --profile or --asn1, not both');
	const uperAsked = profileName !== undefined || asn1.length > 0 || flags.jer === true;
	const encoding = oneOf('encoding', flags.encoding, ['auto', 'protobuf', 'uper'] as const, uperAsked ? 'uper' : 'protobuf');
	if (encoding === 'protobuf' && uperAsked) throw new UsageError('--profile, --asn1 and --jer are for UPER; not with --encoding protobuf');
	const pinned = profileName !== undefined || asn1.length > 0;
	const schemas = encoding === 'protobuf' ? [] : profileName !== undefined ? [builtInSchema(profileName)] : asn1.length ? [userSchema(asn1)] : builtInSchemas();
	return { encoding, schemas, pinned, jer: flags.jer === true, lines: flags.lines === true, defaulted: flags.encoding === undefined };
}

/**
 * The one schema an encoder writes with. Throws UsageError when none was named (UPER revisions
 * differ on the wire, so encoding never guesses).
 */
export function encodingSchema(choice: CodecChoice): UperSchema {
	if (!choice.pinned) throw new UsageError('encoding UPER needs --profile NAME or --asn1 PATH (see "cv2x profiles")');
	return choice.schemas[0];
}
