// The world: roads, signals, vehicles, VRUs, RSUs and the cloud, stepped in fixed time steps.
// Every message is built from world state, encoded by the codec, delivered over the radio
// model, and decoded by its receivers. Same config and seed: the same event stream, bytes and
// all, on any JavaScript engine. The parts live in their own modules: vehicles' and VRUs' units
// (obus.ts), roadside units (rsus.ts), radio delivery (delivery.ts), the cloud (cloud.ts), road
// events (road-events.ts); this file puts them together and keeps the step's order.
import { payloadOf, type MessageFrame, type PbObject } from '../codec';
import type { AppContext, ReceiverApp } from './app-context';
import { Cloud, type CloudContext } from './cloud';
import { resolveConfig, type SimConfig, type SimConfigInput } from './config';
import { Delivery } from './delivery';
import type { Engine, EngineMeta, RadioBins } from './engine';
import { EventLog } from './event-log';
import type { Alert, SimEvent, Snapshot, TextParams, Transmission } from './events';
import * as M from './messages';
import { Network } from './network';
import { CLOUD_ID, nodeKind, nodeName, VEHICLE_FIRST_ID, VRU_FIRST_ID } from './nodes';
import { Obus } from './obus';
import { RoadEvents, type InjectOptions } from './road-events';
import { Rng } from './rng';
import { loadCity } from './roads/cities';
import { checkCityFile } from './roads/load';
import type { CityFile } from './roads/types';
import { buildRsus, Roadside, type Rsu } from './rsus';
import { SignalController } from './signals';
import { takeSnapshot } from './snapshot';
import { Traffic, type Vehicle, type VehiclePlacement } from './traffic';
import { Vrus } from './vrus';
import { worldAppContext } from './world-context';

export type { Channel, Transmission, Alert, SimEvent, Snapshot, VehicleSnapshot } from './events';
export type { ReceiverApp, AppContext } from './app-context';
export type { Rsu } from './rsus';
export { KIND_CODES } from './snapshot';

export class World implements Engine {
	readonly config: SimConfig;
	readonly city: CityFile;
	readonly net: Network;
	readonly signals = new Map<number, SignalController>();
	readonly traffic: Traffic;
	readonly vrus: Vrus;
	readonly rsus: Rsu[];
	readonly cloud = new Cloud();
	/** Applications that hear what nodes receive (scenario apps). */
	readonly apps: ReceiverApp[] = [];
	/** Called at the start of every step, with the application context (scenario scripts). */
	readonly onTick: ((ctx: AppContext) => void)[] = [];
	readonly region = 1;
	/** What applications may know and do (see app-context.ts). */
	readonly appContext: AppContext;
	readonly done = false;
	timeMs = 0;
	private readonly log = new EventLog();
	private readonly radio: Delivery;
	private readonly obus: Obus;
	private readonly roadside: Roadside;
	private readonly roadEvents: RoadEvents;

	constructor(input: SimConfigInput = {}) {
		this.config = resolveConfig(input);
		const c = this.config.city;
		this.city = typeof c === 'string' ? loadCity(c) : checkCityFile(`${c.id}.json`, c);
		this.net = new Network(this.city);
		const rng = new Rng(this.config.seed);
		for (const n of this.net.signalNodes()) this.signals.set(n.id, new SignalController(n, n.signal!));
		this.traffic = new Traffic(this.net, this.signals, new Rng(this.config.seed, 1), this.config.mix, VEHICLE_FIRST_ID);
		this.vrus = new Vrus(this.net, new Rng(this.config.seed, 2), VRU_FIRST_ID, this.config.vrus);
		this.rsus = buildRsus(this.city, this.net, this.config.radio.pc5.rangeM);
		this.radio = new Delivery(this.config, this.log, {
			listening: () => this.apps.length > 0,
			received: (tx, receivers, frame) => this.hand(receivers, tx, frame)
		});
		this.obus = new Obus(this.config, rng, this.log, this.net, this.traffic, this.vrus, this.radio);
		this.roadside = new Roadside(this.rsus, this.config, this.net, this.signals, this.traffic, this.vrus, this.radio, this.region);
		this.roadEvents = new RoadEvents(this.net, this.config.seed, (node) => this.signals.has(node));
		this.appContext = worldAppContext(this, this.roadside);
		this.traffic.seed(this.config.vehicles, 0);
		for (const v of this.traffic.vehicles.values()) this.obus.add(v.id, 0);
		for (const p of this.vrus.list) if (p.hasDevice) this.obus.add(p.id, 0);
	}

