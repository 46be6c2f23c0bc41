// Roadside units: where they stand, what they serve, and what they broadcast over PC5: MAP once
// a second, SPAT ten times a second, RSI for road events near them, RSM for what their cameras
// and radars see.
import type { PbObject } from '../codec';
import type { SimConfig } from './config';
import type { Delivery } from './delivery';
import type { RsuView } from './engine';
import * as M from './messages';
import type { Network, NetNode } from './network';
import { VEHICLE_FIRST_ID } from './nodes';
import { hash32 } from './rng';
import type { CityFile } from './roads/types';
import type { SignalController } from './signals';
import type { Traffic } from './traffic';
import type { Vrus } from './vrus';

export interface Rsu extends RsuView {
	/** The RSU's 8-byte id as sent in RSI, RSM and RSC. */
	id8: Uint8Array;
	/** Local metres. */
	x: number;
	y: number;
	/** The junctions it serves. */
	nodes: NetNode[];
	msgCnt: { map: number; spat: number; rsi: number; rsm: number };
}

/** Most participants in one RSM (T/CSAE 53: up to 16 per message). */
const RSM_MAX = 16;

/** The city's RSUs, numbered 1.. in file order; `rangeM` where the file gives none. */
export function buildRsus(city: CityFile, net: Network, rangeM: number): Rsu[] {
	return city.rsus.map((r, i) => {
		const { x, y } = net.proj.toXY(r.lat, r.lon);
		const tag = r.id.slice(-8).padStart(8, '-');
		return {
			id: i + 1, name: r.id, id8: new TextEncoder().encode(tag), x, y, lat: r.lat, lon: r.lon,
			rangeM: r.rangeM ?? rangeM,
			nodes: r.nodes.map((n) => net.nodes.get(n)!),
			msgCnt: { map: 0, spat: 0, rsi: 0, rsm: 0 }
		};
	});
}

export class Roadside {
	constructor(
		readonly list: Rsu[],
		private readonly config: SimConfig,
		private readonly net: Network,
		private readonly signals: Map<number, SignalController>,
		private readonly traffic: Traffic,
		private readonly vrus: Vrus,
		private readonly radio: Delivery,
		private readonly region: number
	) {}

	/** The RSU with node id `id`. */
	get(id: number): Rsu | undefined {
		return this.list.find((r) => r.id === id);
	}

	/** Everything RSUs broadcast in the step ending at clock.nowMs. */
	send(clock: M.Clock, roadEvents: M.RoadEvent[]): void {
		const cfg = this.config;
		const now = clock.nowMs;
		const tS = now / 1000;
		const tenHz = now % 100 < cfg.stepMs;
		const oneHz = now % 1000 < cfg.stepMs;
		const { net, signals, region } = this;
		for (const r of this.list) {
			const ref = { lat: r.lat, lon: r.lon };
			const pc5 = (type: string, payload: PbObject) => this.radio.pc5(now, r.id, r.x, r.y, r.rangeM, type, payload);
			if (cfg.messages.map && oneHz) pc5('map_data', M.mapData(net, r.nodes, signals, (r.msgCnt.map = (r.msgCnt.map + 1) & 127), clock, region));
			if (cfg.messages.spat && tenHz && r.nodes.some((n) => signals.has(n.id)))
				pc5('spat', M.spat(r.nodes, signals, (r.msgCnt.spat = (r.msgCnt.spat + 1) & 127), clock, tS, region));
			if (cfg.messages.rsi && oneHz) {
				const near = roadEvents.filter((ev) => {
					const p = net.proj.toXY(ev.pos.lat, ev.pos.lon);
					return Math.hypot(p.x - r.x, p.y - r.y) < 2 * r.rangeM;
				});
				if (near.length) pc5('rsi', M.rsi(r.id8, ref, near, net, (r.msgCnt.rsi = (r.msgCnt.rsi + 1) & 127), clock, cfg.startTimeMs, region));
			}
			if (cfg.messages.rsm && tenHz) {
				const seen = this.sense(r, now);
				if (seen.length) pc5('rsm', M.rsm(r.id8, ref, seen, (r.msgCnt.rsm = (r.msgCnt.rsm + 1) & 127), clock));
			}
		}
	}

	/** Deterministic gaussian-ish sensor noise, m: a sum of uniforms from hashes. */
	private jitter(id: number, nowMs: number, salt: number): number {
		let s = 0;
		for (let k = 0; k < 4; k++) s += hash32(this.config.seed, id, nowMs, salt * 4 + k) / 4294967296;
		return (s - 2) * this.config.sensor.noiseM * 1.73;
	}

	/** What an RSU's camera and radar see: the nearest participants in range, with noise. */
	private sense(r: Rsu, nowMs: number): M.Detected[] {
		const range = this.config.sensor.rangeM;
		const found: { d: number; det: M.Detected }[] = [];
		const at = (id: number, x: number, y: number) => this.net.toLatLon(x + this.jitter(id, nowMs, 1), y + this.jitter(id, nowMs, 2));
		for (const p of this.vrus.list) {
			const d = Math.hypot(p.x - r.x, p.y - r.y);
			if (d > range) continue;
			const ped = p.kind === 'pedestrian';
			found.push({
				d,
				det: {
					ptcType: ped ? 3 : 2, ptcId: p.id % 65535 || 1, source: 3, pos: at(p.id, p.x, p.y),
					speed: this.vrus.isMoving(p) ? p.speed : 0, heading: p.heading,
					width: ped ? 0.5 : 0.6, length: ped ? 0.4 : 1.8, height: 1.7
				}
			});
		}
		this.radio.near(r.x, r.y, range, (id) => {
			if (id < VEHICLE_FIRST_ID) return;
			const v = this.traffic.vehicles.get(id)!;
			const d = Math.hypot(v.x - r.x, v.y - r.y);
			if (d > range) return;
			found.push({
				d,
				det: {
					ptcType: 1, ptcId: id % 65535 || 1, source: 4, pos: at(id, v.x, v.y), speed: v.v, heading: v.heading,
					width: v.spec.width, length: v.spec.length, height: v.spec.height, classification: v.spec.classification
				}
			});
		});
		found.sort((a, b) => a.d - b.d || a.det.ptcId - b.det.ptcId);
		return found.slice(0, RSM_MAX).map((f) => f.det);
	}
}
