// The shapes shared by the live broker link: what a dialect makes of a transmission (topic,
// payload, QoS) and what it makes of a publication that arrives (messages, or an error with the
// raw bytes). Nothing here talks to a broker; link.ts does, dialects/ convert, source.ts shows.
import type { MessageFrame } from '../codec';
import type { FrameEncoding } from '../sim';
import type { ProfileName } from '../uper/profiles';

/**
 * How a platform puts C-V2X messages on MQTT:
 * - `docking`: the RSU docking convention, binary payloads on `V2X.RSU.<TYPE>.UP` (rsuId[8] |
 *   timestamp[8, ms, little-endian] | for BSM count[1] then count × (length[2] | UPER), else
 *   length[2] | UPER), UPER inside (T/CSAE 53 MessageFrame);
 * - `openv2x`: OpenV2X-style JSON on `V2X/RSU/{esn}/{TYPE}/UP`: the message's ASN.1 value in JSON
 *   (X.697 JER: ASN.1 names, the standards' integer units);
 * - `cv2x`: this project's protobuf `MessageFrame`s on `cv2x/v1/<node>/<type>`.
 */
export type Dialect = 'docking' | 'openv2x' | 'cv2x';

export const DIALECTS: readonly Dialect[] = ['docking', 'openv2x', 'cv2x'];

/** One MQTT publication: QoS 0 for broadcast (PC5-like) messages, 1 for acknowledged cloud ones. */
export interface Publication {
	topic: string;
	payload: Uint8Array;
	qos: 0 | 1;
}

/** A message taken out of a publication, in the form a capture record and the log keep. */
export interface LiveMessage {
	topic: string;
	dialect: Dialect;
	/** Payload field name of the model frame: bsm, spat, speed_advice, … */
	type: string;
	/** Who sent it, as text: the node in a cv2x topic, the RSU id (docking), the esn (openv2x). */
	sender: string;
	/** The frame's bytes as a capture keeps them: UPER under `profile`, or the protobuf model. */
	bytes: Uint8Array;
	encoding: FrameEncoding;
	profile?: ProfileName;
	/** When the sender says it sent it (docking timestamp), ms since 1970 UTC; absent when not said. */
	sentAtMs?: number;
	/**
	 * The model frame the bytes decode to (what `decodeOnAir` returns), as the reader checked
	 * them with, so the receiving side never decodes twice. Set by dialects' readPublication.
	 */
	frame?: MessageFrame;
}

/** A publication that does not decode: its topic, its bytes (all of them) and why, with where. */
export interface Undecodable {
	topic: string;
	payload: Uint8Array;
	/** What is wrong and where (byte or bit offset, field path), one line. */
	error: string;
}

/** Connection state of a broker link, as the UI and the CLI state it. */
export type LinkStatus =
	| { state: 'connecting'; url: string; attempt: number }
	| { state: 'connected'; url: string }
	/** Lost or refused; the next attempt is in `retryInMs` (backoff doubling from 1 s to 30 s). */
	| { state: 'reconnecting'; url: string; error: string; retryInMs: number; attempt: number }
	| { state: 'closed'; url: string; error?: string };

/** Counters of a live link since it was opened. */
export interface LiveCounters {
	/** Publications received and messages decoded from them. */
	publications: number;
	messages: number;
	/** Publications that did not decode. */
	undecodable: number;
	/** Messages received but not shown (sampled out of a flood, or arrived while the view was full). */
	dropped: number;
	/** Messages per second over the last second (received, before sampling). */
	perSecond: number;
	/** Publications sent (when the running simulation is published). */
	published: number;
}
