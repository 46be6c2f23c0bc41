// A source of traffic fed by a broker: what the link delivers is queued as it arrives, and each
// step reads a bounded sample of it through the dialects (dialects/read.ts), turns every message
// into a Transmission and rebuilds the map from the messages themselves, as a replayed capture
// does (replay.ts): vehicles from BSM, pedestrians and cyclists from PSM, what RSUs' sensors see
// from RSM, lights from SPAT, intersections from MAP over a bundled base city. Its clock is the
// wall clock; it is never done.
import { isPayloadType, messageType, payloadOf, toHex, type MessageFrame, type PbObject } from '../codec';
import { CLOUD_ID, CLOUD_NAME, decodeOnAir, loadCity, nodeKindOfName, positionDeg, type CityFile, type Engine, type EngineMeta, type RadioBins, type RsuView, type SimEvent, type Snapshot, type Transmission } from '../sim';
import { isProfileName, type ProfileName } from '../uper/profiles';
import { readPublication, READ_ORDER, type ReadResult } from './dialects';
import { NodeDirectory } from './directory';
import { Inbox, type Arrival } from './inbox';
import { Intersections } from './intersections';
import { Participants } from './participants';
import type { LatLon } from './positions';
import { RateMeter } from './rate';
import { Roadside } from './roadside';
import type { LiveCounters, LiveMessage, Undecodable } from './types';

export const STEP_MS = 100;
/**
 * Most messages (rows) read per 100 ms step, 6,000 a second, and as many publications kept
 * between steps. Measured on the 2-core dev machine at a load average of 9 (readPublication per
 * message): a protobuf BSM ~25 µs, a UPER one in a docking batch ~45 µs, an RSM ~200 µs, a MAP
 * ~0.7-1 ms; 600 BSMs are then 15-30 ms, inside the worker's 35 ms of work per frame, and the
 * log's 64 MiB ring still holds over a minute of them. 600 a step is 600 vehicles at 10 Hz:
 * beyond that, and in any flood, a uniform sample is shown and the rest counted as dropped.
 */
export const READ_BUDGET = 600;
/**
 * Most payload octets read per step (256 KiB): decoding costs by the bit, so a flood of big
 * messages (MAPs of 2 KiB and more, forwarded BSM batches) stops here, long before 600 of them.
 */
export const READ_BYTES = 256 * 1024;
/**
 * Most time a step spends reading, ms (of `LiveSourceOptions.busyNow`): what the budgets above do
 * not foresee (a slow machine, JSON far costlier than UPER) still leaves the worker frames to draw.
 * What a step had no time for is read first by the next (at most READ_BUDGET publications wait).
 */
export const READ_MS = 30;
/** A vehicle, pedestrian or detected participant not heard of for this long is no longer drawn (as Replay's). */
export const STALE_MS = 2000;
/** A name (vehicle temp id, topic) not heard of for this long gives its id back. */
export const FORGET_MS = 10_000;
/** Names kept before those not heard of within STALE_MS go at once (a flood of new temp ids or topics). */
export const MAX_NAMES = 50_000;
/** Topics kept for `topicOf`, newest (a power of two). */
export const TOPIC_RING = 65_536;
/** A sender's own timestamp further off our clock than this (ms) is not a latency. */
const MAX_LATENCY_MS = 10_000;

/** Reads one publication (default: the dialects' readPublication). */
export type PublicationReader = (topic: string, payload: Uint8Array, profiles: readonly ProfileName[]) => ReadResult;

export interface LiveSourceOptions {
	/** The bundled city drawn under the traffic (default the playground's, beijing-yizhuang). */
	city?: string;
	/** Wall clock, ms since 1970 UTC (default Date.now; tests pass a fake one). */
	now?: () => number;
	/** Most messages read per step, and publications kept between steps (default READ_BUDGET). */
	budget?: number;
	/** Reads a publication (default readPublication). */
	read?: PublicationReader;
	/** Monotonic clock for READ_MS, ms (default performance.now; tests that count reads pass a constant one). */
	busyNow?: () => number;
}

/** The playground's default city. */
const DEFAULT_CITY = 'beijing-yizhuang';
/** Types an RSU sends: their sender is drawn as an RSU. */
const RSU_TYPES = new Set(['map_data', 'spat', 'rsi', 'rsm']);
/** Types that move something on the map (decoded when the reader did not leave the frame). */
const MAP_TYPES = new Set(['bsm', 'psm', 'rsm', 'spat', 'map_data', 'rsi']);

