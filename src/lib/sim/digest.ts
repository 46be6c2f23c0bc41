// A digest of an event stream, in plain 32-bit integer arithmetic, so Node and every browser
// compute the same value for the same run: the proof that a seed reproduces a run exactly.
//
// Definition, digest v2 (v1 hashed a transmission as decimal text, one FNV-1a step per byte, so a
// receiver id cost a step per digit: 12-14% of the CPU of a 10,000-vehicle `cv2x sim` run; v2
// costs one step per id: 4-4.5%):
// - State: two 32-bit lanes, a = 0x811c9dc5 and b = 0x01000193 ^ 0x5bd1e995 at the start.
// - A word w (32 bits) is one FNV-1a step per lane over the whole word:
//   a = imul(a ^ w, 0x01000193), b = imul(b ^ w, 0x01001193)  (Math.imul: the product mod 2^32).
// - A number field is the word n when n is an int32 other than -2^31 (-0 is 0). Any other value
//   (a fraction, beyond int32, -2^31, NaN, +-Infinity; a non-number as Number() converts it) is
//   the word -2^31, then its IEEE 754 binary64 bits as two words, low half first (every NaN as
//   0x7ff8000000000000: the bits of a NaN are the engine's choice).
// - A string field is its length in UTF-16 code units, then each code unit (0..65535) as a word.
// - A bytes field is its length, then the bytes four at a time as little-endian words (byte 4k in
//   bits 0..7, 4k+1 in bits 8..15, ...), the last word padded with 0 bytes.
// - A transmission is the word 1, then t, sender (numbers), channel, type (strings),
//   receiverCount, the receiver list's length, each receiver id, latencyMs (numbers), then its
//   payload (bytes). Any other event is the word 2, then its JSON text (string). Lengths come
//   first, so a stream splits into fields one way only.
// - After each event, each lane is mixed down: h ^= h >>> 16. A multiply only carries a bit
//   upward: without it a difference in a word's high bits would never reach the low bits.
// - The digest: 16 hex digits, lane a then lane b, each as unsigned.
// Hot loops copy the module's constants into locals first: V8 loads a module-level constant from
// its context at every use, even in an optimised loop.
import type { SimEvent, Transmission } from './events';

/** FNV-1a 32-bit prime (lane a) and lane b's prime. */
const PA = 0x01000193;
const PB = 0x01000193 + 0x1000;
/** The word that starts a number which is not one int32 word (-2^31, itself never one). */
const WIDE = -0x80000000;
const TAG_TX = 1;
const TAG_OTHER = 2;

/** A number's binary64 bits: a DataView fixes the byte order, whatever the platform's. */
const F64 = new DataView(new ArrayBuffer(8));

/** Digest v2 of an event stream: two FNV-1a lanes over 32-bit words, 64 bits, no BigInt, no crypto. */
export class StreamDigest {
	// the lanes are kept as int32 (what Math.imul gives), never as uint32: a value over 2^31 would
	// be a double, and every loop over it would convert back and forth
	private a = 0x811c9dc5 | 0;
	private b = (0x01000193 ^ 0x5bd1e995) | 0;

	/** Adds one 32-bit word (an int32 or a uint32; only the low 32 bits of an integer count). */
	word(w: number) {
		this.a = Math.imul(this.a ^ w, PA);
		this.b = Math.imul(this.b ^ w, PB);
	}

	/** Adds a number field: one word for an int32 other than -2^31, else -2^31 and its binary64 bits. */
	number(n: number) {
		if ((n | 0) === n && n !== WIDE) this.word(n);
		else this.wide(n);
	}

	/** Adds a number field that is not one word: -2^31, then binary64 bits low half first. */
	private wide(n: number) {
		const v = Number(n);
		this.word(WIDE);
		if (v !== v) {
			this.word(0);
			this.word(0x7ff80000);
			return;
		}
		F64.setFloat64(0, v, true);
		this.word(F64.getInt32(0, true));
		this.word(F64.getInt32(4, true));
	}

