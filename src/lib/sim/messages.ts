// Builders that turn world state into message objects (protobufjs shape, standard units). The
// world encodes them with the codec; nothing here knows about bytes.
import { de as codecDe, type PbObject } from '../codec';
import type { Network, NetNode } from './network';
import type { SignalController, Light } from './signals';
import type { Vehicle } from './traffic';
import type { Vru } from './vrus';

// Imported bindings read once into module constants: a CommonJS-compiled run (tsx: the bench,
// the tests) reads every imported name through a getter at each use, ~10 per message.
const de = codecDe;

/** A position in degrees as the standards' Position3D / Position2D integers (DE_Latitude, DE_Longitude). */
export function position7(p: { lat: number; lon: number }): { lat: number; lon: number } {
	return { lat: de.Latitude.fromPhysical(p.lat), lon: de.Longitude.fromPhysical(p.lon) };
}
const speedUnits = (ms: number) => de.Speed.fromPhysical(ms);
const headingUnits = (deg: number) => de.Heading.fromPhysical(deg);
const accelUnits = (ms2: number) => de.Acceleration.fromPhysical(ms2);
const tenths = (s: number) => de.TimeMark.fromPhysical(s);
const CM_PER_M = 100;
/** A lane's width, m, as DE_LaneWidth (cm). */
const laneWidth = (m: number) => de.LaneWidth.fromPhysical(m * CM_PER_M);

/** A VehicleSize from metres (DE_VehicleWidth and DE_VehicleLength in cm, DE_VehicleHeight in 5 cm). */
function vehicleSize(widthM: number, lengthM: number, heightM: number) {
	return {
		width: de.VehicleWidth.fromPhysical(widthM * CM_PER_M),
		length: de.VehicleLength.fromPhysical(lengthM * CM_PER_M),
		height: de.VehicleHeight.fromPhysical(heightM * CM_PER_M)
	};
}

/** Sim time to the standards' time fields. */
export interface Clock {
	nowMs: number;
	utcMs: number;
	secMark: number;
	moy: number;
}

