// Whether bytes are a well-formed message, by exactly the rules the annotated dump applies
// (dump.ts), without building its tree: what decode asks before handing bytes the fast path left
// to protobufjs. The dump is asked only when this says no, for the error with its place.
import { Cv2xError } from './errors';
import { isPackable, messageIndex, schema, wireTypeOf, type FieldMeta } from './schema';
import { MAX_DEPTH, WireReader, WireType, endGroupAlone, readTag, skipValue, tooDeep } from './wire';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One scalar value of the given wire type, read as the dump reads it. */
function skipScalar(r: WireReader, wireType: number): void {
	if (wireType === WireType.VARINT) r.varint64();
	else if (wireType === WireType.I32) r.fixed32();
	else r.fixed64();
}

/** A known field's value (its tag read, its wire type the schema's or packed). */
function checkKnown(r: WireReader, f: FieldMeta, packed: boolean, depth: number): void {
	if (f.kind === 'message') {
		const [s, e] = r.lengthDelimited();
		const end = r.end;
		r.pos = s;
		r.end = e;
		checkFields(r, messageIndex(f.type), depth + 1);
		r.end = end;
		return;
	}
	if (packed) {
		const [s, e] = r.lengthDelimited();
		const el = new WireReader(r.buf, s, e);
		const wt = wireTypeOf(f.type, f.kind);
		while (el.pos < e) skipScalar(el, wt);
		return;
	}
	if (f.type === 'string' || f.type === 'bytes') {
		const [s, e] = r.lengthDelimited();
		if (f.type === 'string') utf8.decode(r.buf.subarray(s, e)); // throws on invalid UTF-8, as the dump refuses it
		return;
	}
	skipScalar(r, wireTypeOf(f.type, f.kind));
}

/** The fields of one message, from the reader's position to its end, at nesting `depth`. */
function checkFields(r: WireReader, idx: ReturnType<typeof messageIndex>, depth: number): void {
	if (depth > MAX_DEPTH) throw tooDeep(depth, r.pos, undefined);
	while (r.pos < r.end) {
		const tag = readTag(r);
		if (tag.wireType === WireType.EGROUP) throw endGroupAlone(tag.field, tag.offset, undefined);
		const f = idx.byNumber.get(tag.field);
		const packed = !!f && isPackable(f) && tag.wireType === WireType.LEN;
		if (f && (tag.wireType === wireTypeOf(f.type, f.kind) || packed)) checkKnown(r, f, packed, depth);
		else skipValue(r, tag.wireType, tag.field, depth);
	}
}

/**
 * True when `bytes` read as `typeName` (default MessageFrame) break none of the rules of
 * `dumpMessage` (those of `WireReader`: protoc's), false when they do; `diagnose` then says
 * which and where. Time proportional to the input, memory constant; nesting bounded by
 * MAX_DEPTH (the schema's own depth for messages, an explicit stack for groups).
 */
export function wellFormed(bytes: Uint8Array, typeName: string = schema.frame): boolean {
	try {
		checkFields(new WireReader(bytes), messageIndex(typeName), 0);
		return true;
	} catch (e) {
		if (e instanceof Cv2xError || e instanceof TypeError) return false; // TypeError: TextDecoder's invalid UTF-8
		throw e;
	}
}
