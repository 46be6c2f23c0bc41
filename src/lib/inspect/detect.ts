// Which encoding pasted bytes are: the protobuf model, or UPER under one of the built-in
// profiles. One function (`tryEncodings`) so the page does not care who does the trying.
import { decodeFrame } from '../codec';
import { decode, UperError } from '../uper';
import { profile, profileNames, type ProfileName } from '../uper/profiles';

/** An encoding the inspector can read bytes as: the protobuf model or a UPER profile. */
export type EncodingName = 'protobuf' | ProfileName;

/** One try: whether the bytes decoded cleanly under `encoding`, or the error that stopped it. */
export interface EncodingAttempt {
	encoding: EncodingName;
	/** For people: "protobuf (cv2x.v1.MessageFrame)", "T/CSAE 53-2020 draft (2019-07-24)". */
	title: string;
	ok: boolean;
	/** The decoder's message, naming the bit (UPER) or byte (protobuf) offset and the field path. */
	error?: string;
}

/** Every try, and the first that decoded cleanly (undefined when none did). */
export interface Detection {
	attempts: EncodingAttempt[];
	detected?: EncodingName;
}

/**
 * UPER inputs above this are not tried (a MessageFrame is at most a few KiB; a MAP of a big
 * junction some tens of KiB): the page stays responsive on a pasted megabyte.
 */
export const MAX_UPER_INPUT = 64 * 1024;

/**
 * The order encodings are preferred in when several decode cleanly: the project's own model,
 * then the final text of T/CSAE 53-2020, phase 2, the 2019 draft deployed units run, 2017.
 */
const PREFERENCE: readonly EncodingName[] = ['protobuf', 'csae53-2020', 'csae157-2020', 'csae53-2020-draft', 'csae53-2017'];

/** The title people read for an encoding. */
export function encodingTitle(encoding: EncodingName): string {
	return encoding === 'protobuf' ? 'protobuf (cv2x.v1.MessageFrame)' : profile(encoding).title;
}

function attempt(bytes: Uint8Array, encoding: EncodingName): EncodingAttempt {
	const title = encodingTitle(encoding);
	try {
		if (encoding === 'protobuf') decodeFrame(bytes);
		else if (bytes.length > MAX_UPER_INPUT) return { encoding, title, ok: false, error: `input over ${MAX_UPER_INPUT} bytes: not tried as UPER` };
		// complete: all bits consumed, zero padding only (X.691 10.1.3); ranges are checked by the decoder
		else decode('MessageFrame', bytes, profile(encoding).schema, { complete: true });
		return { encoding, title, ok: true };
	} catch (e) {
		if (!(e instanceof Error)) throw e;
		return { encoding, title, ok: false, error: e instanceof UperError || encoding === 'protobuf' ? e.message : String(e) };
	}
}

/**
 * Tries `bytes` as a protobuf MessageFrame and as a UPER MessageFrame (X.691 unaligned PER)
 * under every built-in profile. Returns every attempt in preference order and the first that
 * decoded cleanly. Never throws for bad bytes.
 */
export function tryEncodings(bytes: Uint8Array): Detection {
	const names = PREFERENCE.filter((n) => n === 'protobuf' || profileNames().includes(n as ProfileName));
	const attempts = names.map((n) => attempt(bytes, n));
	return { attempts, detected: attempts.find((a) => a.ok)?.encoding };
}
