// The incremental readers: chunks cut at any points give what readCapture gives for the whole
// file (records, meta, comments, or the same error), in JSON Lines, pcapng and classic pcap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUdpPacket } from './ipv4';
import { MAX_LINE_BYTES } from './jsonl-reader';
import { CaptureError, CaptureStreamReader, NeedsWholeFile, readCapture, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord } from './index';

const META: CaptureMeta = { startTimeMs: Date.UTC(2026, 10, 26, 8, 0, 0), city: 'beijing-yizhuang', seed: 7, vehicles: 20 };
const nameArb = fc.oneof(
	fc.constantFrom('cloud', 'RSU-BJ-YZ-01', 'car-10012', 'pedestrian-1003', 'cyclist-中'),
	fc.nat({ max: 300 }).map((n) => `car-${10000 + n}`)
);
const recordArb: fc.Arbitrary<CaptureRecord> = fc.record({
	t: fc.nat({ max: 86_400_000_000 }).map((us) => us / 1000),
	sender: nameArb,
	receivers: fc.array(nameArb, { maxLength: 5 }),
	channel: fc.constantFrom('pc5' as const, 'uu' as const),
	type: fc.constantFrom('bsm', 'spat', 'speed_advice'),
	latencyMs: fc.nat({ max: 100 }),
	bytes: fc.uint8Array({ maxLength: 120 })
});

/** Cuts `data` at the given points (any order, any repeats) into chunks. */
function chunks(data: Uint8Array, cuts: number[]): Uint8Array[] {
	const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
	const out: Uint8Array[] = [];
	let from = 0;
	for (const c of [...at, data.length]) {
		out.push(data.slice(from, c));
		from = c;
	}
	return out;
}

/** The stream reader's result over the chunks, shaped as readCapture's (or its error). */
function streamed(parts: Uint8Array[]): ReturnType<typeof readCapture> | CaptureError {
	const records: CaptureRecord[] = [];
	const reader = new CaptureStreamReader((r) => records.push(r));
	try {
		for (const p of parts) reader.push(p);
		const end = reader.end();
		expect(end.records).toBe(records.length);
		const out: ReturnType<typeof readCapture> = { records, format: end.format };
		if (end.meta) out.meta = end.meta;
		if (end.comments) out.comments = end.comments;
		return out;
	} catch (e) {
		if (e instanceof CaptureError) return e;
		throw e;
	}
}

function whole(data: Uint8Array): ReturnType<typeof readCapture> | CaptureError {
	try {
		return readCapture(data);
	} catch (e) {
		if (e instanceof CaptureError) return e;
		throw e;
	}
}

/** Same records and meta, or the same error message. */
function expectSame(data: Uint8Array, cuts: number[]) {
	const a = whole(data);
	const b = streamed(chunks(data, cuts));
	if (a instanceof CaptureError) {
		expect(b).toBeInstanceOf(CaptureError);
		// readCapture puts invalid UTF-8 anywhere first; a stream meets errors in file order
		if (!/not valid UTF-8/.test(a.message)) expect((b as CaptureError).message).toBe(a.message);
	} else expect(b).toEqual(a);
}

