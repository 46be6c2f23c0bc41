import { closeSync, openSync, writeSync } from 'node:fs';
import { CaptureError, captureRecord, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord } from '../../lib/capture';
import { Cv2xError } from '../../lib/codec';
import { cityIds, createWorld, rememberingNames, StreamDigest, type OnAir, type RoadEventKind, type SimEvent } from '../../lib/sim';
import { intFlag, oneOf, parseArgs, UsageError } from '../args';
import { isProfileName, profileNames, type ProfileName } from '../../lib/uper/profiles';
import type { Command } from './index';

export const sim: Command = {
	summary: 'run the simulation headless and write every transmission',
	help: `Usage: cv2x sim --city ID --seconds N [--seed S] [--vehicles N] [--out FILE.jsonl|FILE.pcapng]

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
  --seconds N      simulated seconds (default 60)
  --seed S         random seed (default 1)
  --vehicles N     vehicles kept in the network (default 60)
  --out FILE       .pcapng or JSON Lines output (default: no file, summary only)
  --event KIND@S   inject a road event (roadworks, accident, congestion) at second S; repeatable as a comma list
  --encoding E     protobuf (default) or uper: PC5 messages on the air as ASN.1 UPER (X.691), as
                   deployed units send them, and receivers decode them from those bytes; cloud (Uu)
                   messages stay protobuf (no standard UPER exists for them). Bytes, files and the
                   digest are those of what is sent; records say "encoding":"uper" and the profile.
  --profile NAME   the UPER profile for --encoding uper (default csae157-2020, the one set with
                   the phase 2 messages; see "cv2x profiles")`,
	async run(argv) {
		const opts = simOptions(argv);
		const out = opts.out === undefined ? null : new RecordSink(opts.out);
		const onAir: OnAir = opts.uper ? { encoding: 'uper', profile: opts.uper } : { encoding: 'protobuf' };
		const world = createWorld({ city: opts.city, seed: opts.seed, vehicles: opts.vehicles, onAir });
		const nameOf = rememberingNames((id) => world.nodeName(id));
		const tally = new Tally();
		const t0 = performance.now();
		let lastProgress = t0;
		const steps = Math.round((opts.seconds * 1000) / world.config.stepMs);
		for (let i = 0; i < steps; i++) {
			for (const p of opts.planned) if (p.at === world.timeMs) world.injectEvent(p.kind);
			world.step();
			const stepRecords: CaptureRecord[] = [];
			for (const ev of world.drainEvents()) {
				tally.add(ev);
				if (ev.kind === 'tx' && out) stepRecords.push(captureRecord(ev, nameOf));
			}
			out?.add(stepRecords);
			const now = performance.now();
			if (now - lastProgress > 2000) {
				lastProgress = now;
				process.stderr.write(`\r${(world.timeMs / 1000).toFixed(0)}/${opts.seconds} s simulated, ${tally.tx} messages, ${(world.timeMs / (now - t0)).toFixed(1)}x real time   `);
			}
		}
		if (lastProgress !== t0) process.stderr.write('\n');
		out?.close({ startTimeMs: world.config.startTimeMs, city: opts.city, seed: opts.seed, vehicles: opts.vehicles, ...(opts.uper ? { profile: opts.uper } : {}) });
		const wall = (performance.now() - t0) / 1000;
		const head = `${world.city.city.en} ${world.city.zone.en}: ${opts.seconds} s simulated, seed ${opts.seed}, ${world.traffic.vehicles.size} vehicles at the end`;
		const tail = `wall time ${wall.toFixed(2)} s, ${(opts.seconds / wall).toFixed(1)}x real time${opts.out !== undefined ? `, written to ${opts.out}` : ''}`;
		const kept = world.onAir.summary();
		process.stdout.write([head, ...(opts.uper ? [`PC5 on the air as UPER, profile ${opts.uper}`] : []), '', ...tally.lines(), ...(kept ? [kept] : []), tail, `event stream digest ${tally.digest.hex()} (same city, seed and vehicles: same digest, in Node or a browser)`].join('\n') + '\n');
		return 0;
	}
};

interface SimOptions {
	city: string;
	seconds: number;
	seed: number;
	vehicles: number;
	out?: string;
	planned: { kind: RoadEventKind; at: number }[];
	/** The UPER profile PC5 messages are sent in, or undefined for protobuf. */
	uper?: ProfileName;
}

/** The command's options, checked; usage errors name the flag. */
function simOptions(argv: string[]): SimOptions {
	const { flags, positionals } = parseArgs(argv, ['city', 'seconds', 'seed', 'vehicles', 'out', 'event', 'encoding', 'profile']);
	if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
	const city = typeof flags.city === 'string' ? flags.city : 'beijing-yizhuang';
	if (!cityIds().includes(city)) throw new UsageError(`unknown city "${city}"; one of: ${cityIds().join(', ')}`);
	const planned: SimOptions['planned'] = [];
	if (typeof flags.event === 'string')
		for (const part of flags.event.split(',')) {
			const m = /^(roadworks|accident|congestion)@(\d+)$/.exec(part.trim());
			if (!m) throw new UsageError(`--event wants KIND@SECOND, e.g. roadworks@10; got "${part}"`);
			planned.push({ kind: m[1] as RoadEventKind, at: Number(m[2]) * 1000 });
		}
	const encoding = oneOf('encoding', flags.encoding, ['protobuf', 'uper'] as const, 'protobuf');
	const profileName = typeof flags.profile === 'string' ? flags.profile : 'csae157-2020';
	if (flags.profile !== undefined && encoding !== 'uper') throw new UsageError('--profile goes with --encoding uper');
	if (!isProfileName(profileName)) throw new UsageError(`unknown profile "${profileName}"; one of: ${profileNames().join(', ')}`);
	return {
		uper: encoding === 'uper' ? profileName : undefined,
		city,
		seconds: intFlag('seconds', flags.seconds, 60, 1, 86400),
		seed: intFlag('seed', flags.seed, 1, 0, 2 ** 31 - 1),
		vehicles: intFlag('vehicles', flags.vehicles, 60, 0, 100000),
		out: typeof flags.out === 'string' ? flags.out : undefined,
		planned
	};
}

/**
 * Where the records go: JSON Lines are written as they come; pcapng needs every node's name up
 * front (its name resolution block), so it is written at the end.
 */
class RecordSink {
	private fd: number;
	private readonly pcapng: boolean;
	private held: CaptureRecord[] = [];

	constructor(private readonly path: string) {
		this.pcapng = /\.pcapng$/i.test(path);
		try {
			this.fd = openSync(path, 'w');
		} catch (e) {
			throw new Cv2xError('empty_input', `cannot write ${path}: ${(e as Error).message}`);
		}
	}

	add(records: CaptureRecord[]): void {
		if (this.pcapng) this.held.push(...records);
		else if (records.length) writeSync(this.fd, writeJsonl(records));
	}

	close(meta: CaptureMeta): void {
		try {
			if (this.pcapng) writeSync(this.fd, writePcapng(this.held, meta));
		} catch (e) {
			if (e instanceof CaptureError) throw new Cv2xError('invalid', `cannot write ${this.path}: ${e.message}`);
			throw e;
		} finally {
			closeSync(this.fd);
		}
	}
}

/** Messages, bytes and receivers by type, and the digest of the event stream. */
class Tally {
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
