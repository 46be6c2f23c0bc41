// What Live mode needs from src/lib/live, as the worker uses it: a broker link, a source of
// traffic fed by it, a writer that turns a simulation's transmissions into publications. The
// session takes them through a loader (the real ones in live-wiring.ts, loaded only when Live
// mode is first used, so the worker's start stays small; fakes in tests).
import type { Engine, Transmission } from '../sim';
import { parseBrokerUrl } from '../live/broker-url';
export { topicFilterProblem } from '../live/topics';
import type { ProfileName } from '../uper/profiles';
import type { Dialect, LinkStatus, LiveCounters, Publication } from '../live/types';

/** What the link tells its owner. Called at any time, from the link's own callbacks. */
export interface LinkHandlers {
	status(s: LinkStatus): void;
	publication(topic: string, payload: Uint8Array): void;
	/** Something wrong that is not a connection state (a filter the broker refused), one line. */
	problem(text: string): void;
}

/** A broker link (live/link.ts MqttLink behind it). */
export interface LinkPort {
	/** Starts connecting (and reconnecting with backoff); throws only on options that can never work. */
	open(opts: { url: string; username?: string; password?: string; clientId?: string }, on: LinkHandlers): void;
	/** Subscribes now and on every reconnection; throws naming a filter that is not valid. */
	subscribe(filters: string[]): void;
	/** Sends one publication (dropped while disconnected: live traffic is not queued for later). */
	publish(p: Publication): void;
	/** Publications written to the broker connection so far. */
	sent(): number;
	close(): void;
}

/** The engine a broker feeds (live/source.ts LiveSource). */
export interface SourcePort extends Engine {
	/** Queues a raw publication (cheap: read on the next step, within its budget). */
	receive(topic: string, payload: Uint8Array): void;
	counters(): LiveCounters;
	/** Bumps when the city drawn under the traffic grows (a MAP brought intersections). */
	readonly cityVersion: number;
	/** The topic transmission `seq` arrived on, while the source remembers it. */
	topicOf(seq: number): string | undefined;
}

/** Turns one step's transmissions into publications (live/dialects DialectWriter). */
export interface WriterPort {
	add(tx: Transmission): void;
	flush(): Publication[];
}

export interface WriterOptions {
	dialect: Dialect;
	/** The UPER profile for the docking and openv2x dialects. */
	profile: ProfileName;
	nodeName(id: number): string;
	isRsu(id: number): boolean;
	/** UTC time of the simulation's t = 0, ms since the epoch (docking timestamps). */
	startTimeMs: number;
}

export interface LiveParts {
	link(): LinkPort;
	/** A source over the bundled city `city` (on its own wall clock). */
	source(city: string): SourcePort;
	writer(o: WriterOptions): WriterPort;
	/** The UPER profile the docking and openv2x dialects publish in. */
	readonly publishProfile: ProfileName;
}

/**
 * Why a broker URL cannot be opened from a browser, or null when it can: ws:// or wss:// with a
 * host (live/broker-url.ts parseBrokerUrl, as a browser); no user:password@ in it (credentials go
 * in their own fields: a URL is shown, shared and kept in history).
 */
export function brokerUrlProblem(url: string): string | null {
	try {
		const parsed = parseBrokerUrl(url, true);
		return parsed.username !== undefined || parsed.password !== undefined ? 'the URL carries credentials: put them in the user name and password fields' : null;
	} catch (e) {
		return (e as Error).message;
	}
}
