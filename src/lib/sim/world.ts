// The world: roads, signals, vehicles, VRUs, RSUs and the cloud, stepped in fixed time steps.
// Every message is built from world state, encoded by the codec, delivered over the radio
// model, and decoded by its receivers. Same config and seed: the same event stream, bytes and
// all, on any JavaScript engine.
import { decodeFrame, encodeFrame, makeFrame, payloadOf, toHex, type PbObject } from '../codec';
import { CLOUD_ID, Cloud, type CloudContext } from './cloud';
import { resolveConfig, type SimConfig, type SimConfigInput } from './config';
import * as M from './messages';
import { Network, type NetNode } from './network';
import { Grid, latencyMs, pdrTable, uuDelivered } from './radio';
import { hashUnit } from './rng';
import { Rng, hash32 } from './rng';
import { loadCity } from './roads/cities';
import { checkCityFile } from './roads/load';
import type { CityFile } from './roads/types';
import { SignalController, type Light } from './signals';
import { Traffic, type Vehicle, type VehiclePlacement } from './traffic';
import { Vrus, type Vru } from './vrus';
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
	/** Node ids that received it (empty when config.recordReceivers is false). */
	receivers: number[];
	receiverCount: number;
	latencyMs: number;
}

/** A warning raised by a vehicle application from messages it received. */
export interface Alert {
	kind: 'alert';
	t: number;
	/** The node warned (a vehicle). */
	node: number;
	/** The application: eebl, icw, glosa, rlvw, vru, evw, rsi, hazard... */
	app: string;
	level: 'info' | 'warning' | 'danger';
	text: string;
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
	| { kind: 'road-event'; t: number; action: 'start' | 'end'; event: M.RoadEvent }
	| { kind: 'id-change'; t: number; id: number; tempId: string };

/** Something that listens to what nodes receive (vehicle applications, scenario logic). */
export interface ReceiverApp {
	onReceive(world: World, receiver: number, tx: Transmission, frame: ReturnType<typeof decodeFrame>): void;
}

export interface Rsu {
	id: number;
	name: string;
	id8: Uint8Array;
	x: number;
	y: number;
	lat: number;
	lon: number;
	rangeM: number;
	nodes: NetNode[];
	msgCnt: { map: number; spat: number; rsi: number; rsm: number };
}

interface Obu {
	tempId: Uint8Array;
	idChangeAt: number;
	msgCnt: number;
	/** ms offset of this node's 10 Hz / 1 Hz schedule */
	phase: number;
	reportSeq: number;
}

interface InFlight {
	arriveAt: number;
	seq: number;
	tx: Transmission;
	from: number;
	to: number;
	type: string;
	bytes: Uint8Array;
}

export interface VehicleSnapshot {
	id: Int32Array;
	kind: Uint8Array;
	lat: Float64Array;
	lon: Float64Array;
	heading: Float32Array;
	speed: Float32Array;
	/** bit 0 braking, bit 1 waiting at a signal, bit 2 hard braking */
	flags: Uint8Array;
}

export interface Snapshot {
	t: number;
	vehicles: VehicleSnapshot;
	vrus: { id: number; kind: 'pedestrian' | 'cyclist'; lat: number; lon: number; heading: number }[];
	signals: { node: number; approaches: { linkId: number; light: Light; remaining: number }[] }[];
	events: M.RoadEvent[];
}

const VRU_FIRST_ID = 1000;
const VEHICLE_FIRST_ID = 10000;
const ELEVATION_DM = 300;
export const KIND_CODES: VehicleKind[] = ['car', 'bus', 'truck', 'emergency'];

export class World {
	readonly config: SimConfig;
	readonly city: CityFile;
	readonly net: Network;
	readonly signals = new Map<number, SignalController>();
	readonly traffic: Traffic;
	readonly vrus: Vrus;
	readonly rsus: Rsu[] = [];
	readonly cloud = new Cloud();
	readonly apps: ReceiverApp[] = [];
	/** Called at the start of every step (scenario scripts). */
	readonly onTick: ((w: World) => void)[] = [];
	readonly region = 1;
	timeMs = 0;
	private rng: Rng;
	private events: SimEvent[] = [];
	private obus = new Map<number, Obu>();
	private inFlight: InFlight[] = [];
	private txSeq = 0;
	private roadEvents: M.RoadEvent[] = [];
	private nextEventId = 1;
	private grid: Grid;
	private radioIds: number[] = [];
	private radioX: number[] = [];
	private radioY: number[] = [];
	private pdr: Float64Array;
	readonly stats = { tx: 0, deliveries: 0, bytes: 0, decodes: 0, byType: {} as Record<string, number> };
	/** PC5 deliveries by distance, in 25 m bins: receivers in range that were tried, and reached. */
	readonly radioBins: { binM: number; tried: Float64Array; delivered: Float64Array };

