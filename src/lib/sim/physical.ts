// Received values in physical units, with "unavailable" as null, read from the model's own unit
// annotations (no factor is written here): what applications and the cloud compute with.
import { messageIndex, toPhysical, type FieldMeta } from '../codec';

const field = (message: string, name: string): FieldMeta => {
	const f = messageIndex(message).byName.get(name);
	if (!f) throw new Error(`no field ${message}.${name}`);
	return f;
};

const SPEED = field('BasicSafetyMessage', 'speed');
const HEADING = field('BasicSafetyMessage', 'heading');
const LATITUDE = field('Position3D', 'lat');
const LONGITUDE = field('Position3D', 'lon');
const OFFSET = field('PositionOffsetLlv', 'lat_offset');
const TIME_MARK = field('TimeChangeDetails', 'start_time');

const read = (f: FieldMeta, encoded: unknown): number | null =>
	typeof encoded === 'number' ? toPhysical(f, encoded).value : null;

/** Speed (DE_Speed, 0.02 m/s) in m/s; null when absent or 8191 (unavailable). */
export const speedMs = (encoded: unknown): number | null => read(SPEED, encoded);
/** Heading (DE_Heading, 0.0125 degree) in degrees from north; null when absent or 28800. */
export const headingDeg = (encoded: unknown): number | null => read(HEADING, encoded);
/** Latitude (DE_Latitude, 1e-7 degree) in degrees; null when absent or unavailable. */
export const latitudeDeg = (encoded: unknown): number | null => read(LATITUDE, encoded);
/** Longitude (DE_Longitude, 1e-7 degree) in degrees; null when absent or unavailable. */
export const longitudeDeg = (encoded: unknown): number | null => read(LONGITUDE, encoded);
/** A position offset (1e-7 degree) in degrees; an absent offset is 0. */
export const offsetDeg = (encoded: unknown): number => read(OFFSET, encoded ?? 0) ?? 0;
/** A time mark (DE_TimeMark, 0.1 s) in seconds; null when absent or 36001 (unknown). */
export const timeMarkS = (encoded: unknown): number | null => read(TIME_MARK, encoded);

/** A Position3D as degrees; null unless both latitude and longitude are available. */
export function positionDeg(pos: unknown): { lat: number; lon: number } | null {
	const p = (pos ?? {}) as { lat?: unknown; lon?: unknown };
	const lat = latitudeDeg(p.lat);
	const lon = longitudeDeg(p.lon);
	return lat === null || lon === null ? null : { lat, lon };
}
