// The size of one message in each encoding, side by side, for the playground's inspector: the
// bytes as they went on the air (the protobuf model or UPER under a profile), the same message
// in the other encoding, and as compact proto3 JSON. Cloud (Uu) messages have no UPER: no
// standard defines one for them.
import { Cv2xError, encodeFrame, frameJson, type MessageFrame } from '../codec';
import { decodeOnAir } from '../sim/on-air';
import { encodeUperFrame, UperError } from '../uper';
import { fromModel } from '../uper/mapping';
import { isProfileName, profile, type ProfileName } from '../uper/profiles';

/** The profile a protobuf message's UPER size is shown under when the run names none: it carries every PC5 type. */
export const COMPARE_PROFILE: ProfileName = 'csae157-2020';

/** One encoding's size: `bytes` octets; `profile`/`title` for UPER; `onAir` for the bytes sent. */
export interface SizeEntry {
	encoding: 'uper' | 'protobuf' | 'json';
	bytes: number;
	profile?: ProfileName;
	/** The profile's title ("T/CSAE 53-2017"), for UPER. */
	title?: string;
	onAir: boolean;
}

/**
 * Sizes, the on-air one first. `noUper`: why no UPER size is given for a protobuf message
 * ('uu': a cloud message, no standard UPER exists; 'type': no built-in profile has its type;
 * 'value': the profile cannot carry this value). `error`: the bytes did not decode (then only
 * the on-air size is given).
 */
export interface OnAirSizes {
	entries: SizeEntry[];
	noUper?: 'uu' | 'type' | 'value';
	error?: string;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

function uperEntry(p: ProfileName, bytes: number, onAir: boolean): SizeEntry {
	return { encoding: 'uper', bytes, profile: p, title: profile(p).title, onAir };
}

/** The UPER size of `frame` under the first of `candidates` that has its type, or why none. */
function uperSize(frame: MessageFrame, candidates: ProfileName[]): SizeEntry | 'type' | 'value' {
	let why: 'type' | 'value' = 'type';
	for (const p of candidates)
		try {
			return uperEntry(p, encodeUperFrame(fromModel(frame, p).value, p).length, false);
		} catch (e) {
			if (!(e instanceof UperError) && !(e instanceof Cv2xError)) throw e;
			if (!(e instanceof Cv2xError && e.code === 'unknown_type')) why = 'value';
		}
	return why;
}

/**
 * The sizes of a message sent as `bytes` in `encoding` (UPER under `profileName`) over
 * `channel`: for UPER, the same message in the protobuf model (encoded from the mapped frame)
 * and as compact proto3 JSON; for protobuf, its UPER size under `profileName` (or
 * COMPARE_PROFILE when that lacks the type), none for Uu, and JSON. Sizes in octets. Never
 * throws for bad bytes: `error` says why they did not decode.
 */
export function onAirSizes(bytes: Uint8Array, encoding: 'uper' | 'protobuf', profileName: string | undefined, channel: 'pc5' | 'uu'): OnAirSizes {
	const p = profileName !== undefined && isProfileName(profileName) ? profileName : undefined;
	const sent: SizeEntry = encoding === 'uper' && p ? uperEntry(p, bytes.length, true) : { encoding, bytes: bytes.length, onAir: true };
	let frame: MessageFrame;
	try {
		frame = decodeOnAir(bytes, encoding, p);
	} catch (e) {
		return { entries: [sent], error: (e as Error).message };
	}
	const json: SizeEntry = { encoding: 'json', bytes: utf8Length(JSON.stringify(frameJson.to(frame))), onAir: false };
	if (encoding === 'uper') {
		const model: SizeEntry = { encoding: 'protobuf', bytes: encodeFrame(frame, { validate: false }).length, onAir: false };
		return { entries: [sent, model, json] };
	}
	if (channel === 'uu') return { entries: [sent, json], noUper: 'uu' };
	const other = uperSize(frame, [...new Set([...(p ? [p] : []), COMPARE_PROFILE])]);
	if (typeof other === 'string') return { entries: [sent, json], noUper: other };
	return { entries: [sent, other, json] };
}