export class LiveSource implements Engine {
	readonly stepMs = STEP_MS;
	readonly done = false;
	/** A broker says nothing of radio delivery. */
	readonly radioBins: RadioBins = { binM: 25, tried: new Float64Array(13), delivered: new Float64Array(13) };
	/** Source time, ms since the source started (wall clock). */
	timeMs = 0;
	/** Publications sent by the link (set by whoever publishes; the source does not). */
	published = 0;
	readonly startTimeMs: number;
	private readonly now: () => number;
	private readonly busyNow: () => number;
	private readonly read: PublicationReader;
	private readonly inbox: Inbox;
	private readonly budget: number;
	/** Publications kept by the inbox but not read: the step's budget was spent. */
	private cut = 0;
	/** Publications read, and sampled out by the inbox as of the last step. */
	private taken = 0;
	private sampledOut = 0;
	/** Publications a step had no time left for: the next one reads them first (at most the budget). */
	private carried: Arrival[] = [];
	private readonly directory = new NodeDirectory();
	private readonly roadside: Roadside;
	private readonly intersections: Intersections;
	private readonly participants = new Participants(STALE_MS);
	private readonly rate: RateMeter;
	private readonly topics: string[] = new Array(TOPIC_RING);
	private events: SimEvent[] = [];
	private seq = 0;
	private messages = 0;
	private undecodable = 0;
	private profileSeen: ProfileName | undefined;
	private readOrder: readonly ProfileName[] = READ_ORDER;
	private lastForget = 0;

	constructor(options: LiveSourceOptions = {}) {
		this.now = options.now ?? Date.now;
		this.busyNow = options.busyNow ?? (() => performance.now());
		this.read = options.read ?? ((topic, payload, profiles) => readPublication(topic, payload, { profiles }));
		this.budget = options.budget ?? READ_BUDGET;
		this.inbox = new Inbox(this.budget);
		this.startTimeMs = this.now();
		const base = loadCity(options.city ?? DEFAULT_CITY);
		this.intersections = new Intersections(base);
		this.roadside = new Roadside(base, this.directory);
		this.rate = new RateMeter(() => this.timeMs);
	}

	/** The base city plus the intersections MAP messages described. */
	get city(): CityFile {
		return this.intersections.city;
	}

	/** The base city's RSUs and those placed by their own messages. */
	get rsus(): readonly RsuView[] {
		return this.roadside.list;
	}

	/** Goes up each time `city` or `rsus` change: the worker then sends the city view again. */
	get cityVersion(): number {
		return this.intersections.version + this.roadside.version;
	}

	get meta(): EngineMeta {
		const meta: EngineMeta = { startTimeMs: this.startTimeMs, city: this.intersections.base.id };
		if (this.profileSeen) meta.profile = this.profileSeen;
		return meta;
	}

	/**
	 * Queues a publication as the link delivers it (MQTT callback, any time): O(1), no decoding,
	 * no copy. Beyond READ_BUDGET since the last step, a uniform sample is kept and the rest dropped.
	 */
	receive(topic: string, payload: Uint8Array): void {
		this.inbox.push(topic, payload);
	}

	/** Node names the source holds now (bounded: MAX_NAMES, FORGET_MS). */
	get names(): number {
		return this.directory.size;
	}

	/** Publications waiting for the next step: the inbox's (at most the budget) and those a step had no time for (as many). */
	get queued(): number {
		return this.inbox.size + this.carried.length;
	}

	/**
	 * Counters as of the last step: `publications` are those read or dropped (what waits for a step
	 * is counted by it), so they and the messages read from them agree. `dropped` and `perSecond`
	 * count publications (a dropped one is never decoded, so its messages are unknown): dropped by
	 * the inbox's sampling or past a step's budget; arrived in the last second of source time.
	 */
	counters(): LiveCounters {
		return {
			publications: this.taken + this.sampledOut + this.cut, messages: this.messages, undecodable: this.undecodable, dropped: this.sampledOut + this.cut,
			perSecond: this.rate.perSecond(), published: this.published
		};
	}

	/** The topic transmission `seq` arrived on, while among the newest TOPIC_RING; else undefined. */
	topicOf(seq: number): string | undefined {
		return seq >= 0 && seq < this.seq && seq >= this.seq - TOPIC_RING ? this.topics[seq & (TOPIC_RING - 1)] : undefined;
	}

