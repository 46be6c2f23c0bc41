// What a vehicle application knows and computes: its own state (from its own sensors) and
// positions taken from received messages, in local metres.
import type { World } from '../../sim/world';

export interface Ego {
	id: number;
	x: number;
	y: number;
	/** degrees clockwise from north */
	heading: number;
	/** m/s */
	speed: number;
}

export function ego(world: World, id: number): Ego | null {
	const v = world.traffic.vehicles.get(id);
	return v ? { id, x: v.x, y: v.y, heading: v.heading, speed: v.v } : null;
}

/** A position in 1e-7 degree to local metres. */
export function xy(world: World, lat7: number, lon7: number): { x: number; y: number } {
	return world.net.proj.toXY(lat7 / 1e7, lon7 / 1e7);
}

/** A PositionOffsetLlv (1e-7 degree) from a reference position to local metres. */
export function offsetXY(world: World, ref: { lat: number; lon: number }, off: unknown): { x: number; y: number } {
	const o = (off ?? {}) as { latOffset?: number; lonOffset?: number };
	return xy(world, ref.lat + (o.latOffset ?? 0), ref.lon + (o.lonOffset ?? 0));
}

/** Where a point lies relative to the ego: `ahead` along its heading, `lateral` to the right. */
export function relative(e: Ego, x: number, y: number): { ahead: number; lateral: number; distance: number } {
	const h = (e.heading * Math.PI) / 180;
	const fx = Math.sin(h);
	const fy = Math.cos(h);
	const dx = x - e.x;
	const dy = y - e.y;
	return { ahead: dx * fx + dy * fy, lateral: dx * fy - dy * fx, distance: Math.hypot(dx, dy) };
}

/** Smallest difference of two headings, 0..180 degrees. */
export function headingGap(a: number, b: number): number {
	const d = Math.abs(((a - b) % 360) + 360) % 360;
	return d > 180 ? 360 - d : d;
}
