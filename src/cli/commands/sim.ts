import { basename } from 'node:path';
import { captureRecord, type CaptureRecord } from '../../lib/capture';
import { Cv2xError } from '../../lib/codec';
import { cityIds, createWorld, registerCity, rememberingNames, StreamDigest, type OnAir, type RoadEventKind, type SimEvent, type World, type CityFile } from '../../lib/sim';
import type { SimPublisher } from '../live/sim-publish';
import { DIALECTS, type Dialect } from '../../lib/live/types';
import { intFlag, oneOf, parseArgs, UsageError } from '../args';
import { quoted } from '../error-line';
import { BROKER_HELP, brokerOptions, type BrokerOptions } from '../live/options';
import { RecordSink } from '../record-sink';
import { isProfileName, profileNames, type ProfileName } from '../../lib/uper/profiles';
import { readCityFile } from './city';
import type { Command } from './index';

export const sim: Command = {
	summary: 'run the simulation headless; write every transmission, or publish it to an MQTT broker',
	help: `Usage: cv2x sim --city ID --seconds N [--seed S] [--vehicles N] [--out FILE.jsonl|FILE.pcapng]
                [--encoding protobuf|uper] [--profile NAME] [--event KIND@S]
                [--mqtt URL [--dialect cv2x|docking|openv2x] [--realtime] [--username U] [--password-env VAR]]

Runs the simulation of a pilot city (see "cv2x cities") for N simulated seconds and writes every
transmission to FILE, then prints a summary: messages by type, deliveries, bytes, mean
receivers, wall time and the ratio of simulated to wall time. Same city, seed and vehicles: the
same file, byte for byte.
FILE ending in .pcapng: a Wireshark capture, one IPv4/UDP packet per transmission (PC5 on UDP
port 5001 to 255.255.255.255, Uu on port 5002 to or from the cloud at 10.0.0.1), node names in
its name resolution block; the README's "Captures and Wireshark" shows the tshark options that
decode it. Any other FILE: JSON Lines, one object per transmission (t in ms, sender, receivers,
channel, type, latencyMs, hex bytes).
  --city ID        city id (default beijing-yizhuang)
  --city-file FILE a city JSON made by "cv2x city import" (checked first), run instead of --city
  --seconds N      simulated seconds (default 60)
  --seed S         random seed (default 1)
  --vehicles N     vehicles kept in the network (default 60)
  --out FILE       .pcapng or JSON Lines output (default: no file, summary only)
  --event KIND@S   inject a road event (roadworks, accident, congestion) at second S; repeatable as a comma list
  --encoding E     protobuf (default) or uper: PC5 messages on the air as ASN.1 UPER (X.691), as
                   deployed units send them, and receivers decode them from those bytes; cloud (Uu)
                   messages stay protobuf (no standard UPER exists for them). Bytes, files and the
                   digest are those of what is sent; records say "encoding":"uper" and the profile.
  --profile NAME   the UPER profile for --encoding uper and for the docking and openv2x dialects
                   (default csae157-2020, the one set with the phase 2 messages; see "cv2x profiles")

Publishing to an MQTT broker (a load generator for a platform under test, or traffic for the
playground's Live mode): every step's transmissions are published as the dialect puts them:
${BROKER_HELP}
  --dialect D      cv2x (default): every message, protobuf MessageFrame bytes on
                   cv2x/v1/<node>/<type>, QoS 0 for PC5 broadcasts and QoS 1 for cloud (Uu)
                   messages, which are acknowledged;
                   docking: the RSU docking convention, binary framing (rsuId, timestamp, lengths)
                   with UPER inside on V2X.RSU.<TYPE>.UP, QoS 0: RSU messages from their RSU, a
                   vehicle's BSMs batched per RSU that heard them; what has no UPER form (the
                   cloud's own messages) or was heard by no RSU is not carried;
                   openv2x: OpenV2X-style JSON (the ASN.1 value as X.697 JER) on
                   V2X/RSU/<esn>/<TYPE>/UP, QoS 0, carrying what docking carries.
                   Docking and openv2x convert to UPER under --profile when --encoding is not uper.
  --realtime       pace the steps to wall time (1 simulated second per second), as live traffic
                   (a simulation too big for real time runs as fast as it can and the summary's
                   ratio says so); without it the run goes as fast as the broker takes the
                   publications: each waits until the client's send buffer has room (QoS 1: at
                   most 1,000 unacknowledged), so memory stays bounded
The summary then adds publications sent by topic kind, messages carried by type, what was not
carried and why, and messages and publications per second of wall time. A broker that cannot
be reached at the start (refused, unknown host, bad credentials, no CONNACK within 5 s): one
"error:" line and exit status 1, in both modes. A connection lost during the run is retried
with backoff (status lines on stderr): with --realtime the simulation keeps time and the
publications of the steps missed are dropped and counted (live traffic is stale a moment
later); without it the run waits for the broker. Ctrl-C (SIGINT) or SIGTERM stops it: the step
in flight is published, the connection is closed cleanly, --out is written and the summary
printed (exit status 0).`,
	async run(argv) {
		const opts = simOptions(argv);
		const r = await runSim(opts);
		const { world, tally, publisher, wallS } = r;
		const head = `${world.city.city.en} ${world.city.zone.en}: ${r.simulatedS} s simulated${r.simulatedS < opts.seconds ? ` (stopped early, of ${opts.seconds} s)` : ''}, seed ${opts.seed}, ${world.traffic.vehicles.size} vehicles at the end`;
		const tail = `wall time ${wallS.toFixed(2)} s, ${(r.simulatedS / wallS).toFixed(1)}x real time${opts.out !== undefined ? `, written to ${opts.out}` : ''}`;
		const kept = world.onAir.summary();
		const lines = [head, ...(opts.uper ? [`PC5 on the air as UPER, profile ${opts.uper}`] : []), '', ...tally.lines(), ...(kept ? [kept] : [])];
		if (publisher) lines.push('', ...publisher.lines(wallS));
		process.stdout.write([...lines, tail, `event stream digest ${tally.digest.hex()} (same city, seed and vehicles: same digest, in Node or a browser)`].join('\n') + '\n');
		return 0;
	}
};

