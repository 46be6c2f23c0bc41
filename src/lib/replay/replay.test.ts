import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import { createWorld } from '../sim';
import type { CaptureRecord } from '../capture';
import { Replay } from './replay';

describe('replay of a capture', () => {
	it('rebuilds vehicles from BSMs and lights from SPAT, in the city the positions are in', () => {
		const w = createWorld({ city: 'wuhan-etdz', seed: 2, vehicles: 20 });
		const records: CaptureRecord[] = [];
		for (let i = 0; i < 30; i++) {
			w.step();
			for (const e of w.drainEvents())
				if (e.kind === 'tx') records.push({ t: e.t, sender: w.nodeName(e.sender), receivers: e.receivers.map((r) => w.nodeName(r)), channel: e.channel, type: e.type, bytes: e.bytes });
		}
		const r = new Replay(records, undefined, 'test.jsonl');
		expect(r.city.id).toBe('wuhan-etdz');
		for (let i = 0; i < 31; i++) r.step();
		expect(r.done).toBe(true);
		const snap = r.snapshot();
		expect(snap.vehicles.id.length).toBeGreaterThanOrEqual(15);
		expect(snap.signals.length).toBeGreaterThan(0);
		expect(r.drainEvents().filter((e) => e.kind === 'tx')).toHaveLength(records.length);
	});

	it('survives records whose type does not match their bytes', () => {
		const bsm = encodeFrame(sampleFrame('bsm'));
		const spat = encodeFrame(sampleFrame('spat'));
		const records: CaptureRecord[] = [
			{ t: 100, sender: 'car-1', receivers: [], channel: 'pc5', type: 'spat', bytes: bsm },
			{ t: 100, sender: 'RSU-X', receivers: [], channel: 'pc5', type: 'bsm', bytes: spat },
			{ t: 200, sender: 'car-2', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([8, 1, 0x12, 0]) },
			{ t: 300, sender: 'car-3', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([0xff, 0xff]) }
		];
		const r = new Replay(records, undefined, 'bad.jsonl');
		for (let i = 0; i < 5; i++) expect(() => r.step()).not.toThrow();
		expect(r.drainEvents().filter((e) => e.kind === 'tx')).toHaveLength(4);
		expect(() => r.snapshot()).not.toThrow();
	});
});
