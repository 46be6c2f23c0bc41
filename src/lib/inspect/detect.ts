// Which encoding pasted bytes are, for the inspector: uper/detect.ts `detectEncoding` tries the
// protobuf model and every built-in UPER profile (bare, back to back, inside the RSU framing);
// this folds its attempts into one per encoding for the page's choice. A user's own module set
// (user-schema.ts) is tried beside the built-in profiles, as the encoding `user`.
import { detectEncoding, PROTOBUF_TITLE, type DetectAttempt } from '../uper/detect';
import { isProfileName, profile, profileNames, type ProfileName } from '../uper/profiles';
import { USER_ENCODING, type UserSchema } from './user-schema';

/** An encoding the inspector can read bytes as: the protobuf model, a UPER profile, or the user's module set. */
export type EncodingName = 'protobuf' | ProfileName | typeof USER_ENCODING;

/** How an encoding read the bytes: its verdict, or the error that stopped it. */
export interface EncodingAttempt {
	encoding: EncodingName;
	/** For people: "protobuf model (cv2x.v1.MessageFrame)", "T/CSAE 53-2020 draft (2019-07-24)". */
	title: string;
	ok: boolean;
	/** The decoder's message, naming the bit (UPER) or byte (protobuf) offset and the field path. */
	error?: string;
	/** How the frames sat: `bare` (one frame is the input), `back-to-back`, `rsu-counted`, `rsu-single`. */
	framing: string;
	/** Where the first frame is, in octets, and how many frames the input holds (when ok). */
	first?: { offset: number; length: number };
	frames: number;
}

/** One attempt per encoding (protobuf, then the profiles oldest first), and the most likely clean one. */
export interface Detection {
	attempts: EncodingAttempt[];
	detected?: EncodingName;
}

/**
 * UPER inputs above this are not tried (a MessageFrame is at most a few KiB; a MAP of a big
 * junction some tens of KiB): the page stays responsive on a pasted megabyte.
 */
export const MAX_UPER_INPUT = 64 * 1024;

/** The title people read for an encoding (`user`: the user's set's title, "your ASN.1" without one). */
export function encodingTitle(encoding: EncodingName, user?: UserSchema): string {
	if (encoding === USER_ENCODING) return user?.profile.title ?? 'your ASN.1';
	return encoding === 'protobuf' ? PROTOBUF_TITLE : profile(encoding).title;
}

function nameOf(a: DetectAttempt): EncodingName | undefined {
	if (a.encoding === 'protobuf') return 'protobuf';
	if (a.profile === USER_ENCODING) return USER_ENCODING;
	return a.profile && isProfileName(a.profile) ? a.profile : undefined;
}

function fold(a: DetectAttempt, encoding: EncodingName): EncodingAttempt {
	const f = a.frames[0];
	return {
		encoding,
		title: a.title,
		ok: a.ok,
		error: a.error?.message,
		framing: a.framing,
		first: f ? { offset: f.offset, length: f.length } : undefined,
		frames: a.frames.length
	};
}

/**
 * Tries `bytes` as a protobuf MessageFrame and as UPER messages (X.691 unaligned PER) under
 * every built-in profile and, when given, the user's module set (`detectEncoding`). Per encoding
 * the best clean attempt, else the bare one with its error, in the order protobuf, built-in
 * profiles oldest first, `user`. `detected`: the best clean attempt's encoding; the user's set
 * when it reads the bytes as well as the best built-in profile does (same values: the user
 * loaded it to read them). Never throws for bad bytes.
 */
export function tryEncodings(bytes: Uint8Array, user?: UserSchema): Detection {
	const names: EncodingName[] = ['protobuf', ...profileNames()];
	if (user) names.push(USER_ENCODING);
	if (bytes.length > MAX_UPER_INPUT) {
		const protobuf = detectEncoding(bytes, []).attempts[0];
		const skipped = (n: EncodingName): EncodingAttempt => ({ encoding: n, title: encodingTitle(n, user), ok: false, error: `input over ${MAX_UPER_INPUT} bytes: not tried as UPER`, framing: 'bare', frames: 0 });
		return { attempts: [fold(protobuf, 'protobuf'), ...names.slice(1).map(skipped)], detected: protobuf.ok ? 'protobuf' : undefined };
	}
	const d = detectEncoding(bytes, [...profileNames().map(profile), ...(user ? [user.profile] : [])]);
	const by = new Map<EncodingName, EncodingAttempt>();
	for (const a of [...d.best, ...d.attempts]) {
		const n = nameOf(a);
		if (n && !by.has(n)) by.set(n, fold(a, n));
	}
	const best = d.best[0];
	const userAlike = best && d.best.some((a) => a.profile === USER_ENCODING && (a === best || best.alike?.includes(USER_ENCODING)));
	return { attempts: names.flatMap((n) => by.get(n) ?? []), detected: userAlike ? USER_ENCODING : best ? nameOf(best) : undefined };
}
