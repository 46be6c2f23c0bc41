// Geographic to screen: Web Mercator pixels (Leaflet's EPSG:3857, 256 px tiles) and the
// per-frame view every draw function receives.
import type { FrameMessage } from './frame';
import { toDisplay, type Datum } from './gcj02';

/** Web Mercator x at zoom 0, in pixels, of a longitude in degrees. */
function mercX(lon: number): number {
	return (lon / 360 + 0.5) * 256;
}
/** Web Mercator y at zoom 0, in pixels, of a latitude in degrees (clamped to ±85.05°). */
function mercY(lat: number): number {
	const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
	return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
}

/** Absolute pixel position at `scale` (= 2^zoom) of a WGS-84 point shown in `datum`. */
export function projectPoint(datum: Datum, lat: number, lon: number, scale: number): [number, number] {
	const [dlat, dlon] = toDisplay(datum, lat, lon);
	return [mercX(dlon) * scale, mercY(dlat) * scale];
}

/** A snapshot's vehicles in absolute pixels at one zoom (typed arrays: thousands of vehicles). */
export interface Projected {
	ids: Int32Array;
	kind: Uint8Array;
	x: Float64Array;
	y: Float64Array;
	/** degrees clockwise from north */
	heading: Float32Array;
	/** bit 0: brake lights */
	flags: Uint8Array;
	/** index of the same vehicle in the previous snapshot, or -1 */
	prev: Int32Array;
	zoom: number;
}

/** A pedestrian or cyclist in absolute pixels. */
export interface ProjectedVru {
	x: number;
	y: number;
	kind: string;
	id: number;
}

/**
 * Projects a frame's vehicles and VRUs at `zoom`, linking each vehicle to its index in
 * `before` (the previous snapshot, if it was projected at the same zoom) for interpolation.
 */
export function projectFrame(f: FrameMessage, datum: Datum, zoom: number, before: Projected | null): { vehicles: Projected; vrus: ProjectedVru[] } {
	const scale = 2 ** zoom;
	const v = f.vehicles;
	const n = v.id.length;
	const p: Projected = {
		ids: v.id, kind: v.kind, x: new Float64Array(n), y: new Float64Array(n), heading: v.heading, flags: v.flags,
		prev: new Int32Array(n).fill(-1), zoom
	};
	const prevIndex = new Map<number, number>();
	if (before && before.zoom === zoom) for (let i = 0; i < before.ids.length; i++) prevIndex.set(before.ids[i], i);
	for (let i = 0; i < n; i++) {
		const [x, y] = projectPoint(datum, v.lat[i], v.lon[i], scale);
		p.x[i] = x;
		p.y[i] = y;
		p.prev[i] = prevIndex.get(v.id[i]) ?? -1;
	}
	const vrus = f.vrus.map((u) => {
		const [x, y] = projectPoint(datum, u.lat, u.lon, scale);
		return { x, y, kind: u.kind, id: u.id };
	});
	return { vehicles: p, vrus };
}

/** A point drawn this frame, in container pixels (hit tests, badges, selection). */
export interface ScreenPoint {
	id: number;
	x: number;
	y: number;
}

/** Everything a draw function needs about this frame's view. */
export interface DrawView {
	ctx: CanvasRenderingContext2D;
	/** container size, CSS pixels */
	width: number;
	height: number;
	/** 2^zoom */
	scale: number;
	/** absolute pixel + (ox, oy) = container pixel */
	ox: number;
	oy: number;
	/** ground metres per CSS pixel at the city's latitude */
	metersPerPx: number;
	/** performance.now() of this frame */
	now: number;
	/** absolute pixel position of a WGS-84 point (datum applied) */
	project(lat: number, lon: number): [number, number];
}