/** What a run did: the world as it ended, the tally of its events, the publisher (with --mqtt), times. */
export interface SimRun {
	world: World;
	tally: Tally;
	publisher: SimPublisher | null;
	/** Simulated seconds run (fewer than asked when Ctrl-C stopped a publishing run). */
	simulatedS: number;
	wallS: number;
}

/**
 * Runs the simulation as `cv2x sim` does, in-process: writes --out, publishes with --mqtt
 * (connecting first), shows progress and link status on stderr unless `quiet`.
 * @throws Cv2xError when --out cannot be written or the broker cannot be reached at the start
 */
export async function runSim(opts: SimOptions, quiet = false): Promise<SimRun> {
	const out = opts.out === undefined ? null : new RecordSink(opts.out);
	const onAir: OnAir = opts.uper ? { encoding: 'uper', profile: opts.uper } : { encoding: 'protobuf' };
	// a city file (cv2x city import) is checked and made known by its id first; a bundled id is refused
	const city = opts.cityFile === undefined ? opts.city : registerCityFile(await readCityFile(opts.cityFile), opts.cityFile);
	// receivers as number[] only for --out and --mqtt; the digest reads them as typed ids (same digest)
	const recordReceivers = opts.out !== undefined || opts.mqtt ? true : 'ids';
	const world = createWorld({ city, seed: opts.seed, vehicles: opts.vehicles, onAir, recordReceivers });
	// more than the lanes hold: the run goes on with what fits, and says so (the playground clamps)
	const placed = world.traffic.vehicles.size;
	if (!quiet && placed < opts.vehicles) process.stderr.write(`note: ${opts.vehicles} vehicles do not fit on ${world.city.id}: ${placed} placed, as many as its lanes hold\n`);
	// the capture's header is known now: every block is written as the run goes (constant memory)
	out?.begin({ startTimeMs: world.config.startTimeMs, city, seed: opts.seed, vehicles: opts.vehicles, ...(opts.uper ? { profile: opts.uper } : {}) });
	const nameOf = rememberingNames((id) => world.nodeName(id));
	const tally = new Tally();
	const publisher = opts.mqtt ? await (await import('../live/sim-publish')).openPublisher(opts.mqtt, world, quiet) : null;
	const t0 = performance.now();
	// progress rewrites one terminal line (\r): into a file or pipe it would only be noise
	let lastProgress = quiet || !process.stderr.isTTY ? Infinity : t0;
	const steps = Math.round((opts.seconds * 1000) / world.config.stepMs);
	let i = 0;
	try {
		for (; i < steps && !publisher?.stopped; i++) {
			for (const p of opts.planned) if (p.at === world.timeMs) world.injectEvent(p.kind);
			world.step();
			const stepRecords: CaptureRecord[] = [];
			for (const ev of world.drainEvents()) {
				tally.add(ev);
				if (ev.kind !== 'tx') continue;
				if (out) stepRecords.push(captureRecord(ev, nameOf));
				publisher?.add(ev);
			}
			out?.add(stepRecords);
			await publisher?.endStep(world.timeMs);
			const now = performance.now();
			if (now - lastProgress > 2000) {
				lastProgress = now;
				process.stderr.write(`\r${(world.timeMs / 1000).toFixed(0)}/${opts.seconds} s simulated, ${tally.tx} messages, ${(world.timeMs / (now - t0)).toFixed(1)}x real time   `);
			}
		}
	} catch (e) {
		// --out failed (a full disk): the broker connection would keep the process alive
		if (lastProgress !== t0 && Number.isFinite(lastProgress)) process.stderr.write('\n');
		await publisher?.close();
		throw e;
	}
	if (lastProgress !== t0 && Number.isFinite(lastProgress)) process.stderr.write('\n');
	await publisher?.close();
	out?.close({ startTimeMs: world.config.startTimeMs, city, seed: opts.seed, vehicles: opts.vehicles, ...(opts.uper ? { profile: opts.uper } : {}) });
	return { world, tally, publisher, simulatedS: (i * world.config.stepMs) / 1000, wallS: (performance.now() - t0) / 1000 };
}

