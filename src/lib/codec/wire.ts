import { Cv2xError } from './errors';

/** Protocol Buffers wire types (encoding spec). 3/4 are proto2 groups, unused by this model. */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;
export const WIRE_TYPE_NAMES = ['VARINT', 'I64', 'LEN', 'SGROUP', 'EGROUP', 'I32', '6?', '7?'];

/** Largest input the codec accepts; real frames are under a few kilobytes (a big MAP ~ 20 KB). */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
/**
 * Deepest nesting accepted, sub-messages and groups together, the top-level message being depth
 * 0: protoc's default recursion limit (CodedInputStream's 100). Checked against protoc 3.21: 100
 * groups nested in a frame parse, 101 do not; a BSM holding 99 nested groups parses, 100 do not.
 */
export const MAX_DEPTH = 100;

type WireKey = 'varintEnd' | 'varintLong' | 'tagLong' | 'lengthLong' | 'lengthHuge' | 'lengthPrefix' | 'fixedShort';

/**
 * A bounds-checked cursor over bytes, with protoc's (C++ protobuf's parse_context) rules, the one
 * set of rules every reader of the codec goes by (decode, annotated dump, raw decode):
 * - a varint value is at most 10 bytes; bits past the 64th are dropped (a 10th byte of 0x7f
 *   reads as 1), as protoc does;
 * - a tag is at most 5 bytes; bits past the 32nd are dropped, so a field number is at most
 *   2^29-1; field number 0 and wire types 6 and 7 are rejected;
 * - a length prefix is at most 5 bytes, under 2^31 (a 5th byte of 8 or more is refused) and
 *   within the enclosing data.
 * Every read checks the end first, so a hostile length or varint costs nothing and gives a
 * Cv2xError naming the byte offset (and the field path the reader was given).
 */
export class WireReader {
	pos: number;
	end: number;
	constructor(
		readonly buf: Uint8Array,
		start = 0,
		end = buf.length,
		public path = ''
	) {
		this.pos = start;
		this.end = end;
	}

	get done(): boolean {
		return this.pos >= this.end;
	}

	/** Throws the Cv2xError for a malformed read at `offset`, naming this reader's path. */
	fail(code: 'truncated' | 'bad_varint' | 'bad_tag' | 'bad_length', msg: string, offset: number, key: WireKey, params: Record<string, number> = {}): never {
		throw new Cv2xError(code, msg, { offset, path: this.path || undefined }, { key, params });
	}

	/** A varint value (at most 10 bytes) as two 32-bit halves, unsigned. */
	varint64(): { lo: number; hi: number } {
		const start = this.pos;
		let lo = 0;
		let hi = 0;
		for (let i = 0; i < 10; i++) {
			if (this.pos >= this.end) this.fail('truncated', 'varint runs past the end of its data', start, 'varintEnd');
			const b = this.buf[this.pos++];
			if (i < 4) lo |= (b & 0x7f) << (7 * i);
			else if (i === 4) {
				lo |= (b & 0x0f) << 28;
				hi |= (b & 0x7f) >> 4;
			} else hi |= (b & 0x7f) << (7 * i - 32);
			if (!(b & 0x80)) return { lo: lo >>> 0, hi: hi >>> 0 };
		}
		this.fail('bad_varint', 'varint longer than 10 bytes', start, 'varintLong');
	}

	/** A varint of at most 5 bytes, its low 32 bits (tags and length prefixes); `what` names it in errors. */
	private varint5(what: 'tag' | 'length'): { value: number; last: number } {
		const start = this.pos;
		let v = 0;
		for (let i = 0; i < 5; i++) {
			if (this.pos >= this.end) this.fail('truncated', 'varint runs past the end of its data', start, 'varintEnd');
			const b = this.buf[this.pos++];
			v |= i < 4 ? (b & 0x7f) << (7 * i) : (b & 0x0f) << 28;
			if (!(b & 0x80)) return { value: v >>> 0, last: b };
		}
		if (what === 'tag') this.fail('bad_tag', 'tag longer than 5 bytes', start, 'tagLong');
		return this.fail('bad_length', 'length prefix longer than 5 bytes', start, 'lengthLong');
	}

	/** A tag's 32 bits (at most 5 bytes, as protoc reads it); see `readTag` for its checks. */
	tag32(): number {
		return this.varint5('tag').value;
	}

	/** A varint value's low 32 bits (int32, uint32, sint32, enum fields: protoc truncates the 64-bit value). */
	uint32(): number {
		return this.varint64().lo;
	}

	fixed32(): number {
		if (this.end - this.pos < 4) this.fail('truncated', `4-byte fixed field needs ${4} bytes, ${this.end - this.pos} left`, this.pos, 'fixedShort', { n: 4, left: this.end - this.pos });
		const b = this.buf;
		const p = this.pos;
		this.pos += 4;
		return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
	}

	fixed64(): { lo: number; hi: number } {
		if (this.end - this.pos < 8) this.fail('truncated', `8-byte fixed field needs 8 bytes, ${this.end - this.pos} left`, this.pos, 'fixedShort', { n: 8, left: this.end - this.pos });
		const lo = this.fixed32();
		const hi = this.fixed32();
		return { lo, hi };
	}

	/** A length prefix (at most 5 bytes, under 2^31), not yet checked against what remains. */
	length(): number {
		const at = this.pos;
		const { value, last } = this.varint5('length');
		if (this.pos - at === 5 && last >= 8) this.fail('bad_length', 'length prefix of 2 GiB or more', at, 'lengthHuge');
		return value;
	}

