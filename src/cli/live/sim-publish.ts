// `cv2x sim --mqtt`: every step's transmissions through a dialect writer onto a broker. Loaded
// only when --mqtt is given, so other runs never load mqtt.js.
import { Cv2xError } from '../../lib/codec';
import { DialectWriter, parseTopic } from '../../lib/live/dialects';
import { MqttLink } from '../../lib/live/link';
import type { Publication } from '../../lib/live/types';
import { nodeKind, rememberingNames, type Transmission, type World } from '../../lib/sim';
import type { PublishOptions } from '../commands/sim';
import { firstConnection, onStopSignal, statusLine } from './status';

/** Publishes a running simulation; see openPublisher. */
export interface SimPublisher {
	/** Set once Ctrl-C or SIGTERM asked the run to stop (the step in flight is still published). */
	readonly stopped: boolean;
	/** One transmission of the current step. */
	add(tx: Transmission): void;
	/** Publishes the step's publications; resolves when the client can take more (and, with --realtime, at the step's wall time). */
	endStep(simTimeMs: number): Promise<void>;
	/** Disconnects cleanly (after what was written; QoS 1 publications in flight are counted if lost). */
	close(): Promise<void>;
	/** Summary lines: publications by topic kind, messages by type, what was not carried, rates over `wallS`. */
	lines(wallS: number): string[];
	/** The figures behind the summary: messages carried (all types), publications sent and dropped. */
	stats(): PublishStats;
}

/** What a publishing run sent. */
export interface PublishStats {
	/** Messages put into publications (a BSM batched for three RSUs counts three). */
	messages: number;
	publications: number;
	/** Publications not sent (broker away with --realtime) or lost with their connection before their PUBACK. */
	dropped: number;
	/** Wall time spent handing publications to the link, seconds (waiting on backpressure included). */
	publishingS: number;
}

/**
 * Connects to the broker and returns a publisher for `world`'s transmissions. Status changes
 * after the first connection (lost, reconnecting, connected again) go to stderr unless `quiet`.
 * @throws Cv2xError (exit 1, one error line) when the broker cannot be reached at the start
 */
export async function openPublisher(opts: PublishOptions, world: World, quiet = false): Promise<SimPublisher> {
	const link = MqttLink.open({
		url: opts.broker.url, username: opts.broker.username, password: opts.broker.password, connectTimeoutMs: 5000,
		// live traffic is stale a moment later: with --realtime, publications while the broker is away are dropped (counted)
		whileDown: opts.realtime ? 'drop' : 'wait'
	});
	await firstConnection(link);
	if (!quiet) link.onStatus((s) => process.stderr.write(statusLine(s) + '\n'));
	const nameOf = rememberingNames((id) => world.nodeName(id));
	const writer = new DialectWriter({
		dialect: opts.dialect, profile: opts.profile, nodeName: nameOf, isRsu: (id) => nodeKind(id) === 'rsu', startTimeMs: world.config.startTimeMs
	});
	return new Publisher(link, writer, opts.realtime);
}

class Publisher implements SimPublisher {
	stopped = false;
	private readonly offSignal: () => void;
	private readonly t0 = performance.now();
	private readonly byTopic = new Map<string, number>();
	private publishingMs = 0;

	constructor(
		private readonly link: MqttLink,
		private readonly writer: DialectWriter,
		private readonly realtime: boolean
	) {
		this.offSignal = onStopSignal(() => {
			this.stopped = true;
			// a run waiting for a broker that is away would wait for ever: give the wait up
			if (this.link.status.state !== 'connected') void this.link.close();
		});
	}

	add(tx: Transmission): void {
		this.writer.add(tx);
	}

	async endStep(simTimeMs: number): Promise<void> {
		const pubs = this.writer.flush();
		const p0 = performance.now();
		for (const p of pubs) {
			if (this.link.status.state === 'closed') break;
			const kind = topicKind(p);
			this.byTopic.set(kind, (this.byTopic.get(kind) ?? 0) + 1);
			// resolves once the client can take more: memory stays bounded however fast the simulation runs
			await this.publishOne(p).catch((e: Error) => {
				if (this.stopped) return; // Ctrl-C closed a link that was waiting for the broker
				// the link gave up (credentials refused on a reconnect): an error line, exit 1
				throw new Cv2xError('invalid', `publishing to ${this.link.url} failed: ${e.message}`);
			});
		}
		const now = performance.now();
		this.publishingMs += now - p0;
		if (this.realtime && this.t0 + simTimeMs > now) await new Promise((resolve) => setTimeout(resolve, this.t0 + simTimeMs - now));
	}

	/** link.publish: a write the lost connection took settles as dropped (link.ts), so the run never hangs on it. */
	private publishOne(p: Publication): Promise<void> {
		return this.link.publish(p);
	}

	async close(): Promise<void> {
		this.offSignal();
		await this.link.close();
	}

	stats(): PublishStats {
		const c = this.link.counters();
		const messages = Object.values(this.writer.stats().carried).reduce((a, b) => a + b, 0);
		return { messages, publications: c.sent, dropped: c.dropped, publishingS: this.publishingMs / 1000 };
	}

	lines(wallS: number): string[] {
		const c = this.link.counters();
		const s = this.writer.stats();
		const carried = Object.values(s.carried).reduce((a, b) => a + b, 0);
		const kinds = [...this.byTopic.entries()].sort((a, b) => b[1] - a[1]);
		const types = Object.entries(s.carried).sort((a, b) => b[1] - a[1]);
		const notCarried = this.writer.notCarriedLines();
		return [
			`published to ${this.link.url} as ${this.writer.dialect}${this.writer.dialect === 'cv2x' ? '' : ` (UPER ${this.writer.profile})`}: ${c.sent} publications sent, ${c.dropped} dropped, ${c.acked} QoS 1 acknowledged`,
			...kinds.map(([k, n]) => `  ${k.padEnd(40)}${String(n).padStart(10)}`),
			`messages carried ${carried}: ${types.map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`,
			...(notCarried.length ? ['not carried:', ...notCarried.map((l) => `  ${l}`)] : []),
			`${(carried / wallS).toFixed(0)} messages/s, ${(c.sent / wallS).toFixed(0)} publications/s over the wall time (${(this.publishingMs / 1000).toFixed(2)} s of it handing publications to the connection, waits for backpressure included)`
		];
	}
}

/** A topic with its sender level generalised: cv2x/v1/+/bsm, V2X/RSU/+/BSM/UP, V2X.RSU.BSM.UP. */
export function topicKind(p: Publication): string {
	const t = parseTopic(p.topic);
	if (!t || t.sender === undefined) return p.topic;
	return t.dialect === 'cv2x' ? `cv2x/v1/+/${t.typeLevel}` : `V2X/RSU/+/${t.typeLevel}/UP`;
}
