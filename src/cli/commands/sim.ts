import { closeSync, openSync, writeSync } from 'node:fs';
import { CaptureError, captureRecord, writeJsonl, writePcapng, type CaptureRecord } from '../../lib/capture';
import { Cv2xError } from '../../lib/codec';
import { cityIds, createWorld, rememberingNames, StreamDigest, type SimEvent } from '../../lib/sim';
import { intFlag, parseArgs, UsageError } from '../args';
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
  --event KIND@S   inject a road event (roadworks, accident, congestion) at second S; repeatable as a comma list`,
	async run(argv) {
		const { flags, positionals } = parseArgs(argv, ['city', 'seconds', 'seed', 'vehicles', 'out', 'event']);
		if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
		const city = typeof flags.city === 'string' ? flags.city : 'beijing-yizhuang';
		if (!cityIds().includes(city)) throw new UsageError(`unknown city "${city}"; one of: ${cityIds().join(', ')}`);
		const seconds = intFlag('seconds', flags.seconds, 60, 1, 86400);
		const seed = intFlag('seed', flags.seed, 1, 0, 2 ** 31 - 1);
		const vehicles = intFlag('vehicles', flags.vehicles, 60, 0, 100000);
		const planned: { kind: 'roadworks' | 'accident' | 'congestion'; at: number }[] = [];
		if (typeof flags.event === 'string')
			for (const part of flags.event.split(',')) {
				const m = /^(roadworks|accident|congestion)@(\d+)$/.exec(part.trim());
				if (!m) throw new UsageError(`--event wants KIND@SECOND, e.g. roadworks@10; got "${part}"`);
				planned.push({ kind: m[1] as 'roadworks', at: Number(m[2]) * 1000 });
			}
		let fd: number | undefined;
		const pcapng = typeof flags.out === 'string' && /\.pcapng$/i.test(flags.out);
		const captured: CaptureRecord[] = [];
		if (typeof flags.out === 'string') {
			try {
				fd = openSync(flags.out, 'w');
			} catch (e) {
				throw new Cv2xError('empty_input', `cannot write ${flags.out}: ${(e as Error).message}`);
			}
		}
		const world = createWorld({ city, seed, vehicles });
		const nameOf = rememberingNames((id) => world.nodeName(id));
		const byType = new Map<string, { n: number; bytes: number; receivers: number }>();
		const digest = new StreamDigest();
		let deliveries = 0;
		let tx = 0;
		const t0 = performance.now();
		let lastProgress = t0;
		const steps = Math.round((seconds * 1000) / world.config.stepMs);
		for (let i = 0; i < steps; i++) {
			for (const p of planned) if (p.at === world.timeMs) world.injectEvent(p.kind);
			world.step();
			const events: SimEvent[] = world.drainEvents();
			const stepRecords: CaptureRecord[] = [];
			for (const ev of events) {
				digest.event(ev);
				if (ev.kind !== 'tx') continue;
				tx++;
				deliveries += ev.receiverCount;
				const s = byType.get(ev.type) ?? { n: 0, bytes: 0, receivers: 0 };
				s.n++;
				s.bytes += ev.bytes.length;
				s.receivers += ev.receiverCount;
				byType.set(ev.type, s);
				if (fd !== undefined) (pcapng ? captured : stepRecords).push(captureRecord(ev, nameOf));
			}
			if (fd !== undefined && stepRecords.length) writeSync(fd, writeJsonl(stepRecords));
			const now = performance.now();
			if (now - lastProgress > 2000) {
				lastProgress = now;
				process.stderr.write(`\r${(world.timeMs / 1000).toFixed(0)}/${seconds} s simulated, ${tx} messages, ${((world.timeMs / (now - t0))).toFixed(1)}x real time   `);
			}
		}
		if (lastProgress !== t0) process.stderr.write('\n');
		if (fd !== undefined) {
			// pcapng needs every node's name up front (its name resolution block), so it is written at the end
			if (pcapng) {
				try {
					writeSync(fd, writePcapng(captured, { startTimeMs: world.config.startTimeMs, city, seed, vehicles }));
				} catch (e) {
					closeSync(fd);
					if (e instanceof CaptureError) throw new Cv2xError('invalid', `cannot write ${flags.out}: ${e.message}`);
					throw e;
				}
			}
			closeSync(fd);
		}
		const wall = (performance.now() - t0) / 1000;
		const totalBytes = [...byType.values()].reduce((a, b) => a + b.bytes, 0);
		const lines = [
			`${world.city.city.en} ${world.city.zone.en}: ${seconds} s simulated, seed ${seed}, ${world.traffic.vehicles.size} vehicles at the end`,
			'',
			`${'type'.padEnd(24)}${'messages'.padStart(10)}${'bytes'.padStart(12)}${'avg size'.padStart(10)}${'mean receivers'.padStart(16)}`,
			...[...byType.entries()]
				.sort((a, b) => b[1].n - a[1].n)
				.map(([t, s]) => `${t.padEnd(24)}${String(s.n).padStart(10)}${String(s.bytes).padStart(12)}${(s.bytes / s.n).toFixed(1).padStart(10)}${(s.receivers / s.n).toFixed(1).padStart(16)}`),
			'',
			`messages ${tx}, deliveries ${deliveries}, bytes ${totalBytes}, mean receivers ${(deliveries / Math.max(1, tx)).toFixed(1)}`,
			`wall time ${wall.toFixed(2)} s, ${(seconds / wall).toFixed(1)}x real time${typeof flags.out === 'string' ? `, written to ${flags.out}` : ''}`,
			`event stream digest ${digest.hex()} (same city, seed and vehicles: same digest, in Node or a browser)`
		];
		process.stdout.write(lines.join('\n') + '\n');
		return 0;
	}
};