	/** A length prefix, checked against the bytes that remain. Returns [start, end). */
	lengthDelimited(): [number, number] {
		const at = this.pos;
		const len = this.length();
		const left = this.end - this.pos;
		if (len > left) this.fail('truncated', `length prefix says ${len} bytes but only ${left} remain`, at, 'lengthPrefix', { len, left });
		const start = this.pos;
		this.pos += len;
		return [start, this.pos];
	}
}

/** Refuses input over MAX_INPUT_BYTES before any work is done on it. */
export function checkInputSize(bytes: Uint8Array): void {
	if (bytes.length > MAX_INPUT_BYTES)
		throw new Cv2xError('too_large', `input is ${bytes.length} bytes; the limit is ${MAX_INPUT_BYTES}`, {}, {
			key: 'tooLarge',
			params: { n: bytes.length, max: MAX_INPUT_BYTES }
		});
}

/**
 * Reads a tag at the reader's position: at most 5 bytes, field number 1..2^29-1, wire type 0..5
 * (an end-group tag, 4, is returned: the caller knows whether a group is open).
 */
export function readTag(r: WireReader): { field: number; wireType: number; offset: number } {
	const offset = r.pos;
	const tag = r.tag32();
	const field = tag >>> 3;
	const wireType = tag & 7;
	if (field === 0) throw new Cv2xError('bad_tag', 'field number 0 is invalid', { offset, path: r.path || undefined }, { key: 'field0' });
	if (wireType > 5) throw new Cv2xError('bad_wire_type', `wire type ${wireType} does not exist`, { offset, path: r.path || undefined }, { key: 'wireType', params: { wt: wireType } });
	return { field, wireType, offset };
}

/** The error for nesting past MAX_DEPTH, naming the depth reached and where. */
export function tooDeep(depth: number, offset: number, path: string | undefined): Cv2xError {
	return new Cv2xError('too_deep', `nested ${depth} deep: sub-messages and groups nest at most ${MAX_DEPTH} deep (as protoc)`, { offset, path: path || undefined }, {
		key: 'tooDeep', params: { depth, max: MAX_DEPTH }
	});
}

/**
 * Skips one value of the given wire type whose tag was just read, in a message at nesting
 * `depth`. A group (wire type 3) is skipped to its matching end tag without recursion: an
 * explicit stack of open field numbers, at most MAX_DEPTH - depth of them (protoc's limit).
 * An end-group tag here (wire type 4) has no start: an error, as in protoc.
 */
export function skipValue(r: WireReader, wireType: number, field: number, depth = 0): void {
	switch (wireType) {
		case WireType.VARINT:
			r.varint64();
			return;
		case WireType.I64:
			r.fixed64();
			return;
		case WireType.LEN:
			r.lengthDelimited();
			return;
		case WireType.I32:
			r.fixed32();
			return;
		case WireType.SGROUP:
			skipGroup(r, field, depth);
			return;
		default:
			throw endGroupAlone(field, r.pos, r.path);
	}
}

/** The error for an end-group tag (at `offset`) with no group open. */
export function endGroupAlone(field: number, offset: number, path: string | undefined): Cv2xError {
	return new Cv2xError('bad_tag', `end-group tag for field ${field} without a start group`, { offset, path: path || undefined }, { key: 'groupEndAlone', params: { field } });
}

function skipGroup(r: WireReader, field: number, depth: number): void {
	const open = [field];
	const starts = [r.pos];
	if (depth + 1 > MAX_DEPTH) throw tooDeep(depth + 1, r.pos, r.path);
	while (open.length) {
		if (r.done) throw new Cv2xError('truncated', `group ${open[open.length - 1]} has no end tag`, { offset: starts[starts.length - 1], path: r.path || undefined }, { key: 'groupNoEnd', params: { field: open[open.length - 1] } });
		const t = readTag(r);
		if (t.wireType === WireType.EGROUP) {
			const want = open.pop()!;
			starts.pop();
			if (t.field !== want)
				throw new Cv2xError('bad_tag', `end group ${t.field} does not match start group ${want}`, { offset: t.offset, path: r.path || undefined }, { key: 'groupMismatch', params: { field: t.field, want } });
		} else if (t.wireType === WireType.SGROUP) {
			if (depth + open.length + 1 > MAX_DEPTH) throw tooDeep(depth + open.length + 1, t.offset, r.path);
			open.push(t.field);
			starts.push(r.pos);
		} else skipValue(r, t.wireType, t.field, depth + open.length);
	}
}

/** Unsigned 64-bit halves to a decimal string (exact). */
export function u64String(lo: number, hi: number): string {
	if (hi === 0) return String(lo >>> 0); // the common case, without a BigInt per value
	return (BigInt(hi >>> 0) * 4294967296n + BigInt(lo >>> 0)).toString();
}
/** Signed (two's complement) 64-bit halves to a decimal string. */
export function s64String(lo: number, hi: number): string {
	if (hi === 0) return String(lo >>> 0);
	return BigInt.asIntN(64, BigInt(hi >>> 0) * 4294967296n + BigInt(lo >>> 0)).toString();
}
/** Zigzag-encoded 64-bit halves to a signed decimal string. */
export function zigzag64String(lo: number, hi: number): string {
	if (hi === 0) return String(((lo >>> 1) ^ -(lo & 1)) | 0);
	const v = BigInt(hi >>> 0) * 4294967296n + BigInt(lo >>> 0);
	return ((v >> 1n) ^ -(v & 1n)).toString();
}