	/** Length of one step, ms (config.stepMs). */
	get stepMs(): number {
		return this.config.stepMs;
	}

	/** Messages, deliveries, bytes and decodes so far. */
	/** The run's on-air codec (PC5 in protobuf or UPER; what stayed protobuf, by type). */
	get onAir(): Delivery['onAir'] {
		return this.radio.onAir;
	}

	get stats(): Delivery['stats'] {
		return this.radio.stats;
	}

	/** PC5 deliveries by distance, in 25 m bins: receivers in range that were tried, and reached. */
	get radioBins(): RadioBins {
		return this.radio.radioBins;
	}

	/** The run's start time, city, seed, vehicles and UPER profile if any (for an export's header). */
	get meta(): EngineMeta {
		const c = this.config;
		const m: EngineMeta = { startTimeMs: c.startTimeMs, city: this.city.id, seed: c.seed, vehicles: c.vehicles };
		if (c.onAir.encoding === 'uper') m.profile = c.onAir.profile;
		return m;
	}

	/** Where a node is now (vehicles, RSUs, VRUs; the cloud has no place), as lat/lon. */
	positionOf(id: number): { lat: number; lon: number } | null {
		if (nodeKind(id) === 'vehicle') {
			const v = this.traffic.vehicles.get(id);
			return v ? this.net.toLatLon(v.x, v.y) : null;
		}
		const rsu = this.roadside.get(id);
		if (rsu) return { lat: rsu.lat, lon: rsu.lon };
		const p = this.vrus.list.find((x) => x.id === id);
		return p ? this.net.toLatLon(p.x, p.y) : null;
	}

	/** Name of a node id ("car-10012", "RSU-BJ-YZ-01", "pedestrian-1003", "cloud"). */
	nodeName(id: number): string {
		return nodeName(id, {
			rsuName: this.roadside.get(id)?.name,
			subKind: this.traffic.vehicles.get(id)?.kind ?? this.vrus.list.find((x) => x.id === id)?.kind
		});
	}

	/** The events since the last call (transmissions, alerts, vehicles entering and leaving, road events). */
	drainEvents(): SimEvent[] {
		return this.log.drain();
	}

	/** Road events in force. */
	activeRoadEvents(): M.RoadEvent[] {
		return this.roadEvents.list;
	}

	/**
	 * Starts a road event: road works close the outer lane, an accident blocks it, congestion
	 * only warns. Without an edge, one on a multi-lane road into a signal is chosen.
	 */
	injectEvent(kind: M.RoadEventKind, opts: InjectOptions = {}): M.RoadEvent {
		const ev = this.roadEvents.start(kind, opts, this.timeMs);
		this.log.push({ kind: 'road-event', t: this.timeMs, action: 'start', event: ev });
		return ev;
	}

	/** Advances the world by dtMs (rounded to whole steps; default one step). */
	step(dtMs = this.config.stepMs): void {
		const n = Math.max(1, Math.round(dtMs / this.config.stepMs));
		for (let i = 0; i < n; i++) this.tick();
	}

	/** Puts a vehicle exactly where a scenario wants it; it sends and receives like any other. */
	addVehicle(p: VehiclePlacement): Vehicle {
		const veh = this.traffic.add(p, this.timeMs);
		this.obus.add(veh.id, this.timeMs);
		this.log.push({ kind: 'enter', t: this.timeMs, id: veh.id, vehicleKind: veh.kind });
		return veh;
	}

	/** Broadcasts a payload over PC5 from a vehicle or RSU, as the node's own applications do. */
	broadcast(sender: number, type: string, payload: PbObject): Transmission | null {
		const rsu = this.roadside.get(sender);
		const veh = this.traffic.vehicles.get(sender);
		const at = rsu ?? veh;
		if (!at) return null;
		return this.radio.pc5(this.timeMs, sender, at.x, at.y, rsu?.rangeM ?? this.config.radio.pc5.rangeM, type, payload);
	}

