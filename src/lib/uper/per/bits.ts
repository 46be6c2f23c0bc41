import { UperError } from '../errors';

/**
 * Bit-field writer, most significant bit first (X.691 10.1: bits are added to the field from
 * the MSB of the first octet on). Grows as needed; `finish()` returns the octets, the last one
 * padded with zero bits (X.691 10.1.3: an encoding that is not a whole number of octets is padded
 * at the end; an empty encoding becomes one zero octet only where 10.1.3 asks, i.e. the caller
 * decides, see `completeEncoding`).
 */
const EMPTY = new Uint8Array(0);
/** Zeroed buffers of writers ended by `take()`, for the next writers (allocating one costs more than zeroing it). */
const spares: Uint8Array[] = [];
const MAX_SPARES = 4;
const MAX_SPARE_OCTETS = 4096;

export class BitWriter {
	// Room for most messages at once (a BSM is under 100 octets): growing costs a copy.
	private buf = spares.pop() ?? new Uint8Array(256);
	/** Number of bits written so far. */
	bitLength = 0;

	private ensure(bits: number): void {
		const need = (this.bitLength + bits + 7) >>> 3;
		if (need <= this.buf.length) return;
		let size = Math.max(64, this.buf.length * 2);
		while (size < need) size *= 2;
		const next = new Uint8Array(size);
		next.set(this.buf);
		this.buf = next;
	}

	/** Writes one bit (0 or 1; any truthy value is 1). */
	writeBit(bit: number | boolean): void {
		const p = this.bitLength;
		if (p >>> 3 >= this.buf.length) this.ensure(1);
		if (bit) this.buf[p >>> 3] |= 0x80 >>> (p & 7);
		this.bitLength = p + 1;
	}

	/** Sets the already written bit at offset `pos` to 1 (a flag known only later, e.g. the extension bit). */
	setBit(pos: number): void {
		this.buf[pos >>> 3] |= 0x80 >>> (pos & 7);
	}

	/**
	 * Writes the low `count` bits of the non-negative integer `value`, MSB first.
	 * `count` in 0..53; `value` < 2^count (not checked: callers have range-checked it).
	 */
	writeBits(value: number, count: number): void {
		if (count > 24) {
			// Split so each part fits the 32-bit window below; division keeps it exact to 2^53.
			this.writeBits(Math.floor(value / 16777216), count - 24);
			this.writeBits(value % 16777216, 24);
			return;
		}
		if (count === 0) return;
		const p = this.bitLength;
		if ((p + count + 7) >>> 3 > this.buf.length) this.ensure(count);
		const shift = p & 7;
		// The bits placed in a 32-bit window starting at the current octet (shift + count ≤ 31).
		const aligned = (value << (32 - count - shift)) >>> 0;
		const buf = this.buf;
		let i = p >>> 3;
		buf[i] |= aligned >>> 24;
		const end = shift + count;
		if (end > 8) buf[++i] = (aligned >>> 16) & 0xff;
		if (end > 16) buf[++i] = (aligned >>> 8) & 0xff;
		if (end > 24) buf[++i] = aligned & 0xff;
		this.bitLength = p + count;
	}

	/** Writes the low `count` bits of the non-negative bigint `value`, MSB first. */
	writeBigBits(value: bigint, count: number): void {
		let left = count;
		while (left > 0) {
			const take = left > 32 ? 32 : left;
			this.writeBits(Number((value >> BigInt(left - take)) & ((1n << BigInt(take)) - 1n)), take);
			left -= take;
		}
	}

	/** Writes `bitCount` bits from `bytes`, starting at the MSB of `bytes[0]`. */
	writeBitsFrom(bytes: Uint8Array, bitCount: number): void {
		const whole = bitCount >>> 3;
		this.ensure(bitCount);
		if ((this.bitLength & 7) === 0) {
			this.buf.set(bytes.subarray(0, whole), this.bitLength >>> 3);
			this.bitLength += whole * 8;
		} else for (let i = 0; i < whole; i++) this.writeBits(bytes[i], 8);
		const rest = bitCount & 7;
		if (rest) this.writeBits(bytes[whole] >>> (8 - rest), rest);
	}

	/** Writes whole octets. */
	writeOctets(bytes: Uint8Array): void {
		this.writeBitsFrom(bytes, bytes.length * 8);
	}

	/** The octets written, the last one zero-padded (X.691 10.1.3 / 11.1 of the outermost value). */
	finish(): Uint8Array {
		return this.buf.slice(0, (this.bitLength + 7) >>> 3);
	}