	/**
	 * Takes in what arrived since the last step (time follows the wall clock; `dtMs` is ignored:
	 * a live source cannot run ahead of its broker).
	 */
	step(_dtMs?: number): void {
		this.timeMs = Math.max(this.timeMs, this.now() - this.startTimeMs);
		this.rate.add(this.inbox.pending);
		this.sampledOut = this.inbox.dropped;
		const queue = this.carried.length ? [...this.carried, ...this.inbox.take()] : this.inbox.take();
		this.carried = [];
		let rows = 0;
		let octets = 0;
		let i = 0;
		const until = this.busyNow() + READ_MS;
		// a publication may hold many messages (a docking BSM batch): the budget counts messages
		for (; i < queue.length && rows < this.budget && octets < READ_BYTES && this.busyNow() < until; i++) {
			octets += queue[i].payload.length;
			rows += this.takePublication(queue[i].topic, queue[i].payload);
			this.taken++;
		}
		// Out of budget, bytes or time: the rest waits for the next step, which the worker runs
		// within ~100 ms. Only what would make the wait longer than one budget is dropped, so a
		// burst (a slow frame on a loaded machine, a resumed pause) is read late, not lost.
		if (i < queue.length) {
			this.carried = queue.slice(Math.max(i, queue.length - this.budget));
			this.cut += queue.length - i - this.carried.length;
		}
		this.intersections.update();
		this.participants.prune(this.timeMs);
		if (this.directory.size > MAX_NAMES) this.directory.forget(this.timeMs - STALE_MS);
		else if (this.timeMs - this.lastForget >= 1000) {
			this.lastForget = this.timeMs;
			this.directory.forget(this.timeMs - FORGET_MS);
		}
	}

	/** The transmissions (messages and undecodable publications) read since the last call, in order. */
	drainEvents(): SimEvent[] {
		const out = this.events;
		this.events = [];
		return out;
	}

	/** Road users as their latest messages put them (none older than STALE_MS), lights as SPAT last said. */
	snapshot(): Snapshot {
		return { t: this.timeMs, ...this.participants.snapshot(), signals: this.intersections.signals(this.timeMs), events: [] };
	}

	/** "vehicle:<temp id hex>", "car-10012/<temp id hex>" (cv2x topics name the vehicle), an RSU's name, a topic; `node-<id>` once forgotten. */
	nodeName(id: number): string {
		return this.directory.nameOf(id);
	}

	/** Where a road user or an RSU is drawn now, or null. */
	positionOf(id: number): { lat: number; lon: number } | null {
		return this.participants.positionOf(id) ?? this.roadside.positionOf(id);
	}

	/** One publication: its messages, or why it did not decode (a reader that throws too); returns the rows it made. */
	private takePublication(topic: string, payload: Uint8Array): number {
		let r: ReadResult;
		try {
			r = this.read(topic, payload, this.readOrder);
		} catch (e) {
			r = { messages: [], undecodable: { topic, payload, error: `reading failed: ${(e as Error)?.message ?? String(e)}` } };
		}
		for (const m of r.messages) this.takeMessage(m);
		if (r.undecodable) this.takeUndecodable(r.undecodable);
		return r.messages.length + (r.undecodable ? 1 : 0);
	}

	private takeMessage(m: LiveMessage): void {
		this.messages++;
		if (m.profile && isProfileName(m.profile)) this.learnProfile(m.profile);
		const payload = MAP_TYPES.has(m.type) ? this.payloadOf(m) : undefined;
		const sender = this.senderOf(m, payload);
		const tx: Transmission = {
			kind: 'tx', seq: this.seq, t: this.timeMs, sender, channel: isPayloadType(m.type) ? messageType(m.type).channel : 'pc5', type: m.type,
			bytes: m.bytes, encoding: m.encoding, receivers: [], receiverCount: 0, latencyMs: this.latency(m.sentAtMs)
		};
		if (m.profile) tx.profile = m.profile;
		this.push(tx, m.topic);
		if (payload) this.absorb(m.type, sender, payload);
	}

	private takeUndecodable(u: Undecodable): void {
		this.undecodable++;
		// the node is the topic: that is all anyone knows of who sent it
		const sender = this.directory.idOf(`topic:${u.topic}`, 'vehicle', u.topic, this.timeMs);
		const tx: Transmission = {
			kind: 'tx', seq: this.seq, t: this.timeMs, sender, channel: 'uu', type: 'undecodable', bytes: u.payload, encoding: 'protobuf',
			receivers: [], receiverCount: 0, latencyMs: 0, error: u.error
		};
		this.push(tx, u.topic);
	}

	private push(tx: Transmission, topic: string): void {
		this.topics[this.seq & (TOPIC_RING - 1)] = topic;
		this.seq++;
		this.events.push(tx);
	}

	/** The model payload of a message: the frame the reader kept, else decoded once here; undefined if it does not decode. */
	private payloadOf(m: LiveMessage): PbObject | undefined {
		let frame: MessageFrame | undefined = m.frame;
		if (!frame) {
			try {
				frame = decodeOnAir(m.bytes, m.encoding, m.profile);
			} catch {
				return undefined; // the row is still in the log; it moves nothing on the map
			}
		}
		return payloadOf(frame)?.value;
	}

