// Pinned event-stream digests: any change in simulated behaviour (timing, positions, bytes,
// receivers) changes one of these values. A change must be made on purpose: update the pin in
// the same commit and say in its message what changed and why.
import { describe, expect, test } from 'vitest';
import { cityIds, createWorld, StreamDigest } from '.';

/** 20 simulated seconds, seed 1, 60 vehicles, an accident injected at 5 s. */
const PINNED: Record<string, string> = {
	'beijing-yizhuang': 'b0520bc2bb107851',
	'shanghai-anting': 'c751d8df2e069088',
	'wuxi-xishan': '7fdabde335942396',
	'changsha-xiangjiang': '5f88dd761a3a8457',
	'guangzhou-huangpu': '2277a73e580c3b6b',
	'wuhan-etdz': '70a4e58e592b174f'
};

function runDigest(city: string): string {
	const world = createWorld({ city, seed: 1, vehicles: 60 });
	const digest = new StreamDigest();
	for (let i = 0; i < 200; i++) {
		if (world.timeMs === 5000) world.injectEvent('accident');
		world.step();
		for (const e of world.drainEvents()) digest.event(e);
	}
	return digest.hex();
}

describe('pinned event-stream digests', () => {
	test('every bundled city is pinned', () => {
		expect(Object.keys(PINNED).sort()).toEqual([...cityIds()].sort());
	});
	for (const city of Object.keys(PINNED))
		test(city, () => {
			expect(runDigest(city), `${city}: behaviour changed; if on purpose, update the pin`).toBe(PINNED[city]);
		});
});
