// Waiting on a link's events in tests: statuses and publications, never on the clock.
import type { MqttLink } from '../link';
import type { LinkStatus } from '../types';

/** Resolves with the link's status once it satisfies `pred` (now or at a later change). */
export function statusWhere(link: MqttLink, pred: (s: LinkStatus) => boolean): Promise<LinkStatus> {
	if (pred(link.status)) return Promise.resolve(link.status);
	return new Promise((resolve) => {
		const off = link.onStatus((s) => {
			if (!pred(s)) return;
			off();
			resolve(s);
		});
	});
}

/** Resolves once the link is connected. */
export function connected(link: MqttLink): Promise<LinkStatus> {
	return statusWhere(link, (s) => s.state === 'connected');
}

/** Collects the publications a link receives; `until(n)` resolves once n have arrived. */
export function collect(link: MqttLink): { received: { topic: string; payload: Uint8Array }[]; until(n: number): Promise<void> } {
	const received: { topic: string; payload: Uint8Array }[] = [];
	let waiters: { n: number; resolve: () => void }[] = [];
	link.onPublication((topic, payload) => {
		received.push({ topic, payload });
		waiters = waiters.filter((w) => (received.length >= w.n ? (w.resolve(), false) : true));
	});
	return {
		received,
		until: (n) => (received.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })))
	};
}
