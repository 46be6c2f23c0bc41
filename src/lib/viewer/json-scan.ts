// A fast reader for the flat JSON objects captures are made of (a JSON Lines record, the
// comment of one of our pcapng packets): straight from the bytes, no string for the hex, no
// object. It reads only the simple case (known keys, ASCII strings without escapes, flat
// values); anything else returns false and the caller reads the text with JSON.parse, which
// also words the errors.
import { HEX } from './table';

/** What a record says; absent fields are NaN, -1 or undefined. */
export interface ScannedRecord {
	t: number;
	sender: string | undefined;
	/** number of receivers, -1 when absent */
	receivers: number;
	firstReceiver: string | undefined;
	channel: string | undefined;
	type: string | undefined;
	latency: number;
	/** byte offsets of the hex digits (without quotes), -1 when absent */
	hexStart: number;
	hexEnd: number;
}

/** A record with nothing read yet (one is reused for every line). */
export function emptyRecord(): ScannedRecord {
	return { t: NaN, sender: undefined, receivers: -1, firstReceiver: undefined, channel: undefined, type: undefined, latency: NaN, hexStart: -1, hexEnd: -1 };
}

function reset(r: ScannedRecord): void {
	r.t = NaN;
	r.sender = r.firstReceiver = r.channel = r.type = undefined;
	r.receivers = r.hexStart = r.hexEnd = -1;
	r.latency = NaN;
}

const enc = new TextEncoder();
const KEYS = ['t', 'sender', 'receivers', 'channel', 'type', 'latencyMs', 'hex'].map((k) => enc.encode(k));

/** Scanner state over one object's bytes; `fail` is thrown to leave the fast path. */
class Scan {
	i: number;
	constructor(
		readonly b: Uint8Array,
		start: number,
		readonly end: number
	) {
		this.i = start;
	}
	ws(): void {
		const b = this.b;
		while (this.i < this.end && (b[this.i] === 0x20 || b[this.i] === 0x09 || b[this.i] === 0x0d)) this.i++;
	}
	/** The closing quote's index of an ASCII string without escapes that starts at `i` (a quote). */
	stringEnd(): number {
		const b = this.b;
		let k = this.i + 1;
		for (; k < this.end; k++) {
			const c = b[k];
			if (c === 0x22) return k;
			if (c === 0x5c || c < 0x20 || c >= 0x80) return -1;
		}
		return -1;
	}
	string(): string | undefined {
		if (this.b[this.i] !== 0x22) return undefined;
		const e = this.stringEnd();
		if (e < 0 || e === this.i + 1) return undefined;
		const s = ascii(this.b, this.i + 1, e);
		this.i = e + 1;
		return s;
	}
	number(): number {
		const b = this.b;
		const s = this.i;
		let v = 0;
		let simple = true;
		while (this.i < this.end) {
			const c = b[this.i];
			if (c >= 0x30 && c <= 0x39) v = v * 10 + (c - 0x30);
			else if (c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2d || c === 0x2b) simple = false;
			else break;
			this.i++;
		}
		if (this.i === s || (b[s] === 0x30 && this.i > s + 1 && b[s + 1] >= 0x30 && b[s + 1] <= 0x39)) return NaN;
		if (simple) return v;
		const text = ascii(b, s, this.i);
		return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
	}
}

/** Per file (weakly held, so a closed file is not kept): the last backslash search. */
const backslashes = new WeakMap<Uint8Array, { from: number; at: number }>();

/**
 * The first backslash at or after `from` (or b.length): one native search serves every string
 * up to the backslash found, so a file without escapes is searched once, not once per string.
 */
function nextBackslash(b: Uint8Array, from: number): number {
	let c = backslashes.get(b);
	if (!c || from < c.from || from > c.at) {
		const k = b.indexOf(0x5c, from);
		c = { from, at: k < 0 ? b.length : k };
		backslashes.set(b, c);
	}
	return c.at;
}

