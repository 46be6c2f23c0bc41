// Reading a road's attributes from its OSM tags (https://wiki.openstreetmap.org/wiki/Key:highway,
// Key:lanes, Key:oneway, Key:maxspeed, Key:name). Defaults by highway class where a tag is absent
// or unreadable; every value is clamped to the city format's range (sim/roads/types.ts).
import type { Bilingual } from '../sim/roads/types';

export type Tags = Record<string, string>;

/**
 * The highway classes imported as roads, and why: the classes that carry motor traffic between
 * junctions (motorway .. residential, their *_link ramps), living streets and service roads
 * (bus bays, service lanes along arterials, the access roads of test zones). Left out: tracks,
 * paths, footways, cycleways, steps, pedestrian areas (no motor traffic); construction,
 * proposed and abandoned ways (not open); busway, raceway and bus_guideway (not general traffic);
 * and service roads that are parking aisles, driveways or drive-throughs (DROPPED_SERVICES: they
 * would make every car park and gate an entry point of traffic).
 */
export const KEPT_HIGHWAYS: readonly string[] = [
	'motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential',
	'motorway_link', 'trunk_link', 'primary_link', 'secondary_link', 'tertiary_link',
	'living_street', 'service'
];

/** `service=*` values of highway=service ways that are not imported (see KEPT_HIGHWAYS). */
export const DROPPED_SERVICES: readonly string[] = ['parking_aisle', 'driveway', 'drive-through'];

/** Whether a way is imported as a road: a kept highway class, not an area, not a dropped service road. */
export function isRoad(tags: Tags): boolean {
	return KEPT_HIGHWAYS.includes(tags.highway) && tags.area !== 'yes' && !(tags.highway === 'service' && DROPPED_SERVICES.includes(tags.service));
}

/** The class without `_link`, for defaults. */
function baseClass(highway: string): string {
	return highway.endsWith('_link') ? 'link' : highway;
}

/** Lanes per direction by class, where no lanes tag says otherwise. */
const DEFAULT_LANES: Record<string, number> = {
	motorway: 2, trunk: 2, primary: 2, secondary: 2, tertiary: 1, unclassified: 1, residential: 1, link: 1, living_street: 1, service: 1
};

/**
 * Speed limits by class, km/h, where no maxspeed says otherwise: Chinese practice (motorways
 * 100-120, urban arterials 60, collectors 40-50, local streets 30; 道路交通安全法实施条例 art. 45-46).
 */
const DEFAULT_KMH: Record<string, number> = {
	motorway: 100, trunk: 80, primary: 60, secondary: 50, tertiary: 40, unclassified: 40, residential: 30, link: 40, living_street: 20, service: 20
};

/**
 * Lane width by class, m: 3.75 m where traffic runs at 60 km/h and more, 3.5 m on other urban
 * roads (CJJ 37-2012 table 5.3.2), narrower on access roads.
 */
const DEFAULT_LANE_WIDTH: Record<string, number> = {
	motorway: 3.75, trunk: 3.75, primary: 3.5, secondary: 3.5, tertiary: 3.5, unclassified: 3.25, residential: 3.25, link: 3.5, living_street: 3, service: 3
};

/** Implicit limits (`CN:urban`, `DE:rural`, ...; Key:maxspeed "implicit maxspeed values"), km/h, by the part after the colon. */
const ZONE_KMH: Record<string, number> = {
	urban: 50, rural: 70, motorway: 120, expressway: 100, trunk: 90, living_street: 10, walk: 10, zone30: 30, zone20: 20, bicycle_road: 30, school: 30
};

export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A positive integer tag value ("2", "2;3" takes the first), or null. */
function intTag(v: string | undefined): number | null {
	if (v === undefined) return null;
	const n = Number(v.split(';')[0].trim());
	return Number.isInteger(n) && n > 0 ? n : null;
}

