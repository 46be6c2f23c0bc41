// Vehicle applications of T/CSAE 53's day-1 set, each computing its warning only from messages
// the vehicle actually received (decoded from their bytes). None of them reads the world's
// ground truth about other road users.
import type { PbObject } from '../../codec';
import type { ReceiverApp, Transmission, World } from '../../sim/world';
import { clockAt, deg7, units } from '../../sim/messages';
import { ego, headingGap, offsetXY, relative, xy, type Ego } from './geometry';

type Frame = Record<string, unknown>;

/** Raises each (receiver, app) warning once per `coolMs`, so a warning is an event, not a flood. */
abstract class VehicleApp implements ReceiverApp {
	abstract readonly id: string;
	private last = new Map<number, number>();
	constructor(
		/** Only these vehicles run the app (the scenario's equipped vehicles); all if empty. */
		readonly equipped: Set<number> = new Set(),
		readonly coolMs = 5000
	) {}

	onReceive(world: World, receiver: number, tx: Transmission, frame: unknown) {
		if (this.equipped.size && !this.equipped.has(receiver)) return;
		const e = ego(world, receiver);
		if (!e) return;
		this.check(world, e, tx, frame as Frame);
	}

	protected abstract check(world: World, e: Ego, tx: Transmission, frame: Frame): void;

	protected warn(world: World, e: Ego, level: 'info' | 'warning' | 'danger', text: string, tx: Transmission): boolean {
		const prev = this.last.get(e.id);
		if (prev !== undefined && world.timeMs - prev < this.coolMs) return false;
		this.last.set(e.id, world.timeMs);
		world.raiseAlert(e.id, this.id, level, text, tx);
		return true;
	}
}

const HARD_BRAKING = 1 << 7; // VehicleEventFlags bit 7

/** Emergency Electronic Brake Light: a vehicle ahead, same direction, flags hard braking. */
export class Eebl extends VehicleApp {
	readonly id = 'eebl';
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const bsm = f.bsm as PbObject | undefined;
		const events = ((bsm?.safetyExt as PbObject | undefined)?.events as number) ?? 0;
		if (!bsm || !(events & HARD_BRAKING)) return;
		const pos = bsm.pos as { lat: number; lon: number };
		const p = xy(world, pos.lat, pos.lon);
		const r = relative(e, p.x, p.y);
		if (r.ahead < 0 || r.ahead > 300 || Math.abs(r.lateral) > 8) return;
		if (headingGap(e.heading, ((bsm.heading as number) ?? 0) * 0.0125) > 30) return;
		this.warn(world, e, 'danger', `EEBL: hard braking ${Math.round(r.ahead)} m ahead`, tx);
	}
}

/**
 * Intersection Collision Warning: another vehicle on a crossing path reaches the crossing point
 * within 1.5 s of us, in the next 7 s (constant-speed prediction from its BSM).
 */
export class Icw extends VehicleApp {
	readonly id = 'icw';
	/** What the driver does when warned: brake (set by the scenario). */
	onWarn?: (world: World, vehicle: number) => void;
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const bsm = f.bsm as PbObject | undefined;
		if (!bsm || e.speed < 1) return;
		const h2 = ((bsm.heading as number) ?? 0) * 0.0125;
		const gap = headingGap(e.heading, h2);
		if (gap < 45 || gap > 135) return;
		const pos = bsm.pos as { lat: number; lon: number };
		const p = xy(world, pos.lat, pos.lon);
		const v2 = ((bsm.speed as number) ?? 0) * 0.02;
		// crossing point of the two straight paths
		const a = { x: Math.sin((e.heading * Math.PI) / 180), y: Math.cos((e.heading * Math.PI) / 180) };
		const b = { x: Math.sin((h2 * Math.PI) / 180), y: Math.cos((h2 * Math.PI) / 180) };
		const det = a.x * -b.y - a.y * -b.x;
		if (Math.abs(det) < 1e-6) return;
		const dx = p.x - e.x;
		const dy = p.y - e.y;
		const s1 = (dx * -b.y - dy * -b.x) / det; // metres along our path
		const s2 = (a.x * dy - a.y * dx) / det; // metres along theirs
		if (s1 < 0 || s2 < 0 || v2 < 1) return;
		const t1 = s1 / e.speed;
		const t2 = s2 / v2;
		if (t1 > 7 || t2 > 7 || Math.abs(t1 - t2) > 1.5) return;
		if (this.warn(world, e, 'danger', `ICW: crossing vehicle, impact in ${t1.toFixed(1)} s`, tx)) this.onWarn?.(world, e.id);
	}
}

