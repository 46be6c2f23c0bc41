// The generated decoders (generated/decode.js) against protobufjs's static decoders: the same
// objects (classes, own properties in order, values, Long, byte views, $unknowns) for whatever the
// fast path takes, and for the rest a fall-back to protobufjs, so results and errors are its own.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeFrameFast, FALLBACK } from './generated/decode.js';
import { decodeFrame, decodeFrameProtobufjs, encodeFrame, type MessageFrame } from './frame';
import { frameTypes } from './index';
import { frameArb } from './testing/arbitrary';
import { sampleFrame } from '../samples';

/** A canonical text of a decoded value: classes, own keys (non-enumerable too) in order, bytes' kind. */
function canon(x: unknown): string {
	if (x === null || typeof x !== 'object') return typeof x === 'string' ? JSON.stringify(x) : `${typeof x}:${String(x)}`;
	if (x instanceof Uint8Array) return `${x.constructor.name}[${Buffer.from(x.buffer, x.byteOffset, x.length).toString('hex')}]`;
	if (Array.isArray(x)) return `[${x.map(canon).join(',')}]`;
	const proto = Object.getPrototypeOf(x) as { constructor?: { name?: string } } | null;
	const keys = Reflect.ownKeys(x).map(String);
	return `${proto?.constructor?.name ?? 'null'}{${keys.map((k) => `${k}:${canon((x as Record<string, unknown>)[k])}`).join(',')}}`;
}

function fast(bytes: Uint8Array): string | typeof FALLBACK {
	try {
		return canon(decodeFrameFast(bytes));
	} catch (e) {
		if (e === FALLBACK) return FALLBACK;
		throw e;
	}
}
function reference(bytes: Uint8Array): string {
	try {
		return canon(decodeFrameProtobufjs(bytes));
	} catch (e) {
		return `error: ${(e as Error).message}`;
	}
}
function viaDecodeFrame(bytes: Uint8Array): string {
	try {
		return canon(decodeFrame(bytes));
	} catch (e) {
		return `error: ${(e as Error).message}`;
	}
}

describe('the generated decoders give protobufjs objects', () => {
	const types = frameTypes().map((t) => t.name);
	const samples = types.map((t) => encodeFrame(sampleFrame(t)));

	it('every sample of every type, from a Buffer and from a plain Uint8Array, without falling back', () => {
		for (const [i, t] of types.entries()) {
			for (const input of [samples[i], new Uint8Array(samples[i])]) {
				const got = fast(input);
				expect(got, t).not.toBe(FALLBACK);
				expect(got, t).toBe(reference(input));
			}
		}
	});

	it('random valid frames (fast-check): the same objects; the fast path takes nearly all', () => {
		let taken = 0;
		let runs = 0;
		fc.assert(
			fc.property(frameArb(), (obj) => {
				runs++;
				const bytes = encodeFrame(obj as MessageFrame);
				const got = fast(bytes);
				if (got !== FALLBACK) taken++;
				const want = reference(bytes);
				expect(got === FALLBACK ? viaDecodeFrame(bytes) : got).toBe(want);
			}),
			{ numRuns: 3000 }
		);
		expect(taken).toBeGreaterThan(runs * 0.95);
	}, 300_000);

	it('damaged, truncated, concatenated (merged) and random bytes: protobufjs objects or its very errors', () => {
		const damaged = fc.oneof(
			fc.tuple(fc.nat(samples.length - 1), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, i, b]) => {
				const x = new Uint8Array(samples[s]);
				x[i % x.length] = b;
				return x;
			}),
			fc.tuple(fc.nat(samples.length - 1), fc.nat()).map(([s, n]) => samples[s].subarray(0, n % samples[s].length)),
			fc.tuple(fc.nat(samples.length - 1), fc.nat(samples.length - 1)).map(([a, b]) => new Uint8Array([...samples[a], ...samples[b]])),
			fc.tuple(fc.nat(samples.length - 1), fc.uint8Array({ maxLength: 12 })).map(([s, tail]) => new Uint8Array([...samples[s], ...tail])),
			fc.uint8Array({ maxLength: 200 })
		);
		fc.assert(
			fc.property(damaged, (bytes) => {
				const want = reference(bytes);
				const got = fast(bytes);
				if (got !== FALLBACK) expect(got).toBe(want);
				if (want.startsWith('error')) expect(got).toBe(FALLBACK);
				else expect(viaDecodeFrame(bytes)).toBe(want);
			}),
			{ numRuns: 4000 }
		);
	}, 300_000);

	it('malformed bytes give the same Cv2xError (code, offset, path, message) as before', () => {
		for (const s of samples) {
			for (const bytes of [s.subarray(0, s.length - 1), new Uint8Array([...s, 0x0a, 0x7f]), new Uint8Array([...s, 0x07])]) {
				const err = (f: () => unknown) => {
					try {
						f();
						return 'no error';
					} catch (e) {
						const c = e as { code?: string; offset?: number; path?: string; message: string };
						return JSON.stringify([c.code, c.offset, c.path, c.message]);
					}
				};
				expect(err(() => decodeFrame(bytes))).toBe(err(() => decodeFrameProtobufjs(bytes)));
			}
		}
	});
});
