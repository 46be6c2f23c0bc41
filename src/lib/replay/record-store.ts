// A capture's records kept compactly for replay: typed-array columns (time, type, sender,
// channel, encoding, latency, where the bytes are) and the payloads and receiver lists in byte
// pages, names and types as indices into small tables. No object per record: a 600 MB JSON
// Lines capture (1.4 M records) takes about 45 B of columns + its payload + ~2 B per receiver
// a record, and the garbage collector has nothing to walk. Records are decoded on demand.
import type { CaptureRecord } from '../capture';

/** Bytes of one arena page (a record never spans two; a bigger one gets a page of its own). */
const PAGE_BYTES = 4 * 1024 * 1024;
const PC5 = 1;
const HAS_LATENCY = 2;
/** Encoding as given: none (older files), 'protobuf' or 'uper' (bits 2-3). */
const ENCODINGS = [undefined, 'protobuf', 'uper'] as const;

/** Typed arrays that grow by doubling (amortised linear; the old array is dropped). */
function grown<T extends Float64Array | Uint32Array | Uint8Array>(a: T, need: number): T {
	if (need <= a.length) return a;
	const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 1024));
	next.set(a);
	return next;
}

/**
 * Records in the order added; `seal()` orders them by time (stably, as Array.sort does), after
 * which index i means the i-th record in time order. Payloads are views into the store's pages:
 * read them, never change them.
 */
export class RecordStore {
	/** Records held. */
	count = 0;
	private t = new Float64Array(0);
	private types = new Uint32Array(0);
	private senders = new Uint32Array(0);
	private flags = new Uint8Array(0);
	private profiles = new Uint8Array(0);
	private latency = new Float64Array(0);
	/** Page number and offset of a record's payload; then its receivers as varint name indices. */
	private page = new Uint32Array(0);
	private offset = new Uint32Array(0);
	private size = new Uint32Array(0);
	private rxCount = new Uint32Array(0);
	private pages: Uint8Array[] = [];
	private w = PAGE_BYTES;
	private readonly names: string[] = [];
	private readonly nameIndex = new Map<string, number>();
	private readonly typeNames: string[] = [];
	private readonly typeIndex = new Map<string, number>();
	private readonly profileNames: (string | undefined)[] = [undefined];
	/** Time order (index → place added), or null while added in time order already. */
	private order: Uint32Array | null = null;
	private inOrder = true;
	private sealed = false;

	/** A sealed store of `records` (for a capture read whole). */
	static of(records: readonly CaptureRecord[]): RecordStore {
		const s = new RecordStore();
		for (const r of records) s.add(r);
		s.seal();
		return s;
	}

	/** Bytes the store's arrays and pages take. */
	get allocatedBytes(): number {
		const cols = [this.t, this.types, this.senders, this.flags, this.profiles, this.latency, this.page, this.offset, this.size, this.rxCount];
		return cols.reduce((n, c) => n + c.byteLength, 0) + this.pages.reduce((n, p) => n + p.byteLength, 0) + (this.order?.byteLength ?? 0);
	}

	/** Keeps a copy of record `r` (a checked record, as the capture readers give). */
	add(r: CaptureRecord): void {
		if (this.sealed) throw new Error('record store: sealed, no more records');
		const k = this.count;
		this.grow(k + 1);
		if (k && r.t < this.t[k - 1]) this.inOrder = false;
		this.t[k] = r.t;
		this.types[k] = this.indexOf(r.type, this.typeNames, this.typeIndex);
		this.senders[k] = this.indexOf(r.sender, this.names, this.nameIndex);
		this.flags[k] = (r.channel === 'pc5' ? PC5 : 0) | (r.latencyMs !== undefined ? HAS_LATENCY : 0) | (Math.max(0, ENCODINGS.indexOf(r.encoding)) << 2);
		this.profiles[k] = this.profileId(r.profile);
		this.latency[k] = r.latencyMs ?? 0;
		const rx = r.receivers.map((n) => this.indexOf(n, this.names, this.nameIndex));
		const need = r.bytes.length + rx.length * 5;
		const at = this.room(need);
		const p = this.pages[this.pages.length - 1];
		p.set(r.bytes, at);
		let o = at + r.bytes.length;
		for (let x of rx) {
			while (x >= 0x80) {
				p[o++] = (x & 0x7f) | 0x80;
				x >>>= 7;
			}
			p[o++] = x;
		}
		this.w = o;
		this.page[k] = this.pages.length - 1;
		this.offset[k] = at;
		this.size[k] = r.bytes.length;
		this.rxCount[k] = rx.length;
		this.count++;
	}