/** Where and how `sim --mqtt` publishes. */
export interface PublishOptions {
	broker: BrokerOptions;
	dialect: Dialect;
	/** UPER profile of docking and openv2x payloads. */
	profile: ProfileName;
	realtime: boolean;
}

export interface SimOptions {
	city: string;
	/** A city JSON file (cv2x city import) run instead of the bundled `city`. */
	cityFile?: string;
	seconds: number;
	seed: number;
	vehicles: number;
	out?: string;
	planned: { kind: RoadEventKind; at: number }[];
	/** The UPER profile PC5 messages are sent in, or undefined for protobuf. */
	uper?: ProfileName;
	/** Publishing to a broker, when --mqtt is given. */
	mqtt?: PublishOptions;
}

/** The command's options, checked; usage errors name the flag. */
export function simOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): SimOptions {
	const { flags, positionals, lists } = parseArgs(
		argv,
		['city', 'city-file', 'seconds', 'seed', 'vehicles', 'out', 'encoding', 'profile', 'mqtt', 'dialect', 'username', 'password-env'],
		['realtime'],
		['event']
	);
	if (positionals.length) throw new UsageError(`unexpected argument ${quoted(positionals[0])}`);
	const city = typeof flags.city === 'string' ? flags.city : 'beijing-yizhuang';
	if (!cityIds().includes(city)) throw new UsageError(`unknown city ${quoted(city)}; one of: ${cityIds().join(', ')}`);
	if (flags['city-file'] === true) throw new UsageError('--city-file needs a file name');
	const cityFile = typeof flags['city-file'] === 'string' ? flags['city-file'] : undefined;
	if (cityFile !== undefined && flags.city !== undefined) throw new UsageError('give --city or --city-file, not both');
	const encoding = oneOf('encoding', flags.encoding, ['protobuf', 'uper'] as const, 'protobuf');
	const mqtt = publishOptions(flags, env);
	const profileName = typeof flags.profile === 'string' ? flags.profile : 'csae157-2020';
	if (flags.profile !== undefined && encoding !== 'uper' && mqtt?.dialect !== 'docking' && mqtt?.dialect !== 'openv2x')
		throw new UsageError('--profile goes with --encoding uper or --dialect docking|openv2x');
	if (!isProfileName(profileName)) throw new UsageError(`unknown profile ${quoted(profileName)}; one of: ${profileNames().join(', ')}`);
	if (mqtt) mqtt.profile = profileName;
	const seconds = intFlag('seconds', flags.seconds, 60, 1, 86400);
	return {
		uper: encoding === 'uper' ? profileName : undefined,
		city,
		...(cityFile !== undefined ? { cityFile } : {}),
		seconds,
		seed: intFlag('seed', flags.seed, 1, 0, 2 ** 31 - 1),
		vehicles: intFlag('vehicles', flags.vehicles, 60, 0, 100000),
		out: typeof flags.out === 'string' ? flags.out : undefined,
		planned: plannedEvents(lists.event, seconds),
		...(mqtt ? { mqtt } : {})
	};
}