	constructor(input: SimConfigInput = {}) {
		this.config = resolveConfig(input);
		const c = this.config.city;
		this.city = typeof c === 'string' ? loadCity(c) : checkCityFile(`${c.id}.json`, c);
		this.net = new Network(this.city);
		this.rng = new Rng(this.config.seed);
		for (const n of this.net.signalNodes()) this.signals.set(n.id, new SignalController(n, n.signal!));
		this.traffic = new Traffic(this.net, this.signals, new Rng(this.config.seed, 1), this.config.mix, VEHICLE_FIRST_ID);
		this.vrus = new Vrus(this.net, new Rng(this.config.seed, 2), VRU_FIRST_ID, this.config.vrus);
		this.city.rsus.forEach((r, i) => {
			const { x, y } = this.net.proj.toXY(r.lat, r.lon);
			const tag = r.id.slice(-8).padStart(8, '-');
			this.rsus.push({
				id: i + 1, name: r.id, id8: new TextEncoder().encode(tag), x, y, lat: r.lat, lon: r.lon,
				rangeM: r.rangeM ?? this.config.radio.pc5.rangeM,
				nodes: r.nodes.map((n) => this.net.nodes.get(n)!),
				msgCnt: { map: 0, spat: 0, rsi: 0, rsm: 0 }
			});
		});
		this.grid = new Grid(this.config.radio.pc5.rangeM);
		this.pdr = pdrTable(this.config.radio.pc5);
		const bins = Math.ceil(this.config.radio.pc5.rangeM / 25) + 1;
		this.radioBins = { binM: 25, tried: new Float64Array(bins), delivered: new Float64Array(bins) };
		this.traffic.seed(this.config.vehicles, 0);
		for (const v of this.traffic.vehicles.values()) this.addObu(v.id);
		for (const p of this.vrus.list) if (p.hasDevice) this.addObu(p.id);
	}

	private addObu(id: number) {
		const rng = this.rng;
		const phase = Math.floor(rng.next() * 10) * 100; // which 100 ms of the second carries the 1 Hz report
		this.obus.set(id, {
			tempId: rng.bytes(8),
			idChangeAt: this.timeMs + Math.round(this.config.idRotationS * 1000 * rng.range(0.8, 1.2)),
			msgCnt: rng.int(0, 127),
			phase,
			reportSeq: 0
		});
	}

	/** Where a node is now (vehicles, RSUs, VRUs; the cloud has no place), as lat/lon. */
	positionOf(id: number): { lat: number; lon: number } | null {
		if (id >= VEHICLE_FIRST_ID) {
			const v = this.traffic.vehicles.get(id);
			return v ? this.net.toLatLon(v.x, v.y) : null;
		}
		const rsu = this.rsus.find((r) => r.id === id);
		if (rsu) return { lat: rsu.lat, lon: rsu.lon };
		const p = this.vrus.list.find((x) => x.id === id);
		return p ? this.net.toLatLon(p.x, p.y) : null;
	}

	/** Human-readable name of a node id. */
	nodeName(id: number): string {
		if (id === CLOUD_ID) return 'cloud';
		const rsu = this.rsus.find((r) => r.id === id);
		if (rsu) return rsu.name;
		if (id >= VEHICLE_FIRST_ID) {
			const v = this.traffic.vehicles.get(id);
			return `${v?.kind ?? 'vehicle'}-${id}`;
		}
		const p = this.vrus.list.find((x) => x.id === id);
		return p ? `${p.kind}-${id}` : `node-${id}`;
	}

