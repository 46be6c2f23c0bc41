// MqttLink: one connection to an MQTT broker (mqtt.js, in Node and in a browser Web Worker) that
// stays up by itself: it reconnects with backoff (1 s doubling to 30 s, with jitter), keeps its
// subscriptions across reconnects, hands received publications over as bytes (no decoding here),
// and publishes with backpressure. Reconnection is ours, not mqtt.js's (its reconnectPeriod is
// fixed): every attempt is a fresh mqtt.js client with reconnectPeriod 0, so each attempt's error
// is its own. Credentials stay in this object's memory: never logged, never in a status or error.
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { backoffDelayMs, type BackoffOptions } from './backoff';
import { inNode, parseBrokerUrl, type BrokerUrl } from './broker-url';
import { closedText, describeLinkError, redactSecrets } from './link-errors';
import { RateMeter } from './rate';
import { checkTopicFilter, LinkError, topicNameProblem } from './topics';
import type { LinkStatus, Publication } from './types';

export { LinkError, checkTopicFilter, topicFilterProblem, topicMatches } from './topics';
export { parseBrokerUrl } from './broker-url';

/** How to reach the broker. */
export interface LinkOptions {
	/** `mqtt://host:port` (Node only), `mqtts://…`, `ws://host:port/path`, `wss://…`. User info in it counts as credentials. */
	url: string;
	username?: string;
	password?: string;
	/** MQTT client identifier (default `cv2x-` and 8 random hex digits). */
	clientId?: string;
	/** Keep-alive interval in seconds (default 30). */
	keepaliveS?: number;
	/** How long to wait for the broker's CONNACK, ms (default 10 000). */
	connectTimeoutMs?: number;
	/** Reconnect delays (default 1 s doubling to 30 s, up to 20 % less at random). */
	backoff?: BackoffOptions;
	/** What publish() does while the link is down: wait until it is up (default) or drop and count. */
	whileDown?: 'wait' | 'drop';
	/** QoS 1 publications not awaited that may be unacknowledged at once before publish() waits (default 1000). */
	maxInflight?: number;
	/** QoS of subscriptions (default 1: acknowledged cloud messages stay acknowledged; broadcast ones arrive at QoS 0). */
	subscribeQos?: 0 | 1;
	/** Clock for the per-second counters, ms (default Date.now). */
	now?: () => number;
}

/** Callbacks of a link; each may also be added later with onStatus / onPublication / onProblem. */
export interface LinkHandlers {
	onStatus?: (status: LinkStatus) => void;
	/** A publication arrived: its topic and payload bytes, as the broker sent them. */
	onPublication?: (topic: string, payload: Uint8Array) => void;
	/** Something went wrong that is not a connection state: a subscription the broker refused on reconnect. */
	onProblem?: (text: string) => void;
}

/** Counters since the link was opened; per-second values cover the last second. */
export interface LinkCounters {
	/** Publications received. */
	received: number;
	receivedPerSecond: number;
	/** Publications written to the broker connection. */
	sent: number;
	sentPerSecond: number;
	/** QoS 1 publications the broker acknowledged (PUBACK). */
	acked: number;
	/** Publications not sent (link down with whileDown 'drop') or lost with their connection before their PUBACK. */
	dropped: number;
}

/** Options of one publication. */
export interface PublishOptions {
	/** For QoS 1: resolve only when the broker has acknowledged it (PUBACK). Default false. */
	ack?: boolean;
}

type Listener<T extends unknown[]> = (...args: T) => void;

/**
 * A self-healing MQTT 3.1.1 connection. Open with `MqttLink.open(options, handlers)`; it never
 * throws for a broker that is down or goes away: the status says so and it retries.
 */
export class MqttLink {
	private readonly target: BrokerUrl;
	private readonly statusListeners = new Set<Listener<[LinkStatus]>>();
	private readonly publicationListeners = new Set<Listener<[string, Uint8Array]>>();
	private readonly problemListeners = new Set<Listener<[string]>>();
	private readonly filters = new Set<string>();
	private readonly upWaiters = new Set<{ resolve: () => void; reject: (e: Error) => void }>();
	private readonly inflightWaiters = new Set<() => void>();
	/** Settles a QoS 1 publication still waiting for its PUBACK as lost, saying why. */
	private readonly pendingAcks = new Set<(why: string) => void>();
	/** QoS 0 writes mqtt.js has not called back for (waiting for the socket to drain): lost if it closes. */
	private readonly pendingWrites = new Set<(lost: boolean) => void>();
	private readonly inRate: RateMeter;
	private readonly outRate: RateMeter;
	private client: MqttClient | null = null;
	private current: LinkStatus;
	private attempt = 0;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private closing = false;
	private inflight = 0;
	private count = { received: 0, sent: 0, acked: 0, dropped: 0 };

