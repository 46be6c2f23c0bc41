// Vehicles on lanes: spawning at network entries, car following (IDM), signals, turns, exits.
// Each lane keeps its vehicles sorted by position, so a leader is one index away.
import type { Edge, Network, Turn } from './network';
import { hash32, hashUnit, type Rng } from './rng';
import type { LightState, SignalController } from './signals';
import { idmAccel as vehiclesIdmAccel, MAX_DECEL, SPECS, VEHICLE_KINDS, type VehicleKind, type VehicleSpec } from './vehicles';

// Imported bindings read once into module constants: a CommonJS-compiled run (tsx: the bench,
// the tests) reads every imported name through a getter at each use, ~10 per message.
const idmAccel = vehiclesIdmAccel;

export interface Vehicle {
	id: number;
	kind: VehicleKind;
	spec: VehicleSpec;
	edge: number;
	lane: number;
	/** Distance along the edge, m (front bumper). */
	s: number;
	/** m/s, never negative */
	v: number;
	/** m/s², last step's */
	acc: number;
	/** Desired speed factor (times the limit). */
	speedFactor: number;
	/** The next two edges (-1: leave the network). */
	route: [number, number];
	/** Lane to take on route[0]. */
	nextLane: number;
	x: number;
	y: number;
	heading: number;
	/** Cloud speed advice: cap on the desired speed (m/s) until `adviceUntil` (sim ms). */
	adviceMax: number;
	adviceUntil: number;
	/** Cloud lane advice: the lane to use on a link. */
	laneAdvice: { linkId: number; lane: number } | null;
	/** Hard braking seen this step (J2735 eventHardBraking: < -4 m/s²). */
	hardBraking: boolean;
	/** Stopped by a signal at the end of its edge. */
	waitingAtSignal: boolean;
	enteredAtMs: number;
	/** Scenario control: a fixed acceleration, a speed cap, running red lights (scripted actors). */
	script?: VehicleScript;
	/** Edges to take, in order, before choosing freely (scenario routes). */
	plannedRoute?: number[];
}

/** How a scenario drives a vehicle: a fixed acceleration (m/s²), a speed cap (m/s), ignoring signals or cloud advice. */
export interface VehicleScript {
	accel?: number;
	maxSpeed?: number;
	ignoreSignals?: boolean;
	ignoreAdvice?: boolean;
}

/** Where and how a scenario puts a vehicle on the road. */
export interface VehiclePlacement {
	edge: number;
	lane: number;
	s: number;
	v: number;
	kind: VehicleKind;
	/** Edges after `edge`, in order; then it chooses freely (or leaves). */
	route?: number[];
	/** Desired speed as a factor of the limit (default drawn per vehicle). */
	speedFactor?: number;
}

const TURN_WEIGHT: Record<Turn, number> = { straight: 6, right: 2, left: 2, uturn: 0 };

export class Traffic {
	/** [edge][lane] -> vehicles sorted by s ascending. */
	readonly lanes: Vehicle[][][];
	readonly vehicles = new Map<number, Vehicle>();
	private nextId: number;
	readonly entries: number[];
	readonly exited: number[] = [];
	/** Lane closures (road works, accidents): a stationary obstacle at s in a lane of an edge. */
	blocks: { edge: number; lane: number; s: number }[] = [];
	readonly entered: number[] = [];

	constructor(
		readonly net: Network,
		readonly signals: Map<number, SignalController>,
		readonly rng: Rng,
		readonly mix: Record<VehicleKind, number>,
		firstId: number
	) {
		this.lanes = net.edges.map((e) => Array.from({ length: e.lanes }, () => []));
		this.entries = net.edges.filter((e) => e.isEntry).map((e) => e.index);
		if (this.entries.length === 0) this.entries = net.edges.map((e) => e.index);
		this.nextId = firstId;
	}

	private pickKind(): VehicleKind {
		return VEHICLE_KINDS[this.rng.weighted(VEHICLE_KINDS.map((k) => this.mix[k]))];
	}

