// Vehicle applications of T/CSAE 53's day-1 set, each computing its warning only from messages
// the vehicle actually received (decoded from their bytes), through the application context.
// None of them reads the world's ground truth about other road users. A value sent as
// "unavailable" is never computed with: the message is skipped for what needs it.
import type { PbObject } from '../../codec';
import { EVENT_CODES, headingDeg, speedMs, type AppContext, type Transmission } from '../../sim';
import { headingGap, offsetXY, relative, xy, type Ego } from './geometry';
import { KMH_PER_MS, tenth, VehicleApp, type Frame } from './vehicle-app';

const HARD_BRAKING = 1 << 7; // VehicleEventFlags bit 7
const SIREN_IN_USE = 2;

/** Emergency Electronic Brake Light: a vehicle ahead, same direction, flags hard braking. */
export class Eebl extends VehicleApp {
	readonly id = 'eebl';
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const bsm = f.bsm as PbObject | undefined;
		const events = ((bsm?.safetyExt as PbObject | undefined)?.events as number) ?? 0;
		if (!bsm || !(events & HARD_BRAKING)) return;
		const p = xy(ctx, bsm.pos);
		const heading = headingDeg(bsm.heading);
		if (!p || heading === null) return; // without its heading, "same direction" is unknown
		const r = relative(e, p.x, p.y);
		if (r.ahead < 0 || r.ahead > 300 || Math.abs(r.lateral) > 8) return;
		if (headingGap(e.heading, heading) > 30) return;
		this.warn(ctx, e, 'danger', 'eebl', { ahead: Math.round(r.ahead) }, tx);
	}
}

/** Where two straight paths cross: metres along ours (s1) and along theirs (s2), or null. */
function crossing(e: Ego, p: { x: number; y: number }, h2: number): { s1: number; s2: number } | null {
	const a = { x: Math.sin((e.heading * Math.PI) / 180), y: Math.cos((e.heading * Math.PI) / 180) };
	const b = { x: Math.sin((h2 * Math.PI) / 180), y: Math.cos((h2 * Math.PI) / 180) };
	const det = a.x * -b.y - a.y * -b.x;
	if (Math.abs(det) < 1e-6) return null;
	const dx = p.x - e.x;
	const dy = p.y - e.y;
	return { s1: (dx * -b.y - dy * -b.x) / det, s2: (a.x * dy - a.y * dx) / det };
}

/**
 * Intersection Collision Warning: another vehicle on a crossing path reaches the crossing point
 * within 1.5 s of us, in the next 7 s (constant-speed prediction from its BSM).
 */
export class Icw extends VehicleApp {
	readonly id = 'icw';
	/** What the driver does when warned: brake (set by the scenario). */
	onWarn?: (vehicle: number) => void;
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const bsm = f.bsm as PbObject | undefined;
		if (!bsm || e.speed < 1) return;
		const h2 = headingDeg(bsm.heading);
		const v2 = speedMs(bsm.speed);
		const p = xy(ctx, bsm.pos);
		if (h2 === null || v2 === null || !p) return; // no prediction from unknown motion
		const gap = headingGap(e.heading, h2);
		if (gap < 45 || gap > 135) return;
		const c = crossing(e, p, h2);
		if (!c || c.s1 < 0 || c.s2 < 0 || v2 < 1) return;
		const t1 = c.s1 / e.speed;
		const t2 = c.s2 / v2;
		if (t1 > 7 || t2 > 7 || Math.abs(t1 - t2) > 1.5) return;
		if (this.warn(ctx, e, 'danger', 'icw', { impact: tenth(t1) }, tx)) this.onWarn?.(e.id);
	}
}

/**
 * An emergency vehicle closer than this is announced, m: about 10 s at the closing speeds of
 * town traffic, time to find a gap, without crying wolf for one on another street.
 */
const EVW_RANGE_M = 150;

/** Emergency Vehicle Warning: an emergency vehicle with its siren on, within 150 m behind or ahead. */
export class Evw extends VehicleApp {
	readonly id = 'evw';
	onWarn?: (vehicle: number) => void;
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const bsm = f.bsm as PbObject | undefined;
		const ext = bsm?.emergencyExt as PbObject | undefined;
		if (!bsm || !ext || (ext.sirenUse as number) !== SIREN_IN_USE) return;
		const p = xy(ctx, bsm.pos);
		const heading = headingDeg(bsm.heading);
		if (!p || heading === null) return;
		const r = relative(e, p.x, p.y);
		if (r.distance > EVW_RANGE_M || headingGap(e.heading, heading) > 40) return;
		const key = r.ahead < 0 ? 'evw.behind' : 'evw.ahead';
		if (this.warn(ctx, e, 'warning', key, { distance: Math.round(r.distance) }, tx)) this.onWarn?.(e.id);
	}
}

