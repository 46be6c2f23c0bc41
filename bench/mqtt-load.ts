// `cv2x sim --mqtt` as a load generator: the sim command's run, in-process, as fast as the broker
// takes it, against a Debian mosquitto started here on loopback, with a subscriber in a child
// process counting what arrives. 1,000 and 5,000 vehicles (BSM at 10 Hz, RSUs, VRUs, cloud) for
// 10 simulated seconds on a synthetic 14 x 14 grid (the bundled cities hold about 2,000 vehicles
// at most), per dialect. Reports messages and publications per second of wall time, messages per
// CPU second (process.cpuUsage, user + system), the CPU per message of publishing alone (the run
// minus the same simulation without --mqtt) and mosquitto's CPU per publication (/proc). Only
// with `npm run bench -- mqtt-load`.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism as cpus, loadavg } from 'node:os';
import { runSim, simOptions } from '../src/cli/commands/sim';
import type { Dialect } from '../src/lib/live/types';
import { mosquittoSkipReason, startMosquitto } from '../src/lib/live/testing/mosquitto';
import { gridCity } from '../src/lib/sim';
import { registerCity } from '../src/lib/sim/roads/cities';

// CV2X_BENCH_SECONDS and CV2X_BENCH_VEHICLES (a comma list) shorten a trial run
const SECONDS = Number(process.env.CV2X_BENCH_SECONDS ?? 10);
const SIZES = (process.env.CV2X_BENCH_VEHICLES ?? '1000,5000').split(',').map(Number);
const DIALECT_ORDER: Dialect[] = ['cv2x', 'docking', 'openv2x'];

// The subscriber: counts publications and payload bytes; answers {n, bytes} to any IPC message.
const SUBSCRIBER = `
import mqtt from 'mqtt';
const c = await mqtt.connectAsync(process.env.CV2X_BENCH_URL, { reconnectPeriod: 0 });
let n = 0, bytes = 0;
c.on('message', (_t, p) => { n++; bytes += p.length; });
await c.subscribeAsync('#', { qos: 0 });
process.on('message', (m) => (m === 'stop' ? c.endAsync().then(() => process.exit(0)) : process.send({ n, bytes })));
process.send({ ready: true });
`;

interface Counter {
	count(): Promise<{ n: number; bytes: number }>;
	stop(): Promise<void>;
}

function startSubscriber(url: string): Promise<Counter> {
	const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SUBSCRIBER], {
		cwd: new URL('..', import.meta.url).pathname, env: { ...process.env, CV2X_BENCH_URL: url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const next = () => new Promise<{ n: number; bytes: number; ready?: boolean }>((resolve) => child.once('message', resolve as (m: unknown) => void));
	return next().then(() => ({
		async count() {
			const reply = next();
			child.send('count');
			return reply;
		},
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.send('stop');
			})
	}));
}

/** Waits until the subscriber has `expected` publications or its count stopped growing for 2 s. */
async function settle(sub: Counter, expected: number): Promise<number> {
	let last = -1;
	let still = 0;
	for (;;) {
		const { n } = await sub.count();
		if (n >= expected) return n;
		still = n === last ? still + 1 : 0;
		if (still >= 10) return n;
		last = n;
		await new Promise((r) => setTimeout(r, 200));
	}
}

const cpuS = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;

/**
 * The pid of the mosquitto listening on `port` (its command line names the config file, which
 * names the port), or null: to read its CPU time from /proc (Linux).
 */
function mosquittoPid(port: number): number | null {
	for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n)))
		try {
			const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
			const conf = argv[0].endsWith('mosquitto') ? argv[argv.indexOf('-c') + 1] : undefined;
			if (conf && readFileSync(conf, 'utf8').includes(`listener ${port} `)) return Number(name);
		} catch {
			// gone, or not ours to read
		}
	return null;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 when unknown. */
