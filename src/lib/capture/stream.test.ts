// The streaming writers (PcapngWriter, JsonlWriter): what they write reads back as the all-at-once
// writers' files do, however the records are split, and they hold no records.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import {
	CaptureError, JsonlWriter, PcapngWriter, readCapture, readPcapng, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord
} from './index';

const bsm = Uint8Array.from(encodeFrame(sampleFrame('bsm')));
const META: CaptureMeta = { startTimeMs: Date.UTC(2026, 10, 26, 8, 0, 0), city: 'beijing-yizhuang', seed: 7, vehicles: 20, profile: 'csae157-2020' };

const nameArb = fc.oneof(
	fc.constantFrom('cloud', 'RSU-BJ-YZ-01', 'RSU-SH-AT-02', 'car-10012', 'bus-10013', 'pedestrian-1003'),
	fc.nat({ max: 300 }).map((n) => `car-${10000 + n}`)
);
const recordArb: fc.Arbitrary<CaptureRecord> = fc.record({
	t: fc.nat({ max: 86_400_000_000 }).map((us) => us / 1000),
	sender: nameArb,
	receivers: fc.array(nameArb, { maxLength: 6 }),
	channel: fc.constantFrom('pc5' as const, 'uu' as const),
	type: fc.constantFrom('bsm', 'spat', 'speed_advice'),
	latencyMs: fc.nat({ max: 100 }),
	bytes: fc.uint8Array({ maxLength: 200 })
});


