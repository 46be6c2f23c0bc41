// Encoding and decoding of MessageFrames on generated code: one-pass encoders (generated/encode.js)
// and direct decoders (generated/decode.js), with protobufjs static code (generated/cv2x.js) for
// whatever they leave to it, so bytes, objects and errors are exactly protobufjs's.
import { protobuf } from './runtime';
import { cv2x } from './generated/cv2x.js';
import { encodeFrameFast } from './generated/encode.js';
import { decodeFrameFast } from './generated/decode.js';
import { diagnose } from './dump';
import { Cv2xError } from './errors';
import { frameFromJson, frameToJson, type JsonValue, type PbObject } from './json';
import type { PayloadType } from './generated/registry.js';
import { payloadFields, schema } from './schema';
import { validateMessage, type Violation } from './validate';
import { checkInputSize } from './wire';
import { wellFormed } from './wire-check';

export type MessageFrame = cv2x.v1.MessageFrame.$Properties;
/**
 * The name of a frame's payload field, e.g. `bsm`, `spat`, `speed_advice`, as callers pass it
 * (checked at run time); what the codec returns is the narrower registry `PayloadType`.
 */
export type FrameType = string;

const Frame = cv2x.v1.MessageFrame;
// One writer, reused: its growable buffer stays warm, and finish() copies out exactly the bytes.
const writer = protobuf.Writer.create();
// The array type protobufjs hands out (a Buffer in Node), so callers see the same kind of result.
const alloc = (writer.constructor as unknown as { alloc(n: number): Uint8Array }).alloc;
export const PROTOCOL_VERSION = 1;

/** Error for an invalid message, carrying every violation. */
export class Cv2xValidationError extends Cv2xError {
	constructor(readonly violations: Violation[]) {
		super('invalid', `${violations.length} violation${violations.length === 1 ? '' : 's'}: ${violations[0].message}` +
			(violations.length > 1 ? ` (and ${violations.length - 1} more)` : ''), { path: violations[0].path });
	}
}

export interface EncodeOptions {
	/** Check every constraint first and refuse an invalid frame (default true). */
	validate?: boolean;
}

/**
 * A frame to bytes. Refuses invalid frames unless `validate: false`. The bytes are exactly
 * protobufjs's: the generated encoders cover well-typed frames, and anything they do not
 * reproduce exactly (non-ASCII text, bytes given as base64, a foreign class) goes to protobufjs.
 */
export function encodeFrame(frame: MessageFrame, options: EncodeOptions = {}): Uint8Array {
	if (options.validate !== false) {
		const violations = validateMessage(frame);
		if (violations.length) throw new Cv2xValidationError(violations);
	}
	try {
		const view = encodeFrameFast(frame);
		const out = alloc(view.length);
		out.set(view, 0);
		return out;
	} catch {
		return encodeFrameProtobufjs(frame);
	}
}

/** A frame to bytes with protobufjs's static encoder (the reference the fast path must equal). */
export function encodeFrameProtobufjs(frame: MessageFrame): Uint8Array {
	try {
		if (writer.states) writer.states.length = 0; // a failed encode may leave forks behind
		writer.reset();
		return Frame.encode(frame, writer).finish();
	} catch (e) {
		throw new Cv2xError('bad_value', `cannot encode: ${(e as Error).message}`);
	}
}

/**
 * Bytes to a frame, exactly: unknown fields are kept and encoded again, so decode then encode
 * gives the input back for any canonically encoded frame. Accepts exactly what protoc accepts
 * (the rules of `WireReader`, nesting up to MAX_DEPTH) and exactly what `dumpMessage` dumps
 * without error: malformed bytes give the dump's Cv2xError, naming the byte offset and field
 * path. Input up to MAX_INPUT_BYTES; time and memory proportional to its length.
 */
export function decodeFrame(bytes: Uint8Array): cv2x.v1.MessageFrame {
	checkInputSize(bytes);
	try {
		// the fast path takes only well-formed known fields (a subset of what the dump accepts)
		return decodeFrameFast(bytes) as cv2x.v1.MessageFrame;
	} catch {
		// anything else is judged by the dump's rules first (its error when they fail), so decode
		// and dump never disagree
		if (!wellFormed(bytes)) throw diagnose(bytes) ?? new Cv2xError('invalid', 'not a MessageFrame', { offset: 0 });
		return decodeFrameProtobufjs(bytes);
	}
}

