// What /selftest runs, read from its link (?city=…&seed=…&vehicles=…&seconds=…), and every
// problem with it as a text key and its values, so the page can say what is wrong (in the
// language shown) instead of running something else or spinning forever.

export interface SelftestParams {
	city: string;
	seed: number;
	vehicles: number;
	seconds: number;
}

/** A problem as an i18n key under `selftest.errors` and the values its text names. */
export interface SelftestProblem {
	key: string;
	params: Record<string, string | number>;
}

export const SELFTEST_DEFAULTS: SelftestParams = { city: 'beijing-yizhuang', seed: 1, vehicles: 60, seconds: 10 };

/**
 * Integer limits of each number. The seed's is `cv2x sim`'s; vehicles and seconds are kept to
 * what a browser tab runs in a reasonable time (the CLI allows more).
 */
export const SELFTEST_LIMITS: Record<'seed' | 'vehicles' | 'seconds', [number, number]> = {
	seed: [0, 2 ** 31 - 1],
	vehicles: [0, 5000],
	seconds: [1, 600]
};

/** Characters of a value the page quotes back: a link of megabytes is named by its start. */
export const QUOTE_MAX = 40;

/** `value` as the page quotes it: whole when short, else its first QUOTE_MAX characters, "…" and its length. */
export function quoted(value: string): string {
	return value.length <= QUOTE_MAX ? value : `${value.slice(0, QUOTE_MAX)}… (${value.length} characters)`;
}

/**
 * Reads the link's parameters. An absent one takes its default; a present one must be valid:
 * `city` one of `cities` (else `selftest.errors.unknownCity` with the city and the valid ids),
 * each number a decimal integer within SELFTEST_LIMITS (else `selftest.errors.badNumber` naming
 * the parameter, the value given and the range). A value is quoted by its start (`quoted`).
 * Never throws.
 */
export function readSelftestParams(search: URLSearchParams, cities: readonly string[]): { params: SelftestParams; problems: SelftestProblem[] } {
	const problems: SelftestProblem[] = [];
	const params = { ...SELFTEST_DEFAULTS };
	const city = search.get('city');
	if (city !== null) {
		if (cities.includes(city)) params.city = city;
		else problems.push({ key: 'selftest.errors.unknownCity', params: { city: quoted(city), valid: cities.join(', ') } });
	}
	for (const name of ['seed', 'vehicles', 'seconds'] as const) {
		const raw = search.get(name);
		if (raw === null) continue;
		const [lo, hi] = SELFTEST_LIMITS[name];
		const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
		if (Number.isSafeInteger(n) && n >= lo && n <= hi) params[name] = n;
		else problems.push({ key: 'selftest.errors.badNumber', params: { name, value: quoted(raw), lo, hi } });
	}
	return { params, problems };
}
