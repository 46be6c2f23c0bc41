// The one message-type registry: what the app knows about each type a MessageFrame carries,
// generated from the payload fields' annotations in proto/cv2x/v1/frame.proto.
import { MESSAGE_TYPES, type MessageTypeInfo, type PayloadType } from './generated/registry.js';

export { MESSAGE_TYPES, type MessageTypeInfo, type PayloadType };

const byPayload = new Map<string, MessageTypeInfo>(MESSAGE_TYPES.map((t) => [t.payload, t]));

/** Whether a string is a payload field name of MessageFrame ("bsm", "speed_advice", ...). */
export function isPayloadType(name: string): name is PayloadType {
	return byPayload.has(name);
}

/**
 * The registry entry of a payload type. Throws a RangeError for an unknown name; use
 * `isPayloadType` first for names from outside (URLs, files).
 */
export function messageType(payload: string): MessageTypeInfo {
	const t = byPayload.get(payload);
	if (!t) throw new RangeError(`no message type "${payload}"`);
	return t;
}

/** Every payload type name, in frame (field-number) order. */
export const PAYLOAD_TYPES: readonly PayloadType[] = Object.freeze(MESSAGE_TYPES.map((t) => t.payload));

/** The types the simulation sends, in map-legend order. */
export const SIM_MESSAGE_TYPES: readonly MessageTypeInfo[] = Object.freeze(
	MESSAGE_TYPES.filter((t) => t.sim !== null).sort((a, b) => (a.sim as number) - (b.sim as number))
);

/** A type's colour ("#rrggbb"); grey for a name not in the registry (e.g. from a foreign capture). */
export function typeColor(payload: string): string {
	return byPayload.get(payload)?.color ?? '#868e96';
}