/** The standards' time fields at sim time nowMs (ms) of a run starting at UTC startTimeMs: DSecond (secMark, ms in the minute) and MinuteOfTheYear (moy). */
export function clockAt(startTimeMs: number, nowMs: number): Clock {
	const utcMs = startTimeMs + nowMs;
	const d = new Date(utcMs);
	return {
		nowMs,
		utcMs,
		secMark: utcMs % 60000,
		moy: Math.floor((utcMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / 60000)
	};
}

// Enum numbers of the model (proto/cv2x/v1): kept as named constants for readability.
const TRANSMISSION_FORWARD = 3;
const BRAKE_OFF = 1;
const BRAKE_ON = 2;
const POS_CONF_A1M = 9;
const POS_CONF_A50CM = 10;
const RESPONSE_EMERGENCY = 2;
const SIREN_IN_USE = 2;
const LIGHTBAR_IN_USE = 2;
const EVENT_HARD_BRAKING = 1 << 7;
const SPEED_LIMIT_VEHICLE_MAX = 5;
const LIGHT: Record<Light, number> = { green: 5, yellow: 7, red: 3 }; // permissive green, yellow, red
const LIGHT_PROTECTED_GREEN = 6;

export interface Position {
	lat: number;
	lon: number;
}

/** A BSM (T/CSAE 53 BasicSafetyMessage) of a vehicle at `pos` (degrees), with its temporary id, MsgCount and elevation (DE_Elevation units); hard braking sets the safety extension's event flag, an emergency vehicle adds its siren and light bar. */
export function bsm(veh: Vehicle, pos: Position, tempId: Uint8Array, msgCnt: number, clock: Clock, elevationDm: number): PbObject {
	const spec = veh.spec;
	const msg: PbObject = {
		msgCnt,
		id: tempId,
		secMark: clock.secMark,
		pos: { lat: de.Latitude.fromPhysical(pos.lat), lon: de.Longitude.fromPhysical(pos.lon), elevation: elevationDm },
		posAccuracy: BSM_POS_ACCURACY,
		posConfidence: BSM_POS_CONFIDENCE,
		transmission: TRANSMISSION_FORWARD,
		speed: speedUnits(veh.v),
		heading: headingUnits(veh.heading),
		accelSet: { lon: accelUnits(veh.acc), lat: 0, vert: 0, yaw: 0 },
		brakes: veh.acc < -0.3 ? BRAKES_ON : BRAKES_OFF,
		size: specParts(spec).size,
		vehicleClass: specParts(spec).vehicleClass
	};
	if (veh.hardBraking) msg.safetyExt = { events: EVENT_HARD_BRAKING };
	if (veh.kind === 'emergency')
		msg.emergencyExt = { responseType: RESPONSE_EMERGENCY, sirenUse: SIREN_IN_USE, lightsUse: LIGHTBAR_IN_USE };
	return msg;
}

// A BSM's parts that never change, built once and shared by every BSM (frozen: an encoder that
// wrote into its input would throw rather than corrupt the next message).
const BSM_POS_ACCURACY = Object.freeze({ semiMajor: 30, semiMinor: 20, orientation: 0 });
const BSM_POS_CONFIDENCE = Object.freeze({ pos: POS_CONF_A1M });
const BRAKES_ON = Object.freeze({ brakePedal: BRAKE_ON });
const BRAKES_OFF = Object.freeze({ brakePedal: BRAKE_OFF });

type Spec = Vehicle['spec'];
const SPEC_PARTS = new WeakMap<Spec, { size: object; vehicleClass: object }>();

/** A vehicle model's VehicleSize and VehicleClassification, built once per model. */
function specParts(spec: Spec): { size: object; vehicleClass: object } {
	let parts = SPEC_PARTS.get(spec);
	if (!parts) {
		parts = Object.freeze({
			size: Object.freeze(vehicleSize(spec.width, spec.length, spec.height)),
			vehicleClass: Object.freeze({ classification: spec.classification })
		});
		SPEC_PARTS.set(spec, parts);
	}
	return parts;
}

/** A PSM (T/CSAE 157 PersonalSafetyMessage) of a pedestrian or cyclist's phone at `pos` (degrees). */
export function psm(vru: Vru, pos: Position, tempId: Uint8Array, msgCnt: number, clock: Clock): PbObject {
	return {
		msgCnt,
		id: tempId,
		secMark: clock.secMark,
		pos: position7(pos),
		posAccuracy: { semiMajor: 60, semiMinor: 40, orientation: 0 },
		speed: speedUnits(vru.speed),
		heading: headingUnits(vru.heading),
		accelSet: {},
		overallRadius: vru.kind === 'cyclist' ? 10 : 5,
		nonMotorData: vru.kind === 'cyclist' ? { basicType: 2 } : { basicType: 1, propulsion: { human: 2 } }
	};
}

/** A PositionOffsetLlv from a reference position: the difference of the two encoded positions. */
function offset(ref: Position, p: Position) {
	const a = position7(ref);
	const b = position7(p);
	return { latOffset: b.lat - a.lat, lonOffset: b.lon - a.lon };
}

/** MAP for the nodes an RSU serves: each node with its incoming links, lanes and movements. */
export function mapData(net: Network, nodes: NetNode[], signals: Map<number, SignalController>, msgCnt: number, clock: Clock, region: number): PbObject {
	return {
		msgCnt,
		moy: clock.moy,
		nodes: nodes.slice(0, 63).map((n) => {
			const ref = { lat: n.lat, lon: n.lon };
			const ctrl = signals.get(n.id);
			return {
				name: n.name?.en ?? `Node ${n.id}`,
				id: { region, id: n.id },
				refPos: position7(n),
				inLinks: n.inEdges.slice(0, 32).map((ei) => {
					const e = net.edges[ei];
					const phase = ctrl ? ctrl.phaseOfLink(e.linkId) : -1;
					const phaseId = phase >= 0 ? ctrl!.phases[phase].id : undefined;
					const outs = net.nextEdges(e);
					const points = e.xs.slice(0, 31).map((x, k) => ({ posOffset: offset(ref, net.toLatLon(x, e.ys[k])) }));
					const maneuverBits = (lane: number) => {
						let bits = 0;
						for (const o of outs) {
							const t = net.turn(e, net.edges[o]);
							if (t === 'straight' && (e.lanes === 1 || lane > 0 || e.lanes === 2)) bits |= 1;
							if (t === 'left' && lane === 0) bits |= 2;
							if (t === 'right' && lane === e.lanes - 1) bits |= 4;
						}
						return bits || 1;
					};
					return {
						name: e.name.en,
						upstreamNodeId: { region, id: e.from },
						speedLimits: [{ type: SPEED_LIMIT_VEHICLE_MAX, speed: speedUnits(e.speedLimit) }],
						laneWidth: laneWidth(e.laneWidth),
						points,
						movements: outs.slice(0, 32).map((o) => ({
							remoteIntersection: { region, id: net.edges[o].to },
							...(phaseId !== undefined ? { phaseId } : {})
						})),
						lanes: Array.from({ length: Math.min(32, e.lanes) }, (_, lane) => ({
							laneId: lane + 1,
							laneWidth: laneWidth(e.laneWidth),
							laneAttributes: { laneType: { vehicle: 0 } },
							maneuvers: maneuverBits(lane)
						}))
					};
				})
			};
		})
	};
}

/** SPAT for signalised nodes: every phase's current state and the next two, as countdowns. */
export function spat(nodes: NetNode[], signals: Map<number, SignalController>, msgCnt: number, clock: Clock, tS: number, region: number): PbObject {
	return {
		msgCnt,
		moy: clock.moy,
		timeStamp: clock.secMark,
		intersections: nodes
			.filter((n) => signals.has(n.id))
			.slice(0, 32)
			.map((n) => {
				const ctrl = signals.get(n.id)!;
				const protectedGreen = ctrl.phases.length >= 4;
				return {
					intersectionId: { region, id: n.id },
					status: 0,
					moy: clock.moy,
					timeStamp: clock.secMark,
					phases: ctrl.phases.slice(0, 16).map((p, i) => ({
						id: p.id,
						phaseStates: ctrl.timeline(i, tS).map((st) => ({
							light: st.light === 'green' && protectedGreen ? LIGHT_PROTECTED_GREEN : LIGHT[st.light],
							timing: { startTime: tenths(st.start), likelyEndTime: tenths(st.end) }
						}))
					}))
				};
			})
	};
}

/** Road events known to RSUs and the cloud (GB/T 29100-2012 style codes; approximate). */
export type RoadEventKind = 'roadworks' | 'accident' | 'congestion';
export const EVENT_CODES: Record<RoadEventKind, number> = { accident: 101, roadworks: 401, congestion: 707 };

export interface RoadEvent {
	id: number;
	kind: RoadEventKind;
	/** Edge and distance along it. */
	edge: number;
	s: number;
	/** Lane closed by the event, or -1. */
	closedLane: number;
	radiusM: number;
	description: string;
	startMs: number;
	endMs: number;
	pos: Position;
}

/** An RSI (T/CSAE 53 RoadSideInformation) from an RSU at `ref` (degrees) listing up to 8 road events, positions as offsets from `ref`, times as MinuteOfTheYear. */
export function rsi(rsuId8: Uint8Array, ref: Position, events: RoadEvent[], net: Network, msgCnt: number, clock: Clock, startTimeMs: number, region: number): PbObject {
	return {
		msgCnt,
		moy: clock.moy,
		id: rsuId8,
		refPos: position7(ref),
		rtes: events.slice(0, 8).map((ev) => {
			const e = net.edges[ev.edge];
			return {
				rteId: ev.id % 256,
				eventType: EVENT_CODES[ev.kind],
				eventSource: 5, // detection
				eventPos: offset(ref, ev.pos),
				eventRadius: de.Radius.fromPhysical(ev.radiusM),
				description: ev.description,
				timeDetails: {
					startTime: clockAt(startTimeMs, ev.startMs).moy,
					endTime: clockAt(startTimeMs, ev.endMs).moy
				},
				priority: ev.kind === 'accident' ? 0xe0 : 0xa0,
				referenceLinks: [
					{
						upstreamNodeId: { region, id: e.from },
						downstreamNodeId: { region, id: e.to },
						...(ev.closedLane >= 0 ? { referenceLanes: 1 << (ev.closedLane + 1) } : {})
					}
				]
			};
		})
	};
}

export interface Detected {
	ptcType: number;
	ptcId: number;
	source: number;
	pos: Position;
	speed: number;
	heading: number;
	width: number;
	length: number;
	height: number;
	classification?: number;
}

/** An RSM (T/CSAE 53 RoadsideSafetyMessage) from an RSU at `ref` (degrees): up to 16 detected participants, positions as offsets from `ref`. */
export function rsm(rsuId8: Uint8Array, ref: Position, seen: Detected[], msgCnt: number, clock: Clock): PbObject {
	return {
		msgCnt,
		id: rsuId8,
		refPos: position7(ref),
		participants: seen.slice(0, 16).map((d) => ({
			ptcType: d.ptcType,
			ptcId: d.ptcId,
			source: d.source,
			secMark: clock.secMark,
			pos: offset(ref, d.pos),
			posConfidence: { pos: POS_CONF_A50CM },
			speed: speedUnits(d.speed),
			heading: headingUnits(d.heading),
			size: vehicleSize(d.width, d.length, d.height),
			...(d.classification !== undefined ? { vehicleClass: { classification: d.classification } } : {})
		}))
	};
}

