// The digest (v2) hashes the words its definition names: checked against that definition, written
// out plainly (list an event's words, then one FNV-1a step per word per lane), on random events.
import { describe, expect, test } from 'vitest';
import { StreamDigest } from './digest';
import { createWorld, gridCity } from './index';
import type { SimEvent, Transmission } from './events';
import { Rng } from './rng';

/** A number field's words. */
function numberWords(n: number): number[] {
	if (Number.isInteger(n) && n >= -(2 ** 31) + 1 && n < 2 ** 31) return [n];
	const v = Number(n);
	if (Number.isNaN(v)) return [2 ** 31, 0, 0x7ff80000];
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, v, true);
	return [2 ** 31, view.getUint32(0, true), view.getUint32(4, true)];
}

const textWords = (s: string) => [s.length, ...Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))];

function bytesWords(data: Uint8Array): number[] {
	const words = [data.length];
	for (let i = 0; i < data.length; i += 4) words.push((data[i] ?? 0) + (data[i + 1] ?? 0) * 2 ** 8 + (data[i + 2] ?? 0) * 2 ** 16 + (data[i + 3] ?? 0) * 2 ** 24);
	return words;
}

/** The definition, word by word. */
class WordDigest {
	private a = 0x811c9dc5;
	private b = 0x01000193 ^ 0x5bd1e995;
	words(ws: number[]) {
		for (const w of ws) {
			this.a = Math.imul(this.a ^ w, 0x01000193) >>> 0;
			this.b = Math.imul(this.b ^ w, 0x01001193) >>> 0;
		}
	}
	event(e: SimEvent) {
		if (e.kind === 'tx') {
			const rx = e.receiverIds ? [...e.receiverIds] : [...e.receivers]; // holes as undefined
			this.words([1, ...numberWords(e.t), ...numberWords(e.sender), ...textWords(e.channel), ...textWords(e.type)]);
			this.words([...numberWords(e.receiverCount), rx.length, ...rx.flatMap(numberWords)]);
			this.words([...numberWords(e.latencyMs), ...bytesWords(e.bytes)]);
		} else this.words([2, ...textWords(JSON.stringify(e))]);
		this.a = (this.a ^ (this.a >>> 16)) >>> 0;
		this.b = (this.b ^ (this.b >>> 16)) >>> 0;
	}
	hex() {
		return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
	}
}

const NUMBERS = [0, -0, 1, 9, -1, 2 ** 31 - 1, -(2 ** 31), -(2 ** 31) + 1, 2 ** 31, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, -12.25, NaN, -NaN, Infinity, -Infinity];

function randomTx(rng: Rng): Transmission {
	const pick = () => (rng.next() < 0.2 ? rng.pick(NUMBERS) : rng.int(0, 10 ** rng.int(0, 9)));
	const receivers = Array.from({ length: rng.int(0, 40) }, pick);
	return {
		kind: 'tx', seq: rng.int(0, 1e6), t: pick(), sender: pick(), channel: rng.next() < 0.5 ? 'pc5' : 'uu',
		type: rng.pick(['bsm', 'speed_advice', 'spat', 'λ車', '\u00e9\u00ff', '']), bytes: rng.bytes(rng.int(0, 300)),
		encoding: 'protobuf', receivers, receiverCount: pick(), latencyMs: pick()
	};
}

const digestOf = (...events: SimEvent[]) => {
	const d = new StreamDigest();
	for (const e of events) d.event(e);
	return d.hex();
};

