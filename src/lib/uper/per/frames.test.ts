// The real frames of ../shared/samples/uper through the engine, with schema tables compiled by our
// ASN.1 parser from ../shared/asn1: each decodes (all bits but the last octet's padding), its trace
// tiles it, and it re-encodes to the same bytes. Skips with a notice where ../shared is absent.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { UperError } from '../errors';
import { GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable, toHexLower } from '../testing/samples';
import { moduleSetsUnavailable, rootType, sharedSchemaSet } from '../testing/schemas';
import { decode, encode } from './codec';
import type { TraceNode } from './context';

const missing = samplesUnavailable() ?? moduleSetsUnavailable();

describe.skipIf(missing)(`real UPER frames decode and re-encode to the same bytes${missing ? ` (skipped: ${missing})` : ''}`, () => {
	for (const frame of GOLDEN_FRAMES) {
		test(`${frame.name} under ${frame.profile}`, () => {
			const set = sharedSchemaSet(frame.profile);
			const bytes = fromHex(readSampleHex(frame.file));
			const nodes: TraceNode[] = [];
			const { value, bits } = decode(rootType(set), bytes, set, { trace: (n) => nodes.push(n), complete: true });
			expect(Object.keys(value as object)).toEqual([frame.alternative]);
			expect(Math.ceil(bits / 8)).toBe(bytes.length);
			expect(toHexLower(encode(rootType(set), value, set))).toBe(toHexLower(bytes));
			let at = 0;
			for (const n of nodes.filter((x) => x.leaf).sort((a, b) => a.bitOffset - b.bitOffset)) {
				expect(n.bitOffset).toBe(at);
				at += n.bitWidth;
			}
			expect(at).toBe(bits);
		});
	}

	test('the draft-only frames fail under the final set with a UperError naming a field', () => {
		const set = sharedSchemaSet('csae53-2020');
		const failures = GOLDEN_FRAMES.filter((f) => f.name === 'map' || f.name === 'rsi').map((f) => {
			try {
				const bytes = fromHex(readSampleHex(f.file));
				const { bits } = decode(rootType(set), bytes, set);
				return Math.ceil(bits / 8) === bytes.length ? 'decoded' : 'bits left over';
			} catch (e) {
				expect(e).toBeInstanceOf(UperError);
				return (e as UperError).path;
			}
		});
		for (const f of failures) expect(f).not.toBe('decoded');
	});

	test('mutated and truncated real frames: a value whose trace tiles it, or a UperError', () => {
		const frames = GOLDEN_FRAMES.map((f) => ({ set: sharedSchemaSet(f.profile), bytes: fromHex(readSampleHex(f.file)) }));
		const damaged = fc
			.tuple(fc.constantFrom(...frames), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.nat(), fc.boolean())
			.map(([{ set, bytes }, flips, cut, truncate]) => {
				const out = truncate ? bytes.slice(0, cut % bytes.length) : bytes.slice();
				if (!truncate) for (const f of flips) out[(f >> 3) % out.length] ^= 0x80 >> (f & 7);
				return { set, bytes: out };
			});
		fc.assert(
			fc.property(damaged, ({ set, bytes }) => {
				const nodes: TraceNode[] = [];
				try {
					const { bits } = decode(rootType(set), bytes, set, { trace: (n) => nodes.push(n) });
					const leaves = nodes.filter((n) => n.leaf).sort((a, b) => a.bitOffset - b.bitOffset);
					expect(leaves.reduce((at, n) => (n.bitOffset === at ? at + n.bitWidth : -1), 0)).toBe(bits);
				} catch (e) {
					if (!(e instanceof UperError)) throw e;
					expect(e.message).toContain(`bit offset ${e.bitOffset}`);
				}
			}),
			{ numRuns: 1000, seed: 11 }
		);
	});
});
