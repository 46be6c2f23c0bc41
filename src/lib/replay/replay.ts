// Replays a recorded capture as if it were a running world: the same controls, snapshots and
// events, rebuilt from the messages themselves (vehicle positions from their BSMs, pedestrians
// from PSMs, signal lights from SPAT). Nothing is simulated; everything shown was in the file.
import type { PbObject } from '../codec';
import type { CaptureMeta, CaptureRecord } from '../capture';
import { decodeOnAir, DEFAULT_CONFIG, CLOUD_ID, CLOUD_NAME, idInName, loadCity, type Engine, type EngineMeta, type RadioBins, type RsuView, type SimEvent, type Snapshot, type Transmission, type CityFile } from '../sim';
import { recordEncoding } from './encoding';
import { RecordStore } from './record-store';
import { guessCity } from './guess-city';
import { absorb, packVehicles, type Tracked } from './tracked';
import { catchUp } from './catch-up';
import { signalLights, type PhaseLights } from './lights';

const STEP_MS = 100;
/** A node not heard from for this long is no longer drawn. */
const STALE_MS = 2000;
/** Ids given to nodes whose names carry none (RSUs, foreign names) start here. */
const FIRST_FREE_ID = 500;
/** Replay time between checkpoints of the rebuilt state (a seek back restarts from the nearest). */
const CHECKPOINT_MS = 5000;
/** A seek further ahead than this jumps (catch-up.ts) instead of taking every message on the way. */
const JUMP_MS = 3000;

/** What the replay had rebuilt at a time: enough to go on from there as if it had played to it. */
interface Checkpoint {
	timeMs: number;
	next: number;
	vehicles: Map<number, Tracked>;
	vrus: Map<number, Tracked>;
	lights: Map<number, PhaseLights>;
}

export class Replay implements Engine {
	readonly stepMs = STEP_MS;
	readonly city: CityFile;
	readonly rsus: RsuView[];
	/** A capture does not say who was tried and missed: no delivery statistics. */
	readonly radioBins: RadioBins = { binM: 25, tried: new Float64Array(13), delivered: new Float64Array(13) };
	readonly endMs: number;
	/** How far the capture's first position is from the city it is shown on, m, when it was made elsewhere (guess-city.ts FAR_M). */
	readonly farM?: number;
	/** Replay time before the first step, ms (a step before the first message). */
	readonly startMs: number;
	timeMs = 0;
	/** Checkpoints by time, oldest first (the first is the start). */
	private checkpoints: Checkpoint[] = [];
	/** The capture's records in time order, compact (record-store.ts): decoded as they are replayed. */
	readonly records: RecordStore;
	/** Node id by name index of the store (-1: not asked yet); ids are given as names are met, as before. */
	private idByName: Int32Array;
	private next = 0;
	private ids = new Map<string, number>();
	private names = new Map<number, string>();
	private vehicles = new Map<number, Tracked>();
	private vrus = new Map<number, Tracked>();
	private lights = new Map<number, PhaseLights>();
	private events: SimEvent[] = [];

	/** `records`: a capture's records (in any order: they are replayed in time order), or a store of them (sealed here). */
	constructor(
		records: readonly CaptureRecord[] | RecordStore,
		readonly captureMeta: CaptureMeta | undefined,
		readonly source: string
	) {
		const store = records instanceof RecordStore ? records : RecordStore.of(records);
		store.seal();
		this.records = store;
		this.idByName = new Int32Array(0);
		this.endMs = store.count ? store.tAt(store.count - 1) : 0;
		const place = guessCity(store, captureMeta?.city);
		this.city = loadCity(place.id);
		this.farM = place.farM;
		this.ids.set(CLOUD_NAME, CLOUD_ID);
		this.names.set(CLOUD_ID, CLOUD_NAME);
		this.rsus = this.city.rsus.map((r) => ({ id: this.idOf(r.id), name: r.id, lat: r.lat, lon: r.lon, rangeM: r.rangeM ?? DEFAULT_CONFIG.radio.pc5.rangeM }));
		// start just before the first message
		this.timeMs = this.startMs = store.count ? Math.max(0, Math.floor(store.tAt(0) / STEP_MS) * STEP_MS - STEP_MS) : 0;
		this.checkpoint();
	}

	/** The capture's own header where it has one (the UPER profile: its records' otherwise); the default start time otherwise. */
	get meta(): EngineMeta {
		const m = this.captureMeta;
		const meta: EngineMeta = { startTimeMs: m?.startTimeMs ?? DEFAULT_CONFIG.startTimeMs, city: this.city.id, seed: m?.seed, vehicles: m?.vehicles };
		// JSON Lines have no header: the records name their profile
		const profile = m?.profile ?? (this.firstProfile ??= { profile: this.records.firstUperProfile() }).profile;
		if (profile !== undefined) meta.profile = profile;
		return meta;
	}

