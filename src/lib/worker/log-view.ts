// The message log as the current filter sees the ring: the slot numbers that pass, kept up to
// date as messages arrive (one check each) and rebuilt by one scan when the filter changes.
// Rows are numbered by ordinal (the k-th match since the filter was set), so a window the UI
// asks for stays the same rows while older ones are evicted underneath.
import type { LogFilter } from './protocol';
import type { MessageRing } from './ring';

/** Everything shown. */
export const NO_FILTER: LogFilter = { hidden: [], sender: '', channel: 'all' };

export class LogView {
	private idx = new Float64Array(1024);
	private head = 0;
	private len = 0;
	/** Ordinal of idx[head]. */
	private base = 0;
	/** 1 for a hidden type index (the ring has at most 255). */
	private hiddenTypes = new Uint8Array(256);
	private senderNeedle = '';
	private senderMatch = new Map<number, boolean>();
	private channel: LogFilter['channel'] = 'all';
	private alertType = -1;

	constructor(
		private readonly ring: MessageRing,
		private readonly nameOf: (id: number) => string,
		filter: LogFilter = NO_FILTER
	) {
		this.setFilter(filter);
	}

	/** A new filter: the index is rebuilt from the whole ring (one pass over its columns). */
	setFilter(f: LogFilter): void {
		const hidden = new Set(f.hidden);
		this.hiddenTypes.fill(0);
		this.alertType = this.ring.typeId('alert');
		for (const t of hidden) if (t !== 'alert') this.hiddenTypes[this.ring.typeId(t)] = 1;
		this.senderNeedle = f.sender.trim().toLowerCase();
		this.senderMatch.clear();
		this.channel = f.channel;
		this.head = this.len = 0;
		this.base = 0;
		for (let n = this.ring.first; n < this.ring.end; n++) if (this.passes(n)) this.append(n);
	}

	/** Whether slot `n` passes: warnings pass any type filter; senders match by part of their name. */
	private passes(n: number): boolean {
		const r = this.ring;
		const type = r.typeOf(n);
		if (type !== this.alertType && this.hiddenTypes[type] === 1) return false;
		if (this.channel !== 'all' && r.isPc5(n) !== (this.channel === 'pc5')) return false;
		if (!this.senderNeedle) return true;
		const s = r.senderOf(n);
		let m = this.senderMatch.get(s);
		if (m === undefined) this.senderMatch.set(s, (m = this.nameOf(s).toLowerCase().includes(this.senderNeedle)));
		return m;
	}

	/** Takes in a slot just pushed into the ring. */
	add(n: number): void {
		if (n >= 0 && this.passes(n)) this.append(n);
	}

	private append(n: number): void {
		if (this.head + this.len === this.idx.length) {
			// compact first; grow only when more than half is live
			const grown = this.len * 2 > this.idx.length ? new Float64Array(this.idx.length * 2) : this.idx;
			grown.set(this.idx.subarray(this.head, this.head + this.len), 0);
			this.idx = grown;
			this.head = 0;
		}
		this.idx[this.head + this.len++] = n;
	}

	/** Drops matches the ring has evicted. */
	private trim(): void {
		while (this.len && this.idx[this.head] < this.ring.first) {
			this.head++;
			this.len--;
			this.base++;
		}
	}

	/** The ordinals shown now: [first, end). */
	range(): { first: number; end: number } {
		this.trim();
		return { first: this.base, end: this.base + this.len };
	}

	/** Slot numbers of ordinals [from, from + count) that are still kept. */
	window(from: number, count: number): number[] {
		this.trim();
		const lo = Math.max(from, this.base);
		const hi = Math.min(from + Math.max(0, count), this.base + this.len);
		const out: number[] = [];
		for (let o = lo; o < hi; o++) out.push(this.idx[this.head + o - this.base]);
		return out;
	}
}
