import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import {
	CaptureError, PC5_PORT, readCapture, readJsonl, readPcapng, UU_PORT, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord
} from './index';
import { buildUdpPacket, internetChecksum } from './ipv4';

const enc = new TextEncoder();
const dec = new TextDecoder();
// plain Uint8Arrays, as the reader returns (in Node the codec hands out Buffers)
const frame = (type: string) => Uint8Array.from(encodeFrame(sampleFrame(type)));
const bsm = frame('bsm');
const spat = frame('spat');
const advice = frame('speed_advice');
const META: CaptureMeta = { startTimeMs: Date.UTC(2026, 10, 26, 8, 0, 0), city: 'beijing-yizhuang', seed: 7, vehicles: 20 };

const RECORDS: CaptureRecord[] = [
	{ t: 100, sender: 'car-10012', receivers: ['RSU-BJ-YZ-01', 'pedestrian-1003'], channel: 'pc5', type: 'bsm', latencyMs: 8, bytes: bsm },
	{ t: 100, sender: 'RSU-BJ-YZ-01', receivers: ['car-10012'], channel: 'pc5', type: 'spat', latencyMs: 12, bytes: spat },
	{ t: 1300, sender: 'car-10012', receivers: ['cloud'], channel: 'uu', type: 'speed_advice', latencyMs: 41, bytes: advice },
	{ t: 1450, sender: 'cloud', receivers: ['car-10012'], channel: 'uu', type: 'speed_advice', bytes: advice }
];

// ---- arbitraries ----------------------------------------------------------------------------