	private firstProfile?: { profile: string | undefined };

	/** The id of the store's name `index` (idOf, remembered by index). */
	private idOfName(index: number): number {
		if (index >= this.idByName.length) {
			const grown = new Int32Array(Math.max(index + 1, this.idByName.length * 2, 64)).fill(-1);
			grown.set(this.idByName);
			this.idByName = grown;
		}
		let id = this.idByName[index];
		if (id < 0) id = this.idByName[index] = this.idOf(this.records.name(index));
		return id;
	}

	/** A stable numeric id per node name: the number in "car-10012", else the next free one. */
	private idOf(name: string): number {
		let id = this.ids.get(name);
		if (id !== undefined) return id;
		id = idInName(name) ?? FIRST_FREE_ID + this.ids.size;
		while (this.names.has(id)) id++;
		this.ids.set(name, id);
		this.names.set(id, name);
		return id;
	}

	/** The name the capture gave node `id` (`node-<id>` if it named none). */
	nodeName(id: number): string {
		return this.names.get(id) ?? `node-${id}`;
	}

	/** Where a node's latest BSM or PSM put it (an RSU where the city file has it); null if unknown or stale. */
	positionOf(id: number): { lat: number; lon: number } | null {
		const v = this.vehicles.get(id) ?? this.vrus.get(id);
		if (v) return { lat: v.lat, lon: v.lon };
		const r = this.rsus.find((x) => x.id === id);
		return r ? { lat: r.lat, lon: r.lon } : null;
	}

	/** True once every record has been replayed. */
	get done(): boolean {
		return this.next >= this.records.count;
	}

	/** Advances by dtMs (whole steps), taking in every record sent meanwhile. */
	step(dtMs = STEP_MS): void {
		const n = Math.max(1, Math.round(dtMs / STEP_MS));
		for (let i = 0; i < n; i++) this.tick();
	}

	private tick(keep = true): void {
		this.timeMs += STEP_MS;
		while (this.next < this.records.count && this.records.tAt(this.next) <= this.timeMs) {
			const tx = this.transmission(this.next++);
			this.take(tx);
			if (keep) this.events.push(tx);
		}
		for (const map of [this.vehicles, this.vrus])
			for (const [id, v] of map) if (this.timeMs - v.seenAt > STALE_MS) map.delete(id);
		if ((this.timeMs - this.startMs) % CHECKPOINT_MS === 0) this.checkpoint();
	}

	/** Record `i` as a transmission (its number is its place in the capture, in time order). */
	private transmission(i: number): Transmission {
		const r = this.records.record(i);
		const receivers = this.records.receiversAt(i).map((n) => this.idOfName(n));
		const { encoding, profile } = recordEncoding(r, this.captureMeta);
		const tx: Transmission = {
			kind: 'tx', seq: i, t: r.t, sender: this.idOfName(this.records.senderAt(i)), channel: r.channel, type: r.type, bytes: r.bytes, encoding,
			receivers, receiverCount: receivers.length, latencyMs: r.latencyMs ?? 0
		};
		if (profile) tx.profile = profile;
		return tx;
	}

	/** Keeps the state now as a checkpoint, if it is past the last one (maps are copied; their values are never changed in place). */
	private checkpoint(): void {
		const last = this.checkpoints[this.checkpoints.length - 1];
		if (last && last.timeMs >= this.timeMs) return;
		this.checkpoints.push({ timeMs: this.timeMs, next: this.next, vehicles: new Map(this.vehicles), vrus: new Map(this.vrus), lights: new Map(this.lights) });
	}

	/**
	 * Jumps to replay time `tMs` (ms, on the 100 ms step grid from startMs, clamped to the capture's
	 * span): the state is what playing from the start to there gives (the same positions, lights and
	 * numbering), rebuilt from the nearest checkpoint before it. Transmissions passed over are not
	 * events; `transmissionsBefore` gives them.
	 */
	seek(tMs: number): void {
		const lastStep = this.startMs + Math.ceil((this.endMs - this.startMs) / STEP_MS) * STEP_MS;
		const target = Math.min(lastStep, Math.max(this.startMs, this.startMs + Math.round((tMs - this.startMs) / STEP_MS) * STEP_MS));
		if (target < this.timeMs) {
			let c = this.checkpoints[0];
			for (const k of this.checkpoints) if (k.timeMs <= target) c = k;
			this.timeMs = c.timeMs;
			this.next = c.next;
			this.vehicles = new Map(c.vehicles);
			this.vrus = new Map(c.vrus);
			this.lights = new Map(c.lights);
		}
		this.events = [];
		if (target - this.timeMs > JUMP_MS) this.jump(target);
		while (this.timeMs < target) this.tick(false);
	}

