// `cv2x broker`: the real binary prints its two URLs, serves MQTT over TCP and WebSocket until
// SIGINT, and says in one `error:` line when a port is taken. Waits on output and events only.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { MqttLink } from '../lib/live/link';
import { accepts } from '../lib/live/testing/ports';
import { collect, connected } from '../lib/live/testing/wait';
import { BIN, cv2x, ROOT } from './testing';

test('prints the URLs, carries messages over TCP and WebSocket, stops on Ctrl-C', async () => {
	const child = spawn(process.execPath, [BIN, 'broker', '--port', '0', '--ws-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	let stderr = '';
	child.stderr.on('data', (c) => (stderr += c));
	try {
		const out = await new Promise<string>((resolve, reject) => {
			let text = '';
			child.stdout.on('data', (c) => {
				text += c;
				if (/WebSocket\s+\S+\n/.test(text)) resolve(text);
			});
			exited.then((code) => reject(new Error(`cv2x broker exited (${code}) before printing its URLs: ${stderr}`)));
		});
		const mqttUrl = /MQTT\s+(mqtt:\/\/127\.0\.0\.1:\d+)\n/.exec(out)?.[1];
		const wsUrl = /WebSocket\s+(ws:\/\/127\.0\.0\.1:\d+\/mqtt)\n/.exec(out)?.[1];
		expect(mqttUrl && wsUrl, out).toBeTruthy();
		const sub = MqttLink.open({ url: wsUrl! });
		const pub = MqttLink.open({ url: mqttUrl! });
		const got = collect(sub);
		await sub.subscribe(['V2X.RSU.BSM.UP']);
		await Promise.all([connected(sub), connected(pub)]);
		await pub.publish({ topic: 'V2X.RSU.BSM.UP', payload: new Uint8Array([0x52, 0x53, 0x55]), qos: 1 }, { ack: true });
		await got.until(1);
		expect([...got.received[0].payload]).toEqual([0x52, 0x53, 0x55]);
		await Promise.all([sub.close(), pub.close()]);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
		expect(await accepts(Number(mqttUrl!.split(':').pop()))).toBe(false);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
});

test('a port taken: one error line naming it, exit 1', async () => {
	const blocker = createServer();
	await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
	const taken = (blocker.address() as AddressInfo).port;
	try {
		const r = await cv2x(['broker', '--port', String(taken), '--ws-port', '0']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(`error: port ${taken} on 127.0.0.1 is already in use\n`);
		expect(r.stdout.toString()).toBe('');
	} finally {
		await new Promise((resolve) => blocker.close(resolve));
	}
});

test('bad usage exits 2; help says it is loopback only unless --host', async () => {
	const r = await cv2x(['broker', '--port', 'x']);
	expect(r.code).toBe(2);
	expect(r.stderr).toMatch(/^error: --port must be a decimal integer from 0 to 65535, not "x"\n/);
	const help = await cv2x(['broker', '--help']);
	expect(help.stdout.toString()).toMatch(/loopback \(127\.0\.0\.1\) only, unless --host/);
});
