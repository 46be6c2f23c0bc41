// The capture viewer's library: the same table from both formats of one run, wrong files said
// for what they are not, lazy decoding of protobuf and UPER, summaries.
import { describe, expect, it } from 'vitest';
import { writeJsonl } from '../capture';
import { encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import { encode } from '../uper';
import { fromModel } from '../uper/mapping';
import { profile } from '../uper/profiles';
import { decodePacket, FilterRun, compileFilter, indexCapture, indexCaptureSync, isViewerError, packetDetail, packetRows, summarize, ViewerError, type PacketTable } from './index';
import { simCaptures } from './testing/generate';

const run = simCaptures(600);

function columns(t: PacketTable) {
	return Array.from({ length: t.length }, (_, i) => [t.time[i], t.senderName(i), t.destinationName(i), t.channelName(i), t.typeName(i), t.size(i), t.receivers[i], t.latency[i]]);
}

/** The error a wrong input gives: always a ViewerError, never anything else. */
function failure(bytes: Uint8Array): ViewerError {
	try {
		indexCaptureSync(bytes, undefined, 1000);
	} catch (e) {
		expect(isViewerError(e), String(e)).toBe(true);
		return e as ViewerError;
	}
	throw new Error('no error');
}

describe('indexing', () => {
	it('reads the same run from JSON Lines and pcapng into the same table', () => {
		const a = indexCaptureSync(run.jsonl, undefined, 4096);
		const b = indexCaptureSync(run.pcapng, undefined, 4096);
		expect(a.length).toBe(run.records.length);
		expect(columns(a)).toEqual(columns(b));
		for (const i of [0, 7, a.length - 1]) {
			expect(Array.from(a.payload(i))).toEqual(Array.from(run.records[i].bytes));
			expect(Array.from(b.payload(i))).toEqual(Array.from(run.records[i].bytes));
		}
		expect(b.meta?.city).toBe('beijing-yizhuang');
		const uu = run.records.findIndex((r) => r.channel === 'uu' && r.receivers.length);
		expect(a.destinationName(uu)).toBe(run.records[uu].receivers[0]);
		expect(a.destinationName(0)).toBe('broadcast');
	});

	it('points into the file instead of copying payloads, and reports progress in chunks', async () => {
		const seen: number[] = [];
		const t = await indexCapture(run.pcapng.buffer as ArrayBuffer, { chunk: 64 << 10, onProgress: (p) => seen.push(p.bytes) });
		expect(t.payload(3).buffer).toBe(run.pcapng.buffer);
		expect(seen.length).toBeGreaterThan(3);
		expect(seen.at(-1)).toBe(run.pcapng.length);
		expect([...seen].sort((x, y) => x - y)).toEqual(seen);
		expect(t.columnBytes() / t.length).toBeLessThanOrEqual(48);
	});

	it('reads lines the fast path does not take (other key order, escapes) like the fast ones', () => {
		const r = run.records[0];
		const hex = Buffer.from(r.bytes).toString('hex');
		const line = JSON.stringify({ hex, type: r.type, channel: r.channel, receivers: r.receivers, sender: 'car-\u00e9', t: r.t });
		const escaped = JSON.stringify({ t: 1, sender: 'car-1', receivers: ['a', 'b"c', 'd'], channel: 'pc5', type: r.type, hex });
		const t = indexCaptureSync(new TextEncoder().encode(`${line}\n${writeJsonl([r])}${escaped}\n`));
		expect(t.senderName(0)).toBe('car-\u00e9');
		expect(t.receivers[2]).toBe(3);
		expect(Array.from(t.payload(2))).toEqual(Array.from(r.bytes));
		expect(Array.from(t.payload(0))).toEqual(Array.from(r.bytes));
		expect(Array.from(t.payload(1))).toEqual(Array.from(r.bytes));
	});
});

describe('wrong files say what they are not', () => {
	const enc = (s: string) => new TextEncoder().encode(s);
	it('empty, whitespace, random bytes, a PNG', () => {
		expect(failure(new Uint8Array()).message).toMatch(/empty \(0 bytes\): no pcapng magic, and no line 1/);
		expect(failure(enc('  \n\n')).message).toMatch(/only whitespace/);
		const random = Uint8Array.from({ length: 300 }, (_, i) => (i * 97 + 200) & 255);
		expect(failure(random).message).toMatch(/no pcapng magic .*and line 1 is not JSON: byte 0xc8 at byte offset 0 is not text/);
		const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
		expect(failure(png).message).toMatch(/looks like a PNG image: no pcapng magic \(0a 0d 0d 0a; the file starts 89 50 4e 47\), and line 1 is not JSON/);
		expect(failure(enc('hello')).message).toMatch(/line 1 is not JSON: it starts with "h"/);
	});

	it('a JSON document that is not JSON Lines', () => {
		expect(failure(enc('{\n  "t": 1\n}\n')).message).toMatch(/one JSON document \(an object over several lines\), not one record per line/);
		expect(failure(enc('[{"t": 1}]')).message).toMatch(/one JSON document \(an array\)/);
	});

	it('a bad line names its line, column and byte offset', () => {
		const good = writeJsonl(run.records.slice(0, 2));
		const e = failure(enc(`${good}{"t": 5, "sender": }\n`));
		expect(e.message).toMatch(/^line 3, column 20 \(byte offset \d+\): not JSON/);
		expect(e.line).toBe(3);
		expect(e.offset).toBe(good.length + 19);
		expect(failure(enc(`${good}{"t":1}\n`)).message).toMatch(/line 3 \(byte offset \d+\): missing field "sender"/);
		expect(failure(enc(`${good}\n${good}`)).message).toMatch(/line 3 .*empty line/);
		const badHex = good.replace(/"hex":"(..)/, '"hex":"zz');
		expect(failure(enc(badHex)).message).toMatch(/line 1 .*"z" is not a hex digit/);
	});

	it('a truncated pcapng, and one without C-V2X packets', () => {
		const cut = failure(run.pcapng.subarray(0, run.pcapng.length - 10));
		expect(cut.message).toMatch(/pcapng block \d+ \(enhanced packet block\) at byte offset \d+: block length \d+ runs past the end of the file, \d+ bytes left: not a complete pcapng file/);
		expect(cut.block).toBeGreaterThan(3);
		expect(failure(run.pcapng.subarray(0, 60)).message).toMatch(/pcapng block/);
	});

	it('a failed open changes nothing: the table of a good file is untouched', () => {
		const t = indexCaptureSync(run.jsonl);
		const before = columns(t);
		failure(new Uint8Array([1, 2, 3]));
		expect(columns(t)).toEqual(before);
	});
});

describe('decoding and summaries', () => {
	it('decodes protobuf and UPER packets of one capture, the sniffed encoding first', () => {
		const bsm = sampleFrame('bsm');
		const pb = encodeFrame(bsm);
		const set = profile('csae157-2020').schema;
		const uper = encode(set.root ?? 'MessageFrame', fromModel(bsm, 'csae157-2020').value, set);
		const rec = { t: 0, sender: 'car-1', receivers: [], channel: 'pc5' as const, type: 'bsm' };
		const t = indexCaptureSync(new TextEncoder().encode(writeJsonl([{ ...rec, bytes: pb }, { ...rec, bytes: uper }, { ...rec, bytes: Uint8Array.of(0xff, 0xff) }])));
		expect(t.encoding(0)).toBe('protobuf');
		expect(t.encoding(1)).toBe('uper');
		const a = decodePacket(t, 0);
		const b = decodePacket(t, 1);
		expect(b.profile).toBe('csae157-2020');
		expect(summarize(b.frame!)).toBe(summarize(a.frame!));
		const bad = decodePacket(t, 2);
		expect(bad.frame).toBeUndefined();
		expect(bad.error).toMatch(/^UPER csae157-2020: /);
		expect(packetRows(t, [2])[0].info).toMatch(/^\[malformed: /);
	});

	it('gives one Info line per type with physical units', () => {
		expect(summarize(sampleFrame('bsm'))).toBe('BSM id 4A3F9C0E5B12D701 msgCnt 23 43.2 km/h heading 57°');
		expect(summarize(sampleFrame('spat'))).toMatch(/^SPAT int \d+ \d+ phases?/);
		expect(summarize(sampleFrame('map_data'))).toMatch(/^MAP \d+ nodes? \d+ links? msgCnt \d+$/);
		expect(summarize(sampleFrame('rsm'))).toMatch(/^RSM id \S+ \d+ participants? msgCnt \d+$/);
		expect(summarize({ protocolVersion: 1 })).toBe('empty frame');
	});

	it('details a packet: receivers from the record, the frame as proto3 JSON, the octets', () => {
		const t = indexCaptureSync(run.pcapng);
		const i = run.records.findIndex((r) => r.receivers.length > 2);
		const d = packetDetail(t, i);
		expect(d.receivers).toEqual(run.records[i].receivers);
		expect(Array.from(d.bytes)).toEqual(Array.from(run.records[i].bytes));
		expect(d.row.no).toBe(i + 1);
		expect((d.json as Record<string, unknown>)[run.records[i].type === 'map_data' ? 'mapData' : run.records[i].type]).toBeDefined();
	});
});

describe('FilterRun', () => {
	it('filters in steps to the same indices as one pass', () => {
		const t = indexCaptureSync(run.jsonl);
		const f = compileFilter('bsm && bsm.speed > 500', t);
		const r = new FilterRun(t, f);
		let steps = 0;
		while (!r.step(97)) steps++;
		const direct = [...Array(t.length).keys()].filter((i) => f.test(i));
		expect(steps).toBeGreaterThan(3);
		expect([...r.matches()]).toEqual(direct);
		expect(direct.length).toBeGreaterThan(0);
		expect(direct.every((i) => run.records[i].type === 'bsm')).toBe(true);
	});
});
