// The playground's link (`?city=…&seed=…&speed=…&vehicles=…&scenario=…`) read so that it never
// dead-ends: what is unknown falls back to the default and what is out of range is clamped, and
// each such change is kept as a notice (an i18n key and its parameters) the page shows.
import type { UiText } from '../i18n/index.svelte';
import type { CityView } from '../worker/protocol';

/**
 * The bundled cities' ids, default first (sim/roads/cities.ts `cityIds()`; kept here so the first
 * load does not pull in the road data; a test checks they agree).
 */
export const BUNDLED_CITY_IDS: readonly string[] = ['beijing-yizhuang', 'changsha-xiangjiang', 'guangzhou-huangpu', 'shanghai-anting', 'wuhan-etdz', 'wuxi-xishan'];
/** The workshop scenarios' ids (scenarios/index.ts `SCENARIOS`; a test checks they agree). */
export const SCENARIO_IDS: readonly string[] = ['eebl', 'icw', 'glosa', 'rlvw', 'vru', 'evw', 'roadworks', 'cloud-hazard'];

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16];
/** What the playground runs when the link names nothing. */
export const DEFAULT_SETTINGS: Readonly<{ city: string; seed: number; vehicles: number }> = { city: 'beijing-yizhuang', seed: 1, vehicles: 80 };
/** Seeds are 31-bit unsigned integers (the sim's PRNG state). */
export const SEED_MAX = 2 ** 31 - 1;
/** The vehicle count a link may ask for before the city's own capacity is known. */
export const VEHICLES_MAX = 5000;
/** Metres of lane one vehicle needs where the sim seeds a run (sim/traffic.ts `seed`: 15 m apart). */
const LANE_M_PER_VEHICLE = 15;

/** What a link asks for, after fallbacks and clamps, and what was changed (one notice each). */
export interface LinkParams {
	city?: string;
	seed?: number;
	vehicles?: number;
	speed?: number;
	scenario?: string;
	notices: UiText[];
}

/** A number in the query (`undefined` when absent); NaN when present but not a number. */
function numberParam(q: URLSearchParams, key: string): number | undefined {
	if (!q.has(key)) return undefined;
	const raw = q.get(key)!.trim();
	return raw === '' ? NaN : Number(raw);
}

/** Clamps `v` into [lo, hi] as an integer; a notice names the key, what was asked and what is used. */
function clampInt(key: string, v: number, lo: number, hi: number, notices: UiText[], raw = String(v)): number | undefined {
	if (!Number.isFinite(v)) {
		notices.push({ key: 'link.notNumber', params: { name: key, value: raw } });
		return undefined;
	}
	const used = Math.min(hi, Math.max(lo, Math.floor(v)));
	if (used !== v) notices.push({ key: 'link.clamped', params: { name: key, value: String(v), used: String(used), min: String(lo), max: String(hi) } });
	return used;
}

/**
 * Reads the playground's query string. `city` and `scenario` must be known ids (else the default
 * city / no scenario, with a `link.unknownCity` / `link.unknownScenario` notice naming the value
 * and the known ones); `seed` is clamped to [0, 2^31 − 1], `vehicles` to [0, VEHICLES_MAX],
 * `speed` to the nearest of SPEEDS in [0.25, 16] (each change with a `link.clamped` or
 * `link.notNumber` notice). Never throws.
 */
export function readLinkParams(search: string, known: { cities: readonly string[]; scenarios: readonly string[] } = { cities: BUNDLED_CITY_IDS, scenarios: SCENARIO_IDS }): LinkParams {
	const q = new URLSearchParams(search);
	const out: LinkParams = { notices: [] };
	const city = q.get('city');
	if (city !== null) {
		if (known.cities.includes(city)) out.city = city;
		else out.notices.push({ key: 'link.unknownCity', params: { value: city, used: DEFAULT_SETTINGS.city, known: known.cities.join(', ') } });
	}
	const scenario = q.get('scenario');
	if (scenario !== null) {
		if (known.scenarios.includes(scenario)) out.scenario = scenario;
		else out.notices.push({ key: 'link.unknownScenario', params: { value: scenario, known: known.scenarios.join(', ') } });
	}
	const seed = numberParam(q, 'seed');
	if (seed !== undefined) out.seed = clampInt('seed', seed, 0, SEED_MAX, out.notices, q.get('seed')!);
	const vehicles = numberParam(q, 'vehicles');
	if (vehicles !== undefined) out.vehicles = clampInt('vehicles', vehicles, 0, VEHICLES_MAX, out.notices, q.get('vehicles')!);
	const speed = numberParam(q, 'speed');
	if (speed !== undefined) out.speed = nearestSpeed(speed, out.notices, q.get('speed')!);
	return out;
}

/** The offered speed nearest `v` (a notice when that is not `v` itself). */
function nearestSpeed(v: number, notices: UiText[], raw = String(v)): number | undefined {
	if (!Number.isFinite(v)) {
		notices.push({ key: 'link.notNumber', params: { name: 'speed', value: raw } });
		return undefined;
	}
	const used = SPEEDS.reduce((a, b) => (Math.abs(b - v) < Math.abs(a - v) ? b : a));
	if (used !== v) notices.push({ key: 'link.clamped', params: { name: 'speed', value: String(v), used: String(used), min: String(SPEEDS[0]), max: String(SPEEDS[SPEEDS.length - 1]) } });
	return used;
}

/** A road link's length in metres (equirectangular: links are short, well under 1 % error). */
function linkLengthM(points: [number, number][]): number {
	let m = 0;
	for (let i = 1; i < points.length; i++) {
		const [la0, lo0] = points[i - 1];
		const [la1, lo1] = points[i];
		const k = Math.cos(((la0 + la1) / 2) * (Math.PI / 180));
		m += Math.hypot((la1 - la0) * 111_320, (lo1 - lo0) * 111_320 * k);
	}
	return m;
}

/**
 * The share of a line that places picked at random fill before no gap is left (Rényi's parking
 * constant): the sim places its vehicles so, at random spots 15 m apart at least.
 */
const RANDOM_PACKING = 0.7476;

/**
 * How many vehicles a city holds, as the sim places them: its lane-metres (both directions of a
 * two-way link) over the 15 m the sim keeps between vehicles, less 20 m per lane kept clear at
 * the ends (sim/traffic.ts `seed` places from 12 m to 8 m before the stop line), times the share
 * random placement fills (RANDOM_PACKING). About what a run of more vehicles has. At least 1.
 */
export function vehicleCapacity(city: Pick<CityView, 'roads'>): number {
	let n = 0;
	for (const r of city.roads) {
		const lanes = r.oneWay ? r.lanes : 2 * r.lanes;
		n += lanes * Math.max(0, Math.floor((linkLengthM(r.points) - 20) / LANE_M_PER_VEHICLE));
	}
	return Math.max(1, Math.floor(n * RANDOM_PACKING));
}