	/** Chooses the edge after `edge` (-1 = leave). */
	private chooseNext(edge: number, vid: number): number {
		if (edge < 0) return -1;
		const planned = this.vehicles.get(vid)?.plannedRoute ?? this.placing?.route;
		if (planned) {
			const i = planned.indexOf(edge);
			const next = i >= 0 ? planned[i + 1] : planned[0];
			if (next !== undefined && this.net.edges[edge].to === this.net.edges[next].from) return next;
		}
		const e = this.net.edges[edge];
		if (e.isExit) return -1;
		const opts = this.net.nextEdges(e);
		if (opts.length === 0) return -1;
		const w = opts.map((o) => TURN_WEIGHT[this.net.turn(e, this.net.edges[o])]);
		let r = hashUnit(vid, edge, 77) * w.reduce((a, b) => a + b, 0);
		for (let i = 0; i < opts.length; i++) {
			r -= w[i];
			if (r < 0) return opts[i];
		}
		return opts[opts.length - 1];
	}

	/** The lane to use on `edge` given the edge after it: left turns keep left, right turns right. */
	laneFor(vid: number, edge: number, after: number): number {
		const e = this.net.edges[edge];
		if (e.lanes === 1) return 0;
		if (after >= 0) {
			const t = this.net.turn(e, this.net.edges[after]);
			if (t === 'left') return 0;
			if (t === 'right') return e.lanes - 1;
		}
		const lo = e.lanes >= 3 ? 1 : 0;
		return lo + (hash32(vid, edge, 5) % (e.lanes - lo));
	}

	private placing: VehiclePlacement | null = null;

	/** Puts one vehicle exactly where a scenario wants it. */
	add(p: VehiclePlacement, nowMs: number): Vehicle {
		this.placing = p;
		const veh = this.makeVehicle(p.edge, p.lane, p.s, p.v, nowMs, p.kind);
		this.placing = null;
		if (p.route) veh.plannedRoute = [p.edge, ...p.route];
		if (p.speedFactor !== undefined) veh.speedFactor = p.speedFactor;
		this.insertSorted(this.lanes[p.edge][p.lane], veh);
		this.vehicles.set(veh.id, veh);
		return veh;
	}

	private makeVehicle(edge: number, lane: number, s: number, v: number, nowMs: number, kindWanted?: VehicleKind): Vehicle {
		const id = this.nextId++;
		const kind = kindWanted ?? this.pickKind();
		const spec = SPECS[kind];
		const [lo, hi] = spec.speedFactor;
		const next = this.chooseNext(edge, id);
		const after = this.chooseNext(next, id);
		const veh: Vehicle = {
			id, kind, spec, edge, lane, s, v, acc: 0, speedFactor: lo + (hi - lo) * this.rng.next(),
			route: [next, after], nextLane: next >= 0 ? this.laneFor(id, next, after) : 0,
			x: 0, y: 0, heading: 0, adviceMax: 0, adviceUntil: 0, laneAdvice: null, hardBraking: false,
			waitingAtSignal: false, enteredAtMs: nowMs
		};
		this.place(veh);
		return veh;
	}

	private place(veh: Vehicle) {
		const p = this.net.pointAt(this.net.edges[veh.edge], veh.s, veh.lane);
		veh.x = p.x;
		veh.y = p.y;
		veh.heading = p.heading;
	}

	private insertSorted(list: Vehicle[], veh: Vehicle) {
		let i = list.length;
		while (i > 0 && list[i - 1].s > veh.s) i--;
		list.splice(i, 0, veh);
	}

	/** Space free at the start of a lane: the tail vehicle's rear position (Infinity if empty). */
	private tailGap(edge: number, lane: number): { gap: number; v: number } {
		const tail = this.lanes[edge][lane][0];
		return tail ? { gap: tail.s - tail.spec.length, v: tail.v } : { gap: Infinity, v: 0 };
	}

	/** Fills the network with up to n vehicles at random, well-spaced places. */
	seed(n: number, nowMs: number) {
		const edges = this.net.edges;
		const weights = edges.map((e) => e.length * e.lanes);
		for (let i = 0, tries = 0; i < n && tries < n * 20; tries++) {
			const e = edges[this.rng.weighted(weights)];
			const lane = this.rng.int(0, e.lanes - 1);
			const s = this.rng.range(12, Math.max(13, e.stopLine - 8));
			const list = this.lanes[e.index][lane];
			if (list.some((o) => Math.abs(o.s - s) < 15)) continue;
			const v = e.speedLimit * this.rng.range(0.4, 0.8);
			const veh = this.makeVehicle(e.index, lane, s, v, nowMs);
			this.insertSorted(list, veh);
			this.vehicles.set(veh.id, veh);
			i++;
		}
	}