describe('StreamDigest (digest v2)', () => {
	test('hashes the words of its definition, on random transmissions and other events', () => {
		const rng = new Rng(42);
		const fast = new StreamDigest();
		const ref = new WordDigest();
		for (let i = 0; i < 3000; i++) {
			const e: SimEvent = rng.next() < 0.9 ? randomTx(rng) : { kind: 'exit', t: rng.int(0, 1e6), id: rng.int(0, 1e5) };
			fast.event(e);
			ref.event(e);
			if (i % 500 === 0) expect(fast.hex()).toBe(ref.hex());
		}
		expect(fast.hex()).toBe(ref.hex());
	});

	test('text, number and bytes add the fields of the definition', () => {
		const fast = new StreamDigest();
		const ref = new WordDigest();
		fast.text('alert|100|car-10012|eebl|warning|ü車');
		ref.words(textWords('alert|100|car-10012|eebl|warning|ü車'));
		for (const n of NUMBERS) {
			fast.number(n);
			ref.words(numberWords(n));
		}
		for (let n = 0; n < 9; n++) {
			const data = Uint8Array.from({ length: n }, (_, i) => 0xf9 - i);
			fast.bytes(data);
			ref.words(bytesWords(data));
		}
		expect(fast.hex()).toBe(ref.hex());
	});

	test('a known event has a known digest (the definition itself is pinned)', () => {
		const tx: Transmission = {
			kind: 'tx', seq: 0, t: 100, sender: 7, channel: 'pc5', type: 'bsm', bytes: Uint8Array.of(1, 2, 3, 4, 5),
			encoding: 'protobuf', receivers: [3, 9], receiverCount: 2, latencyMs: 12
		};
		expect(digestOf(tx, { kind: 'exit', t: 200, id: 7 })).toBe('9ba5b003b55d6899') // also computed by an independent implementation of the definition;
	});

	test('a receiver list left sparse hashes its holes as NaN', () => {
		const tx = randomTx(new Rng(1));
		tx.receivers = [3, undefined as unknown as number, 5];
		const ref = new WordDigest();
		ref.event(tx);
		expect(digestOf(tx)).toBe(ref.hex());
		expect(digestOf(tx)).toBe(digestOf({ ...tx, receivers: [3, NaN, 5] }));
	});

	test('a typed receiver list (receiverIds) hashes as the same ids in `receivers`', () => {
		const rng = new Rng(7);
		const typed = new StreamDigest();
		const arrays = new StreamDigest();
		for (let i = 0; i < 1500; i++) {
			const tx = randomTx(rng);
			const ids = Int32Array.from({ length: rng.int(0, 60) }, () =>
				rng.next() < 0.1 ? rng.pick([-1, -10012, 2 ** 31 - 1, -(2 ** 31), 1 << 20, 0]) : rng.int(0, 10 ** rng.int(1, 7))
			);
			typed.event({ ...tx, receivers: [], receiverIds: ids });
			arrays.event({ ...tx, receivers: [...ids] });
			if (i % 300 === 0) expect(typed.hex()).toBe(arrays.hex());
		}
		expect(typed.hex()).toBe(arrays.hex());
	});

	test("a run recorded as receiverIds ('ids') has the receivers and the digest of one recorded as receivers", () => {
		const run = (recordReceivers: true | 'ids') => {
			const w = createWorld({ city: gridCity(4, 300), seed: 3, vehicles: 150, vrus: 8, recordReceivers });
			const d = new StreamDigest();
			const lists: number[][] = [];
			for (let i = 0; i < 12; i++) {
				w.step();
				for (const e of w.drainEvents()) {
					d.event(e);
					if (e.kind === 'tx' && e.channel === 'pc5') lists.push(e.receiverIds ? [...e.receiverIds] : e.receivers);
				}
			}
			return { lists, hex: d.hex() };
		};
		const arrays = run(true);
		const typed = run('ids');
		expect(arrays.lists.reduce((n, l) => n + l.length, 0)).toBeGreaterThan(3000);
		expect(typed.lists).toEqual(arrays.lists);
		expect(typed.hex).toBe(arrays.hex);
	});

	test('every field counts, a trailing 0 byte and a high bit too', () => {
		const tx: Transmission = { ...randomTx(new Rng(2)), t: 1000, sender: 5, receivers: [4, 8, 15], receiverCount: 3, latencyMs: 7, bytes: Uint8Array.of(9, 8, 7) };
		const variants: Transmission[] = [
			{ ...tx, t: tx.t + 1 }, { ...tx, sender: tx.sender + 1 }, { ...tx, channel: tx.channel === 'pc5' ? 'uu' : 'pc5' },
			{ ...tx, type: tx.type + 'x' }, { ...tx, receiverCount: tx.receiverCount + 1 }, { ...tx, receivers: [4, 8, 16] },
			{ ...tx, receivers: [4, 8, 15, 0] }, { ...tx, receivers: [4, 8, 15 + 2 ** 30] }, { ...tx, latencyMs: tx.latencyMs + 0.5 },
			{ ...tx, bytes: Uint8Array.of(...tx.bytes, 0) }, { ...tx, bytes: tx.bytes.map((x, i) => (i === 0 ? x ^ 0x80 : x)) }
		];
		const base = digestOf(tx);
		const seen = new Set([base]);
		for (const v of variants) seen.add(digestOf(v));
		expect(seen.size).toBe(variants.length + 1);
		// a change in a word's top bit reaches the low bits of both lanes once the event ends
		const other = digestOf({ ...tx, receivers: [4, 8, 15 + 2 ** 30] });
		expect(parseInt(other.slice(4, 8), 16)).not.toBe(parseInt(base.slice(4, 8), 16));
		expect(parseInt(other.slice(12, 16), 16)).not.toBe(parseInt(base.slice(12, 16), 16));
	});
});
