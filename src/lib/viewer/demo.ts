// A small capture made in the page's own worker for the empty viewer's "load a demo capture":
// the same simulation, record conversion and pcapng writer as `cv2x sim --out x.pcapng`, so
// what it shows is what a real capture holds. Loaded on demand (the sim is not small).
import { captureRecord, PcapngWriter, type CaptureRecord } from '../capture';
import { createWorld, rememberingNames } from '../sim';

/** The demo's run: the first pilot city, seed 1, 60 vehicles (the CLI's defaults). */
export const DEMO_RUN = { city: 'beijing-yizhuang', seed: 1, vehicles: 60 } as const;

/**
 * `seconds` of simulated time (whole steps of the run; about 800 packets a second) as pcapng bytes, the
 * file `cv2x sim --seconds N --out demo.pcapng` writes for the same run. Throws only if the
 * simulation does (an unknown city).
 */
export function demoCapture(seconds = 10): Uint8Array {
	const world = createWorld({ ...DEMO_RUN });
	const nameOf = rememberingNames((id) => world.nodeName(id));
	const chunks: Uint8Array[] = [];
	// as the CLI writes it: the header first, then each step's records (names as they first appear)
	const writer = new PcapngWriter({ startTimeMs: world.config.startTimeMs, ...DEMO_RUN }, (chunk) => chunks.push(chunk));
	const steps = Math.round((seconds * 1000) / world.config.stepMs);
	for (let step = 0; step < steps; step++) {
		world.step();
		const records: CaptureRecord[] = [];
		for (const ev of world.drainEvents()) if (ev.kind === 'tx') records.push(captureRecord(ev, nameOf));
		writer.add(records);
	}
	writer.close();
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}
