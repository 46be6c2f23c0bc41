// Every type kind against hand-computed bits (X.691 clauses named per test), both ways.
import { describe, expect, test } from 'vitest';
import { UperError } from '../errors';
import type { AsnType, AsnValue, SchemaSet, SequenceType } from '../schema';
import { decode, encode } from './codec';
import { valuesEqual } from './equal';
import type { TraceNode } from './context';

const EMPTY: SchemaSet = { name: 'test', types: {} };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));

/** Encodes to `expected` hex, decodes back to `value` in exactly `bits` bits. */
function roundTrip(type: AsnType, value: AsnValue, expected: string, bits: number, set = EMPTY): void {
	const bytes = encode(type, value, set);
	expect(hex(bytes)).toBe(expected.replace(/ /g, ''));
	const back = decode(type, bytes, set);
	expect(back.value).toEqual(value);
	expect(back.bits).toBe(bits);
}

function errorOf(f: () => unknown): UperError {
	try {
		f();
	} catch (e) {
		if (e instanceof UperError) return e;
		throw e;
	}
	throw new Error('no error');
}

describe('X.691 11 BOOLEAN, 24 NULL', () => {
	test('true is one bit 1; NULL takes none (an empty encoding is one zero octet)', () => {
		roundTrip({ kind: 'boolean' }, true, '80', 1);
		roundTrip({ kind: 'boolean' }, false, '00', 1);
		roundTrip({ kind: 'null' }, null, '00', 0);
	});
});

describe('X.691 12 INTEGER', () => {
	const byte: AsnType = { kind: 'integer', range: { lb: 0, ub: 255 } };
	test('INTEGER(0..255) 5 -> 00000101', () => roundTrip(byte, 5, '05', 8));
	test('INTEGER(-900000000..900000001): latitude in 31 bits', () => {
		const lat: AsnType = { kind: 'integer', range: { lb: -900000000, ub: 900000001 } };
		roundTrip(lat, 0, '6b49d200', 31);
		roundTrip(lat, -900000000, '00000000', 31);
		roundTrip(lat, 900000001, 'd693a402', 31);
		roundTrip(lat, 399123456, '9ade1a00', 31);
	});
	test('extensible range: extension bit, then the root form or an unconstrained number', () => {
		const ext: AsnType = { kind: 'integer', range: { lb: 0, ub: 127, extensible: true } };
		roundTrip(ext, 5, '05', 8);
		// 1 | length 00000010 | 00000000 11001000
		roundTrip(ext, 200, '81006400', 25);
		roundTrip(ext, -1, '80ff80', 17);
	});
	test('semi-constrained and unconstrained', () => {
		roundTrip({ kind: 'integer', range: { lb: 0 } }, 256, '020100', 24);
		roundTrip({ kind: 'integer', range: { lb: -5 } }, -5, '0100', 16);
		roundTrip({ kind: 'integer' }, -129, '02ff7f', 24);
		roundTrip({ kind: 'integer', range: { ub: 10 } }, -2, '01fe', 16);
		roundTrip({ kind: 'integer' }, 2n ** 70n, '09400000000000000000', 80);
	});
	test('out of a non-extensible range: out_of_range with the path; a decoded value above ub too', () => {
		const e = errorOf(() => encode(byte, 256, EMPTY));
		expect(e.code).toBe('out_of_range');
		const seq: AsnType = { kind: 'sequence', extensible: false, additions: [], components: [{ name: 'n', type: { kind: 'integer', range: { lb: 0, ub: 4 } } }] };
		const d = errorOf(() => decode(seq, fromHex('e0'), EMPTY));
		expect([d.code, d.path, d.bitOffset]).toEqual(['out_of_range', 'n', 0]);
		expect(errorOf(() => encode({ kind: 'integer' }, 1.5, EMPTY)).code).toBe('bad_value');
	});
});

