// Live mode in the worker: the broker link, the source it feeds, and (when asked) the background
// simulation this tab publishes. The session steps it like any engine and posts what it says;
// decoding happens here in the worker, never on the page.
import type { Dialect, LinkStatus, LiveCounters } from '../live/types';
import type { LinkPort, LiveParts, SourcePort } from './live-parts';
import { LivePublisher, PUBLISH_VEHICLES_MAX } from './live-publisher';
import type { LiveConnect, LiveState } from './protocol';

/** How often the status and counters are posted while nothing changes, ms of wall time. */
export const STATUS_EVERY_MS = 1000;

export interface LiveModeHost {
	/** Wall clock, ms. */
	now(): number;
	/** The link's status changed: post it now. */
	changed(): void;
}

export class LiveMode {
	private status: LinkStatus;
	/** Wall time the status was set (a reconnection's countdown runs from it). */
	private statusAt: number;
	private publisher: LivePublisher | null = null;
	/** The latest problem the link reported that is not a connection state. */
	private problem: string | undefined;
	private postedAt = -Infinity;
	private closed = false;

	/**
	 * Opens the link to `conn.url` and subscribes `conn.topics`; publications go to `source`.
	 * Throws (changing nothing outside) when the link refuses the options or a filter.
	 */
	constructor(
		readonly source: SourcePort,
		private readonly link: LinkPort,
		private readonly conn: LiveConnect,
		private readonly host: LiveModeHost,
		clientId: string
	) {
		this.status = { state: 'connecting', url: conn.url, attempt: 1 };
		this.statusAt = host.now();
		try {
			link.open(
				{ url: conn.url, username: conn.username || undefined, password: conn.password || undefined, clientId },
				{
					status: (s) => this.setStatus(s),
					publication: (topic, payload) => {
						if (!this.closed) source.receive(topic, payload);
					},
					problem: (text) => {
						this.problem = text;
						host.changed();
					}
				}
			);
			link.subscribe(conn.topics);
		} catch (e) {
			this.closed = true;
			link.close();
			throw e;
		}
	}

	private setStatus(s: LinkStatus): void {
		if (this.closed && s.state !== 'closed') return;
		this.status = s;
		this.statusAt = this.host.now();
		this.host.changed();
	}

	/** Closes the link; the source and its view stay. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.publisher = null;
		this.link.close();
		this.status = { state: 'closed', url: this.conn.url };
		this.statusAt = this.host.now();
	}

	get isClosed(): boolean {
		return this.closed;
	}

	/** Starts (or stops, with null) publishing a background run of `city` in `dialect`. */
	publish(dialect: Dialect | null, parts: LiveParts, run: { city: string; vehicles: number; seed: number; prefix: string }): void {
		if (!dialect || this.closed) {
			this.publisher = null;
			return;
		}
		const info = { dialect, city: run.city, seed: run.seed, vehicles: Math.min(run.vehicles, PUBLISH_VEHICLES_MAX), prefix: run.prefix };
		this.publisher = new LivePublisher(info, parts, Date.now());
	}

	/** One step of the background run, its publications sent (none while not connected). */
	stepPublisher(): void {
		const p = this.publisher;
		if (!p) return;
		const pubs = p.step();
		if (this.status.state !== 'connected') return;
		for (const pub of pubs) this.link.publish(pub);
	}

	/** True when the status is due to be posted again (about once a second). */
	due(now: number): boolean {
		return now - this.postedAt >= STATUS_EVERY_MS;
	}

	/** The state to post (marks it posted): a reconnection's wait counts down from when it was said. */
	state(): LiveState {
		const now = this.host.now();
		this.postedAt = now;
		let status = this.status;
		if (status.state === 'reconnecting') status = { ...status, retryInMs: Math.max(0, status.retryInMs - (now - this.statusAt)) };
		const counters: LiveCounters = { ...this.source.counters(), published: this.link.sent() };
		const state: LiveState = { status, topics: [...this.conn.topics], counters, publishing: this.publisher?.info ?? null };
		if (this.problem) state.problem = this.problem;
		return state;
	}
}
