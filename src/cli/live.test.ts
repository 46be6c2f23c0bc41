// `cv2x sim --mqtt` and `cv2x listen` through the real binary against Debian's mosquitto, started
// by the test on loopback: what listen decodes and records is exactly what sim published, in each
// dialect; undecodable publications, hostile topics, a broker that is down and bad usage.
// Skipped, saying why, when mosquitto is not installed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapture, readJsonl, type CaptureRecord } from '../lib/capture';
import { encodeFrame, toHex } from '../lib/codec';
import { sampleFrame } from '../lib/samples';
import { freePort } from '../lib/live/testing/ports';
import { mosquittoSkipReason, startMosquitto, type RunningMosquitto } from '../lib/live/testing/mosquitto';
import type { Dialect } from '../lib/live/types';
import { BIN, cv2x, ROOT } from './testing';

const SAFETY_MS = 60_000;

/** A running `cv2x listen`: its output so far, a wait on it, and its end. */
interface Listener {
	stdout(): string;
	stderr(): string;
	/** Resolves once `test(stdout, stderr)` holds (checked at every chunk); rejects if the process ends first. */
	until(test: (out: string, err: string) => boolean): Promise<void>;
	exited: Promise<number>;
	child: ChildProcessWithoutNullStreams;
}

function startListen(args: string[]): Listener {
	const child = spawn(process.execPath, [BIN, 'listen', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
	let out = '';
	let err = '';
	const waiters = new Set<() => void>();
	const poke = () => waiters.forEach((w) => w());
	child.stdout.setEncoding('utf8').on('data', (c: string) => ((out += c), poke()));
	child.stderr.setEncoding('utf8').on('data', (c: string) => ((err += c), poke()));
	const exited = new Promise<number>((resolve) => child.on('close', (code) => (resolve(code ?? -1), poke())));
	return {
		stdout: () => out,
		stderr: () => err,
		exited,
		child,
		until(test) {
			return new Promise((resolve, reject) => {
				const check = () => {
					if (test(out, err)) {
						waiters.delete(check);
						resolve();
					} else if (child.exitCode !== null || child.signalCode !== null) {
						waiters.delete(check);
						reject(new Error(`listen ended (${child.exitCode ?? child.signalCode}) first; stderr:\n${err}`));
					}
				};
				waiters.add(check);
				check();
			});
		}
	};
}

/** "bsm 178, psm 145" -> {bsm: 178, psm: 145}. */
function counts(list: string): Record<string, number> {
	return Object.fromEntries(list.split(', ').filter(Boolean).map((p) => [p.split(' ')[0], Number(p.split(' ')[1])]));
}

const key = (type: string, sender: string, r: Pick<CaptureRecord, 'bytes' | 'encoding' | 'profile'>) => `${type} ${sender} ${r.encoding ?? 'protobuf'} ${r.profile ?? ''} ${toHex(r.bytes)}`;

/**
 * What a dialect must carry of the transmissions sim wrote (--out), by the rules of `cv2x help
 * sim`, as sorted keys: cv2x every transmission from its sender; docking and openv2x the UPER
 * ones, an RSU's own from that RSU, a road user's once per RSU that received it (docking names
 * the RSU by the last 8 characters of its name, openv2x by its name).
 */
function expectedKeys(sent: CaptureRecord[], dialect: Dialect): string[] {
	const keys: string[] = [];
	for (const r of sent) {
		if (dialect === 'cv2x') keys.push(key(r.type, r.sender, r));
		else if (r.encoding === 'uper') {
			const via = r.sender.startsWith('RSU') ? [r.sender] : r.receivers.filter((n) => n.startsWith('RSU'));
			for (const rsu of via) keys.push(key(r.type, dialect === 'docking' ? rsu.slice(-8) : rsu, r));
		}
	}
	return keys.sort();
}

const skip = mosquittoSkipReason();

describe.skipIf(skip !== null)(`cv2x sim --mqtt and cv2x listen against mosquitto${skip ? ` (skipped: ${skip})` : ''}`, () => {
	let broker: RunningMosquitto;
	let dir: string;
	beforeAll(async () => {
		broker = (await startMosquitto())!;
		dir = mkdtempSync(join(tmpdir(), 'cv2x-live-'));
	}, SAFETY_MS);
	afterAll(async () => {
		await broker?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	// docking and openv2x from UPER on the air under the profile they publish in, so the bytes
	// sent are the transmissions' own and the oracle can name them
	const runs: [Dialect, string[]][] = [
		['cv2x', []],
		['docking', ['--encoding', 'uper', '--profile', 'csae157-2020']],
		['openv2x', ['--encoding', 'uper', '--profile', 'csae157-2020']]
	];
	for (const [dialect, simArgs] of runs)
		it(
			`${dialect}: listen decodes and records exactly the messages sim says it published`,
			async () => {
				// docking's capture as pcapng (streamed), the others as JSON Lines (as they arrive)
				const rx = join(dir, `rx-${dialect}.${dialect === 'docking' ? 'pcapng' : 'jsonl'}`);
				const tx = join(dir, `tx-${dialect}.jsonl`);
				const url = dialect === 'openv2x' ? broker.wsUrl : broker.mqttUrl;
				const listen = startListen(['--mqtt', url, '--topic', '#', '--profile', 'csae157-2020', '--out', rx]);
				await listen.until((_o, e) => /^subscribed to #$/m.test(e));
				const sim = await cv2x(['sim', '--city', 'wuxi-xishan', '--seconds', '5', '--vehicles', '10', '--seed', '2', '--out', tx, '--mqtt', url, '--dialect', dialect, ...simArgs]);
				expect(sim.code, sim.stderr).toBe(0);
				const summary = sim.stdout.toString();
				const carried = /^messages carried (\d+): (.*)$/m.exec(summary);
				expect(carried, summary).not.toBeNull();
				const total = Number(carried![1]);
				expect(total).toBeGreaterThan(100);
				expect(summary).toMatch(new RegExp(`^published to ${url.replace(/[/.]/g, '\\$&')} as ${dialect}\\b.*: \\d+ publications sent, 0 dropped`, 'm'));
				// every message arrived: one line each, then Ctrl-C ends listen cleanly
				await listen.until((o) => o.split('\n').length - 1 >= total);
				listen.child.kill('SIGINT');
				expect(await listen.exited).toBe(0);
				const lines = listen.stdout().trimEnd().split('\n');
				expect(lines).toHaveLength(total);
				expect(lines.filter((l) => l.split('  ')[2] !== dialect)).toEqual([]);
				const heard = /^(\d+) messages \((.*)\) from (\d+) publications, 0 undecodable; (\d+) records written/m.exec(listen.stderr());
				expect(heard, listen.stderr()).not.toBeNull();
				expect(counts(heard![2])).toEqual(counts(carried![2]));
				// the records are what was sent: type, sender, bytes, encoding and profile
				const records = readCapture(new Uint8Array(readFileSync(rx))).records;
				expect(records).toHaveLength(total);
				const sent = readJsonl(readFileSync(tx, 'utf8'));
				expect(records.map((r) => key(r.type, r.sender, r)).sort()).toEqual(expectedKeys(sent, dialect));
				if (dialect !== 'cv2x') expect(summary).toMatch(/^ {2}no-uper: .*speed_advice \d+/m);
			},
			SAFETY_MS
		);

	it('prints an undecodable publication with its error and hex, and escapes what could fool a terminal', async () => {
		const listen = startListen(['--mqtt', broker.mqttUrl, '--topic', 'V2X.RSU.BSM.UP,cv2x/v1/+/bsm,V2X/RSU/+/RSI/UP', '--count', '3']);
		await listen.until((_o, e) => /^subscribed to V2X\.RSU\.BSM\.UP, cv2x\/v1\/\+\/bsm, V2X\/RSU\/\+\/RSI\/UP$/m.test(e));
		const garbage = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
		const client = await mqtt.connectAsync(broker.mqttUrl);
		await client.publishAsync('V2X.RSU.BSM.UP', Buffer.from(garbage));
		// mosquitto refuses C0 and C1 controls in topic names (malformed packet), not bidi overrides or line separators
		await client.publishAsync('cv2x/v1/evil\u202e\u2028/bsm', Buffer.from([0x08, 0x01, 0x12, 0x60, 0x08]));
		await client.publishAsync('V2X/RSU/RSU-1/RSI/UP', Buffer.from('{"msgCnt": "\u001b[2J\u001b]0;pwned\u0007"}'));
		await client.endAsync();
		expect(await listen.exited).toBe(0);
		const [first, second, third] = listen.stdout().trimEnd().split('\n');
		expect(first).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}undecodable {2}V2X\.RSU\.BSM\.UP {2}\S.* {2}[0-9a-f]{256}… \(300 bytes\)$/);
		expect(first).toContain(toHex(garbage.subarray(0, 128)));
		expect(second).toMatch(/^\S+ {2}undecodable {2}cv2x\/v1\/evil\\u\{202e\}\\u\{2028\}\/bsm {2}.*byte offset.* {2}0801126008 \(5 bytes\)$/);
		expect(third).toMatch(/^\S+ {2}undecodable {2}V2X\/RSU\/RSU-1\/RSI\/UP {2}\S.* {2}[0-9a-f]+ \(\d+ bytes\)$/);
		expect(listen.stdout()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
		expect(listen.stderr()).toMatch(/^0 messages from 3 publications, 3 undecodable$/m);
	}, SAFETY_MS);

	it('--json: one object per message and per undecodable publication', async () => {
		const listen = startListen(['--mqtt', broker.wsUrl, '--topic', 'cv2x/v1/+/bsm', '--count', '2', '--json']);
		await listen.until((_o, e) => /^subscribed to cv2x\/v1\/\+\/bsm$/m.test(e));
		const bsm = encodeFrame(sampleFrame('bsm'));
		const client = await mqtt.connectAsync(broker.mqttUrl);
		await client.publishAsync('cv2x/v1/car-10012/bsm', Buffer.from(bsm));
		await client.publishAsync('cv2x/v1/car-10013/bsm', Buffer.from([0xff]));
		await client.endAsync();
		expect(await listen.exited).toBe(0);
		const [message, bad] = listen.stdout().trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(message).toMatchObject({ topic: 'cv2x/v1/car-10012/bsm', dialect: 'cv2x', type: 'bsm', sender: 'car-10012', size: bsm.length, encoding: 'protobuf', hex: toHex(bsm) });
		expect(message.summary).toMatch(/^BSM id \S+ msgCnt \d+ .* at -?\d+\.\d{7},-?\d+\.\d{7}$/);
		expect(new Date(message.time).toISOString()).toBe(message.time);
		expect(bad).toMatchObject({ undecodable: true, topic: 'cv2x/v1/car-10013/bsm', size: 1, hex: 'ff' });
		expect(bad.error).toMatch(/byte offset 0/);
	}, SAFETY_MS);

	it('answers a broker that is down, or a host that does not exist, with one error line and exit 1', async () => {
		const closed = `mqtt://127.0.0.1:${await freePort()}`;
		for (const args of [
			['listen', '--mqtt', closed],
			['sim', '--seconds', '1', '--vehicles', '2', '--mqtt', closed],
			['sim', '--seconds', '1', '--vehicles', '2', '--mqtt', 'mqtt://no-such-host.invalid:1883', '--realtime']
		]) {
			const r = await cv2x(args);
			expect(r.code, args.join(' ')).toBe(1);
			const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
			expect(errors, r.stderr).toHaveLength(1);
			expect(errors[0]).toMatch(/^error: cannot connect to mqtt:\/\/\S+: (connection refused by 127\.0\.0\.1:\d+|host "no-such-host\.invalid" not found)/);
			expect(r.stderr).not.toMatch(/\bat .*\.(ts|m?js):\d+/);
			expect(r.stdout.length).toBe(0);
		}
	}, SAFETY_MS);
});

describe('cv2x sim --mqtt and listen: usage', () => {
	it('exits 2 naming the flag for a bad URL, a missing password variable, stray companions, a bad filter', async () => {
		const cases: [string[], RegExp][] = [
			[['listen', '--mqtt', 'http://127.0.0.1:1883'], /^error: --mqtt: broker URL "http:\/\/127\.0\.0\.1:1883\/": scheme "http:"/],
			[['listen', '--mqtt', 'mqtt://user:secret@127.0.0.1'], /^error: --mqtt: put no user or password in the URL/],
			[['listen', '--mqtt', 'mqtt://127.0.0.1', '--password-env', 'CV2X_TEST_UNSET_VARIABLE'], /^error: --password-env: environment variable CV2X_TEST_UNSET_VARIABLE is not set/],
			[['listen', '--mqtt', 'mqtt://127.0.0.1', '--topic', 'a/#/b'], /^error: --topic: topic filter "a\/#\/b": '#' must be a whole level and the last one/],
			[['listen'], /^error: --mqtt URL is required/],
			[['sim', '--realtime'], /^error: --realtime goes with --mqtt URL/],
			[['sim', '--mqtt', 'mqtt://127.0.0.1', '--dialect', 'kafka'], /^error: --dialect must be one of docking, openv2x, cv2x/]
		];
		for (const [args, re] of cases) {
			const r = await cv2x(args);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stderr, args.join(' ')).toMatch(re);
			expect(r.stderr).not.toContain('secret');
		}
	});

	it('an --out file that cannot be written is one error line, exit 1, before any connection', async () => {
		const r = await cv2x(['listen', '--mqtt', 'mqtt://127.0.0.1:1', '--out', '/no/such/dir/rx.jsonl']);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^error: cannot write \/no\/such\/dir\/rx\.jsonl: ENOENT/);
		expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
	});

	it('has help for sim and listen naming every option', async () => {
		const sim = (await cv2x(['sim', '--help'])).stdout.toString();
		for (const o of ['--mqtt', '--dialect', '--realtime', '--username', '--password-env', '--profile']) expect(sim).toContain(o);
		const listen = await cv2x(['listen', '--help']);
		expect(listen.code).toBe(0);
		for (const o of ['--mqtt', '--topic', '--out', '--count', '--seconds', '--json', '--profile', '--username', '--password-env'])
			expect(listen.stdout.toString()).toContain(o);
		expect(listen.stdout.toString()).toMatch(/^Usage: cv2x listen/);
	});
});
