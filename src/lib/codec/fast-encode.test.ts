// The generated one-pass encoders (generated/encode.js) against protobufjs's static encoders:
// the same bytes for every frame the fast path takes, and a fall-back (never different bytes)
// for what it does not.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Long from 'long';
import { encodeFrameFast, FALLBACK } from './generated/encode.js';
import { decodeFrame, encodeFrame, encodeFrameProtobufjs, type MessageFrame } from './frame';
import { frameTypes } from './index';
import { toHex } from './bytes';
import { frameArb } from './testing/arbitrary';
import { sampleFrame } from '../samples';

/** The fast path's bytes (copied), or FALLBACK when it declines. */
function fast(frame: unknown): string | typeof FALLBACK {
	try {
		return toHex(encodeFrameFast(frame).slice());
	} catch (e) {
		// FALLBACK itself, or what a malformed value throws (a TypeError reading null): either
		// way encodeFrame hands the frame to protobufjs
		if (e === FALLBACK || e instanceof TypeError) return FALLBACK;
		throw e;
	}
}
const reference = (frame: unknown) => toHex(encodeFrameProtobufjs(frame as MessageFrame));

/** Both encoders' outcome: bytes as hex, or the error message encodeFrame gives. */
function outcome(enc: () => Uint8Array): string {
	try {
		return toHex(enc());
	} catch (e) {
		return `error: ${(e as Error).message}`;
	}
}

describe('the generated encoders give protobufjs bytes', () => {
	const types = frameTypes().map((t) => t.name);

	it('every sample of every type, without falling back, also re-encoded after decoding', () => {
		for (const t of types) {
			const frame = sampleFrame(t);
			const bytes = fast(frame);
			expect(bytes, t).not.toBe(FALLBACK);
			expect(bytes, t).toBe(reference(frame));
			const back = decodeFrame(encodeFrame(frame));
			expect(fast(back), `${t} decoded`).toBe(bytes);
		}
	});

	it('random valid frames (fast-check), byte for byte; the fast path takes nearly all', () => {
		let taken = 0;
		let runs = 0;
		fc.assert(
			fc.property(frameArb(), (obj) => {
				runs++;
				const want = reference(obj);
				const got = fast(obj);
				if (got !== FALLBACK) taken++;
				expect(got === FALLBACK ? toHex(encodeFrame(obj as MessageFrame, { validate: false })) : got).toBe(want);
				const back = decodeFrame(encodeFrameProtobufjs(obj as MessageFrame));
				expect(fast(back)).toBe(want);
			}),
			{ numRuns: 3000 }
		);
		expect(taken).toBeGreaterThan(runs * 0.95);
	}, 300_000);

	it('decoded frames with unknown fields and merged sub-messages re-encode the same', () => {
		fc.assert(
			fc.property(fc.constantFrom(...types), fc.uint8Array({ minLength: 1, maxLength: 40 }), (t, tail) => {
				const base = encodeFrame(sampleFrame(t));
				// a frame followed by random bytes: whatever protobufjs decodes from it (unknown
				// fields kept as $unknowns), both encoders must write the same
				const input = new Uint8Array([...base, ...tail]);
				let back: MessageFrame;
				try {
					back = decodeFrame(input);
				} catch {
					return;
				}
				expect(outcome(() => encodeFrame(back, { validate: false }))).toBe(outcome(() => encodeFrameProtobufjs(back)));
			}),
			{ numRuns: 2000 }
		);
	}, 300_000);

	it('values outside the fast path fall back and give protobufjs bytes (or its error)', () => {
		const bsm = () => structuredClone(sampleFrame('bsm')) as unknown as { bsm: Record<string, unknown> };
		const cases: [string, (f: { bsm: Record<string, unknown> }) => void, boolean][] = [
			['bytes as base64 text', (f) => (f.bsm.id = 'AQIDBA=='), true],
			['a sub-message of a foreign class', (f) => (f.bsm.pos = new (class P { lat = 1; lon = 2 })()), true],
			['a null sub-message in a list', (f) => (f.bsm.safetyExt = { pathHistory: { crumbData: [null] } }), true],
			['a negative enum', (f) => (f.bsm.transmission = -3), false],
			['a string for a number', (f) => (f.bsm.speed = '77'), false],
			['a fraction', (f) => (f.bsm.heading = 12.7), false],
			['a boolean for a number', (f) => (f.bsm.secMark = true), false],
			['a number for a sub-message', (f) => (f.bsm.size = 5), true]
		];
		for (const [label, edit, falls] of cases) {
			const f = bsm();
			edit(f);
			if (falls) expect(fast(f), label).toBe(FALLBACK);
			const want = outcome(() => encodeFrameProtobufjs(f as unknown as MessageFrame));
			expect(outcome(() => encodeFrame(f as unknown as MessageFrame, { validate: false })), label).toBe(want);
			if (!falls) expect(fast(f), label).toBe(want);
		}
	});

	it('text in any script, and 64-bit values as Long, number and string', () => {
		const texts = ['', 'abc', 'é', '路口', '😀x', 'a\u0800b', '\ud83d', 'x\udc00'];
		const frame = sampleFrame('map_data') as unknown as { mapData: { nodes: { name?: string }[] } };
		for (const s of texts) {
			const f = structuredClone(frame);
			f.mapData.nodes[0].name = s;
			const want = reference(f);
			expect(outcome(() => encodeFrame(f as unknown as MessageFrame, { validate: false })), JSON.stringify(s)).toBe(`${want}`);
			const got = fast(f);
			const lone = /[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
			expect(got, JSON.stringify(s)).toBe(lone ? FALLBACK : want);
		}
		const cloud = types.find((t) => /speed_advice/.test(t)) ?? types[types.length - 1];
		const base = sampleFrame(cloud);
		const longs = [Long.fromNumber(1764143999123, true), 1764143999123, 0, '1764143999123', Long.UZERO];
		for (const v of longs) {
			const f = structuredClone(base) as unknown as Record<string, Record<string, Record<string, unknown>>>;
			const payload = Object.values(f).find((x) => typeof x === 'object' && x !== null && 'header' in x);
			if (!payload) continue;
			payload.header.timestampMs = v;
			expect(outcome(() => encodeFrame(f as unknown as MessageFrame, { validate: false })), String(v)).toBe(reference(f));
		}
	});

	it('returns the same kind of array as protobufjs (a Buffer in Node), a fresh copy each time', () => {
		const f = sampleFrame('bsm');
		const a = encodeFrame(f);
		const b = encodeFrame(sampleFrame('spat'));
		expect(a.constructor).toBe(encodeFrameProtobufjs(f).constructor);
		expect(toHex(a)).toBe(reference(f));
		expect(toHex(b)).toBe(reference(sampleFrame('spat')));
	});
});