/** Emergency Vehicle Warning: an emergency vehicle with its siren on, close behind or ahead. */
export class Evw extends VehicleApp {
	readonly id = 'evw';
	onWarn?: (world: World, vehicle: number) => void;
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const bsm = f.bsm as PbObject | undefined;
		const ext = bsm?.emergencyExt as PbObject | undefined;
		if (!bsm || !ext || (ext.sirenUse as number) !== 2) return;
		const pos = bsm.pos as { lat: number; lon: number };
		const p = xy(world, pos.lat, pos.lon);
		const r = relative(e, p.x, p.y);
		if (r.distance > 250 || headingGap(e.heading, ((bsm.heading as number) ?? 0) * 0.0125) > 40) return;
		const where = r.ahead < 0 ? 'behind' : 'ahead';
		if (this.warn(world, e, 'warning', `EVW: emergency vehicle ${Math.round(r.distance)} m ${where}, give way`, tx)) this.onWarn?.(world, e.id);
	}
}

/** Vulnerable Road User warning: a pedestrian or cyclist on our path, seen by roadside sensors (RSM) or sending PSM. */
export class Vru extends VehicleApp {
	readonly id = 'vru';
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const candidates: { x: number; y: number; what: string }[] = [];
		const rsm = f.rsm as PbObject | undefined;
		if (rsm) {
			const ref = rsm.refPos as { lat: number; lon: number };
			for (const p of (rsm.participants as PbObject[]) ?? []) {
				const type = (p.ptcType as number) ?? 0;
				if (type !== 2 && type !== 3) continue;
				const q = offsetXY(world, ref, p.pos);
				candidates.push({ ...q, what: type === 3 ? 'pedestrian (seen by the RSU)' : 'cyclist (seen by the RSU)' });
			}
		}
		const psm = f.psm as PbObject | undefined;
		if (psm) {
			const pos = psm.pos as { lat: number; lon: number };
			candidates.push({ ...xy(world, pos.lat, pos.lon), what: 'pedestrian (PSM)' });
		}
		for (const c of candidates) {
			const r = relative(e, c.x, c.y);
			if (r.ahead > 2 && r.ahead < 35 && Math.abs(r.lateral) < 7 && e.speed > 1) {
				this.warn(world, e, 'danger', `VRU: ${c.what} ${Math.round(r.ahead)} m ahead`, tx);
				return;
			}
		}
	}
}

/** Road hazards from the roadside (RSI events) on our road ahead. */
export class RoadWorks extends VehicleApp {
	readonly id = 'rsi';
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const rsi = f.rsi as PbObject | undefined;
		if (!rsi) return;
		const ref = rsi.refPos as { lat: number; lon: number };
		for (const rte of (rsi.rtes as PbObject[]) ?? []) {
			const q = offsetXY(world, ref, rte.eventPos);
			const r = relative(e, q.x, q.y);
			if (r.ahead > 0 && r.ahead < 400 && Math.abs(r.lateral) < 15) {
				const what = (rte.description as string) ?? 'road event';
				this.warn(world, e, 'warning', `RSI: ${what.split('/')[0].trim()}, ${Math.round(r.ahead)} m ahead`, tx);
				return;
			}
		}
	}
}

/** Hazard notices from the cloud platform over Uu. */
export class CloudHazard extends VehicleApp {
	readonly id = 'hazard';
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const h = f.hazardNotice as PbObject | undefined;
		if (!h) return;
		this.warn(world, e, 'warning', `Cloud: ${(h.description as string)?.split('/')[0].trim() ?? 'hazard ahead'}`, tx);
	}
}