describe('X.691 13 ENUMERATED', () => {
	const plain: AsnType = { kind: 'enumerated', extensible: false, additions: [], root: [{ name: 'a', value: 0 }, { name: 'b', value: 1 }, { name: 'c', value: 2 }] };
	const ext: AsnType = {
		kind: 'enumerated',
		extensible: true,
		root: [{ name: 'b', value: 5 }, { name: 'a', value: 1 }],
		additions: [{ name: 'z', value: 9 }, { name: 'y', value: 7 }]
	};
	test('root index as a constrained whole number', () => {
		roundTrip(plain, 'c', '80', 2);
		roundTrip(plain, 'a', '00', 2);
	});
	test('root sorted by value; additions as extension bit + normally small index', () => {
		roundTrip(ext, 'a', '00', 2);
		roundTrip(ext, 'b', '40', 2);
		roundTrip(ext, 'y', '80', 8);
		roundTrip(ext, 'z', '81', 8);
		expect(decode(ext, fromHex('85'), EMPTY).value).toBe('#5');
		expect(hex(encode(ext, '#5', EMPTY))).toBe('85');
		expect(errorOf(() => encode(plain, 'd', EMPTY)).code).toBe('bad_enum');
	});
});

describe('X.691 16 BIT STRING, 17 OCTET STRING', () => {
	const bits = (hexBits: string, length: number) => ({ bits: fromHex(hexBits), length });
	test('fixed size: no length', () => {
		roundTrip({ kind: 'bitString', size: { lb: 8, ub: 8 } }, bits('a5', 8), 'a5', 8);
		roundTrip({ kind: 'bitString', size: { lb: 4, ub: 4 } }, bits('a0', 4), 'a0', 4);
		roundTrip({ kind: 'octetString', size: { lb: 2, ub: 2 } }, fromHex('beef'), 'beef', 16);
	});
	test('extensible size: extension bit, the root, or a general length outside it', () => {
		const t: AsnType = { kind: 'bitString', size: { lb: 8, ub: 8, extensible: true } };
		roundTrip(t, bits('ff', 8), '7f80', 9);
		// 1 | 00001001 | 9 bits 111111111
		roundTrip(t, bits('ff80', 9), '84ffc0', 18);
	});
	test('ranged size: constrained length', () => {
		roundTrip({ kind: 'octetString', size: { lb: 1, ub: 4 } }, fromHex('0102'), '404080', 18);
		roundTrip({ kind: 'bitString', size: { lb: 0, ub: 7 } }, bits('', 0), '00', 3);
	});
	test('named bits: trailing zero bits removed (16.2), kept to lb', () => {
		const t: AsnType = { kind: 'bitString', namedBits: { a: 0, b: 1 }, size: { lb: 1, ub: 16 } };
		expect(hex(encode(t, bits('4000', 16), EMPTY))).toBe('14');
		expect(decode(t, fromHex('14'), EMPTY).value).toEqual(bits('40', 2));
		expect(hex(encode(t, bits('00', 8), EMPTY))).toBe('00');
	});
	test('named bits under a fixed size (16.3): trailing zeros cut or added to the size', () => {
		const t: AsnType = { kind: 'bitString', namedBits: { a: 0, b: 1 }, size: { lb: 16, ub: 16 } };
		expect(hex(encode(t, bits('c0', 2), EMPTY))).toBe('c000');
		expect(hex(encode(t, bits('c00000', 20), EMPTY))).toBe('c000');
		// A 1 bit past the size cannot be cut: the value does not fit.
		expect(errorOf(() => encode(t, bits('c00020', 20), EMPTY)).code).toBe('bad_size');
	});
	test('named bits under SIZE(13, ...) (VehicleEventFlags): inside the root unless a bit past 13 is set', () => {
		const t: AsnType = { kind: 'bitString', namedBits: { a: 0, m: 12 }, size: { lb: 13, ub: 13, extensible: true } };
		// 0 | 13 zero bits: nothing set, whatever length the value was given with.
		for (const v of [bits('', 0), bits('0000', 13), bits('000000', 20)]) expect(hex(encode(t, v, EMPTY))).toBe('0000');
		// 0 | 1000000000001
		expect(hex(encode(t, bits('800800', 18), EMPTY))).toBe('4004');
		// 1 | length 16 (00010000) | 1000000000000001: bit 15 is beyond the root.
		expect(hex(encode(t, bits('800100', 20), EMPTY))).toBe('88400080');
		expect(decode(t, fromHex('88400080'), EMPTY).value).toEqual(bits('8001', 16));
	});
	test('valuesEqual with the type: named bit strings equal up to trailing zero bits', () => {
		const named: AsnType = { kind: 'bitString', namedBits: { a: 0 }, size: { lb: 13, ub: 13, extensible: true } };
		const plain: AsnType = { kind: 'bitString' };
		const seq: AsnType = { kind: 'sequence', components: [{ name: 'e', type: { kind: 'ref', name: 'Flags' } }, { name: 'p', type: plain }], extensible: false, additions: [] };
		const set: SchemaSet = { name: 't', types: { Flags: named } };
		const a = { e: bits('8000', 13), p: bits('80', 1) };
		expect(valuesEqual(a, { e: bits('800000', 20), p: bits('80', 1) }, seq, set)).toBe(true);
		expect(valuesEqual(a, { e: bits('800000', 20), p: bits('80', 1) })).toBe(false);
		expect(valuesEqual(a, { e: bits('c000', 13), p: bits('80', 1) }, seq, set)).toBe(false);
		// A DEFAULT named bit string is compared the same way (X.691 19.5 with 16.3): all-zero bits equal an empty DEFAULT.
		const withDefault: AsnType = { kind: 'sequence', components: [{ name: 'f', type: { kind: 'bitString', namedBits: { a: 0 }, size: { lb: 0, ub: 8 } }, default: bits('', 0) }], extensible: false, additions: [] };
		expect(hex(encode(withDefault, { f: bits('00', 5) }, EMPTY))).toBe('00');
		// 1 | length 2 (0010) | 01
		expect(hex(encode(withDefault, { f: bits('40', 5) }, EMPTY))).toBe('92');
		// Without named bits the length is part of the value.
		expect(valuesEqual(a, { e: bits('8000', 13), p: bits('80', 2) }, seq, set)).toBe(false);
	});
	test('unconstrained lengths: one octet, two octets, 16K fragments and a final length', () => {
		roundTrip({ kind: 'octetString' }, fromHex('0a0b'), '020a0b', 24);
		const t: AsnType = { kind: 'octetString' };
		const big = new Uint8Array(70000).map((_, i) => (i * 7) & 0xff);
		const bytes = encode(t, big, EMPTY);
		expect(bytes.length).toBe(1 + 65536 + 2 + 4464);
		expect(bytes[0]).toBe(0xc4);
		expect(hex(bytes.subarray(65537, 65539))).toBe('9170');
		const back = decode(t, bytes, EMPTY);
		expect(back.value).toEqual(big);
		expect(back.bits).toBe(bytes.length * 8);
		const exact = encode(t, new Uint8Array(16384), EMPTY);
		expect([exact.length, exact[0], exact[exact.length - 1]]).toEqual([16386, 0xc1, 0]);
		expect((decode(t, exact, EMPTY).value as Uint8Array).length).toBe(16384);
	});
	test('a size outside a non-extensible constraint is bad_size', () => {
		expect(errorOf(() => encode({ kind: 'octetString', size: { lb: 2, ub: 2 } }, fromHex('01'), EMPTY)).code).toBe('bad_size');
		expect(errorOf(() => decode({ kind: 'octetString', size: { lb: 2, ub: 300000 } }, fromHex('0100'), EMPTY)).code).toBe('bad_size');
	});
	test('non-canonical: a two-octet length where one would do', () => {
		expect(decode({ kind: 'octetString' }, fromHex('8001ff'), EMPTY).value).toEqual(fromHex('ff'));
	});
});

