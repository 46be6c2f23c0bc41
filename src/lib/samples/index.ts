// Realistic, valid sample frames of every type: a vehicle on a real Yizhuang street, a real
// signal plan, plausible speeds. Used by `cv2x sample`, tests, the benchmark and the UI.
import { Cv2xError, frameJson, payloadFields, type JsonObject, type MessageFrame } from '../codec';
import { cloud } from './cloud';
import { phase2 } from './phase2';
import { bsm, mapData, rsi, rsm, spat } from './v2x';

const PAYLOADS: Record<string, () => JsonObject> = {
	bsm,
	map_data: mapData,
	spat,
	rsi,
	rsm,
	...phase2,
	...cloud
};

function rawSample(type: string): JsonObject {
	const make = PAYLOADS[type];
	const field = payloadFields().find((f) => f.name === type);
	if (!make || !field) throw new Cv2xError('unknown_type', `no sample for type "${type}"`);
	return { protocolVersion: 1, [field.json]: make() };
}

/** The sample of a type as a frame object, ready to encode. */
export function sampleFrame(type: string): MessageFrame {
	return frameJson.from(rawSample(type));
}

/** The sample of a type as canonical proto3 JSON (what `cv2x sample` prints). */
export function sampleJson(type: string): JsonObject {
	return frameJson.to(sampleFrame(type));
}

/** Types that have a sample (all of them, checked by tests). */
export const sampleTypes = () => Object.keys(PAYLOADS);
