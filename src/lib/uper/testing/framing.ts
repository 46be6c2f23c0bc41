// The binary framing a roadside unit puts around UPER MessageFrames on its MQTT uplink to the
// cloud (topics `V2X.RSU.<TYPE>.UP`, described in ../shared/samples/uper/SOURCES.md). Lives here
// until the framing module of issue 11 (item 8) takes it over.
//
//   rsuId[8] | timestamp[8, ms since 1970 UTC, little-endian] |
//     BSM:    count[1], then count x (length[2, little-endian] | UPER)
//     others: length[2, little-endian] | UPER
import { UperError } from '../errors';

/** One RSU-to-cloud payload taken apart. */
export interface RsuFramedPayload {
	/** the unit's 8-byte identifier as sent (often ASCII, e.g. `u_id_123`) */
	rsuId: Uint8Array;
	/** when the unit sent it, ms since 1970-01-01 UTC */
	timestampMs: number;
	/** the UPER MessageFrames, in order (views into the input) */
	frames: Uint8Array[];
}

const HEADER_OCTETS = 16;

/**
 * Takes an RSU MQTT payload apart. `topicType` is the TYPE of its topic (`BSM`, `MAP`, `RSI`,
 * `RSM`, `SPAT`, any case): only BSM payloads carry a frame count. Every length must fit the
 * input and the frames must end exactly at its end.
 * Errors: `UperError` (`truncated`, `bad_length`, `trailing_bits`, `too_large`) with the bit
 * offset (8 x the octet offset) and the framing field's path, e.g. `frames[1].length`.
 */
export function parseRsuFraming(bytes: Uint8Array, topicType: string): RsuFramedPayload {
	if (bytes.length < HEADER_OCTETS) {
		throw new UperError('truncated', `RSU payload of ${bytes.length} octets is shorter than its 16-octet header`, bytes.length * 8, bytes.length < 8 ? 'rsuId' : 'timestamp');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const timestamp = view.getBigUint64(8, true);
	if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
		throw new UperError('too_large', `timestamp ${timestamp} ms is beyond any date`, 64, 'timestamp');
	}
	const counted = topicType.toUpperCase() === 'BSM';
	let at = HEADER_OCTETS;
	let count = 1;
	if (counted) {
		if (at >= bytes.length) throw new UperError('truncated', 'BSM payload ends before its frame count', at * 8, 'count');
		count = bytes[at++];
	}
	const frames: Uint8Array[] = [];
	for (let i = 0; i < count; i++) {
		const path = `frames[${i}]`;
		if (at + 2 > bytes.length) throw new UperError('truncated', `payload ends inside the length of frame ${i}`, at * 8, `${path}.length`);
		const length = view.getUint16(at, true);
		if (length === 0) throw new UperError('bad_length', `frame ${i} has length 0`, at * 8, `${path}.length`);
		at += 2;
		if (at + length > bytes.length) {
			throw new UperError('truncated', `frame ${i} says ${length} octets but ${bytes.length - at} are left`, (at - 2) * 8, `${path}.length`);
		}
		frames.push(bytes.subarray(at, at + length));
		at += length;
	}
	if (at !== bytes.length) {
		throw new UperError('trailing_bits', `${bytes.length - at} octets after the last frame`, at * 8, '');
	}
	return { rsuId: bytes.slice(0, 8), timestampMs: Number(timestamp), frames };
}