describe('X.691 30 character strings', () => {
	test('IA5String SIZE(1..63): 6-bit length, 7 bits per character', () => {
		roundTrip({ kind: 'charString', stringKind: 'IA5String', size: { lb: 1, ub: 63 } }, 'Hi', '064690', 20);
	});
	test('NumericString: 4 bits per character, index in the alphabet', () => {
		roundTrip({ kind: 'charString', stringKind: 'NumericString' }, '12', '0223', 16);
		roundTrip({ kind: 'charString', stringKind: 'NumericString', size: { lb: 2, ub: 2 } }, ' 9', '0a', 8);
	});
	test('PermittedAlphabet FROM("ABCD"): 2 bits per character, remapped', () => {
		roundTrip({ kind: 'charString', stringKind: 'IA5String', alphabet: 'ABCD', size: { lb: 3, ub: 3 } }, 'DAB', 'c4', 6);
		// FROM("01"): codes 48, 49 need remapping to 1 bit
		roundTrip({ kind: 'charString', stringKind: 'VisibleString', alphabet: '01', size: { lb: 4, ub: 4 } }, '0110', '60', 4);
	});
	test('PrintableString and VisibleString: 7 bits, codes as they are', () => {
		roundTrip({ kind: 'charString', stringKind: 'PrintableString', size: { lb: 1, ub: 1 } }, 'A', '82', 7);
		roundTrip({ kind: 'charString', stringKind: 'VisibleString' }, '~', '01fc', 15);
	});
	test('UTF8String: octets with a general length', () => {
		roundTrip({ kind: 'charString', stringKind: 'UTF8String' }, 'é', '02c3a9', 24);
		expect(errorOf(() => decode({ kind: 'charString', stringKind: 'UTF8String' }, fromHex('01ff'), EMPTY)).code).toBe('bad_utf8');
	});
	test('a character outside the alphabet is bad_char both ways', () => {
		expect(errorOf(() => encode({ kind: 'charString', stringKind: 'NumericString' }, '1a', EMPTY)).code).toBe('bad_char');
		expect(errorOf(() => encode({ kind: 'charString', stringKind: 'IA5String' }, 'é', EMPTY)).code).toBe('bad_char');
		expect(errorOf(() => decode({ kind: 'charString', stringKind: 'NumericString' }, fromHex('01f0'), EMPTY)).code).toBe('bad_char');
	});
});

