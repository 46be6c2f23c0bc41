// On-board units of vehicles and of pedestrians' and cyclists' phones: their temporary ids and
// message counts, what they send (BSM and PSM over PC5 at 10 Hz; status and event reports to
// the cloud over Uu at 1 Hz) and how a vehicle acts on what the cloud sends it.
import { de as codecDe, messageType, toHex, type PbObject } from '../codec';
import { CLOUD_ID } from './nodes';
import type { SimConfig } from './config';
import type { Delivery } from './delivery';
import type { EventLog } from './event-log';
import * as M from './messages';
import type { Network } from './network';
import { PLATFORM_ID } from './cloud';
import { speedMs } from './physical';
import type { Rng } from './rng';
import type { Traffic, Vehicle } from './traffic';
import type { Vrus } from './vrus';

// Imported bindings read once into module constants: a CommonJS-compiled run (tsx: the bench,
// the tests) reads every imported name through a getter at each use, ~10 per message.
const de = codecDe;

/** Antenna height above the ellipsoid, m (the pilot zones lie about 30 m up). */
const ELEVATION_M = 30;
/** The same in the model's units (0.1 m), converted once rather than per BSM. */
const ELEVATION_DM = de.Elevation.fromPhysical(ELEVATION_M);
/** How close ahead an accident must be for a vehicle to report it, m. */
const REPORT_ACCIDENT_WITHIN_M = 80;
const REASON_PASS_ON_GREEN = 1;
const ACK_ACCEPTED = 2;

interface Obu {
	tempId: Uint8Array;
	idChangeAt: number;
	msgCnt: number;
	/** ms offset of this node's 1 Hz report within the second */
	phase: number;
	reportSeq: number;
}


export class Obus {
	private map = new Map<number, Obu>();
	private reported = new Set<string>();

	constructor(
		private readonly config: SimConfig,
		private readonly rng: Rng,
		private readonly log: EventLog,
		private readonly net: Network,
		private readonly traffic: Traffic,
		private readonly vrus: Vrus,
		private readonly radio: Delivery
	) {}

	/** Equips node `id` at `nowMs`: a fresh temporary id, message count and report phase. */
	add(id: number, nowMs: number): void {
		const rng = this.rng;
		const phase = Math.floor(rng.next() * 10) * 100; // which 100 ms of the second carries the 1 Hz report
		this.map.set(id, {
			tempId: rng.bytes(8),
			idChangeAt: nowMs + this.rotationMs(),
			msgCnt: rng.int(0, 127),
			phase,
			reportSeq: 0
		});
	}

	/** Unequips a node that has left. */
	remove(id: number): void {
		this.map.delete(id);
	}

	private rotationMs(): number {
		return Math.round(this.config.idRotationS * 1000 * this.rng.range(0.8, 1.2));
	}

	/** A node's temporary id and next message count (for apps that send as the node). */
	identity(id: number, nowMs: number): { tempId: Uint8Array; msgCnt: number; clock: M.Clock } | null {
		const obu = this.map.get(id);
		if (!obu) return null;
		obu.msgCnt = (obu.msgCnt + 1) & 127;
		return { tempId: obu.tempId, msgCnt: obu.msgCnt, clock: M.clockAt(this.config.startTimeMs, nowMs) };
	}

	/** The next message count, after changing the temporary id when its time has come. */
	private nextCount(obu: Obu, id: number, nowMs: number): number {
		if (nowMs >= obu.idChangeAt) {
			obu.tempId = this.rng.bytes(8);
			obu.idChangeAt = nowMs + this.rotationMs();
			this.log.push({ kind: 'id-change', t: nowMs, id, tempId: toHex(obu.tempId) });
		}
		return (obu.msgCnt = (obu.msgCnt + 1) & 127);
	}

	/** Everything vehicles and VRUs send in the step ending at clock.nowMs. */
	send(clock: M.Clock, roadEvents: M.RoadEvent[]): void {
		const cfg = this.config;
		const now = clock.nowMs;
		const tenHz = now % 100 < cfg.stepMs;
		for (const veh of this.traffic.vehicles.values()) {
			const obu = this.map.get(veh.id)!;
			const pos = this.net.toLatLon(veh.x, veh.y);
			if (cfg.messages.bsm && tenHz) {
				const msgCnt = this.nextCount(obu, veh.id, now);
				this.radio.pc5(now, veh.id, veh.x, veh.y, cfg.radio.pc5.rangeM, 'bsm', M.bsm(veh, pos, obu.tempId, msgCnt, clock, ELEVATION_DM));
			}
			if (cfg.messages.cloud && now % 1000 === obu.phase) {
				this.radio.uu(now, veh.id, CLOUD_ID, 'vehicle_status_report', this.statusReport(veh, obu, pos, clock));
				this.reportAccidents(veh, obu, clock, roadEvents);
			}
		}
		if (cfg.messages.psm && tenHz)
			for (const p of this.vrus.list) {
				if (!p.hasDevice) continue;
				const obu = this.map.get(p.id)!;
				const msgCnt = this.nextCount(obu, p.id, now);
				this.radio.pc5(now, p.id, p.x, p.y, cfg.radio.pc5.rangeM, 'psm', M.psm(p, this.net.toLatLon(p.x, p.y), obu.tempId, msgCnt, clock));
			}
	}