const nameArb = fc.oneof(
	fc.constantFrom('cloud', 'RSU-BJ-YZ-01', 'RSU-SH-AT-02', 'car-10012', 'bus-10013', 'pedestrian-1003', 'cyclist-1004'),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
	fc.nat({ max: 300 }).map((n) => `car-${10000 + n}`)
);
const recordArb: fc.Arbitrary<CaptureRecord> = fc
	.record(
		{
			// whole microseconds: pcapng keeps if_tsresol 6 (microseconds)
			t: fc.oneof(fc.nat({ max: 86_400_000 }), fc.nat({ max: 86_400_000_000 }).map((us) => us / 1000)),
			sender: nameArb,
			receivers: fc.array(nameArb, { maxLength: 6 }),
			channel: fc.constantFrom('pc5' as const, 'uu' as const),
			type: fc.constantFrom('bsm', 'spat', 'map_data', 'speed_advice', 'rsi'),
			latencyMs: fc.oneof(fc.constant(undefined), fc.nat({ max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
			bytes: fc.uint8Array({ maxLength: 200 })
		},
		{ requiredKeys: ['t', 'sender', 'receivers', 'channel', 'type', 'bytes'] }
	)
	.map((r) => {
		const out: CaptureRecord = { ...r };
		if (out.latencyMs === undefined) delete out.latencyMs;
		return out;
	});
const metaArb: fc.Arbitrary<CaptureMeta> = fc
	.record(
		{
			startTimeMs: fc.nat({ max: 4_000_000_000_000 }),
			city: fc.string({ unit: 'grapheme', maxLength: 20 }),
			seed: fc.integer(),
			vehicles: fc.nat()
		},
		{ requiredKeys: ['startTimeMs'] }
	)
	.map((m) => ({ ...m }));

/** Runs fn; a CaptureError is fine (returned), anything else fails the test. */
function onlyCaptureErrors(fn: () => unknown): CaptureError | undefined {
	try {
		fn();
		return undefined;
	} catch (e) {
		if (!(e instanceof CaptureError)) throw e;
		return e;
	}
}

function expectCaptureError(fn: () => unknown, pattern?: RegExp): CaptureError {
	const e = onlyCaptureErrors(fn);
	expect(e, 'expected a CaptureError').toBeInstanceOf(CaptureError);
	if (pattern) expect(e!.message).toMatch(pattern);
	return e!;
}

/** A pcapng error names its block and byte offset in the message, and carries both. */
function expectBlockError(e: CaptureError) {
	expect(e.record).toBeGreaterThanOrEqual(1);
	expect(e.offset).toBeGreaterThanOrEqual(0);
	expect(e.message).toContain(`pcapng block ${e.record} `);
	expect(e.message).toContain(`at byte offset ${e.offset}:`);
}

// ---- an independent reader of the block layout, for the field-by-field checks ----------------

interface RawBlock {
	offset: number;
	type: number;
	length: number;
	body: DataView;
	bodyBytes: Uint8Array;
}

function blocks(file: Uint8Array): RawBlock[] {
	const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
	const out: RawBlock[] = [];
	for (let off = 0; off < file.length; ) {
		const length = v.getUint32(off + 4, true);
		const bodyBytes = file.subarray(off + 8, off + length - 4);
		out.push({ offset: off, type: v.getUint32(off, true), length, body: new DataView(file.buffer, file.byteOffset + off + 8, length - 12), bodyBytes });
		off += length;
	}
	return out;
}

function options(b: Uint8Array, start: number): { code: number; value: Uint8Array }[] {
	const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const out: { code: number; value: Uint8Array }[] = [];
	for (let p = start; p < b.length; ) {
		const code = v.getUint16(p, true);
		const len = v.getUint16(p + 2, true);
		out.push({ code, value: b.subarray(p + 4, p + 4 + len) });
		if (code === 0) break;
		p += 4 + ((len + 3) & ~3);
	}
	return out;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The same file with every number big-endian (the other byte order of pcapng §4.1). */
function toBigEndian(le: Uint8Array): Uint8Array {
	const out = le.slice();
	const v = new DataView(le.buffer, le.byteOffset, le.byteLength);
	const o = new DataView(out.buffer);
	const s32 = (at: number) => o.setUint32(at, v.getUint32(at, true));
	const s16 = (at: number) => o.setUint16(at, v.getUint16(at, true));
	const opts = (p: number, end: number) => {
		while (p < end) {
			const code = v.getUint16(p, true);
			const len = v.getUint16(p + 2, true);
			s16(p);
			s16(p + 2);
			if (code === 0) break;
			p += 4 + pad4(len);
		}
	};
	for (const b of blocks(le)) {
		const at = b.offset + 8;
		const end = b.offset + b.length - 4;
		s32(b.offset);
		s32(b.offset + 4);
		s32(end);
		if (b.type === 0x0a0d0d0a) {
			s32(at);
			s16(at + 4);
			s16(at + 6);
			o.setBigInt64(at + 8, v.getBigInt64(at + 8, true));
			opts(at + 16, end);
		} else if (b.type === 1) {
			s16(at);
			s16(at + 2);
			s32(at + 4);
			opts(at + 8, end);
		} else if (b.type === 4) {
			let p = at;
			for (;;) {
				const type = v.getUint16(p, true);
				const len = v.getUint16(p + 2, true);
				s16(p);
				s16(p + 2);
				p += 4 + pad4(len);
				if (type === 0) break;
			}
			opts(p, end);
		} else if (b.type === 6) {
			for (let k = 0; k < 5; k++) s32(at + 4 * k);
			opts(at + 20 + pad4(v.getUint32(at + 12, true)), end);
		}
	}
	return out;
}

/** A little-endian block from its type and body parts (each padded here). */
function block(type: number, ...parts: Uint8Array[]): Uint8Array {
	const body = parts.map((p) => {
		const q = new Uint8Array(pad4(p.length));
		q.set(p);
		return q;
	});
	const len = 12 + body.reduce((a, p) => a + p.length, 0);
	const out = new Uint8Array(len);
	const v = new DataView(out.buffer);
	v.setUint32(0, type, true);
	v.setUint32(4, len, true);
	let p = 8;
	for (const b of body) {
		out.set(b, p);
		p += b.length;
	}
	v.setUint32(len - 4, len, true);
	return out;
}
function le(...fields: [bits: 16 | 32, value: number][]): Uint8Array {
	const out = new Uint8Array(fields.reduce((a, [bits]) => a + bits / 8, 0));
	const v = new DataView(out.buffer);
	let p = 0;
	for (const [bits, value] of fields) {
		if (bits === 16) v.setUint16(p, value, true);
		else v.setUint32(p, value >>> 0, true);
		p += bits / 8;
	}
	return out;
}
const opt = (code: number, value: Uint8Array) => {
	const out = new Uint8Array(4 + pad4(value.length));
	new DataView(out.buffer).setUint16(0, code, true);
	new DataView(out.buffer).setUint16(2, value.length, true);
	out.set(value, 4);
	return out;
};
const END_OPT = new Uint8Array(4);
const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
	let p = 0;
	for (const x of parts) {
		out.set(x, p);
		p += x.length;
	}
	return out;
};
const ip = (s: string) => s.split('.').reduce((a, x) => a * 256 + Number(x), 0);

// ---- JSON Lines ---------------------------------------------------------------------------

describe('JSON Lines', () => {
	it('writes the exact line cv2x sim writes: keys in order, lowercase hex, "\\n" after every line', () => {
		const text = writeJsonl(RECORDS.slice(0, 1));
		expect(text).toBe(
			`{"t":100,"sender":"car-10012","receivers":["RSU-BJ-YZ-01","pedestrian-1003"],"channel":"pc5","type":"bsm","latencyMs":8,"hex":"${Buffer.from(bsm).toString('hex')}"}\n`
		);
		expect(writeJsonl([])).toBe('');
		expect(writeJsonl(RECORDS.slice(3))).not.toContain('latencyMs');
	});

	it('round-trips records, and the text, exactly', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 20 }), (records) => {
				const text = writeJsonl(records);
				const back = readJsonl(text);
				expect(back).toEqual(records);
				expect(back.map((r) => 'latencyMs' in r)).toEqual(records.map((r) => 'latencyMs' in r));
				expect(writeJsonl(back)).toBe(text);
				expect(readCapture(enc.encode(text))).toEqual({ records, format: 'jsonl' });
			}),
			{ numRuns: 300 }
		);
	});

	it('accepts CRLF line ends, upper-case hex, unknown keys and empty lines at the end', () => {
		const text = '{"t":0,"sender":"a","receivers":[],"channel":"uu","type":"bsm","hex":"0A0b","extra":1}\r\n\r\n\n  \n';
		expect(readJsonl(text)).toEqual([{ t: 0, sender: 'a', receivers: [], channel: 'uu', type: 'bsm', bytes: Uint8Array.of(10, 11) }]);
		expect(readJsonl('')).toEqual([]);
	});

	it('names the line, column and byte offset of every kind of bad line', () => {
		const good = writeJsonl([{ ...RECORDS[0], sender: '车-10012' }]); // multi-byte UTF-8 before the bad line
		const at = enc.encode(good).length;
		const cases: [string, RegExp, number?][] = [
			['{"t":1,,}', /^line 2, column 8 \(byte offset \d+\): bad JSON: expected a property name/, 7],
			['{"t":1', /^line 2, column 7 \(byte offset \d+\): bad JSON: expected "," or "}"/, 6],
			['[1,2]', /^line 2 \(byte offset \d+\): expected a JSON object, got \[1,2\]/],
			['{"sender":"a"}', /^line 2 \(byte offset \d+\): missing field "t"/],
			['{"t":-1,"sender":"a","receivers":[],"channel":"pc5","type":"bsm","hex":""}', /field "t" must be a number >= 0, got -1/],
			['{"t":1,"sender":"a","receivers":"b","channel":"pc5","type":"bsm","hex":""}', /field "receivers" must be an array of strings/],
			['{"t":1,"sender":"a","receivers":[],"channel":"wifi","type":"bsm","hex":""}', /unknown channel "wifi" \(want "pc5" or "uu"\)/],
			['{"t":1,"sender":"a","receivers":[],"channel":"pc5","type":"bsm"}', /missing field "hex"/],
			['{"t":1,"sender":"a","receivers":[],"channel":"pc5","type":"bsm","hex":"0g"}', /bad hex: "g" is not a hex digit, at character 1/],
			['{"t":1,"sender":"a","receivers":[],"channel":"pc5","type":"bsm","hex":"abc"}', /bad hex: odd number of hex digits \(3\)/],
			['{"t":1,"sender":"a","receivers":[],"channel":"pc5","type":"bsm","latencyMs":"5","hex":""}', /field "latencyMs" must be a number/],
			['', /^line 2 \(byte offset \d+\): empty line/]
		];
		for (const [line, pattern, column] of cases) {
			const e = expectCaptureError(() => readJsonl(good + line + '\n' + good), pattern);
			expect(e.record, line).toBe(2);
			expect(e.offset, line).toBe(at + (column ?? 0));
			expect(e.message).toContain(`(byte offset ${e.offset})`);
		}
	});

	it('a file cut anywhere: the records before the cut, or an error naming the cut line', () => {
		const text = writeJsonl(RECORDS);
		const bytes = enc.encode(text);
		const lineOf = (pos: number) => text.slice(0, pos).split('\n').length;
		for (let cut = 0; cut < bytes.length; cut++) {
			const e = onlyCaptureErrors(() => readCapture(bytes.subarray(0, cut)));
			if (e) {
				expect(e.record).toBe(lineOf(cut));
				expect(e.message).toMatch(new RegExp(`^line ${e.record}[ ,].*byte offset ${e.offset}\\)`));
			} else expect(text[cut - 1] === '}' || text[cut - 1] === '\n' || cut === 0).toBe(true);
		}
	});

	it('random mutations of a file: only CaptureError, with its line and offset', () => {
		const bytes = enc.encode(writeJsonl(RECORDS));
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
				const b = bytes.slice();
				for (const [at, value] of edits) b[at] = value;
				const e = onlyCaptureErrors(() => readCapture(b));
				if (e && e.record !== undefined) expect(e.message).toMatch(new RegExp(`^line ${e.record}\\b.*byte offset ${e.offset}\\)`));
			}),
			{ numRuns: 2000 }
		);
	});

	it('invalid UTF-8 and classic pcap are errors with a place', () => {
		const good = enc.encode(writeJsonl(RECORDS.slice(0, 2)));
		const bad = concat(good, Uint8Array.of(0x7b, 0xff, 0x7d, 0x0a));
		const e = expectCaptureError(() => readCapture(bad), /^line 3 \(byte offset \d+\): not valid UTF-8/);
		expect(e.offset).toBe(good.length);
		expectCaptureError(() => readCapture(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0)), /classic pcap file, not pcapng/);
	});
});

