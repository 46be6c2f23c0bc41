import { Cv2xError } from './errors';

/** Protocol Buffers wire types (encoding spec). 3/4 are proto2 groups, unused by this model. */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;
export const WIRE_TYPE_NAMES = ['VARINT', 'I64', 'LEN', 'SGROUP', 'EGROUP', 'I32', '6?', '7?'];

/** Largest input the codec accepts; real frames are under a few kilobytes (a big MAP ~ 20 KB). */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
/** Deepest nesting accepted when reading bytes without a schema (groups, raw decode). */
export const MAX_DEPTH = 32;

/**
 * A bounds-checked cursor over bytes. Every read checks the end first, so a hostile length or
 * varint costs nothing and gives a Cv2xError naming the byte offset.
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

	private fail(code: 'truncated' | 'bad_varint', msg: string, offset: number, key: string, params: Record<string, number> = {}): never {
		throw new Cv2xError(code, msg, { offset, path: this.path || undefined }, { key, params });
	}

	/** A varint as two 32-bit halves; rejects more than 10 bytes. */
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

	/** A varint that must fit in 32 bits unsigned (tags and lengths). */
	uint32(): number {
		const start = this.pos;
		const { lo, hi } = this.varint64();
		if (hi !== 0) this.fail('bad_varint', 'value does not fit in 32 bits', start, 'varint32');
		return lo;
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

	/** A length prefix, checked against the bytes that remain. Returns [start, end). */
	lengthDelimited(): [number, number] {
		const at = this.pos;
		const len = this.uint32();
		if (len > this.end - this.pos)
			throw new Cv2xError(
				'truncated',
				`length prefix says ${len} bytes but only ${this.end - this.pos} remain`,
				{ offset: at, path: this.path || undefined },
				{ key: 'lengthPrefix', params: { len, left: this.end - this.pos } }
			);
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

/** Reads a tag at the reader's position. */
export function readTag(r: WireReader): { field: number; wireType: number; offset: number } {
	const offset = r.pos;
	const tag = r.uint32();
	const field = tag >>> 3;
	const wireType = tag & 7;
	if (field === 0) throw new Cv2xError('bad_tag', 'field number 0 is invalid', { offset, path: r.path || undefined }, { key: 'field0' });
	if (wireType > 5) throw new Cv2xError('bad_wire_type', `wire type ${wireType} does not exist`, { offset, path: r.path || undefined }, { key: 'wireType', params: { wt: wireType } });
	return { field, wireType, offset };
}

/** Skips one value of the given wire type (groups skipped to their end tag, depth-limited). */
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
		case WireType.SGROUP: {
			if (depth >= MAX_DEPTH) throw new Cv2xError('too_deep', `groups nested deeper than ${MAX_DEPTH}`, { offset: r.pos });
			for (;;) {
				if (r.done) throw new Cv2xError('truncated', `group ${field} has no end tag`, { offset: r.pos });
				const t = readTag(r);
				if (t.wireType === WireType.EGROUP) {
					if (t.field !== field)
						throw new Cv2xError('bad_tag', `end group ${t.field} does not match start group ${field}`, { offset: t.offset });
					return;
				}
				skipValue(r, t.wireType, t.field, depth + 1);
			}
		}
		default:
			throw new Cv2xError('bad_tag', `unexpected end-group tag for field ${field}`, { offset: r.pos });
	}
}

/** Unsigned 64-bit halves to a decimal string (exact). */
export function u64String(lo: number, hi: number): string {
	return (BigInt(hi >>> 0) * 4294967296n + BigInt(lo >>> 0)).toString();
}
/** Signed (two's complement) 64-bit halves to a decimal string. */
export function s64String(lo: number, hi: number): string {
	return BigInt.asIntN(64, BigInt(hi >>> 0) * 4294967296n + BigInt(lo >>> 0)).toString();
}
/** Zigzag-encoded 64-bit halves to a signed decimal string. */
export function zigzag64String(lo: number, hi: number): string {
	const v = BigInt(hi >>> 0) * 4294967296n + BigInt(lo >>> 0);
	return ((v >> 1n) ^ -(v & 1n)).toString();
}
