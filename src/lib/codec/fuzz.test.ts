// Bounded, seeded fuzzing of every reader of bytes and text (the long run is `npm run fuzz`):
// mutated real frames through decode, the annotated dump and raw decode (0 escapes, decode and
// dump agree, every error names a place), the frames decode accepted through protoc (it must
// accept them too), pasted text, proto3 JSON and both capture formats.
import { describe, expect, it } from 'vitest';
import { CaptureError, writeJsonl, writePcapng, type CaptureRecord } from '../capture';
import { readCapture } from '../capture';
import { sampleFrame } from '../samples';
import { encodeFrame, frameTypes, parseJsonText, frameJson, Cv2xError } from './index';
import { checkCapture, checkFrameBytes, checkJson, checkText, mutateBytes, rawDepth, rng, type Finding } from './testing/fuzz';
import { protocAccepts, protocMissing } from './testing/protoc';

const SEED = 20261130;
const seeds = frameTypes().map((t) => new Uint8Array(encodeFrame(sampleFrame(t.name))));
const show = (f: Finding[]) => f.slice(0, 5).map((x) => `${x.kind} in ${x.target}: ${x.detail} (input ${typeof x.input === 'string' ? JSON.stringify(x.input.slice(0, 80)) : Buffer.from(x.input.subarray(0, 40)).toString('hex')})`);

describe('fuzz (seeded, bounded)', () => {
	// what decode accepted, for protoc: shallow ones go in one batch, deep ones one protoc run each
	const accepted: Uint8Array[] = [];
	const deep = (b: Uint8Array) => rawDepth(b) >= 95;
	let deepCount = 0;
	it('3,000 mutated frames: no escape, decode and dump agree, every error names its byte offset', () => {
		const r = rng(SEED);
		const out: Finding[] = [];
		for (let i = 0; i < 3000; i++) {
			const b = mutateBytes(r, seeds);
			if (!checkFrameBytes(b, out) || accepted.length >= 400) continue;
			const isDeep = deep(b);
			if (isDeep && deepCount >= 12) continue;
			deepCount += isDeep ? 1 : 0;
			accepted.push(b);
		}
		expect(show(out)).toEqual([]);
		expect(accepted.length).toBeGreaterThan(50);
	});
	it.skipIf(!!protocMissing())(`protoc accepts every frame decode accepted${protocMissing() ? ` (skipped: ${protocMissing()})` : ''}`, () => {
		const verdicts = protocAccepts(accepted, deep);
		expect(accepted.filter((_, i) => !verdicts[i]).map((b) => Buffer.from(b).toString('hex'))).toEqual([]);
	});
	it('1,500 pasted texts and 300 edited proto3 JSON texts: bytes, a frame or a Cv2xError with its place', () => {
		const r = rng(SEED + 1);
		const out: Finding[] = [];
		for (let i = 0; i < 1500; i++) checkText(r, mutateBytes(r, seeds), out);
		for (let i = 0; i < 300; i++) checkJson(r, seeds[i % seeds.length], out);
		expect(show(out)).toEqual([]);
	});
	it('a JSON array nested 4,100 and 100,000 deep in a scalar field: a short error naming its place', () => {
		for (const depth of [4100, 100_000]) {
			const text = `{"bsm":{"msgCnt":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
			const e = (() => {
				try {
					frameJson.from(parseJsonText(text));
				} catch (err) {
					return err;
				}
			})() as Cv2xError;
			expect(e).toBeInstanceOf(Cv2xError);
			expect(e.message.length).toBeLessThan(200);
			expect(e.column).toBeTypeOf('number');
			// the same value given as an object (no positions): still a short message
			const deep = JSON.parse('['.repeat(depth) + ']'.repeat(depth));
			expect(() => frameJson.from({ bsm: { msgCnt: deep } })).toThrowError(/^msgCnt|is not an integer/);
		}
	});
	it('600 damaged captures (pcapng and JSON Lines): records or a CaptureError naming its place', () => {
		const records: CaptureRecord[] = seeds.map((bytes, i) => ({ t: i * 100, sender: `car-${i}`, receivers: ['RSU-1'], channel: i % 2 ? 'uu' : 'pc5', type: frameTypes()[i].name, bytes }));
		const files = [writePcapng(records, { startTimeMs: 1.7e12, city: 'wuxi', seed: 1 }), new TextEncoder().encode(writeJsonl(records))];
		const reader = {
			read: readCapture,
			isError: (e: unknown) => e instanceof CaptureError,
			hasPlace: (e: unknown) => e instanceof CaptureError && (e.offset !== undefined || e.record !== undefined)
		};
		const r = rng(SEED + 2);
		const out: Finding[] = [];
		for (let i = 0; i < 600; i++) checkCapture(r, files, reader, out);
		expect(show(out)).toEqual([]);
	});
});