	/** Adds a string field: its length in UTF-16 code units, then each unit as a word. */
	text(s: string) {
		const pa = PA, pb = PB;
		let a = Math.imul(this.a ^ s.length, pa);
		let b = Math.imul(this.b ^ s.length, pb);
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			a = Math.imul(a ^ c, pa);
			b = Math.imul(b ^ c, pb);
		}
		this.a = a;
		this.b = b;
	}

	/** Adds a bytes field: its length, then 4 bytes per little-endian word, the last padded with 0s. */
	bytes(data: Uint8Array) {
		const pa = PA, pb = PB, n = data.length, whole = n & ~3;
		let a = Math.imul(this.a ^ n, pa);
		let b = Math.imul(this.b ^ n, pb);
		let i = 0;
		for (; i < whole; i += 4) {
			const w = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
			a = Math.imul(a ^ w, pa);
			b = Math.imul(b ^ w, pb);
		}
		if (i < n) {
			let w = data[i];
			if (i + 1 < n) w |= data[i + 1] << 8;
			if (i + 2 < n) w |= data[i + 2] << 16;
			a = Math.imul(a ^ w, pa);
			b = Math.imul(b ^ w, pb);
		}
		this.a = a;
		this.b = b;
	}

	/**
	 * Adds one event (digest v2): a transmission as the words 1, t, sender, channel, type,
	 * receiverCount, the receiver list (length, ids), latencyMs, payload; any other event as the
	 * word 2 and its JSON text; then mixes each lane down (see the file's header).
	 */
	event(e: SimEvent) {
		if (e.kind === 'tx') this.transmission(e);
		else {
			this.word(TAG_OTHER);
			this.text(JSON.stringify(e));
		}
		this.a ^= this.a >>> 16;
		this.b ^= this.b >>> 16;
	}

	/** A transmission's words; receiverIds (typed) and receivers (number[]) give the same words. */
	private transmission(e: Transmission) {
		this.word(TAG_TX);
		this.number(e.t);
		this.number(e.sender);
		this.text(e.channel);
		this.text(e.type);
		this.number(e.receiverCount);
		if (e.receiverIds !== undefined) this.receiverIds(e.receiverIds);
		else this.receivers(e.receivers);
		this.number(e.latencyMs);
		this.bytes(e.bytes);
	}

	/** Adds a receiver list: its length, then each id as a number field (a hole as NaN). */
	private receivers(rx: readonly number[]) {
		const pa = PA, pb = PB, wide = WIDE;
		let a = Math.imul(this.a ^ rx.length, pa);
		let b = Math.imul(this.b ^ rx.length, pb);
		for (let i = 0; i < rx.length; i++) {
			const r = rx[i];
			if ((r | 0) === r && r !== wide) {
				a = Math.imul(a ^ r, pa);
				b = Math.imul(b ^ r, pb);
			} else {
				this.a = a;
				this.b = b;
				this.wide(r);
				a = this.a;
				b = this.b;
			}
		}
		this.a = a;
		this.b = b;
	}

	/** Adds a typed receiver list (Transmission.receiverIds) exactly as `receivers` adds the same ids. */
	private receiverIds(rx: Int32Array) {
		const pa = PA, pb = PB, wide = WIDE;
		let a = Math.imul(this.a ^ rx.length, pa);
		let b = Math.imul(this.b ^ rx.length, pb);
		for (let i = 0; i < rx.length; i++) {
			const r = rx[i];
			if (r !== wide) {
				a = Math.imul(a ^ r, pa);
				b = Math.imul(b ^ r, pb);
			} else {
				this.a = a;
				this.b = b;
				this.wide(r);
				a = this.a;
				b = this.b;
			}
		}
		this.a = a;
		this.b = b;
	}

	/** The digest (v2): 16 hex digits, lane a then lane b. */
	hex(): string {
		return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
	}
}
