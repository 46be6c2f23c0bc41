// Received values in physical units through the codec's data-element converters (`de`), with
// "unavailable" (or a field that is not a number) as null: what applications, the cloud and the
// replay compute with, so no unavailable value ever enters arithmetic.
import { de } from '../codec';

const numberOr = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** DE_Speed in m/s; null when absent or unavailable. */
export function speedMs(encoded: unknown): number | null {
	const n = numberOr(encoded);
	return n === null ? null : de.Speed.toPhysical(n);
}

/** DE_Heading in degrees clockwise from north; null when absent or unavailable. */
export function headingDeg(encoded: unknown): number | null {
	const n = numberOr(encoded);
	return n === null ? null : de.Heading.toPhysical(n);
}

/** DE_TimeMark in seconds; null when absent or unknown. */
export function timeMarkS(encoded: unknown): number | null {
	const n = numberOr(encoded);
	return n === null ? null : de.TimeMark.toPhysical(n);
}

/** A received Position3D or Position2D in degrees; null unless latitude and longitude are both available. */
export function positionDeg(pos: unknown): { lat: number; lon: number } | null {
	const p = (pos ?? {}) as { lat?: unknown; lon?: unknown };
	const lat = numberOr(p.lat);
	const lon = numberOr(p.lon);
	if (lat === null || lon === null) return null;
	const latDeg = de.Latitude.toPhysical(lat);
	const lonDeg = de.Longitude.toPhysical(lon);
	return latDeg === null || lonDeg === null ? null : { lat: latDeg, lon: lonDeg };
}
