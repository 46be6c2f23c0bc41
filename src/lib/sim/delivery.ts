// Radio delivery: every transmission is encoded once, then handed to the PC5 receivers in range
// (each drawn against the delivery curve at its distance) or put in flight over Uu to one
// receiver until its latency has passed. Draws are hashes of (seed, transmission, receiver).
import type { MessageFrame, PbObject } from '../codec';
import type { SimConfig } from './config';
import type { RadioBins } from './engine';
import type { EventLog } from './event-log';
import type { Channel, Transmission } from './events';
import { OnAirCodec } from './on-air';
import { Neighbours, type Broadcast } from './neighbours';
import { latencyMs, pdrTable, uuDelivered } from './radio';

/** A Uu message on its way. */
export interface InFlight {
	arriveAt: number;
	tx: Transmission;
	from: number;
	to: number;
}

/** Who hears PC5: whether anyone listens (then receivers are recorded), and the hand-over. */
export interface Pc5Listener {
	listening(): boolean;
	received(tx: Transmission, receivers: number[], frame: MessageFrame): void;
}

const BIN_M = 25;
/** Receiver ids per chunk (256 KiB): a few hundred broadcasts' lists. */
const RX_CHUNK = 1 << 16;

export class Delivery {
	readonly stats = { tx: 0, deliveries: 0, bytes: 0, decodes: 0, byType: {} as Record<string, number> };
	/** PC5 deliveries by distance, in 25 m bins: receivers in range that were tried, and reached. */
	readonly radioBins: RadioBins;
	private txSeq = 0;
	private inFlight: InFlight[] = [];
	private readonly neighbours: Neighbours;
	/**
	 * Receiver ids of broadcasts, each list a run in a chunk: a chunk is never written again once
	 * filled, so `Transmission.receiverIds` (views into it) stay valid for as long as they are kept.
	 */
	private rxChunk = new Int32Array(0);
	private rxUsed = 0;
	/** PC5 in the run's on-air format (protobuf or UPER), Uu in protobuf. */
	readonly onAir: OnAirCodec;
	/** The broadcast being delivered: reach() reads it and keeps nothing, so one object serves every transmission. */
	private readonly broadcast: Broadcast = { sender: 0, x: 0, y: 0, rangeM: 0, seq: 0 };

	constructor(
		private readonly config: SimConfig,
		private readonly log: EventLog,
		private readonly listener: Pc5Listener
	) {
		this.onAir = new OnAirCodec(config.onAir);
		this.neighbours = new Neighbours(config.radio.pc5.rangeM, pdrTable(config.radio.pc5), BIN_M);
		const bins = Math.ceil(config.radio.pc5.rangeM / BIN_M) + 1;
		this.radioBins = { binM: BIN_M, tried: new Float64Array(bins), delivered: new Float64Array(bins) };
	}

	/** Starts a new index of radio positions (every step, before anyone sends). */
	beginIndex(): void {
		this.neighbours.begin();
	}

	/** Adds a node with a radio at (x, y), local metres. */
	addToIndex(id: number, x: number, y: number): void {
		this.neighbours.add(id, x, y);
	}

	/** Builds the grid over the nodes added since beginIndex(). */
	endIndex(): void {
		this.neighbours.end();
	}

	/** Calls fn with the id of every indexed node in the grid cells within `range` of (x, y). */
	near(x: number, y: number, range: number, fn: (id: number) => void): void {
		this.neighbours.near(x, y, range, fn);
	}

	private emit(now: number, sender: number, channel: Channel, type: string, payload: PbObject): Transmission {
		const { bytes, encoding } = this.onAir.encode(channel, type, payload);
		const tx: Transmission = {
			kind: 'tx', seq: this.txSeq++, t: now, sender, channel, type, bytes, encoding, receivers: [], receiverCount: 0, latencyMs: 0
		};
		if (encoding === 'uper') tx.profile = this.onAir.profile;
		this.stats.tx++;
		this.stats.bytes += bytes.length;
		this.stats.byType[type] = (this.stats.byType[type] ?? 0) + 1;
		return tx;
	}

