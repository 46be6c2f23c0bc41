// Property tests over random schema tables and values: every value round-trips (decode of encode
// gives it back, re-encoding gives the same bytes, the trace tiles the bits), and truncated or
// mutated encodings give a value or a UperError, never another exception.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { UperError } from '../errors';
import type { AsnType, AsnValue, CharStringKind, CharStringType, Component, SchemaSet, SizeConstraint, ValueRange } from '../schema';
import { decode, encode } from './codec';
import type { TraceNode } from './context';
import { normalizeInt } from './whole-numbers';

const SET: SchemaSet = { name: 'random', types: {} };

const sizeArb: fc.Arbitrary<SizeConstraint | undefined> = fc.oneof(
	fc.constant(undefined),
	fc.integer({ min: 0, max: 20 }).map((n) => ({ lb: n, ub: n })),
	fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 20 })).map(([lb, d]) => ({ lb, ub: lb + d })),
	fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 20 })).map(([lb, d]) => ({ lb, ub: lb + d, extensible: true })),
	fc.integer({ min: 0, max: 3 }).map((lb) => ({ lb })),
	fc.integer({ min: 0, max: 3 }).map((lb) => ({ lb, ub: 70000 }))
);

const rangeArb: fc.Arbitrary<ValueRange | undefined> = fc.oneof(
	fc.constant(undefined),
	fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.boolean()).map(([lb, d, extensible]) => ({ lb, ub: lb + d, extensible })),
	fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 300 }), fc.boolean()).map(([lb, d, extensible]) => ({ lb, ub: lb + d, extensible })),
	fc.integer({ min: -1000, max: 1000 }).map((lb) => ({ lb })),
	fc.integer({ min: -1000, max: 1000 }).map((ub) => ({ ub })),
	fc.constant({ lb: -(2n ** 63n), ub: 2n ** 64n })
);

const STRING_KINDS: CharStringKind[] = ['IA5String', 'NumericString', 'PrintableString', 'VisibleString', 'UTF8String'];
const ALPHABETS: Record<string, string> = {
	NumericString: ' 0123456789',
	PrintableString: " '()+,-./0123456789:=?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
	VisibleString: Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''),
	IA5String: Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('')
};

const charStringArb: fc.Arbitrary<AsnType> = fc
	.tuple(fc.constantFrom(...STRING_KINDS), sizeArb, fc.option(fc.subarray([...'ABCDEFGHIJ0123'], { minLength: 1 }), { nil: undefined }))
	.map(([stringKind, size, alphabet]) => {
		const t: CharStringType = { kind: 'charString', stringKind, size };
		if (alphabet && stringKind !== 'UTF8String' && stringKind !== 'NumericString') t.alphabet = alphabet.join('');
		return t;
	});

const enumArb: fc.Arbitrary<AsnType> = fc
	.tuple(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.integer({ min: 0, max: 3 }))
	.map(([values, extensible, adds]) => ({
		kind: 'enumerated',
		root: values.map((value, i) => ({ name: `r${i}`, value })),
		extensible,
		additions: extensible ? Array.from({ length: adds }, (_, i) => ({ name: `x${i}`, value: 100 + i })) : []
	}));

const leafArb: fc.Arbitrary<AsnType> = fc.oneof(
	rangeArb.map((range): AsnType => ({ kind: 'integer', range })),
	fc.constant<AsnType>({ kind: 'boolean' }),
	fc.constant<AsnType>({ kind: 'null' }),
	enumArb,
	sizeArb.map((size): AsnType => ({ kind: 'bitString', size })),
	sizeArb.map((size): AsnType => ({ kind: 'octetString', size })),
	charStringArb
);

function componentsArb(child: fc.Arbitrary<AsnType>, prefix: string, min: number, max: number): fc.Arbitrary<Component[]> {
	return fc
		.array(fc.tuple(child, fc.boolean()), { minLength: min, maxLength: max })
		.map((cs) => cs.map(([type, optional], i) => ({ name: `${prefix}${i}`, type, optional })));
}

