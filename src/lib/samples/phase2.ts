// Phase-2 samples (T/CSAE 157-2020), as proto3 JSON payloads.
import { de, parseHex, toBase64, type JsonObject, type PayloadType } from '../codec';
import { SAMPLE_TIME_MS, YIZHUANG, at, eNode, moyOf, offset, secMarkOf, street, streetHeadingUnits, xNode } from './places';

const X = YIZHUANG.intersection;
const sm = () => secMarkOf(SAMPLE_TIME_MS);
const b64 = (hex: string) => toBase64(parseHex(hex));
const text8 = (s: string) => toBase64(new TextEncoder().encode(s.padEnd(8, ' ').slice(0, 8)));


export const phase2 = {
	/** The intersection RSU shares a detected cyclist and a traffic cone. */
	ssm: () => ({
		msgCnt: 9,
		id: text8('YZ1001RS'),
		equipmentType: 'EQUIPMENT_TYPE_RSU',
		secMark: sm(),
		sensorPos: at(-8, 10, 38),
		detectedRegion: [{ points: [offset(-60, -20), offset(60, -20), offset(60, 20), offset(-60, 20)] }],
		participants: [
			{
				ptc: {
					ptcType: 'PARTICIPANT_TYPE_NON_MOTOR',
					ptcId: 31,
					source: 'SOURCE_TYPE_LIDAR',
					secMark: sm(),
					pos: offset(...street(-18, 9)),
					posConfidence: { pos: 'POSITION_CONFIDENCE_A20CM' },
					speed: de.Speed.fromPhysical(4.2), // m/s
					heading: streetHeadingUnits(),
					size: { width: 60, length: 180, height: 34 }
				},
				objSizeConfidence: { widthConf: 'SIZE_VALUE_CONFIDENCE_000_10', lengthConf: 'SIZE_VALUE_CONFIDENCE_000_20' },
				detectedPtcType: 'DETECTED_PTC_TYPE_CYCLIST',
				typeConfidence: 186,
				tracking: 12
			}
		],
		obstacles: [
			{
				obsType: 'OBSTACLE_TYPE_TRAFFICCONE',
				objTypeConfidence: 190,
				obsId: 4,
				source: 'SOURCE_TYPE_LIDAR',
				secMark: sm(),
				pos: offset(...street(195, 8.6)),
				posConfidence: { pos: 'POSITION_CONFIDENCE_A20CM' },
				speed: 0,
				heading: 0,
				size: { width: 40, length: 40, height: 14 },
				objSizeConfidence: { widthConf: 'SIZE_VALUE_CONFIDENCE_000_05', lengthConf: 'SIZE_VALUE_CONFIDENCE_000_05' },
				tracking: 340
			}
		]
	}),
	/** A pedestrian with a phone crossing Hongda South Road on the north crosswalk. */
	psm: () => ({
		msgCnt: 64,
		id: b64('7e21a04c9d3b5f60'),
		secMark: sm(),
		pos: at(12, 9),
		posAccuracy: { semiMajor: 60, semiMinor: 40, orientation: 0 },
		speed: de.Speed.fromPhysical(1.4), // m/s
		heading: 14400, // south
		accelSet: { lon: 0, lat: 0, vert: 0, yaw: 0 },
		overallRadius: 5,
		nonMotorData: {
			basicType: 'PERSONAL_DEVICE_USER_TYPE_PEDESTRIAN',
			propulsion: { human: 'HUMAN_PROPELLED_TYPE_ON_FOOT' },
			clusterSize: 'NUMBER_OF_PARTICIPANTS_IN_CLUSTER_SMALL',
			personalReq: { crossing: 'PERSONAL_CROSSING_CROSSING' }
		}
	}),
	/** A bus asks the intersection for signal priority for its straight-on movement. */
	vir: () => ({
		msgCnt: 3,
		id: b64('b05a11c4e7d29803'),
		secMark: sm(),
		refPos: at(...street(-140, 5.3)),
		intAndReq: {
			currentPos: { pos: offset(0, 0), speed: 555, heading: streetHeadingUnits() },
			pathPlanning: [
				{ pos: offset(...street(70)), speed: 555, heading: streetHeadingUnits(), estimatedTime: 1260 },
				{ pos: offset(...street(160)), speed: 555, heading: streetHeadingUnits(), estimatedTime: 2880 }
			],
			reqs: [
				{
					reqId: 1,
					status: 'REQ_STATUS_REQUEST',
					reqPriority: 0xc0,
					targetRsu: text8('YZ1001RS'),
					info: {
						signalPriority: {
							intersectionId: xNode,
							requiredMov: { remoteIntersection: eNode, phaseId: 1, turnDirection: 'VIR_MANEUVER_STRAIGHT' },
							estimatedArrivalTime: 1260,
							distance2Intersection: 700
						}
					},
					lifeTime: 1500
				}
			]
		}
	}),
	/** The RSU tells the bus to keep 40 km/h in lane 2 through the intersection. */
	rsc: () => ({
		msgCnt: 4,
		id: text8('YZ1001RS'),
		secMark: sm(),
		refPos: at(0, 0),
		coordinates: [
			{
				vehId: b64('b05a11c4e7d29803'),
				driveSuggestion: {
					suggestion: 1,
					lifeTime: 1000,
					relatedLink: { upstreamNodeId: { region: X.region, id: 1003 }, downstreamNodeId: xNode, referenceLanes: 0b100 }
				},
				pathGuidance: [{ pos: offset(...street(-70, 5.3)), speed: 555, heading: streetHeadingUnits(), estimatedTime: 600 }]
			}
		]
	}),
	/** The leader of a three-truck platoon on Rongchang East Street. */
	clpmm: () => ({
		msgCnt: 15,
		id: b64('c1a7000000000001'),
		secMark: sm(),
		pid: toBase64(new TextEncoder().encode('PLT-YZ-2026-00001')), // 17 octets
		role: 'ROLE_IN_PLATOONING_LEADER',
		status: 'STATUS_IN_PLATOONING_NAVIGATING',
		leadingExt: {
			memberList: [{ vid: b64('c1a7000000000001') }, { vid: b64('c1a7000000000002') }, { vid: b64('c1a7000000000003') }],
			capacity: 5,
			openToJoin: true
		}
	}),
	/** A roadside unit's bench test: a counter and a short ASCII payload. */
	test_msg: () => ({
		msgCnt: 1,
		userData: toBase64(new TextEncoder().encode('CV2X PC5 test 0001'))
	}),
	/** The intersection RSU forwards its reference station's RTCM 3 antenna position (type 1005). */
	rtcm: () => ({
		msgCnt: 22,
		corrections: [
			{
				rev: 'RTCM_REVISION_RTCM_REV3_2',
				rtcmId: 1005,
				// one RTCM 3 frame: preamble d3, 19-octet body (station id, ECEF antenna reference point), CRC-24Q
				payload: b64('d300133ed7d30202980edeef34b4bd62ac0941986f33360b98')
			}
		]
	}),
	/** The car park under the east building: entrance node, one crossing, a drive with two slots, guidance for one car. */
	pam: (): JsonObject => ({
		msgCnt: 7,
		moy: moyOf(SAMPLE_TIME_MS),
		parkingLotInfo: { id: 1201, name: 'Yizhuang East P1', number: 180, buildingLayerNum: 2, avpType: 'AVP_TYPE_P4' },
		pamNodes: [
			{ id: 1301, refPos: at(70, 40, 33), floor: 0, attributes: 0b1 /* entrance */ },
			{
				id: 1302,
				refPos: at(70, 80, 30),
				floor: -1,
				inDrives: [
					{
						upstreamPamNodeId: 1301,
						driveId: 1,
						twoWaySeparation: false,
						speedLimit: de.Speed.fromPhysical(5 / 3.6), // 5 km/h
						heightRestriction: 22, // 2.2 m
						driveWidth: 600, // cm
						laneNum: 2,
						points: [{ posOffset: offset(0, -40) }, { posOffset: offset(0, -20) }],
						movements: [1301],
						parkingSlots: [slot(2101, 'B101', 'SLOT_STATUS_AVAILABLE', -20), slot(2102, 'B102', 'SLOT_STATUS_OCCUPIED', -17.5)]
					}
				]
			}
		],
		parkingAreaGuidance: [{ vehId: b64('5f3a9c2e11d07b46'), drivePath: [1301, 1302], targetParkingSlot: 2101 }]
	}),
	/** A toll gantry's RSU opens a free-flow transaction: its service table (RST). */
	vpm: () => ({
		msgCnt: 30,
		initializationRequest: {
			time: dateTimeOf(SAMPLE_TIME_MS),
			id: text8('YZGT0042'),
			paymentList: [
				{
					pid: 'PAYMENT_ENTITY_ID_FREEFLOW',
					paymentInfo: {
						paymentInfoType1: {
							tollingNodeInfo: { id: '110101042', pos: at(-300, -5, 36), tollingNodeType: 'TOLLING_NODE_TYPE_GANTRY', tollingDirection: 'TOLLING_DIRECTION_NORTHEAST' },
							tollInfo: { price: 1250 /* 12.50 yuan */, tollRoad: [{ region: X.region, id: 1003 }, xNode, eNode] }
						}
					}
				}
			]
		}
	})
} satisfies Partial<Record<PayloadType, () => JsonObject>>;

/** A 2.5 m x 5.3 m slot at the drive's east side, `north` metres from the node (offsets from its ref_pos). */
function slot(slotId: number, sign: string, status: string, north: number) {
	return {
		slotId,
		position: { topLeft: offset(2, north), topRight: offset(2, north + 2.5), bottomLeft: offset(7.3, north) },
		sign,
		parkingType: 0b10, // ordinary
		status,
		parkingSpaceTheta: 'PARKING_SPACE_THETA_VERTICAL',
		parkingLock: 'PARKING_LOCK_NOLOCK'
	};
}

/** A DDateTime of UTC time `ms` (Beijing time offset, +480 min). */
function dateTimeOf(ms: number) {
	const d = new Date(ms);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() * 1000 + d.getUTCMilliseconds(), offset: 480 };
}
