// RecordSink (sim --out, listen --out): pcapng written as the records come, with the meta known
// at the start or only at the end (spooled), reads back the same as writePcapng's file.
import { existsSync, mkdtempSync, readdirSync, readFileSync as readBuffer, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { captureRecord, readCapture, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord } from '../lib/capture';
import { createWorld, rememberingNames } from '../lib/sim';
import { RecordSink } from './record-sink';

/** A file as a plain Uint8Array (a Buffer's slices would be Buffers, and toEqual tells them apart). */
function readFileSync(path: string, encoding?: 'utf8'): Uint8Array | string {
	return encoding ? readBuffer(path, encoding) : new Uint8Array(readBuffer(path));
}
const file = (path: string) => readFileSync(path) as Uint8Array;

const dir = mkdtempSync(`${tmpdir()}/cv2x-sink-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A short run's records, step by step. */
function steps(): { steps: CaptureRecord[][]; meta: CaptureMeta } {
	const world = createWorld({ city: 'wuhan-etdz', seed: 3, vehicles: 25 });
	const nameOf = rememberingNames((id) => world.nodeName(id));
	const out: CaptureRecord[][] = [];
	while (world.timeMs < 4000) {
		world.step();
		out.push(world.drainEvents().flatMap((ev) => (ev.kind === 'tx' ? [captureRecord(ev, nameOf)] : [])));
	}
	return { steps: out, meta: { startTimeMs: world.config.startTimeMs, city: 'wuhan-etdz', seed: 3, vehicles: 25 } };
}

describe('RecordSink', () => {
	const run = steps();
	const all = run.steps.flat();

	it('pcapng with the meta at the start, or only at close (spooled beside the file), reads back as writePcapng', () => {
		const early = new RecordSink(`${dir}/early.pcapng`, run.meta);
		const late = new RecordSink(`${dir}/late.pcapng`);
		for (const s of run.steps) {
			early.add(s);
			late.add(s);
		}
		expect(readdirSync(dir).some((f) => f.endsWith('.spool'))).toBe(true);
		early.close(run.meta);
		late.close(run.meta);
		expect(readdirSync(dir).some((f) => f.endsWith('.spool'))).toBe(false);
		const whole = readCapture(writePcapng(all, run.meta));
		expect(all.length).toBeGreaterThan(300);
		expect(readCapture(file(`${dir}/early.pcapng`))).toEqual(whole);
		expect(readCapture(file(`${dir}/late.pcapng`))).toEqual(whole);
		expect(early.count).toBe(all.length);
		expect(late.count).toBe(all.length);
	});

	it('JSON Lines: writeJsonl of every record', () => {
		const sink = new RecordSink(`${dir}/run.jsonl`);
		for (const s of run.steps) sink.add(s);
		sink.close(run.meta);
		expect(readFileSync(`${dir}/run.jsonl`, 'utf8')).toBe(writeJsonl(all));
	});

	it('an empty run is a valid capture; a record it cannot write names the path and the record, the ones before it are kept', () => {
		const empty = new RecordSink(`${dir}/empty.pcapng`);
		empty.close({ startTimeMs: 5 });
		expect(readCapture(file(`${dir}/empty.pcapng`))).toEqual({ records: [], meta: { startTimeMs: 5 }, format: 'pcapng' });
		for (const name of ['bad.pcapng', 'bad.jsonl']) {
			const sink = new RecordSink(`${dir}/${name}`, run.meta);
			const bad = { ...all[1], bytes: new Uint8Array(70000), channel: name.endsWith('jsonl') ? ('wifi' as 'pc5') : 'pc5' };
			expect(() => sink.add([all[0], bad])).toThrow(new RegExp(`cannot write ${dir}/${name}: record 2: `));
			expect(sink.count).toBe(1);
			sink.add([all[2]]);
			sink.close(run.meta);
			expect(readCapture(file(`${dir}/${name}`)).records).toEqual(readCapture(writePcapng([all[0], all[2]], run.meta)).records);
		}
		expect(() => new RecordSink(`${dir}/no/such/dir/x.pcapng`)).toThrow(/cannot write .*no\/such\/dir/);
		expect(existsSync(`${dir}/no`)).toBe(false);
	});
});