const PTC_CYCLIST = 2;
const PTC_PEDESTRIAN = 3;

/** Vulnerable Road User warning: a pedestrian or cyclist on our path, seen by roadside sensors (RSM) or sending PSM. */
export class Vru extends VehicleApp {
	readonly id = 'vru';
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const candidates: { x: number; y: number; what: string }[] = [];
		const rsm = f.rsm as PbObject | undefined;
		if (rsm)
			for (const p of (rsm.participants as PbObject[]) ?? []) {
				const type = (p.ptcType as number) ?? 0;
				if (type !== PTC_CYCLIST && type !== PTC_PEDESTRIAN) continue;
				const q = offsetXY(ctx, rsm.refPos, p.pos);
				if (q) candidates.push({ ...q, what: type === PTC_PEDESTRIAN ? 'pedestrianRsu' : 'cyclistRsu' });
			}
		const psm = f.psm as PbObject | undefined;
		const q = psm ? xy(ctx, psm.pos) : null;
		if (q) candidates.push({ ...q, what: 'pedestrianPsm' });
		for (const c of candidates) {
			const r = relative(e, c.x, c.y);
			if (r.ahead > 2 && r.ahead < 35 && Math.abs(r.lateral) < 7 && e.speed > 1) {
				this.warn(ctx, e, 'danger', `vru.${c.what}`, { ahead: Math.round(r.ahead) }, tx);
				return;
			}
		}
	}
}

/** The i18n name of a road event type code (GB/T 29100 style, as in RSI and hazard notices). */
function eventName(code: unknown): string {
	const kind = (Object.keys(EVENT_CODES) as (keyof typeof EVENT_CODES)[]).find((k) => EVENT_CODES[k] === code);
	return kind ?? 'other';
}

/** An RSI event on our road is announced from this far ahead, m: at town speeds 20-30 s to change lanes calmly. */
const RSI_WARN_AHEAD_M = 300;

/** Road hazards from the roadside (RSI events) on our road ahead, within 300 m. */
export class RoadWorks extends VehicleApp {
	readonly id = 'rsi';
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const rsi = f.rsi as PbObject | undefined;
		if (!rsi) return;
		for (const rte of (rsi.rtes as PbObject[]) ?? []) {
			const q = offsetXY(ctx, rsi.refPos, rte.eventPos);
			if (!q) continue;
			const r = relative(e, q.x, q.y);
			if (r.ahead > 0 && r.ahead < RSI_WARN_AHEAD_M && Math.abs(r.lateral) < 15) {
				const params = { ahead: Math.round(r.ahead), code: (rte.eventType as number) ?? 0 };
				this.warn(ctx, e, 'warning', `rsi.${eventName(rte.eventType)}`, params, tx);
				return;
			}
		}
	}
}

/** Hazard notices from the cloud platform over Uu. */
export class CloudHazard extends VehicleApp {
	readonly id = 'hazard';
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const h = f.hazardNotice as PbObject | undefined;
		if (!h) return;
		this.warn(ctx, e, 'warning', `hazard.${eventName(h.eventType)}`, { code: (h.eventType as number) ?? 0 }, tx);
	}
}

const REASON_STOP_AT_RED = 2;

/** A speed this close to the advised range counts as inside it, km/h (a speedometer's tolerance). */
const GLOSA_TOLERANCE_KMH = 2;

/**
 * Green Light Optimal Speed Advisory, as the cloud advises it (and the vehicle follows it). The
 * driver is told only what asks for a change: advice to stop, or a range the present speed is
 * outside of; "keep going as you are" stays silent (a quiet display is read when it speaks).
 */
export class Glosa extends VehicleApp {
	readonly id = 'glosa';
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const a = f.speedAdvice as PbObject | undefined;
		if (!a) return;
		const min = speedMs(a.advisedSpeedMin ?? 0);
		const max = speedMs(a.advisedSpeedMax ?? 0);
		if (min === null || max === null) return;
		const stop = (a.reason as number) === REASON_STOP_AT_RED;
		const kmh = e.speed * KMH_PER_MS;
		const inside = kmh >= min * KMH_PER_MS - GLOSA_TOLERANCE_KMH && kmh <= max * KMH_PER_MS + GLOSA_TOLERANCE_KMH;
		if (!stop && inside) return;
		const key = stop ? 'glosa.stopAtRed' : 'glosa.passOnGreen';
		this.warn(ctx, e, 'info', key, { min: Math.round(min * KMH_PER_MS), max: Math.round(max * KMH_PER_MS) }, tx);
	}
}

export { Rlvw } from './rlvw';
export { SignalPriority } from './priority';
