// Vehicle kinds and the Intelligent Driver Model (Treiber, Hennecke, Helbing 2000).

export type VehicleKind = 'car' | 'bus' | 'truck' | 'emergency';
export const VEHICLE_KINDS: VehicleKind[] = ['car', 'bus', 'truck', 'emergency'];

export interface VehicleSpec {
	length: number;
	width: number;
	height: number;
	/** IDM maximum acceleration, m/s² */
	aMax: number;
	/** IDM comfortable deceleration, m/s² */
	b: number;
	/** IDM desired time headway, s */
	T: number;
	/** IDM jam distance, m */
	s0: number;
	/** Desired speed as a factor of the limit: [min, max], drawn per vehicle. */
	speedFactor: [number, number];
	/** J2735 BasicVehicleClass (also CSAE 53): 10 passenger, 25 truck, 54 local bus, 65 ambulance. */
	classification: number;
}

export const SPECS: Record<VehicleKind, VehicleSpec> = {
	car: { length: 4.7, width: 1.85, height: 1.5, aMax: 1.8, b: 2.5, T: 1.3, s0: 2, speedFactor: [0.85, 1.08], classification: 10 },
	bus: { length: 12, width: 2.55, height: 3.2, aMax: 1.0, b: 1.8, T: 1.6, s0: 2.5, speedFactor: [0.75, 0.9], classification: 54 },
	truck: { length: 10, width: 2.5, height: 3.6, aMax: 0.9, b: 1.8, T: 1.7, s0: 3, speedFactor: [0.75, 0.92], classification: 25 },
	emergency: { length: 5.6, width: 2.1, height: 2.6, aMax: 2.2, b: 3, T: 1.1, s0: 2, speedFactor: [1.1, 1.25], classification: 65 }
};

/** Hardest braking a vehicle can do, m/s² (dry asphalt). */
export const MAX_DECEL = 9;

/**
 * IDM acceleration for speed v (m/s) with desired speed v0, a gap (m, bumper to bumper) to the
 * leader and the closing speed dv = v - v_leader. gap = Infinity means a free road.
 */
export function idmAccel(v: number, v0: number, gap: number, dv: number, p: VehicleSpec): number {
	const free = 1 - (v / Math.max(v0, 0.1)) ** 4;
	if (gap === Infinity) return p.aMax * free;
	const sStar = p.s0 + Math.max(0, v * p.T + (v * dv) / (2 * Math.sqrt(p.aMax * p.b)));
	const a = p.aMax * (free - (sStar / Math.max(gap, 0.01)) ** 2);
	return Math.max(-MAX_DECEL, a);
}