	/** The events since the last call (transmissions, vehicles entering and leaving, road events). */
	drainEvents(): SimEvent[] {
		const out = this.events;
		this.events = [];
		return out;
	}

	/** Road events in force. */
	activeRoadEvents(): M.RoadEvent[] {
		return this.roadEvents;
	}

	/**
	 * Starts a road event: road works close the outer lane, an accident blocks it, congestion
	 * only warns. Without an edge, one on a multi-lane road into a signal is chosen.
	 */
	injectEvent(kind: M.RoadEventKind, opts: { edge?: number; s?: number; durationS?: number } = {}): M.RoadEvent {
		let edge = opts.edge;
		if (edge === undefined) {
			const candidates = this.net.edges.filter((e) => e.lanes >= 2 && this.signals.has(e.to) && e.length > 150);
			const pool = candidates.length ? candidates : this.net.edges;
			edge = pool[hash32(this.config.seed, this.nextEventId, 9) % pool.length].index;
		}
		const e = this.net.edges[edge];
		// by default ~120 m before the junction: inside its RSU's coverage, ahead of queues
		const s = opts.s ?? Math.max(10, Math.min(e.stopLine - 30, e.stopLine - 120));
		const closedLane = kind === 'congestion' ? -1 : e.lanes > 1 ? e.lanes - 1 : -1;
		const p = this.net.pointAt(e, s, closedLane >= 0 ? closedLane : -1);
		const pos = this.net.toLatLon(p.x, p.y);
		const text: Record<M.RoadEventKind, string> = {
			roadworks: 'Road works, right lane closed / 道路施工，右侧车道封闭',
			accident: 'Accident, right lane blocked / 交通事故，右侧车道受阻',
			congestion: 'Congestion ahead / 前方拥堵'
		};
		const ev: M.RoadEvent = {
			id: this.nextEventId++, kind, edge, s, closedLane, radiusM: 50, description: `${text[kind]} (${e.name.en})`,
			startMs: this.timeMs, endMs: this.timeMs + (opts.durationS ?? 600) * 1000, pos
		};
		this.roadEvents.push(ev);
		this.events.push({ kind: 'road-event', t: this.timeMs, action: 'start', event: ev });
		return ev;
	}

	/** Advances the world by dtMs (rounded to whole steps; default one step). */
	step(dtMs = this.config.stepMs) {
		const n = Math.max(1, Math.round(dtMs / this.config.stepMs));
		for (let i = 0; i < n; i++) this.tick();
	}

	/** Puts a vehicle exactly where a scenario wants it; it sends and receives like any other. */
	addVehicle(p: VehiclePlacement): Vehicle {
		const veh = this.traffic.add(p, this.timeMs);
		this.addObu(veh.id);
		this.events.push({ kind: 'enter', t: this.timeMs, id: veh.id, vehicleKind: veh.kind });
		return veh;
	}

	/**
	 * Broadcasts a payload over PC5 from a vehicle or RSU, as the node's own applications do
	 * (scenario apps: a vehicle's VIR, an RSU's RSC). Returns the transmission.
	 */
	broadcast(sender: number, type: string, payload: PbObject): Transmission | null {
		const rsu = this.rsus.find((r) => r.id === sender);
		const veh = this.traffic.vehicles.get(sender);
		const at = rsu ? { x: rsu.x, y: rsu.y } : veh ? { x: veh.x, y: veh.y } : null;
		if (!at) return null;
		const before = this.txSeq;
		this.transmitPc5(sender, at.x, at.y, rsu?.rangeM ?? this.config.radio.pc5.rangeM, type, payload);
		return (this.events.find((e) => e.kind === 'tx' && e.seq === before) as Transmission | undefined) ?? null;
	}