/** Whether and which way a road is one-way: 1 (along the way), -1 (against it) or 0 (both ways). */
export function onewayOf(tags: Tags): 1 | -1 | 0 {
	const v = (tags.oneway ?? '').trim().toLowerCase();
	if (v === 'yes' || v === '1' || v === 'true') return 1;
	if (v === '-1' || v === 'reverse') return -1;
	if (v === 'no' || v === '0' || v === 'false') return 0;
	// implied one-way: roundabouts and motorways (Key:oneway "implied")
	if (tags.junction === 'roundabout' || tags.junction === 'circular') return 1;
	if (tags.highway === 'motorway' || tags.highway === 'motorway_link') return 1;
	return 0;
}

/** Lanes in each direction, 1..6: `lanes:forward`/`lanes:backward`, else `lanes` (halved on a two-way road), else by class. */
export function lanesOf(tags: Tags, oneway: 1 | -1 | 0): number {
	const total = intTag(tags.lanes);
	let n: number | null;
	if (oneway !== 0) n = intTag(oneway === 1 ? tags['lanes:forward'] : tags['lanes:backward']) ?? total;
	else {
		const fw = intTag(tags['lanes:forward']);
		const bw = intTag(tags['lanes:backward']);
		// the format has one lane count for both directions: the wider side
		n = fw !== null || bw !== null ? Math.max(fw ?? 1, bw ?? 1) : total !== null ? Math.max(1, Math.round(total / 2)) : null;
	}
	return clamp(n ?? DEFAULT_LANES[baseClass(tags.highway)] ?? 1, 1, 6);
}

/** Lane width, m, 2.5..4.5: `width` (m) shared by the lanes of both directions, else by class. */
export function laneWidthOf(tags: Tags, lanesPerDirection: number, oneway: 1 | -1 | 0): number {
	const w = Number((tags.width ?? '').replace(/\s*m$/, ''));
	if (tags.width !== undefined && Number.isFinite(w) && w > 0) {
		const lanes = oneway === 0 ? 2 * lanesPerDirection : lanesPerDirection;
		return Math.round(clamp(w / lanes, 2.5, 4.5) * 100) / 100;
	}
	return DEFAULT_LANE_WIDTH[baseClass(tags.highway)] ?? 3.25;
}

/** One maxspeed value in km/h, or null when it is not a speed ("signals", "variable", ...). */
export function parseMaxspeed(raw: string): number | null {
	const v = raw.split(';')[0].trim().toLowerCase();
	const mph = /^(\d+(?:\.\d+)?)\s*mph$/.exec(v);
	if (mph) return Number(mph[1]) * 1.609344;
	const kmh = /^(\d+(?:\.\d+)?)(?:\s*km\/h)?$/.exec(v);
	if (kmh) return Number(kmh[1]);
	if (v === 'none') return 120;
	if (v === 'walk') return 10;
	const zone = /^[a-z]{2}(?:-[a-z0-9]+)?:([a-z_0-9]+)$/.exec(v);
	if (zone && ZONE_KMH[zone[1]] !== undefined) return ZONE_KMH[zone[1]];
	return null;
}

/** Speed limit, km/h, 10..120 (whole numbers): maxspeed (or maxspeed:forward), else by class. */
export function speedOf(tags: Tags): number {
	const raw = tags.maxspeed ?? tags['maxspeed:forward'] ?? tags['maxspeed:backward'];
	const parsed = raw !== undefined ? parseMaxspeed(raw) : null;
	return Math.round(clamp(parsed ?? DEFAULT_KMH[baseClass(tags.highway)] ?? 40, 10, 120));
}

/** Whether the maxspeed tag was present but not read (the note says so). */
export function unreadMaxspeed(tags: Tags): string | null {
	const raw = tags.maxspeed;
	return raw !== undefined && parseMaxspeed(raw) === null ? raw : null;
}

/**
 * A road's name in both languages: zh from `name:zh` (or `name:zh-Hans`), else `name`; en from
 * `name:en`, else `name` (no transliteration). Unnamed roads: `ref`, else the class and the way id.
 */
export function nameOf(tags: Tags, wayId: string): Bilingual {
	const name = tags.name?.trim() || tags.ref?.trim();
	const zh = tags['name:zh']?.trim() || tags['name:zh-Hans']?.trim() || name;
	const en = tags['name:en']?.trim() || name;
	return {
		en: en || `unnamed ${tags.highway.replace(/_/g, ' ')} (way ${wayId})`,
		zh: zh || `无名道路（way ${wayId}）`
	};
}
