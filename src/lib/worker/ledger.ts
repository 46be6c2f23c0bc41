// What the worker keeps of the transmissions it has seen: the history for export (as capture
// records, with names as they were when sent), recent ones for the inspector, each node's latest
// of each type, and per-second statistics for the charts.
import { captureRecord, type CaptureRecord } from '../capture';
import { CLOUD_ID, rememberingNames, type Engine, type Transmission } from '../sim';
import type { FrameStats, TxDetail, TxRow } from './protocol';

const KEEP_RECENT = 20000;
/** Transmissions kept for export (the newest; about 100 s of a 100-vehicle run). */
const KEEP_HISTORY = 100_000;
/** Receiver names sent with a transmission's detail. */
const DETAIL_RECEIVERS = 200;

export class Ledger {
	/** A node's name as it was when first seen. */
	readonly nameOf: (id: number) => string;
	private history: CaptureRecord[] = [];
	private recent = new Map<number, Transmission>();
	private latest = new Map<number, Map<string, number>>();
	private seconds = new Map<number, FrameStats>();

	constructor(private readonly engine: Engine) {
		this.nameOf = rememberingNames((id) => engine.nodeName(id));
	}

	/** Takes in one transmission. */
	account(tx: Transmission): void {
		this.history.push(captureRecord(tx, this.nameOf));
		if (this.history.length > KEEP_HISTORY * 1.1) this.history = this.history.slice(-KEEP_HISTORY);
		this.recent.set(tx.seq, tx);
		if (this.recent.size > KEEP_RECENT) this.recent.delete(this.recent.keys().next().value as number);
		let m = this.latest.get(tx.sender);
		if (!m) this.latest.set(tx.sender, (m = new Map()));
		m.set(tx.type, tx.seq);
		this.countSecond(tx);
	}

	private countSecond(tx: Transmission): void {
		const sec = Math.floor(tx.t / 1000);
		let s = this.seconds.get(sec);
		if (!s) this.seconds.set(sec, (s = { second: sec, byType: {}, bytesPc5: 0, bytesUu: 0, latencyPc5: 0, latencyUu: 0, nPc5: 0, nUu: 0 }));
		s.byType[tx.type] = (s.byType[tx.type] ?? 0) + 1;
		if (tx.channel === 'pc5') {
			s.bytesPc5 += tx.bytes.length;
			s.latencyPc5 += tx.latencyMs;
			s.nPc5++;
		} else {
			s.bytesUu += tx.bytes.length;
			s.latencyUu += tx.latencyMs;
			s.nUu++;
		}
	}

	/** The statistics of seconds before `nowSec`, each handed out once. */
	completeSeconds(nowSec: number): FrameStats[] {
		const done: FrameStats[] = [];
		for (const [sec, s] of this.seconds)
			if (sec < nowSec) {
				done.push(s);
				this.seconds.delete(sec);
			}
		return done;
	}

	/** Every transmission kept, as capture records. */
	records(): CaptureRecord[] {
		return this.history;
	}

	/** A log row for a transmission: sender and, for Uu downlinks, receiver positions now. */
	row(tx: Transmission): TxRow {
		const r: TxRow = {
			seq: tx.seq, t: tx.t, sender: tx.sender, senderName: this.nameOf(tx.sender), channel: tx.channel, type: tx.type,
			size: tx.bytes.length, encoding: tx.encoding, receivers: tx.receiverCount, latencyMs: tx.latencyMs
		};
		if (tx.profile) r.profile = tx.profile;
		const p = this.engine.positionOf(tx.sender);
		if (p) {
			r.lat = p.lat;
			r.lon = p.lon;
		}
		const to = tx.receivers[0];
		const q = tx.channel === 'uu' && to !== undefined && to !== CLOUD_ID ? this.engine.positionOf(to) : null;
		if (q) {
			r.toLat = q.lat;
			r.toLon = q.lon;
		}
		return r;
	}

	/** A kept transmission with its bytes, or null. */
	detail(seq: number): TxDetail | null {
		const tx = this.recent.get(seq);
		if (!tx) return null;
		return { ...this.row(tx), bytes: tx.bytes, receiverNames: tx.receivers.slice(0, DETAIL_RECEIVERS).map(this.nameOf) };
	}

	/** A node's latest kept transmission of the first of `types` it has sent. */
	latestOf(node: number, types: string[]): TxDetail | null {
		const byType = this.latest.get(node);
		const seq = types.map((t) => byType?.get(t)).find((s) => s !== undefined && this.recent.has(s));
		return seq === undefined ? null : this.detail(seq);
	}
}
