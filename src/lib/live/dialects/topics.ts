// The MQTT topics of the three dialects, both ways, and the TYPE names they use for message
// types: the standards' short names in upper case (BSM, MAP, SPAT, RSI, RSM; phase 2 as T/CSAE
// 157-2020 names them: SSM, PSM, VIR, RSC, CLPMM, RTCM, PAM, VPM, TESTMSG).
import { MESSAGE_TYPES } from '../../codec';
import type { Dialect } from '../types';

/** A topic taken apart: its dialect, the message type it names and, where it has one, the sender. */
export interface ParsedTopic {
	dialect: Dialect;
	/** the payload field name (`bsm`, `map_data`, …), undefined when the TYPE names none we know */
	type: string | undefined;
	/** the TYPE (docking, openv2x) or type (cv2x) level as written */
	typeLevel: string;
	/** the node (cv2x) or esn (openv2x); undefined for docking (the sender is in the payload) */
	sender?: string;
}

/** Payload field name -> topic TYPE of the standards' messages (those with a UPER form). */
const TYPE_OF: Record<string, string> = Object.fromEntries(
	MESSAGE_TYPES.filter((m) => m.standard !== 'cloud').map((m) => [m.payload, (m.payload === 'map_data' ? 'MAP' : m.label).toUpperCase()])
);
const PAYLOAD_OF: Record<string, string> = Object.fromEntries(Object.entries(TYPE_OF).map(([p, t]) => [t, p]));
const PAYLOADS = new Set<string>(MESSAGE_TYPES.map((m) => m.payload));

/** The topic TYPE of a payload type (`map_data` -> `MAP`), or undefined for the cloud's own types. */
export function topicTypeOf(payloadType: string): string | undefined {
	return TYPE_OF[payloadType];
}

/** The payload type a topic TYPE names (any case: `bsm`, `BSM`), or undefined. */
export function payloadTypeOf(topicType: string): string | undefined {
	return PAYLOAD_OF[topicType.toUpperCase()];
}

/**
 * A name made fit for one topic level: MQTT (OASIS MQTT 5.0, 4.7) reserves `/` as the level
 * separator, `+` and `#` as wildcards and forbids U+0000; each becomes `_`. Empty gives `_`.
 */
export function topicLevel(name: string): string {
	const s = name.replace(/[/+#\u0000]/g, '_');
	return s === '' ? '_' : s;
}

/** `cv2x/v1/<node>/<type>`: this project's protobuf frames (type = payload field name). */
export function cv2xTopic(node: string, payloadType: string): string {
	return `cv2x/v1/${topicLevel(node)}/${payloadType}`;
}

/** `V2X.RSU.<TYPE>.UP`: the RSU docking convention (binary framing, UPER inside). */
export function dockingTopic(topicType: string): string {
	return `V2X.RSU.${topicType}.UP`;
}

/** `V2X/RSU/<esn>/<TYPE>/UP`: OpenV2X-style JSON (esn = the RSU's serial number or name). */
export function openv2xTopic(esn: string, topicType: string): string {
	return `V2X/RSU/${topicLevel(esn)}/${topicType}/UP`;
}

const DOCKING = /^V2X\.RSU\.([^./]+)\.UP$/;
const OPENV2X = /^V2X\/RSU\/([^/]+)\/([^/]+)\/UP$/;
const CV2X = /^cv2x\/v1\/([^/]+)\/([^/]+)$/;

/** The dialect, type and sender a topic names, or undefined when it is none of the three forms. */
export function parseTopic(topic: string): ParsedTopic | undefined {
	let m = DOCKING.exec(topic);
	if (m) return { dialect: 'docking', type: payloadTypeOf(m[1]), typeLevel: m[1] };
	m = OPENV2X.exec(topic);
	if (m) return { dialect: 'openv2x', type: payloadTypeOf(m[2]), typeLevel: m[2], sender: m[1] };
	m = CV2X.exec(topic);
	if (m) return { dialect: 'cv2x', type: PAYLOADS.has(m[2]) ? m[2] : undefined, typeLevel: m[2], sender: m[1] };
	return undefined;
}
