// What drives the map and the log: a source of traffic that advances in steps and reports what
// happened. The live simulation (World), a replayed capture (Replay) and a broker's traffic
// (LiveSource in live/source.ts) implement it. Nothing here is specific to how the traffic is made.
import type { CityFile } from './roads/types';
import type { SimEvent, Snapshot } from './events';

/** A roadside unit as drawn on the map. */
export interface RsuView {
	id: number;
	name: string;
	lat: number;
	lon: number;
	/** PC5 range, m. */
	rangeM: number;
}

/** PC5 deliveries by distance from the sender, in bins of `binM` metres: tried and reached. */
export interface RadioBins {
	binM: number;
	tried: Float64Array;
	delivered: Float64Array;
}

/** Where the data came from, for the header of an exported capture. */
export interface EngineMeta {
	/** UTC time of t = 0, ms since the epoch. */
	startTimeMs: number;
	city: string;
	seed?: number;
	vehicles?: number;
	/** The UPER profile PC5 messages are encoded in, when they are UPER (a run's `onAir`). */
	profile?: string;
}

export interface Engine {
	/** The road network the traffic runs on (drawn under it). */
	readonly city: CityFile;
	readonly rsus: readonly RsuView[];
	/** Length of one step, ms. */
	readonly stepMs: number;
	/** Current time, ms since t = 0. */
	readonly timeMs: number;
	/** True when nothing more will happen (a replay at its end); a live source is never done. */
	readonly done: boolean;
	/** Measured PC5 delivery by distance (all zero where the source cannot know it). */
	readonly radioBins: RadioBins;
	readonly meta: EngineMeta;
	/** Advances by dtMs, rounded to whole steps (default one step). */
	step(dtMs?: number): void;
	/** The events since the last call, in the order they happened. */
	drainEvents(): SimEvent[];
	/** Positions and states now, for drawing. */
	snapshot(): Snapshot;
	/** A node's name ("car-10012", "RSU-BJ-YZ-01", "cloud"). */
	nodeName(id: number): string;
	/** Where a node is now, or null (the cloud; a node that has left). */
	positionOf(id: number): { lat: number; lon: number } | null;
}
