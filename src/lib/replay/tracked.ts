// A road user as its own messages (BSM, PSM) describe it.
import type { PbObject } from '../codec';
import { headingDeg, positionDeg, speedMs, KIND_CODES, type Snapshot } from '../sim';

export interface Tracked {
	id: number;
	/** Snapshot kind code (KIND_CODES). */
	kind: number;
	lat: number;
	lon: number;
	/** degrees from north */
	heading: number;
	/** m/s */
	speed: number;
	braking: boolean;
	/** Replay time of its latest message, ms. */
	seenAt: number;
}

const BRAKE_ON = 2;
const CAR = KIND_CODES.indexOf('car');
const BUS = KIND_CODES.indexOf('bus');
const TRUCK = KIND_CODES.indexOf('truck');
const EMERGENCY = KIND_CODES.indexOf('emergency');

/** Vehicle kind code from J2735 BasicVehicleClass and the emergency extension. */
function kindOf(bsm: PbObject): number {
	if (bsm.emergencyExt) return EMERGENCY;
	const c = ((bsm.vehicleClass as PbObject | undefined)?.classification as number) ?? 0;
	if (c >= 50 && c < 60) return BUS; // transit
	if (c >= 20 && c < 40) return TRUCK; // light truck, truck
	if (c >= 60 && c < 70) return EMERGENCY;
	return CAR;
}

/**
 * The state a BSM or PSM gives of its sender, or null without an available position. An
 * unavailable heading or speed keeps the last one known (0 at first).
 */
export function absorb(m: PbObject | undefined, isBsm: boolean, id: number, nowMs: number, before?: Tracked): Tracked | null {
	const pos = m ? positionDeg(m.pos) : null;
	if (!m || !pos) return null;
	return {
		id,
		kind: isBsm ? kindOf(m) : CAR,
		lat: pos.lat,
		lon: pos.lon,
		heading: headingDeg(m.heading) ?? before?.heading ?? 0,
		speed: speedMs(m.speed) ?? before?.speed ?? 0,
		braking: ((m.brakes as PbObject | undefined)?.brakePedal as number) === BRAKE_ON,
		seenAt: nowMs
	};
}

/**
 * Road users in the map's snapshot layout (one typed array per column, sim/events.ts
 * VehicleSnapshot), in the order given; `flagsOf` gives each one's flag bits (1 braking, …).
 */
export function packVehicles<T extends Tracked>(list: readonly T[], flagsOf: (x: T) => number): Snapshot['vehicles'] {
	const n = list.length;
	const v = {
		id: new Int32Array(n), kind: new Uint8Array(n), lat: new Float64Array(n), lon: new Float64Array(n),
		heading: new Float32Array(n), speed: new Float32Array(n), flags: new Uint8Array(n)
	};
	list.forEach((x, i) => {
		v.id[i] = x.id;
		v.kind[i] = x.kind;
		v.lat[i] = x.lat;
		v.lon[i] = x.lon;
		v.heading[i] = x.heading;
		v.speed[i] = x.speed;
		v.flags[i] = flagsOf(x);
	});
	return v;
}