	/** A vehicle's temporary id and next message count (for apps that send as the vehicle). */
	identity(id: number): { tempId: Uint8Array; msgCnt: number; clock: M.Clock } | null {
		const obu = this.obus.get(id);
		if (!obu) return null;
		obu.msgCnt = (obu.msgCnt + 1) & 127;
		return { tempId: obu.tempId, msgCnt: obu.msgCnt, clock: M.clockAt(this.config.startTimeMs, this.timeMs) };
	}

	/** Records an application's warning (shown on the map and in the log). */
	raiseAlert(node: number, app: string, level: Alert['level'], text: string, cause?: Transmission) {
		this.events.push({
			kind: 'alert', t: this.timeMs, node, app, level, text, cause: cause?.seq, causeType: cause?.type, causeSender: cause?.sender
		});
	}

	private tick() {
		const cfg = this.config;
		const dt = cfg.stepMs / 1000;
		this.timeMs += cfg.stepMs;
		const now = this.timeMs;
		for (const fn of this.onTick) fn(this);
		const tS = now / 1000;
		// road events that end
		for (const ev of this.roadEvents.filter((e) => e.endMs <= now))
			this.events.push({ kind: 'road-event', t: now, action: 'end', event: ev });
		this.roadEvents = this.roadEvents.filter((e) => e.endMs > now);
		this.avoidClosedLanes();
		this.traffic.blocks = this.roadEvents.filter((e) => e.closedLane >= 0).map((e) => ({ edge: e.edge, lane: e.closedLane, s: e.s }));
		// drivers act on the lights as they were when the step began
		this.traffic.step(dt, (now - cfg.stepMs) / 1000, now);
		this.traffic.spawn(cfg.vehicles, now);
		for (const id of this.traffic.entered) {
			this.addObu(id);
			this.events.push({ kind: 'enter', t: now, id, vehicleKind: this.traffic.vehicles.get(id)!.kind });
		}
		for (const id of this.traffic.exited) {
			this.obus.delete(id);
			this.cloud.forget(`V${id}`);
			this.events.push({ kind: 'exit', t: now, id });
		}
		this.vrus.step(dt);
		this.rebuildRadioIndex();
		const clock = M.clockAt(cfg.startTimeMs, now);
		this.vehicleMessages(clock);
		this.rsuMessages(clock, tS);
		this.deliverUu(clock);
		this.cloud.tick(this.cloudContext(clock), (node) => this.traffic.vehicles.has(node));
	}

	/** Vehicles in a closed lane near the closure move to a free neighbouring lane. */
	private avoidClosedLanes() {
		for (const ev of this.roadEvents) {
			if (ev.closedLane < 0) continue;
			const list = this.traffic.lanes[ev.edge][ev.closedLane];
			for (const veh of [...list]) {
				if (veh.s > ev.s || ev.s - veh.s > 80) continue;
				this.traffic.changeLane(veh, ev.closedLane - 1);
			}
		}
	}

	private rebuildRadioIndex() {
		const ids = this.radioIds;
		const xs = this.radioX;
		const ys = this.radioY;
		ids.length = xs.length = ys.length = 0;
		const add = (id: number, x: number, y: number) => {
			ids.push(id);
			xs.push(x);
			ys.push(y);
		};
		for (const r of this.rsus) add(r.id, r.x, r.y);
		for (const v of this.traffic.vehicles.values()) add(v.id, v.x, v.y);
		for (const p of this.vrus.list) if (p.hasDevice) add(p.id, p.x, p.y);
		this.grid.build(xs, ys, ids.length);
	}

	private ids(obu: Obu, id: number): Obu {
		if (this.timeMs >= obu.idChangeAt) {
			obu.tempId = this.rng.bytes(8);
			obu.idChangeAt = this.timeMs + Math.round(this.config.idRotationS * 1000 * this.rng.range(0.8, 1.2));
			this.events.push({ kind: 'id-change', t: this.timeMs, id, tempId: toHex(obu.tempId) });
		}
		return obu;
	}