function typeArb(depth: number): fc.Arbitrary<AsnType> {
	if (depth === 0) return leafArb;
	const child = typeArb(depth - 1);
	const sequence = fc
		.tuple(componentsArb(child, 'c', 0, 4), fc.boolean(), fc.array(fc.tuple(fc.boolean(), componentsArb(child, 'g', 1, 2)), { maxLength: 3 }), componentsArb(child, 't', 0, 1))
		.map(([components, extensible, adds, trailing]): AsnType => ({
			kind: 'sequence',
			components,
			extensible,
			additions: extensible
				? adds.map(([group, cs], i) => ({ group, components: (group ? cs : cs.slice(0, 1)).map((c) => ({ ...c, name: `a${i}${c.name}` })) }))
				: [],
			trailingRoot: extensible && trailing.length ? trailing : undefined
		}));
	const sequenceOf = fc.tuple(child, sizeArb).map(([element, size]): AsnType => ({ kind: 'sequenceOf', element, size }));
	const choice = fc
		.tuple(fc.array(child, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.array(child, { maxLength: 2 }))
		.map(([root, extensible, adds]): AsnType => ({
			kind: 'choice',
			root: root.map((type, i) => ({ name: `k${i}`, type })),
			extensible,
			additions: extensible ? adds.map((type, i) => ({ name: `e${i}`, type })) : []
		}));
	return fc.oneof({ weight: 3, arbitrary: leafArb }, sequence, sequenceOf, choice);
}

/** A size allowed by `size` (inside the root, or beyond it when extensible). */
function lengthArb(size: SizeConstraint | undefined): fc.Arbitrary<number> {
	if (!size) return fc.integer({ min: 0, max: 12 });
	const rootMax = Math.min(size.ub ?? size.lb + 12, size.lb + 12);
	const root = fc.integer({ min: size.lb, max: rootMax });
	if (!size.extensible || size.ub === undefined) return root;
	return fc.oneof(root, fc.integer({ min: size.ub + 1, max: size.ub + 5 }), fc.integer({ min: 0, max: Math.max(0, size.lb - 1) }));
}

function integerValueArb(range: ValueRange | undefined): fc.Arbitrary<AsnValue> {
	const lb = range?.lb === undefined ? -(2n ** 70n) : BigInt(range.lb);
	const ub = range?.ub === undefined ? 2n ** 70n : BigInt(range.ub);
	const inRoot = fc.oneof(fc.bigInt({ min: lb, max: ub }), fc.constant(lb), fc.constant(ub));
	const any = range?.extensible ? fc.oneof(inRoot, fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n })) : inRoot;
	return any.map(normalizeInt);
}

function charsArb(t: CharStringType): fc.Arbitrary<AsnValue> {
	if (t.stringKind === 'UTF8String') return fc.string({ unit: 'grapheme', maxLength: 8 });
	const alphabet = [...(t.alphabet ?? ALPHABETS[t.stringKind])];
	return lengthArb(t.size).chain((n) => fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n }).map((cs) => cs.join('')));
}

function sequenceValueArb(t: Extract<AsnType, { kind: 'sequence' }>): fc.Arbitrary<AsnValue> {
	const comps = [...t.components, ...(t.trailingRoot ?? [])];
	const roots = comps.map((c) => fc.tuple(c.optional ? fc.boolean() : fc.constant(true), valueArb(c.type)));
	const adds = t.additions.map((a) =>
		fc.tuple(fc.boolean(), fc.tuple(...a.components.map((c) => fc.tuple(c.optional ? fc.boolean() : fc.constant(true), valueArb(c.type)))))
	);
	return fc.tuple(fc.tuple(...roots), fc.tuple(...adds)).map(([rootValues, addValues]) => {
		const out: { [k: string]: AsnValue } = {};
		rootValues.forEach(([present, v], i) => present && (out[comps[i].name] = v));
		addValues.forEach(([groupPresent, values], i) => {
			const cs = t.additions[i].components;
			values.forEach(([present, v], j) => groupPresent && present && (out[cs[j].name] = v));
		});
		return out;
	});
}

