// Simulation configuration. Everything a run depends on is here, so config + seed fix the run.
import type { OnAir } from './on-air';
import type { CityFile } from './roads/types';

export interface RadioConfig {
	pc5: {
		/** Beyond this distance nothing is received, m (T/CSAE simulators use 300 m in town). */
		rangeM: number;
		/** Packet delivery ratio at short distance (0..1). Set 0 to cut the sidelink. */
		pdr0: number;
		/** Distance, as a fraction of range, where delivery falls to half of pdr0. */
		halfAt: number;
		/** One-way latency range, ms (sensing-based SPS on PC5: a few to ~20 ms). */
		latencyMs: [number, number];
	};
	uu: {
		/** Delivery ratio of the cellular path (0..1). */
		deliveryRatio: number;
		/** One-way latency vehicle/RSU <-> cloud, ms. */
		latencyMs: [number, number];
	};
}

export interface SimConfig {
	/** City id (see `cv2x cities`) or a CityFile (tests, synthetic grids). */
	city: string | CityFile;
	seed: number;
	/** Vehicles kept in the network (entering as others leave). */
	vehicles: number;
	/** Share of each vehicle kind; normalised. */
	mix: { car: number; bus: number; truck: number; emergency: number };
	/** Pedestrians and cyclists crossing at crossings, at once. */
	vrus: number;
	/** Simulation step, ms (BSM period is 100 ms, so 100 or a divisor of it). */
	stepMs: number;
	/** UTC time of sim time 0, ms since the epoch (secMark, moy and timestamps derive from it). */
	startTimeMs: number;
	radio: RadioConfig;
	/** Temporary id change period, s (J2735 suggests ~5 min); jittered per vehicle. */
	idRotationS: number;
	/** Messages and rates; false turns a kind off (for benchmarks and focused scenarios). */
	messages: { bsm: boolean; map: boolean; spat: boolean; rsi: boolean; rsm: boolean; psm: boolean; cloud: boolean };
	/**
	 * Record receiver ids per transmission: true as `receivers` (number[]); 'ids' as PC5
	 * transmissions' `receiverIds` only (a sorted Int32Array, `receivers` left empty: no array per
	 * broadcast, for a large run that only digests or counts them); false: counts only. Scenario
	 * applications listening get `receivers` whatever this says.
	 */
	recordReceivers: boolean | 'ids';
	/** RSU roadside sensor range, m, and position noise (1 sigma), m. */
	sensor: { rangeM: number; noiseM: number };
	/**
	 * How PC5 messages go on the air: the protobuf model (default) or ASN.1 UPER under a profile.
	 * Uu (cloud) messages are always protobuf: no standard UPER exists for them.
	 */
	onAir: OnAir;
}

export const DEFAULT_RADIO: RadioConfig = {
	pc5: { rangeM: 300, pdr0: 0.98, halfAt: 0.85, latencyMs: [3, 20] },
	uu: { deliveryRatio: 0.999, latencyMs: [20, 60] }
};

export const DEFAULT_CONFIG: SimConfig = {
	city: 'beijing-yizhuang',
	seed: 1,
	vehicles: 60,
	mix: { car: 0.8, bus: 0.08, truck: 0.09, emergency: 0.03 },
	vrus: 6,
	stepMs: 100,
	startTimeMs: Date.UTC(2026, 10, 26, 8, 0, 0),
	radio: DEFAULT_RADIO,
	idRotationS: 300,
	messages: { bsm: true, map: true, spat: true, rsi: true, rsm: true, psm: true, cloud: true },
	recordReceivers: true,
	sensor: { rangeM: 150, noiseM: 0.5 },
	onAir: { encoding: 'protobuf' }
};

export type SimConfigInput = Partial<Omit<SimConfig, 'radio' | 'messages' | 'mix' | 'sensor'>> & {
	radio?: { pc5?: Partial<RadioConfig['pc5']>; uu?: Partial<RadioConfig['uu']> };
	messages?: Partial<SimConfig['messages']>;
	mix?: Partial<SimConfig['mix']>;
	sensor?: Partial<SimConfig['sensor']>;
};

/** Fills in defaults. */
export function resolveConfig(input: SimConfigInput = {}): SimConfig {
	return {
		...DEFAULT_CONFIG,
		...input,
		radio: {
			pc5: { ...DEFAULT_RADIO.pc5, ...input.radio?.pc5 },
			uu: { ...DEFAULT_RADIO.uu, ...input.radio?.uu }
		},
		messages: { ...DEFAULT_CONFIG.messages, ...input.messages },
		mix: { ...DEFAULT_CONFIG.mix, ...input.mix },
		sensor: { ...DEFAULT_CONFIG.sensor, ...input.sensor }
	} as SimConfig;
}
