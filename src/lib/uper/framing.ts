// How UPER MessageFrames travel outside the air interface: the binary framing a roadside unit
// puts around them on its MQTT uplink to the cloud (topics `V2X.RSU.<TYPE>.UP`), and several
// bare frames back to back.
//
//   rsuId[8] | timestamp[8, ms since 1970-01-01 UTC, little-endian] |
//     counted (BSM topics): count[1], then count x (length[2, little-endian] | UPER)
//     single (the others):  length[2, little-endian] | UPER
//
// Framing errors are UperErrors whose message names the byte offset (bitOffset = 8 x it) and
// whose path names the framing field (`frames[1].length`).
import { UperError } from './errors';
import { decodeUperFrame, frameTypeName, resolveProfile, type ProfileRef } from './frame';
import { decode } from './per';
import type { AsnValue } from './schema';

/** The two layouts of the RSU framing: a count before the frames (BSM topics), or one frame. */
export type RsuLayout = 'counted' | 'single';

/** One RSU-to-cloud payload taken apart (or to be written). */
export interface RsuPayload {
	/** the unit's 8-octet identifier as sent (often ASCII, e.g. `u_id_123`) */
	rsuId: Uint8Array;
	/** when the unit sent it, ms since 1970-01-01 UTC */
	timestampMs: number;
	/** the UPER MessageFrames in order (views into the input when parsed) */
	frames: Uint8Array[];
}

/** A parsed payload: which layout it has, each frame's octet offset, and whether the other layout fits too. */
export interface ParsedRsuPayload extends RsuPayload {
	layout: RsuLayout;
	/** octet offset of each frame's first octet in the payload */
	offsets: number[];
	/** true when the input fits both layouts exactly (then `layout` is the one `topicType` or the counted one) */
	ambiguous: boolean;
}

const HEADER_OCTETS = 16;

/** The layout an MQTT topic type uses: BSM payloads carry a count. */
export function rsuLayoutOf(topicType: string): RsuLayout {
	return topicType.toUpperCase() === 'BSM' ? 'counted' : 'single';
}

function framingError(code: 'truncated' | 'bad_length' | 'trailing_bits' | 'too_large', message: string, octet: number, path: string): UperError {
	return new UperError(code, `${message} (byte offset ${octet})`, octet * 8, path);
}

/** The header and frames under one layout; throws UperError where the input stops fitting it. */
function parseLayout(bytes: Uint8Array, layout: RsuLayout): ParsedRsuPayload {
	if (bytes.length < HEADER_OCTETS) {
		throw framingError('truncated', `RSU payload of ${bytes.length} octets is shorter than its 16-octet header`, bytes.length, bytes.length < 8 ? 'rsuId' : 'timestamp');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const timestamp = view.getBigUint64(8, true);
	if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) throw framingError('too_large', `timestamp ${timestamp} ms is beyond any date`, 8, 'timestamp');
	let at = HEADER_OCTETS;
	let count = 1;
	if (layout === 'counted') {
		if (at >= bytes.length) throw framingError('truncated', 'payload ends before its frame count', at, 'count');
		count = bytes[at++];
		if (count === 0) throw framingError('bad_length', 'frame count 0', at - 1, 'count');
	}
	const frames: Uint8Array[] = [];
	const offsets: number[] = [];
	for (let i = 0; i < count; i++) {
		const path = `frames[${i}].length`;
		if (at + 2 > bytes.length) throw framingError('truncated', `payload ends inside the length of frame ${i}`, at, path);
		const length = view.getUint16(at, true);
		if (length === 0) throw framingError('bad_length', `frame ${i} has length 0`, at, path);
		if (at + 2 + length > bytes.length) throw framingError('truncated', `frame ${i} says ${length} octets but ${bytes.length - at - 2} are left`, at, path);
		offsets.push(at + 2);
		frames.push(bytes.subarray(at + 2, at + 2 + length));
		at += 2 + length;
	}
	if (at !== bytes.length) throw framingError('trailing_bits', `${bytes.length - at} octets after the last frame`, at, '');
	return { rsuId: bytes.slice(0, 8), timestampMs: Number(timestamp), frames, offsets, layout, ambiguous: false };
}

/**
 * Takes an RSU-to-cloud payload apart. `topicType` (the TYPE of topic `V2X.RSU.<TYPE>.UP`, any
 * case) fixes the layout; without it both layouts are tried and the one that fits the input
 * exactly (every length inside it, the last frame ending at its end) is returned, `ambiguous`
 * when both do (the counted one is returned then). Frames are views into `bytes`.
 * Throws `UperError` (`truncated`, `bad_length`, `trailing_bits`, `too_large`) naming the byte
 * offset and the framing field; without `topicType`, the error of the layout that read further.
 */