function processCpuS(pid: number | null): number {
	if (pid === null) return 0;
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
		// fields from the state on: utime is the 12th, stime the 13th (proc(5) numbers them 14 and 15)
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

/** CPU seconds of the same simulation without publishing, for one size. */
async function baselineCpuS(vehicles: number): Promise<{ cpu: number; messages: number; wall: number }> {
	const c0 = process.cpuUsage();
	const r = await runSim(simOptions(['--city', 'grid-14x14', '--seconds', String(SECONDS), '--vehicles', String(vehicles)]), true);
	return { cpu: cpuS(process.cpuUsage(c0)), messages: r.tally.tx, wall: r.wallS };
}

export async function mqttLoadBench(): Promise<void> {
	console.log(`# cv2x sim --mqtt against mosquitto (${SECONDS} simulated s, grid 14 x 14, as fast as possible, subscriber in a child process)\n`);
	const skip = mosquittoSkipReason();
	if (skip) return void console.log(`  skipped: ${skip}\n`);
	registerCity(gridCity(14, 400), 'gridCity(14, 400)');
	const broker = (await startMosquitto())!;
	const brokerPid = mosquittoPid(broker.port);
	const load0 = loadavg()[0];
	try {
		// warm-up (JIT, city caches), not reported: the first baseline would otherwise pay for it
		await runSim(simOptions(['--city', 'grid-14x14', '--seconds', '2', '--vehicles', '200', '--mqtt', broker.mqttUrl]), true);
		console.log(HEAD);
		for (const vehicles of SIZES) {
			const base = await baselineCpuS(vehicles);
			console.log(row({ dialect: '(no mqtt)', vehicles, messages: base.messages, wallS: base.wall, cpuS: base.cpu }));
			for (const dialect of DIALECT_ORDER) await oneRun(broker.mqttUrl, dialect, vehicles, base.cpu, brokerPid);
		}
	} finally {
		await broker.stop();
	}
	console.log(`
  messages: carried in publications (a BSM batched for three RSUs counts three); arrived: publications the subscriber got
  msg/s, pub/s: over the run's wall time; CPU: this process (simulation, dialect writer, mqtt.js), user + system
  msg/CPU s: what one core sustains when it has the core to itself (messages / CPU seconds)
  publish µs/msg: CPU per message of the run minus the same run without --mqtt (writer + mqtt.js)
  broker µs/pub: mosquitto's CPU per publication (received, routed, sent to the one subscriber)
  load average (1 min) at start ${load0.toFixed(1)}, at end ${loadavg()[0].toFixed(1)} on ${cpus()} cores: wall-time figures shrink on a busy machine, CPU figures much less
`);
}

const HEAD = `  ${'dialect'.padEnd(10)}${'vehicles'.padStart(8)}${'messages'.padStart(10)}${'pubs'.padStart(9)}${'arrived'.padStart(9)}${'wall s'.padStart(8)}${'msg/s'.padStart(8)}${'pub/s'.padStart(8)}${'CPU s'.padStart(8)}${'msg/CPU s'.padStart(11)}${'publish µs/msg'.padStart(16)}${'broker µs/pub'.padStart(15)}`;

interface Row {
	dialect: string;
	vehicles: number;
	messages: number;
	publications?: number;
	arrived?: number;
	wallS: number;
	cpuS: number;
	publishUs?: number;
	brokerUs?: number;
}

function row(r: Row): string {
	const opt = (v: number | undefined, w: number, digits = 0) => (v === undefined ? '' : v.toFixed(digits)).padStart(w);
	return `  ${r.dialect.padEnd(10)}${String(r.vehicles).padStart(8)}${String(r.messages).padStart(10)}${opt(r.publications, 9)}${opt(r.arrived, 9)}${r.wallS.toFixed(1).padStart(8)}${opt(r.messages / r.wallS, 8)}${opt(r.publications === undefined ? undefined : r.publications / r.wallS, 8)}${r.cpuS.toFixed(1).padStart(8)}${opt(r.messages / r.cpuS, 11)}${opt(r.publishUs, 16, 1)}${opt(r.brokerUs, 15, 1)}`;
}

async function oneRun(url: string, dialect: Dialect, vehicles: number, baseCpu: number, brokerPid: number | null): Promise<void> {
	const sub = await startSubscriber(url);
	try {
		const opts = simOptions(['--city', 'grid-14x14', '--seconds', String(SECONDS), '--vehicles', String(vehicles), '--mqtt', url, '--dialect', dialect]);
		const b0 = processCpuS(brokerPid);
		const c0 = process.cpuUsage();
		const r = await runSim(opts, true);
		const cpu = cpuS(process.cpuUsage(c0));
		const s = r.publisher!.stats();
		const arrived = await settle(sub, s.publications);
		const brokerS = processCpuS(brokerPid) - b0;
		console.log(
			row({
				dialect, vehicles, messages: s.messages, publications: s.publications, arrived, wallS: r.wallS, cpuS: cpu,
				publishUs: ((cpu - baseCpu) / s.messages) * 1e6, brokerUs: brokerPid === null ? undefined : (brokerS / s.publications) * 1e6
			})
		);
	} finally {
		await sub.stop();
	}
}