function valueArb(t: AsnType): fc.Arbitrary<AsnValue> {
	switch (t.kind) {
		case 'integer': return integerValueArb(t.range);
		case 'boolean': return fc.boolean();
		case 'null': return fc.constant(null);
		case 'enumerated': return fc.constantFrom(...[...t.root, ...t.additions].map((e) => e.name));
		case 'bitString':
			return lengthArb(t.size).chain((length) =>
				fc.uint8Array({ minLength: (length + 7) >> 3, maxLength: (length + 7) >> 3 }).map((bits) => {
					if (length & 7) bits[bits.length - 1] &= 0xff << (8 - (length & 7));
					return { bits, length };
				})
			);
		case 'octetString': return lengthArb(t.size).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
		case 'charString': return charsArb(t);
		case 'sequence': return sequenceValueArb(t);
		case 'sequenceOf': return lengthArb(t.size).chain((n) => fc.array(valueArb(t.element), { minLength: n, maxLength: n }));
		case 'choice': {
			const alts = [...t.root, ...t.additions];
			return fc.integer({ min: 0, max: alts.length - 1 }).chain((i) => valueArb(alts[i].type).map((v) => ({ [alts[i].name]: v })));
		}
		default: throw new Error(`no generator for ${t.kind}`);
	}
}

const caseArb = typeArb(3).chain((type) => valueArb(type).map((value) => ({ type, value })));

function tiles(nodes: TraceNode[], bits: number): boolean {
	let at = 0;
	for (const n of nodes.filter((x) => x.leaf).sort((a, b) => a.bitOffset - b.bitOffset)) {
		if (n.bitOffset !== at) return false;
		at += n.bitWidth;
	}
	return at === bits;
}

describe('random schema tables and values', () => {
	test('round trip: decode(encode(v)) = v, re-encoding is byte-identical, the trace tiles the bits', () => {
		fc.assert(
			fc.property(caseArb, ({ type, value }) => {
				const bytes = encode(type, value, SET);
				const nodes: TraceNode[] = [];
				const back = decode(type, bytes, SET, { trace: (n) => nodes.push(n) });
				expect(back.value).toEqual(value);
				expect(bytes.length).toBe(Math.max(1, Math.ceil(back.bits / 8)));
				expect(encode(type, back.value, SET)).toEqual(bytes);
				expect(tiles(nodes, back.bits)).toBe(true);
			}),
			{ numRuns: 400 }
		);
	});

	test('truncated or mutated encodings: a value or a UperError, nothing else', () => {
		const damaged = caseArb.chain(({ type, value }) => {
			const bytes = encode(type, value, SET);
			return fc
				.tuple(fc.integer({ min: 0, max: bytes.length }), fc.array(fc.nat(bytes.length * 8 - 1), { maxLength: 4 }), fc.boolean())
				.map(([cut, flips, truncate]) => {
					const out = truncate ? bytes.slice(0, cut) : bytes.slice();
					if (!truncate) for (const f of flips) out[f >> 3] ^= 0x80 >> (f & 7);
					return { type, bytes: out };
				});
		});
		fc.assert(
			fc.property(damaged, ({ type, bytes }) => {
				try {
					decode(type, bytes, SET, { trace: () => {} });
				} catch (e) {
					if (!(e instanceof UperError)) throw e;
					expect(e.bitOffset).toBeGreaterThanOrEqual(0);
					expect(e.bitOffset).toBeLessThanOrEqual(bytes.length * 8);
				}
			}),
			{ numRuns: 600 }
		);
	});

	test('random bytes against random schema tables: a value or a UperError', () => {
		fc.assert(
			fc.property(typeArb(3), fc.uint8Array({ maxLength: 64 }), (type, bytes) => {
				try {
					decode(type, bytes, SET);
				} catch (e) {
					if (!(e instanceof UperError)) throw e;
				}
			}),
			{ numRuns: 600 }
		);
	});
});