// ---- pcapng -------------------------------------------------------------------------------

describe('pcapng round trip', () => {
	it('records and meta come back identical, and writing them again gives the same bytes', () => {
		fc.assert(
			fc.property(fc.array(recordArb, { maxLength: 25 }), metaArb, (records, meta) => {
				const file = writePcapng(records, meta);
				const back = readPcapng(file);
				expect(back.records).toEqual(records);
				expect(back.records.map((r) => 'latencyMs' in r)).toEqual(records.map((r) => 'latencyMs' in r));
				expect(back.meta).toEqual(meta);
				expect(Buffer.from(writePcapng(back.records, back.meta)).equals(Buffer.from(file))).toBe(true);
				expect(readCapture(file)).toEqual({ records, meta, format: 'pcapng' });
			}),
			{ numRuns: 300 }
		);
	});

	it('reads a big-endian section the same as a little-endian one', () => {
		const file = writePcapng(RECORDS, META);
		const be = toBigEndian(file);
		expect(be.subarray(8, 12)).toEqual(Uint8Array.of(0x1a, 0x2b, 0x3c, 0x4d));
		expect(readPcapng(be)).toEqual({ records: RECORDS, meta: META });
		// two sections of different byte order, one after the other (pcapng §3.3)
		const both = readPcapng(concat(file, be));
		expect(both.records).toEqual([...RECORDS, ...RECORDS]);
	});

	it('an empty capture is a valid file with no records', () => {
		expect(readPcapng(writePcapng([], { startTimeMs: 5 }))).toEqual({ records: [], meta: { startTimeMs: 5 } });
	});

	it('the writer refuses records it cannot write, naming the record', () => {
		const bad = [RECORDS[0], { ...RECORDS[1], channel: 'wifi' as 'pc5' }];
		expect(expectCaptureError(() => writePcapng(bad, META), /^record 2: unknown channel "wifi"/).record).toBe(2);
		expect(expectCaptureError(() => writeJsonl(bad), /^record 2: unknown channel/).record).toBe(2);
		expectCaptureError(() => writePcapng([{ ...RECORDS[0], bytes: new Uint8Array(70000) }], META), /^record 1: 70000 bytes do not fit one UDP datagram/);
		expectCaptureError(() => writePcapng(RECORDS, { startTimeMs: NaN }), /startTimeMs/);
		const crowd = Array.from({ length: 7000 }, (_, k) => `car-${10000 + k}`);
		expect(expectCaptureError(() => writePcapng([RECORDS[0], { ...RECORDS[0], receivers: crowd }], META), /^record 2: its comment .* at most 65535/).record).toBe(2);
	});
});

