// Red Light Violation Warning (T/CSAE 53): from the MAP it heard, a vehicle learns its approach's
// stop line and signal phase; from SPAT, when that phase is red.
import type { PbObject } from '../../codec';
import { timeMarkS, type AppContext, type Transmission } from '../../sim';
import { headingGap, offsetXY, relative, type Ego } from './geometry';
import { tenth, VehicleApp, type Frame } from './vehicle-app';

/** SPAT light states that mean stop: red (3) and red-flashing stop-then-proceed (2). */
const STOP_LIGHTS = new Set([2, 3]);
/** Braking beyond this is not comfortable, m/s². */
const COMFORT_DECEL = 2.5;
/** The stop line sits about one junction radius before the node centre, m. */
const JUNCTION_RADIUS_M = 14;

interface Approach {
	node: number;
	phase: number;
	stopX: number;
	stopY: number;
}

/** The light (SPAT LightState number) a phase shows `inS` seconds from the SPAT's time, or null. */
function lightIn(states: PbObject[], inS: number): number | null {
	for (const s of states) {
		const tm = (s.timing ?? {}) as { startTime?: number; likelyEndTime?: number };
		const start = timeMarkS(tm.startTime ?? 0);
		const end = timeMarkS(tm.likelyEndTime ?? 0);
		if (start === null || end === null) continue; // an unknown time says nothing
		if (start <= inS && inS < end) return (s.light as number) ?? 0;
	}
	return null;
}

/**
 * Red Light Violation Warning: SPAT says our phase will be red when we reach the stop line, and
 * stopping needs more than comfortable braking.
 */
export class Rlvw extends VehicleApp {
	readonly id = 'rlvw';
	private approach = new Map<number, Approach>();
	protected check(ctx: AppContext, e: Ego, tx: Transmission, f: Frame) {
		const map = f.mapData as PbObject | undefined;
		if (map) this.learnApproach(ctx, e, map);
		const spat = f.spat as PbObject | undefined;
		const ap = this.approach.get(e.id);
		if (!spat || !ap) return;
		for (const i of (spat.intersections as PbObject[]) ?? []) {
			if (((i.intersectionId as PbObject)?.id as number) !== ap.node) continue;
			const phase = ((i.phases as PbObject[]) ?? []).find((p) => ((p.id as number) ?? 0) === ap.phase);
			const d = relative(e, ap.stopX, ap.stopY).ahead;
			if (d < 0 || e.speed < 3) return;
			const arrive = d / e.speed; // s
			const light = lightIn((phase?.phaseStates as PbObject[]) ?? [], arrive);
			const needed = (e.speed * e.speed) / (2 * d);
			if (light !== null && STOP_LIGHTS.has(light) && needed > COMFORT_DECEL)
				this.warn(ctx, e, 'danger', 'rlvw', { arrive: tenth(arrive), distance: Math.round(d) }, tx);
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
				const back = JUNCTION_RADIUS_M / Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
				this.approach.set(e.id, {
					node: ((node.id as PbObject)?.id as number) ?? 0, phase,
					stopX: b.x - (b.x - a.x) * back, stopY: b.y - (b.y - a.y) * back
				});
				return;
			}
		}
	}
}
