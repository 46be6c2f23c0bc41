// What the worker keeps of the transmissions it has seen: every one in a ring bounded by bytes
// (ring.ts), read by export, the log (through the filtered view, log-view.ts) and the inspector;
// each node's latest of each type; per-second statistics for the charts.
import type { CaptureRecord } from '../capture';
import { CLOUD_ID, rememberingNames, type Alert, type Engine, type Transmission } from '../sim';
import { LogView, NO_FILTER } from './log-view';
import type { FrameStats, LogFilter, LogRange, TxDetail, TxRow } from './protocol';
import { DEFAULT_RING_BYTES, MessageRing, type RingEntry } from './ring';

/** Receiver names sent with a transmission's detail. */
const DETAIL_RECEIVERS = 200;
/** Most log rows one window answer carries. */
const WINDOW_MAX = 500;
/** The type of a broker publication that did not decode (Live mode): its bytes are the raw payload. */
export const UNDECODABLE = 'undecodable';
/** A transmission as a live source makes it: `error` set on a publication that did not decode. */
type MaybeUndecodable = Transmission & { error?: string };

export class Ledger {
	/** A node's name as it was when first seen. */
	readonly nameOf: (id: number) => string;
	readonly ring: MessageRing;
	private view: LogView;
	private latest = new Map<number, Map<string, number>>();
	private seconds = new Map<number, FrameStats>();

	constructor(
		private readonly engine: Engine,
		filter: LogFilter = NO_FILTER,
		ringBytes = DEFAULT_RING_BYTES
	) {
		this.nameOf = rememberingNames((id) => engine.nodeName(id));
		this.ring = new MessageRing(ringBytes);
		this.view = new LogView(this.ring, this.nameOf, filter);
	}

	/** Takes in one transmission; `topic`: the MQTT topic it came on (Live mode). */
	account(tx: Transmission, topic?: string): void {
		this.nameOf(tx.sender); // the name as it is now, before the node can leave
		for (const r of tx.receivers) this.nameOf(r);
		const error = (tx as MaybeUndecodable).error;
		this.view.add(this.ring.push(tx, topic !== undefined || error !== undefined ? { topic, error } : undefined));
		let m = this.latest.get(tx.sender);
		if (!m) this.latest.set(tx.sender, (m = new Map()));
		m.set(tx.type, tx.seq);
		this.countSecond(tx);
	}

	/** Takes in a warning: it becomes a log row in order with the transmissions. */
	accountAlert(a: Alert): void {
		this.nameOf(a.node);
		this.view.add(this.ring.pushAlert(a));
	}

	/** The log shows what passes `f` from now on (the index is rebuilt). */
	setFilter(f: LogFilter): void {
		this.view.setFilter(f);
	}

	/** Where the log stands. */
	logRange(): LogRange {
		const r = this.view.range();
		return { ...r, kept: this.ring.size, evicted: this.ring.evicted, ringBytes: this.ring.allocatedBytes };
	}

