// The codec's public API. Everything above src/lib/codec uses this, never protobufjs directly.
export { Cv2xError, isCv2xError, type Cv2xErrorCode } from './errors';
export { concatBytes, toHex, parseHex, toBase64, parseBase64, parseBytes, detectTextFormat, readInputBytes, type ByteFormat } from './bytes';
export {
	encodeFrame, decodeFrame, frameType, frameTypes, payloadOf, makeFrame, validateFrame, frameJson,
	Cv2xValidationError, PROTOCOL_VERSION, type MessageFrame, type FrameType, type EncodeOptions
} from './frame';
export { messageToJson, messageFromJson, frameToJson, frameFromJson, parseJsonText, MAX_JSON_CHARS, type JsonValue, type JsonObject, type PbObject } from './json';
/** The input limits: bytes of an encoded frame, characters of pasted text (hex, base64, dumps). */
export { MAX_INPUT_BYTES } from './wire';
export { MAX_TEXT_CHARS } from './hex-text';
export { validateMessage, type Violation } from './validate';
export { dumpMessage, type Dump, type DumpNode } from './dump';
export { flattenDump, tiles } from './tree';
export { decodeRaw, formatRaw } from './raw';
export { toPhysical, fromPhysical, formatPhysical, elementOf, de, type PhysicalValue, type DataElement, type DataElementName } from './units';
export type { ElementMeta, NullableElement, PlainElement } from './generated/elements.js';
export { schema, messageIndex, enumIndex, payloadFields, type FieldMeta, type MessageMeta, type EnumMeta, type UnitMeta, type ElementSchema } from './schema';
export { bytesEqual, changedBytes } from './compare';
export {
	MESSAGE_TYPES, SIM_MESSAGE_TYPES, PAYLOAD_TYPES, messageType, isPayloadType, typeColor,
	type MessageTypeInfo, type PayloadType
} from './registry';
/** The model's message types (plain-object shapes) and enums (values and types) by short name. */
export * as pb from './generated/types.js';
