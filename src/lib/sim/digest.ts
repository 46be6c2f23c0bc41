// A digest of an event stream, in plain 32-bit integer arithmetic, so Node and every browser
// compute the same value for the same run: the proof that a seed reproduces a run exactly.
// Its definition is text: a transmission's fields joined with '|' as UTF-16 code units (low byte,
// then high byte), then its bytes. `event` hashes those very bytes without building the text:
// numbers are written digit by digit, and an ASCII character's two bytes (c, 0) are one step,
// since hashing a 0 byte is a plain multiply: ((h ^ c) * P) * P = (h ^ c) * P^2 (mod 2^32).
// Node ids' digits are cached packed in an int; a typed receiver list (Transmission.receiverIds)
// is read straight from its buffer. Hot loops copy the module's constants into locals first:
// V8 loads a module-level constant from its context at every use, even in an optimised loop.
import type { SimEvent } from './events';

/** FNV-1a 32-bit prime (lane a) and lane b's prime. */
const PA = 0x01000193;
const PB = 0x01000193 + 0x1000;
/** The primes squared, mod 2^32: a character's low byte then a 0 byte. */
const PA2 = Math.imul(PA, PA);
const PB2 = Math.imul(PB, PB);
const BAR = 0x7c; // '|'
const COMMA = 0x2c; // ','

/** Node ids below this have their decimal digits cached (at most 7 digits each). */
const CACHED_IDS = 1 << 20;
/**
 * Digits of integers 0 <= i < CACHED_IDS packed in an int32: the k-th digit (from the first) in
 * bits 4k..4k+3, how many in bits 28..30; 0 = not yet cached. Grown on demand.
 */
let PACKED = new Int32Array(0);

/** The packed digits of integer 0 <= id < CACHED_IDS, cached. */
function packDigits(id: number): number {
	if (id >= PACKED.length) {
		const grown = new Int32Array(Math.min(CACHED_IDS, Math.max(1024, 2 ** Math.ceil(Math.log2(id + 1)))));
		grown.set(PACKED);
		PACKED = grown;
	}
	const text = String(id);
	let p = text.length << 28;
	for (let k = 0; k < text.length; k++) p |= (text.charCodeAt(k) - 0x30) << (4 * k);
	return (PACKED[id] = p);
}

/** The packed digits of n if it is an integer in 0..CACHED_IDS-1 (cached on first use), else 0. */
function packedDigits(n: number): number {
	if ((n | 0) !== n || n < 0 || n >= CACHED_IDS) return 0;
	return n < PACKED.length && PACKED[n] !== 0 ? PACKED[n] : packDigits(n);
}

/** Two independent FNV-1a 32-bit lanes: 64 bits of digest, no BigInt, no crypto API. */
export class StreamDigest {
	// the lanes are kept as int32 (what Math.imul gives), never as uint32: a value over 2^31 would
	// be a double, and every loop over it would convert back and forth
	private a = 0x811c9dc5 | 0;
	private b = (0x01000193 ^ 0x5bd1e995) | 0;
	/** Decimal digits of a number past the cache, least significant first (scratch, no allocation). */
	private readonly digits = new Uint8Array(24);

	/** Adds one byte, 0..255. */
	byte(x: number) {
		this.a = Math.imul(this.a ^ x, PA);
		this.b = Math.imul(this.b ^ x, PB);
	}