const int3: AsnType = { kind: 'integer', range: { lb: 0, ub: 7 } };
const seqExt: AsnType = {
	kind: 'sequence',
	components: [{ name: 'a', type: int3 }, { name: 'b', type: { kind: 'boolean' }, optional: true }],
	extensible: true,
	additions: [
		{ group: false, components: [{ name: 'c', type: int3 }] },
		{ group: true, components: [{ name: 'd', type: int3 }, { name: 'e', type: { kind: 'boolean' }, optional: true }] }
	]
};

describe('X.691 19 SEQUENCE', () => {
	test('extension bit, preamble, components', () => {
		roundTrip(seqExt, { a: 5 }, '28', 5);
		roundTrip(seqExt, { a: 5, b: true }, '6c', 6);
	});
	test('extension additions: bitmap length, bitmap, each addition as an open type', () => {
		// 1 0 101 | 0000001 (2 additions) | 10 | 00000001 01100000
		roundTrip(seqExt, { a: 5, c: 3 }, 'a8 18 05 80', 30);
		// group [[d, e OPTIONAL]] as a SEQUENCE: preamble 1, d 010, e 1 -> 10101000
		roundTrip(seqExt, { a: 5, d: 2, e: true }, 'a81406a0', 30);
	});
	test('unknown additions are kept raw under #ext<n> and written back', () => {
		const older: AsnType = { ...(seqExt as SequenceType), additions: [] };
		const bytes = encode(seqExt, { a: 5, c: 3, d: 2 }, EMPTY);
		const back = decode(older, bytes, EMPTY).value;
		expect(back).toEqual({ a: 5, '#ext0': fromHex('60'), '#ext1': fromHex('20') });
		expect(hex(encode(older, back, EMPTY))).toBe(hex(bytes));
		const known = decode(seqExt, bytes, EMPTY).value;
		expect(known).toEqual({ a: 5, c: 3, d: 2 });
	});
	test('root components after the additions are encoded with the root', () => {
		const t: AsnType = { kind: 'sequence', components: [{ name: 'a', type: int3 }], extensible: true, additions: [{ group: false, components: [{ name: 'c', type: int3 }] }], trailingRoot: [{ name: 'z', type: { kind: 'boolean' }, optional: true }] };
		// 0 | preamble 1 | a 001 | z 0
		roundTrip(t, { a: 1, z: false }, '48', 6);
	});
	test('DEFAULT: omitted when equal (canonical), decoded as a missing key; present values accepted', () => {
		const t: AsnType = { kind: 'sequence', extensible: false, additions: [], components: [{ name: 'x', type: int3, default: 3 }] };
		roundTrip(t, { x: 4 }, 'c0', 4);
		expect(hex(encode(t, { x: 3 }, EMPTY))).toBe('00');
		expect(decode(t, fromHex('b0'), EMPTY).value).toEqual({ x: 3 });
	});
	test('a missing mandatory component or a stranger key names its path', () => {
		const e = errorOf(() => encode(seqExt, { b: true }, EMPTY));
		expect([e.code, e.path]).toEqual(['missing_component', 'a']);
		expect(errorOf(() => encode(seqExt, { a: 1, q: 1 }, EMPTY)).path).toBe('q');
	});
});

