// Reading one UPER MessageFrame whose profile is not said: the profiles are tried in order and
// the first clean reading (complete, constraints held, no unknown extension) wins; a reading
// with unknown extensions is kept only if no profile reads the frame without any.
import { frameType, type MessageFrame } from '../../codec';
import { countUnknownExtensions, decodeUperFrame, UperError, withoutPlace, type AsnValue } from '../../uper';
import { toModel } from '../../uper/mapping';
import type { ProfileName } from '../../uper/profiles';

/**
 * The order profiles are tried in when none is given: the 2019-07-24 draft (what deployed RSUs
 * run, ../shared/samples/uper/SOURCES.md) and the final T/CSAE 53-2020, then T/CSAE 157-2020
 * (phase 2 in msgFrameExt), then T/CSAE 53-2017.
 */
export const READ_ORDER: readonly ProfileName[] = ['csae53-2020-draft', 'csae53-2020', 'csae157-2020', 'csae53-2017'];

/** A frame read: its profile, the model frame and its payload type. */
export interface UperRead {
	profile: ProfileName;
	value: AsnValue;
	frame: MessageFrame;
	type: string;
}

/**
 * Reads `bytes` (one UPER MessageFrame, X.691 unaligned PER) under `profiles` in order and maps
 * it to the model (uper/mapping toModel). Throws UperError: the error of the profile that read
 * furthest, its message prefixed with the profile's name (bit offset and field path kept), or a
 * 'bad_value' UperError when the frame decodes but carries no message type of the model.
 */
export function readUper(bytes: Uint8Array, profiles: readonly ProfileName[]): UperRead {
	let fallback: { profile: ProfileName; value: AsnValue } | undefined;
	let worst: { profile: ProfileName; error: UperError } | undefined;
	for (const p of profiles) {
		try {
			const { value } = decodeUperFrame(bytes, p);
			if (countUnknownExtensions(value) === 0) return mapped(p, value);
			fallback ??= { profile: p, value };
		} catch (e) {
			if (!(e instanceof UperError)) throw e;
			if (!worst || e.bitOffset > worst.error.bitOffset) worst = { profile: p, error: e };
		}
	}
	if (fallback) return mapped(fallback.profile, fallback.value);
	if (!worst) throw new UperError('unknown_type', 'no UPER profile to read it under', 0, '');
	throw new UperError(worst.error.code, `under ${worst.profile}: ${withoutPlace(worst.error)}`, worst.error.bitOffset, worst.error.path);
}

function mapped(profile: ProfileName, value: AsnValue): UperRead {
	const frame = toModel(value, profile).frame;
	const type = frameType(frame);
	if (!type) throw new UperError('bad_value', `under ${profile}: a ${Object.keys(value as object)[0]} the model has no message type for`, 0, '');
	return { profile, value, frame, type };
}