	private constructor(private readonly options: LinkOptions & { username?: string; password?: string }) {
		this.target = parseBrokerUrl(options.url);
		this.inRate = new RateMeter(options.now);
		this.outRate = new RateMeter(options.now);
		this.current = { state: 'connecting', url: this.target.url, attempt: 1 };
	}

	/**
	 * Opens a link and starts connecting; never waits. Handlers given here see every status from
	 * the first, `connecting` (sent during this call). Credentials in the URL's user info are used
	 * unless given apart.
	 * @throws LinkError for a URL that is not a broker URL (the error shows it without user info)
	 */
	static open(options: LinkOptions, handlers: LinkHandlers = {}): MqttLink {
		const parsed = parseBrokerUrl(options.url);
		const link = new MqttLink({ ...options, username: options.username ?? parsed.username, password: options.password ?? parsed.password });
		if (handlers.onStatus) link.onStatus(handlers.onStatus);
		if (handlers.onPublication) link.onPublication(handlers.onPublication);
		if (handlers.onProblem) link.onProblem(handlers.onProblem);
		link.connect();
		return link;
	}

	/** The broker URL as shown (no user info). */
	get url(): string {
		return this.target.url;
	}

	/** The current connection state. */
	get status(): LinkStatus {
		return this.current;
	}

	/** Calls `fn` at every status change. Returns a function that removes it. */
	onStatus(fn: (status: LinkStatus) => void): () => void {
		this.statusListeners.add(fn);
		return () => this.statusListeners.delete(fn);
	}

	/**
	 * Calls `fn(topic, payload)` for every publication received; the payload is the link's own copy
	 * (not a view into a socket buffer), free to keep or transfer. Returns a function that removes it.
	 */
	onPublication(fn: (topic: string, payload: Uint8Array) => void): () => void {
		this.publicationListeners.add(fn);
		return () => this.publicationListeners.delete(fn);
	}

	/** Calls `fn(text)` for problems that are not connection states. Returns a function that removes it. */
	onProblem(fn: (text: string) => void): () => void {
		this.problemListeners.add(fn);
		return () => this.problemListeners.delete(fn);
	}

	/** The topic filters subscribed to (kept across reconnects), in the order given. */
	get subscriptions(): string[] {
		return [...this.filters];
	}

	/**
	 * Subscribes to topic filters, now if connected and again after every reconnect. Resolves
	 * when the broker granted them (SUBACK), or at once while the link is down.
	 * @throws (rejects) LinkError naming a filter that is not valid (MQTT 3.1.1 §4.7), before any
	 *   is subscribed; or naming the filters the broker refused
	 */
	async subscribe(filters: string[]): Promise<void> {
		for (const f of filters) checkTopicFilter(f);
		this.ensureOpen();
		const fresh = filters.filter((f) => !this.filters.has(f));
		for (const f of fresh) this.filters.add(f);
		if (this.client && this.current.state === 'connected' && fresh.length) await this.sendSubscribe(this.client, fresh);
	}

	/** Drops topic filters (now if connected, and from those restored after a reconnect). */
	async unsubscribe(filters: string[]): Promise<void> {
		const known = filters.filter((f) => this.filters.delete(f));
		const client = this.client;
		if (!client || this.current.state !== 'connected' || !known.length) return;
		await new Promise<void>((resolve) => client.unsubscribe(known, () => resolve()));
	}

	/**
	 * Publishes one publication. Resolves when the link can take the next one: QoS 0 once
	 * written to the connection (or, when the socket's buffer is full, once it drained); QoS 1
	 * once fewer than `maxInflight` are unacknowledged, or with `{ack: true}` once the broker's
	 * PUBACK came. While the link is down it waits for it to come back (whileDown 'wait') or drops
	 * the publication and counts it (whileDown 'drop'). A publication lost with its connection is
	 * counted as dropped.
	 * @throws (rejects) LinkError for a topic that is not a valid topic name, when the link is
	 *   closed, or with `{ack: true}` when the connection was lost before the PUBACK
	 */
	async publish(p: Publication, options: PublishOptions = {}): Promise<void> {
		const problem = topicNameProblem(p.topic);
		if (problem) throw new LinkError(problem);
		this.ensureOpen();
		if (this.current.state !== 'connected') {
			if (this.options.whileDown === 'drop') {
				this.count.dropped++;
				return;
			}
			await this.whenUp();
		}
		const client = this.client!;
		if (p.qos === 0) return this.publishQos0(client, p);
		return this.publishQos1(client, p, options.ack === true);
	}