	/**
	 * As `finish()`, and ends the writer: its buffer, zeroed again, goes to the next writer, and
	 * this one is left empty (bitLength 0).
	 */
	take(): Uint8Array {
		const used = (this.bitLength + 7) >>> 3;
		const buf = this.buf;
		const out = buf.slice(0, used);
		this.buf = EMPTY;
		this.bitLength = 0;
		if (spares.length < MAX_SPARES && buf.length <= MAX_SPARE_OCTETS) {
			buf.fill(0, 0, used);
			spares.push(buf);
		}
		return out;
	}
}

/**
 * Bit-field reader, MSB first (X.691 10.1). `pos` is the bit offset from the MSB of `bytes[0]`;
 * `limit` the bit offset reading may not pass (the end of the input, or of an open type's
 * contents octets while they are decoded). Every read past `limit` throws a `UperError`
 * ('truncated') naming the bit offset and the field path given by the caller.
 */
export class BitReader {
	pos = 0;
	limit: number;

	constructor(readonly bytes: Uint8Array) {
		this.limit = bytes.length * 8;
	}

	/** Bits left before `limit`. */
	get remaining(): number {
		return this.limit - this.pos;
	}

	/** Throws 'truncated' unless `count` bits are left; call before allocating for them. */
	need(count: number, path: string, what = 'bits'): void {
		if (count > this.limit - this.pos)
			throw new UperError(
				'truncated',
				`need ${count} ${what === 'bits' ? 'bits' : `bits for ${what}`}, only ${this.limit - this.pos} left`,
				this.pos,
				path
			);
	}

	/** Reads one bit: 0 or 1. */
	readBit(path: string): number {
		const p = this.pos;
		if (p >= this.limit) this.need(1, path);
		this.pos = p + 1;
		return (this.bytes[p >>> 3] >>> (7 - (p & 7))) & 1;
	}

	/** Reads `count` (0..53) bits as a non-negative integer, MSB first. */
	readBits(count: number, path: string): number {
		if (count > 24) {
			if (count <= 32) return this.readBits32(count, path);
			const high = this.readBits(count - 24, path);
			return high * 16777216 + this.readBits(24, path);
		}
		if (count > this.limit - this.pos) this.need(count, path);
		if (count === 0) return 0;
		const p = this.pos;
		const b = this.bytes;
		const i = p >>> 3;
		const n = b.length;
		// A 32-bit window from the current octet (octets past the end read as 0; shift + count ≤ 31).
		const window =
			(b[i] << 24) | ((i + 1 < n ? b[i + 1] : 0) << 16) | ((i + 2 < n ? b[i + 2] : 0) << 8) | (i + 3 < n ? b[i + 3] : 0);
		this.pos = p + count;
		return (window << (p & 7)) >>> (32 - count);
	}

	/** `readBits` for 25..32 bits (a latitude, a longitude): a 40-bit window, one call. */
	private readBits32(count: number, path: string): number {
		if (count > this.limit - this.pos) this.need(count, path);
		const p = this.pos;
		const b = this.bytes;
		const i = p >>> 3;
		const n = b.length;
		const shift = p & 7;
		// Octets past the end read as 0; shift + count ≤ 39 bits fit octets i..i+4.
		const high = (b[i] << 24) | ((i + 1 < n ? b[i + 1] : 0) << 16) | ((i + 2 < n ? b[i + 2] : 0) << 8) | (i + 3 < n ? b[i + 3] : 0);
		const low = i + 4 < n ? b[i + 4] : 0;
		this.pos = p + count;
		return ((high << shift) | (low >>> (8 - shift))) >>> (32 - count);
	}

	/** Reads `count` bits (any number) as a non-negative bigint, MSB first. */
	readBigBits(count: number, path: string): bigint {
		this.need(count, path);
		let value = 0n;
		let left = count;
		while (left > 0) {
			const take = left > 32 ? 32 : left;
			value = (value << BigInt(take)) | BigInt(this.readBits(take, path));
			left -= take;
		}
		return value;
	}

	/**
	 * Reads `bitCount` bits into a new array, MSB first, the last octet's unused bits zero.
	 * Checks the bits are there before allocating.
	 */
	readBitsInto(bitCount: number, path: string): Uint8Array {
		this.need(bitCount, path);
		const out = new Uint8Array((bitCount + 7) >>> 3);
		const whole = bitCount >>> 3;
		if ((this.pos & 7) === 0) {
			out.set(this.bytes.subarray(this.pos >>> 3, (this.pos >>> 3) + whole));
			this.pos += whole * 8;
		} else for (let i = 0; i < whole; i++) out[i] = this.readBits(8, path);
		const rest = bitCount & 7;
		if (rest) out[whole] = this.readBits(rest, path) << (8 - rest);
		return out;
	}
}

/** Octet chunks joined into `bytes` octets (their total); one chunk is returned as it is. */
export function concatOctets(chunks: readonly Uint8Array[], bytes: number): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(bytes);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}
