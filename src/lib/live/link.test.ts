// MqttLink against the embedded broker in-process: round trips over TCP and WebSocket,
// reconnects, a broker down at start, bad URLs and filters, a flood, credentials kept out of
// every text. Waits on events only (statuses, publications), never on the clock.
import { afterEach, describe, expect, test } from 'vitest';
import { startBroker } from './broker';
import { MqttLink, LinkError, type LinkOptions } from './link';
import { startTestBroker, type TestBroker } from './testing/aedes';
import { freePort } from './testing/ports';
import { collect, connected, statusWhere } from './testing/wait';
import type { LinkStatus, Publication } from './types';

const opened: MqttLink[] = [];
const brokers: { stop?(): Promise<void>; close?(): Promise<void> }[] = [];

afterEach(async () => {
	await Promise.all(opened.splice(0).map((l) => l.close()));
	await Promise.all(brokers.splice(0).map((b) => (b.stop ? b.stop() : b.close!())));
});

async function broker(): Promise<TestBroker> {
	const b = await startTestBroker();
	brokers.push(b);
	return b;
}

/** Opens a link (closed after the test); short backoff so reconnect tests do not idle. */
function open(options: LinkOptions, statuses?: LinkStatus[]): MqttLink {
	const link = MqttLink.open({ backoff: { initialMs: 20, maxMs: 200 }, ...options }, { onStatus: (s) => statuses?.push(s) });
	opened.push(link);
	return link;
}

const bytes = (...b: number[]) => new Uint8Array(b);

describe('round trip', () => {
	for (const via of ['mqtt', 'ws'] as const)
		test(`publish and subscribe over ${via === 'mqtt' ? 'TCP' : 'WebSocket'}`, async () => {
			const b = await broker();
			const url = via === 'mqtt' ? b.mqttUrl : b.wsUrl;
			const sub = open({ url });
			const got = collect(sub);
			await sub.subscribe(['cv2x/v1/+/bsm']);
			await connected(sub);
			const pub = open({ url });
			await pub.publish({ topic: 'cv2x/v1/car-1/bsm', payload: bytes(0, 1, 2, 255), qos: 0 });
			await pub.publish({ topic: 'cv2x/v1/car-1/spat', payload: bytes(9), qos: 0 }); // not subscribed
			await pub.publish({ topic: 'cv2x/v1/car-2/bsm', payload: bytes(3), qos: 1 }, { ack: true });
			await got.until(2);
			expect(got.received.map((r) => [r.topic, [...r.payload]])).toEqual([
				['cv2x/v1/car-1/bsm', [0, 1, 2, 255]],
				['cv2x/v1/car-2/bsm', [3]]
			]);
			expect(pub.counters()).toMatchObject({ sent: 3, acked: 1, dropped: 0 });
		});

	test('a handler that throws is reported as a problem and does not stop the flow', async () => {
		const b = await broker();
		const sub = open({ url: b.mqttUrl });
		const problems: string[] = [];
		sub.onProblem((t) => problems.push(t));
		sub.onPublication((topic) => {
			if (topic === 'x/1') throw new Error('boom');
		});
		const got = collect(sub);
		await sub.subscribe(['x/#']);
		await connected(sub);
		const pub = open({ url: b.mqttUrl });
		await pub.publish({ topic: 'x/1', payload: bytes(1), qos: 0 });
		await pub.publish({ topic: 'x/2', payload: bytes(2), qos: 0 });
		await got.until(2);
		expect(got.received.map((r) => r.topic)).toEqual(['x/1', 'x/2']);
		expect(problems).toEqual(['a publication handler threw: boom']);
		expect(sub.status.state).toBe('connected');
	});

	test('WebSocket at path / as well as /mqtt', async () => {
		const b = await broker();
		const link = open({ url: `ws://127.0.0.1:${b.wsPort}/` });
		await connected(link);
	});

	test('unsubscribe stops the flow of that filter only', async () => {
		const b = await broker();
		const sub = open({ url: b.mqttUrl });
		const got = collect(sub);
		await connected(sub);
		await sub.subscribe(['a/#', 'b/#']);
		await sub.unsubscribe(['a/#']);
		expect(sub.subscriptions).toEqual(['b/#']);
		const pub = open({ url: b.mqttUrl });
		// one publisher's messages arrive in order: when b/1 is here, a/1 would have been too
		await pub.publish({ topic: 'a/1', payload: bytes(1), qos: 0 });
		await pub.publish({ topic: 'b/1', payload: bytes(2), qos: 0 });
		await got.until(1);
		expect(got.received.map((r) => r.topic)).toEqual(['b/1']);
	});
});

