// Headless scale benchmark of the simulation: vehicles sending BSM at 10 Hz for 10 simulated
// seconds on a synthetic 14 x 14 grid (5.6 km across, 2 lanes each way), every BSM encoded,
// delivered over PC5 to everyone in range, and decoded once per transmission.
import { createWorld, gridCity } from '../src/lib/sim';

export function simBench() {
	const city = gridCity(14, 400);
	console.log('# simulation scale benchmark (BSM 10 Hz, 10 simulated seconds, grid 14 x 14)\n');
	console.log(`  ${'vehicles'.padStart(8)}${'BSMs'.padStart(10)}${'mean rx'.padStart(9)}${'wall s'.padStart(8)}${'sim s / wall s'.padStart(16)}`);
	const out: Record<number, number> = {};
	for (const n of [1000, 5000, 10000]) {
		const w = createWorld({
			city, seed: 1, vehicles: n, vrus: 0, recordReceivers: false,
			messages: { map: false, spat: false, rsi: false, rsm: false, psm: false, cloud: false }
		});
		let tx = 0;
		let rx = 0;
		const t0 = performance.now();
		for (let i = 0; i < 100; i++) {
			w.step();
			for (const e of w.drainEvents()) if (e.kind === 'tx') {
				tx++;
				rx += e.receiverCount;
			}
		}
		const wall = (performance.now() - t0) / 1000;
		out[n] = 10 / wall;
		console.log(`  ${String(w.traffic.vehicles.size).padStart(8)}${String(tx).padStart(10)}${(rx / tx).toFixed(1).padStart(9)}${wall.toFixed(2).padStart(8)}${(10 / wall).toFixed(2).padStart(16)}`);
	}
	console.log(`  target: 10,000 vehicles at or above real time -> ${out[10000] >= 1 ? 'met' : 'NOT met'} (${out[10000].toFixed(2)}x)\n`);
}