	/** Log rows of ordinals [from, from + count) under the filter (at most WINDOW_MAX), oldest first. */
	window(from: number, count: number): TxRow[] {
		return this.view.window(from, Math.min(count, WINDOW_MAX)).map((n) => this.entryRow(this.ring.entry(n)!));
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

	/** Every transmission kept (warnings left out), oldest first, as capture records with names as they were. */
	records(): CaptureRecord[] {
		const out: CaptureRecord[] = [];
		for (const slice of this.recordSlices(Infinity)) out.push(...slice);
		return out;
	}

	/**
	 * The kept transmissions as capture records, oldest first, `size` at a time: only one slice
	 * is made at once, so an export holds a slice, never the history.
	 */
	*recordSlices(size: number): Generator<CaptureRecord[]> {
		let out: CaptureRecord[] = [];
		for (let n = this.ring.first; n < this.ring.end; n++) {
			const r = this.captureRecord(n);
			if (!r) continue;
			out.push(r);
			if (out.length >= size) {
				yield out;
				out = [];
			}
		}
		if (out.length) yield out;
	}

	/** Every node named by a kept transmission, in the order records() first names them (sender, then receivers). */
	nodeNames(): string[] {
		const ids = new Set<number>();
		for (let n = this.ring.first; n < this.ring.end; n++) {
			if (!this.isFrame(n)) continue;
			ids.add(this.ring.senderOf(n));
			for (const r of this.ring.receivers(n)) ids.add(r);
		}
		return [...ids].map(this.nameOf);
	}

	/** Slot `n` holds a frame a capture can carry (not a warning, not an undecodable publication). */
	private isFrame(n: number): boolean {
		const type = this.ring.typeName(this.ring.typeOf(n));
		return type !== 'alert' && type !== UNDECODABLE;
	}

	private captureRecord(n: number): CaptureRecord | null {
		const e = this.ring.entry(n)!;
		if (e.alert || e.type === UNDECODABLE) return null; // a capture holds frames; garbage has no record form
		const r: CaptureRecord = {
			t: e.t, sender: this.nameOf(e.sender), receivers: this.ring.receivers(n).map(this.nameOf), channel: e.channel, type: e.type,
			latencyMs: e.latencyMs, bytes: this.ring.bytes(n)
		};
		if (e.encoding === 'uper') {
			r.encoding = 'uper';
			r.profile = e.profile;
		}
		return r;
	}

	/** A log row of a kept slot (a warning: negative seq, its text as an i18n key). */
	private entryRow(e: RingEntry): TxRow {
		if (e.alert) {
			const a = e.alert;
			return {
				seq: -1 - e.n, t: a.t, sender: a.node, senderName: this.nameOf(a.node), channel: 'pc5', type: 'alert', size: 0, encoding: 'protobuf', receivers: 0, latencyMs: 0,
				alert: { app: a.app, level: a.level, key: a.key, params: a.params, cause: a.cause }
			};
		}
		const r: TxRow = {
			seq: e.seq, t: e.t, sender: e.sender, senderName: this.nameOf(e.sender), channel: e.channel, type: e.type,
			size: this.ring.sizeOf(e.n), encoding: e.encoding, receivers: e.receiverCount, latencyMs: e.latencyMs
		};
		if (e.profile) r.profile = e.profile;
		if (e.topic !== undefined) r.topic = e.topic;
		if (e.error !== undefined) r.error = e.error;
		return r;
	}

	/** A log row for a transmission: sender and, for Uu downlinks, receiver positions now. */
	row(tx: Transmission): TxRow {
		const r: TxRow = {
			seq: tx.seq, t: tx.t, sender: tx.sender, senderName: this.nameOf(tx.sender), channel: tx.channel, type: tx.type,
			size: tx.bytes.length, encoding: tx.encoding, receivers: tx.receiverCount, latencyMs: tx.latencyMs
		};
		if (tx.profile) r.profile = tx.profile;
		return this.placed(r, tx.receivers[0]);
	}

	/** `r` with its sender's position now and, for a Uu downlink, its receiver's. */
	private placed(r: TxRow, to: number | undefined): TxRow {
		const p = this.engine.positionOf(r.sender);
		if (p) {
			r.lat = p.lat;
			r.lon = p.lon;
		}
		const q = r.channel === 'uu' && to !== undefined && to !== CLOUD_ID ? this.engine.positionOf(to) : null;
		if (q) {
			r.toLat = q.lat;
			r.toLon = q.lon;
		}
		return r;
	}

	/** The kept transmission numbered `seq` with its bytes, or null once the ring has evicted it. */
	detail(seq: number): TxDetail | null {
		const n = this.ring.find(seq);
		if (n < 0) return null;
		const rx = this.ring.receivers(n, DETAIL_RECEIVERS);
		const row = this.placed(this.entryRow(this.ring.entry(n)!), rx[0]);
		return { ...row, bytes: this.ring.bytes(n), receiverNames: rx.map(this.nameOf) };
	}

	/** A node's latest kept transmission of the first of `types` it has sent. */
	latestOf(node: number, types: string[]): TxDetail | null {
		const byType = this.latest.get(node);
		for (const t of types) {
			const seq = byType?.get(t);
			const d = seq === undefined ? null : this.detail(seq);
			if (d) return d;
		}
		return null;
	}
}
