// What the /inspect page does with input, between the page and the codec: pasted text, a
// dropped file or proto3 JSON to bytes, the bytes' findings, samples, and the share link.
// The page calls these and never the codec itself.
import {
	bytesEqual, changedBytes, detectTextFormat, encodeFrame, frameJson, parseBase64, parseBytes, parseJsonText, readInputBytes, toBase64, toHex,
	validateFrame, type Violation
} from '../codec';
import { MESSAGE_TYPES } from '../codec/registry';
import { sampleJson } from '../samples';
import type { InspectView } from './view';

export type { Violation };

/** Every type a frame carries, in frame order, for the sample menu: payload name and message name. */
export const SAMPLE_TYPES: readonly { payload: string; message: string }[] = MESSAGE_TYPES.map((m) => ({ payload: m.payload, message: m.message }));

/**
 * Pasted text (hex in any form people paste, or base64) to bytes, and which it was read as.
 * Throws the codec's error (a Cv2xError with a key for the message in either language).
 */
export function readPasted(text: string): { bytes: Uint8Array; format: 'hex' | 'base64' } {
	// pasted text is text even when it holds non-ASCII (it is then neither hex nor base64)
	const format = detectTextFormat(text);
	return { bytes: parseBytes(text, format), format };
}

/** A file's contents to bytes: binary as it is, or hex / base64 text. Throws the codec's error. */
export function readFile(data: Uint8Array): Uint8Array {
	return readInputBytes(data, 'auto');
}

/**
 * proto3 JSON text (a MessageFrame) to its bytes and range findings. The bytes are encoded
 * even when values are out of range (the findings say which). Throws on bad JSON or types.
 */
export function encodeJson(text: string): { bytes: Uint8Array; violations: Violation[] } {
	const frame = frameJson.from(parseJsonText(text));
	return { bytes: encodeFrame(frame, { validate: false }), violations: validateFrame(frame) };
}

/** The range findings of a decoded view (none if it did not decode). */
export function findings(view: InspectView): Violation[] {
	return view.frame ? validateFrame(view.frame) : [];
}

/** A realistic sample of a type as indented proto3 JSON. */
export function sampleText(payload: string): string {
	return JSON.stringify(sampleJson(payload), null, 2);
}

/** Whether two encodings are the same bytes. */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => bytesEqual(a, b);

/** Which byte offsets differ between two encodings. */
export function changedOffsets(before: Uint8Array, after: Uint8Array): Set<number> {
	return changedBytes(before, after);
}

/** Bytes as spaced hex ("08 01 12"). */
export const hexText = (bytes: Uint8Array): string => toHex(bytes, ' ');
/** Bytes as base64, URL-safe without padding when `url`. */
export const base64Text = (bytes: Uint8Array, url = false): string => toBase64(bytes, url);
/** The bytes a share link carries (`#b=` URL-safe base64). Throws the codec's error if damaged. */
export const bytesOfLink = (b64: string): Uint8Array => parseBase64(b64);

export { tryEncodings, encodingTitle, type Detection, type EncodingAttempt, type EncodingName } from './detect';
export type { BitRow, BitView } from './bit-view';
export { octetBits } from './bits-text';
export { readAs, type Reading } from './reading';
export {
	checkSchemaFiles, compileUserSchema, forget, isModuleFileName, keepUserSchema, MAX_SCHEMA_FILE_BYTES, MAX_STORED_CHARS, readSchemaFile, restoreUserSchema, SchemaProblem, shortList, USER_ENCODING,
	withRoot, type UserSchema
} from './user-schema';

/** The largest message the codec reads (bytes), and the longest text it parses (characters: that message as spaced hex and more). */
export { MAX_INPUT_BYTES } from '../codec/wire';
export { MAX_TEXT_CHARS } from '../codec/hex-text';
