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

describe('the generated fast check agrees with the full validator', () => {
	it('on valid frames and on frames with one field set to a random value', async () => {
		const { checks } = await import('./generated/checks.js');
		const { schema } = await import('./schema');
		const anyValue = fc.oneof(
			fc.integer({ min: -3_000_000_000, max: 5_000_000_000 }),
			fc.constantFrom(-1, 0, 1, 127, 128, 255, 256, 8191, 8192, 28800, 65535, 900000001, 1.5, NaN),
			fc.string({ maxLength: 3 }),
			fc.uint8Array({ maxLength: 20 }),
			fc.constant(null),
			fc.boolean()
		);
		fc.assert(
			fc.property(frameArb(), fc.array(fc.nat()), anyValue, (generated, walk, value) => {
				expect(checks[schema.frame](generated)).toBe(true);
				// mutate a fresh copy: fast-check reuses generated values while shrinking
				const obj = frameJson.from(frameJson.to(generated as MessageFrame));
				// walk down a random path of nested objects and overwrite one property
				let target: Record<string, unknown> = obj as Record<string, unknown>;
				for (const step of walk) {
					const kids = Object.keys(target).filter((k) => {
						const v = target[k];
						return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !('low' in v); // not into Long
					});
					if (!kids.length) break;
					const next = target[kids[step % kids.length]];
					target = (Array.isArray(next) ? next[0] : next) as Record<string, unknown>;
					if (!target || typeof target !== 'object') return;
				}
				const keys = Object.keys(target);
				if (!keys.length) return;
				target[keys[walk.length % keys.length]] = value;
				expect(checks[schema.frame](obj)).toBe(validateFrame(obj).length === 0);
			}),
			{ numRuns: 1500 }
		);
	});
});
