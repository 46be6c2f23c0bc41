// Metres on the ground to pixels on screen, in Web Mercator (Leaflet's EPSG:3857, 256 px tiles):
// a pixel covers cos(latitude) × 40,075,016.686 m / (256 × 2^zoom). Pure functions: unit-tested.

/** Earth's equatorial circumference in WGS-84, m (the Web Mercator sphere's). */
export const EARTH_CIRCUMFERENCE_M = 40075016.686;

/** Ground metres covered by one CSS pixel at `lat` (degrees) and `zoom` (Leaflet's, fractional allowed). */
export function metersPerPixel(lat: number, zoom: number): number {
	return (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (256 * 2 ** zoom);
}

/** `m` metres in pixels at `metersPerPx`, never under `minPx` (so small things stay visible zoomed out). */
export function metersToPx(m: number, metersPerPx: number, minPx = 0): number {
	return Math.max(minPx, m / metersPerPx);
}

/** Lane width drawn when the city view does not say (m): the bundled cities' usual 3.5 m. */
export const DEFAULT_LANE_WIDTH_M = 3.5;
/** Zoom from which lane lines and stop lines are drawn. */
export const MARKINGS_FROM_ZOOM = 17;
/** Zoom from which vehicles are drawn to scale (below it: symbols of a fixed size). */
export const TO_SCALE_FROM_ZOOM = 17;

/** A road as the map draws it: lanes per direction, lane width (m), one-way or both ways. */
export interface RoadShape {
	lanes: number;
	laneWidthM?: number;
	oneWay?: boolean;
}

/**
 * The carriageway's width on the ground, m: lanes × lane width in each direction the road carries
 * (both for a two-way road: the simulation puts lane k of each direction at (k + 0.5) × width
 * right of the link's centre line, network.ts `pointAt`).
 */
export function carriagewayM(r: RoadShape): number {
	return r.lanes * (r.laneWidthM ?? DEFAULT_LANE_WIDTH_M) * (r.oneWay ? 1 : 2);
}

/**
 * How far right of the link's line (from → to) the carriageway's centre lies, m: 0 for a two-way
 * road, half its width for a one-way road (its lanes are all right of the line).
 */
export function carriagewayOffsetM(r: RoadShape): number {
	return r.oneWay ? carriagewayM(r) / 2 : 0;
}

/** Road surface width on screen, px: to scale, but at least 2 px + 1 px per lane (zoomed out). */
export function roadWidthPx(r: RoadShape, metersPerPx: number): number {
	return metersToPx(carriagewayM(r), metersPerPx, 2 + r.lanes * (r.oneWay ? 1 : 2));
}