	/**
	 * Goes to tick `target` as stepping there would, decoding only what decides the state there:
	 * node ids are given in the order stepping gives them, lights come from the latest SPAT of
	 * each intersection, road users from their latest messages (catch-up.ts).
	 */
	private jump(target: number): void {
		const store = this.records;
		const from = this.next;
		let end = from;
		for (; end < store.count && store.tAt(end) <= target; end++) {
			// as transmission() does: the receivers, then the sender
			store.forEachReceiver(end, (n) => this.idOfName(n));
			this.idOfName(store.senderAt(end));
		}
		const lights = new Map(this.lights);
		const heard = new Set<number>();
		for (let i = end - 1; i >= from; i--) {
			if (store.typeAt(i) !== 'spat') continue;
			for (const [node, l] of signalLights(this.messageAt(i)?.spat as PbObject | undefined)) {
				if (heard.has(node)) continue;
				heard.add(node);
				lights.set(node, l);
			}
		}
		// a record is taken at the first tick at or after its time, and never before the next tick
		// (one at t = 0 is not taken at startMs 0, but at the first step)
		const firstTick = this.timeMs + STEP_MS;
		const tickAt = (i: number) => {
			const t = store.tAt(i);
			// the division may round either way
			let tick = this.startMs + Math.ceil((t - this.startMs) / STEP_MS) * STEP_MS;
			while (tick - STEP_MS >= t) tick -= STEP_MS;
			while (tick < t) tick += STEP_MS;
			return Math.max(firstTick, tick);
		};
		const users = catchUp({
			from, end, target, staleMs: STALE_MS, stepMs: STEP_MS, tickAt,
			typeAt: (i) => store.typeAt(i),
			senderIdAt: (i) => this.idOfName(store.senderAt(i)),
			messageAt: (i, isBsm) => this.messageAt(i)?.[isBsm ? 'bsm' : 'psm'] as PbObject | undefined
		}, this.vehicles, this.vrus);
		this.vehicles = users.vehicles;
		this.vrus = users.vrus;
		this.lights = lights;
		this.next = end;
		this.timeMs = target;
		this.checkpoint();
	}

	/** Record i's frame as the model's object, or undefined when its bytes do not decode. */
	private messageAt(i: number): PbObject | undefined {
		const bytes = this.records.bytesAt(i);
		const { encoding, profile } = recordEncoding({ ...this.records.onAirNoteAt(i), bytes }, this.captureMeta);
		try {
			return decodeOnAir(bytes, encoding, profile) as unknown as PbObject;
		} catch {
			return undefined;
		}
	}

	/** Transmissions replayed so far (from the start of the capture), by type. */
	countsBefore(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (let i = 0; i < this.next; i++) {
			const type = this.records.typeAt(i);
			counts[type] = (counts[type] ?? 0) + 1;
		}
		return counts;
	}

	/** The last `count` transmissions replayed so far, oldest first (after a seek, to fill a log). */
	*transmissionsBefore(count: number): Generator<Transmission> {
		for (let i = Math.max(0, this.next - count); i < this.next; i++) yield this.transmission(i);
	}

	/** What a message tells about where things are; the type comes from the file, so only the bytes are trusted. */
	private take(tx: Transmission): void {
		if (tx.type !== 'bsm' && tx.type !== 'psm' && tx.type !== 'spat') return;
		let f: PbObject;
		try {
			f = decodeOnAir(tx.bytes, tx.encoding, tx.profile) as unknown as PbObject;
		} catch {
			return; // a damaged frame is still in the log; it just moves nothing on the map
		}
		if (tx.type === 'spat') {
			for (const [node, lights] of signalLights(f.spat as PbObject | undefined)) this.lights.set(node, lights);
			return;
		}
		const isBsm = tx.type === 'bsm';
		const into = isBsm ? this.vehicles : this.vrus;
		const t = absorb((isBsm ? f.bsm : f.psm) as PbObject | undefined, isBsm, tx.sender, this.timeMs, into.get(tx.sender));
		if (t) into.set(tx.sender, t);
	}

	/** The transmissions replayed since the last call. */
	drainEvents(): SimEvent[] {
		const out = this.events;
		this.events = [];
		return out;
	}

	/** Vehicles and pedestrians as their messages last described them, lights as SPAT last said. */
	snapshot(): Snapshot {
		// in id order: the same after a jump as after stepping (the maps' own order is when each came)
		const v = packVehicles(byId(this.vehicles), (x) => (x.braking ? 1 : 0));
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
			vrus: byId(this.vrus).map((p) => ({ id: p.id, kind: 'pedestrian' as const, lat: p.lat, lon: p.lon, heading: p.heading })),
			signals,
			events: []
		};
	}
}

/** A map's values by ascending key. */
function byId<T>(m: Map<number, T>): T[] {
	return [...m].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
}