/** --event KIND@S[,KIND@S...] (repeatable) as events at sim times in ms; an event at or after the run's end is refused. */
function plannedEvents(values: string[], seconds: number): SimOptions['planned'] {
	const planned: SimOptions['planned'] = [];
	for (const part of values.flatMap((v) => v.split(','))) {
		const m = /^(roadworks|accident|congestion)@([0-9]{1,6})$/.exec(part.trim());
		if (!m) throw new UsageError(`--event wants KIND@SECOND (KIND roadworks, accident or congestion), e.g. roadworks@10; got ${quoted(part)}`);
		if (Number(m[2]) >= seconds) throw new UsageError(`--event ${m[0]} is at or after the run's end (--seconds ${seconds})`);
		planned.push({ kind: m[1] as RoadEventKind, at: Number(m[2]) * 1000 });
	}
	return planned;
}

/** The --mqtt group, or undefined without --mqtt (its companions alone are usage errors). */
function publishOptions(flags: Record<string, string | true>, env: NodeJS.ProcessEnv): PublishOptions | undefined {
	if (flags.mqtt === undefined) {
		const stray = ['dialect', 'realtime', 'username', 'password-env'].find((f) => flags[f] !== undefined);
		if (stray) throw new UsageError(`--${stray} goes with --mqtt URL`);
		return undefined;
	}
	return {
		broker: brokerOptions(flags, env),
		dialect: oneOf('dialect', flags.dialect, DIALECTS, 'cv2x'),
		profile: 'csae157-2020',
		realtime: flags.realtime === true
	};
}

/** Messages, bytes and receivers by type, and the digest of the event stream. */
export class Tally {
	readonly digest = new StreamDigest();
	tx = 0;
	private deliveries = 0;
	private byType = new Map<string, { n: number; bytes: number; receivers: number }>();

	add(ev: SimEvent): void {
		this.digest.event(ev);
		if (ev.kind !== 'tx') return;
		this.tx++;
		this.deliveries += ev.receiverCount;
		const s = this.byType.get(ev.type) ?? { n: 0, bytes: 0, receivers: 0 };
		s.n++;
		s.bytes += ev.bytes.length;
		s.receivers += ev.receiverCount;
		this.byType.set(ev.type, s);
	}

	/** The table by type and the totals. */
	lines(): string[] {
		const totalBytes = [...this.byType.values()].reduce((a, b) => a + b.bytes, 0);
		return [
			`${'type'.padEnd(24)}${'messages'.padStart(10)}${'bytes'.padStart(12)}${'avg size'.padStart(10)}${'mean receivers'.padStart(16)}`,
			...[...this.byType.entries()]
				.sort((a, b) => b[1].n - a[1].n)
				.map(([t, s]) => `${t.padEnd(24)}${String(s.n).padStart(10)}${String(s.bytes).padStart(12)}${(s.bytes / s.n).toFixed(1).padStart(10)}${(s.receivers / s.n).toFixed(1).padStart(16)}`),
			'',
			`messages ${this.tx}, deliveries ${this.deliveries}, bytes ${totalBytes}, mean receivers ${(this.deliveries / Math.max(1, this.tx)).toFixed(1)}`
		];
	}
}

/** Registers a checked city file for this run; a bundled id is a bad-input error naming the file. */
function registerCityFile(file: CityFile, path: string): string {
	try {
		return registerCity(file, basename(path)).id;
	} catch (e) {
		throw new Cv2xError('invalid', (e as Error).message);
	}
}
