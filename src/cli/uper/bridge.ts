// The CLI's links to the UPER library (issue 11): JER, the mapping to the protobuf model,
// detection, as small functions over the CLI's UperSchema, so the commands stay thin.
import { frameJson, type JsonValue } from '../../lib/codec';
import type { AsnValue } from '../../lib/uper';
import { detectEncoding, type Detection } from '../../lib/uper/detect';
import { decodeUperFrame, type UperProfile } from '../../lib/uper/frame';
import { fromJer, toJer, type JerValue } from '../../lib/uper/jer';
import { fromModel, toModel } from '../../lib/uper/mapping';
import { isProfileName } from '../../lib/uper/profiles';
import type { UperSchema } from './schemas';

export type { JerValue };

/** The library's profile object for a CLI schema (built-in or the user's module set). */
export function asProfile(schema: UperSchema): UperProfile {
	return { name: schema.name, title: schema.title, standard: schema.title, schema: schema.set };
}

/**
 * X.697 JER of a value of the schema's root type (Cv2xError with the path if it does not fit).
 * Unknown extension additions (a newer sender's, kept raw) cannot be shown in JER: a notice for
 * each one left out goes to `notes`.
 */
export function valueToJer(schema: UperSchema, value: AsnValue, notes: string[] = []): JerValue {
	const dropped: string[] = [];
	const jer = toJer(schema.root, value, schema.set, { dropped });
	for (const path of dropped) notes.push(`note: an unknown extension addition at ${path} is not in the JER (${schema.name} does not define it)`);
	return jer;
}

/** A root-type value from its X.697 JER (Cv2xError `bad_json` with the JSON path on a wrong shape). */
export function valueFromJer(schema: UperSchema, jer: JerValue): AsnValue {
	return fromJer(schema.root, jer, schema.set);
}

/**
 * The value as the protobuf model's proto3 JSON (src/lib/uper/mapping), with a notice per field
 * one side lacks; null for a user's module set, which the mapping does not know.
 */
export function valueToModelJson(schema: UperSchema, value: AsnValue): { json: unknown; notices: string[] } | null {
	if (!isProfileName(schema.name)) return null;
	const { frame, notices } = toModel(value, schema.name);
	return { json: frameJson.to(frame), notices };
}

/**
 * The model's proto3 JSON as a UPER value of a built-in profile, with a notice per field the
 * profile lacks; null for a user's module set. Throws Cv2xError (path) for a frame the
 * profile has no message for, or JSON that is not a frame.
 */
export function valueFromModelJson(schema: UperSchema, json: unknown): { value: AsnValue; notices: string[] } | null {
	if (!isProfileName(schema.name)) return null;
	return fromModel(frameJson.from(json as JsonValue), schema.name);
}

/** One complete frame under one profile (UperError with bit offset and path when it does not decode). */
export function decodeBare(bytes: Uint8Array, schema: UperSchema): AsnValue {
	return decodeUperFrame(bytes, asProfile(schema)).value;
}

/** Every way of reading the input (protobuf, each schema bare, back to back, in the RSU framing), ranked. */
export function detect(bytes: Uint8Array, schemas: UperSchema[]): Detection {
	return detectEncoding(bytes, schemas.map(asProfile));
}