type PbReader = { buf: Uint8Array; pos: number; len: number };

/**
 * A varint's low 32 bits read as protoc reads any varint (up to 10 bytes), for protobufjs's
 * int32/uint32/sint32/enum fields: its own reader takes 5 bytes and skips 5 more unread, so a
 * 6- to 9-byte varint (valid for protoc) would shift every later field.
 */
function uint32AsProtoc(this: PbReader): number {
	return varintLow32(this, 10);
}
/** A tag as protoc reads it: up to 5 bytes, bits past the 32nd dropped (protobufjs refuses them). */
function tagAsProtoc(this: PbReader): number {
	return varintLow32(this, 5);
}
function varintLow32(r: PbReader, max: number): number {
	let v = 0;
	for (let i = 0; i < max; i++) {
		if (r.pos >= r.len) throw new RangeError('index out of range');
		const b = r.buf[r.pos++];
		if (i < 5) v |= i < 4 ? (b & 0x7f) << (7 * i) : (b & 0x0f) << 28;
		if (b < 0x80) return v >>> 0;
	}
	throw new RangeError(`varint longer than ${max} bytes`);
}

/**
 * Bytes to a frame with protobufjs's static decoder (the reference the fast path must equal),
 * its tags and 32-bit varints read as protoc reads them. As lenient as protobufjs otherwise
 * (decodeFrame checks protoc's rules with `wellFormed` before calling it); when protobufjs
 * fails, the error is the dump's, naming the byte offset and path.
 */
export function decodeFrameProtobufjs(bytes: Uint8Array): cv2x.v1.MessageFrame {
	try {
		const reader = protobuf.Reader.create(bytes);
		reader.discardUnknown = false; // keep unknown fields: decode then encode loses nothing
		reader.uint32 = uint32AsProtoc;
		reader.tag = tagAsProtoc;
		return Frame.decode(reader);
	} catch (e) {
		// protobufjs says little about where; the schema walk pins the offset and path
		throw diagnose(bytes) ?? new Cv2xError('invalid', `not a MessageFrame: ${(e as Error).message}`, { offset: 0 });
	}
}

/** The payload field name of a frame (`bsm`, `map_data`, ...), or undefined if none is set. */
export function frameType(frame: MessageFrame): PayloadType | undefined {
	for (const f of payloadFields()) {
		const v = (frame as PbObject)[f.prop];
		if (v !== undefined && v !== null) return f.name as PayloadType;
	}
	return undefined;
}

/** Every message type a frame can carry, as payload field names in field-number order. */
export function frameTypes(): { name: PayloadType; message: string; number: number; doc: string }[] {
	return payloadFields().map((f) => ({ name: f.name as PayloadType, message: f.type, number: f.number, doc: f.doc }));
}

/** The payload object of a frame. */
export function payloadOf(frame: MessageFrame): { type: PayloadType; message: string; value: PbObject } | undefined {
	for (const f of payloadFields()) {
		const v = (frame as PbObject)[f.prop];
		if (v !== undefined && v !== null) return { type: f.name as PayloadType, message: f.type, value: v as PbObject };
	}
	return undefined;
}

/** Wraps a payload in a frame of the current protocol version. */
export function makeFrame(type: FrameType, payload: PbObject): MessageFrame {
	const f = payloadFields().find((p) => p.name === type);
	if (!f) throw new Cv2xError('unknown_type', `no message type "${type}" (see cv2x types)`);
	return { protocolVersion: PROTOCOL_VERSION, [f.prop]: payload } as MessageFrame;
}

export const validateFrame = (frame: unknown) => validateMessage(frame, schema.frame);

/** proto3 JSON text helpers for frames. */
export const frameJson = {
	from: (json: JsonValue) => frameFromJson(json) as MessageFrame,
	to: (frame: MessageFrame) => frameToJson(frame as PbObject)
};