	private vehicleMessages(clock: M.Clock) {
		const cfg = this.config;
		const second = this.timeMs % 1000;
		for (const veh of this.traffic.vehicles.values()) {
			const obu = this.obus.get(veh.id)!;
			const pos = this.net.toLatLon(veh.x, veh.y);
			if (cfg.messages.bsm && this.timeMs % 100 < cfg.stepMs) {
				this.ids(obu, veh.id);
				obu.msgCnt = (obu.msgCnt + 1) & 127;
				this.transmitPc5(veh.id, veh.x, veh.y, cfg.radio.pc5.rangeM, 'bsm', M.bsm(veh, pos, obu.tempId, obu.msgCnt, clock, ELEVATION_DM));
			}
			if (cfg.messages.cloud && second === obu.phase) {
				this.transmitUu(veh.id, CLOUD_ID, 'vehicle_status_report', this.statusReport(veh, obu, pos, clock));
				// an accident close ahead is reported to the cloud once
				for (const ev of this.roadEvents)
					if (ev.kind === 'accident' && ev.edge === veh.edge && ev.s > veh.s && ev.s - veh.s < 80 && !this.reported.has(`${veh.id}:${ev.id}`)) {
						this.reported.add(`${veh.id}:${ev.id}`);
						this.transmitUu(veh.id, CLOUD_ID, 'vehicle_event_report', {
							header: this.vehHeader(veh.id, obu, clock),
							eventType: M.EVENT_CODES.accident,
							pos: { lat: M.deg7(ev.pos.lat), lon: M.deg7(ev.pos.lon) },
							severity: 3,
							description: 'Accident seen ahead',
							confidence: 160,
							eventTimeMs: clock.utcMs
						});
					}
			}
		}
		if (cfg.messages.psm && this.timeMs % 100 < cfg.stepMs)
			for (const p of this.vrus.list) {
				if (!p.hasDevice) continue;
				const obu = this.ids(this.obus.get(p.id)!, p.id);
				obu.msgCnt = (obu.msgCnt + 1) & 127;
				const pos = this.net.toLatLon(p.x, p.y);
				this.transmitPc5(p.id, p.x, p.y, cfg.radio.pc5.rangeM, 'psm', M.psm(p, pos, obu.tempId, obu.msgCnt, clock));
			}
	}

	private reported = new Set<string>();

	private vehHeader(id: number, obu: Obu, clock: M.Clock) {
		return { vehicleId: `V${id}`, platformId: 'CLOUD-EDGE-01', seq: ++obu.reportSeq, timestampMs: clock.utcMs, tier: 1 };
	}

	private statusReport(veh: Vehicle, obu: Obu, pos: { lat: number; lon: number }, clock: M.Clock): PbObject {
		return {
			header: this.vehHeader(veh.id, obu, clock),
			gnssTimeMs: clock.utcMs,
			pos: { lat: M.deg7(pos.lat), lon: M.deg7(pos.lon), elevation: ELEVATION_DM },
			posAccuracy: { semiMajor: 30, semiMinor: 20, orientation: 0 },
			gnssSpeed: M.units.speedUnits(veh.v),
			heading: M.units.headingUnits(veh.heading),
			transmission: 3,
			canSpeed: M.units.speedUnits(veh.v),
			accelSet: { lon: M.units.accelUnits(veh.acc) },
			brakes: { brakePedal: veh.acc < -0.3 ? 2 : 1 },
			driveMode: veh.kind === 'bus' ? 2 : 1,
			automationLevel: veh.kind === 'bus' ? 2 : 0
		};
	}

