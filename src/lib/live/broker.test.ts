// The embedded broker: free ports, loopback, a port taken, WebSocket paths.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { BrokerListenError, startBroker, type RunningBroker } from './broker';
import { MqttLink } from './link';
import { accepts } from './testing/ports';
import { connected, statusWhere } from './testing/wait';

const running: RunningBroker[] = [];
const links: MqttLink[] = [];
afterEach(async () => {
	await Promise.all(links.splice(0).map((l) => l.close()));
	await Promise.all(running.splice(0).map((b) => b.close()));
});

test('port 0 picks free ports on loopback; close frees them and drops clients', async () => {
	const b = await startBroker({ port: 0, wsPort: 0 });
	running.push(b);
	expect(b.mqttUrl).toBe(`mqtt://127.0.0.1:${b.port}`);
	expect(b.wsUrl).toBe(`ws://127.0.0.1:${b.wsPort}/mqtt`);
	const link = MqttLink.open({ url: b.mqttUrl, backoff: { initialMs: 10_000 } });
	links.push(link);
	await connected(link);
	expect(b.clients).toBe(1);
	await b.close();
	await statusWhere(link, (s) => s.state === 'reconnecting');
	expect(await accepts(b.port)).toBe(false);
	expect(await accepts(b.wsPort)).toBe(false);
});

test('a port taken: BrokerListenError naming the port, nothing left listening', async () => {
	const blocker = createServer();
	await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
	const taken = (blocker.address() as AddressInfo).port;
	try {
		const error = await startBroker({ port: 0, wsPort: taken }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BrokerListenError);
		expect((error as BrokerListenError).message).toBe(`port ${taken} on 127.0.0.1 is already in use`);
		expect((error as BrokerListenError).port).toBe(taken);
	} finally {
		await new Promise((resolve) => blocker.close(resolve));
	}
});

test('a WebSocket path other than /mqtt or / is refused with the reason', async () => {
	const b = await startBroker({ port: 0, wsPort: 0 });
	running.push(b);
	const link = MqttLink.open({ url: `ws://127.0.0.1:${b.wsPort}/other`, backoff: { initialMs: 10_000 } });
	links.push(link);
	const s = await statusWhere(link, (s) => s.state === 'reconnecting');
	expect(s).toMatchObject({ state: 'reconnecting' });
	expect((s as { error: string }).error).toMatch(new RegExp(`127\\.0\\.0\\.1:${b.wsPort}`));
});
