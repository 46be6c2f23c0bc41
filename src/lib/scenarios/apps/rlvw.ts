// Red Light Violation Warning (T/CSAE 53-2020, application 5): from the MAP it heard, a vehicle
// learns its approach's stop line and signal phase; from SPAT, how long until that phase turns
// red; from its own sensors, its speed. The warning rule is AASHTO's stopping sight distance
// (./rlvw-rule.ts), so it comes where a driver can still stop, not metres before the line.
import type { PbObject } from '../../codec';
import { timeMarkS, type AppContext, type Transmission } from '../../sim';
import { headingGap, offsetXY, relative, type Ego } from './geometry';
import { AASHTO_SSD, rlvwDecision, type StoppingRule } from './rlvw-rule';
import { tenth, VehicleApp, type Frame } from './vehicle-app';

/** SPAT light states that mean stop: red (3) and red-flashing stop-then-proceed (2). */
const STOP_LIGHTS = new Set([2, 3]);
/** The stop line sits about one junction radius before the node centre, m. */
const JUNCTION_RADIUS_M = 14;
const MS_PER_MINUTE = 60_000;
/** DSecond 60000..65535 and MinuteOfTheYear 527041.. say "unknown" (T/CSAE 53-2020 DE_DSecond, DE_MinuteOfTheYear). */
const DSECOND_MAX = 59_999;
const MOY_MAX = 527_040;
/** A SPAT older than this says nothing about now, ms. */
const MAX_AGE_MS = 10_000;

interface Approach {
	node: number;
	phase: number;
	stopX: number;
	stopY: number;
}

/** A SPAT phase state as counted down from the SPAT's own time, s (null: unknown). */
interface TimedState {
	light: number;
	start: number;
	end: number;
}

function timedStates(states: PbObject[]): TimedState[] {
	const out: TimedState[] = [];
	for (const s of states) {
		const tm = (s.timing ?? {}) as { startTime?: number; likelyEndTime?: number; minEndTime?: number };
		const start = timeMarkS(tm.startTime ?? 0);
		// likelyEndTime is the best estimate; a fixed-time signal may send only minEndTime
		const end = timeMarkS(tm.likelyEndTime ?? tm.minEndTime);
		if (start === null || end === null) continue; // an unknown time says nothing
		out.push({ light: (s.light as number) ?? 0, start, end });
	}
	return out.sort((a, b) => a.start - b.start);
}

/**
 * Time to red, s after the SPAT's timeStamp: 0 when the phase shows red now, else the
 * likelyEndTime (or minEndTime) of the green and yellow states that run up to the first red
 * state; null when the SPAT announces no red. Phase states are TimeCountingDown (T/CSAE
 * 53-2020 DF_TimeChangeDetails), relative to the SPAT's moy/timeStamp.
 */
export function timeToRed(states: PbObject[]): number | null {
	const timed = timedStates(states);
	const i = timed.findIndex((s) => STOP_LIGHTS.has(s.light) && s.end > 0);
	if (i < 0) return null;
	if (timed[i].start <= 0) return 0;
	return i > 0 && Math.abs(timed[i - 1].end - timed[i].start) < 0.05 ? timed[i - 1].end : timed[i].start;
}

/** The light (SPAT LightState number) a phase shows `inS` seconds from the SPAT's time, or null. */
function lightIn(states: PbObject[], inS: number): number | null {
	for (const s of timedStates(states)) if (s.start <= inS && inS < s.end) return s.light;
	return null;
}

/** How old a SPAT is now, ms, from its moy/timeStamp (intersection level, else message level); 0 if unknown. */
function spatAgeMs(ctx: AppContext, spat: PbObject, i: PbObject): number {
	const stamp = (i.timeStamp ?? spat.timeStamp) as number | undefined;
	const moy = (i.moy ?? spat.moy) as number | undefined;
	if (typeof stamp !== 'number' || stamp > DSECOND_MAX) return 0;
	const c = ctx.clock();
	const minutes = typeof moy === 'number' && moy <= MOY_MAX ? c.moy - moy : 0;
	const age = minutes * MS_PER_MINUTE + (c.secMark - stamp);
	return age >= 0 && age <= MAX_AGE_MS ? age : 0;
}

