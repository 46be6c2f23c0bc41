// Live mode's texts made from the worker's state: the link's status line and the counters shown.
import { t } from '$lib/i18n/index.svelte';
import type { LinkStatus, LiveCounters } from '$lib/live/types';

/** The counters the panel shows, in order. */
export const COUNTER_KEYS = ['perSecond', 'messages', 'undecodable', 'dropped', 'published'] as const satisfies readonly (keyof LiveCounters)[];
export type LiveCounterKey = (typeof COUNTER_KEYS)[number];

/** The status line: connecting / connected / reconnecting in N s: error / closed (with why). */
export function statusText(s: LinkStatus): string {
	switch (s.state) {
		case 'connecting':
			return t('live.status.connecting', { url: s.url });
		case 'connected':
			return t('live.status.connected', { url: s.url });
		case 'reconnecting':
			return t('live.status.reconnecting', { seconds: Math.ceil(s.retryInMs / 1000), error: s.error });
		case 'closed':
			return s.error ? t('live.status.closedError', { error: s.error }) : t('live.status.closed');
	}
}

/**
 * The lines of a hex dump of `bytes`: offset, `perLine` bytes in hex, their printable ASCII (others
 * '.'); at most `max` bytes, then a line saying how many more.
 */
export function hexDump(bytes: Uint8Array, perLine = 16, max = 4096): string[] {
	const lines: string[] = [];
	const n = Math.min(bytes.length, max);
	for (let at = 0; at < n; at += perLine) {
		const row = bytes.subarray(at, Math.min(at + perLine, n));
		const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
		const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
		lines.push(`${at.toString(16).padStart(6, '0')}  ${hex.padEnd(perLine * 3 - 1)}  ${ascii}`);
	}
	if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`);
	return lines;
}
