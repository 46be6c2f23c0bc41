// A link never dead-ends: unknown names fall back, out-of-range values are clamped, each said.
import { describe, expect, it } from 'vitest';
import { lang, say } from '../i18n/index.svelte';
import { cityIds } from '../sim/roads/cities';
import { createWorld } from '../sim';
import { cityView } from '../worker/city-view';
import { SCENARIOS } from '../scenarios';
import { BUNDLED_CITY_IDS, readLinkParams, SCENARIO_IDS, SEED_MAX, vehicleCapacity, VEHICLES_MAX } from './url-params';

describe('readLinkParams', () => {
	it('the lists of known cities and scenarios agree with the simulation', () => {
		expect([...BUNDLED_CITY_IDS]).toEqual(cityIds());
		expect([...SCENARIO_IDS]).toEqual(SCENARIOS.map((s) => s.id));
	});

	it('takes a good link as it is, with no notice', () => {
		expect(readLinkParams('?city=wuhan-etdz&seed=7&speed=4&vehicles=120&scenario=eebl')).toEqual({ city: 'wuhan-etdz', seed: 7, speed: 4, vehicles: 120, scenario: 'eebl', notices: [] });
		expect(readLinkParams('')).toEqual({ notices: [] });
	});

	it('an unknown city or scenario is left out and named in a notice, in both languages', () => {
		const p = readLinkParams('?city=nonexistent&scenario=x');
		expect(p.city).toBeUndefined();
		expect(p.scenario).toBeUndefined();
		expect(p.notices.map((n) => n.key)).toEqual(['link.unknownCity', 'link.unknownScenario']);
		lang.locale = 'en';
		expect(say(p.notices[0])).toContain('“nonexistent”');
		expect(say(p.notices[0])).toContain('beijing-yizhuang');
		expect(say(p.notices[1])).toContain('“x”');
		lang.locale = 'zh';
		expect(say(p.notices[0])).toMatch(/nonexistent.*不存在/);
		expect(say(p.notices[1])).toMatch(/x.*不存在/);
		lang.locale = 'en';
	});

	it('clamps seeds, vehicles and speeds and says what was asked and what is used', () => {
		const p = readLinkParams(`?seed=-3&vehicles=999999&speed=100`);
		expect(p).toMatchObject({ seed: 0, vehicles: VEHICLES_MAX, speed: 16 });
		expect(p.notices).toEqual([
			{ key: 'link.clamped', params: { name: 'seed', value: '-3', used: '0', min: '0', max: String(SEED_MAX) } },
			{ key: 'link.clamped', params: { name: 'vehicles', value: '999999', used: String(VEHICLES_MAX), min: '0', max: String(VEHICLES_MAX) } },
			{ key: 'link.clamped', params: { name: 'speed', value: '100', used: '16', min: '0.25', max: '16' } }
		]);
		expect(say(p.notices[1])).toBe(`vehicles = 999999 is out of range (0 to ${VEHICLES_MAX}): using ${VEHICLES_MAX}.`);
		expect(readLinkParams('?seed=2.5&speed=3').notices.map((n) => n.params?.used)).toEqual(['2', '2']);
	});

	it('a value that is not a number is dropped with a notice, never NaN', () => {
		const p = readLinkParams('?seed=abc&vehicles=&speed=fast');
		expect(p.seed).toBeUndefined();
		expect(p.vehicles).toBeUndefined();
		expect(p.speed).toBeUndefined();
		expect(p.notices.map((n) => [n.key, n.params?.name, n.params?.value])).toEqual([['link.notNumber', 'seed', 'abc'], ['link.notNumber', 'vehicles', ''], ['link.notNumber', 'speed', 'fast']]);
		expect(say(p.notices[0])).toBe('seed = “abc” is not a number: using the default.');
	});
});

describe('vehicleCapacity', () => {
	// 1 km east-west at the equator: 0.008983° of longitude ≈ 1000 m
	const km: [number, number][] = [[0, 0], [0, 0.0089832]];
	it('counts lane-metres of both directions of a two-way road at 15 m a vehicle, less 20 m per lane, as far as random placement fills them', () => {
		expect(vehicleCapacity({ roads: [{ linkId: 1, name: { en: '', zh: '' }, lanes: 2, points: km }] })).toBe(Math.floor(4 * 65 * 0.7476));
		expect(vehicleCapacity({ roads: [{ linkId: 1, name: { en: '', zh: '' }, lanes: 2, oneWay: true, points: km }] })).toBe(Math.floor(2 * 65 * 0.7476));
	});
	it.each(cityIds())('is what the sim runs on %s when asked for more (within 4%)', (id) => {
		const cap = vehicleCapacity(cityView(createWorld({ city: id, seed: 1, vehicles: 1 })));
		const world = createWorld({ city: id, seed: 1, vehicles: Math.ceil(cap * 1.5) });
		for (let i = 0; i < 5; i++) world.step();
		const running = world.snapshot().vehicles.id.length;
		expect(Math.abs(running - cap) / cap, `${running} running, capacity said ${cap}`).toBeLessThan(0.04);
	});
	it('is at least one, even for a city of nothing', () => {
		expect(vehicleCapacity({ roads: [] })).toBe(1);
	});
});
