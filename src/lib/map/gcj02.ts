// WGS-84 -> GCJ-02, the offset coordinate system of Chinese web basemaps (AMap, Tencent). The
// public, widely reimplemented approximation (accurate to about a metre); outside China the
// coordinates pass through unchanged, as the official transform does.
const A = 6378245.0;
const EE = 0.00669342162296594323;

function outOfChina(lat: number, lon: number) {
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function tLat(x: number, y: number) {
	let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
	r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
	r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
	return r;
}

function tLon(x: number, y: number) {
	let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
	r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
	r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
	r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
	return r;
}

export function wgs84ToGcj02(lat: number, lon: number): [number, number] {
	if (outOfChina(lat, lon)) return [lat, lon];
	let dLat = tLat(lon - 105, lat - 35);
	let dLon = tLon(lon - 105, lat - 35);
	const radLat = (lat / 180) * Math.PI;
	let magic = Math.sin(radLat);
	magic = 1 - EE * magic * magic;
	const sqrtMagic = Math.sqrt(magic);
	dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
	dLon = (dLon * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
	return [lat + dLat, lon + dLon];
}

export type Datum = 'wgs84' | 'gcj02';

/** Converts a WGS-84 point for display on a basemap in `datum`. */
export const toDisplay = (datum: Datum, lat: number, lon: number): [number, number] =>
	datum === 'gcj02' ? wgs84ToGcj02(lat, lon) : [lat, lon];
