// The message ring: bounded by bytes, in order, exact about what it dropped, and what it keeps
// is what export writes. The bytes-per-message figure of DEFAULT_RING_BYTES is measured here.
import { describe, expect, it } from 'vitest';
import { createWorld, type Transmission } from '../sim';
import { LogView } from './log-view';
import { DEFAULT_RING_BYTES, MessageRing, SLOT_BYTES } from './ring';

const tx = (seq: number, bytes: number, receivers: number[] = [], type = 'bsm', sender = 10000 + (seq % 7)): Transmission => ({
	kind: 'tx', seq, t: seq * 10, sender, channel: seq % 3 ? 'pc5' : 'uu', type, bytes: new Uint8Array(bytes).fill(seq & 255), encoding: 'protobuf',
	receivers, receiverCount: receivers.length, latencyMs: 1
});

describe('the message ring', () => {
	it('states its cost: the columns are SLOT_BYTES a slot, the arrays take the budget', () => {
		const r = new MessageRing(1 << 20);
		expect(r.allocatedBytes).toBe(1 << 20);
		expect(r.allocatedBytes - r.arenaBytes).toBe(r.capacity * SLOT_BYTES);
	});

	it("keeps a live message's note (topic, error) in the arena beside its bytes, through wraps", () => {
		const r = new MessageRing(64 * 1024);
		for (let i = 0; i < 2000; i++) {
			const note = i % 3 === 0 ? { topic: `cv2x/v1/车-${i}/bsm` } : i % 3 === 1 ? { topic: `V2X.RSU.BSM.UP`, error: `byte ${i}: count 3 but 1 item` } : undefined;
			r.push(tx(i, 20 + (i % 90), i % 2 ? [i] : []), note);
		}
		expect(r.usedBytes).toBeLessThanOrEqual(r.arenaBytes);
		for (let n = r.first; n < r.end; n++) {
			const e = r.entry(n)!;
			if (n % 3 === 0) expect(e).toMatchObject({ topic: `cv2x/v1/车-${n}/bsm` });
			if (n % 3 === 0) expect(e.error).toBeUndefined();
			if (n % 3 === 1) expect(e).toMatchObject({ topic: 'V2X.RSU.BSM.UP', error: `byte ${n}: count 3 but 1 item` });
			if (n % 3 === 2) expect(e.topic ?? e.error).toBeUndefined();
			expect(r.bytes(n).length).toBe(20 + (n % 90));
			expect(r.receivers(n)).toEqual(n % 2 ? [n] : []);
		}
		// an error without a topic stays an error
		r.push(tx(5000, 3), { error: 'empty topic' });
		expect(r.entry(r.end - 1)).toMatchObject({ error: 'empty topic' });
		expect(r.entry(r.end - 1)!.topic).toBeUndefined();
	});

	it('wraps by bytes, keeps order and the bytes, and counts exactly what it evicted', () => {
		const r = new MessageRing(64 * 1024);
		const sent: Transmission[] = [];
		// sizes that do not divide the arena, so the wrap leaves gaps; receivers after the payload
		for (let i = 0; i < 3000; i++) {
			const t = tx(i, 17 + ((i * 37) % 300), i % 5 ? [i, i + 1, -3] : []);
			sent.push(t);
			r.push(t);
			expect(r.usedBytes).toBeLessThanOrEqual(r.arenaBytes);
		}
		expect(r.size).toBeGreaterThan(100);
		expect(r.size).toBeLessThan(3000);
		expect(r.evicted).toBe(3000 - r.size);
		expect(r.end).toBe(3000);
		expect(r.first).toBe(r.evicted);
		for (let n = r.first; n < r.end; n++) {
			const e = r.entry(n)!;
			const s = sent[n];
			expect(e.seq).toBe(s.seq);
			expect(e.t).toBe(s.t);
			expect(e.channel).toBe(s.channel);
			expect(r.bytes(n)).toEqual(s.bytes);
			expect(r.receivers(n)).toEqual(s.receivers);
		}
		// an evicted message is gone, not garbage
		expect(r.entry(r.first - 1)).toBeNull();
		expect(r.find(r.first - 1)).toBe(-1);
		expect(r.find(2999)).toBe(2999);
	});

	it('finds transmissions among warnings (which share the seq before them) and drops a message bigger than the arena', () => {
		const r = new MessageRing(64 * 1024);
		r.push(tx(5, 10));
		r.pushAlert({ kind: 'alert', t: 55, node: 3, app: 'eebl', level: 'warning', key: 'alerts.eebl', params: {} } as never);
		r.push(tx(6, 10));
		expect(r.entry(r.find(5))!.seq).toBe(5);
		expect(r.entry(r.find(5))!.alert).toBeUndefined();
		expect(r.entry(1)!.alert!.app).toBe('eebl');
		expect(r.find(6)).toBe(2);
		r.push(tx(7, r.arenaBytes + 1));
		expect(r.evicted).toBe(1);
		expect(r.size).toBe(3);
	});

	it('the filtered index follows evictions and filter changes', () => {
		const r = new MessageRing(64 * 1024);
		const names = (id: number) => `car-${id}`;
		const v = new LogView(r, names, { hidden: [], sender: '10003', channel: 'all' });
		for (let i = 0; i < 3000; i++) v.add(r.push(tx(i, 100, [], i % 2 ? 'bsm' : 'spat')));
		const { first, end } = v.range();
		const rows = v.window(first, end - first);
		expect(rows.length).toBe(end - first);
		expect(rows.every((n) => r.senderOf(n) === 10003 && r.has(n))).toBe(true);
		// exactly the kept messages of that sender
		let want = 0;
		for (let n = r.first; n < r.end; n++) if (r.senderOf(n) === 10003) want++;
		expect(rows.length).toBe(want);
		v.setFilter({ hidden: ['spat'], sender: '', channel: 'pc5' });
		const all = v.window(v.range().first, 1e9);
		expect(all.every((n) => r.entry(n)!.type === 'bsm' && r.isPc5(n))).toBe(true);
		expect(v.window(-5, 3)).toEqual([]);
	});

	it('measures a message at 100 vehicles (the figure in DEFAULT_RING_BYTES)', () => {
		const w = createWorld({ city: 'beijing-yizhuang', seed: 1, vehicles: 100 });
		const r = new MessageRing(DEFAULT_RING_BYTES);
		for (let i = 0; i < 50; i++) {
			w.step();
			for (const e of w.drainEvents()) if (e.kind === 'tx') r.push(e);
		}
		const perSecond = r.size / 5;
		const perMessage = SLOT_BYTES + r.usedBytes / r.size;
		const byArena = r.arenaBytes / (r.usedBytes / r.size);
		const spanS = Math.min(r.capacity, byArena) / perSecond;
		console.log(`ring: ${perSecond.toFixed(0)} msg/s, ${perMessage.toFixed(0)} B/msg (${SLOT_BYTES} columns + ${(r.usedBytes / r.size).toFixed(0)} arena), 64 MiB spans ${(spanS / 60).toFixed(1)} min`);
		expect(r.evicted).toBe(0);
		expect(spanS).toBeGreaterThan(120);
	});
});