function ascii(b: Uint8Array, s: number, e: number): string {
	let out = '';
	for (let k = s; k < e; k++) out += String.fromCharCode(b[k]);
	return out;
}

function keyIndex(b: Uint8Array, s: number, e: number): number {
	const n = e - s;
	outer: for (let k = 0; k < KEYS.length; k++) {
		const key = KEYS[k];
		if (key.length !== n) continue;
		for (let j = 0; j < n; j++) if (b[s + j] !== key[j]) continue outer;
		return k;
	}
	return -1;
}

/** An array of simple strings: its count, its first element kept in `r.firstReceiver`. */
function receivers(sc: Scan, r: ScannedRecord): boolean {
	if (sc.b[sc.i] !== 0x5b) return false;
	sc.i++;
	sc.ws();
	let n = 0;
	if (sc.b[sc.i] === 0x5d) {
		sc.i++;
		r.receivers = 0;
		return true;
	}
	for (;;) {
		if (n === 0) {
			const s = sc.string();
			if (s === undefined) return false;
			r.firstReceiver = s;
		} else {
			// names after the first are only counted: native searches for the closing quote and for a backslash
			if (sc.b[sc.i] !== 0x22) return false;
			const e = sc.b.indexOf(0x22, sc.i + 1);
			if (e < 0 || e === sc.i + 1 || e >= sc.end) return false;
			if (nextBackslash(sc.b, sc.i + 1) < e) return false;
			sc.i = e + 1;
		}
		n++;
		sc.ws();
		const c = sc.b[sc.i++];
		if (c === 0x5d) break;
		if (c !== 0x2c) return false;
		sc.ws();
	}
	r.receivers = n;
	return true;
}

/** The hex string: only hex digits, an even number of them. */
function hex(sc: Scan, r: ScannedRecord): boolean {
	const b = sc.b;
	if (b[sc.i] !== 0x22) return false;
	let k = sc.i + 1;
	while (k < sc.end && HEX[b[k]] !== 255) k++;
	if (b[k] !== 0x22 || (k - sc.i - 1) % 2) return false;
	r.hexStart = sc.i + 1;
	r.hexEnd = k;
	sc.i = k + 1;
	return true;
}

function value(sc: Scan, key: number, r: ScannedRecord): boolean {
	switch (key) {
		case 0:
			return !Number.isNaN((r.t = sc.number()));
		case 1:
			return (r.sender = sc.string()) !== undefined;
		case 2:
			return receivers(sc, r);
		case 3:
			return (r.channel = sc.string()) !== undefined;
		case 4:
			return (r.type = sc.string()) !== undefined;
		case 5:
			return !Number.isNaN((r.latency = sc.number()));
		default:
			return hex(sc, r);
	}
}

/**
 * Reads the object in b[start, end) into `r` on the fast path. False when the object is not the
 * simple case (or not valid JSON): the caller then reads it with JSON.parse. Keys: t, sender,
 * receivers, channel, type, latencyMs, hex, each at most once, in any order.
 */
export function scanFlatObject(b: Uint8Array, start: number, end: number, r: ScannedRecord): boolean {
	reset(r);
	const sc = new Scan(b, start, end);
	sc.ws();
	if (b[sc.i] !== 0x7b) return false;
	sc.i++;
	sc.ws();
	if (b[sc.i] === 0x7d) return false;
	let seen = 0;
	for (;;) {
		if (b[sc.i] !== 0x22) return false;
		const e = sc.stringEnd();
		if (e < 0) return false;
		const key = keyIndex(b, sc.i + 1, e);
		if (key < 0 || seen & (1 << key)) return false;
		seen |= 1 << key;
		sc.i = e + 1;
		sc.ws();
		if (b[sc.i++] !== 0x3a) return false;
		sc.ws();
		if (!value(sc, key, r)) return false;
		sc.ws();
		const c = b[sc.i++];
		if (c === 0x7d) break;
		if (c !== 0x2c) return false;
		sc.ws();
	}
	sc.ws();
	return sc.i === end;
}
