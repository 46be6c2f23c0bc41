// The RSU-to-cloud framing as the golden and fuzz tests read it: the library's parser
// (../framing.ts) under the topic type the capture came with.
import { parseRsuPayload, type RsuPayload } from '../framing';

/** One RSU-to-cloud payload taken apart. */
export type RsuFramedPayload = RsuPayload;

/**
 * Takes an RSU MQTT payload apart under its topic TYPE (`BSM` payloads carry a frame count).
 * Errors: the library's `UperError`s, with the byte offset and the framing field's path.
 */
export function parseRsuFraming(bytes: Uint8Array, topicType: string): RsuFramedPayload {
	const { rsuId, timestampMs, frames } = parseRsuPayload(bytes, topicType);
	return { rsuId, timestampMs, frames };
}
