// The world as drawn: vehicles in flat typed arrays (sent to the UI thread without copying),
// pedestrians, signal lights and road events.
import type { RoadEventView, Snapshot, VehicleSnapshot } from './events';
import type { RoadEvent } from './messages';
import type { Network } from './network';
import { roadEventLabel } from './road-events';
import type { SignalController } from './signals';
import type { Traffic } from './traffic';
import type { VehicleKind } from './vehicles';
import type { Vrus } from './vrus';

/** Vehicle kind codes in snapshots: car 0, bus 1, truck 2, emergency 3. */
export const KIND_CODES: VehicleKind[] = ['car', 'bus', 'truck', 'emergency'];

/** Snapshot flag bits. */
const FLAG_BRAKING = 1;
const FLAG_WAITING = 2;
const FLAG_HARD_BRAKING = 4;
/** Deceleration shown as braking, m/s² (as the brake pedal in BSMs). */
const BRAKING_BELOW = -0.3;

function vehicleArrays(net: Network, traffic: Traffic): VehicleSnapshot {
	const vs = [...traffic.vehicles.values()];
	const n = vs.length;
	const snap: VehicleSnapshot = {
		id: new Int32Array(n), kind: new Uint8Array(n), lat: new Float64Array(n), lon: new Float64Array(n),
		heading: new Float32Array(n), speed: new Float32Array(n), flags: new Uint8Array(n)
	};
	vs.forEach((v, i) => {
		const p = net.toLatLon(v.x, v.y);
		snap.id[i] = v.id;
		snap.kind[i] = KIND_CODES.indexOf(v.kind);
		snap.lat[i] = p.lat;
		snap.lon[i] = p.lon;
		snap.heading[i] = v.heading;
		snap.speed[i] = v.v;
		snap.flags[i] = (v.acc < BRAKING_BELOW ? FLAG_BRAKING : 0) | (v.waitingAtSignal ? FLAG_WAITING : 0) | (v.hardBraking ? FLAG_HARD_BRAKING : 0);
	});
	return snap;
}

/** How far before an event's point its closed lane is drawn as closed (m): vehicles leave it there. */
const CLOSURE_BEFORE_M = 30;
/** ... and after it (m): the obstacle itself. */
const CLOSURE_AFTER_M = 8;

/**
 * What the map draws of a road event besides its position and radius: the closed lane's centre
 * line from CLOSURE_BEFORE_M before the event to CLOSURE_AFTER_M after it (WGS-84, in travel
 * order) and the lane width (m). Absent for events that close no lane (congestion).
 */
export interface RoadEventDrawing {
	closedPath?: { lat: number; lon: number }[];
	laneWidthM: number;
	/** The link the event is on and whether it is against the link's from → to direction. */
	linkId: number;
}

function eventDrawing(ev: RoadEvent, net: Network): RoadEventDrawing {
	const e = net.edges[ev.edge];
	const out: RoadEventDrawing = { laneWidthM: e.laneWidth, linkId: e.linkId };
	if (ev.closedLane < 0) return out;
	const from = Math.max(0, ev.s - CLOSURE_BEFORE_M);
	const to = Math.min(e.length, ev.s + CLOSURE_AFTER_M);
	// the edge's own shape points between the ends, so the closure follows a curve
	const ss = [from, ...e.cum.filter((c) => c > from && c < to), to];
	out.closedPath = ss.map((s) => {
		const p = net.pointAt(e, s, ev.closedLane);
		return net.toLatLon(p.x, p.y);
	});
	return out;
}

/** Positions and states at `nowMs`, for rendering. */
export function takeSnapshot(
	nowMs: number,
	net: Network,
	traffic: Traffic,
	vrus: Vrus,
	signals: Map<number, SignalController>,
	roadEvents: RoadEvent[]
): Snapshot {
	const tS = nowMs / 1000;
	return {
		t: nowMs,
		vehicles: vehicleArrays(net, traffic),
		vrus: vrus.list.map((p) => ({ id: p.id, kind: p.kind, ...net.toLatLon(p.x, p.y), heading: p.heading })),
		signals: [...signals.values()].map((c) => ({
			node: c.node.id,
			approaches: c.node.inEdges.map((ei) => {
				const e = net.edges[ei];
				const s = c.lightFor(e.linkId, tS);
				return { linkId: e.linkId, light: s.light, remaining: s.remaining };
			})
		})),
		// events carry what the map draws of them too (RoadEventDrawing; the frame's type names only RoadEventView)
		events: roadEvents.map((ev): RoadEventView & RoadEventDrawing => ({ ...ev, ...roadEventLabel(ev, net), ...eventDrawing(ev, net) }))
	};
}
