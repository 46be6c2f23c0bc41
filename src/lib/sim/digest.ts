// A digest of an event stream, in plain 32-bit integer arithmetic, so Node and every browser
// compute the same value for the same run: the proof that a seed reproduces a run exactly.
// Its definition is text: a transmission's fields joined with '|' as UTF-16 code units (low byte,
// then high byte), then its bytes. `event` hashes those very bytes without building the text:
// numbers are written digit by digit, and an ASCII character's two bytes (c, 0) are one step,
// since hashing a 0 byte is a plain multiply: ((h ^ c) * P) * P = (h ^ c) * P^2 (mod 2^32).
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
const SLOT = 8;
/** Digits of id i at DIGITS[i * SLOT ..], DIGIT_COUNT[i] of them (0: not yet cached); grown on demand. */
let DIGITS = new Uint8Array(0);
let DIGIT_COUNT = new Uint8Array(0);

/** The decimal digits (ASCII) of integer id 0 <= id < CACHED_IDS, cached; returns how many. */
function cacheDigits(id: number): number {
	if (id >= DIGIT_COUNT.length) {
		const size = Math.min(CACHED_IDS, Math.max(1024, 2 ** Math.ceil(Math.log2(id + 1))));
		const digits = new Uint8Array(size * SLOT);
		const count = new Uint8Array(size);
		digits.set(DIGITS);
		count.set(DIGIT_COUNT);
		DIGITS = digits;
		DIGIT_COUNT = count;
	}
	const text = String(id);
	for (let k = 0; k < text.length; k++) DIGITS[id * SLOT + k] = text.charCodeAt(k);
	return (DIGIT_COUNT[id] = text.length);
}

/** Two independent FNV-1a 32-bit lanes: 64 bits of digest, no BigInt, no crypto API. */
export class StreamDigest {
	private a = 0x811c9dc5;
	private b = 0x01000193 ^ 0x5bd1e995;
	/** Decimal digits of a number, least significant first (scratch, no allocation). */
	private readonly digits = new Uint8Array(24);

	/** Adds one byte, 0..255. */
	byte(x: number) {
		this.a = Math.imul(this.a ^ x, PA) >>> 0;
		this.b = Math.imul(this.b ^ x, PB) >>> 0;
	}

	/** Adds bytes as they are. */
	bytes(data: Uint8Array) {
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < data.length; i++) {
			const x = data[i];
			a = Math.imul(a ^ x, PA);
			b = Math.imul(b ^ x, PB);
		}
		this.a = a >>> 0;
		this.b = b >>> 0;
	}

	/** Adds a string as UTF-16 code units, each its low byte then its high byte. */
	text(s: string) {
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			if (c < 0x100) {
				a = Math.imul(a ^ c, PA2);
				b = Math.imul(b ^ c, PB2);
			} else {
				a = Math.imul(Math.imul(a ^ (c & 0xff), PA) ^ (c >>> 8), PA);
				b = Math.imul(Math.imul(b ^ (c & 0xff), PB) ^ (c >>> 8), PB);
			}
		}
		this.a = a >>> 0;
		this.b = b >>> 0;
	}

	/** Adds one ASCII character, as `text` would. */
	private char(c: number) {
		this.a = Math.imul(this.a ^ c, PA2) >>> 0;
		this.b = Math.imul(this.b ^ c, PB2) >>> 0;
	}

	/** Adds a number as `text(String(n))` would, without building the string for an integer. */
	number(n: number) {
		if (!Number.isSafeInteger(n)) return this.text(String(n));
		let v = n < 0 ? -n : n;
		let k = 0;
		do {
			const q = Math.floor(v / 10);
			this.digits[k++] = 0x30 + (v - q * 10);
			v = q;
		} while (v > 0);
		let a = this.a;
		let b = this.b;
		if (n < 0) {
			a = Math.imul(a ^ 0x2d, PA2);
			b = Math.imul(b ^ 0x2d, PB2);
		}
		while (k > 0) {
			const c = this.digits[--k];
			a = Math.imul(a ^ c, PA2);
			b = Math.imul(b ^ c, PB2);
		}
		this.a = a >>> 0;
		this.b = b >>> 0;
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
		this.receivers(e.receivers);
		this.char(BAR);
		this.number(e.latencyMs);
		this.char(BAR);
		this.bytes(e.bytes);
	}

	/** Adds a receiver list as `receivers.join(',')` would; node ids' digits come from a cache. */
	private receivers(rx: readonly number[]) {
		let a = this.a;
		let b = this.b;
		for (let i = 0; i < rx.length; i++) {
			if (i > 0) {
				a = Math.imul(a ^ COMMA, PA2);
				b = Math.imul(b ^ COMMA, PB2);
			}
			const r = rx[i];
			if ((r | 0) === r && r >= 0 && r < CACHED_IDS) {
				const n = r < DIGIT_COUNT.length && DIGIT_COUNT[r] !== 0 ? DIGIT_COUNT[r] : cacheDigits(r);
				for (let k = r * SLOT, end = k + n; k < end; k++) {
					const c = DIGITS[k];
					a = Math.imul(a ^ c, PA2);
					b = Math.imul(b ^ c, PB2);
				}
			} else if (r != null) {
				// join() writes null and undefined as nothing; anything else as String(r)
				this.a = a >>> 0;
				this.b = b >>> 0;
				this.number(r);
				a = this.a;
				b = this.b;
			}
		}
		this.a = a >>> 0;
		this.b = b >>> 0;
	}

	/** The digest: 16 hex digits (lane a, then lane b). */
	hex(): string {
		return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
	}
}
