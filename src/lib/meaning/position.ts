// Positions: latitudes and longitudes with their hemisphere, and offsets from a reference
// position (T/CSAE 53-2020 PositionOffsetLL: OffsetLL-B12..B24 in 1e-7 degree, or an absolute
// Position-LLmD-64b) as degrees, metres and the absolute position they reach.
import type { LatLon, Meaning, MeaningContext } from './types';

/** Mean Earth radius (IUGG, m): metres of an offset on a sphere, good to about 0.5 % for the short offsets messages carry. */
const EARTH_RADIUS_M = 6_371_008.8;
const M_PER_DEG = (Math.PI / 180) * EARTH_RADIUS_M;

/** `39.9087654° N` / `北纬 39.9087654°`: a latitude in degrees. */
export function latitudeText(deg: number): Meaning {
	const a = Math.abs(deg).toFixed(7);
	return deg >= 0 ? { en: `${a}° N`, zh: `北纬 ${a}°` } : { en: `${a}° S`, zh: `南纬 ${a}°` };
}

/** `116.3975000° E` / `东经 116.3975000°`: a longitude in degrees. */
export function longitudeText(deg: number): Meaning {
	const a = Math.abs(deg).toFixed(7);
	return deg >= 0 ? { en: `${a}° E`, zh: `东经 ${a}°` } : { en: `${a}° W`, zh: `西经 ${a}°` };
}

/** Which axis an offset lies on: `ctx.axis`, else the last name of `ctx.path` (`lat`, `lat_offset`, `lon`, `long`). */
export function axisOf(ctx: MeaningContext): 'lat' | 'lon' | undefined {
	if (ctx.axis) return ctx.axis;
	const last = (ctx.path ?? '').split('.').pop() ?? '';
	if (/^lat/i.test(last)) return 'lat';
	if (/^lon/i.test(last)) return 'lon';
	return undefined;
}

/** A distance's size in metres (kilometres from 1 km): `137.3 m` / `137.3 米`. */
function metres(m: number, lang: 'en' | 'zh' = 'en'): string {
	const a = Math.abs(m);
	if (a >= 1000) return `${(a / 1000).toFixed(3)} ${lang === 'en' ? 'km' : '公里'}`;
	return `${a.toFixed(1)} ${lang === 'en' ? 'm' : '米'}`;
}

/**
 * One offset component in 1e-7 degree (`OffsetLL-B24` etc.) on `axis`: degrees, metres north/south
 * or east/west (east-west needs a latitude: the reference's), and with `ref` the absolute
 * coordinate reached. Without an axis only the degrees are said.
 */
export function offsetMeaning(offset: number, axis: 'lat' | 'lon' | undefined, ref?: LatLon): Meaning {
	const deg = offset / 1e7;
	const d = `${deg >= 0 ? '+' : '-'}${Math.abs(deg).toFixed(7)}°`;
	if (!axis) return { en: d, zh: d };
	if (axis === 'lat') {
		const m = deg * M_PER_DEG;
		const dir = m >= 0 ? { en: 'north', zh: '向北' } : { en: 'south', zh: '向南' };
		const abs = ref ? latitudeText(ref.lat + deg) : undefined;
		return {
			en: `${d} ≈ ${metres(m)} ${dir.en}${abs ? ` → ${abs.en}` : ''}`,
			zh: `${d}，约${dir.zh} ${metres(m, 'zh')}${abs ? ` → ${abs.zh}` : ''}`
		};
	}
	if (!ref) return { en: d, zh: d };
	const m = deg * M_PER_DEG * Math.cos((ref.lat * Math.PI) / 180);
	const dir = m >= 0 ? { en: 'east', zh: '向东' } : { en: 'west', zh: '向西' };
	const abs = longitudeText(ref.lon + deg);
	return { en: `${d} ≈ ${metres(m)} ${dir.en} → ${abs.en}`, zh: `${d}，约${dir.zh} ${metres(m, 'zh')} → ${abs.zh}` };
}

/**
 * A whole offset `{ lat, lon }` (1e-7 degree each) from `ref` (degrees): metres north/south and
 * east/west, and the absolute position reached (`12.3 m north, 4.5 m east → 39.9… N, 116.4… E`).
 * For the parent node of an offset (PositionOffsetLL, PositionOffsetLLV.offsetLL).
 */
export function offsetPositionMeaning(offset: LatLon, ref: LatLon): Meaning {
	const dLat = offset.lat / 1e7;
	const dLon = offset.lon / 1e7;
	const north = dLat * M_PER_DEG;
	const east = dLon * M_PER_DEG * Math.cos((ref.lat * Math.PI) / 180);
	const lat = latitudeText(ref.lat + dLat);
	const lon = longitudeText(ref.lon + dLon);
	return {
		en: `${metres(north)} ${north >= 0 ? 'north' : 'south'}, ${metres(east)} ${east >= 0 ? 'east' : 'west'} → ${lat.en}, ${lon.en}`,
		zh: `${north >= 0 ? '向北' : '向南'} ${metres(north, 'zh')}，${east >= 0 ? '向东' : '向西'} ${metres(east, 'zh')} → ${lat.zh}，${lon.zh}`
	};
}

/** A number, when `v` is one. */
function num(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The meaning of a whole PositionOffsetLL value (T/CSAE 53-2020 DF_PositionOffsetLL) as the UPER
 * codec holds it, a CHOICE `{ "position-LL3": { lon, lat } }` (offsets in 1e-7 degree; the
 * `position-LatLon` alternative holds absolute Latitude/Longitude), or a plain `{ lat, lon }`
 * offset (the protobuf PositionOffsetLlv's lat_offset/lon_offset, gathered by the caller).
 * With `ref`: metres both ways and the absolute position; without: null for offsets (degrees
 * alone are on the components), the position for an absolute alternative. Null for other shapes.
 */
export function positionOffsetValueMeaning(value: unknown, ref: LatLon | undefined): Meaning | null {
	if (!value || typeof value !== 'object') return null;
	const keys = Object.keys(value);
	const inner = keys.length === 1 && !('lat' in value) ? (value as Record<string, unknown>)[keys[0]] : value;
	if (!inner || typeof inner !== 'object') return null;
	const o = inner as Record<string, unknown>;
	const lat = num(o.lat);
	const lon = num(o.lon) ?? num(o.long);
	if (lat === undefined || lon === undefined) return null;
	if (keys[0] === 'position-LatLon') {
		const a = latitudeText(lat / 1e7);
		const b = longitudeText(lon / 1e7);
		return { en: `${a.en}, ${b.en}`, zh: `${a.zh}，${b.zh}` };
	}
	return ref ? offsetPositionMeaning({ lat, lon }, ref) : null;
}
