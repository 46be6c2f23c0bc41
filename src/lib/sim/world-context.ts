// The live world's side of the application context: each call answers from the world's state at
// the moment it is made (apps run inside the step).
import type { PbObject } from '../codec';
import type { AppContext, JunctionAhead } from './app-context';
import type { SimConfig } from './config';
import type { Alert, TextParams, Transmission } from './events';
import { clockAt, type Clock } from './messages';
import type { Network } from './network';
import type { Roadside } from './rsus';
import type { SignalController } from './signals';
import type { Traffic } from './traffic';

/** What the context reads and calls on the world. */
export interface ContextSource {
	readonly timeMs: number;
	readonly region: number;
	readonly config: SimConfig;
	readonly net: Network;
	readonly traffic: Traffic;
	readonly signals: Map<number, SignalController>;
	identity(id: number): { tempId: Uint8Array; msgCnt: number; clock: Clock } | null;
	broadcast(sender: number, type: string, payload: PbObject): Transmission | null;
	raiseAlert(node: number, app: string, level: Alert['level'], key: string, params: TextParams, cause?: Transmission): void;
}

/** The application context of a live world. */
export function worldAppContext(w: ContextSource, roadside: Roadside): AppContext {
	return {
		get nowMs() {
			return w.timeMs;
		},
		region: w.region,
		clock: () => clockAt(w.config.startTimeMs, w.timeMs),
		ego(id) {
			const v = w.traffic.vehicles.get(id);
			return v ? { id, x: v.x, y: v.y, heading: v.heading, speed: v.v } : null;
		},
		toXY: (lat, lon) => w.net.proj.toXY(lat, lon),
		toLatLon: (x, y) => w.net.toLatLon(x, y),
		junctionAhead: (id) => junctionAhead(w, id),
		rsu(id) {
			const r = roadside.get(id);
			return r ? { id: r.id, id8: r.id8, lat: r.lat, lon: r.lon, nodes: r.nodes.map((n) => n.id) } : null;
		},
		grantPriority(node, phaseId, seconds) {
			const ctrl = w.signals.get(node);
			// the approach the request comes from: a link the named phase serves
			const link = ctrl?.phases.find((p) => p.id === phaseId)?.approaches.values().next().value;
			if (!ctrl || link === undefined) return false;
			ctrl.grantPriority(link, w.timeMs / 1000, seconds);
			return true;
		},
		identity: (id) => w.identity(id),
		broadcast: (sender, type, payload) => w.broadcast(sender, type, payload),
		raiseAlert: (node, app, level, key, params, cause) => w.raiseAlert(node, app, level, key, params, cause)
	};
}

function junctionAhead(w: ContextSource, id: number): JunctionAhead | null {
	const v = w.traffic.vehicles.get(id);
	if (!v) return null;
	const e = w.net.edges[v.edge];
	const ctrl = w.signals.get(e.to);
	const phase = ctrl ? ctrl.phases[ctrl.phaseOfLink(e.linkId)] : undefined;
	return { node: e.to, distanceM: e.stopLine - v.s, signalled: !!ctrl, phaseId: phase?.id ?? null };
}
