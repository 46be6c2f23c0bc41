// Pinned event-stream digests of every bundled city and every scenario: any change in simulated
// behaviour (timing, positions, bytes, receivers, warnings) changes one of these values. A change
// must be made on purpose: update the pin in the same commit and say in its message what changed
// and why. A failing pin prints the new value ("Received"); a new city or scenario must be pinned.
import { describe, expect, test } from 'vitest';
import { createScenarioWorld, SCENARIOS } from './lib/scenarios';
import { cityIds, createWorld, StreamDigest } from './lib/sim';

/** Cities: 20 simulated seconds, seed 1, 60 vehicles, an accident injected at 5 s. */
const CITY_PINS: Record<string, string> = {
	'beijing-yizhuang': '0aa97383e8dce065',
	'shanghai-anting': 'cfaf5cef455a92ff',
	'wuxi-xishan': 'fc8a482212423f99',
	'changsha-xiangjiang': 'a913e2056e93b3ef',
	'guangzhou-huangpu': 'cfeac2460028981f',
	'wuhan-etdz': '026e72ff8151fcdd'
};

/**
 * Scenarios: their first 15 s, transmissions byte for byte and each warning's time, node,
 * application, level and cause (not its wording, which may be reworded or translated).
 */
const SCENARIO_PINS: Record<string, string> = {
	eebl: 'e410864a401f3c05',
	icw: '252e4050ff960a75',
	glosa: 'f9b73f69fc7805bf',
	rlvw: 'effe2a8b13c9d97a',
	vru: '77c0184b9ace56d6',
	evw: '6cfa26c22471d478',
	roadworks: '63129d109c336dcf',
	'cloud-hazard': '14f97bf85d34bf5e'
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
