import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cv2xError, decodeFrame, dumpMessage, decodeRaw, encodeFrame, frameJson, frameTypes, tiles, toHex, validateFrame } from './index';
import type { MessageFrame } from './frame';
import { frameArb, frameOfArb } from './testing/arbitrary';
import { sampleFrame } from '../samples';

describe('round trips over generated valid messages', () => {
	it('every generated frame validates, encodes, decodes to the same JSON and the same bytes', () => {
		fc.assert(
			fc.property(frameArb(), (obj) => {
				const frame = obj as MessageFrame;
				expect(validateFrame(frame)).toEqual([]);
				const bytes = encodeFrame(frame);
				const back = decodeFrame(bytes);
				expect(frameJson.to(back)).toEqual(frameJson.to(frame));
				expect(toHex(encodeFrame(back))).toBe(toHex(bytes));
			}),
			{ numRuns: 400 }
		);
	});
	it('proto3 JSON text round-trips to the same bytes, for each type', () => {
		for (const t of frameTypes().map((x) => x.name)) {
			fc.assert(
				fc.property(frameOfArb(t), (obj) => {
					const bytes = encodeFrame(obj as MessageFrame);
					const text = JSON.stringify(frameJson.to(obj as MessageFrame));
					expect(toHex(encodeFrame(frameJson.from(JSON.parse(text))))).toBe(toHex(bytes));
				}),
				{ numRuns: 25 }
			);
		}
	});
	it('the wire dump of any valid frame tiles its bytes and knows every field', () => {
		fc.assert(
			fc.property(frameArb(), (obj) => {
				const d = dumpMessage(encodeFrame(obj as MessageFrame));
				expect(d.error).toBeUndefined();
				expect(tiles(d.root)).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});
});

function onlyCv2xErrors(fn: () => unknown) {
	try {
		fn();
	} catch (e) {
		if (!(e instanceof Cv2xError)) throw e;
	}
}

describe('the decoder on hostile bytes', () => {
	const samples = frameTypes().map((t) => encodeFrame(sampleFrame(t.name)));

	it('random bytes: only Cv2xError, never another exception', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
				onlyCv2xErrors(() => decodeFrame(b));
				const d = dumpMessage(b);
				if (!d.error) expect(tiles(d.root)).toBe(true);
				decodeRaw(b);
			}),
			{ numRuns: 3000 }
		);
	});
	it('mutated real frames (flips, truncations, insertions): only Cv2xError', () => {
		const mutation = fc.record({
			which: fc.nat({ max: samples.length - 1 }),
			ops: fc.array(
				fc.oneof(
					fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
					fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
					fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
					fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) })
				),
				{ minLength: 1, maxLength: 4 }
			)
		});
		fc.assert(
			fc.property(mutation, ({ which, ops }) => {
				let b = [...samples[which]];
				for (const op of ops) {
					const at = b.length ? op.at % b.length : 0;
					if (op.kind === 'flip' && b.length) b[at] ^= 1 << op.bit;
					else if (op.kind === 'set' && b.length) b[at] = op.value;
					else if (op.kind === 'cut') b = b.slice(0, at);
					else if (op.kind === 'insert') b.splice(at, 0, op.value);
				}
				const bytes = new Uint8Array(b);
				onlyCv2xErrors(() => {
					const f = decodeFrame(bytes);
					frameJson.to(f);
					validateFrame(f);
				});
				dumpMessage(bytes);
				decodeRaw(bytes);
			}),
			{ numRuns: 3000 }
		);
	});
});
