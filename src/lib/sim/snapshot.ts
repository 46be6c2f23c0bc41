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
		events: roadEvents.map((ev): RoadEventView => ({ ...ev, ...roadEventLabel(ev, net) }))
	};
}