/** Splits `records` at the given cut points (sorted, deduplicated). */
function split<T>(records: T[], cuts: number[]): T[][] {
	const at = [...new Set(cuts.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
	const parts: T[][] = [];
	let from = 0;
	for (const c of [...at, records.length]) {
		parts.push(records.slice(from, c));
		from = c;
	}
	return parts;
}

function streamPcapng(records: CaptureRecord[], meta: CaptureMeta, cuts: number[], options: { names?: string[]; chunkBytes?: number } = {}) {
	const chunks: Uint8Array[] = [];
	const w = new PcapngWriter(meta, (c) => chunks.push(c), options);
	for (const part of split(records, cuts)) w.add(part);
	w.close();
	return concatBytes(chunks);
}

/** pcapng blocks as [type, body] (little-endian sections only: ours). */
function blocks(file: Uint8Array): { type: number; body: Uint8Array }[] {
	const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const out: { type: number; body: Uint8Array }[] = [];
	for (let at = 0; at < file.length; ) {
		const len = v.getUint32(at + 4, true);
		out.push({ type: v.getUint32(at, true), body: file.subarray(at + 8, at + len - 4) });
		at += len;
	}
	return out;
}

/** Names of an NRB body: [address, name] pairs. */
function nrbNames(body: Uint8Array): [number, string][] {
	const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
	const out: [number, string][] = [];
	for (let at = 0; v.getUint16(at, true) !== 0; ) {
		const len = v.getUint16(at + 2, true);
		const value = body.subarray(at + 4, at + 4 + len);
		out.push([new DataView(value.buffer, value.byteOffset).getUint32(0, false), new TextDecoder().decode(value.subarray(4, len - 1))]);
		at += 4 + ((len + 3) & ~3);
	}
	return out;
}

describe('PcapngWriter', () => {
	it('any split into add() calls and any chunk size reads back as writePcapng does', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 600 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1024, max: 20000 }), (records, cuts, chunkBytes) => {
				const file = streamPcapng(records, META, cuts, { chunkBytes });
				const whole = writePcapng(records, META);
				expect(readPcapng(file)).toEqual(readPcapng(whole));
				expect(readCapture(file)).toEqual(readCapture(whole));
				expect(readPcapng(file).records).toEqual(records);
			}),
			{ numRuns: 60 }
		);
	});

	it('given every name up front, the file is writePcapng byte for byte (empty capture too)', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 300 }), fc.array(fc.nat(), { maxLength: 5 }), (records, cuts) => {
				const names = [...new Set(records.flatMap((r) => [r.sender, ...r.receivers]))];
				expect(Buffer.from(streamPcapng(records, META, cuts, { names })).equals(Buffer.from(writePcapng(records, META)))).toBe(true);
			}),
			{ numRuns: 40 }
		);
	});

	it('names every node in an NRB before the first packet that carries its address, each once', () => {
		const records = Array.from({ length: 2000 }, (_, i): CaptureRecord => ({
			t: i, sender: `car-${10000 + (i % 700)}`, receivers: i % 3 ? [`car-${10000 + ((i * 7) % 900)}`] : ['cloud'], channel: i % 3 ? 'pc5' : 'uu', type: 'bsm', bytes: bsm
		}));
		const file = streamPcapng(records, META, [5, 900, 901]);
		const named = new Map<number, string>();
		let packets = 0;
		for (const b of blocks(file)) {
			if (b.type === 4) for (const [a, n] of nrbNames(b.body)) {
				expect(named.has(a), `${n} named twice`).toBe(false);
				named.set(a, n);
			}
			if (b.type !== 6) continue;
			const ip = b.body.subarray(20);
			const v = new DataView(ip.buffer, ip.byteOffset);
			const [src, dst] = [v.getUint32(12), v.getUint32(16)];
			const r = records[packets++];
			expect(named.get(src), `packet ${packets}`).toBe(r.sender);
			if (r.channel === 'uu') expect(named.get(dst), `packet ${packets}`).toBe(r.receivers[0]);
		}
		expect(packets).toBe(records.length);
		expect(new Set(named.values())).toEqual(new Set(records.flatMap((r) => [r.sender, ...r.receivers])));
		expect(blocks(file).filter((b) => b.type === 4).length).toBeGreaterThan(2); // names came as they appeared
	});

	it('holds no records: its buffer stays bounded over 100,000 records, while the file grows', () => {
		let written = 0;
		let biggestChunk = 0;
		const w = new PcapngWriter(META, (c) => {
			written += c.length;
			biggestChunk = Math.max(biggestChunk, c.length);
		});
		let maxCapacity = 0;
		let maxBuffered = 0;
		for (let step = 0; step < 1000; step++) {
			const records = Array.from({ length: 100 }, (_, k): CaptureRecord => ({
				t: step * 100, sender: `car-${10000 + ((step * 100 + k) % 5000)}`, receivers: [`car-${10000 + k}`, 'RSU-BJ-YZ-01'], channel: 'pc5', type: 'bsm', bytes: bsm
			}));
			w.add(records);
			maxCapacity = Math.max(maxCapacity, w.bufferCapacity);
			maxBuffered = Math.max(maxBuffered, w.bufferedBytes);
		}
		w.close();
		expect(w.records).toBe(100_000);
		expect(written).toBeGreaterThan(15_000_000);
		expect(maxBuffered).toBeLessThan(64 * 1024);
		expect(maxCapacity).toBeLessThanOrEqual(256 * 1024);
		expect(biggestChunk).toBeLessThan(64 * 1024 + 4096);
		expect(w.bufferedBytes).toBe(0);
	});

	it('a record it cannot write throws naming its number in the whole run; those before are written, the writer goes on', () => {
		const chunks: Uint8Array[] = [];
		const w = new PcapngWriter(META, (c) => chunks.push(c));
		const good: CaptureRecord = { t: 1, sender: 'car-10012', receivers: [], channel: 'pc5', type: 'bsm', bytes: bsm };
		w.add([good, good]);
		const bad = { ...good, channel: 'wifi' as 'pc5', sender: 'car-99999' };
		expect(() => w.add([good, bad, good])).toThrow(/^record 4: unknown channel "wifi"/);
		expect(() => w.add([{ ...good, bytes: new Uint8Array(70000) }])).toThrow(/^record 4: 70000 bytes do not fit/);
		w.add([{ ...good, sender: 'car-10013' }]);
		w.close();
		const back = readPcapng(concatBytes(chunks));
		expect(back.records.map((r) => r.sender)).toEqual(['car-10012', 'car-10012', 'car-10012', 'car-10013']);
		expect(back.meta).toEqual(META);
		expect(() => w.add([good])).toThrow(CaptureError);
		expect(() => new PcapngWriter({ startTimeMs: NaN }, () => {})).toThrow(/startTimeMs/);
	});
});

describe('JsonlWriter', () => {
	it("any split gives writeJsonl's text; its buffer stays bounded; errors name the record in the whole run", () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 400 }), fc.array(fc.nat(), { maxLength: 8 }), (records, cuts) => {
				let text = '';
				const w = new JsonlWriter((t) => (text += t), { chunkChars: 2048 });
				for (const part of split(records, cuts)) {
					w.add(part);
					expect(w.bufferedChars).toBeLessThan(2048);
				}
				w.close();
				expect(text).toBe(writeJsonl(records));
			}),
			{ numRuns: 40 }
		);
		let text = '';
		const w = new JsonlWriter((t) => (text += t));
		const good: CaptureRecord = { t: 1, sender: 'car-10012', receivers: [], channel: 'uu', type: 'bsm', bytes: bsm };
		w.add([good]);
		expect(() => w.add([good, { ...good, t: -1 }])).toThrow(/^record 3: field "t"/);
		w.close();
		expect(readCapture(new TextEncoder().encode(text)).records).toEqual([good, good]);
	});
});
