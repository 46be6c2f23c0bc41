// Road users as the messages from a broker describe them: vehicles from their BSMs, pedestrians
// and cyclists from their PSMs, and whatever roadside sensors report in RSMs (each participant
// under its own id, keyed by RSU and ptcId by the caller). A node not heard of for `staleMs`
// is no longer drawn, as in a replay.
import type { PbObject } from '../codec';
import { absorb, packVehicles, type Tracked } from '../replay/tracked';
import type { Snapshot } from '../sim';
import { offsetPosition } from './positions';

export type VruKind = 'pedestrian' | 'cyclist';

interface Vehicle extends Tracked {
	hardBraking: boolean;
}

interface Vru extends Tracked {
	vruKind: VruKind;
}

/** J2735 VehicleEventFlags bit 7, eventHardBraking (BSM safetyExt.events). */
const EVENT_HARD_BRAKING = 1 << 7;
/** PersonalDeviceUserType aPEDALCYCLIST (PSM nonMotorData.basicType). */
const PEDAL_CYCLIST = 2;
/** T/CSAE 53 ParticipantType: motor, non-motor, pedestrian (0 unknown and 4 the RSU itself are not drawn). */
export const PTC_MOTOR = 1;
export const PTC_NON_MOTOR = 2;
export const PTC_PEDESTRIAN = 3;

/** Snapshot flag bits (sim/events.ts VehicleSnapshot.flags). */
const FLAG_BRAKING = 1;
const FLAG_HARD_BRAKING = 4;

export class Participants {
	private vehicles = new Map<number, Vehicle>();
	private vrus = new Map<number, Vru>();

	constructor(readonly staleMs: number) {}

	/** Vehicles and VRUs drawn now. */
	get size(): number {
		return this.vehicles.size + this.vrus.size;
	}

	/** A BSM (model payload) from vehicle `id` at source time `nowMs`; false when it gave no usable position. */
	bsm(id: number, bsm: PbObject | undefined, nowMs: number): boolean {
		const t = absorb(bsm, true, id, nowMs, this.vehicles.get(id));
		if (!t) return false;
		const events = ((bsm!.safetyExt as PbObject | undefined)?.events as number | undefined) ?? 0;
		this.vrus.delete(id);
		this.vehicles.set(id, { ...t, hardBraking: (events & EVENT_HARD_BRAKING) !== 0 });
		return true;
	}

	/** A PSM (model payload) from pedestrian or cyclist `id`; false without a usable position. */
	psm(id: number, psm: PbObject | undefined, nowMs: number): boolean {
		const t = absorb(psm, false, id, nowMs, this.vrus.get(id));
		if (!t) return false;
		const basic = ((psm!.nonMotorData as PbObject | undefined)?.basicType as number | undefined) ?? 0;
		this.vehicles.delete(id);
		this.vrus.set(id, { ...t, vruKind: basic === PEDAL_CYCLIST ? 'cyclist' : 'pedestrian' });
		return true;
	}

	/**
	 * One RSM participant (ParticipantData) under id `id`, its position an offset from the RSM's
	 * `refPos`: motor vehicles are drawn as vehicles, non-motor as cyclists, pedestrians as
	 * pedestrians. False when its type is not drawn (unknown, the RSU) or its position unusable.
	 */
	participant(id: number, refPos: unknown, p: PbObject, nowMs: number): boolean {
		const type = typeof p.ptcType === 'number' ? p.ptcType : 0;
		if (type !== PTC_MOTOR && type !== PTC_NON_MOTOR && type !== PTC_PEDESTRIAN) return false;
		const pos = offsetPosition(refPos, p.pos);
		if (!pos) return false;
		// the fields absorb reads, in a BSM's shape (vehicleClass and speed and heading are the same data elements)
		const asBsm: PbObject = { pos: { lat: Math.round(pos.lat * 1e7), lon: Math.round(pos.lon * 1e7) }, heading: p.heading, speed: p.speed, vehicleClass: p.vehicleClass };
		if (type === PTC_MOTOR) return this.bsm(id, asBsm, nowMs);
		const t = absorb(asBsm, false, id, nowMs, this.vrus.get(id));
		if (!t) return false;
		this.vrus.set(id, { ...t, vruKind: type === PTC_PEDESTRIAN ? 'pedestrian' : 'cyclist' });
		return true;
	}

	/** Forgets every node last heard of more than `staleMs` before `nowMs`. */
	prune(nowMs: number): void {
		for (const map of [this.vehicles, this.vrus] as Map<number, Tracked>[])
			for (const [id, v] of map) if (nowMs - v.seenAt > this.staleMs) map.delete(id);
	}

	/** Where node `id` is drawn, or null. */
	positionOf(id: number): { lat: number; lon: number } | null {
		const v = this.vehicles.get(id) ?? this.vrus.get(id);
		return v ? { lat: v.lat, lon: v.lon } : null;
	}

	/** Vehicles (typed arrays, the map's layout) and VRUs as drawn now. */
	snapshot(): Pick<Snapshot, 'vehicles' | 'vrus'> {
		const v = packVehicles([...this.vehicles.values()], (x) => (x.braking ? FLAG_BRAKING : 0) | (x.hardBraking ? FLAG_HARD_BRAKING : 0));
		const vrus = [...this.vrus.values()].map((p) => ({ id: p.id, kind: p.vruKind, lat: p.lat, lon: p.lon, heading: p.heading }));
		return { vehicles: v, vrus };
	}
}
