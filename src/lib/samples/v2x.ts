// Phase-1 V2X samples (T/CSAE 53-2020), as proto3 JSON payloads.
import { de, parseHex, toBase64, type JsonObject, type PayloadType } from '../codec';
import { SAMPLE_TIME_MS, YIZHUANG, at, eNode, moyOf, offset, secMarkOf, street, streetHeadingUnits, xNode } from './places';

const X = YIZHUANG.intersection;
const E = YIZHUANG.eastIntersection;
const b64 = (hex: string) => toBase64(parseHex(hex));
const rsuIdB64 = () => toBase64(new TextEncoder().encode('YZ1001RS')); // 8-octet RSU id

function atStreet(along: number, right = 0) {
	const [e, n] = street(along, right);
	return at(e, n);
}
function offStreet(along: number, right = 0) {
	const [e, n] = street(along, right);
	return offset(e, n);
}

/** A car driving north-east on Rongchang East Street, 85 m before the junction, at 43.2 km/h. */
export function bsm(): JsonObject {
	return {
		msgCnt: 23,
		id: b64(YIZHUANG.vehicleIdHex),
		secMark: secMarkOf(SAMPLE_TIME_MS),
		pos: atStreet(-85, 5.3),
		posAccuracy: { semiMajor: 30, semiMinor: 20, orientation: 10322 },
		posConfidence: { pos: 'POSITION_CONFIDENCE_A1M', elevation: 'ELEVATION_CONFIDENCE_002_00' },
		transmission: 'TRANSMISSION_STATE_FORWARD_GEARS',
		speed: de.Speed.fromPhysical(12), // m/s = 43.2 km/h
		heading: streetHeadingUnits(), // 56.7 deg: along the street
		angle: -2,
		motionCfd: { speedCfd: 'SPEED_CONFIDENCE_PREC1MS', headingCfd: 'HEADING_CONFIDENCE_PREC0_1DEG' },
		accelSet: { lon: -45, lat: 3, vert: 0, yaw: 12 },
		brakes: { brakePedal: 'BRAKE_PEDAL_STATUS_OFF', abs: 'ANTI_LOCK_BRAKE_STATUS_ON', traction: 'TRACTION_CONTROL_STATUS_ON' },
		size: { width: 185, length: 490, height: 30 },
		vehicleClass: { classification: 10, fuelType: 'FUEL_TYPE_ELECTRIC' }
	};
}

/** MAP of the Rongchang East St / Hongda South Rd intersection: the eastbound approach. */
export function mapData(): JsonObject {
	const laneRef = (laneId: number, maneuvers: number, north: number, connects: JsonObject[]) => ({
		laneId,
		laneWidth: 350,
		laneAttributes: { laneType: { vehicle: 0 } },
		maneuvers,
		connectsTo: connects,
		points: [{ posOffset: offStreet(-150, north) }, { posOffset: offStreet(-20, north) }]
	});
	return {
		msgCnt: 5,
		moy: moyOf(SAMPLE_TIME_MS),
		nodes: [
			{
				name: X.name,
				id: { region: X.region, id: X.id },
				refPos: at(0, 0),
				inLinks: [
					{
						name: 'Rongchang East Street (north-east bound)',
						upstreamNodeId: { region: X.region, id: 1003 },
						speedLimits: [{ type: 'SPEED_LIMIT_TYPE_VEHICLE_MAX_SPEED', speed: de.Speed.fromPhysical(16.66) }], // m/s = 60 km/h
						laneWidth: 350,
						points: [{ posOffset: offStreet(-300, 5) }, { posOffset: offStreet(-20, 5) }],
						movements: [
							{ remoteIntersection: { region: E.region, id: E.id }, phaseId: 1 },
							{ remoteIntersection: { region: X.region, id: 1002 }, phaseId: 2 }
						],
						lanes: [
							laneRef(1, 0b10, 2, [{ remoteIntersection: { region: X.region, id: 1002 }, connectingLane: { lane: 11, maneuver: 0b10 }, phaseId: 2 }]),
							laneRef(2, 0b1, 5.3, [{ remoteIntersection: { region: E.region, id: E.id }, connectingLane: { lane: 21, maneuver: 0b1 }, phaseId: 1 }]),
							laneRef(3, 0b101, 8.6, [{ remoteIntersection: { region: E.region, id: E.id }, connectingLane: { lane: 22, maneuver: 0b1 }, phaseId: 1 }])
						]
					}
				]
			}
		]
	};
}

