// MqttLink against Debian's mosquitto 2.0, started here with a generated config (TCP and
// WebSocket listeners on 127.0.0.1, free ports). Skipped, saying why, when it is not installed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MqttLink } from './link';
import { mosquittoSkipReason, startMosquitto, type RunningMosquitto } from './testing/mosquitto';
import { collect, connected } from './testing/wait';

const skip = mosquittoSkipReason();

describe.skipIf(skip !== null)(skip ? `mosquitto (skipped: ${skip})` : 'mosquitto', () => {
	let mosquitto: RunningMosquitto;
	const links: MqttLink[] = [];
	beforeAll(async () => {
		mosquitto = (await startMosquitto())!;
	});
	afterAll(async () => {
		await Promise.all(links.map((l) => l.close()));
		await mosquitto?.stop();
	});

	test('round trip over TCP and WebSocket, both ways', async () => {
		const tcp = MqttLink.open({ url: mosquitto.mqttUrl });
		const ws = MqttLink.open({ url: mosquitto.wsUrl });
		links.push(tcp, ws);
		const atTcp = collect(tcp);
		const atWs = collect(ws);
		await tcp.subscribe(['V2X/RSU/+/SPAT/UP']);
		await ws.subscribe(['V2X.RSU.BSM.UP']); // dotted topics are one level: no wildcard inside
		await Promise.all([connected(tcp), connected(ws)]);
		await tcp.publish({ topic: 'V2X.RSU.BSM.UP', payload: new Uint8Array([1, 2, 3]), qos: 1 }, { ack: true });
		await ws.publish({ topic: 'V2X/RSU/R0000001/SPAT/UP', payload: new TextEncoder().encode('{"x":1}'), qos: 0 });
		await Promise.all([atWs.until(1), atTcp.until(1)]);
		expect(atWs.received.map((r) => [r.topic, [...r.payload]])).toEqual([['V2X.RSU.BSM.UP', [1, 2, 3]]]);
		expect(atTcp.received.map((r) => [r.topic, new TextDecoder().decode(r.payload)])).toEqual([['V2X/RSU/R0000001/SPAT/UP', '{"x":1}']]);
		expect(tcp.counters()).toMatchObject({ sent: 1, acked: 1, received: 1 });
	});
});