describe('X.691 20 SEQUENCE OF, 23 CHOICE', () => {
	test('SEQUENCE (SIZE(1..4)) OF INTEGER(0..7)', () => {
		roundTrip({ kind: 'sequenceOf', element: int3, size: { lb: 1, ub: 4 } }, [1, 2, 3], '8a60', 11);
	});
	const choice: AsnType = {
		kind: 'choice',
		root: [{ name: 'x', type: { kind: 'integer', range: { lb: 0, ub: 3 } } }, { name: 'y', type: { kind: 'boolean' } }],
		extensible: true,
		additions: [{ name: 'z', type: { kind: 'boolean' } }]
	};
	test('root index, extension bit, addition index + open type', () => {
		roundTrip(choice, { y: true }, '60', 3);
		roundTrip(choice, { z: true }, '80 01 80', 24);
		expect(decode(choice, fromHex('810100'), EMPTY).value).toEqual({ '#ext1': fromHex('00') });
		expect(hex(encode(choice, { '#ext1': fromHex('00') }, EMPTY))).toBe('810100');
		expect(errorOf(() => encode(choice, { x: 1, y: true }, EMPTY)).code).toBe('bad_choice');
	});
	test('a lone root alternative takes no index bits', () => {
		roundTrip({ kind: 'choice', root: [{ name: 'only', type: { kind: 'boolean' } }], extensible: false, additions: [] }, { only: true }, '80', 1);
	});
});

const frameSet: SchemaSet = {
	name: 'frames',
	types: {
		Id: { kind: 'integer', range: { lb: 0, ub: 32767 } },
		Ext: {
			kind: 'sequence',
			extensible: true,
			additions: [],
			components: [
				{ name: 'messageId', type: { kind: 'ref', name: 'Id' } },
				{ name: 'value', type: { kind: 'openType', table: { keyComponent: 'messageId', types: { '1': { kind: 'boolean' }, '2': { kind: 'ref', name: 'Byte' }, '3': { kind: 'null' } }, extensible: true } } }
			]
		},
		Byte: { kind: 'integer', range: { lb: 0, ub: 255 } }
	}
};

describe('open types (X.691 10.2) selected by a table', () => {
	test('the key picks the type; unknown keys keep raw octets', () => {
		const t: AsnType = { kind: 'ref', name: 'Ext' };
		// extension bit 0 | messageId 000000000000010 | length 00000001 | 00000111
		roundTrip(t, { messageId: 2, value: 7 }, '00 02 01 07', 32, frameSet);
		roundTrip(t, { messageId: 3, value: null }, '00 03 01 00', 32, frameSet);
		roundTrip(t, { messageId: 9, value: fromHex('abcd') }, '00 09 02 ab cd', 40, frameSet);
		expect(errorOf(() => encode(t, { messageId: 9, value: 1 }, frameSet)).code).toBe('bad_open_type');
	});
	test('contents longer than the inner value are bad_open_type; shorter are truncated', () => {
		const t: AsnType = { kind: 'ref', name: 'Ext' };
		expect(errorOf(() => decode(t, fromHex('0002020e00'), frameSet)).code).toBe('bad_open_type');
		const e = errorOf(() => decode(t, fromHex('000200'), frameSet));
		expect([e.code, e.path]).toEqual(['truncated', 'value']);
	});
	test('an unknown type name is unknown_type', () => {
		expect(errorOf(() => encode('Nope', 1, frameSet)).code).toBe('unknown_type');
	});
});

