// Every transmission the worker has seen, newest kept, in a ring bounded by bytes: typed-array
// columns (one slot per message) and one circular byte arena holding each message's payload and
// receiver ids. No object per message, so the garbage collector has nothing to walk and the
// memory is what the budget says. Warnings (alerts) ride in the same order as slots without
// bytes, with their text kept aside (they are rare). A message from a broker (Live mode) also
// keeps its note in the arena: the topic it came on and, if it did not decode, why.
import type { Alert, Transmission } from '../sim';
import type { FrameEncoding } from '../sim';

/**
 * Bytes of the fixed columns per slot: seq (Uint32 4) + t (Float64 8) + sender (Int32 4) + type,
 * flags and profile (Uint8 3) + latency (Float32 4) + arena offset, payload size, receiver count
 * and receivers stored (Uint32 4 × 4) + note length (Uint16 2). Measured by the ring test against
 * the arrays allocated.
 */
export const SLOT_BYTES = 41;

/**
 * The default budget, bytes (64 MiB). A message costs SLOT_BYTES + its payload + 4 bytes per
 * receiver recorded (+ its note, live messages only): measured at 100 vehicles in Beijing Yizhuang, protobuf on the air (ring.test.ts
 * prints it), 41 + 130 ≈ 171 B a message at ~1,260 messages per simulated second, so the default
 * ring spans about 5 minutes (UPER payloads are smaller: longer). The arena (3/4 of the budget)
 * fills first at these sizes; the columns would hold ~430k messages.
 */
export const DEFAULT_RING_BYTES = 64 * 1024 * 1024;

/** Share of the budget given to the columns; the rest is the arena. */
const COLUMN_SHARE = 0.25;

const PC5 = 1;
const UPER = 2;

/** One kept message as a plain value (for the log window, the inspector and export). */
export interface RingEntry {
	/** Absolute slot number (0 for the first message the ring ever took). */
	n: number;
	seq: number;
	t: number;
	sender: number;
	type: string;
	channel: 'pc5' | 'uu';
	encoding: FrameEncoding;
	profile?: string;
	latencyMs: number;
	receiverCount: number;
	/** Set for a warning slot. */
	alert?: Alert;
	/** Live mode: the MQTT topic it came on. */
	topic?: string;
	/** Live mode: why the publication did not decode. */
	error?: string;
}

/** What a live message keeps beside its bytes (UTF-8 in the arena: topic, then NUL and the error). */
export interface RingNote {
	topic?: string;
	error?: string;
}