/** Green Light Optimal Speed Advisory, as the cloud advises it (and the vehicle follows it). */
export class Glosa extends VehicleApp {
	readonly id = 'glosa';
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const a = f.speedAdvice as PbObject | undefined;
		if (!a) return;
		const max = ((a.advisedSpeedMax as number) ?? 0) * 0.072;
		const min = ((a.advisedSpeedMin as number) ?? 0) * 0.072;
		const reason = (a.reason as number) === 2 ? 'stop at red' : 'pass on green';
		this.warn(world, e, 'info', `GLOSA: ${Math.round(min)}–${Math.round(max)} km/h to ${reason}`, tx);
	}
}

/**
 * Red Light Violation Warning: SPAT says our phase will be red when we reach the stop line, and
 * stopping needs more than comfortable braking. Phase and stop line come from the MAP we heard.
 */
export class Rlvw extends VehicleApp {
	readonly id = 'rlvw';
	private approach = new Map<number, { node: number; phase: number; stopX: number; stopY: number }>();
	protected check(world: World, e: Ego, tx: Transmission, f: Frame) {
		const map = f.mapData as PbObject | undefined;
		if (map) this.learnApproach(world, e, map);
		const spat = f.spat as PbObject | undefined;
		const ap = this.approach.get(e.id);
		if (!spat || !ap) return;
		for (const i of (spat.intersections as PbObject[]) ?? []) {
			if (((i.intersectionId as PbObject)?.id as number) !== ap.node) continue;
			const phase = ((i.phases as PbObject[]) ?? []).find((p) => ((p.id as number) ?? 0) === ap.phase);
			const states = (phase?.phaseStates as PbObject[]) ?? [];
			const d = relative(e, ap.stopX, ap.stopY).ahead;
			if (d < 0 || e.speed < 3) return;
			const arrive = d / e.speed; // s
			// the light when we arrive
			const at = states.find((s) => {
				const tm = (s.timing ?? {}) as { startTime?: number; likelyEndTime?: number };
				return (tm.startTime ?? 0) / 10 <= arrive && arrive < (tm.likelyEndTime ?? 0) / 10;
			});
			const light = (at?.light as number) ?? 0;
			const red = light === 3 || light === 2;
			const needed = (e.speed * e.speed) / (2 * d);
			if (red && needed > 2.5) this.warn(world, e, 'danger', `RLVW: red light in ${arrive.toFixed(1)} s, ${Math.round(d)} m — stop!`, tx);
		}
	}

	/** Finds the MAP link we are driving on (its end is our stop line) and its signal phase. */
	private learnApproach(world: World, e: Ego, map: PbObject) {
		for (const node of (map.nodes as PbObject[]) ?? []) {
			const ref = node.refPos as { lat: number; lon: number };
			for (const link of (node.inLinks as PbObject[]) ?? []) {
				const pts = ((link.points as PbObject[]) ?? []).map((p) => offsetXY(world, ref, p.posOffset));
				if (pts.length < 2) continue;
				const a = pts[pts.length - 2];
				const b = pts[pts.length - 1];
				const heading = ((Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI + 360) % 360;
				if (headingGap(heading, e.heading) > 20) continue;
				const r = relative(e, b.x, b.y);
				if (r.ahead < 0 || r.ahead > 600 || Math.abs(r.lateral) > 15) continue;
				const phase = ((link.movements as PbObject[]) ?? []).find((m) => m.phaseId !== undefined)?.phaseId as number | undefined;
				if (phase === undefined) continue;
				// the stop line sits one junction radius before the node centre
				const back = 14 / Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
				this.approach.set(e.id, {
					node: ((node.id as PbObject)?.id as number) ?? 0, phase,
					stopX: b.x - (b.x - a.x) * back, stopY: b.y - (b.y - a.y) * back
				});
				return;
			}
		}
	}
}

/**
 * Emergency vehicle signal priority, both ends. The ambulance's unit asks the next signal for
 * priority in a VIR (vehicle intention and request, T/CSAE 157); the RSU serving that junction
 * grants it (the plan is retimed so the ambulance's approach is green) and answers with an RSC.
 */
export class SignalPriority implements ReceiverApp {
	readonly id = 'priority';
	private askedAt = new Map<number, number>();
	private granted = new Set<number>();
	constructor(readonly ambulance: number) {}