describe('a small pcapng, field by field', () => {
	const file = writePcapng(RECORDS, META);
	const bs = blocks(file);
	const [shb, idb, nrb, ...epbs] = bs;

	it('is SHB, IDB, NRB, then one EPB per record, every block 32-bit aligned with its length twice', () => {
		expect(bs.map((b) => b.type)).toEqual([0x0a0d0d0a, 1, 4, 6, 6, 6, 6]);
		const v = new DataView(file.buffer);
		for (const b of bs) {
			expect(b.length % 4).toBe(0);
			expect(v.getUint32(b.offset + b.length - 4, true)).toBe(b.length);
		}
		expect(bs.at(-1)!.offset + bs.at(-1)!.length).toBe(file.length);
	});

	it('section header: magic, byte order, version 1.0, unknown length, application and meta', () => {
		expect([...file.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
		expect([...file.subarray(8, 12)]).toEqual([0x4d, 0x3c, 0x2b, 0x1a]); // 0x1A2B3C4D little-endian
		expect(shb.body.getUint16(4, true)).toBe(1);
		expect(shb.body.getUint16(6, true)).toBe(0);
		expect(shb.body.getBigInt64(8, true)).toBe(BigInt(-1));
		const o = options(shb.bodyBytes, 16);
		expect(dec.decode(o.find((x) => x.code === 4)!.value)).toBe('cv2x-playground');
		expect(JSON.parse(dec.decode(o.find((x) => x.code === 1)!.value))).toEqual(META);
		expect(o.at(-1)).toEqual({ code: 0, value: new Uint8Array(0) });
	});

	it('interface: LINKTYPE_RAW, snaplen 65535, if_name cv2x-sim, if_tsresol 6', () => {
		expect(idb.body.getUint16(0, true)).toBe(101);
		expect(idb.body.getUint32(4, true)).toBe(65535);
		const o = options(idb.bodyBytes, 8);
		expect(dec.decode(o.find((x) => x.code === 2)!.value)).toBe('cv2x-sim');
		expect([...o.find((x) => x.code === 9)!.value]).toEqual([6]);
	});

	it('name resolution: every node by address, in order of first appearance', () => {
		const names: [string, string][] = [];
		const v = nrb.body;
		for (let p = 0; ; ) {
			const type = v.getUint16(p, true);
			const len = v.getUint16(p + 2, true);
			if (type === 0) break;
			expect(type).toBe(1);
			const a = nrb.bodyBytes.subarray(p + 4, p + 8);
			const name = nrb.bodyBytes.subarray(p + 8, p + 4 + len);
			expect(name.at(-1)).toBe(0);
			names.push([[...a].join('.'), dec.decode(name.subarray(0, -1))]);
			p += 4 + pad4(len);
		}
		expect(names).toEqual([
			['10.1.0.1', 'car-10012'],
			['10.2.0.1', 'RSU-BJ-YZ-01'],
			['10.1.0.2', 'pedestrian-1003'],
			['10.0.0.1', 'cloud']
		]);
	});

	it('packets: timestamp, IPv4 header and checksum, UDP ports, frame bytes and comment', () => {
		const expected = [
			{ src: '10.1.0.1', dst: '255.255.255.255', port: PC5_PORT },
			{ src: '10.2.0.1', dst: '255.255.255.255', port: PC5_PORT },
			{ src: '10.1.0.1', dst: '10.0.0.1', port: UU_PORT },
			{ src: '10.0.0.1', dst: '10.1.0.1', port: UU_PORT }
		];
		epbs.forEach((b, i) => {
			const r = RECORDS[i];
			const v = b.body;
			expect(v.getUint32(0, true)).toBe(0); // interface 0
			const us = v.getUint32(4, true) * 2 ** 32 + v.getUint32(8, true);
			expect(us).toBe((META.startTimeMs + r.t) * 1000);
			const caplen = v.getUint32(12, true);
			expect(caplen).toBe(20 + 8 + r.bytes.length);
			expect(v.getUint32(16, true)).toBe(caplen);
			const pkt = b.bodyBytes.subarray(20, 20 + caplen);
			const p = new DataView(pkt.buffer, pkt.byteOffset, pkt.byteLength);
			expect(pkt[0]).toBe(0x45);
			expect(p.getUint16(2)).toBe(caplen);
			expect(p.getUint16(4)).toBe(i); // identification = record index
			expect(pkt[8]).toBe(64); // TTL
			expect(pkt[9]).toBe(17); // UDP
			const header = pkt.slice(0, 20);
			header[10] = header[11] = 0;
			expect(p.getUint16(10)).toBe(internetChecksum(header, 0, 20));
			expect([...pkt.subarray(12, 16)].join('.')).toBe(expected[i].src);
			expect([...pkt.subarray(16, 20)].join('.')).toBe(expected[i].dst);
			expect(p.getUint16(20)).toBe(expected[i].port);
			expect(p.getUint16(22)).toBe(expected[i].port);
			expect(p.getUint16(24)).toBe(8 + r.bytes.length);
			expect(pkt.subarray(28)).toEqual(r.bytes);
			const o = options(b.bodyBytes, 20 + pad4(caplen));
			const comment = JSON.parse(dec.decode(o.find((x) => x.code === 1)!.value));
			expect(Object.keys(comment)).toEqual(r.latencyMs === undefined ? ['sender', 'receivers', 'type'] : ['sender', 'receivers', 'latencyMs', 'type']);
			expect(comment).toEqual({ sender: r.sender, receivers: r.receivers, latencyMs: r.latencyMs, type: r.type });
		});
	});
});

describe('pcapng files from elsewhere', () => {
	const ether = (payload: Uint8Array, type = 0x0800) => concat(new Uint8Array(12).fill(2), Uint8Array.of(type >> 8, type & 255), payload);
	const udp = (src: string, dst: string, port: number, payload: Uint8Array, srcPort = port) =>
		buildUdpPacket({ src: ip(src), dst: ip(dst), srcPort, dstPort: port, id: 1, payload });
	const ns = BigInt(META.startTimeMs) * BigInt(1_000_000) + BigInt(123_456); // nanoseconds
	const epb = (packet: Uint8Array, plusNs = 0) => {
		const t = ns + BigInt(plusNs);
		return block(6, le([32, 0], [32, Number(t >> BigInt(32))], [32, Number(t & BigInt(0xffffffff))], [32, packet.length], [32, packet.length]), packet, END_OPT);
	};
	const shb = block(0x0a0d0d0a, le([32, 0x1a2b3c4d], [16, 1], [16, 0], [32, 0xffffffff], [32, 0xffffffff]));
	const idbEthernetNs = block(1, le([16, 1], [16, 0], [32, 0]), opt(9, Uint8Array.of(9)), END_OPT);
	const nrb = block(4, le([16, 1], [16, 10]), Uint8Array.of(10, 9, 0, 1, ...enc.encode('obu-a'), 0), le([16, 0], [16, 0]));
	const ipv6 = concat(Uint8Array.of(0x60), new Uint8Array(47));
	const tcp = udp('10.9.0.1', '10.9.0.2', 80, bsm);
	tcp[9] = 6;

	it('skips unknown blocks, IPv6, TCP and other ports; names come from the NRB, types from the codec', () => {
		const file = concat(
			shb, idbEthernetNs, nrb,
			block(0x00000bad, le([32, 12345]), enc.encode('custom block')),
			epb(ether(udp('10.9.0.1', '255.255.255.255', PC5_PORT, bsm)), 0),
			epb(ether(ipv6, 0x86dd), 1000),
			epb(ether(tcp), 2000),
			epb(ether(udp('10.9.0.1', '10.9.0.2', 53, bsm)), 3000),
			block(5, le([32, 0], [32, 0], [32, 0]), END_OPT),
			epb(ether(udp('10.9.0.1', '10.0.0.7', UU_PORT, advice)), 250_000_000)
		);
		const { records, meta } = readPcapng(file);
		expect(meta).toEqual({ startTimeMs: META.startTimeMs });
		expect(records).toEqual([
			{ t: 0.123, sender: 'obu-a', receivers: [], channel: 'pc5', type: 'bsm', bytes: bsm },
			{ t: 250.123, sender: 'obu-a', receivers: ['10.0.0.7'], channel: 'uu', type: 'speed_advice', bytes: advice }
		]);
	});

	it('packets, but none of ours: an error naming the first skipped one', () => {
		const file = concat(shb, idbEthernetNs, epb(ether(ipv6, 0x86dd)), epb(ether(tcp)));
		const e = expectCaptureError(() => readPcapng(file), /no C-V2X packets \(UDP port 5001 or 5002\) in the file: 2 packets skipped/);
		expect(e.record).toBe(3);
		expect(e.offset).toBe(shb.length + idbEthernetNs.length);
		expectBlockError(e);
	});

	it('no section header, or a packet with no interface: errors naming the block', () => {
		const ours = writePcapng(RECORDS, META);
		const [s, i] = blocks(ours);
		const noShb = ours.subarray(s.length);
		expectBlockError(expectCaptureError(() => readPcapng(noShb), /^pcapng block 1 .*byte offset 0: not a pcapng file/));
		const noIdb = concat(ours.subarray(0, s.length), ours.subarray(s.length + i.length));
		const e = expectCaptureError(() => readPcapng(noIdb), /packet on interface 0, but this section has no interface description blocks/);
		expect(e.record).toBe(3); // SHB, NRB, then the first EPB
		expectBlockError(e);
	});
});

describe('corrupt pcapng: only CaptureError, naming the block and byte offset', () => {
	const file = writePcapng(RECORDS, META);
	const bs = blocks(file);
	const blockAt = (pos: number) => bs.findIndex((b) => pos >= b.offset && pos < b.offset + b.length);

	it('cut at every position: the blocks before the cut, or an error naming the cut block', () => {
		for (let cut = 0; cut < file.length; cut++) {
			const e = onlyCaptureErrors(() => readPcapng(file.subarray(0, cut)));
			const boundary = bs.findIndex((b) => b.offset === cut);
			if (cut > 0 && boundary >= 0) {
				expect(e, `cut at ${cut}`).toBeUndefined();
				continue;
			}
			expect(e, `cut at ${cut}`).toBeDefined();
			expectBlockError(e!);
			const k = Math.max(0, blockAt(cut));
			expect(e!.record).toBe(k + 1);
			expect(e!.offset).toBe(bs[k].offset);
			expect(e!.message).toMatch(cut < 4 ? /not a pcapng file/ : /truncated file/);
		}
	});

	it('wrong block lengths', () => {
		const v = (f: Uint8Array) => new DataView(f.buffer);
		const epb = bs[4]; // the second packet
		const cases: [number, RegExp][] = [
			[13, /block length 13 is not a multiple of 4/],
			[8, /block length 8 is below the minimum of 12/],
			[0xfffffff0, /block length 4294967280 runs past the end of the file, \d+ bytes left \(truncated file\?\)/],
			[epb.length + 4, /block length \d+ at the start but \d+ at the end/],
			[epb.length - 4, /block length \d+ at the start but \d+ at the end/]
		];
		for (const [len, pattern] of cases) {
			const f = file.slice();
			v(f).setUint32(epb.offset + 4, len, true);
			const e = expectCaptureError(() => readPcapng(f), pattern);
			expect(e.record).toBe(5);
			expect(e.offset).toBe(epb.offset);
			expectBlockError(e);
		}
		// a consistent but too short packet block; a captured length past the block
		const short = file.slice();
		const body = epb.offset + 8;
		v(short).setUint32(body + 12, 4000, true);
		expectBlockError(expectCaptureError(() => readPcapng(short), /captured length 4000 runs past the end of the block/));
		const badMagic = file.slice();
		badMagic[9] ^= 0xff;
		expectBlockError(expectCaptureError(() => readPcapng(badMagic), /^pcapng block 1 .*byte-order magic/));
	});

	it('flipped bytes in headers, checksums and comments are caught', () => {
		const epb = bs[3];
		const packet = epb.offset + 8 + 20;
		const flip = (at: number) => {
			const f = file.slice();
			f[at] ^= 0x10;
			return f;
		};
		expectCaptureError(() => readPcapng(flip(packet + 8)), /IPv4 header checksum 0x[0-9a-f]{4} is wrong/); // TTL
		expectCaptureError(() => readPcapng(flip(packet + 40)), /UDP checksum 0x[0-9a-f]{4} is wrong/); // frame byte
		const commentAt = epb.offset + 8 + 20 + pad4(28 + RECORDS[0].bytes.length) + 4;
		expect(file[commentAt]).toBe(0x7b);
		const e = expectCaptureError(() => readPcapng(flip(commentAt + 1)), /comment is not valid JSON/);
		expect(e.record).toBe(4);
		expectBlockError(e);
	});

	it('random mutations (byte sets, cuts, inserts, random length fields): only CaptureError', () => {
		const lengthFields = bs.flatMap((b) => [b.offset + 4, b.offset + b.length - 4]);
		const op = fc.oneof(
			fc.record({ kind: fc.constant('set' as const), at: fc.nat({ max: file.length - 1 }), value: fc.nat({ max: 255 }) }),
			fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: file.length }) }),
			fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: file.length }), value: fc.nat({ max: 255 }) }),
			fc.record({ kind: fc.constant('length' as const), which: fc.nat({ max: lengthFields.length - 1 }), value: fc.nat({ max: 0xffffffff }) })
		);
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 4 }), fc.boolean(), (ops, bigEndian) => {
				let f = bigEndian ? toBigEndian(file) : file.slice();
				for (const o of ops) {
					if (o.kind === 'set') f[o.at % f.length] = o.value;
					else if (o.kind === 'cut') f = f.slice(0, o.at);
					else if (o.kind === 'insert') f = concat(f.subarray(0, o.at), Uint8Array.of(o.value), f.subarray(o.at));
					else if (lengthFields[o.which] + 4 <= f.length) new DataView(f.buffer).setUint32(lengthFields[o.which], o.value, !bigEndian);
				}
				const e = onlyCaptureErrors(() => readCapture(f));
				const pcapng = f.length >= 4 && f[0] === 0x0a && f[1] === 0x0d && f[2] === 0x0d && f[3] === 0x0a;
				if (e && pcapng) expectBlockError(e);
			}),
			{ numRuns: 3000 }
		);
	});

	it('random bytes after the magic: only CaptureError, quickly', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (tail) => {
				const f = concat(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a), tail);
				onlyCaptureErrors(() => readPcapng(f));
				onlyCaptureErrors(() => readPcapng(concat(file, f)));
			}),
			{ numRuns: 3000 }
		);
	});
});

describe('the library runs anywhere', () => {
	it('uses no Node or DOM APIs (only TextEncoder and TextDecoder)', () => {
		const dir = new URL('.', import.meta.url);
		for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
			const src = readFileSync(new URL(f, dir), 'utf8');
			expect(src, f).not.toMatch(/from ['"]node:|require\(|\bBuffer\b|\bprocess\.|\bdocument\b|\bwindow\b|\bfetch\(/);
		}
	});
});
