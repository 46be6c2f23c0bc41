// The digest hashes the same bytes as its text definition: checked against that definition,
// written out as it was (build the text, hash every UTF-16 unit's two bytes), on random events.
import { describe, expect, test } from 'vitest';
import { StreamDigest } from './digest';
import { createWorld, gridCity } from './index';
import type { SimEvent, Transmission } from './events';
import { Rng } from './rng';

/** The definition, as text. */
class TextDigest {
	private a = 0x811c9dc5;
	private b = 0x01000193 ^ 0x5bd1e995;
	private byte(x: number) {
		this.a = Math.imul(this.a ^ x, 0x01000193) >>> 0;
		this.b = Math.imul(this.b ^ x, 0x01000193 + 0x1000) >>> 0;
	}
	text(s: string) {
		for (let i = 0; i < s.length; i++) {
			const c = s.charCodeAt(i);
			this.byte(c & 0xff);
			this.byte(c >>> 8);
		}
	}
	event(e: SimEvent) {
		if (e.kind === 'tx') {
			this.text(`${e.t}|${e.sender}|${e.channel}|${e.type}|${e.receiverCount}|${e.receivers.join(',')}|${e.latencyMs}|`);
			for (const x of e.bytes) this.byte(x);
		} else this.text(JSON.stringify(e));
	}
	hex() {
		return this.a.toString(16).padStart(8, '0') + this.b.toString(16).padStart(8, '0');
	}
}

const NUMBERS = [0, -0, 1, 9, 10, 99, 100, 10012, -5, 2 ** 31, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, -12.25, NaN, Infinity];

function randomTx(rng: Rng): Transmission {
	const pick = () => (rng.next() < 0.2 ? rng.pick(NUMBERS) : rng.int(0, 10 ** rng.int(0, 9)));
	const receivers = Array.from({ length: rng.int(0, 40) }, pick);
	return {
		kind: 'tx', seq: rng.int(0, 1e6), t: pick(), sender: pick(), channel: rng.next() < 0.5 ? 'pc5' : 'uu',
		type: rng.pick(['bsm', 'speed_advice', 'spat', 'λ車', '\u00e9\u00ff']), bytes: rng.bytes(rng.int(0, 300)),
		encoding: 'protobuf', receivers, receiverCount: pick(), latencyMs: pick()
	};
}

describe('StreamDigest', () => {
	test('hashes the same bytes as its text definition, on random transmissions and other events', () => {
		const rng = new Rng(42);
		const fast = new StreamDigest();
		const ref = new TextDigest();
		for (let i = 0; i < 3000; i++) {
			const e: SimEvent = rng.next() < 0.9 ? randomTx(rng) : { kind: 'exit', t: rng.int(0, 1e6), id: rng.int(0, 1e5) };
			fast.event(e);
			ref.event(e);
			if (i % 500 === 0) expect(fast.hex()).toBe(ref.hex());
		}
		fast.text('alert|100|car-10012|eebl|warning|ü車');
		ref.text('alert|100|car-10012|eebl|warning|ü車');
		expect(fast.hex()).toBe(ref.hex());
	});

	test('a receiver list left sparse hashes as join() writes it', () => {
		const tx = randomTx(new Rng(1));
		tx.receivers = [3, undefined as unknown as number, 5];
		const fast = new StreamDigest();
		const ref = new TextDigest();
		fast.event(tx);
		ref.event(tx);
		expect(fast.hex()).toBe(ref.hex());
	});

	test('a typed receiver list (receiverIds) hashes as the same ids in `receivers`', () => {
		const rng = new Rng(7);
		const typed = new StreamDigest();
		const ref = new TextDigest();
		for (let i = 0; i < 1500; i++) {
			const tx = randomTx(rng);
			const ids = Int32Array.from({ length: rng.int(0, 60) }, () =>
				rng.next() < 0.1 ? rng.pick([-1, -10012, 2 ** 31 - 1, 1 << 20, (1 << 20) - 1, 0]) : rng.int(0, 10 ** rng.int(1, 7))
			);
			typed.event({ ...tx, receivers: [], receiverIds: ids });
			ref.event({ ...tx, receivers: [...ids] });
			if (i % 300 === 0) expect(typed.hex()).toBe(ref.hex());
		}
		expect(typed.hex()).toBe(ref.hex());
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

	test('every byte counts', () => {
		const tx = randomTx(new Rng(2));
		const a = new StreamDigest();
		a.event(tx);
		const b = new StreamDigest();
		b.event({ ...tx, receivers: [...tx.receivers, 1] });
		expect(a.hex()).not.toBe(b.hex());
	});
});