/**
 * Red Light Violation Warning: SPAT says our phase turns red before we reach the stop line, and
 * we are at the rule's warning distance (AASHTO stopping sight distance: 2.5 s reaction,
 * 3.4 m/s², plus 1 s of lead) but still able to stop. The text quotes the time to red (as the
 * SPAT counts it, less the SPAT's age) and the time to the stop line, and names the rule.
 */
export class Rlvw extends VehicleApp {
	readonly id = 'rlvw';
	/** What the driver does when warned (set by the scenario). */
	onWarn?: (vehicle: number) => void;
	private approach = new Map<number, Approach>();
	/** The approach each vehicle was warned on: once per approach, not again while its driver brakes. */
	private warnedOn = new Map<number, Approach>();
	constructor(equipped?: Set<number>, readonly rule: StoppingRule = AASHTO_SSD) {
		super(equipped);
	}

	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const map = f.mapData as PbObject | undefined;
		if (map) this.learnApproach(ctx, e, map);
		const spat = f.spat as PbObject | undefined;
		const ap = this.approach.get(e.id);
		if (!spat || !ap) return;
		for (const i of (spat.intersections as PbObject[]) ?? []) {
			if (((i.intersectionId as PbObject)?.id as number) !== ap.node) continue;
			const phase = ((i.phases as PbObject[]) ?? []).find((p) => ((p.id as number) ?? 0) === ap.phase);
			const states = (phase?.phaseStates as PbObject[]) ?? [];
			const toRedSpat = timeToRed(states);
			const age = spatAgeMs(ctx, spat, i) / 1000;
			const toRed = toRedSpat === null ? null : Math.max(0, toRedSpat - age);
			const d = relative(e, ap.stopX, ap.stopY).ahead;
			const arrive = d / Math.max(e.speed, 0.1);
			const redAtArrival = STOP_LIGHTS.has(lightIn(states, arrive + age) ?? -1);
			const decision = rlvwDecision(d, e.speed, toRed, redAtArrival, this.rule);
			if (decision.verdict !== 'warn' || this.warnedOn.get(e.id) === ap) return;
			const params = {
				toRed: tenth(toRed!),
				toStop: tenth(decision.toStopS),
				distance: Math.round(d),
				ssd: Math.round(decision.ssdM),
				reaction: this.rule.reactionS,
				decel: this.rule.decelMs2,
				rule: this.rule.id
			};
			if (!this.warn(ctx, e, 'danger', 'rlvw', params, tx)) return;
			this.warnedOn.set(e.id, ap);
			this.onWarn?.(e.id);
			return;
		}
	}

	/** Finds the MAP link we are driving on (its end is our stop line) and its signal phase. */
	private learnApproach(ctx: AppContext, e: Ego, map: PbObject) {
		for (const node of (map.nodes as PbObject[]) ?? []) {
			for (const link of (node.inLinks as PbObject[]) ?? []) {
				const pts = ((link.points as PbObject[]) ?? []).map((p) => offsetXY(ctx, node.refPos, p.posOffset));
				if (pts.length < 2 || pts.some((p) => !p)) continue;
				const a = pts[pts.length - 2]!;
				const b = pts[pts.length - 1]!;
				const heading = ((Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI + 360) % 360;
				if (headingGap(heading, e.heading) > 20) continue;
				const r = relative(e, b.x, b.y);
				if (r.ahead < 0 || r.ahead > 600 || Math.abs(r.lateral) > 15) continue;
				const phase = ((link.movements as PbObject[]) ?? []).find((m) => m.phaseId !== undefined)?.phaseId as number | undefined;
				if (phase === undefined) continue;
				const nodeId = ((node.id as PbObject)?.id as number) ?? 0;
				const known = this.approach.get(e.id);
				if (known && known.node === nodeId && known.phase === phase) return; // the same approach: keep it (and whether it was warned on)
				const back = JUNCTION_RADIUS_M / Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
				this.approach.set(e.id, {
					node: nodeId, phase,
					stopX: b.x - (b.x - a.x) * back, stopY: b.y - (b.y - a.y) * back
				});
				return;
			}
		}
	}
}
