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
	/**
	 * The log's extent as the list shows it. Following, it is the extent the held rows were read
	 * with (so the newest held row is the last of the list, however fast rows arrive); scrolled
	 * up, the latest a frame said (the held rows keep their ordinals).
	 */
	range = $state.raw<LogRange>(EMPTY);
	/** The rows held: ordinals [from, from + rows.length). */
	held = $state.raw<{ from: number; rows: TxRow[] }>({ from: 0, rows: [] });
	/** True while the view sticks to the newest rows. */
	follow = $state(true);
	private want = { from: 0, count: 40 };
	private latest: LogRange = EMPTY;
	private busy = false;
	private again = false;
	private stale = false;
	private playing = false;
	private shownAt = -Infinity;
	/** Bumped by reset: an answer asked for before it is dropped (an old filter's rows). */
	private generation = 0;

	/**
	 * `fetch` asks the worker for rows of ordinals [from, from + count), or with `tail` for the
	 * newest `count`; `now` is a clock in ms.
	 */
	constructor(
		private readonly fetch: (from: number, count: number, tail: boolean) => Promise<LogAnswer | null>,
		private readonly now: () => number = () => performance.now()
	) {}

	/** A new run, seek or filter: empty, following. */
	reset(): void {
		this.range = this.latest = EMPTY;
		this.held = { from: 0, rows: [] };
		this.follow = true;
		this.want.from = 0;
		this.stale = true;
		this.generation++;
	}

	/** A frame's news: the extent; rows are fetched at once when paused, at most every REFRESH_MS while playing. */
	update(log: LogRange, playing: boolean): void {
		const r = this.latest;
		this.playing = playing;
		if (log.first !== r.first || log.end !== r.end || log.kept !== r.kept) {
			this.latest = log;
			this.stale = true;
			if (!this.follow) this.range = log;
		}
		if (this.stale && (!playing || this.now() - this.shownAt >= REFRESH_MS)) void this.load();
	}

	/** The view shows ordinals [from, from + count); `atBottom` when scrolled to the end (follow on, else off). */
	view(from: number, count: number, atBottom: boolean): void {
		const wasFollowing = this.follow;
		this.follow = atBottom;
		this.want = { from: Math.max(0, from), count: Math.max(1, count) };
		if (!atBottom && wasFollowing) this.range = this.latest;
		// following while playing: the frames fetch (throttled); rows already held: nothing to ask
		if (atBottom && wasFollowing && this.playing) return;
		const h = this.held;
		const lo = Math.max(this.want.from, this.range.first);
		const hi = Math.min(this.want.from + this.want.count, this.range.end);
		if (!this.stale && !atBottom && lo >= h.from && hi <= h.from + h.rows.length) return;
		void this.load();
	}

	/** Back to the newest rows, following. */
	jumpToNewest(): void {
		this.follow = true;
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
			const a = await this.fetch(this.want.from, this.want.count, this.follow);
			if (generation !== this.generation) this.again = true;
			else if (a) {
				this.held = { from: a.from, rows: a.rows };
				if (this.follow || a.log.end >= this.latest.end) this.range = a.log;
				if (a.log.end >= this.latest.end) this.latest = a.log;
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
