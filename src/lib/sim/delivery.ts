// Radio delivery: every transmission is encoded once, then handed to the PC5 receivers in range
// (each drawn against the delivery curve at its distance) or put in flight over Uu to one
// receiver until its latency has passed. Draws are hashes of (seed, transmission, receiver).
import type { MessageFrame, PbObject } from '../codec';
import type { SimConfig } from './config';
import type { RadioBins } from './engine';
import type { EventLog } from './event-log';
import type { Channel, Transmission } from './events';
import { OnAirCodec } from './on-air';
import { Grid, latencyMs, pdrTable, uuDelivered } from './radio';
import { hashUnit } from './rng';

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

export class Delivery {
	readonly stats = { tx: 0, deliveries: 0, bytes: 0, decodes: 0, byType: {} as Record<string, number> };
	/** PC5 deliveries by distance, in 25 m bins: receivers in range that were tried, and reached. */
	readonly radioBins: RadioBins;
	private txSeq = 0;
	private inFlight: InFlight[] = [];
	private grid: Grid;
	private pdr: Float64Array;
	private ids: number[] = [];
	private xs: number[] = [];
	private ys: number[] = [];
	/** PC5 in the run's on-air format (protobuf or UPER), Uu in protobuf. */
	readonly onAir: OnAirCodec;

	constructor(
		private readonly config: SimConfig,
		private readonly log: EventLog,
		private readonly listener: Pc5Listener
	) {
		this.onAir = new OnAirCodec(config.onAir);
		this.grid = new Grid(config.radio.pc5.rangeM);
		this.pdr = pdrTable(config.radio.pc5);
		const bins = Math.ceil(config.radio.pc5.rangeM / BIN_M) + 1;
		this.radioBins = { binM: BIN_M, tried: new Float64Array(bins), delivered: new Float64Array(bins) };
	}

	/** Starts a new index of radio positions (every step, before anyone sends). */
	beginIndex(): void {
		this.ids.length = this.xs.length = this.ys.length = 0;
	}

	/** Adds a node with a radio at (x, y), local metres. */
	addToIndex(id: number, x: number, y: number): void {
		this.ids.push(id);
		this.xs.push(x);
		this.ys.push(y);
	}

	/** Builds the grid over the nodes added since beginIndex(). */
	endIndex(): void {
		this.grid.build(this.xs, this.ys, this.ids.length);
	}

	/** Calls fn with the id of every indexed node in the grid cells within `range` of (x, y). */
	near(x: number, y: number, range: number, fn: (id: number) => void): void {
		this.grid.near(x, y, range, (i) => fn(this.ids[i]));
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
		const record = this.config.recordReceivers || this.listener.listening();
		const count = this.reach(tx, x, y, range, record);
		if (record) tx.receivers.sort((a, b) => a - b);
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

	/** The PC5 neighbour loop: who in range gets `tx`. Returns how many. */
	private reach(tx: Transmission, x: number, y: number, range: number, record: boolean): number {
		const seed = this.config.seed;
		const r2 = Math.min(range, this.config.radio.pc5.rangeM) ** 2;
		const rec = tx.receivers;
		const sender = tx.sender;
		let count = 0;
		// inlined grid query: this loop runs for every pair in range, millions of times a second
		const g = this.grid;
		const ids = this.ids;
		const xs = this.xs;
		const ys = this.ys;
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
					const bin = (d / BIN_M) | 0;
					tried[bin]++;
					if (hashUnit(seed, tx.seq, id, 0x50c5) >= pdr[d | 0]) continue;
					delivered[bin]++;
					count++;
					if (record) rec.push(id);
				}
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
