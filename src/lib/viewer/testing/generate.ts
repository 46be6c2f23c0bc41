// A capture made the way `cv2x sim --out` makes it (the same sim, the same record conversion and
// writers), in-process, for tests and the bench. Not part of the viewer's runtime.
import { captureRecord, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord } from '../../capture';
import { createWorld, rememberingNames } from '../../sim';

/** At least `minPackets` transmissions of a run (whole 100 ms steps), as records and the run's meta. */
export function simRecords(opts: { minPackets: number; city?: string; seed?: number; vehicles?: number }): { records: CaptureRecord[]; meta: CaptureMeta } {
	const city = opts.city ?? 'beijing-yizhuang';
	const world = createWorld({ city, seed: opts.seed ?? 1, vehicles: opts.vehicles ?? 60 });
	const nameOf = rememberingNames((id) => world.nodeName(id));
	const records: CaptureRecord[] = [];
	while (records.length < opts.minPackets) {
		world.step();
		for (const ev of world.drainEvents()) if (ev.kind === 'tx') records.push(captureRecord(ev, nameOf));
	}
	return { records, meta: { startTimeMs: world.config.startTimeMs, city, seed: opts.seed ?? 1, vehicles: opts.vehicles ?? 60 } };
}

/** The same run as JSON Lines and as pcapng bytes. */
export function simCaptures(minPackets: number): { jsonl: Uint8Array; pcapng: Uint8Array; records: CaptureRecord[] } {
	const { records, meta } = simRecords({ minPackets });
	return { jsonl: new TextEncoder().encode(writeJsonl(records)), pcapng: writePcapng(records, meta), records };
}