	/**
	 * Broadcasts over PC5 from (x, y), local metres, reaching at most `range` metres (capped by
	 * the configured range). Logs the transmission, then hands it, decoded once, to the listener.
	 */
	pc5(now: number, sender: number, x: number, y: number, range: number, type: string, payload: PbObject): Transmission {
		const tx = this.emit(now, sender, 'pc5', type, payload);
		const cfg = this.config.radio.pc5;
		const count = this.reach(tx, x, y, range, this.recording());
		tx.receiverCount = count;
		tx.latencyMs = latencyMs(this.config.seed, tx.seq, cfg.latencyMs, 1);
		this.stats.deliveries += count;
		// the transmission comes before any warning it causes
		this.log.push(tx);
		if (count > 0) {
			// receivers get what came off the air, in its encoding
			const frame = this.onAir.decode(tx.bytes, tx.encoding);
			this.stats.decodes++;
			this.listener.received(tx, tx.receivers, frame);
		}
		return tx;
	}

	/** How PC5 receivers are recorded: as `receivers` (number[]), as `receiverIds` (a typed view) only, or not. */
	private recording(): 'array' | 'ids' | 'none' {
		const r = this.config.recordReceivers;
		// applications are handed number[] lists
		if (r === true || this.listener.listening()) return 'array';
		return r === 'ids' ? 'ids' : 'none';
	}

	/** The PC5 neighbour loop (neighbours.ts): who in range gets `tx`, recorded in id order. Returns how many. */
	private reach(tx: Transmission, x: number, y: number, range: number, record: 'array' | 'ids' | 'none'): number {
		const rangeM = Math.min(range, this.config.radio.pc5.rangeM);
		const broadcast = this.broadcast;
		broadcast.sender = tx.sender;
		broadcast.x = x;
		broadcast.y = y;
		broadcast.rangeM = rangeM;
		broadcast.seq = tx.seq;
		if (record === 'none') return this.neighbours.reach(this.config.seed, broadcast, this.radioBins, null);
		const room = this.neighbours.size;
		if (this.rxUsed + room > this.rxChunk.length) {
			this.rxChunk = new Int32Array(Math.max(RX_CHUNK, room * 4));
			this.rxUsed = 0;
		}
		const at = this.rxUsed;
		const chunk = this.rxChunk;
		const count = this.neighbours.reach(this.config.seed, broadcast, this.radioBins, chunk, at);
		if (record === 'ids') {
			tx.receiverIds = chunk.subarray(at, at + count);
			this.rxUsed += count;
		} else {
			// the chunk is only scratch here: the list is copied out
			const rec = tx.receivers;
			for (let i = at, end = at + count; i < end; i++) rec.push(chunk[i]);
		}
		return count;
	}

	/** Sends over Uu to one node; it arrives after its latency unless the path loses it. */
	uu(now: number, sender: number, to: number, type: string, payload: PbObject): Transmission {
		const tx = this.emit(now, sender, 'uu', type, payload);
		const cfg = this.config.radio.uu;
		tx.latencyMs = latencyMs(this.config.seed, tx.seq, cfg.latencyMs, 2);
		if (uuDelivered(this.config.seed, tx.seq, to, cfg)) {
			tx.receivers.push(to);
			tx.receiverCount = 1;
			this.stats.deliveries++;
			this.inFlight.push({ arriveAt: now + tx.latencyMs, tx, from: sender, to });
		}
		this.log.push(tx);
		return tx;
	}

	/** Uu messages whose latency has passed by `now`, in order of arrival, removed from flight. */
	arrivals(now: number): InFlight[] {
		const due = this.inFlight.filter((m) => m.arriveAt <= now).sort((a, b) => a.arriveAt - b.arriveAt || a.tx.seq - b.tx.seq);
		if (due.length) this.inFlight = this.inFlight.filter((m) => m.arriveAt > now);
		return due;
	}

	/** Decodes a message that arrived (counted: each Uu delivery is decoded from its bytes). */
	decode(tx: Transmission): MessageFrame {
		this.stats.decodes++;
		return this.onAir.decode(tx.bytes, tx.encoding);
	}
}
