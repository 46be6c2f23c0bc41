// Reading a share link's fragment (`/inspect#b=<base64url>&p=<profile>`) the way a hostile or
// damaged link arrives: cut in a chat, megabytes long, a profile that does not exist, parameters
// repeated. Every problem is a text key (under `hostile.link`) with what and where, so the page
// says it instead of ignoring the link; the bytes themselves are decoded by the codec's
// parseBase64, whose errors name the character and its offset.
import { isProfileName, profileNames, type ProfileName } from '../uper/profiles';
import { MAX_SHARE_BYTES } from './link';

/** The longest `b=` a link may carry: MAX_SHARE_BYTES as base64 (4 characters per 3 bytes). */
export const MAX_LINK_CHARS = Math.ceil((MAX_SHARE_BYTES * 4) / 3);

/** Characters of a value quoted back in a problem: a long one is named by its start. */
const QUOTE_MAX = 40;
const quoted = (v: string) => (v.length <= QUOTE_MAX ? v : `${v.slice(0, QUOTE_MAX)}…`);

/** A problem with a link as a text key and its values. */
export interface LinkProblem {
	key: string;
	params: Record<string, string | number>;
}

/** What a fragment carries: the base64 of the message (null: none to read) and the profile it names, and every problem found. */
export interface SharedLink {
	b64: string | null;
	profile?: ProfileName | 'protobuf';
	problems: LinkProblem[];
}

/**
 * Reads a location hash (`#b=…&p=…`, with or without the `#`). No `b=` and no `p=` at all:
 * not a share link (no problems; a plain anchor). Problems, each `hostile.link.<key>`:
 * `tooLong` (`chars`, `max`: b= over MAX_LINK_CHARS, not decoded), `missing` (a p= without a
 * b=), `badProfile` (`profile` quoted, `valid`: protobuf and the UPER profiles; the message is then read as detected),
 * `repeated` (`name`: the first one counts). Linear in the hash's length; never throws.
 */
export function readShareHash(hash: string): SharedLink {
	const out: SharedLink = { b64: null, problems: [] };
	const seen = new Map<string, string>();
	const text = hash.startsWith('#') ? hash.slice(1) : hash;
	for (const part of text.split('&')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const name = part.slice(0, eq);
		if (name !== 'b' && name !== 'p') continue;
		if (!seen.has(name)) seen.set(name, part.slice(eq + 1));
		// said once per name, however often it comes
		else if (!out.problems.some((p) => p.params.name === name)) out.problems.push({ key: 'hostile.link.repeated', params: { name } });
	}
	const b = seen.get('b');
	const p = seen.get('p');
	if (b === undefined) {
		if (p !== undefined) out.problems.push({ key: 'hostile.link.missing', params: {} });
		return out;
	}
	if (b.length > MAX_LINK_CHARS) out.problems.push({ key: 'hostile.link.tooLong', params: { chars: b.length, max: MAX_LINK_CHARS, bytes: MAX_SHARE_BYTES } });
	else out.b64 = b;
	if (p !== undefined) {
		if (isProfileName(p) || p === 'protobuf') out.profile = p;
		else out.problems.push({ key: 'hostile.link.badProfile', params: { profile: quoted(p), valid: ['protobuf', ...profileNames()].join(', ') } });
	}
	return out;
}