	/**
	 * The node that sent `m`: a vehicle by its BSM's temporary id and a pedestrian by its PSM's
	 * (so vehicles of two publishers never merge), an RSU by name (MAP, SPAT, RSI, RSM, and
	 * everything the docking framing forwards), the cloud, else the sender's name.
	 */
	private senderOf(m: LiveMessage, payload: PbObject | undefined): number {
		const now = this.timeMs;
		if (m.type === 'bsm' || m.type === 'psm') {
			const tempId = payload?.id instanceof Uint8Array && payload.id.length ? toHex(payload.id) : null;
			const vru = m.type === 'psm';
			const kind = vru ? ((payload?.nonMotorData as PbObject | undefined)?.basicType === 2 ? 'cyclist' : 'pedestrian') : 'vehicle';
			// a cv2x topic names the vehicle itself: keep that name beside the id
			const own = m.dialect === 'cv2x' && nodeKindOfName(m.sender) !== 'rsu' && m.sender !== CLOUD_NAME;
			if (!tempId) return this.directory.idOf(`${m.type} from:${m.sender}`, vru ? 'vru' : 'vehicle', own ? m.sender : `${kind} via ${m.sender}`, now);
			return this.directory.idOf(`${m.type}:${tempId}`, vru ? 'vru' : 'vehicle', own ? `${m.sender}/${tempId}` : `${kind}:${tempId}`, now);
		}
		if (m.sender === CLOUD_NAME) return CLOUD_ID;
		if (RSU_TYPES.has(m.type) || m.dialect !== 'cv2x' || nodeKindOfName(m.sender) === 'rsu') return this.roadside.idOf(m.sender, now);
		const kind = nodeKindOfName(m.sender);
		return this.directory.idOf(`node:${m.sender}`, kind === 'vru' ? 'vru' : 'vehicle', m.sender, now);
	}

	/** What a message tells about the map. */
	private absorb(type: string, sender: number, p: PbObject): void {
		const now = this.timeMs;
		switch (type) {
			case 'bsm':
				this.participants.bsm(sender, p, now);
				return;
			case 'psm':
				this.participants.psm(sender, p, now);
				return;
			case 'spat':
				this.intersections.absorbSpat(p, now);
				return;
			case 'map_data':
				this.intersections.absorbMap(p);
				return this.placeRsu(sender, firstNodePosition(p), 'map');
			case 'rsi':
				return this.placeRsu(sender, positionDeg(p.refPos), 'refPos');
			case 'rsm':
				this.placeRsu(sender, positionDeg(p.refPos), 'refPos');
				return this.absorbRsm(sender, p);
		}
	}

	/** Each RSM participant under its own id, keyed by the RSU and its ptcId. */
	private absorbRsm(rsu: number, p: PbObject): void {
		const list = Array.isArray(p.participants) ? (p.participants as PbObject[]) : [];
		const rsuName = this.directory.nameOf(rsu);
		for (const ptc of list) {
			if (typeof ptc !== 'object' || ptc === null) continue;
			const ptcId = typeof ptc.ptcId === 'number' ? ptc.ptcId : 0;
			const vru = ptc.ptcType === 2 || ptc.ptcType === 3;
			const id = this.directory.idOf(`ptc:${rsu}:${ptcId}`, vru ? 'vru' : 'vehicle', `${rsuName}:ptc${ptcId}`, this.timeMs);
			this.participants.participant(id, p.refPos, ptc, this.timeMs);
		}
	}

	private placeRsu(id: number, at: LatLon | null, source: 'map' | 'refPos'): void {
		if (at && id !== CLOUD_ID) this.roadside.place(id, at, source);
	}

	/** ms from the sender's own timestamp to now, when both clocks plausibly agree; else 0. */
	private latency(sentAtMs: number | undefined): number {
		if (sentAtMs === undefined) return 0;
		const d = this.now() - sentAtMs;
		return d >= 0 && d <= MAX_LATENCY_MS ? d : 0;
	}

	private learnProfile(p: ProfileName): void {
		this.profileSeen ??= p;
		// the profile that read the last UPER message goes first: the next costs one attempt
		if (this.readOrder[0] !== p) this.readOrder = [p, ...READ_ORDER.filter((x) => x !== p)];
	}
}

/** The first MAP node's reference position: where an RSU that sends only MAP is drawn. */
function firstNodePosition(map: PbObject): LatLon | null {
	const n = Array.isArray(map.nodes) ? (map.nodes[0] as PbObject | undefined) : undefined;
	return n ? positionDeg(n.refPos) : null;
}