	private rsuMessages(clock: M.Clock, tS: number) {
		const cfg = this.config;
		const tenHz = this.timeMs % 100 < cfg.stepMs;
		const oneHz = this.timeMs % 1000 < cfg.stepMs;
		for (const r of this.rsus) {
			const ref = { lat: r.lat, lon: r.lon };
			if (cfg.messages.map && oneHz)
				this.transmitPc5(r.id, r.x, r.y, r.rangeM, 'map_data', M.mapData(this.net, r.nodes, this.signals, (r.msgCnt.map = (r.msgCnt.map + 1) & 127), clock, this.region));
			if (cfg.messages.spat && tenHz && r.nodes.some((n) => this.signals.has(n.id)))
				this.transmitPc5(r.id, r.x, r.y, r.rangeM, 'spat', M.spat(r.nodes, this.signals, (r.msgCnt.spat = (r.msgCnt.spat + 1) & 127), clock, tS, this.region));
			if (cfg.messages.rsi && oneHz) {
				const near = this.roadEvents.filter((ev) => Math.hypot(this.net.proj.toXY(ev.pos.lat, ev.pos.lon).x - r.x, this.net.proj.toXY(ev.pos.lat, ev.pos.lon).y - r.y) < 2 * r.rangeM);
				if (near.length)
					this.transmitPc5(r.id, r.x, r.y, r.rangeM, 'rsi', M.rsi(r.id8, ref, near, this.net, (r.msgCnt.rsi = (r.msgCnt.rsi + 1) & 127), clock, cfg.startTimeMs, this.region));
			}
			if (cfg.messages.rsm && tenHz) {
				const seen = this.sense(r);
				if (seen.length) this.transmitPc5(r.id, r.x, r.y, r.rangeM, 'rsm', M.rsm(r.id8, ref, seen, (r.msgCnt.rsm = (r.msgCnt.rsm + 1) & 127), clock));
			}
		}
	}

	/** What an RSU's camera and radar see: the nearest participants in range, with noise. */
	private sense(r: Rsu): M.Detected[] {
		const range = this.config.sensor.rangeM;
		const noise = this.config.sensor.noiseM;
		const found: { d: number; det: M.Detected }[] = [];
		const jitter = (id: number, salt: number) => {
			// deterministic gaussian-ish noise from hashes (sum of uniforms)
			let s = 0;
			for (let k = 0; k < 4; k++) s += hash32(this.config.seed, id, this.timeMs, salt * 4 + k) / 4294967296;
			return (s - 2) * noise * 1.73;
		};
		for (const p of this.vrus.list) {
			const d = Math.hypot(p.x - r.x, p.y - r.y);
			if (d > range) continue;
			const pos = this.net.toLatLon(p.x + jitter(p.id, 1), p.y + jitter(p.id, 2));
			found.push({
				d,
				det: {
					ptcType: p.kind === 'pedestrian' ? 3 : 2, ptcId: p.id % 65535 || 1, source: 3, pos,
					speed: this.vrus.isMoving(p) ? p.speed : 0, heading: p.heading,
					width: p.kind === 'pedestrian' ? 0.5 : 0.6, length: p.kind === 'pedestrian' ? 0.4 : 1.8, height: 1.7
				}
			});
		}
		this.grid.near(r.x, r.y, range, (i) => {
			const id = this.radioIds[i];
			if (id < VEHICLE_FIRST_ID) return;
			const v = this.traffic.vehicles.get(id)!;
			const d = Math.hypot(v.x - r.x, v.y - r.y);
			if (d > range) return;
			const pos = this.net.toLatLon(v.x + jitter(id, 1), v.y + jitter(id, 2));
			found.push({
				d,
				det: {
					ptcType: 1, ptcId: id % 65535 || 1, source: 4, pos, speed: v.v, heading: v.heading,
					width: v.spec.width, length: v.spec.length, height: v.spec.height, classification: v.spec.classification
				}
			});
		});
		found.sort((a, b) => a.d - b.d || a.det.ptcId - b.det.ptcId);
		return found.slice(0, 16).map((f) => f.det);
	}

	private emit(sender: number, channel: Channel, type: string, payload: PbObject): { tx: Transmission } {
		const frame = makeFrame(type, payload);
		const bytes = encodeFrame(frame);
		const tx: Transmission = {
			kind: 'tx', seq: this.txSeq++, t: this.timeMs, sender, channel, type, bytes, receivers: [], receiverCount: 0,
			latencyMs: 0
		};
		this.stats.tx++;
		this.stats.bytes += bytes.length;
		this.stats.byType[type] = (this.stats.byType[type] ?? 0) + 1;
		return { tx };
	}

