// Replays a recorded capture as if it were a running world: the same controls, snapshots and
// events, rebuilt from the messages themselves (vehicle positions from their BSMs, pedestrians
// from PSMs, signal lights from SPAT). Nothing is simulated; everything shown was in the file.
import { decodeFrame, type PbObject } from '../codec';
import type { CaptureMeta, CaptureRecord } from '../capture';
import { cityIds, loadCity } from '../sim/roads/cities';
import type { CityFile } from '../sim/roads/types';
import { haversine } from '../sim/geo';
import type { Light } from '../sim/signals';
import type { SimEvent, Snapshot, Transmission } from '../sim/world';

const STEP_MS = 100;
/** A node not heard from for this long is no longer drawn. */
const STALE_MS = 2000;

interface Tracked {
	id: number;
	kind: number;
	lat: number;
	lon: number;
	heading: number;
	speed: number;
	braking: boolean;
	seenAt: number;
}

const LIGHTS: Record<number, Light> = { 3: 'red', 2: 'red', 7: 'yellow', 8: 'yellow', 4: 'green', 5: 'green', 6: 'green' };

/** Vehicle kind code (car 0, bus 1, truck 2, emergency 3) from J2735 BasicVehicleClass. */
function kindOf(bsm: PbObject): number {
	if (bsm.emergencyExt) return 3;
	const c = ((bsm.vehicleClass as PbObject | undefined)?.classification as number) ?? 0;
	if (c >= 50 && c < 60) return 1; // transit
	if (c >= 20 && c < 40) return 2; // light truck, truck
	if (c >= 60 && c < 70) return 3; // emergency
	return 0;
}

export class Replay {
	readonly config = { stepMs: STEP_MS };
	readonly city: CityFile;
	readonly rsus: { id: number; name: string; lat: number; lon: number; rangeM: number }[];
	readonly radioBins = { binM: 25, tried: new Float64Array(13), delivered: new Float64Array(13) };
	readonly endMs: number;
	timeMs = 0;
	private next = 0;
	private ids = new Map<string, number>();
	private names = new Map<number, string>();
	private vehicles = new Map<number, Tracked>();
	private vrus = new Map<number, Tracked>();
	private lights = new Map<number, Map<number, Light>>();
	private events: SimEvent[] = [];
	private seq = 0;

	constructor(
		private records: CaptureRecord[],
		readonly meta: CaptureMeta | undefined,
		readonly source: string
	) {
		this.records = [...records].sort((a, b) => a.t - b.t);
		this.endMs = this.records.length ? this.records[this.records.length - 1].t : 0;
		this.city = loadCity(this.guessCity());
		this.ids.set('cloud', 0);
		this.names.set(0, 'cloud');
		this.rsus = this.city.rsus.map((r) => ({ id: this.idOf(r.id), name: r.id, lat: r.lat, lon: r.lon, rangeM: r.rangeM ?? 300 }));
		// start just before the first message
		this.timeMs = this.records.length ? Math.max(0, Math.floor(this.records[0].t / STEP_MS) * STEP_MS - STEP_MS) : 0;
	}

	/** The city named in the capture, else the one whose centre is nearest the first position. */
	private guessCity(): string {
		if (this.meta?.city && cityIds().includes(this.meta.city)) return this.meta.city;
		for (const r of this.records.slice(0, 2000)) {
			if (r.type !== 'bsm' && r.type !== 'map_data' && r.type !== 'rsm') continue;
			try {
				const f = decodeFrame(r.bytes) as unknown as PbObject;
				const p = ((f.bsm as PbObject)?.pos ?? (f.rsm as PbObject)?.refPos ?? ((f.mapData as PbObject)?.nodes as PbObject[])?.[0]?.refPos) as { lat: number; lon: number } | undefined;
				if (!p) continue;
				let best = cityIds()[0];
				let bestD = Infinity;
				for (const id of cityIds()) {
					const c = loadCity(id).center;
					const d = haversine(c[0], c[1], p.lat / 1e7, p.lon / 1e7);
					if (d < bestD) {
						bestD = d;
						best = id;
					}
				}
				return best;
			} catch {
				/* a frame that does not decode says nothing about the place */
			}
		}
		return cityIds()[0];
	}

	/** A stable numeric id per node name: the number in "car-10012", else the next free one. */
	private idOf(name: string): number {
		let id = this.ids.get(name);
		if (id !== undefined) return id;
		const m = /-(\d+)$/.exec(name);
		id = m && !name.startsWith('RSU') ? Number(m[1]) : 500 + this.ids.size;
		while (this.names.has(id)) id++;
		this.ids.set(name, id);
		this.names.set(id, name);
		return id;
	}

