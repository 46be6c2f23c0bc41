// One message through the codec the options chose: bytes -> value -> JSON (decode, validate,
// inspect) and JSON -> value -> bytes (encode), protobuf or UPER, with detection for auto.
import { Cv2xError, decodeFrame, encodeFrame, frameJson, type MessageFrame } from '../../lib/codec';
import { encode, type AsnValue } from '../../lib/uper';
import { tryUperSchemas, valueFromJer, valueFromModelJson, valueToJer, valueToModelJson, type JerValue } from './bridge';
import { encodingSchema, type CodecChoice } from './choice';
import type { UperSchema } from './schemas';

/** A decoded message: a protobuf frame, or a UPER value with the schema it decoded under (and the others that also fit). */
export type Decoded =
	| { kind: 'protobuf'; frame: MessageFrame }
	| { kind: 'uper'; schema: UperSchema; value: AsnValue; bits: number; alsoFits: UperSchema[] };

/**
 * Decodes one message's bytes as the choice says: protobuf, UPER under the one named schema
 * (its UperError passes through: bit offset and path), or by trying candidates (protobuf
 * first under auto unless --jer; then each profile) and taking the first clean decode.
 * `all`: also try the remaining candidates, to say which else fit (costs a decode each).
 * Throws Cv2xError `invalid` listing each attempt's error when no candidate fits.
 */
export function decodeMessage(bytes: Uint8Array, choice: CodecChoice, all = false): Decoded {
	if (choice.encoding === 'protobuf') return { kind: 'protobuf', frame: decodeFrame(bytes) };
	const failures: string[] = [];
	if (choice.encoding === 'auto' && !choice.jer) {
		try {
			return { kind: 'protobuf', frame: decodeFrame(bytes) };
		} catch (e) {
			if (!(e instanceof Cv2xError)) throw e;
			failures.push(`protobuf: ${e.message}`);
		}
	}
	const attempts = tryUperSchemas(bytes, choice.schemas, all);
	const fits = attempts.filter((a) => a.ok);
	const first = fits[0];
	if (first?.ok) return { kind: 'uper', schema: first.schema, value: first.value, bits: first.bits, alsoFits: fits.slice(1).map((a) => a.schema) };
	// Under one named schema with no alternative, its own error is the most precise answer.
	if (attempts.length === 1 && failures.length === 0 && !attempts[0].ok) throw attempts[0].error;
	for (const a of attempts) if (!a.ok) failures.push(`uper ${a.schema.name}: ${a.error.message}`);
	throw new Cv2xError('invalid', `no encoding fits the input: ${failures.join('; ')}`);
}

/** A line for stderr saying what auto-detection found, or null when nothing was detected. */
export function detectionNote(d: Decoded, choice: CodecChoice): string | null {
	if (choice.encoding !== 'auto' && choice.pinned) return null;
	if (choice.encoding === 'protobuf') return null;
	if (d.kind === 'protobuf') return 'note: detected protobuf (cv2x.v1.MessageFrame)';
	const others = d.alsoFits.length ? `; also decodes cleanly under ${d.alsoFits.map((s) => s.name).join(', ')}` : '';
	return `note: detected UPER, profile ${d.schema.name}: ${d.schema.title}${others}`;
}

/**
 * The JSON the user asked for: proto3 JSON of the model (protobuf, or UPER through the model
 * mapping), or JER with --jer. Pushes notices for stderr into `notes` (e.g. the mapping is not
 * available yet, so JER is printed instead).
 */
export function decodedJson(d: Decoded, choice: CodecChoice, notes: string[]): unknown {
	if (d.kind === 'protobuf') return frameJson.to(d.frame);
	if (choice.jer) return valueToJer(d.schema, d.value, notes);
	const mapped = valueToModelJson(d.schema, d.value);
	if (mapped) {
		notes.push(...mapped.notices.map((n) => `note: ${n}`));
		return mapped.json;
	}
	notes.push('note: the mapping from UPER to the protobuf model is not available yet; printing the ASN.1 value as X.697 JSON (JER)');
	return valueToJer(d.schema, d.value, notes);
}

/**
 * Encodes one message given as parsed JSON: proto3 JSON of the model as protobuf, or as UPER
 * (through the model mapping), or JER as UPER with --jer. UPER needs one named schema.
 * Throws Cv2xError (JSON path) for a shape that does not fit, UperError (bit offset and path)
 * for a value outside its constraints.
 */
export function encodeMessage(json: unknown, choice: CodecChoice, validate = true): Uint8Array {
	if (choice.encoding === 'protobuf' || (choice.encoding === 'auto' && !choice.pinned && !choice.jer))
		return encodeFrame(frameJson.from(json as never), { validate });
	const schema = encodingSchema(choice);
	return encode(schema.root, uperValueOf(json, schema, choice), schema.set);
}

/** The ASN.1 value the JSON stands for: JER with --jer, else the model's JSON through the mapping. */
export function uperValueOf(json: unknown, schema: UperSchema, choice: CodecChoice): AsnValue {
	if (choice.jer) return valueFromJer(schema, json as JerValue);
	const value = valueFromModelJson(schema, json);
	if (value === null)
		throw new Cv2xError('invalid', 'the mapping from the protobuf model to UPER is not available yet: give the ASN.1 value as X.697 JSON with --jer');
	return value;
}
