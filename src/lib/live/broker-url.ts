// Broker URLs: which schemes a link takes, and the URL as it may be shown (never with credentials).
import { LinkError } from './topics';

/** Schemes a link connects with: MQTT over TCP (Node only), TLS, WebSocket, secure WebSocket. */
export const LINK_SCHEMES = ['mqtt', 'mqtts', 'ws', 'wss'] as const;
export type LinkScheme = (typeof LINK_SCHEMES)[number];

/** A checked broker URL: `url` for connecting (credentials removed), `shown` for status and errors. */
export interface BrokerUrl {
	scheme: LinkScheme;
	host: string;
	port: number;
	/** The URL without user info, e.g. `ws://127.0.0.1:8083/mqtt`. */
	url: string;
	/** User info that was in the URL (`mqtt://user:pass@host`), to be used as credentials. */
	username?: string;
	password?: string;
}

const DEFAULT_PORT: Record<LinkScheme, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

/** Whether this code runs in Node (the CLI, tests), as opposed to a browser page or worker. */
export function inNode(): boolean {
	return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/**
 * Parses a broker URL: `mqtt://host[:port]`, `mqtts://…`, `ws://host[:port][/path]`, `wss://…`.
 * A browser can only open WebSockets, so there `mqtt:` and `mqtts:` are refused. User info in the
 * URL is taken out (returned apart) so that it never reaches a status or error text.
 * @throws LinkError naming the URL (without its user info) and what is wrong with it
 */
export function parseBrokerUrl(text: string, browser = !inNode()): BrokerUrl {
	let u: URL;
	try {
		u = new URL(text.trim());
	} catch {
		throw new LinkError(`broker URL ${JSON.stringify(redactUserInfo(text))} is not a URL (expected e.g. mqtt://127.0.0.1:1883 or ws://127.0.0.1:8083/mqtt)`);
	}
	const scheme = u.protocol.replace(/:$/, '') as LinkScheme;
	const username = u.username ? decodeURIComponent(u.username) : undefined;
	const password = u.password ? decodeURIComponent(u.password) : undefined;
	u.username = '';
	u.password = '';
	const shown = u.toString();
	if (!LINK_SCHEMES.includes(scheme)) throw new LinkError(`broker URL ${JSON.stringify(shown)}: scheme "${scheme}:" is not one of ${LINK_SCHEMES.map((s) => s + '://').join(', ')}`);
	if (browser && (scheme === 'mqtt' || scheme === 'mqtts'))
		throw new LinkError(`broker URL ${JSON.stringify(shown)}: a browser reaches a broker only over WebSocket (ws:// or wss://)`);
	if (!u.hostname) throw new LinkError(`broker URL ${JSON.stringify(shown)} has no host`);
	const port = u.port ? Number(u.port) : DEFAULT_PORT[scheme];
	// MQTT over TCP has no path; a WebSocket URL keeps its path (mosquitto takes any, EMQX wants /mqtt)
	const url = scheme === 'ws' || scheme === 'wss' ? shown : `${scheme}://${u.host}`;
	return { scheme, host: u.hostname, port, url, username, password };
}

/** `text` with any `user:pass@` user info of a URL in it replaced by `***@` (for texts that may quote a URL). */
export function redactUserInfo(text: string): string {
	return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}
