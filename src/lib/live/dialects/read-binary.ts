// Readers of the binary dialects: this project's protobuf frames (cv2x) and the RSU docking
// convention's framing with UPER inside.
import { decodeFrame, frameType } from '../../codec';
import { parseRsuPayload, UperError, withoutPlace, type ParsedRsuPayload } from '../../uper';
import type { ProfileName } from '../../uper/profiles';
import type { LiveMessage } from '../types';
import { failed, partial, type ReadResult } from './result';
import { copyOf, errorText, idText } from './text';
import { readUper } from './uper-read';

/**
 * A `cv2x/v1/<node>/<type>` publication: one protobuf `cv2x.v1.MessageFrame` (the payload
 * whole), sent by `node`. The message's type is the frame's payload, whatever the topic says.
 * Undecodable: the codec's error (byte offset, field path), or a frame without payload.
 */
export function readCv2x(topic: string, node: string, payload: Uint8Array): ReadResult {
	if (payload.length === 0) return failed(topic, payload, 'empty payload: no protobuf MessageFrame (byte offset 0)');
	// decoded from its own copy: the frame's bytes fields are views into what it was decoded from
	const own = copyOf(payload);
	let frame;
	try {
		frame = decodeFrame(own);
	} catch (e) {
		return failed(topic, payload, `protobuf MessageFrame: ${errorText(e)}`);
	}
	const type = frameType(frame);
	if (!type) return failed(topic, payload, 'protobuf MessageFrame without a payload (no message type set)');
	return { messages: [{ topic, dialect: 'cv2x', type, sender: node, bytes: own, encoding: 'protobuf', frame }] };
}

/**
 * A `V2X.RSU.<TYPE>.UP` publication: the RSU framing (uper/framing.ts; BSM topics counted, the
 * others single), each frame UPER read under `profiles` in order. Sender: the rsuId as text
 * (printable ASCII, else hex); sentAtMs: its timestamp. A frame that does not decode is named by
 * index and byte offset, the others are kept.
 */
export function readDocking(topic: string, topicType: string, payload: Uint8Array, profiles: readonly ProfileName[]): ReadResult {
	let rsu: ParsedRsuPayload;
	try {
		rsu = parseRsuPayload(payload, topicType);
	} catch (e) {
		return failed(topic, payload, `RSU framing (${layoutName(topicType)}): ${errorText(e)}`);
	}
	return framesOf(topic, payload, rsu, profiles);
}

function layoutName(topicType: string): string {
	return topicType.toUpperCase() === 'BSM' ? 'counted, as a BSM topic' : 'single';
}

/** The messages of a parsed RSU payload (also used for payloads detected without a topic). */
export function framesOf(topic: string, payload: Uint8Array, rsu: ParsedRsuPayload, profiles: readonly ProfileName[]): ReadResult {
	const sender = idText(rsu.rsuId);
	const messages: LiveMessage[] = [];
	const failures: string[] = [];
	rsu.frames.forEach((view, i) => {
		try {
			const bytes = copyOf(view); // its own copy: the decoded value's octets are views into it
			const r = readUper(bytes, profiles);
			messages.push({ topic, dialect: 'docking', type: r.type, sender, bytes, encoding: 'uper', profile: r.profile, sentAtMs: rsu.timestampMs, frame: r.frame });
		} catch (e) {
			failures.push(`frame ${i} (byte offset ${rsu.offsets[i]}): ${frameError(e, rsu.offsets[i])}`);
		}
	});
	return partial(topic, payload, messages, failures, rsu.frames.length);
}

/** A frame's error with its bit offset counted both in the frame and in the payload. */
export function frameError(e: unknown, octet: number): string {
	if (!(e instanceof UperError)) return errorText(e);
	return `${withoutPlace(e)} at ${e.path || '(top level)'} (bit offset ${e.bitOffset} in the frame, ${octet * 8 + e.bitOffset} in the payload)`;
}
