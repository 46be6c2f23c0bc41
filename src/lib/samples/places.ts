import { de } from '../codec';
// Sample places in Beijing Yizhuang (High-level Autonomous Driving Demonstration Area).
// Coordinates are WGS-84 and approximate (placed by hand from the street grid, not surveyed):
// good enough for a realistic sample, not for navigation.
// The same nodes as the simulation's beijing-yizhuang network (src/lib/sim/data/cities).
export const YIZHUANG = {
	city: 'Beijing Yizhuang',
	/** Rongchang East Street (荣昌东街) x Hongda South Road (宏达南路): node 1004. */
	intersection: { name: 'Rongchang E St / Hongda S Rd', region: 1, id: 1004, lat: 39.780969, lon: 116.516523, elevation: 32.0 },
	/** The next signalised intersection north-east on Rongchang East Street: node 1005. */
	eastIntersection: { region: 1, id: 1005, lat: 39.782998, lon: 116.520543 },
	/** Rongchang East Street runs south-west to north-east at this heading, degrees. */
	streetHeading: 56.7,
	/** RSU on the intersection's north-west corner pole. */
	rsuId: 'RSU-BJ-YZ-1001',
	/** A test vehicle's temporary id (8 octets, CSAE 53). */
	vehicleIdHex: '4a3f9c0e5b12d701',
	vehicleId: 'BJ-A-D12345'
} as const;

/** 2026-11-26 08:30:25.300 UTC, the sample clock. */
export const SAMPLE_TIME_MS = Date.UTC(2026, 10, 26, 8, 30, 25, 300);

/** Minute of the UTC year (MinuteOfTheYear) and ms within the minute (DSecond) of a time. */
export function moyOf(ms: number): number {
	const d = new Date(ms);
	return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 60000);
}
export function secMarkOf(ms: number): number {
	return ms % 60000;
}

/** Metres east/north of a point to degrees (equirectangular, fine within a few km). */
export function offsetDeg(lat: number, east: number, north: number): { dLat: number; dLon: number } {
	const dLat = north / 111_320;
	const dLon = east / (111_320 * Math.cos((lat * Math.PI) / 180));
	return { dLat, dLon };
}

/**
 * Metres east/north of the intersection for a point `along` metres along Rongchang East Street
 * (negative: before the intersection, coming from the south-west) and `right` metres to the
 * right of its centre line, for north-east-bound traffic.
 */
export function street(along: number, right = 0): [number, number] {
	const h = (YIZHUANG.streetHeading * Math.PI) / 180;
	return [along * Math.sin(h) + right * Math.cos(h), along * Math.cos(h) - right * Math.sin(h)];
}

/** The street heading as a Heading, for north-east-bound (or, with back, the other way). */
export const streetHeadingUnits = (back = false) => de.Heading.fromPhysical(YIZHUANG.streetHeading + (back ? 180 : 0));

const X = YIZHUANG.intersection;

/** A Position3D (Latitude, Longitude, Elevation) `east`/`north` metres from the intersection. */
export function at(east: number, north: number, elevation: number = X.elevation) {
	const { dLat, dLon } = offsetDeg(X.lat, east, north);
	return {
		lat: de.Latitude.fromPhysical(X.lat + dLat),
		lon: de.Longitude.fromPhysical(X.lon + dLon),
		elevation: de.Elevation.fromPhysical(elevation)
	};
}

/** A PositionOffsetLlv (OffsetLL_B24 per axis) `east`/`north` metres from the intersection. */
export function offset(east: number, north: number) {
	const { dLat, dLon } = offsetDeg(X.lat, east, north);
	return { latOffset: de.OffsetLL_B24.fromPhysical(dLat), lonOffset: de.OffsetLL_B24.fromPhysical(dLon) };
}

/** The intersections as NodeReferenceIds. */
export const xNode = { region: X.region, id: X.id };
export const eNode = { region: YIZHUANG.eastIntersection.region, id: YIZHUANG.eastIntersection.id };