	/** Adds bytes as they are. */
	bytes(data: Uint8Array) {
		const pa = PA, pb = PB;
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < data.length; i++) {
			const x = data[i];
			a = Math.imul(a ^ x, pa);
			b = Math.imul(b ^ x, pb);
		}
		this.a = a;
		this.b = b;
	}

	/** Adds a string as UTF-16 code units, each its low byte then its high byte. */
	text(s: string) {
		const pa = PA, pb = PB, pa2 = PA2, pb2 = PB2;
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if (c < 0x100) {
				a = Math.imul(a ^ c, pa2);
				b = Math.imul(b ^ c, pb2);
			} else {
				a = Math.imul(Math.imul(a ^ (c & 0xff), pa) ^ (c >>> 8), pa);
				b = Math.imul(Math.imul(b ^ (c & 0xff), pb) ^ (c >>> 8), pb);
			}
		}
		this.a = a;
		this.b = b;
	}

	/** Adds one ASCII character, as `text` would. */
	private char(c: number) {
		this.a = Math.imul(this.a ^ c, PA2);
		this.b = Math.imul(this.b ^ c, PB2);
	}

	/** Adds the digits of a packed number (see PACKED) as `text` would. */
	private packed(p: number) {
		const pa2 = PA2, pb2 = PB2;
		let a = this.a;
		let b = this.b;
		for (let q = p & 0xfffffff, n = p >>> 28; n > 0; n--, q >>>= 4) {
			const c = 0x30 | (q & 15);
			a = Math.imul(a ^ c, pa2);
			b = Math.imul(b ^ c, pb2);
		}
		this.a = a;
		this.b = b;
	}

	/** Adds a number as `text(String(n))` would, without building the string for an integer. */
	number(n: number) {
		const p = packedDigits(n);
		if (p !== 0) return this.packed(p);
		if (!Number.isSafeInteger(n)) return this.text(String(n));
		let v = n < 0 ? -n : n;
		let k = 0;
		do {
			const q = Math.floor(v / 10);
			this.digits[k++] = 0x30 + (v - q * 10);
			v = q;
		} while (v > 0);
		const pa2 = PA2, pb2 = PB2;
		let a = this.a;
		let b = this.b;
		if (n < 0) {
			a = Math.imul(a ^ 0x2d, pa2);
			b = Math.imul(b ^ 0x2d, pb2);
		}
		while (k > 0) {
			const c = this.digits[--k];
			a = Math.imul(a ^ c, pa2);
			b = Math.imul(b ^ c, pb2);
		}
		this.a = a;
		this.b = b;
	}

	/**
	 * Adds one event: a transmission as the text `t|sender|channel|type|receiverCount|r1,r2,...|latencyMs|`
	 * followed by its bytes, any other event as its JSON text.
	 */
	event(e: SimEvent) {
		if (e.kind !== 'tx') return this.text(JSON.stringify(e));
		this.number(e.t);
		this.char(BAR);
		this.number(e.sender);
		this.char(BAR);
		this.text(e.channel);
		this.char(BAR);
		this.text(e.type);
		this.char(BAR);
		this.number(e.receiverCount);
		this.char(BAR);
		if (e.receiverIds !== undefined) this.receiverIds(e.receiverIds);
		else this.receivers(e.receivers);
		this.char(BAR);
		this.number(e.latencyMs);
		this.char(BAR);
		this.bytes(e.bytes);
	}

	/** Adds a receiver list as `receivers.join(',')` would; node ids' digits come from a cache. */
	private receivers(rx: readonly number[]) {
		const pa2 = PA2, pb2 = PB2, comma = COMMA;
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < rx.length; i++) {
			if (i > 0) {
				a = Math.imul(a ^ comma, pa2);
				b = Math.imul(b ^ comma, pb2);
			}
			const r = rx[i];
			const p = packedDigits(r);
			if (p !== 0) {
				for (let q = p & 0xfffffff, n = p >>> 28; n > 0; n--, q >>>= 4) {
					const c = 0x30 | (q & 15);
					a = Math.imul(a ^ c, pa2);
					b = Math.imul(b ^ c, pb2);
				}
			} else if (r != null) {
				// join() writes null and undefined as nothing; anything else as String(r)
				this.a = a;
				this.b = b;
				this.number(r);
				a = this.a;
				b = this.b;
			}
		}
		this.a = a;
		this.b = b;
	}

	/**
	 * Adds a typed receiver list (Transmission.receiverIds) exactly as `receivers` adds the same
	 * ids in a number[]: the comma before every id but the first, then its digits.
	 */
	private receiverIds(rx: Int32Array) {
		const pa2 = PA2, pb2 = PB2, comma = COMMA;
		let packed = PACKED;
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < rx.length; i++) {
			const r = rx[i];
			if (i > 0) {
				a = Math.imul(a ^ comma, pa2);
				b = Math.imul(b ^ comma, pb2);
			}
			let p = r >= 0 && r < packed.length ? packed[r] : 0;
			if (p === 0) {
				p = packedDigits(r);
				packed = PACKED;
				if (p === 0) {
					// a negative id, or one past the cache
					this.a = a;
					this.b = b;
					this.number(r);
					a = this.a;
					b = this.b;
					continue;
				}
			}
			for (let q = p & 0xfffffff, n = p >>> 28; n > 0; n--, q >>>= 4) {
				const c = 0x30 | (q & 15);
				a = Math.imul(a ^ c, pa2);
				b = Math.imul(b ^ c, pb2);
			}
		}
		this.a = a;
		this.b = b;
	}

	/** The digest: 16 hex digits (lane a, then lane b). */
	hex(): string {
		return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
	}
}
