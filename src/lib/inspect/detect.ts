// Which encoding pasted bytes are, for the inspector: uper/detect.ts `detectEncoding` tries the
// protobuf model and every built-in UPER profile (bare, back to back, inside the RSU framing);
// this folds its attempts into one per encoding for the page's choice.
import { detectEncoding, PROTOBUF_TITLE, type DetectAttempt } from '../uper/detect';
import { isProfileName, profile, profileNames, type ProfileName } from '../uper/profiles';

/** An encoding the inspector can read bytes as: the protobuf model or a UPER profile. */
export type EncodingName = 'protobuf' | ProfileName;

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

/** The title people read for an encoding. */
export function encodingTitle(encoding: EncodingName): string {
	return encoding === 'protobuf' ? PROTOBUF_TITLE : profile(encoding).title;
}

function nameOf(a: DetectAttempt): EncodingName | undefined {
	if (a.encoding === 'protobuf') return 'protobuf';
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
 * Tries `bytes` as a protobuf MessageFrame and as UPER MessageFrames (X.691 unaligned PER) under
 * every built-in profile (`detectEncoding`). Per encoding the best clean attempt, else the bare
 * one with its error. `detected`: the best clean attempt's encoding. Never throws for bad bytes.
 */
export function tryEncodings(bytes: Uint8Array): Detection {
	const names: EncodingName[] = ['protobuf', ...profileNames()];
	if (bytes.length > MAX_UPER_INPUT) {
		const protobuf = detectEncoding(bytes, []).attempts[0];
		const skipped = (n: ProfileName): EncodingAttempt => ({ encoding: n, title: encodingTitle(n), ok: false, error: `input over ${MAX_UPER_INPUT} bytes: not tried as UPER`, framing: 'bare', frames: 0 });
		return { attempts: [fold(protobuf, 'protobuf'), ...profileNames().map(skipped)], detected: protobuf.ok ? 'protobuf' : undefined };
	}
	const d = detectEncoding(bytes);
	const by = new Map<EncodingName, EncodingAttempt>();
	for (const a of [...d.best, ...d.attempts]) {
		const n = nameOf(a);
		if (n && !by.has(n)) by.set(n, fold(a, n));
	}
	const best = d.best[0];
	return { attempts: names.flatMap((n) => by.get(n) ?? []), detected: best ? nameOf(best) : undefined };
}
