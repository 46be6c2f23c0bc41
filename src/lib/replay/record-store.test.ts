// The replay's compact record store gives back every record as it was given, in stable time order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../capture';
import { RecordStore } from './record-store';

const nameArb = fc.oneof(fc.constantFrom('cloud', 'RSU-BJ-YZ-01', 'car-10012'), fc.string({ minLength: 1, maxLength: 8 }));
const recordArb: fc.Arbitrary<CaptureRecord> = fc
	.record(
		{
			t: fc.oneof(fc.nat({ max: 50 }), fc.double({ min: 0, max: 1e9, noNaN: true })),
			sender: nameArb,
			receivers: fc.array(nameArb, { maxLength: 6 }),
			channel: fc.constantFrom('pc5' as const, 'uu' as const),
			type: fc.constantFrom('bsm', 'spat', 'rsi'),
			latencyMs: fc.double({ min: 0, max: 100, noNaN: true }),
			bytes: fc.uint8Array({ maxLength: 300 }),
			encoding: fc.constantFrom('protobuf' as const, 'uper' as const),
			profile: fc.constantFrom('csae53-2017', 'csae157-2020')
		},
		{ requiredKeys: ['t', 'sender', 'receivers', 'channel', 'type', 'bytes'] }
	)
	.map((r) => ({ ...r }));

describe('the replay record store', () => {
	it('gives back each record, in the order a stable sort by time gives', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 40 }), (records) => {
				const store = RecordStore.of(records);
				const want = [...records].sort((a, b) => a.t - b.t);
				expect(store.count).toBe(want.length);
				const got = Array.from({ length: store.count }, (_, i) => store.record(i));
				expect(got).toEqual(want);
				expect(store.firstUperProfile()).toBe(want.find((r) => r.encoding === 'uper' && r.profile)?.profile);
			}),
			{ numRuns: 150 }
		);
	});

	it('keeps many records without an object each: pages and columns only, receivers in about 2 bytes', () => {
		const store = new RecordStore();
		const bytes = new Uint8Array(80).fill(7);
		const receivers = Array.from({ length: 20 }, (_, i) => `car-${10000 + i}`);
		for (let i = 0; i < 100_000; i++) store.add({ t: i, sender: `car-${10000 + (i % 200)}`, receivers, channel: 'pc5', type: 'bsm', latencyMs: 3, bytes });
		store.seal();
		expect(store.record(99_999)).toMatchObject({ t: 99_999, sender: 'car-10199', receivers, latencyMs: 3 });
		// 80 B payload + 20 receivers + ~46 B of columns (doubling leaves some room)
		expect(store.allocatedBytes / store.count).toBeLessThan(80 + 20 * 2 + 46 * 2);
	});
});