	/** No more records: they are put in time order (stable). */
	seal(): void {
		if (this.sealed) return;
		this.sealed = true;
		if (this.inOrder) return;
		const t = this.t;
		this.order = new Uint32Array(this.count).map((_, i) => i).sort((a, b) => t[a] - t[b] || a - b);
	}

	private grow(n: number): void {
		if (n <= this.t.length) return;
		this.t = grown(this.t, n);
		this.types = grown(this.types, n);
		this.senders = grown(this.senders, n);
		this.flags = grown(this.flags, n);
		this.profiles = grown(this.profiles, n);
		this.latency = grown(this.latency, n);
		this.page = grown(this.page, n);
		this.offset = grown(this.offset, n);
		this.size = grown(this.size, n);
		this.rxCount = grown(this.rxCount, n);
	}

	/** Offset of `need` free bytes in the last page (a new page when they do not fit). */
	private room(need: number): number {
		const last = this.pages[this.pages.length - 1];
		if (last && this.w + need <= last.length) return this.w;
		this.pages.push(new Uint8Array(Math.max(PAGE_BYTES, need)));
		this.w = 0;
		return 0;
	}

	private indexOf(s: string, list: string[], index: Map<string, number>): number {
		let i = index.get(s);
		if (i === undefined) {
			i = list.push(s) - 1;
			index.set(s, i);
		}
		return i;
	}

	private profileId(p: string | undefined): number {
		let i = this.profileNames.indexOf(p);
		if (i < 0) {
			if (this.profileNames.length >= 255) throw new Error('record store: more than 254 UPER profiles');
			i = this.profileNames.push(p) - 1;
		}
		return i;
	}

	private at(i: number): number {
		return this.order ? this.order[i] : i;
	}

	/** Time of record i, ms. */
	tAt(i: number): number {
		return this.t[this.at(i)];
	}
	/** Payload type of record i (bsm, spat, ...). */
	typeAt(i: number): string {
		return this.typeNames[this.types[this.at(i)]];
	}
	/** Name index of record i's sender (see name()). */
	senderAt(i: number): number {
		return this.senders[this.at(i)];
	}
	/** The node name of a name index. */
	name(index: number): string {
		return this.names[index];
	}
	/** Name indices of record i's receivers, in the order the capture gave them. */
	receiversAt(i: number): number[] {
		const out: number[] = [];
		this.forEachReceiver(i, (x) => out.push(x));
		return out;
	}
	/**
	 * Calls `each` with the name index of every receiver of record i, in the capture's order,
	 * without building a list (a seek walks millions of them).
	 */
	forEachReceiver(i: number, each: (nameIndex: number) => void): void {
		const k = this.at(i);
		const p = this.pages[this.page[k]];
		let o = this.offset[k] + this.size[k];
		for (let j = this.rxCount[k]; j > 0; j--) {
			let x = 0;
			let scale = 1;
			for (;;) {
				const b = p[o++];
				x += (b & 0x7f) * scale;
				if (b < 0x80) break;
				scale *= 128;
			}
			each(x);
		}
	}
	/** What record i says of its bytes' encoding: `encoding` and `profile` as the capture gave them (either may be absent). */
	onAirNoteAt(i: number): Pick<CaptureRecord, 'encoding' | 'profile'> {
		const k = this.at(i);
		return { encoding: ENCODINGS[(this.flags[k] >> 2) & 3], profile: this.profileNames[this.profiles[k]] };
	}
	/** Record i's payload (a view into the store: read only). */
	bytesAt(i: number): Uint8Array {
		const k = this.at(i);
		return this.pages[this.page[k]].subarray(this.offset[k], this.offset[k] + this.size[k]);
	}

	/** Record i as the capture readers gave it (its bytes a view into the store). */
	record(i: number): CaptureRecord {
		const k = this.at(i);
		const f = this.flags[k];
		const r: CaptureRecord = {
			t: this.t[k], sender: this.names[this.senders[k]], receivers: this.receiversAt(i).map((n) => this.names[n]), channel: f & PC5 ? 'pc5' : 'uu',
			type: this.typeNames[this.types[k]], bytes: this.bytesAt(i)
		};
		if (f & HAS_LATENCY) r.latencyMs = this.latency[k];
		const encoding = ENCODINGS[(f >> 2) & 3];
		if (encoding !== undefined) r.encoding = encoding;
		const profile = this.profileNames[this.profiles[k]];
		if (profile !== undefined) r.profile = profile;
		return r;
	}

	/** The profile of the first UPER record (time order) that names one, if any. */
	firstUperProfile(): string | undefined {
		const uper = ENCODINGS.indexOf('uper') << 2;
		for (let i = 0; i < this.count; i++) {
			const k = this.at(i);
			const p = this.profileNames[this.profiles[k]];
			if ((this.flags[k] & (3 << 2)) === uper && p) return p;
		}
		return undefined;
	}
}
