// Pinned event-stream digests of every bundled city and every scenario: any change in simulated
// behaviour (timing, positions, bytes, receivers, warnings) changes one of these values. A change
// must be made on purpose: update the pin in the same commit and say in its message what changed
// and why. A failing pin prints the new value ("Received"); a new city or scenario must be pinned.
import { describe, expect, test } from 'vitest';
import { createScenarioWorld, SCENARIOS } from './lib/scenarios';
import { cityIds, createWorld, StreamDigest } from './lib/sim';

/** Cities: 20 simulated seconds, seed 1, 60 vehicles, an accident injected at 5 s. */
const CITY_PINS: Record<string, string> = {
	'beijing-yizhuang': 'b0520bc2bb107851',
	'shanghai-anting': 'c751d8df2e069088',
	'wuxi-xishan': '7fdabde335942396',
	'changsha-xiangjiang': '5f88dd761a3a8457',
	'guangzhou-huangpu': '2277a73e580c3b6b',
	'wuhan-etdz': '70a4e58e592b174f'
};

/**
 * Scenarios: their first 15 s, transmissions byte for byte and each warning's time, node,
 * application, level and cause (not its wording, which may be reworded or translated).
 */
const SCENARIO_PINS: Record<string, string> = {
	eebl: 'b82c13a7e6aad276',
	icw: 'ee95c155d0d2aa68',
	glosa: '592ed544b506d6e3',
	rlvw: 'ef48c4782c09064d',
	vru: '68930d570d712d46',
	evw: '7a85317b1b030df4',
	roadworks: '75430afa84888d37',
	'cloud-hazard': '2e1a08fd36725158'
};

function cityDigest(city: string): string {
	const world = createWorld({ city, seed: 1, vehicles: 60 });
	const digest = new StreamDigest();
	for (let i = 0; i < 200; i++) {
		if (world.timeMs === 5000) world.injectEvent('accident');
		world.step();
		for (const e of world.drainEvents()) digest.event(e);
	}
	return digest.hex();
}

function scenarioDigest(id: string): string {
	const { world } = createScenarioWorld(id);
	const digest = new StreamDigest();
	for (let i = 0; i < 150; i++) {
		world.step();
		for (const e of world.drainEvents()) {
			if (e.kind === 'alert') digest.text(`alert|${e.t}|${e.node}|${e.app}|${e.level}|${e.cause ?? ''}`);
			else digest.event(e);
		}
	}
	return digest.hex();
}

describe('pinned event-stream digests', () => {
	test('every bundled city and every scenario is pinned', () => {
		expect(Object.keys(CITY_PINS).sort()).toEqual([...cityIds()].sort());
		expect(Object.keys(SCENARIO_PINS).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
	});
	for (const city of Object.keys(CITY_PINS))
		test(`city ${city}`, () => {
			expect(cityDigest(city), `${city}: behaviour changed; if on purpose, update the pin`).toBe(CITY_PINS[city]);
		});
	for (const id of Object.keys(SCENARIO_PINS))
		test(`scenario ${id}`, () => {
			expect(scenarioDigest(id), `${id}: behaviour changed; if on purpose, update the pin`).toBe(SCENARIO_PINS[id]);
		});
});
