// What a vehicle application knows and computes: its own state (from its own sensors) and
// positions taken from received messages, in local metres.
import { positionDeg, type AppContext, type EgoState } from '../../sim';

export type Ego = EgoState;

type Encoded = { lat?: number; lon?: number } | null | undefined;

/** A received Position3D (DE_Latitude, DE_Longitude) in local metres; null when it is unavailable. */
export function xy(ctx: AppContext, pos: unknown): { x: number; y: number } | null {
	const p = positionDeg(pos);
	return p ? ctx.toXY(p.lat, p.lon) : null;
}

/**
 * A received PositionOffsetLlv from a reference Position3D, in local metres; null when the
 * reference is unavailable. The offset is added in the encoded unit, as the standard defines it.
 */
export function offsetXY(ctx: AppContext, ref: unknown, off: unknown): { x: number; y: number } | null {
	const r = (ref ?? {}) as Encoded;
	if (!positionDeg(r)) return null;
	const o = (off ?? {}) as { latOffset?: number; lonOffset?: number };
	return xy(ctx, { lat: (r?.lat ?? 0) + (o.latOffset ?? 0), lon: (r?.lon ?? 0) + (o.lonOffset ?? 0) });
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