	private transmitPc5(sender: number, x: number, y: number, range: number, type: string, payload: PbObject) {
		const { tx } = this.emit(sender, 'pc5', type, payload);
		const cfg = this.config.radio.pc5;
		const seed = this.config.seed;
		const r2 = Math.min(range, cfg.rangeM) ** 2;
		const rec = tx.receivers;
		let count = 0;
		const record = this.config.recordReceivers || this.apps.length > 0;
		// inlined grid query: this loop runs for every pair in range, millions of times a second
		const g = this.grid;
		const ids = this.radioIds;
		const xs = this.radioX;
		const ys = this.radioY;
		const pdr = this.pdr;
		const { tried, delivered } = this.radioBins;
		const r = Math.ceil(range / g.cell);
		const cx = g.cellX(x);
		const cy = g.cellY(y);
		const j1 = Math.min(g.ny - 1, cy + r);
		const i1 = Math.min(g.nx - 1, cx + r);
		for (let j = Math.max(0, cy - r); j <= j1; j++)
			for (let i = Math.max(0, cx - r); i <= i1; i++) {
				const c = j * g.nx + i;
				for (let k = g.start[c], end = g.start[c + 1]; k < end; k++) {
					const idx = g.items[k];
					const id = ids[idx];
					if (id === sender) continue;
					const dx = xs[idx] - x;
					const dy = ys[idx] - y;
					const d2 = dx * dx + dy * dy;
					if (d2 > r2) continue;
					// delivery: a hash of (seed, transmission, receiver) against the curve at that distance
					const d = Math.sqrt(d2);
					const bin = (d / 25) | 0;
					tried[bin]++;
					if (hashUnit(seed, tx.seq, id, 0x50c5) >= pdr[d | 0]) continue;
					delivered[bin]++;
					count++;
					if (record) rec.push(id);
				}
			}
		if (record) rec.sort((a, b) => a - b);
		tx.receiverCount = count;
		tx.latencyMs = latencyMs(seed, tx.seq, cfg.latencyMs, 1);
		this.stats.deliveries += count;
		// the transmission comes before any warning it causes
		this.events.push(tx);
		if (count > 0) {
			// decoded once, shared by every receiver
			const decoded = decodeFrame(tx.bytes);
			this.stats.decodes++;
			for (const app of this.apps) for (const id of rec) app.onReceive(this, id, tx, decoded);
		}
	}

	private transmitUu(sender: number, to: number, type: string, payload: PbObject) {
		const { tx } = this.emit(sender, 'uu', type, payload);
		const cfg = this.config.radio.uu;
		tx.latencyMs = latencyMs(this.config.seed, tx.seq, cfg.latencyMs, 2);
		if (uuDelivered(this.config.seed, tx.seq, to, cfg)) {
			tx.receivers.push(to);
			tx.receiverCount = 1;
			this.stats.deliveries++;
			this.inFlight.push({ arriveAt: this.timeMs + tx.latencyMs, seq: tx.seq, tx, from: sender, to, type, bytes: tx.bytes });
		}
		this.events.push(tx);
	}

	private cloudContext(clock: M.Clock): CloudContext {
		return {
			net: this.net,
			signals: this.signals,
			events: () => this.roadEvents,
			nowMs: this.timeMs,
			utcMs: clock.utcMs,
			send: (to, type, payload) => this.transmitUu(CLOUD_ID, to, type, payload)
		};
	}

	/** Hands over Uu messages whose latency has passed, decoding each from its bytes. */
	private deliverUu(clock: M.Clock) {
		const due = this.inFlight.filter((m) => m.arriveAt <= this.timeMs).sort((a, b) => a.arriveAt - b.arriveAt || a.seq - b.seq);
		if (!due.length) return;
		this.inFlight = this.inFlight.filter((m) => m.arriveAt > this.timeMs);
		const ctx = this.cloudContext(clock);
		for (const m of due) {
			const frame = decodeFrame(m.bytes);
			this.stats.decodes++;
			const p = payloadOf(frame);
			if (!p) continue;
			// a report from a vehicle that has already left the area ends its cloud session
			if (m.to === CLOUD_ID && m.from >= VEHICLE_FIRST_ID && !this.traffic.vehicles.has(m.from)) continue;
			if (m.to === CLOUD_ID) this.cloud.receive(ctx, m.from, p.type, p.value);
			else {
				this.vehicleReceives(m.to, p.type, p.value, clock);
				for (const app of this.apps) app.onReceive(this, m.to, m.tx, frame);
			}
		}
	}

