// Realistic, valid sample frames of every type: a vehicle on a real Yizhuang street, a real
// signal plan, plausible speeds. Used by `cv2x sample`, tests, the benchmark and the UI.
import { Cv2xError, PAYLOAD_TYPES, frameJson, isPayloadType, schema, type JsonObject, type MessageFrame, type PayloadType } from '../codec';
import { cloud } from './cloud';
import { phase2 } from './phase2';
import { phase1 } from './v2x';

// Typed by the registry's PayloadType, so a new message type without a sample does not compile.
const PAYLOADS: Record<PayloadType, () => JsonObject> = {
	...phase1,
	...phase2,
	...cloud
};

function rawSample(type: string): JsonObject {
	if (!isPayloadType(type)) throw new Cv2xError('unknown_type', `no sample for type "${type}"`);
	const json = schema.messages[schema.frame].fields.find((f) => f.name === type)!.json;
	return { protocolVersion: 1, [json]: PAYLOADS[type]() };
}

/** The sample of a type as a frame object, ready to encode. */
export function sampleFrame(type: string): MessageFrame {
	return frameJson.from(rawSample(type));
}

/** The sample of a type as canonical proto3 JSON (what `cv2x sample` prints). */
export function sampleJson(type: string): JsonObject {
	return frameJson.to(sampleFrame(type));
}

/** Types that have a sample: all of them, in frame order. */
export const sampleTypes = (): PayloadType[] => [...PAYLOAD_TYPES];
