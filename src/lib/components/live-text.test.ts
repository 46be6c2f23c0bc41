// Live mode's texts: the status line in both languages and the raw-bytes dump of an undecodable.
import { describe, expect, it } from 'vitest';
import { lang } from '$lib/i18n/index.svelte';
import { hexDump, statusText } from './live-text';

describe('Live mode texts', () => {
	it('says each link state, the reconnection wait in whole seconds, in English and Chinese', () => {
		lang.locale = 'en';
		const url = 'ws://127.0.0.1:8083/mqtt';
		expect(statusText({ state: 'connecting', url, attempt: 1 })).toBe(`Connecting to ${url}…`);
		expect(statusText({ state: 'connected', url })).toBe(`Connected to ${url}`);
		expect(statusText({ state: 'reconnecting', url, error: 'connection refused', retryInMs: 1500, attempt: 2 })).toBe('Reconnecting in 2 s: connection refused');
		expect(statusText({ state: 'closed', url })).toBe('Closed');
		expect(statusText({ state: 'closed', url, error: 'not authorized (5)' })).toBe('Closed: not authorized (5)');
		lang.locale = 'zh';
		expect(statusText({ state: 'reconnecting', url, error: 'x', retryInMs: 4000, attempt: 3 })).toBe('4 秒后重连：x');
		lang.locale = 'en';
	});

	it('dumps bytes with offsets, hex and printable ASCII, and cuts long payloads', () => {
		const bytes = new TextEncoder().encode('<b>hi</b>\u0001');
		expect(hexDump(bytes, 8)).toEqual(['000000  3c 62 3e 68 69 3c 2f 62  <b>hi</b', '000008  3e 01                    >.']);
		const big = hexDump(new Uint8Array(5000), 16, 4096);
		expect(big.length).toBe(257);
		expect(big.at(-1)).toBe('… 904 more bytes');
		expect(hexDump(new Uint8Array(0))).toEqual([]);
	});
});