	/** Lets vehicles in at entries while the population is below `target`. */
	spawn(target: number, nowMs: number) {
		let budget = Math.max(0, target - this.vehicles.size);
		if (!budget) return;
		const start = this.rng.int(0, this.entries.length - 1);
		for (let k = 0; k < this.entries.length && budget > 0; k++) {
			const edge = this.entries[(start + k) % this.entries.length];
			const e = this.net.edges[edge];
			const lane = this.rng.int(0, e.lanes - 1);
			const { gap, v: tailV } = this.tailGap(edge, lane);
			if (gap < 25) continue;
			const v0 = e.speedLimit * 0.8;
			const v = gap === Infinity ? v0 : Math.min(v0, tailV + Math.sqrt(2 * 2 * Math.max(0, gap - 20)));
			const veh = this.makeVehicle(edge, lane, 0, v, nowMs);
			this.insertSorted(this.lanes[edge][lane], veh);
			this.vehicles.set(veh.id, veh);
			this.entered.push(veh.id);
			budget--;
		}
	}

	/** The desired speed now: the limit times the driver's factor, capped by cloud advice. */
	private desired(veh: Vehicle, e: Edge, nowMs: number): number {
		let v0 = e.speedLimit * veh.speedFactor;
		if (veh.adviceMax > 0 && nowMs < veh.adviceUntil) v0 = Math.min(v0, Math.max(veh.adviceMax, 2));
		return v0;
	}

	/** One step of dt seconds ending at sim time tS (s). */
	step(dt: number, tS: number, nowMs: number) {
		this.exited.length = 0;
		this.entered.length = 0;
		// 1. accelerations, from the state at the start of the step
		for (const e of this.net.edges) {
			const lanes = this.lanes[e.index];
			const ctrl = this.signals.get(e.to);
			const light = ctrl ? ctrl.lightFor(e.linkId, tS) : null;
			for (let l = 0; l < lanes.length; l++) {
				const list = lanes[l];
				for (let i = 0; i < list.length; i++) this.accelerate(list[i], list[i + 1], e, l, light, nowMs);
			}
		}
		// 2. integrate, and move vehicles that pass the end of their edge
		const moving = this.integrate(dt);
		// 3. transitions, front-most first so followers see the new order
		moving.sort((a, b) => b.s - a.s || a.id - b.id);
		for (const veh of moving) this.advance(veh, nowMs);
		// 4. keep lanes sorted and positions fresh
		this.resort();
	}

	/** Sets a vehicle's acceleration for this step: its leader, lane blocks, the signal, a script. */
	private accelerate(veh: Vehicle, lead: Vehicle | undefined, e: Edge, l: number, light: LightState | null, nowMs: number) {
		const p = veh.spec;
		let v0 = this.desired(veh, e, nowMs);
		const script = veh.script;
		if (script?.maxSpeed !== undefined) v0 = Math.min(v0, script.maxSpeed);
		let acc: number;
		if (lead) acc = idmAccel(veh.v, v0, lead.s - lead.spec.length - veh.s, veh.v - lead.v, p);
		else if (veh.route[0] >= 0) {
			const tail = this.lanes[veh.route[0]][veh.nextLane]?.[0];
			acc = tail
				? idmAccel(veh.v, v0, e.length - veh.s + tail.s - tail.spec.length, veh.v - tail.v, p)
				: idmAccel(veh.v, v0, Infinity, 0, p);
		} else acc = idmAccel(veh.v, v0, Infinity, 0, p);
		for (const b of this.blocks)
			if (b.edge === e.index && b.lane === l && b.s > veh.s)
				acc = Math.min(acc, idmAccel(veh.v, v0, b.s - veh.s, veh.v, p));
		veh.waitingAtSignal = false;
		if (light && veh.s < e.stopLine && !script?.ignoreSignals) acc = this.obeySignal(veh, e, light, v0, acc);
		if (script?.accel !== undefined) acc = script.accel;
		veh.hardBraking = acc < -4;
		veh.acc = Math.max(-MAX_DECEL, acc);
	}