describe('faults', () => {
	test('reconnects after the broker restarts: subscriptions restored, messages flow again', async () => {
		const b = await broker();
		const statuses: LinkStatus[] = [];
		const sub = open({ url: b.mqttUrl }, statuses);
		const got = collect(sub);
		await sub.subscribe(['rsu/#']);
		await connected(sub);
		await b.stop();
		const lost = await statusWhere(sub, (s) => s.state === 'reconnecting');
		expect(lost).toMatchObject({ state: 'reconnecting', attempt: 1 });
		expect((lost as { error: string }).error).toMatch(/closed by the broker|refused|reset/);
		await b.restart();
		await statusWhere(sub, (s) => s.state === 'connected');
		const pub = open({ url: b.mqttUrl });
		// 'connected' comes once the subscription is back: nothing published now is missed
		await pub.publish({ topic: 'rsu/1', payload: bytes(7), qos: 1 }, { ack: true });
		await got.until(1);
		expect(got.received[0]).toMatchObject({ topic: 'rsu/1' });
		const states = statuses.map((s) => s.state);
		expect(states.slice(0, 2)).toEqual(['connecting', 'connected']);
		expect(states).toContain('reconnecting');
		expect(states.lastIndexOf('connected')).toBeGreaterThan(states.indexOf('reconnecting'));
	});

	test('a broker down at start: reconnecting with a clear error, retries with growing delays, no throw', async () => {
		const port = await freePort();
		const statuses: LinkStatus[] = [];
		const link = open({ url: `mqtt://127.0.0.1:${port}`, backoff: { initialMs: 10, maxMs: 40, jitter: 0 } }, statuses);
		await statusWhere(link, (s) => s.state === 'reconnecting' && s.attempt === 4);
		const retries = statuses.filter((s) => s.state === 'reconnecting') as Extract<LinkStatus, { state: 'reconnecting' }>[];
		expect(retries[0].error).toBe(`connection refused by 127.0.0.1:${port} (no broker listening there?)`);
		expect(retries.map((s) => s.retryInMs)).toEqual([10, 20, 40, 40]);
		expect(statuses.filter((s) => s.state === 'connecting').map((s) => (s as { attempt: number }).attempt).slice(0, 4)).toEqual([1, 2, 3, 4]);
	});

	test('publish while down waits for the connection, or drops and counts', async () => {
		const port = await freePort();
		const dropping = open({ url: `mqtt://127.0.0.1:${port}`, whileDown: 'drop' });
		await dropping.publish({ topic: 't', payload: bytes(1), qos: 0 });
		expect(dropping.counters()).toMatchObject({ sent: 0, dropped: 1 });
		const waiting = open({ url: `mqtt://127.0.0.1:${port}` });
		const pending = waiting.publish({ topic: 't', payload: bytes(1), qos: 0 });
		await waiting.close();
		await expect(pending).rejects.toThrow(/is closed/);
	});

	test('a broker that refuses the credentials: closed, the return code explained, no retry', async () => {
		const b = await startBroker({ port: 0, wsPort: 0, credentials: { username: 'operator', password: 's3cret-pw' } });
		brokers.push(b);
		const ok = open({ url: b.mqttUrl, username: 'operator', password: 's3cret-pw' });
		await connected(ok);
		const statuses: LinkStatus[] = [];
		const bad = open({ url: b.wsUrl, username: 'operator', password: 'wrong-pw' }, statuses);
		const closed = await statusWhere(bad, (s) => s.state === 'closed');
		expect(closed).toEqual({ state: 'closed', url: b.wsUrl, error: 'the broker refused the connection: bad user name or password (CONNACK return code 4)' });
		await expect(bad.publish({ topic: 't', payload: bytes(1), qos: 0 })).rejects.toThrow(LinkError);
	});

	test('credentials never appear in a status or error text', async () => {
		const port = await freePort();
		const texts: string[] = [];
		const link = open({ url: `ws://admin-user:pw-in-url@127.0.0.1:${port}/mqtt` });
		link.onStatus((s) => texts.push(JSON.stringify(s)));
		await statusWhere(link, (s) => s.state === 'reconnecting');
		const other = open({ url: `mqtt://127.0.0.1:${port}`, username: 'admin-user', password: 'pw-given-apart' });
		other.onStatus((s) => texts.push(JSON.stringify(s)));
		await statusWhere(other, (s) => s.state === 'reconnecting');
		texts.push(link.url, other.url);
		let badUrl = '';
		try {
			MqttLink.open({ url: 'ftp://admin-user:pw-in-url@127.0.0.1/' });
		} catch (e) {
			badUrl = (e as Error).message;
		}
		texts.push(badUrl);
		expect(badUrl).toMatch(/scheme "ftp:"/);
		expect(texts.length).toBeGreaterThan(4);
		for (const t of texts) expect(t).not.toMatch(/admin-user|pw-in-url|pw-given-apart/);
	});
});

