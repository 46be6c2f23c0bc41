// Local planar coordinates for a city: metres east (x) and north (y) of the city centre.
// An equirectangular projection is exact to a few centimetres over the few kilometres of a
// test zone, and costs two multiplications.

const R = 6_371_008.8; // mean Earth radius, m
const DEG = Math.PI / 180;

export interface Projection {
	lat0: number;
	lon0: number;
	toXY(lat: number, lon: number): { x: number; y: number };
	toLatLon(x: number, y: number): { lat: number; lon: number };
}

export function projection(lat0: number, lon0: number): Projection {
	const kx = R * DEG * Math.cos(lat0 * DEG);
	const ky = R * DEG;
	return {
		lat0,
		lon0,
		toXY: (lat, lon) => ({ x: (lon - lon0) * kx, y: (lat - lat0) * ky }),
		toLatLon: (x, y) => ({ lat: lat0 + y / ky, lon: lon0 + x / kx })
	};
}

/** Great-circle distance in metres. */
export function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
	const dLat = (lat2 - lat1) * DEG;
	const dLon = (lon2 - lon1) * DEG;
	const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
	return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Heading in degrees clockwise from north of the vector (dx east, dy north), 0..360. */
export function headingOf(dx: number, dy: number): number {
	const h = Math.atan2(dx, dy) / DEG;
	return h < 0 ? h + 360 : h;
}

/** Signed smallest difference b - a of two headings, -180..180. */
export function headingDelta(a: number, b: number): number {
	let d = (b - a) % 360;
	if (d > 180) d -= 360;
	if (d < -180) d += 360;
	return d;
}
