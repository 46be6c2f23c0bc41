// What an application on a vehicle or RSU may know and do: its own node's state (from its own
// sensors), the map projection, sending as its node, raising a warning. Received messages come
// to it as decoded frames; it never sees other road users' ground truth.
import type { MessageFrame, PbObject } from '../codec';
import type { Alert, TextParams, Transmission } from './events';
import type { Clock } from './messages';

/** A vehicle's own state: local metres, degrees clockwise from north, m/s. */
export interface EgoState {
	id: number;
	x: number;
	y: number;
	heading: number;
	speed: number;
}

/** The junction at the end of a vehicle's road (what its navigation map says). */
export interface JunctionAhead {
	node: number;
	/** To the stop line, m. */
	distanceM: number;
	signalled: boolean;
	/** The signal phase governing the vehicle's approach, or null. */
	phaseId: number | null;
}

/** An RSU as its own applications know it. */
export interface RsuSelf {
	id: number;
	id8: Uint8Array;
	lat: number;
	lon: number;
	/** The junctions it serves (node ids). */
	nodes: number[];
}

export interface AppContext {
	/** Sim time now, ms. */
	readonly nowMs: number;
	/** Region of node ids in MAP, SPAT and VIR. */
	readonly region: number;
	/** The standards' time fields now (secMark, moy, UTC). */
	clock(): Clock;
	/** A vehicle's own state, or null if it has left. */
	ego(id: number): EgoState | null;
	/** Degrees to local metres of the map projection, and back. */
	toXY(lat: number, lon: number): { x: number; y: number };
	toLatLon(x: number, y: number): { lat: number; lon: number };
	junctionAhead(vehicle: number): JunctionAhead | null;
	/** The RSU with this node id, or null. */
	rsu(id: number): RsuSelf | null;
	/**
	 * The signal at `node` gives the phase `phaseId` green from now for `seconds` (an RSU granting
	 * a priority request). False if there is no such signal or phase.
	 */
	grantPriority(node: number, phaseId: number, seconds: number): boolean;
	/** A node's temporary id and its next message count, for sending as it. */
	identity(id: number): { tempId: Uint8Array; msgCnt: number; clock: Clock } | null;
	/** Broadcasts a payload over PC5 as node `sender` (vehicle or RSU); null if it has no radio. */
	broadcast(sender: number, type: string, payload: PbObject): Transmission | null;
	/** Records a warning: `key` names its text under "alerts" in the i18n catalogues. */
	raiseAlert(node: number, app: string, level: Alert['level'], key: string, params: TextParams, cause?: Transmission): void;
}

/** Something that listens to what nodes receive (vehicle applications, scenario logic). */
export interface ReceiverApp {
	onReceive(ctx: AppContext, receiver: number, tx: Transmission, frame: MessageFrame): void;
}