	/** Called every step: within 220 m of a signalled junction the ambulance asks once a second until granted. */
	tick(world: World) {
		const v = world.traffic.vehicles.get(this.ambulance);
		if (!v) return;
		const e = world.net.edges[v.edge];
		const ctrl = world.signals.get(e.to);
		const dist = e.stopLine - v.s;
		if (!ctrl || dist > 220 || dist < 5 || this.granted.has(e.to)) return;
		if (world.timeMs - (this.askedAt.get(e.to) ?? -1e9) < 1000) return;
		const me = world.identity(this.ambulance);
		if (!me) return;
		this.askedAt.set(e.to, world.timeMs);
		const pos = world.net.toLatLon(v.x, v.y);
		const phase = ctrl.phases[ctrl.phaseOfLink(e.linkId)];
		const eta = dist / Math.max(v.v, 1);
		world.broadcast(this.ambulance, 'vir', {
			msgCnt: me.msgCnt,
			id: me.tempId,
			secMark: me.clock.secMark,
			refPos: { lat: deg7(pos.lat), lon: deg7(pos.lon) },
			intAndReq: {
				currentPos: { pos: { latOffset: 0, lonOffset: 0 }, speed: units.speedUnits(v.v), heading: units.headingUnits(v.heading) },
				reqs: [
					{
						reqId: 1,
						status: 1, // request
						reqPriority: 0xe0,
						info: {
							signalPriority: {
								intersectionId: { region: world.region, id: e.to },
								requiredMov: { remoteIntersection: { region: world.region, id: e.to }, phaseId: phase?.id ?? 0 },
								estimatedArrivalTime: Math.min(65534, Math.max(1, Math.round(eta * 100))),
								distance2Intersection: Math.min(10000, Math.round(dist * 10))
							}
						},
						lifeTime: 2000
					}
				]
			}
		});
	}

	onReceive(world: World, receiver: number, tx: Transmission, frame: unknown) {
		const vir = (frame as Frame).vir as PbObject | undefined;
		const rsu = world.rsus.find((r) => r.id === receiver);
		if (!vir || !rsu) return;
		for (const req of ((vir.intAndReq as PbObject)?.reqs as PbObject[]) ?? []) {
			const sp = (req.info as PbObject | undefined)?.signalPriority as PbObject | undefined;
			const node = ((sp?.intersectionId as PbObject | undefined)?.id as number) ?? 0;
			if (!sp || !rsu.nodes.some((n) => n.id === node) || this.granted.has(node)) continue;
			const ctrl = world.signals.get(node);
			// the approach the request comes from: the signalled link whose phase it names
			const phaseId = ((sp.requiredMov as PbObject)?.phaseId as number) ?? 0;
			const link = ctrl?.phases.find((p) => p.id === phaseId)?.approaches.values().next().value;
			if (!ctrl || link === undefined) continue;
			const eta = (((sp.estimatedArrivalTime as number) ?? 1000) / 100) + 4;
			ctrl.grantPriority(link, world.timeMs / 1000, eta);
			this.granted.add(node);
			world.raiseAlert(receiver, this.id, 'info', `Signal priority: green for the ambulance at junction ${node} (${Math.round(eta)} s)`, tx);
			const pos = { lat: rsu.lat, lon: rsu.lon };
			world.broadcast(receiver, 'rsc', {
				msgCnt: 1,
				id: rsu.id8,
				secMark: clockAt(world.config.startTimeMs, world.timeMs).secMark,
				refPos: { lat: deg7(pos.lat), lon: deg7(pos.lon) },
				coordinates: [{ vehId: vir.id as Uint8Array, driveSuggestion: { suggestion: 1, lifeTime: Math.round(eta * 100) } }]
			});
		}
	}
}
