// Broker link status as the CLI states it on stderr, and the rule both commands follow at the
// start: a broker that cannot be reached is an error (exit 1), not something to wait for.
import { Cv2xError } from '../../lib/codec';
import type { MqttLink } from '../../lib/live/link';
import type { LinkStatus } from '../../lib/live/types';

/** One stderr line for a status: "connecting to …", "connected to …", "connection to … lost: …; retrying in 2.0 s". */
export function statusLine(s: LinkStatus): string {
	switch (s.state) {
		case 'connecting':
			return `connecting to ${s.url}${s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}`;
		case 'connected':
			return `connected to ${s.url}`;
		case 'reconnecting':
			return `broker ${s.url}: ${s.error}; retrying in ${(s.retryInMs / 1000).toFixed(1)} s`;
		case 'closed':
			return s.error ? `closed ${s.url}: ${s.error}` : `disconnected from ${s.url}`;
	}
}

/**
 * Resolves once `link` is connected for the first time. The first failure (refused, unknown host,
 * no CONNACK in time, bad credentials) closes the link and rejects with a Cv2xError whose message
 * is one line naming the broker and the reason: the CLI prints it as its `error:` line, exit 1.
 */
export function firstConnection(link: MqttLink): Promise<void> {
	return new Promise((resolve, reject) => {
		const check = (s: LinkStatus) => {
			if (s.state === 'connected') {
				off();
				resolve();
			} else if (s.state === 'reconnecting' || (s.state === 'closed' && s.error)) {
				off();
				const error = s.error;
				link.close().finally(() => reject(new Cv2xError('invalid', `cannot connect to ${s.url}: ${error}`)));
			}
		};
		const off = link.onStatus(check);
		check(link.status);
	});
}

/**
 * Calls `stop` on the first SIGINT (Ctrl-C) or SIGTERM, so the command can end cleanly (flush,
 * disconnect, write its file, print its summary); a second one exits at once with status 130.
 * Returns a function that removes the handlers.
 */
export function onStopSignal(stop: () => void): () => void {
	let asked = false;
	const handler = () => {
		if (asked) process.exit(130);
		asked = true;
		stop();
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	return () => {
		process.off('SIGINT', handler);
		process.off('SIGTERM', handler);
	};
}
