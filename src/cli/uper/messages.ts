// Messages through the codec the options chose: bytes -> values -> JSON (decode, validate,
// inspect) and JSON -> value -> bytes (encode), protobuf or UPER, with detection for auto.
import { Cv2xError, decodeFrame, encodeFrame, frameJson, type JsonValue, type MessageFrame } from '../../lib/codec';
import { encode, UperError, type AsnValue } from '../../lib/uper';
import { countUnknownExtensions, describeDetection, type DetectAttempt, type DetectedFraming } from '../../lib/uper/detect';
import { decodeBare, detect, valueFromJer, valueFromModelJson, valueToJer, valueToModelJson, type JerValue } from './bridge';
import { encodingSchema, type CodecChoice } from './choice';
import { builtInSchemas, type UperSchema } from './schemas';

/** One decoded frame: protobuf, or a UPER value with its schema and where its octets lie in the input. */
export type DecodedFrame =
	| { kind: 'protobuf'; frame: MessageFrame; offset: number; length: number }
	| { kind: 'uper'; schema: UperSchema; value: AsnValue; offset: number; length: number };

/**
 * A decoded input: its frames (one for a bare frame; several back to back or inside the RSU
 * framing), how they sat, and for auto-detection a note for stderr naming what fitted.
 */
export interface DecodedInput {
	frames: DecodedFrame[];
	framing: DetectedFraming;
	note: string | null;
}

const bare = (frame: DecodedFrame): DecodedInput => ({ frames: [frame], framing: 'bare', note: null });

/**
 * Detection state carried from line to line (--lines): the schema the last detected line
 * decoded under. A stream comes from one sender, so the next line is tried under it first (one
 * bare decode instead of a dozen attempts) and kept when it decodes cleanly with no unknown
 * extension; otherwise full detection runs again.
 */
export interface StickyDetection {
	last?: UperSchema;
}

/** The sticky schema's clean bare reading of `bytes`, or null. */
function stickyHit(bytes: Uint8Array, sticky: StickyDetection | undefined): DecodedInput | null {
	if (!sticky?.last) return null;
	try {
		const value = decodeBare(bytes, sticky.last);
		return countUnknownExtensions(value) === 0 ? bare({ kind: 'uper', schema: sticky.last, value, offset: 0, length: bytes.length }) : null;
	} catch (e) {
		if (e instanceof UperError) return null;
		throw e;
	}
}

/** The frames of a clean detection attempt, with the CLI schema it was made under. */
function framesOf(a: DetectAttempt, schemas: UperSchema[]): DecodedFrame[] {
	const schema = schemas.find((s) => s.name === a.profile);
	return a.frames.map((f) =>
		a.encoding === 'protobuf' || !schema
			? { kind: 'protobuf', frame: f.value as MessageFrame, offset: f.offset, length: f.length }
			: { kind: 'uper', schema, value: f.value as AsnValue, offset: f.offset, length: f.length }
	);
}

/**
 * Decodes an input as the choice says. Protobuf: one frame. UPER under one named schema: one
 * complete frame (its UperError passes through: bit offset and field path), or, when that
 * fails, the frames of the RSU framing or back to back under that schema. Otherwise detection
 * (src/lib/uper/detect.ts): protobuf (under auto without --jer) and every candidate schema,
 * bare, back to back and in the RSU framing; the best clean reading wins and `note` names it
 * and the others that fit. `sticky` (--lines): try the last line's schema first (StickyDetection).
 * Throws Cv2xError `invalid` listing every attempt's error when none fits.
 */