	/** A node's temporary id and next message count (for apps that send as the node). */
	identity(id: number): { tempId: Uint8Array; msgCnt: number; clock: M.Clock } | null {
		return this.obus.identity(id, this.timeMs);
	}

	/** Records an application's warning (shown on the map and in the log, in the UI's language). */
	raiseAlert(node: number, app: string, level: Alert['level'], key: string, params: TextParams, cause?: Transmission): void {
		this.log.push({
			kind: 'alert', t: this.timeMs, node, app, level, key, params, cause: cause?.seq, causeType: cause?.type, causeSender: cause?.sender
		});
	}

	/** Positions and states for rendering. */
	snapshot(): Snapshot {
		return takeSnapshot(this.timeMs, this.net, this.traffic, this.vrus, this.signals, this.roadEvents.list);
	}

	private tick(): void {
		const cfg = this.config;
		this.timeMs += cfg.stepMs;
		const now = this.timeMs;
		for (const fn of this.onTick) fn(this.appContext);
		for (const ev of this.roadEvents.endDue(now)) this.log.push({ kind: 'road-event', t: now, action: 'end', event: ev });
		this.roadEvents.avoidClosedLanes(this.traffic);
		this.traffic.blocks = this.roadEvents.blocks();
		// drivers act on the lights as they were when the step began
		this.traffic.step(cfg.stepMs / 1000, (now - cfg.stepMs) / 1000, now);
		this.traffic.spawn(cfg.vehicles, now);
		for (const id of this.traffic.entered) {
			this.obus.add(id, now);
			this.log.push({ kind: 'enter', t: now, id, vehicleKind: this.traffic.vehicles.get(id)!.kind });
		}
		for (const id of this.traffic.exited) {
			this.obus.remove(id);
			this.cloud.forget(`V${id}`);
			this.log.push({ kind: 'exit', t: now, id });
		}
		this.vrus.step(cfg.stepMs / 1000);
		this.indexRadios();
		const clock = M.clockAt(cfg.startTimeMs, now);
		this.obus.send(clock, this.roadEvents.list);
		this.roadside.send(clock, this.roadEvents.list);
		this.deliverUu(clock);
		this.cloud.tick(this.cloudContext(clock), (node) => this.traffic.vehicles.has(node));
	}

	/** Where every radio is this step (RSUs, vehicles, VRUs with a phone). */
	private indexRadios(): void {
		const r = this.radio;
		r.beginIndex();
		for (const u of this.rsus) r.addToIndex(u.id, u.x, u.y);
		for (const v of this.traffic.vehicles.values()) r.addToIndex(v.id, v.x, v.y);
		for (const p of this.vrus.list) if (p.hasDevice) r.addToIndex(p.id, p.x, p.y);
		r.endIndex();
	}

	/** Hands a received PC5 transmission to every application, for each receiver. */
	private hand(receivers: number[], tx: Transmission, frame: MessageFrame): void {
		for (const app of this.apps) for (const id of receivers) app.onReceive(this.appContext, id, tx, frame);
	}

	private cloudContext(clock: M.Clock): CloudContext {
		return {
			net: this.net,
			signals: this.signals,
			events: () => this.roadEvents.list,
			nowMs: this.timeMs,
			utcMs: clock.utcMs,
			send: (to, type, payload) => this.radio.uu(this.timeMs, CLOUD_ID, to, type, payload)
		};
	}

	/** Hands over Uu messages whose latency has passed, decoding each from its bytes. */
	private deliverUu(clock: M.Clock): void {
		const due = this.radio.arrivals(this.timeMs);
		if (!due.length) return;
		const ctx = this.cloudContext(clock);
		for (const m of due) {
			const frame = this.radio.decode(m.tx);
			const p = payloadOf(frame);
			if (!p) continue;
			// a report from a vehicle that has already left the area ends its cloud session
			if (m.to === CLOUD_ID && nodeKind(m.from) === 'vehicle' && !this.traffic.vehicles.has(m.from)) continue;
			if (m.to === CLOUD_ID) this.cloud.receive(ctx, m.from, p.type, p.value);
			else {
				this.obus.receive(m.to, p.type, p.value, clock);
				this.hand([m.to], m.tx, frame);
			}
		}
	}
}

/** Creates a world. Same config (and seed): same event stream, byte for byte. */
export function createWorld(config: SimConfigInput = {}): World {
	return new World(config);
}
