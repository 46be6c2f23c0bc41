// Cloud-control samples (vehicle to cloud and cloud to vehicle), as proto3 JSON payloads.
import { de, type JsonObject, type PayloadType } from '../codec';
import { SAMPLE_TIME_MS, YIZHUANG, at, eNode, offset, street, streetHeadingUnits, xNode } from './places';

const X = YIZHUANG.intersection;

function header(seq: number, dtMs = 0): JsonObject {
	return {
		vehicleId: YIZHUANG.vehicleId,
		platformId: 'BJ-YZ-EDGE-01',
		seq,
		timestampMs: String(SAMPLE_TIME_MS + dtMs),
		tier: 'CLOUD_PLATFORM_TIER_EDGE'
	};
}


export const cloud = {
	vehicle_status_report: () => ({
		header: header(4211),
		gnssTimeMs: String(SAMPLE_TIME_MS - 20),
		pos: at(...street(-85, 5.3)),
		posAccuracy: { semiMajor: 30, semiMinor: 20, orientation: 16384 },
		gnssSpeed: 600,
		heading: streetHeadingUnits(),
		transmission: 'TRANSMISSION_STATE_FORWARD_GEARS',
		steeringWheelAngle: -2,
		canSpeed: 602,
		accelSet: { lon: -45, lat: 3, vert: 0, yaw: 12 },
		brakes: { brakePedal: 'BRAKE_PEDAL_STATUS_OFF' },
		driveMode: 'CLOUD_DRIVE_MODE_ASSISTED',
		destination: at(1800, 650),
		automationLevel: 2,
		energyLevel: 68,
		odometer: 18342,
		brakePedalPosition: 0,
		accelPedalPosition: 12
	}),
	vehicle_event_report: () => ({
		header: header(4212, 150),
		eventType: 101, // GB/T 29100-2012 traffic accident
		pos: at(...street(240, 8.6)),
		severity: 'CLOUD_SEVERITY_HIGH',
		description: 'Two-car collision blocking the right lane',
		confidence: 170,
		eventTimeMs: String(SAMPLE_TIME_MS - 4000),
		radius: 300
	}),
	vehicle_request: () => ({
		header: header(4213, 200),
		requestId: 77,
		kind: 'CLOUD_REQUEST_KIND_GREEN_WAVE',
		destination: at(1800, 650),
		intersection: xNode,
		link: { upstreamNodeId: { region: X.region, id: 1003 }, downstreamNodeId: xNode },
		validUntilMs: String(SAMPLE_TIME_MS + 30_000)
	}),
	speed_advice: () => ({
		header: header(9001, 260),
		requestId: 77,
		intersection: xNode,
		phaseId: 1,
		advisedSpeedMin: de.Speed.fromPhysical(10), // m/s = 36 km/h
		advisedSpeedMax: de.Speed.fromPhysical(13.88), // m/s = 50 km/h
		distanceToStopLine: de.Distance.fromPhysical(85), // m
		timeToChange: de.TimeMark.fromPhysical(18.5), // green ends in 18.5 s
		validUntilMs: String(SAMPLE_TIME_MS + 10_000),
		reason: 'CLOUD_SPEED_ADVICE_REASON_PASS_ON_GREEN',
		requiresAck: true
	}),
	lane_advice: () => ({
		header: header(9002, 300),
		targetLink: { upstreamNodeId: xNode, downstreamNodeId: eNode, referenceLanes: 0b110 },
		targetLane: 2,
		reason: 'CLOUD_LANE_ADVICE_REASON_LANE_CLOSED',
		distanceToAct: 1200,
		advisedSpeed: 555,
		validUntilMs: String(SAMPLE_TIME_MS + 20_000),
		requiresAck: true
	}),
	hazard_notice: () => ({
		header: header(9003, 320),
		hazardId: 5120,
		eventType: 101,
		pos: at(...street(240, 8.6)),
		radius: 300,
		description: 'Accident ahead on Rongchang East Street, right lane blocked',
		validFromMs: String(SAMPLE_TIME_MS - 4000),
		validUntilMs: String(SAMPLE_TIME_MS + 900_000),
		severity: 'CLOUD_SEVERITY_HIGH',
		link: { upstreamNodeId: xNode, downstreamNodeId: eNode },
		affectedLanes: [3]
	}),
	route_guidance: () => ({
		header: header(9004, 400),
		requestId: 78,
		routeId: 301,
		destination: at(1800, 650),
		waypoints: [at(0, 0), at(720, 15), at(720, 650), at(1800, 650)],
		roadNames: ['Rongchang East Street', 'Jinghai Road', 'Kechuang Street'],
		distance: 2480,
		eta: 290,
		requiresAck: false
	}),
	remote_command: () => ({
		header: header(9005, 450),
		command: 'CLOUD_COMMAND_SLOW_DOWN',
		targetSpeed: de.Speed.fromPhysical(8.34), // m/s = 30 km/h
		deceleration: 150,
		duration: 60,
		deadlineMs: String(SAMPLE_TIME_MS + 3000),
		requiresAck: true,
		reason: 'Pedestrians crossing at the work zone'
	}),
	map_update: () => ({
		header: header(9006, 500),
		mapVersion: 'YZ-2026.11.26-2',
		area: { circle: { center: at(0, 0), radius: 1500 } },
		tileId: 116051,
		changes: [
			{
				changeType: 'CLOUD_MAP_CHANGE_TYPE_MODIFIED',
				element: 'CLOUD_MAP_ELEMENT_TYPE_SPEED_LIMIT',
				link: { upstreamNodeId: xNode, downstreamNodeId: eNode },
				speedLimit: 555,
				description: 'Temporary 40 km/h limit for road works'
			}
		],
		payloadFormat: 'CLOUD_MAP_PAYLOAD_FORMAT_PROTO_MAP_DATA',
		requiresAck: true
	}),
	acknowledgement: () => ({
		header: header(4214, 620),
		ackedSeq: 9001,
		ackedKind: 'CLOUD_MESSAGE_KIND_SPEED_ADVICE',
		result: 'CLOUD_ACK_RESULT_ACCEPTED',
		attempt: 1
	})
} satisfies Partial<Record<PayloadType, () => JsonObject>>;
