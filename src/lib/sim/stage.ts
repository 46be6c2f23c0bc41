// What a scenario may do to set a scene: find roads, place and script vehicles, retime signals,
// start road events, equip nodes with applications. A narrow view of the world, so scenarios do
// not depend on how it is built.
import type { AppContext, ReceiverApp } from './app-context';
import type { InjectOptions } from './road-events';
import type { RoadEvent, RoadEventKind } from './messages';
import type { Network } from './network';
import type { SignalController } from './signals';
import type { Traffic, Vehicle, VehiclePlacement, VehicleScript } from './traffic';

/** A directed road as a scenario sees it (metres along it from its start). */
export interface StageRoad {
	/** Edge index (what VehiclePlacement.edge and routes take). */
	index: number;
	linkId: number;
	/** Node it leads to. */
	to: number;
	length: number;
	stopLine: number;
	lanes: number;
}

export interface ScenarioStage {
	/** City id. */
	readonly city: string;
	/** The road from node `from` to node `to`; throws when there is none. */
	road(from: number, to: number): StageRoad;
	/** The signal's cycle at `node`, s. */
	signalCycle(node: number): number;
	/** The first time in [lo, hi] s when traffic over `linkId` into `node` switches to `light` (lo if never). */
	nextSwitch(node: number, linkId: number, light: 'green' | 'red', lo: number, hi: number): number;
	/** Moves the signal plan at `node` `seconds` earlier. */
	retimeSignal(node: number, seconds: number): void;
	/** Puts a vehicle on the road; returns its node id. */
	addVehicle(p: VehiclePlacement): number;
	/** Drives a vehicle by script from now on (replacing any script before). */
	script(vehicle: number, script: VehicleScript): void;
	/** Moves a vehicle to the outer (right-most) lane of its road. */
	keepRight(vehicle: number): void;
	injectEvent(kind: RoadEventKind, opts?: InjectOptions): RoadEvent;
	/** Adds an application that hears what nodes receive. */
	equip(app: ReceiverApp): void;
	/** Calls fn at the start of every step. */
	everyStep(fn: (ctx: AppContext) => void): void;
}

/** What the stage uses of a world. */
export interface StageSource {
	readonly city: { id: string };
	readonly net: Network;
	readonly signals: Map<number, SignalController>;
	readonly traffic: Traffic;
	readonly apps: ReceiverApp[];
	readonly appContext: AppContext;
	readonly onTick: ((ctx: AppContext) => void)[];
	addVehicle(p: VehiclePlacement): Vehicle;
	injectEvent(kind: RoadEventKind, opts?: InjectOptions): RoadEvent;
}

/** The stage of a live world. */
export function worldStage(w: StageSource): ScenarioStage {
	const signal = (node: number) => {
		const ctrl = w.signals.get(node);
		if (!ctrl) throw new Error(`no signal at node ${node} in ${w.city.id}`);
		return ctrl;
	};
	return {
		city: w.city.id,
		road(from, to) {
			const e = w.net.edges.find((x) => x.from === from && x.to === to);
			if (!e) throw new Error(`no road from node ${from} to node ${to} in ${w.city.id}`);
			return { index: e.index, linkId: e.linkId, to: e.to, length: e.length, stopLine: e.stopLine, lanes: e.lanes };
		},
		signalCycle: (node) => signal(node).cycle,
		nextSwitch(node, linkId, light, lo, hi) {
			const ctrl = signal(node);
			let prev = ctrl.lightFor(linkId, lo - 0.1).light;
			for (let t = lo; t <= hi; t += 0.1) {
				const now = ctrl.lightFor(linkId, t).light;
				if (now === light && prev !== light) return Math.round(t * 10) / 10;
				prev = now;
			}
			return lo;
		},
		retimeSignal: (node, seconds) => signal(node).retime(seconds),
		addVehicle: (p) => w.addVehicle(p).id,
		script(vehicle, script) {
			const v = w.traffic.vehicles.get(vehicle);
			if (v) v.script = script;
		},
		keepRight(vehicle) {
			const v = w.traffic.vehicles.get(vehicle);
			if (v) w.traffic.changeLane(v, w.net.edges[v.edge].lanes - 1);
		},
		injectEvent: (kind, opts) => w.injectEvent(kind, opts),
		equip: (app) => void w.apps.push(app),
		everyStep: (fn) => void w.onTick.push(fn)
	};
}