/** A classic pcap (LINKTYPE_RAW, microseconds, little-endian) of the packets of our pcapng file. */
function classicOf(records: CaptureRecord[]): Uint8Array {
	const parts: Uint8Array[] = [];
	const head = new DataView(new ArrayBuffer(24));
	head.setUint32(0, 0xa1b2c3d4, true);
	head.setUint16(4, 2, true);
	head.setUint16(6, 4, true);
	head.setUint32(16, 65535, true);
	head.setUint32(20, 101, true);
	parts.push(new Uint8Array(head.buffer));
	records.forEach((r, i) => {
		const ip = buildUdpPacket({ src: 0x0a010001 + (i % 7), dst: 0xffffffff, srcPort: 5001, dstPort: 5001, id: i, payload: r.bytes });
		const us = META.startTimeMs * 1000 + Math.round(r.t * 1000);
		const h = new DataView(new ArrayBuffer(16));
		h.setUint32(0, Math.floor(us / 1e6), true);
		h.setUint32(4, us % 1e6, true);
		h.setUint32(8, ip.length, true);
		h.setUint32(12, ip.length, true);
		parts.push(new Uint8Array(h.buffer), ip);
	});
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const cutsArb = fc.array(fc.nat({ max: 1 << 20 }), { maxLength: 12 });

describe('reading a capture as its bytes come', () => {
	it('JSON Lines: any chunking gives readCapture\'s records (BOM, CRLF, multi-byte names, empty lines at the end)', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 25 }), cutsArb, fc.boolean(), fc.boolean(), (records, cuts, bom, crlf) => {
				let text = writeJsonl(records);
				if (crlf) text = text.replace(/\n/g, '\r\n');
				const data = new TextEncoder().encode((bom ? '\ufeff' : '') + text + '\n \n');
				expectSame(data, cuts);
			}),
			{ numRuns: 150 }
		);
	});

	it('pcapng as we write it gives its records as the blocks arrive, the same as readCapture', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { minLength: 1, maxLength: 25 }), cutsArb, (records, cuts) => {
				const data = writePcapng(records, META);
				expectSame(data, cuts);
				// records come before the end: all but those of the last chunk's blocks
				let seen = 0;
				const reader = new CaptureStreamReader(() => seen++);
				reader.push(data.subarray(0, data.length - 4));
				expect(seen).toBe(records.length - 1);
			}),
			{ numRuns: 100 }
		);
	});

	it('classic pcap and two pcapng sections back to back (cat) read the same in any chunking', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { minLength: 1, maxLength: 15 }), fc.array(recordArb, { minLength: 1, maxLength: 15 }), cutsArb, (a, b, cuts) => {
				expectSame(classicOf(a), cuts);
				const later = { ...META, startTimeMs: META.startTimeMs + 86_400_001 };
				const both = new Uint8Array([...writePcapng(a, META), ...writePcapng(b, later)]);
				expectSame(both, cuts);
			}),
			{ numRuns: 60 }
		);
	});

	it('a later section that starts earlier, after records went out: NeedsWholeFile (readCapture reads it)', () => {
		const a: CaptureRecord[] = [{ t: 5, sender: 'car-10012', receivers: [], channel: 'pc5', type: 'bsm', latencyMs: 1, bytes: new Uint8Array([8, 1]) }];
		const file = new Uint8Array([...writePcapng(a, META), ...writePcapng(a, { ...META, startTimeMs: META.startTimeMs - 1000 })]);
		expect(readCapture(file).meta!.startTimeMs).toBe(META.startTimeMs - 995);
		expect(streamed([file])).toBeInstanceOf(NeedsWholeFile);
	});

	it('damage anywhere (cuts, flipped bytes) gives the same records or the same error, however chunked', () => {
		const records = fc.sample(recordArb, { numRuns: 12, seed: 4 });
		const files = [writePcapng(records, META), new TextEncoder().encode(writeJsonl(records)), classicOf(records)];
		fc.assert(
			fc.property(fc.constantFrom(...files), fc.nat(), fc.nat({ max: 255 }), fc.boolean(), cutsArb, (file, at, value, cut, cuts) => {
				const data = file.slice();
				const i = at % data.length;
				const damaged = cut ? data.subarray(0, i) : (data.set([value], i), data);
				expectSame(damaged, cuts);
			}),
			{ numRuns: 300 }
		);
	});

	it('a JSON Lines file without line breaks stops at the line limit, wherever it is cut', () => {
		const chunk = new Uint8Array(4 << 20).fill(0x20);
		const reader = new CaptureStreamReader(() => {});
		const first = new TextEncoder().encode(writeJsonl([{ t: 1, sender: 'car-10012', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([8]) }]));
		reader.push(first);
		let error: unknown;
		try {
			for (let i = 0; i < 20; i++) reader.push(chunk);
		} catch (e) {
			error = e;
		}
		expect((error as CaptureError).message).toMatch(new RegExp(`^line 2 \\(byte offset ${first.length}\\): longer than 67108864 bytes`));
		expect(reader.bytes).toBeLessThanOrEqual(first.length + MAX_LINE_BYTES + chunk.length);
	});

	it('JSON Lines errors name the line and the byte offset in the whole file, across chunks', () => {
		const line = writeJsonl([{ t: 1, sender: 'car-中', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([1]) }]);
		const data = new TextEncoder().encode(line + line + '{"t":1,\n');
		const e = streamed(chunks(data, [3, 50, 51, 130])) as CaptureError;
		expect(e.message).toBe(readCaptureError(data));
		expect(e.message).toMatch(/^line 3, column \d+ \(byte offset \d+\): bad JSON/);
		expect(e.offset).toBeGreaterThan(2 * new TextEncoder().encode(line).length);
		expect(e.record).toBe(3);
		const blank = new TextEncoder().encode(line + '\n' + line);
		expect((streamed(chunks(blank, [10])) as CaptureError).message).toMatch(/^line 2 \(byte offset \d+\): empty line/);
	});
});

function readCaptureError(data: Uint8Array): string {
	const e = whole(data);
	return e instanceof CaptureError ? e.message : '';
}