	nodeName(id: number): string {
		return this.names.get(id) ?? `node-${id}`;
	}

	positionOf(id: number): { lat: number; lon: number } | null {
		const v = this.vehicles.get(id) ?? this.vrus.get(id);
		if (v) return { lat: v.lat, lon: v.lon };
		const r = this.rsus.find((x) => x.id === id);
		return r ? { lat: r.lat, lon: r.lon } : null;
	}

	get done(): boolean {
		return this.next >= this.records.length;
	}

	step() {
		this.timeMs += STEP_MS;
		while (this.next < this.records.length && this.records[this.next].t <= this.timeMs) {
			const r = this.records[this.next++];
			const sender = this.idOf(r.sender);
			const receivers = r.receivers.map((n) => this.idOf(n));
			const tx: Transmission = {
				kind: 'tx', seq: this.seq++, t: r.t, sender, channel: r.channel, type: r.type, bytes: r.bytes,
				receivers, receiverCount: receivers.length, latencyMs: r.latencyMs ?? 0
			};
			this.absorb(tx);
			this.events.push(tx);
		}
		for (const map of [this.vehicles, this.vrus])
			for (const [id, v] of map) if (this.timeMs - v.seenAt > STALE_MS) map.delete(id);
	}

	/** What a message tells about where things are. */
	private absorb(tx: Transmission) {
		if (tx.type !== 'bsm' && tx.type !== 'psm' && tx.type !== 'spat') return;
		let f: PbObject;
		try {
			f = decodeFrame(tx.bytes) as unknown as PbObject;
		} catch {
			return; // a damaged frame is still in the log; it just moves nothing on the map
		}
		// the type comes from the file: trust only what the bytes say
		if (tx.type === 'spat') {
			const spat = f.spat as PbObject | undefined;
			if (!spat) return;
			for (const i of (spat.intersections as PbObject[]) ?? []) {
				const node = ((i.intersectionId as PbObject)?.id as number) ?? 0;
				const m = new Map<number, Light>();
				for (const p of (i.phases as PbObject[]) ?? []) {
					const first = (p.phaseStates as PbObject[])?.[0];
					m.set((p.id as number) ?? 0, LIGHTS[(first?.light as number) ?? 0] ?? 'red');
				}
				this.lights.set(node, m);
			}
			return;
		}
		const m = (tx.type === 'bsm' ? f.bsm : f.psm) as PbObject | undefined;
		const pos = m?.pos as { lat: number; lon: number } | undefined;
		if (!m || !pos) return;
		const t: Tracked = {
			id: tx.sender,
			kind: tx.type === 'bsm' ? kindOf(m) : 0,
			lat: pos.lat / 1e7,
			lon: pos.lon / 1e7,
			heading: ((m.heading as number) ?? 0) * 0.0125,
			speed: ((m.speed as number) ?? 0) * 0.02,
			braking: ((m.brakes as PbObject | undefined)?.brakePedal as number) === 2,
			seenAt: this.timeMs
		};
		(tx.type === 'bsm' ? this.vehicles : this.vrus).set(tx.sender, t);
	}

	drainEvents(): SimEvent[] {
		const out = this.events;
		this.events = [];
		return out;
	}

	snapshot(): Snapshot {
		const vs = [...this.vehicles.values()];
		const n = vs.length;
		const v = {
			id: new Int32Array(n), kind: new Uint8Array(n), lat: new Float64Array(n), lon: new Float64Array(n),
			heading: new Float32Array(n), speed: new Float32Array(n), flags: new Uint8Array(n)
		};
		vs.forEach((x, i) => {
			v.id[i] = x.id;
			v.kind[i] = x.kind;
			v.lat[i] = x.lat;
			v.lon[i] = x.lon;
			v.heading[i] = x.heading;
			v.speed[i] = x.speed;
			v.flags[i] = x.braking ? 1 : 0;
		});
		// SPAT gives lights per phase; the city's signal plans say which approaches each phase serves
		const signals: Snapshot['signals'] = [];
		for (const node of this.city.nodes) {
			const lights = this.lights.get(node.id);
			if (!node.signal || !lights) continue;
			signals.push({
				node: node.id,
				approaches: node.signal.phases.flatMap((p) => p.approaches.map((linkId) => ({ linkId, light: lights.get(p.id) ?? 'red', remaining: 0 })))
			});
		}
		return {
			t: this.timeMs,
			vehicles: v,
			vrus: [...this.vrus.values()].map((p) => ({ id: p.id, kind: 'pedestrian' as const, lat: p.lat, lon: p.lon, heading: p.heading })),
			signals,
			events: []
		};
	}
}