	/** An accident close ahead is reported to the cloud, once. */
	private reportAccidents(veh: Vehicle, obu: Obu, clock: M.Clock, roadEvents: M.RoadEvent[]): void {
		for (const ev of roadEvents) {
			const key = `${veh.id}:${ev.id}`;
			if (ev.kind !== 'accident' || ev.edge !== veh.edge || ev.s <= veh.s || ev.s - veh.s >= REPORT_ACCIDENT_WITHIN_M || this.reported.has(key)) continue;
			this.reported.add(key);
			this.radio.uu(clock.nowMs, veh.id, CLOUD_ID, 'vehicle_event_report', {
				header: this.header(veh.id, obu, clock),
				eventType: M.EVENT_CODES.accident,
				pos: M.position7(ev.pos),
				severity: 3,
				description: 'Accident seen ahead',
				confidence: 160,
				eventTimeMs: clock.utcMs
			});
		}
	}

	private header(id: number, obu: Obu, clock: M.Clock) {
		return { vehicleId: `V${id}`, platformId: PLATFORM_ID, seq: ++obu.reportSeq, timestampMs: clock.utcMs, tier: 1 };
	}

	private statusReport(veh: Vehicle, obu: Obu, pos: { lat: number; lon: number }, clock: M.Clock): PbObject {
		return {
			header: this.header(veh.id, obu, clock),
			gnssTimeMs: clock.utcMs,
			pos: { ...M.position7(pos), elevation: de.Elevation.fromPhysical(ELEVATION_M) },
			posAccuracy: { semiMajor: 30, semiMinor: 20, orientation: 0 },
			gnssSpeed: de.Speed.fromPhysical(veh.v),
			heading: de.Heading.fromPhysical(veh.heading),
			transmission: 3,
			canSpeed: de.Speed.fromPhysical(veh.v),
			accelSet: { lon: de.Acceleration.fromPhysical(veh.acc) },
			brakes: { brakePedal: veh.acc < -0.3 ? 2 : 1 },
			driveMode: veh.kind === 'bus' ? 2 : 1,
			automationLevel: veh.kind === 'bus' ? 2 : 0
		};
	}

	/** A vehicle acts on cloud advice and acknowledges what asks for it. */
	receive(id: number, type: string, msg: PbObject, clock: M.Clock): void {
		const veh = this.traffic.vehicles.get(id);
		const obu = this.map.get(id);
		if (!veh || !obu) return;
		if (type === 'speed_advice' && !veh.script?.ignoreAdvice) this.followSpeedAdvice(veh, msg, clock);
		else if (type === 'lane_advice') {
			const link = msg.targetLink as { upstreamNodeId?: { id: number }; downstreamNodeId?: { id: number } };
			const e = this.net.edges.find((x) => x.from === link.upstreamNodeId?.id && x.to === link.downstreamNodeId?.id);
			if (e) veh.laneAdvice = { linkId: e.linkId, lane: ((msg.targetLane as number) ?? 1) - 1 };
		}
		if (msg.requiresAck)
			this.radio.uu(clock.nowMs, id, CLOUD_ID, 'acknowledgement', {
				header: this.header(id, obu, clock),
				ackedSeq: (msg.header as { seq: number }).seq,
				ackedKind: messageType(type).cloudKind ?? 0,
				result: ACK_ACCEPTED,
				attempt: 1
			});
	}

	/**
	 * Follows advice to pass on green at the middle of the advised range; advice to stop at red
	 * needs no speed cap (the car stops at the light anyway). Advice without speeds is ignored.
	 */
	private followSpeedAdvice(veh: Vehicle, msg: PbObject, clock: M.Clock): void {
		const lo = speedMs(msg.advisedSpeedMin ?? 0);
		const hi = speedMs(msg.advisedSpeedMax ?? 0);
		if (lo === null || hi === null) return;
		const passOnGreen = ((msg.reason as number) ?? REASON_PASS_ON_GREEN) === REASON_PASS_ON_GREEN;
		veh.adviceMax = passOnGreen ? (lo + hi) / 2 : 0;
		veh.adviceUntil = clock.nowMs + Math.max(0, Number(msg.validUntilMs) - clock.utcMs);
	}
}
