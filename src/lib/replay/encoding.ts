// Which encoding a captured record's bytes are in. Files written since the on-air choice say so
// (a UPER record names its profile, or the capture's meta does); older files hold protobuf, and
// bytes that do not decode as protobuf are tried as UPER under every built-in profile.
import { decodeFrame } from '../codec';
import type { CaptureMeta, CaptureRecord } from '../capture';
import type { FrameEncoding } from '../sim';
import { detectEncoding } from '../uper/detect';
import { isProfileName, type ProfileName } from '../uper/profiles';

/** A record's encoding and, for UPER, its profile (undefined when no profile reads it). */
export interface RecordEncoding {
	encoding: FrameEncoding;
	profile?: ProfileName;
}

/**
 * The encoding of `r.bytes`: its own note (`encoding`, `profile`, else `meta.profile`), else
 * protobuf when the bytes decode as a protobuf MessageFrame, else the profile under which they
 * decode cleanly as one bare UPER MessageFrame (uper/detect.ts `detectEncoding`), else protobuf
 * (a damaged frame: it stays in the log and moves nothing). Never throws for bad bytes.
 */
export function recordEncoding(r: Pick<CaptureRecord, 'encoding' | 'profile' | 'bytes'>, meta: CaptureMeta | undefined): RecordEncoding {
	const named = r.profile ?? meta?.profile;
	if (r.encoding === 'uper' && named !== undefined && isProfileName(named)) return { encoding: 'uper', profile: named };
	if (r.encoding !== 'uper') {
		if (r.encoding === 'protobuf') return { encoding: 'protobuf' };
		try {
			decodeFrame(r.bytes);
			return { encoding: 'protobuf' };
		} catch {
			// not protobuf: perhaps a UPER frame from a file without the note
		}
	}
	const found = detectEncoding(r.bytes).best.find((a) => a.encoding === 'uper' && a.framing === 'bare' && a.profile && isProfileName(a.profile));
	if (found) return { encoding: 'uper', profile: found.profile as ProfileName };
	return r.encoding === 'uper' ? { encoding: 'uper' } : { encoding: 'protobuf' };
}