export function decodeInput(bytes: Uint8Array, choice: CodecChoice, sticky?: StickyDetection): DecodedInput {
	if (choice.encoding === 'protobuf') {
		try {
			return bare({ kind: 'protobuf', frame: decodeFrame(bytes), offset: 0, length: bytes.length });
		} catch (e) {
			throw choice.defaulted && e instanceof Cv2xError ? withUperHint(e, bytes) : e;
		}
	}
	const single = choice.encoding === 'uper' && choice.schemas.length === 1 ? choice.schemas[0] : null;
	let direct: UperError | null = null;
	if (single) {
		try {
			return bare({ kind: 'uper', schema: single, value: decodeBare(bytes, single), offset: 0, length: bytes.length });
		} catch (e) {
			if (!(e instanceof UperError)) throw e;
			direct = e;
		}
	}
	const hit = single ? null : stickyHit(bytes, sticky);
	if (hit) return hit;
	const detection = detect(bytes, choice.schemas);
	const wanted = (a: DetectAttempt) => a.encoding === 'uper' || (choice.encoding === 'auto' && !choice.jer);
	const best = detection.best.filter(wanted);
	if (!best.length) {
		if (direct) throw direct; // the named schema's own error is the most precise answer
		const tried = describeDetection(detection).filter((l) => l.startsWith('no ') && (choice.encoding === 'auto' || !l.includes('protobuf model')));
		throw new Cv2xError('invalid', `no encoding fits the input: ${tried.map((l) => l.slice(4)).join('; ')}`);
	}
	const top = best[0];
	const others = [...new Set(best.slice(1).map((a) => a.profile ?? 'protobuf').filter((n) => n !== (top.profile ?? 'protobuf')))];
	const where = top.framing === 'bare' ? '' : `, ${top.framing} (${top.frames.length} frame${top.frames.length === 1 ? '' : 's'})`;
	const note =
		single && top.framing === 'bare'
			? null
			: `note: detected ${top.encoding === 'uper' ? `UPER, profile ${top.profile}: ` : ''}${top.title}${where}${others.length ? `; also decodes cleanly as ${others.join(', ')}` : ''}`;
	const frames = framesOf(top, choice.schemas);
	if (sticky && frames[0].kind === 'uper' && top.framing === 'bare' && top.unknownExtensions === 0) sticky.last = frames[0].schema;
	return { frames, framing: top.framing, note };
}

/**
 * A protobuf error on bytes that are really UPER (the default encoding is protobuf): the same
 * error, with a hint naming the profile they decode under. Unchanged when no profile fits.
 */
export function withUperHint(e: Cv2xError, bytes: Uint8Array): Cv2xError {
	const best = detect(bytes, builtInSchemas()).best.find((a) => a.encoding === 'uper');
	if (!best) return e;
	return new Cv2xError(e.code, `${e.message}; these bytes decode as UPER (${best.title}): try --encoding auto or --profile ${best.profile}`);
}

/** One frame's JSON: proto3 JSON of the model (UPER through the mapping), or JER with --jer. */
function frameJsonOf(f: DecodedFrame, choice: CodecChoice, notes: string[]): unknown {
	if (f.kind === 'protobuf') return frameJson.to(f.frame);
	if (choice.jer) return valueToJer(f.schema, f.value, notes);
	const mapped = valueToModelJson(f.schema, f.value);
	if (mapped) {
		notes.push(...mapped.notices.map((n) => `note: not in the protobuf model: ${n}`));
		return mapped.json;
	}
	notes.push('note: the protobuf model mapping knows only the built-in profiles; printing the ASN.1 value as X.697 JSON (JER)');
	return valueToJer(f.schema, f.value, notes);
}

/**
 * The JSON the user asked for: one frame's JSON for a bare frame, an array of them when the
 * input held several (back to back, or in the RSU framing). Pushes stderr notices into `notes`.
 */
export function decodedJson(input: DecodedInput, choice: CodecChoice, notes: string[]): unknown {
	const all = input.frames.map((f) => frameJsonOf(f, choice, notes));
	return input.framing === 'bare' && all.length === 1 ? all[0] : all;
}

/**
 * Encodes one message given as parsed JSON: proto3 JSON of the model as protobuf, or as UPER
 * (through the model mapping), or JER as UPER with --jer. UPER needs one named schema.
 * Throws Cv2xError (JSON path) for a shape that does not fit, UperError (bit offset and path)
 * for a value outside its constraints. Pushes mapping notices into `notes`.
 */
export function encodeMessage(json: unknown, choice: CodecChoice, validate = true, notes: string[] = []): Uint8Array {
	if (choice.encoding === 'protobuf' || (choice.encoding === 'auto' && !choice.pinned && !choice.jer))
		return encodeFrame(frameJson.from(json as JsonValue), { validate });
	const schema = encodingSchema(choice);
	return encode(schema.root, uperValueOf(json, schema, choice, notes), schema.set);
}

/** The ASN.1 value the JSON stands for: JER with --jer, else the model's JSON through the mapping. */
export function uperValueOf(json: unknown, schema: UperSchema, choice: CodecChoice, notes: string[] = []): AsnValue {
	if (choice.jer) return valueFromJer(schema, json as JerValue);
	const mapped = valueFromModelJson(schema, json);
	if (mapped === null)
		throw new Cv2xError('invalid', 'the protobuf model mapping knows only the built-in profiles: give the ASN.1 value as X.697 JSON with --jer');
	notes.push(...mapped.notices.map((n) => `note: not in ${schema.name}: ${n}`));
	return mapped.value;
}