	/**
	 * Red: stop unless it is too late even for full braking; yellow: stop if that is comfortable
	 * (3 m/s²), or if the line cannot be reached before red and stopping is still possible.
	 * Returns the acceleration.
	 */
	private obeySignal(veh: Vehicle, e: Edge, light: LightState, v0: number, acc: number): number {
		const d = e.stopLine - veh.s - 0.5;
		const canStop = d > (veh.v * veh.v) / (2 * MAX_DECEL);
		const stop =
			(light.light === 'red' && canStop) ||
			(light.light === 'yellow' && (d > (veh.v * veh.v) / 6 || (d > veh.v * light.remaining && canStop)));
		if (!stop) return acc;
		veh.waitingAtSignal = veh.v < 0.5 && d < 30;
		return Math.min(acc, idmAccel(veh.v, v0, Math.max(d, 0.01), veh.v, veh.spec));
	}

	/** Moves every vehicle on by dt seconds; returns those past the end of their edge. */
	private integrate(dt: number): Vehicle[] {
		const moving: Vehicle[] = [];
		for (const e of this.net.edges)
			for (const list of this.lanes[e.index])
				for (const veh of list) {
					const vNew = veh.v + veh.acc * dt;
					if (vNew < 0) {
						veh.s += (veh.v * veh.v) / (2 * -veh.acc);
						veh.v = 0;
					} else {
						veh.s += veh.v * dt + 0.5 * veh.acc * dt * dt;
						veh.v = vNew;
					}
					if (veh.s >= e.length) moving.push(veh);
				}
		return moving;
	}

	/** Lanes sorted by position again (insertion sort: nearly sorted already), positions fresh. */
	private resort() {
		for (const lanes of this.lanes)
			for (const list of lanes) {
				for (let i = 1; i < list.length; i++) {
					const x = list[i];
					let j = i - 1;
					while (j >= 0 && list[j].s > x.s) {
						list[j + 1] = list[j];
						j--;
					}
					list[j + 1] = x;
				}
				for (const veh of list) this.place(veh);
			}
	}

	private remove(veh: Vehicle) {
		const list = this.lanes[veh.edge][veh.lane];
		const i = list.indexOf(veh);
		if (i >= 0) list.splice(i, 1);
	}

	/** Moves a vehicle to a neighbouring lane of its edge if the gaps allow; true if it did. */
	changeLane(veh: Vehicle, lane: number): boolean {
		const e = this.net.edges[veh.edge];
		if (lane < 0 || lane >= e.lanes || lane === veh.lane) return false;
		const target = this.lanes[veh.edge][lane];
		for (const o of target) {
			const gapAhead = o.s - o.spec.length - veh.s;
			const gapBehind = veh.s - veh.spec.length - o.s;
			if (o.s >= veh.s ? gapAhead < 3 : gapBehind < 3 + o.v * 0.8) return false;
		}
		this.remove(veh);
		veh.lane = lane;
		this.insertSorted(target, veh);
		this.place(veh);
		return true;
	}

	/** Moves a vehicle past the end of its edge onto the next one, or out of the network. */
	private advance(veh: Vehicle, nowMs: number) {
		const e = this.net.edges[veh.edge];
		const over = veh.s - e.length;
		const next = veh.route[0];
		if (next < 0) {
			this.remove(veh);
			this.vehicles.delete(veh.id);
			this.exited.push(veh.id);
			return;
		}
		const ne = this.net.edges[next];
		let lane = veh.nextLane;
		if (veh.laneAdvice && veh.laneAdvice.linkId === ne.linkId) lane = Math.min(ne.lanes - 1, veh.laneAdvice.lane);
		// take the planned lane if there is room, else any lane with room, else wait
		const fits = (l: number) => this.tailGap(next, l).gap > over + 0.5;
		if (!fits(lane)) {
			let alt = -1;
			for (let l = 0; l < ne.lanes; l++) if (fits(l)) { alt = l; break; }
			if (alt < 0) {
				veh.s = e.length - 0.01;
				veh.v = 0;
				veh.acc = 0;
				return;
			}
			lane = alt;
		}
		this.remove(veh);
		veh.edge = next;
		veh.lane = lane;
		veh.s = over;
		const after = this.chooseNext(veh.route[1], veh.id);
		veh.route = [veh.route[1], after];
		veh.nextLane = veh.route[0] >= 0 ? this.laneFor(veh.id, veh.route[0], after) : 0;
		this.insertSorted(this.lanes[next][lane], veh);
		void nowMs;
	}
}