/** SPAT: phase 1 (east-west through) green with 18.5 s left, phase 2 (left turn) red. */
export function spat(): JsonObject {
	const t = SAMPLE_TIME_MS;
	return {
		msgCnt: 87,
		moy: moyOf(t),
		timeStamp: secMarkOf(t),
		name: X.name,
		intersections: [
			{
				intersectionId: { region: X.region, id: X.id },
				status: 0,
				moy: moyOf(t),
				timeStamp: secMarkOf(t),
				phases: [
					{
						id: 1,
						phaseStates: [
							{ light: 'LIGHT_STATE_PROTECTED_GREEN', timing: { startTime: 0, likelyEndTime: 185, nextDuration: 400 } },
							{ light: 'LIGHT_STATE_YELLOW', timing: { startTime: 185, likelyEndTime: 215 } },
							{ light: 'LIGHT_STATE_RED', timing: { startTime: 215, likelyEndTime: 815 } }
						]
					},
					{
						id: 2,
						phaseStates: [
							{ light: 'LIGHT_STATE_RED', timing: { startTime: 0, likelyEndTime: 215 } },
							{ light: 'LIGHT_STATE_PROTECTED_GREEN', timing: { startTime: 215, likelyEndTime: 415 } }
						]
					}
				]
			}
		]
	};
}

/** RSI: road works 200 m north-east on Rongchang East Street, and a construction sign. */
export function rsi(): JsonObject {
	const t = SAMPLE_TIME_MS;
	return {
		msgCnt: 12,
		moy: moyOf(t),
		id: rsuIdB64(),
		refPos: at(0, 0),
		rtes: [
			{
				rteId: 7,
				eventType: 401, // GB/T 29100-2012: road works (施工)
				eventSource: 'EVENT_SOURCE_GOVERNMENT',
				eventPos: offStreet(200, 8.6),
				eventRadius: de.Radius.fromPhysical(50), // m
				description: 'Road works: right lane closed / 道路施工，右侧车道封闭',
				timeDetails: { startTime: moyOf(t) - 120, endTime: moyOf(t) + 480 },
				priority: 0xa0,
				referencePaths: [{ activePath: [{ posOffset: offStreet(20, 5) }, { posOffset: offStreet(260, 5) }], pathRadius: 100 }],
				referenceLinks: [{ upstreamNodeId: { region: X.region, id: X.id }, downstreamNodeId: { region: E.region, id: E.id }, referenceLanes: 0b1000 }],
				eventConfidence: 180
			}
		],
		rtss: [
			{
				rtsId: 3,
				signType: 38, // under construction
				signPos: offStreet(60, 12),
				description: 'Construction zone 40 km/h',
				priority: 0x60,
				referencePaths: [{ activePath: [{ posOffset: offStreet(20, 5) }, { posOffset: offStreet(260, 5) }], pathRadius: 100 }]
			}
		]
	};
}

/** RSM: a pedestrian on the crosswalk and a car, seen by the intersection's camera and radar. */
export function rsm(): JsonObject {
	const sm = secMarkOf(SAMPLE_TIME_MS);
	return {
		msgCnt: 41,
		id: rsuIdB64(),
		refPos: at(0, 0),
		participants: [
			{
				ptcType: 'PARTICIPANT_TYPE_PEDESTRIAN',
				ptcId: 17,
				source: 'SOURCE_TYPE_VIDEO',
				secMark: sm,
				pos: offset(12, 8),
				posConfidence: { pos: 'POSITION_CONFIDENCE_A50CM' },
				speed: de.Speed.fromPhysical(1.3), // m/s, walking
				heading: 14400, // south
				size: { width: 50, length: 40, height: 34 }
			},
			{
				ptcType: 'PARTICIPANT_TYPE_MOTOR',
				ptcId: 18,
				source: 'SOURCE_TYPE_MICROWAVE_RADAR',
				secMark: sm,
				pos: offStreet(-40, 5),
				posConfidence: { pos: 'POSITION_CONFIDENCE_A1M' },
				transmission: 'TRANSMISSION_STATE_FORWARD_GEARS',
				speed: 520,
				heading: streetHeadingUnits(),
				accelSet: { lon: -80, lat: 0, vert: 0, yaw: 0 },
				size: { width: 180, length: 460, height: 30 },
				vehicleClass: { classification: 10 }
			}
		]
	};
}

/** The phase-1 samples by payload type (a new type's sample is added here, beside its builder). */
export const phase1 = { bsm, map_data: mapData, spat, rsi, rsm } satisfies Partial<Record<PayloadType, () => JsonObject>>;
