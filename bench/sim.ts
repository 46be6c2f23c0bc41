// Headless scale benchmark of the simulation: vehicles sending BSM at 10 Hz for 10 simulated
// seconds on a synthetic 14 x 14 grid (5.6 km across, 2 lanes each way), every BSM encoded,
// delivered over PC5 to everyone in range, and decoded once per transmission.
// The figure is CPU time (process.cpuUsage, user + system) per simulated second: the machine is
// shared, so wall time says more about the neighbours than about the code.
// The last runs are `cv2x sim`'s work at 10,000 vehicles: receivers recorded in id order and
// every event hashed into the digest, whose own CPU share is measured around its calls; without
// --out, as the CLI records them (typed ids, recordReceivers 'ids'), and with --out (number[]).
import { createWorld, gridCity, StreamDigest, type World } from '../src/lib/sim';

const SECONDS = 10;
const STEPS = SECONDS * 10;

/** CPU seconds (user + system) since `from`. */
function cpuS(from: NodeJS.CpuUsage): number {
	const d = process.cpuUsage(from);
	return (d.user + d.system) / 1e6;
}

function benchWorld(n: number, recordReceivers: boolean | 'ids'): World {
	return createWorld({
		city: gridCity(14, 400), seed: 1, vehicles: n, vrus: 0, recordReceivers,
		messages: { map: false, spat: false, rsi: false, rsm: false, psm: false, cloud: false }
	});
}

interface Run {
	vehicles: number;
	tx: number;
	rx: number;
	cpu: number;
	digestCpu: number;
	digest: string;
}

/** A run of STEPS steps; with a digest, receivers are recorded as `record` says (as typed ids by default, as cv2x sim does). */
function run(n: number, withDigest: boolean, record: true | 'ids' = 'ids'): Run {
	const w = benchWorld(n, withDigest && record);
	const digest = new StreamDigest();
	let tx = 0;
	let rx = 0;
	let digestCpu = 0;
	const c0 = process.cpuUsage();
	for (let i = 0; i < STEPS; i++) {
		w.step();
		const events = w.drainEvents();
		if (withDigest) {
			const d0 = process.cpuUsage();
			for (const e of events) digest.event(e);
			digestCpu += cpuS(d0);
		}
		for (const e of events) if (e.kind === 'tx') {
			tx++;
			rx += e.receiverCount;
		}
	}
	return { vehicles: w.traffic.vehicles.size, tx, rx, cpu: cpuS(c0), digestCpu, digest: withDigest ? digest.hex() : '' };
}

const row = (cells: [string, number][]) => cells.map(([s, w]) => s.padStart(w)).join('');

export function simBench() {
	console.log(`# simulation scale benchmark (BSM 10 Hz, ${SECONDS} simulated seconds, grid 14 x 14; CPU time)\n`);
	const widths = [10, 10, 9, 8, 12, 14];
	console.log(row([['vehicles', 10], ['BSMs', 10], ['mean rx', 9], ['CPU s', 8], ['CPU s/sim s', 12], ['sim s / CPU s', 14]]));
	const out: Record<number, number> = {};
	for (const n of [1000, 5000, 10000]) {
		const r = run(n, false);
		out[n] = SECONDS / r.cpu;
		console.log(row([[String(r.vehicles), widths[0]], [String(r.tx), widths[1]], [(r.rx / r.tx).toFixed(1), widths[2]], [r.cpu.toFixed(2), widths[3]], [(r.cpu / SECONDS).toFixed(3), widths[4]], [out[n].toFixed(2), widths[5]]]));
	}
	const met = out[10000] >= 1.5 ? 'met' : 'NOT met';
	console.log(`  target: 10,000 vehicles at >= 1.5 simulated s per CPU s -> ${met} (${out[10000].toFixed(2)})\n`);
	const c = run(10000, true);
	const share = (100 * c.digestCpu) / c.cpu;
	console.log(`  as cv2x sim (receivers recorded as typed ids, digest of every event), 10,000 vehicles: ${c.cpu.toFixed(2)} CPU s, ${(SECONDS / c.cpu).toFixed(2)} sim s / CPU s`);
	console.log(`  digest ${c.digestCpu.toFixed(2)} CPU s = ${share.toFixed(1)}% of the run (target < 5%: ${share < 5 ? 'met' : 'NOT met'}); digest ${c.digest}`);
	const o = run(10000, true, true);
	const outShare = (100 * o.digestCpu) / o.cpu;
	console.log(`  as cv2x sim --out (receivers as number[]), 10,000 vehicles: ${o.cpu.toFixed(2)} CPU s, ${(SECONDS / o.cpu).toFixed(2)} sim s / CPU s; digest ${outShare.toFixed(1)}% (same digest: ${o.digest === c.digest ? 'yes' : 'NO'})\n`);
}