describe('hostile input fails fast', () => {
	test('a huge announced length with no data behind it', () => {
		const e = errorOf(() => decode({ kind: 'octetString' }, fromHex('c4'), EMPTY));
		expect(e.code).toBe('truncated');
		expect(e.bitOffset).toBe(8);
	});
	test('endless fragments of elements that take no bits', () => {
		const t: AsnType = { kind: 'sequenceOf', element: { kind: 'null' } };
		expect(errorOf(() => decode(t, new Uint8Array(1000).fill(0xc4), EMPTY)).code).toBe('too_large');
	});
	test('values nested too deep', () => {
		const set: SchemaSet = { name: 'loop', types: { L: { kind: 'sequenceOf', element: { kind: 'ref', name: 'L' } } } };
		expect(errorOf(() => decode('L', new Uint8Array(200).fill(1), set)).code).toBe('too_deep');
	});
});

describe('trace: every field with its bits; the leaves tile the input', () => {
	test('nodes for a sequence with additions and an open type', () => {
		const nodes: TraceNode[] = [];
		const set = { ...frameSet, types: { ...frameSet.types, S: seqExt } };
		const outer: AsnType = { kind: 'sequence', extensible: false, additions: [], components: [{ name: 's', type: { kind: 'ref', name: 'S' } }, { name: 'f', type: { kind: 'ref', name: 'Ext' } }, { name: 't', type: { kind: 'charString', stringKind: 'IA5String' } }] };
		const value = { s: { a: 5, b: false, c: 3, d: 1 }, f: { messageId: 2, value: 200 }, t: 'ok' };
		const bytes = encode(outer, value, set);
		const { bits } = decode(outer, bytes, set, { trace: (n) => nodes.push(n) });
		const leaves = nodes.filter((n) => n.leaf).sort((a, b) => a.bitOffset - b.bitOffset);
		let at = 0;
		for (const n of leaves) {
			expect(n.bitOffset).toBe(at);
			at += n.bitWidth;
		}
		expect(at).toBe(bits);
		const roles = new Set(leaves.map((n) => n.role));
		for (const r of ['extension-bit', 'preamble', 'bitmap-length', 'extension-bitmap', 'open-type-length', 'padding', 'length', 'value'])
			expect(roles).toContain(r);
		const field = (p: string) => nodes.find((n) => n.role === 'field' && n.path === p)!;
		expect(field('s.a')).toMatchObject({ bitWidth: 3, value: 5 });
		expect(field('f.value')).toMatchObject({ bitWidth: 8, value: 200, typeName: 'Byte' });
		expect(field('s').typeName).toBe('S');
		expect(field('')).toMatchObject({ bitOffset: 0, bitWidth: bits });
	});
});

describe('long whole numbers', () => {
	test('a 16383-octet unconstrained INTEGER decodes (linear time) to the bigint it holds', () => {
		const bytes = new Uint8Array(2 + 16383).fill(0x11);
		bytes[0] = 0xbf;
		bytes[1] = 0xff;
		const { value, bits } = decode({ kind: 'integer' }, bytes, EMPTY);
		expect(bits).toBe(bytes.length * 8);
		expect(value).toBe(BigInt('0x' + '11'.repeat(16383)));
		expect(encode({ kind: 'integer' }, value, EMPTY)).toEqual(bytes);
	});
});

describe('decode with complete: the value fills the input', () => {
	const byte: AsnType = { kind: 'integer', range: { lb: 0, ub: 7 } };
	test('zero padding up to the octet boundary and nothing after', () => {
		expect(decode(byte, fromHex('a0'), EMPTY, { complete: true })).toEqual({ value: 5, bits: 3 });
		expect(decode({ kind: 'null' }, fromHex('00'), EMPTY, { complete: true }).bits).toBe(0);
	});
	test('octets after the value, non-zero padding or no octet at all are refused', () => {
		const after = errorOf(() => decode(byte, fromHex('a000'), EMPTY, { complete: true }));
		expect([after.code, after.bitOffset]).toEqual(['trailing_bits', 8]);
		expect(decode(byte, fromHex('a000'), EMPTY).bits).toBe(3);
		const padding = errorOf(() => decode(byte, fromHex('a1'), EMPTY, { complete: true }));
		expect([padding.code, padding.bitOffset]).toEqual(['trailing_bits', 3]);
		expect(errorOf(() => decode({ kind: 'null' }, new Uint8Array(0), EMPTY, { complete: true })).code).toBe('truncated');
	});
});
