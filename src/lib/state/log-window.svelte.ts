// The log's window onto the worker's ring: which rows are in view, the rows the worker sent for
// them, whether the view follows the newest. The UI never holds more than a window of rows; the
// worker answers from its filtered index (worker/log-view.ts).
import type { LogRange, TxRow } from '../worker/protocol';

/** A window answer: rows of ordinals from `from`, and where the log stood then. */
export interface LogAnswer {
	from: number;
	rows: TxRow[];
	log: LogRange;
}

const EMPTY: LogRange = { first: 0, end: 0, kept: 0, evicted: 0, ringBytes: 0 };
/** While playing, the window is fetched at most this often, ms (reading is no faster). */
const REFRESH_MS = 200;

export class LogWindow {
	/** Where the log stands (the latest the worker said). */
	range = $state.raw<LogRange>(EMPTY);
	/** The rows held: ordinals [from, from + rows.length). */
	held = $state.raw<{ from: number; rows: TxRow[] }>({ from: 0, rows: [] });
	/** True while the view sticks to the newest rows. */
	follow = $state(true);
	private want = { from: 0, count: 40 };
	private busy = false;
	private again = false;
	private stale = false;
	private shownAt = -Infinity;
	/** Bumped by reset: an answer asked for before it is dropped (an old filter's rows). */
	private generation = 0;

	/** `fetch` asks the worker for rows of ordinals [from, from + count); `now` is a clock in ms. */
	constructor(
		private readonly fetch: (from: number, count: number) => Promise<LogAnswer | null>,
		private readonly now: () => number = () => performance.now()
	) {}

	/** A new run, seek or filter: empty, following. */
	reset(): void {
		this.range = EMPTY;
		this.held = { from: 0, rows: [] };
		this.follow = true;
		this.want.from = 0;
		this.stale = true;
		this.generation++;
	}

	/** A frame's news: the range; rows are fetched at once when paused, at most every REFRESH_MS while playing. */
	update(log: LogRange, playing: boolean): void {
		const r = this.range;
		if (log.first !== r.first || log.end !== r.end || log.kept !== r.kept) {
			this.range = log;
			this.stale = true;
		}
		if (this.follow) this.want.from = Math.max(log.first, log.end - this.want.count);
		if (this.stale && (!playing || this.now() - this.shownAt >= REFRESH_MS)) void this.load();
	}

	/** The view shows ordinals [from, from + count); `atBottom` when scrolled to the end (follow on, else off). */
	view(from: number, count: number, atBottom: boolean): void {
		const wasFollowing = this.follow;
		this.follow = atBottom;
		this.want = { from: atBottom ? Math.max(this.range.first, this.range.end - count) : Math.max(0, from), count: Math.max(1, count) };
		// following already: the frames fetch (throttled); rows already held: nothing to ask
		if (atBottom && wasFollowing && !this.stale) return;
		const h = this.held;
		const lo = Math.max(this.want.from, this.range.first);
		const hi = Math.min(this.want.from + this.want.count, this.range.end);
		if (!this.stale && lo >= h.from && hi <= h.from + h.rows.length) return;
		void this.load();
	}

	/** Back to the newest rows, following. */
	jumpToNewest(): void {
		this.follow = true;
		this.want.from = Math.max(this.range.first, this.range.end - this.want.count);
		void this.load();
	}

	/** One request at a time; a view asked for meanwhile is fetched when the answer is in. */
	private async load(): Promise<void> {
		if (this.busy) {
			this.again = true;
			return;
		}
		this.busy = true;
		this.stale = false;
		this.shownAt = this.now();
		const generation = this.generation;
		try {
			const a = await this.fetch(this.want.from, this.want.count);
			if (generation !== this.generation) this.again = true;
			else if (a) {
				this.held = { from: a.from, rows: a.rows };
				this.range = a.log;
			}
		} finally {
			this.busy = false;
			if (this.again) {
				this.again = false;
				void this.load();
			}
		}
	}
}
