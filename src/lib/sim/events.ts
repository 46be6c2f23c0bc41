// What a source of traffic tells the world outside it: transmissions, warnings, vehicles coming
// and going, road events, and snapshots for drawing. The live simulation and a replayed capture
// produce the same shapes.
import type { RoadEvent } from './messages';
import type { ProfileName } from '../uper/profiles';
import type { FrameEncoding } from './on-air';
import type { Light } from './signals';
import type { VehicleKind } from './vehicles';

export type Channel = 'pc5' | 'uu';

export interface Transmission {
	kind: 'tx';
	/** Transmission number, from 0. */
	seq: number;
	/** Sim time, ms. */
	t: number;
	sender: number;
	channel: Channel;
	/** Payload field name of the frame: bsm, spat, speed_advice, ... */
	type: string;
	bytes: Uint8Array;
	/** What `bytes` are encoded in (UPER under the run's `config.onAir` profile). */
	encoding: FrameEncoding;
	/** The UPER profile (X.691 schema revision) of `bytes`, set when `encoding` is 'uper'. */
	profile?: ProfileName;
	/** Node ids that received it, in increasing order (on PC5, empty unless config.recordReceivers is true). */
	receivers: number[];
	/**
	 * The same ids as a typed array, set instead of `receivers` on PC5 transmissions when
	 * config.recordReceivers is 'ids' (a view into a shared buffer: read it, don't write it).
	 */
	receiverIds?: Int32Array;
	receiverCount: number;
	latencyMs: number;
	/**
	 * Set on a publication received from a broker that did not decode (type 'undecodable'): what
	 * is wrong and where; `bytes` are then the raw payload.
	 */
	error?: string;
}

/** Values for an i18n text's `{{placeholders}}`. */
export type TextParams = Record<string, string | number>;

/**
 * A warning raised by a vehicle application from messages it received. Its wording is the UI's:
 * `key` names a text under "alerts" in src/lib/i18n/{en,zh}.json, `params` fills it in.
 */
export interface Alert {
	kind: 'alert';
	t: number;
	/** The node warned (a vehicle; an RSU for signal priority). */
	node: number;
	/** The application: eebl, icw, glosa, rlvw, vru, evw, rsi, hazard, priority. */
	app: string;
	level: 'info' | 'warning' | 'danger';
	/** i18n key, e.g. "alerts.eebl". */
	key: string;
	params: TextParams;
	/** The transmission that made it fire. */
	cause?: number;
	causeType?: string;
	causeSender?: number;
}

export type SimEvent =
	| Transmission
	| Alert
	| { kind: 'enter'; t: number; id: number; vehicleKind: VehicleKind }
	| { kind: 'exit'; t: number; id: number }
	| { kind: 'road-event'; t: number; action: 'start' | 'end'; event: RoadEvent }
	| { kind: 'id-change'; t: number; id: number; tempId: string };

export interface VehicleSnapshot {
	id: Int32Array;
	kind: Uint8Array;
	lat: Float64Array;
	lon: Float64Array;
	/** degrees clockwise from north */
	heading: Float32Array;
	/** m/s */
	speed: Float32Array;
	/** bit 0 braking, bit 1 waiting at a signal, bit 2 hard braking */
	flags: Uint8Array;
}

/**
 * A road event as the UI shows it: the event, plus its label as an i18n key and parameters
 * (`road` is the English road name; `roadName` has both, for the UI's language).
 */
export type RoadEventView = RoadEvent & { key: string; params: TextParams; roadName: { en: string; zh: string } };

export interface Snapshot {
	/** Sim time, ms. */
	t: number;
	vehicles: VehicleSnapshot;
	vrus: { id: number; kind: 'pedestrian' | 'cyclist'; lat: number; lon: number; heading: number }[];
	signals: { node: number; approaches: { linkId: number; light: Light; remaining: number }[] }[];
	events: RoadEventView[];
}
