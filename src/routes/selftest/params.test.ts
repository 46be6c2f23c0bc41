import { describe, expect, it } from 'vitest';
import { readSelftestParams, SELFTEST_DEFAULTS } from './params';

const CITIES = ['beijing-yizhuang', 'wuhan-etdz'];
const read = (q: string) => readSelftestParams(new URLSearchParams(q), CITIES);

describe('/selftest parameters', () => {
	it('takes defaults for what the link leaves out, and the values it gives', () => {
		expect(read('')).toEqual({ params: SELFTEST_DEFAULTS, problems: [] });
		expect(read('city=wuhan-etdz&seed=7&vehicles=0&seconds=600')).toEqual({ params: { city: 'wuhan-etdz', seed: 7, vehicles: 0, seconds: 600 }, problems: [] });
	});

	it('names an unknown city and the valid ones', () => {
		expect(read('city=atlantis').problems).toEqual([{ key: 'selftest.errors.unknownCity', params: { city: 'atlantis', valid: 'beijing-yizhuang, wuhan-etdz' } }]);
	});

	it('names every bad number with the value given and its range', () => {
		const { problems } = read('seed=-1&vehicles=lots&seconds=601');
		expect(problems).toEqual([
			{ key: 'selftest.errors.badNumber', params: { name: 'seed', value: '-1', lo: 0, hi: 2 ** 31 - 1 } },
			{ key: 'selftest.errors.badNumber', params: { name: 'vehicles', value: 'lots', lo: 0, hi: 5000 } },
			{ key: 'selftest.errors.badNumber', params: { name: 'seconds', value: '601', lo: 1, hi: 600 } }
		]);
		expect(read('seconds=1.5').problems[0].params.name).toBe('seconds');
		expect(read('seconds=').problems[0].params.value).toBe('');
		expect(read('seed=99999999999999999999').problems[0].params.name).toBe('seed');
	});

	it('quotes a huge value by its start and length', () => {
		const city = '<script>'.repeat(200_000);
		const { problems } = read(`city=${encodeURIComponent(city)}&seed=${'9'.repeat(100_000)}`);
		expect(problems[0].params.city).toBe(`${city.slice(0, 40)}… (1600000 characters)`);
		expect(problems[1].params.value).toBe(`${'9'.repeat(40)}… (100000 characters)`);
	});
});