	/**
	 * Publishes publications one after the other with publish()'s backpressure, for load
	 * generation. Resolves with how many were handed to the broker connection.
	 * @throws (rejects) as publish()
	 */
	async publishMany(publications: Iterable<Publication>, options: PublishOptions = {}): Promise<number> {
		let n = 0;
		for (const p of publications) {
			await this.publish(p, options);
			n++;
		}
		return n;
	}

	/** Counters since the link was opened (a fresh object each call). */
	counters(): LinkCounters {
		return { ...this.count, receivedPerSecond: this.inRate.perSecond(), sentPerSecond: this.outRate.perSecond() };
	}

	/**
	 * Closes the link: no more reconnects; a connected client sends DISCONNECT after what it has
	 * written. Waiting publishes reject. Resolves when the connection is gone; status `closed`.
	 */
	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.retryTimer = null;
		const closed = new LinkError(`link to ${this.target.url} is closed`);
		for (const w of this.upWaiters) w.reject(closed);
		this.upWaiters.clear();
		const client = this.client;
		this.client = null;
		if (client) await endClient(client, this.current.state === 'connected');
		this.settleAcks('link closed');
		this.setStatus({ state: 'closed', url: this.target.url });
	}

	// --- connecting -------------------------------------------------------------------------

	private connect(): void {
		if (this.closing) return;
		this.retryTimer = null;
		this.setStatus({ state: 'connecting', url: this.target.url, attempt: this.attempt + 1 });
		let client: MqttClient;
		try {
			client = mqtt.connect(this.target.url, this.clientOptions());
		} catch (e) {
			// mqtt.js refusing its options up front: a failure like any other, never a throw from a timer
			return this.lost(describeLinkError(e, this.target.host, this.target.port));
		}
		this.client = client;
		let connected = false;
		let failure: { error: string; retry: boolean } | null = null;
		client.on('connect', async () => {
			connected = true;
			this.attempt = 0;
			// 'connected' once the kept subscriptions are back, so nothing published after it is missed
			if (this.filters.size) await this.sendSubscribe(client, [...this.filters]).catch((e: Error) => this.problem(e.message));
			if (this.client !== client) return;
			this.setStatus({ state: 'connected', url: this.target.url });
			for (const w of this.upWaiters) w.resolve();
			this.upWaiters.clear();
		});
		client.on('message', (topic, payload) => this.received(topic, payload));
		const onError = (e: unknown) => {
			failure ??= describeLinkError(e, this.target.host, this.target.port);
		};
		client.on('error', onError);
		// mqtt.js drops stream errors without a code (a WebSocket handshake's HTTP status): catch them here
		client.stream?.on?.('error', onError);
		client.on('close', () => {
			if (this.client !== client) return;
			this.client = null;
			client.end(true);
			this.settleAcks('lost');
			const browserWs = !inNode() && (this.target.scheme === 'ws' || this.target.scheme === 'wss');
			this.lost(failure ?? { error: closedText(this.target.host, this.target.port, connected, browserWs), retry: true });
		});
	}

	private clientOptions(): IClientOptions {
		const o = this.options;
		return {
			clientId: o.clientId ?? `cv2x-${Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0')}`,
			username: o.username,
			password: o.password,
			protocolVersion: 4,
			clean: true,
			keepalive: o.keepaliveS ?? 30,
			connectTimeout: o.connectTimeoutMs ?? 10_000,
			// our own reconnection (backoff with jitter) and resubscription
			reconnectPeriod: 0,
			resubscribe: false,
			queueQoSZero: false
		};
	}

	/** The connection is gone: retry after the backoff, or stop when retrying cannot help. */
	private lost(failure: { error: string; retry: boolean }): void {
		if (this.closing) return;
		const error = redactSecrets(failure.error, [this.options.username, this.options.password]);
		if (!failure.retry) {
			this.closing = true;
			for (const w of this.upWaiters) w.reject(new LinkError(error));
			this.upWaiters.clear();
			this.setStatus({ state: 'closed', url: this.target.url, error });
			return;
		}
		this.attempt++;
		const retryInMs = backoffDelayMs(this.attempt, this.options.backoff);
		this.setStatus({ state: 'reconnecting', url: this.target.url, error, retryInMs, attempt: this.attempt });
		this.retryTimer = setTimeout(() => this.connect(), retryInMs);
	}

	// --- subscriptions and publications -----------------------------------------------------

	private sendSubscribe(client: MqttClient, filters: string[]): Promise<void> {
		const qos = this.options.subscribeQos ?? 1;
		return new Promise((resolve, reject) => {
			client.subscribe(Object.fromEntries(filters.map((f) => [f, { qos }])), (err, granted) => {
				// an error here is the connection going away: the next connect subscribes again
				if (err) return resolve();
				const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => JSON.stringify(g.topic));
				if (refused.length) reject(new LinkError(`the broker refused the subscription to ${refused.join(', ')}`));
				else resolve();
			});
		});
	}

	private received(topic: string, payload: Uint8Array): void {
		this.count.received++;
		this.inRate.add();
		// mqtt.js may hand a view into a larger buffer: a copy is safe to keep or transfer to another thread
		const bytes = new Uint8Array(payload);
		for (const fn of this.publicationListeners) this.guarded(() => fn(topic, bytes), 'a publication handler');
	}

	private publishQos0(client: MqttClient, p: Publication): Promise<void> {
		return new Promise((resolve) => {
			let settled = false;
			const settle = (lost: boolean) => {
				if (settled) return;
				settled = true;
				this.pendingWrites.delete(settle);
				if (lost) this.count.dropped++;
				resolve();
			};
			// a socket that dies while mqtt.js waits for 'drain' never calls back: close settles it (settleAcks)
			this.pendingWrites.add(settle);
			// mqtt.js calls back once written, or on 'drain' when the socket's buffer was full
			client.publish(p.topic, p.payload as Buffer, { qos: 0 }, (err) => settle(!!err));
			this.count.sent++;
			this.outRate.add();
		});
	}

	private async publishQos1(client: MqttClient, p: Publication, ack: boolean): Promise<void> {
		this.inflight++;
		const acked = new Promise<void>((resolve, reject) => {
			let settled = false;
			const settle = (why?: string) => {
				if (settled) return;
				const error = why === undefined ? undefined : this.unacknowledged(p.topic, why);
				settled = true;
				this.pendingAcks.delete(settle);
				this.inflight--;
				if (error) this.count.dropped++;
				else this.count.acked++;
				for (const w of this.inflightWaiters) w();
				this.inflightWaiters.clear();
				if (error && ack) reject(error);
				else resolve();
			};
			this.pendingAcks.add(settle);
			client.publish(p.topic, p.payload as Buffer, { qos: 1 }, (err) => settle(err ? err.message : undefined));
		});
		this.count.sent++;
		this.outRate.add();
		if (ack) return acked;
		const max = this.options.maxInflight ?? 1000;
		while (this.inflight >= max) await new Promise<void>((resolve) => this.inflightWaiters.add(resolve));
	}

	/** Settles every publication still waiting for its PUBACK as lost (an error for those awaited). */
	private settleAcks(why: string): void {
		for (const settle of [...this.pendingAcks]) settle(why);
		for (const settle of [...this.pendingWrites]) settle(true);
	}

	private unacknowledged(topic: string, why: string): LinkError {
		const reason =
			why === 'link closed' ? 'the link was closed first' : /closed|lost|disconnect/i.test(why) ? 'the connection was lost first' : redactSecrets(why, [this.options.username, this.options.password]);
		return new LinkError(`publication on ${JSON.stringify(topic)} to ${this.target.url} not acknowledged: ${reason}`);
	}

	private whenUp(): Promise<void> {
		return new Promise((resolve, reject) => this.upWaiters.add({ resolve, reject }));
	}

	private ensureOpen(): void {
		if (this.closing) throw new LinkError(`link to ${this.target.url} is closed`);
	}

	private setStatus(status: LinkStatus): void {
		this.current = status;
		for (const fn of this.statusListeners) this.guarded(() => fn(status), 'a status handler');
	}

	/** Runs a caller's handler so that its exception cannot break mqtt.js's packet processing: it becomes a problem. */
	private guarded(run: () => void, what: string): void {
		try {
			run();
		} catch (e) {
			this.problem(`${what} threw: ${(e as Error)?.message ?? String(e)}`);
		}
	}

	private problem(text: string): void {
		const shown = redactSecrets(text, [this.options.username, this.options.password]);
		for (const fn of this.problemListeners)
			try {
				fn(shown);
			} catch {
				// a problem handler that throws has nowhere left to report to
			}
	}
}

/** How long a polite close may wait for outstanding PUBACKs before the connection is cut. */
const CLOSE_GRACE_MS = 5000;

/**
 * Ends an mqtt.js client: politely (outstanding QoS 1 acknowledged, then DISCONNECT) when
 * connected, at once otherwise or when the broker is still silent after CLOSE_GRACE_MS.
 */
function endClient(client: MqttClient, connected: boolean): Promise<void> {
	return new Promise((resolve) => {
		const cut = setTimeout(() => client.end(true, {}, () => resolve()), CLOSE_GRACE_MS);
		client.end(!connected, {}, () => {
			clearTimeout(cut);
			resolve();
		});
	});
}