export function parseRsuPayload(bytes: Uint8Array, topicType?: string): ParsedRsuPayload {
	if (topicType !== undefined) return parseLayout(bytes, rsuLayoutOf(topicType));
	const tries = (['counted', 'single'] as const).map((layout) => {
		try {
			return parseLayout(bytes, layout);
		} catch (e) {
			if (e instanceof UperError) return e;
			throw e;
		}
	});
	const fits = tries.filter((t): t is ParsedRsuPayload => !(t instanceof UperError));
	if (fits.length) return { ...fits[0], ambiguous: fits.length === 2 };
	const [counted, single] = tries as UperError[];
	const worst = counted.bitOffset >= single.bitOffset ? counted : single;
	throw new UperError(worst.code, `not an RSU payload in either layout: counted: ${counted.message}; single: ${single.message}`, worst.bitOffset, worst.path);
}

/**
 * Writes an RSU-to-cloud payload in `layout` (default: counted when there is not exactly one
 * frame). `rsuId` must be 8 octets; `timestampMs` a whole number of ms since 1970 (written as
 * an unsigned 64-bit little-endian number); every frame 1..65535 octets; counted: 1..255 frames,
 * single: exactly one. Throws `UperError` (`bad_length`, `bad_value`) naming the field path.
 */
export function writeRsuPayload(p: RsuPayload, layout: RsuLayout = p.frames.length === 1 ? 'single' : 'counted'): Uint8Array {
	if (p.rsuId.length !== 8) throw new UperError('bad_length', `rsuId has ${p.rsuId.length} octets, not 8`, 0, 'rsuId');
	if (!Number.isSafeInteger(p.timestampMs) || p.timestampMs < 0) throw new UperError('bad_value', `timestamp ${p.timestampMs} is not a whole number of ms >= 0`, 64, 'timestamp');
	if (layout === 'single' && p.frames.length !== 1) throw new UperError('bad_length', `the single layout carries one frame, not ${p.frames.length}`, 128, 'frames');
	if (layout === 'counted' && (p.frames.length < 1 || p.frames.length > 255)) throw new UperError('bad_length', `the counted layout carries 1..255 frames, not ${p.frames.length}`, 128, 'count');
	const size = HEADER_OCTETS + (layout === 'counted' ? 1 : 0) + p.frames.reduce((s, f) => s + 2 + f.length, 0);
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	out.set(p.rsuId, 0);
	view.setBigUint64(8, BigInt(p.timestampMs), true);
	let at = HEADER_OCTETS;
	if (layout === 'counted') out[at++] = p.frames.length;
	for (const [i, f] of p.frames.entries()) {
		if (f.length < 1 || f.length > 0xffff) throw new UperError('bad_length', `frame ${i} has ${f.length} octets, outside 1..65535`, at * 8, `frames[${i}].length`);
		view.setUint16(at, f.length, true);
		out.set(f, at + 2);
		at += 2 + f.length;
	}
	return out;
}

/**
 * A UperError's message without the place its constructor appends (` at <path> (bit offset n)`),
 * for an error re-thrown with a place counted from an outer start.
 */
export function withoutPlace(e: UperError): string {
	const suffix = ` at ${e.path || '(top level)'} (bit offset ${e.bitOffset})`;
	return e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
}

/** One of several MessageFrames found back to back: where it starts, its octets, its value. */
export interface SplitFrame {
	offset: number;
	bytes: Uint8Array;
	value: AsnValue;
	bits: number;
}

/**
 * Splits MessageFrames written back to back (each padded to whole octets, X.691 10.1.3) by
 * decoding each in turn under `profileRef`: a bare MessageFrame gives one. The last frame must
 * end at the input's end (zero padding only). Throws `UperError` whose `bitOffset` counts from
 * the input's start and whose path starts `frames[i]`.
 */
export function splitUperFrames(bytes: Uint8Array, profileRef: ProfileRef): SplitFrame[] {
	const p = resolveProfile(profileRef);
	const out: SplitFrame[] = [];
	if (bytes.length === 0) throw new UperError('truncated', 'no octets (byte offset 0)', 0, 'frames[0]');
	for (let at = 0; at < bytes.length; ) {
		const rest = bytes.subarray(at);
		try {
			const { value, bits } = decode(frameTypeName(p.schema), rest, p.schema);
			const octets = Math.max(1, Math.ceil(bits / 8));
			const own = rest.subarray(0, octets);
			decodeUperFrame(own, p); // its padding bits must be zero, as a frame on its own
			out.push({ offset: at, bytes: own, value, bits });
			at += octets;
		} catch (e) {
			if (!(e instanceof UperError)) throw e;
			const path = e.path ? `frames[${out.length}].${e.path}` : `frames[${out.length}]`;
			throw new UperError(e.code, `frame ${out.length} (byte offset ${at}): ${withoutPlace(e)}`, at * 8 + e.bitOffset, path);
		}
	}
	return out;
}
