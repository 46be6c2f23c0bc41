// The link's small parts: backoff delays, the per-second meter, topic filters and names, URLs, error texts.
import { expect, test } from 'vitest';
import { backoffDelayMs } from './backoff';
import { parseBrokerUrl, redactUserInfo } from './broker-url';
import { describeLinkError, redactSecrets } from './link-errors';
import { RateMeter } from './rate';
import { topicFilterProblem, topicMatches, topicNameProblem } from './topics';

test('backoff: 1 s doubling to 30 s, jitter takes up to 20 % off', () => {
	const none = { random: () => 0 };
	expect([1, 2, 3, 4, 5, 6, 7, 50, 5000].map((n) => backoffDelayMs(n, none))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
	expect(backoffDelayMs(1, { random: () => 0.999999 })).toBe(800);
	expect(backoffDelayMs(6, { random: () => 0.5 })).toBe(27000);
	expect(backoffDelayMs(0, none)).toBe(1000);
});

test('rate meter: events over the last second, older buckets forgotten', () => {
	let t = 10_000;
	const m = new RateMeter(() => t);
	m.add(5);
	t += 500;
	m.add(3);
	expect(m.perSecond()).toBe(8);
	t += 550; // the first bucket (10,000–10,099) is now over a second old
	expect(m.perSecond()).toBe(3);
	t += 5000;
	expect(m.perSecond()).toBe(0);
	m.add();
	expect(m.perSecond()).toBe(1);
});

test('topic filters (MQTT 3.1.1 §4.7)', () => {
	for (const ok of ['#', '+', 'a/+/c', 'a/#', '+/+/#', 'V2X.RSU.BSM.UP', '/a', 'a//b']) expect(topicFilterProblem(ok)).toBeNull();
	expect(topicFilterProblem('a#')).toMatch(/"a#".*level 1/);
	// the docking convention's dotted topics are one level: a '+' cannot stand for the type in them
	expect(topicFilterProblem('V2X.RSU.+.UP')).toMatch(/'\+' must be a whole level \(level 1 is/);
	expect(topicFilterProblem('#/a')).toMatch(/'#' must be a whole level and the last one/);
	expect(topicFilterProblem('a/++')).toMatch(/'\+' must be a whole level \(level 2 is "\+\+"\)/);
	expect(topicFilterProblem('a\u0000')).toMatch(/NUL/);
	expect(topicFilterProblem('x'.repeat(70_000))).toMatch(/longer than 65,535 bytes/);
	expect(topicNameProblem('a/#')).toMatch(/wildcard/);
	expect(topicNameProblem('')).toMatch(/empty/);
	expect(topicNameProblem('cv2x/v1/car-1/bsm')).toBeNull();
});

test('topic matching', () => {
	expect(topicMatches('V2X/RSU/+/BSM/UP', 'V2X/RSU/R1/BSM/UP')).toBe(true);
	expect(topicMatches('V2X/RSU/+/BSM/UP', 'V2X/RSU/R1/SPAT/UP')).toBe(false);
	expect(topicMatches('a/#', 'a')).toBe(true);
	expect(topicMatches('a/#', 'a/b/c')).toBe(true);
	expect(topicMatches('a/+', 'a/b/c')).toBe(false);
	expect(topicMatches('#', '$SYS/x')).toBe(false);
});

test('broker URLs: schemes, default ports, user info taken out, browser takes WebSocket only', () => {
	expect(parseBrokerUrl('mqtt://u:p%40ss@broker.example:1884')).toEqual({ scheme: 'mqtt', host: 'broker.example', port: 1884, url: 'mqtt://broker.example:1884', username: 'u', password: 'p@ss' });
	expect(parseBrokerUrl('wss://emqx.example/mqtt')).toMatchObject({ port: 443, url: 'wss://emqx.example/mqtt' });
	expect(parseBrokerUrl('mqtt://h')).toMatchObject({ port: 1883 });
	expect(() => parseBrokerUrl('mqtt://127.0.0.1:1883', true)).toThrow(/only over WebSocket/);
	expect(parseBrokerUrl('ws://127.0.0.1:8083/mqtt', true).url).toBe('ws://127.0.0.1:8083/mqtt');
	expect(redactUserInfo('see ws://me:secret@h/x and mqtt://h')).toBe('see ws://***@h/x and mqtt://h');
});

test('error texts', () => {
	expect(describeLinkError({ code: 5 }, 'h', 1).error).toBe('the broker refused the connection: not authorized (CONNACK return code 5)');
	expect(describeLinkError({ code: 3 }, 'h', 1).retry).toBe(true);
	expect(describeLinkError({ code: 'ENOTFOUND' }, 'nowhere.invalid', 1883).error).toBe('host "nowhere.invalid" not found (DNS)');
	expect(describeLinkError(new Error('Unexpected server response: 404'), 'h', 80).error).toMatch(/HTTP 404/);
	expect(describeLinkError(new Error('connack timeout'), 'h', 80).error).toMatch(/no CONNACK/);
	expect(describeLinkError(new Error('WebSocket error'), 'h', 80).error).toBe('WebSocket connection to h:80 failed (the browser gives no reason: is a broker listening there, with WebSocket at that path?)');
	expect(redactSecrets('user alice pw hunter2 at ws://alice:hunter2@h', ['alice', 'hunter2'])).toBe('user *** pw *** at ws://***@h');
});