	/** A vehicle acts on cloud advice and acknowledges what asks for it. */
	private vehicleReceives(id: number, type: string, msg: PbObject, clock: M.Clock) {
		const veh = this.traffic.vehicles.get(id);
		const obu = this.obus.get(id);
		if (!veh || !obu) return;
		if (type === 'speed_advice' && !veh.script?.ignoreAdvice) {
			// follow advice to pass on green at the middle of the advised range; advice to stop at
			// red needs no speed cap: the car stops at the light anyway
			const passOnGreen = ((msg.reason as number) ?? 1) === 1;
			const mid = (((msg.advisedSpeedMin as number) ?? 0) + ((msg.advisedSpeedMax as number) ?? 0)) * 0.01;
			veh.adviceMax = passOnGreen ? mid : 0;
			veh.adviceUntil = this.timeMs + Math.max(0, Number(msg.validUntilMs) - clock.utcMs);
		} else if (type === 'lane_advice') {
			const link = msg.targetLink as { upstreamNodeId?: { id: number }; downstreamNodeId?: { id: number } };
			const e = this.net.edges.find((x) => x.from === link.upstreamNodeId?.id && x.to === link.downstreamNodeId?.id);
			if (e) veh.laneAdvice = { linkId: e.linkId, lane: ((msg.targetLane as number) ?? 1) - 1 };
		}
		if (msg.requiresAck) {
			const header = msg.header as { seq: number };
			const kinds: Record<string, number> = { speed_advice: 19, lane_advice: 20, hazard_notice: 21, route_guidance: 22, remote_command: 23, map_update: 24 };
			this.transmitUu(id, CLOUD_ID, 'acknowledgement', {
				header: this.vehHeader(id, obu, clock),
				ackedSeq: header.seq,
				ackedKind: kinds[type] ?? 0,
				result: 2,
				attempt: 1
			});
		}
	}

	/** Positions and states for rendering. */
	snapshot(): Snapshot {
		const vs = [...this.traffic.vehicles.values()];
		const n = vs.length;
		const snap: VehicleSnapshot = {
			id: new Int32Array(n), kind: new Uint8Array(n), lat: new Float64Array(n), lon: new Float64Array(n),
			heading: new Float32Array(n), speed: new Float32Array(n), flags: new Uint8Array(n)
		};
		vs.forEach((v, i) => {
			const p = this.net.toLatLon(v.x, v.y);
			snap.id[i] = v.id;
			snap.kind[i] = KIND_CODES.indexOf(v.kind);
			snap.lat[i] = p.lat;
			snap.lon[i] = p.lon;
			snap.heading[i] = v.heading;
			snap.speed[i] = v.v;
			snap.flags[i] = (v.acc < -0.3 ? 1 : 0) | (v.waitingAtSignal ? 2 : 0) | (v.hardBraking ? 4 : 0);
		});
		const tS = this.timeMs / 1000;
		return {
			t: this.timeMs,
			vehicles: snap,
			vrus: this.vrus.list.map((p: Vru) => ({ id: p.id, kind: p.kind, ...this.net.toLatLon(p.x, p.y), heading: p.heading })),
			signals: [...this.signals.values()].map((c) => ({
				node: c.node.id,
				approaches: c.node.inEdges.map((ei) => {
					const e = this.net.edges[ei];
					const s = c.lightFor(e.linkId, tS);
					return { linkId: e.linkId, light: s.light, remaining: s.remaining };
				})
			})),
			events: [...this.roadEvents]
		};
	}
}


/** Creates a world. Same config (and seed): same event stream, byte for byte. */
export function createWorld(config: SimConfigInput = {}): World {
	return new World(config);
}