/** Longest note kept, bytes (the column is 16 bits; MQTT topics are at most 65,535 bytes too). */
const NOTE_MAX = 0xffff;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class MessageRing {
	/** Slots the columns hold at most. */
	readonly capacity: number;
	/** Bytes of the arena (payloads and receiver ids). */
	readonly arenaBytes: number;
	private readonly seqs: Uint32Array;
	private readonly times: Float64Array;
	private readonly senders: Int32Array;
	private readonly types: Uint8Array;
	private readonly flags: Uint8Array;
	private readonly profiles: Uint8Array;
	private readonly latency: Float32Array;
	private readonly offsets: Uint32Array;
	private readonly sizes: Uint32Array;
	private readonly rxCounts: Uint32Array;
	private readonly rxStored: Uint32Array;
	private readonly noteLens: Uint16Array;
	private readonly arena: Uint8Array;
	private readonly view: DataView;
	private readonly typeNames: string[] = [];
	private readonly typeIndex = new Map<string, number>();
	private readonly profileNames: string[] = [''];
	private readonly alerts = new Map<number, Alert>();
	/** Absolute number of the oldest slot kept; `end` is one past the newest. */
	first = 0;
	end = 0;
	/** Messages dropped for room, from the start (exact). */
	evicted = 0;
	/** Next free byte of the arena. */
	private w = 0;
	private lastSeq = 0;
	/** Where the search for the oldest slot with bytes resumes (it only moves forward). */
	private tailScan = 0;

	/** A ring within `budgetBytes` (at least 64 KiB): a quarter for the columns, the rest for bytes. */
	constructor(budgetBytes = DEFAULT_RING_BYTES) {
		const budget = Math.max(64 * 1024, Math.floor(budgetBytes));
		this.capacity = Math.max(16, Math.floor((budget * COLUMN_SHARE) / SLOT_BYTES));
		this.arenaBytes = budget - this.capacity * SLOT_BYTES;
		const c = this.capacity;
		this.seqs = new Uint32Array(c);
		this.times = new Float64Array(c);
		this.senders = new Int32Array(c);
		this.types = new Uint8Array(c);
		this.flags = new Uint8Array(c);
		this.profiles = new Uint8Array(c);
		this.latency = new Float32Array(c);
		this.offsets = new Uint32Array(c);
		this.sizes = new Uint32Array(c);
		this.rxCounts = new Uint32Array(c);
		this.rxStored = new Uint32Array(c);
		this.noteLens = new Uint16Array(c);
		this.arena = new Uint8Array(this.arenaBytes);
		this.view = new DataView(this.arena.buffer);
	}

	/** Bytes the ring's arrays take (what the budget bought). */
	get allocatedBytes(): number {
		const cols = [this.seqs, this.times, this.senders, this.types, this.flags, this.profiles, this.latency, this.offsets, this.sizes, this.rxCounts, this.rxStored, this.noteLens];
		return cols.reduce((a, c) => a + c.byteLength, 0) + this.arena.byteLength;
	}

	/** Messages kept now. */
	get size(): number {
		return this.end - this.first;
	}

	/** Arena bytes in use by the kept messages. */
	get usedBytes(): number {
		let n = 0;
		for (let i = this.first; i < this.end; i++) n += this.arenaLength(i % this.capacity);
		return n;
	}

	/** The index of a type name in this ring (types are added as met; at most 255). */
	typeId(type: string): number {
		let id = this.typeIndex.get(type);
		if (id === undefined) {
			if (this.typeNames.length >= 255) throw new Error(`message ring: more than 255 message types (at "${type}")`);
			id = this.typeNames.length;
			this.typeNames.push(type);
			this.typeIndex.set(type, id);
		}
		return id;
	}

	/** The name of type index `id` (typeOf). */
	typeName(id: number): string {
		return this.typeNames[id];
	}

	/** The type index of slot `n` (must be kept). */
	typeOf(n: number): number {
		return this.types[n % this.capacity];
	}
	/** The sender of slot `n`. */
	senderOf(n: number): number {
		return this.senders[n % this.capacity];
	}
	/** True when slot `n` went on PC5. */
	isPc5(n: number): boolean {
		return (this.flags[n % this.capacity] & PC5) !== 0;
	}

	/** Takes in a transmission (its bytes, receiver ids and note are copied); returns its slot number. */
	push(tx: Transmission, note?: RingNote): number {
		const rx = tx.receivers;
		const noted = note && (note.topic || note.error) ? utf8.encode(note.error ? `${note.topic ?? ''}\u0000${note.error}` : note.topic!) : null;
		const noteBytes = noted ? noted.subarray(0, NOTE_MAX) : null;
		const len = tx.bytes.length + 4 * rx.length + (noteBytes?.length ?? 0);
		const n = this.claim(len);
		if (n < 0) return -1;
		const i = n % this.capacity;
		this.fill(i, tx.seq, tx.t, tx.sender, this.typeId(tx.type), (tx.channel === 'pc5' ? PC5 : 0) | (tx.encoding === 'uper' ? UPER : 0));
		this.profiles[i] = tx.profile ? this.profileId(tx.profile) : 0;
		this.latency[i] = tx.latencyMs;
		this.sizes[i] = tx.bytes.length;
		this.rxCounts[i] = tx.receiverCount;
		this.rxStored[i] = rx.length;
		const at = this.offsets[i];
		this.arena.set(tx.bytes, at);
		for (let k = 0, o = at + tx.bytes.length; k < rx.length; k++, o += 4) this.view.setInt32(o, rx[k], true);
		this.noteLens[i] = noteBytes?.length ?? 0;
		if (noteBytes) this.arena.set(noteBytes, at + tx.bytes.length + 4 * rx.length);
		this.lastSeq = tx.seq;
		return n;
	}

	/** Takes in a warning (it sorts after the transmissions before it; seq is theirs). */
	pushAlert(a: Alert): number {
		const n = this.claim(0);
		const i = n % this.capacity;
		this.fill(i, this.lastSeq, a.t, a.node, this.typeId('alert'), PC5);
		this.profiles[i] = 0;
		this.latency[i] = 0;
		this.sizes[i] = 0;
		this.rxCounts[i] = 0;
		this.rxStored[i] = 0;
		this.noteLens[i] = 0;
		this.alerts.set(n, a);
		return n;
	}

	private fill(i: number, seq: number, t: number, sender: number, type: number, flags: number): void {
		this.seqs[i] = seq;
		this.times[i] = t;
		this.senders[i] = sender;
		this.types[i] = type;
		this.flags[i] = flags;
	}

	private profileId(p: string): number {
		let id = this.profileNames.indexOf(p);
		if (id < 0) id = this.profileNames.push(p) - 1;
		return id;
	}

	private arenaLength(i: number): number {
		return this.sizes[i] + 4 * this.rxStored[i] + this.noteLens[i];
	}

	/** A new slot with `len` arena bytes at offsets[slot], evicting the oldest for room; -1 if it can never fit. */
	private claim(len: number): number {
		if (len > this.arenaBytes) {
			this.evicted++; // larger than the whole arena: counted as dropped at once, given no slot
			return -1;
		}
		if (this.size === this.capacity) this.evictOldest();
		for (;;) {
			const oldest = this.oldestWithBytes();
			if (oldest < 0) {
				this.w = 0; // no bytes kept: the arena is all free
				break;
			}
			const tail = this.offsets[oldest % this.capacity];
			if (tail < this.w) {
				// live bytes are [tail, w): room after w, or before tail
				if (this.w + len <= this.arenaBytes) break;
				if (len <= tail) {
					this.w = 0;
					break;
				}
			} else if (this.w + len <= tail) break; // live bytes wrap (or fill the arena): room is [w, tail)
			this.evictOldest();
		}
		const n = this.end++;
		this.offsets[n % this.capacity] = this.w;
		this.w += len;
		return n;
	}

	/** The oldest kept slot holding arena bytes, or -1 (slots without bytes hold no room). */
	private oldestWithBytes(): number {
		if (this.tailScan < this.first) this.tailScan = this.first;
		while (this.tailScan < this.end && this.arenaLength(this.tailScan % this.capacity) === 0) this.tailScan++;
		return this.tailScan < this.end ? this.tailScan : -1;
	}

	private evictOldest(): void {
		this.alerts.delete(this.first);
		this.first++;
		this.evicted++;
	}

	/** True when slot `n` is still kept. */
	has(n: number): boolean {
		return n >= this.first && n < this.end;
	}

	/** Slot `n` as a value (null once evicted). */
	entry(n: number): RingEntry | null {
		if (!this.has(n)) return null;
		const i = n % this.capacity;
		const f = this.flags[i];
		const e: RingEntry = {
			n, seq: this.seqs[i], t: this.times[i], sender: this.senders[i], type: this.typeNames[this.types[i]], channel: f & PC5 ? 'pc5' : 'uu',
			encoding: f & UPER ? 'uper' : 'protobuf', latencyMs: this.latency[i], receiverCount: this.rxCounts[i]
		};
		if (this.profiles[i]) e.profile = this.profileNames[this.profiles[i]];
		const a = this.alerts.get(n);
		if (a) e.alert = a;
		if (this.noteLens[i]) Object.assign(e, this.note(i));
		return e;
	}

	/** A copy of slot `n`'s payload (empty once evicted). */
	bytes(n: number): Uint8Array {
		if (!this.has(n)) return new Uint8Array(0);
		const i = n % this.capacity;
		return this.arena.slice(this.offsets[i], this.offsets[i] + this.sizes[i]);
	}

	/** The note of slot index `i` (topic and error). */
	private note(i: number): RingNote {
		const at = this.offsets[i] + this.sizes[i] + 4 * this.rxStored[i];
		const text = fromUtf8.decode(this.arena.subarray(at, at + this.noteLens[i]));
		const cut = text.indexOf('\u0000');
		const note: RingNote = {};
		const topic = cut < 0 ? text : text.slice(0, cut);
		if (topic) note.topic = topic;
		if (cut >= 0) note.error = text.slice(cut + 1);
		return note;
	}

	/** Slot `n`'s payload size, bytes. */
	sizeOf(n: number): number {
		return this.sizes[n % this.capacity];
	}

	/** The receiver ids recorded for slot `n`, the first `max` of them. */
	receivers(n: number, max = Infinity): number[] {
		if (!this.has(n)) return [];
		const i = n % this.capacity;
		const k = Math.min(max, this.rxStored[i]);
		const out = new Array<number>(k);
		for (let j = 0, o = this.offsets[i] + this.sizes[i]; j < k; j++, o += 4) out[j] = this.view.getInt32(o, true);
		return out;
	}

	/** The slot of the transmission numbered `seq`, or -1 when it is not kept (evicted, or never seen). */
	find(seq: number): number {
		let lo = this.first;
		let hi = this.end;
		const alert = this.typeIndex.get('alert');
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.seqs[mid % this.capacity] < seq) lo = mid + 1;
			else hi = mid;
		}
		// warnings share the seq of the transmission before them; the transmission comes first
		for (; lo < this.end && this.seqs[lo % this.capacity] === seq; lo++) if (this.types[lo % this.capacity] !== alert) return lo;
		return -1;
	}
}
