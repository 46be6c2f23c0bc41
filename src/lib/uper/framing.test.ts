// RSU-to-cloud framing and back-to-back frames (framing.ts): the five captured payloads of
// ../shared/samples/uper are taken apart with and without their topic type, written back to the
// same bytes, and their frames are the known ones; damaged payloads fail naming the byte offset.
import { describe, expect, it } from 'vitest';
import { UperError } from './errors';
import { parseRsuPayload, rsuLayoutOf, splitUperFrames, writeRsuPayload } from './framing';
import { uperFrameType } from './frame';
import { FRAMED_PAYLOADS, GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable, toHexLower } from './testing/samples';

const noSamples = samplesUnavailable();
if (noSamples) console.warn(`SKIPPED RSU framing on the captured payloads: ${noSamples}`);

const ID = new TextEncoder().encode('u_id_123');
const T = Date.UTC(2020, 10, 5, 8, 0, 0, 123);

function thrown(f: () => unknown): UperError {
	try {
		f();
	} catch (e) {
		if (e instanceof UperError) return e;
		throw e;
	}
	throw new Error('no error thrown');
}

const golden = (name: string) => fromHex(readSampleHex(GOLDEN_FRAMES.find((g) => g.name === name)!.file));

describe('RSU framing, written and read back', () => {
	it('single layout: header, 2-octet little-endian length, the frame', () => {
		const bytes = writeRsuPayload({ rsuId: ID, timestampMs: T, frames: [new Uint8Array([0xaa, 0xbb, 0xcc])] });
		expect(bytes.length).toBe(16 + 2 + 3);
		expect([...bytes.subarray(16, 18)]).toEqual([3, 0]);
		expect(new DataView(bytes.buffer).getBigUint64(8, true)).toBe(BigInt(T));
		const p = parseRsuPayload(bytes, 'MAP');
		expect(p).toMatchObject({ layout: 'single', timestampMs: T, offsets: [18] });
		expect([...p.frames[0]]).toEqual([0xaa, 0xbb, 0xcc]);
		expect(toHexLower(p.rsuId)).toBe(toHexLower(ID));
	});

	it('counted layout: a count octet, then each frame with its length', () => {
		const frames = [new Uint8Array([1]), new Uint8Array([2, 3])];
		const bytes = writeRsuPayload({ rsuId: ID, timestampMs: T, frames });
		expect(bytes[16]).toBe(2);
		const p = parseRsuPayload(bytes);
		expect(p.layout).toBe('counted');
		expect(p.offsets).toEqual([19, 22]);
		expect(p.frames.map((f) => [...f])).toEqual([[1], [2, 3]]);
	});

	it('rsuLayoutOf: BSM topics are counted, the others single', () => {
		expect(rsuLayoutOf('bsm')).toBe('counted');
		expect(rsuLayoutOf('SPAT')).toBe('single');
	});

	it('refuses to write what the framing cannot carry, naming the field', () => {
		expect(thrown(() => writeRsuPayload({ rsuId: new Uint8Array(7), timestampMs: T, frames: [new Uint8Array(1)] })).path).toBe('rsuId');
		expect(thrown(() => writeRsuPayload({ rsuId: ID, timestampMs: -1, frames: [new Uint8Array(1)] })).path).toBe('timestamp');
		expect(thrown(() => writeRsuPayload({ rsuId: ID, timestampMs: T, frames: [new Uint8Array(1), new Uint8Array(1)] }, 'single')).path).toBe('frames');
		expect(thrown(() => writeRsuPayload({ rsuId: ID, timestampMs: T, frames: [new Uint8Array(0)] })).path).toBe('frames[0].length');
	});

	it.each([
		['header cut short', 'u_id_123'.split('').map((c) => c.charCodeAt(0)), 'timestamp', 8],
		['length beyond the end', [...ID, ...new Array(8).fill(0), 5, 0, 1], 'frames[0].length', 16],
		['an octet after the frame', [...ID, ...new Array(8).fill(0), 1, 0, 0x11, 0x22], '', 19]
	] as [string, number[], string, number][])('%s: UperError naming byte offset and field (topic given)', (_, bytes, path, octet) => {
		const e = thrown(() => parseRsuPayload(new Uint8Array(bytes), 'RSI'));
		expect(e.path).toBe(path);
		expect(e.bitOffset).toBe(octet * 8);
		expect(e.message).toContain(`byte offset ${octet}`);
	});

	it('with the type unknown and neither layout fitting, both reasons are given', () => {
		const e = thrown(() => parseRsuPayload(new Uint8Array([...ID, ...new Array(8).fill(0), 9, 0, 1])));
		expect(e.message).toContain('counted:');
		expect(e.message).toContain('single:');
	});
});

describe.skipIf(noSamples)('RSU framing: the captured payloads', () => {
	it.each(FRAMED_PAYLOADS.map((p) => [p.file, p]))('%s: both ways, with and without the topic type', (_, fp) => {
		const bytes = fromHex(readSampleHex(fp.file));
		const known = parseRsuPayload(bytes, fp.topicType);
		const guessed = parseRsuPayload(bytes);
		expect(guessed.layout).toBe(rsuLayoutOf(fp.topicType));
		expect(guessed.ambiguous).toBe(false);
		expect(guessed.frames.map(toHexLower)).toEqual(known.frames.map(toHexLower));
		expect(known.frames.map(toHexLower)).toEqual(fp.frames.map((n) => toHexLower(golden(n))));
		expect(new TextDecoder().decode(known.rsuId)).toMatch(/^[\x20-\x7e]{8}$/);
		expect(new Date(known.timestampMs).getUTCFullYear()).toBe(2020);
		expect(toHexLower(writeRsuPayload(known, known.layout))).toBe(toHexLower(bytes));
	});
});

describe.skipIf(noSamples)('frames back to back', () => {
	it('a bare frame is one frame; five frames in a row split where each ends', () => {
		expect(splitUperFrames(golden('spat'), 'csae53-2020-draft').map((f) => f.offset)).toEqual([0]);
		const names = ['bsm1', 'map', 'rsi', 'rsm', 'spat'];
		const parts = names.map(golden);
		const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
		let at = 0;
		const starts = parts.map((p) => {
			all.set(p, at);
			at += p.length;
			return at - p.length;
		});
		const split = splitUperFrames(all, 'csae53-2020-draft');
		expect(split.map((f) => f.offset)).toEqual(starts);
		expect(split.map((f) => uperFrameType(f.value))).toEqual(['bsmFrame', 'mapFrame', 'rsiFrame', 'rsmFrame', 'spatFrame']);
		expect(split.map((f) => toHexLower(f.bytes))).toEqual(parts.map(toHexLower));
	});

	it('a frame cut short fails with its index and an offset counted from the input start', () => {
		const bsm = golden('bsm1');
		const cut = new Uint8Array(bsm.length * 2 - 10);
		cut.set(bsm);
		cut.set(bsm.subarray(0, bsm.length - 10), bsm.length);
		const e = thrown(() => splitUperFrames(cut, 'csae53-2020-draft'));
		expect(e.path.startsWith('frames[1]')).toBe(true);
		expect(e.bitOffset).toBeGreaterThanOrEqual(bsm.length * 8);
		expect(e.message).toContain(`byte offset ${bsm.length}`);
	});
});