describe('bad input', () => {
	test.each([
		['not a url', /is not a URL/],
		['ftp://127.0.0.1/', /scheme "ftp:" is not one of mqtt:\/\/, mqtts:\/\/, ws:\/\/, wss:\/\//],
		['mqtt://', /is not a URL|has no host/]
	])('URL %j is refused', (url, message) => {
		expect(() => MqttLink.open({ url })).toThrow(LinkError);
		expect(() => MqttLink.open({ url })).toThrow(message);
	});

	test('filters: # only last, + a whole level; the error names the filter; nothing is subscribed', async () => {
		const link = open({ url: `mqtt://127.0.0.1:${await freePort()}` });
		await expect(link.subscribe(['ok/#', 'a/#/b'])).rejects.toThrow(`topic filter "a/#/b": '#' must be a whole level and the last one (level 2 is "#")`);
		await expect(link.subscribe(['a/b+'])).rejects.toThrow(`topic filter "a/b+": '+' must be a whole level (level 2 is "b+")`);
		await expect(link.subscribe([''])).rejects.toThrow('topic filter is empty');
		expect(link.subscriptions).toEqual([]);
		await expect(link.publish({ topic: 'a/+', payload: bytes(), qos: 0 })).rejects.toThrow(/topic name "a\/\+" contains a wildcard/);
	});
});

describe('flood', () => {
	test('10,000 publications arrive and the counters say so', async () => {
		const b = await broker();
		const now = () => 1_000_000; // a still clock: every publication falls in the same second
		const sub = open({ url: b.mqttUrl, now });
		const got = collect(sub);
		await sub.subscribe(['flood/#']);
		await connected(sub);
		const pub = open({ url: b.mqttUrl, now });
		const payload = new Uint8Array(60).fill(0xab);
		const many = function* (): Generator<Publication> {
			for (let i = 0; i < 10_000; i++) yield { topic: `flood/${i % 7}`, payload, qos: 0 };
		};
		expect(await pub.publishMany(many())).toBe(10_000);
		await got.until(10_000);
		expect(pub.counters()).toMatchObject({ sent: 10_000, sentPerSecond: 10_000, dropped: 0 });
		expect(sub.counters()).toMatchObject({ received: 10_000, receivedPerSecond: 10_000 });
		expect(got.received.every((r) => r.payload.length === 60 && r.payload[59] === 0xab)).toBe(true);
	});
});

describe('backpressure', () => {
	test('QoS 1: publish waits while maxInflight are unacknowledged; ack: true waits for the PUBACK', async () => {
		// a broker that accepts the connection and every PUBLISH but never acknowledges one (mqtt-packet, mqtt.js's own codec)
		const mqttPacket = await import('mqtt-packet');
		const { createServer } = await import('node:net');
		let arrived = 0;
		let onArrive: () => void = () => undefined;
		const sockets = new Set<import('node:net').Socket>();
		const server = createServer((socket) => {
			sockets.add(socket);
			const parser = mqttPacket.parser({ protocolVersion: 4 });
			parser.on('packet', (packet) => {
				if (packet.cmd === 'connect') socket.write(mqttPacket.generate({ cmd: 'connack', returnCode: 0, sessionPresent: false }));
				if (packet.cmd === 'publish') {
					arrived++;
					onArrive();
				}
			});
			socket.on('data', (chunk) => parser.parse(chunk));
			socket.on('error', () => undefined);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		brokers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
		const url = `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`;
		const link = open({ url, maxInflight: 3, backoff: { initialMs: 60_000 } });
		await connected(link);
		const p = (n: number) => ({ topic: `q/${n}`, payload: bytes(n), qos: 1 as const });
		await link.publish(p(1));
		await link.publish(p(2));
		let thirdDone = false;
		const third = link.publish(p(3)).then(() => (thirdDone = true));
		let ackedDone = false;
		const acked = link.publish(p(4), { ack: true }).then(
			() => (ackedDone = true),
			(e: Error) => e
		);
		// all four PUBLISH packets reached the broker, so their promises had every chance to settle
		await new Promise<void>((resolve) => {
			onArrive = () => arrived >= 4 && resolve();
			onArrive();
		});
		expect(thirdDone).toBe(false);
		expect(ackedDone).toBe(false);
		expect(link.counters()).toMatchObject({ sent: 4, acked: 0, dropped: 0 });
		// the broker goes away: the unacknowledged are dropped, the waiting publish goes on, the awaited one fails
		for (const s of sockets) s.destroy();
		await third;
		expect(thirdDone).toBe(true);
		expect(String(await acked)).toBe(`LinkError: publication on "q/4" to ${url} not acknowledged: the connection was lost first`);
		expect(link.counters()).toMatchObject({ acked: 0, dropped: 4 });
	});
});
