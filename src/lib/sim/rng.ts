// Seeded, platform-independent randomness: the same seed gives the same numbers in Node and in
// a browser (32-bit integer arithmetic only, no Math.random).

/** A 32-bit hash of integers (splitmix-style finalizer), for per-event random numbers. */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
	let h = (a ^ 0x9e3779b9) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = (h ^ b ^ (h >>> 13)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
	h = (h ^ c ^ (h >>> 16)) >>> 0;
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	h = (h ^ d ^ (h >>> 12)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x297a2d39);
	return (h ^ (h >>> 15)) >>> 0;
}

/** A uniform number in [0, 1) from a hash of integers. */
export const hashUnit = (a: number, b = 0, c = 0, d = 0) => hash32(a, b, c, d) / 4294967296;

/** sfc32: a small, fast generator with a 128-bit state. */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number, stream = 0) {
		this.a = hash32(seed, stream, 1);
		this.b = hash32(seed, stream, 2);
		this.c = hash32(seed, stream, 3);
		this.d = 1;
		for (let i = 0; i < 12; i++) this.nextU32();
	}

	nextU32(): number {
		const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
		this.d = (this.d + 1) >>> 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) >>> 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) >>> 0;
		return t;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.nextU32() / 4294967296;
	}

	range(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	int(lo: number, hiInclusive: number): number {
		return lo + Math.floor(this.next() * (hiInclusive - lo + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Picks an index with probability proportional to its weight. */
	weighted(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let r = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) return i;
		}
		return weights.length - 1;
	}

	/** Standard normal (Box-Muller). */
	normal(): number {
		const u = 1 - this.next();
		const v = this.next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	bytes(n: number): Uint8Array {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i++) out[i] = this.nextU32() & 0xff;
		return out;
	}
}

/**
 * hash32(a, b, c, d) in two parts, for a loop where (a, b) stay fixed: the state after a and b
 * (an int32), then `hash32Rest(prefix, c, d)`, which equals hash32(a, b, c, d).
 */
export function hash32Prefix(a: number, b: number): number {
	let h = (a ^ 0x9e3779b9) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = (h ^ b ^ (h >>> 13)) >>> 0;
	return Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
}

/** The rest of hash32 after hash32Prefix(a, b): a uint32. */
export function hash32Rest(prefix: number, c: number, d: number): number {
	let h = (prefix ^ c ^ (prefix >>> 16)) >>> 0;
	h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
	h = (h ^ d ^ (h >>> 12)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x297a2d39);
	return (h ^ (h >>> 15)) >>> 0;
}
