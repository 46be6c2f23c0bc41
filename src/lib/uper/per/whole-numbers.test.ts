// X.691 10.5–10.9 bricks against hand-computed bits.
import { describe, expect, test } from 'vitest';
import { UperError } from '../errors';
import { BitReader, BitWriter } from './bits';
import {
	readConstrainedWholeNumber,
	readGeneralLength,
	readNormallySmall,
	readNormallySmallLength,
	readSemiConstrainedWholeNumber,
	readUnconstrainedWholeNumber,
	writeConstrainedWholeNumber,
	writeGeneralLength,
	writeNormallySmall,
	writeNormallySmallLength,
	writeSemiConstrainedWholeNumber,
	writeUnconstrainedWholeNumber
} from './whole-numbers';

/** The bits written by `f`, as a '0'/'1' string. */
function bitsOf(f: (w: BitWriter) => void): string {
	const w = new BitWriter();
	f(w);
	const bytes = w.finish();
	return [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('').slice(0, w.bitLength);
}

/** A reader over a '0'/'1' string. */
function readerOf(bits: string): BitReader {
	const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
	const bytes = new Uint8Array(padded.length / 8);
	for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(padded.slice(i * 8, i * 8 + 8), 2);
	const r = new BitReader(bytes);
	r.limit = bits.length;
	return r;
}

describe('bit writer and reader (X.691 10.1, MSB first)', () => {
	test('bits across octet boundaries, up to 53 at a time', () => {
		const w = new BitWriter();
		w.writeBits(0b101, 3);
		w.writeBits(0x1fffffffffffff, 53);
		w.writeBit(0);
		w.writeBigBits(0x123456789abcdef01n, 65);
		const r = new BitReader(w.finish());
		expect(r.readBits(3, '')).toBe(5);
		expect(r.readBits(53, '')).toBe(0x1fffffffffffff);
		expect(r.readBit('')).toBe(0);
		expect(r.readBigBits(65, '')).toBe(0x123456789abcdef01n);
		expect(w.bitLength).toBe(122);
	});
	test('octets copied at any bit position', () => {
		const w = new BitWriter();
		w.writeBit(1);
		w.writeOctets(Uint8Array.of(0xff, 0x00, 0xa5));
		w.writeBitsFrom(Uint8Array.of(0xc0), 2);
		expect(bitsOf((x) => x.writeOctets(Uint8Array.of(0x81)))).toBe('10000001');
		const r = new BitReader(w.finish());
		expect(r.readBit('')).toBe(1);
		expect([...r.readBitsInto(24, '')]).toEqual([0xff, 0x00, 0xa5]);
		expect([...r.readBitsInto(2, '')]).toEqual([0xc0]);
	});
	test('reading past the end is a UperError naming offset and path', () => {
		const r = new BitReader(Uint8Array.of(0xff));
		r.readBits(5, 'a.b');
		const e = (() => {
			try {
				r.readBits(4, 'a.b');
			} catch (err) {
				return err as UperError;
			}
		})();
		expect(e).toBeInstanceOf(UperError);
		expect(e?.code).toBe('truncated');
		expect(e?.bitOffset).toBe(5);
		expect(e?.path).toBe('a.b');
		expect(e?.message).toMatch(/a\.b.*bit offset 5/);
	});
});

describe('X.691 10.5 constrained whole number', () => {
	test.each([
		[5, 0, 255, '00000101'],
		[0, 0, 0, ''],
		[3, 3, 3, ''],
		[1, 0, 1, '1'],
		[7, 0, 7, '111'],
		[8, 0, 8, '1000'],
		[-1, -1, 0, '0'],
		[0, -900000000, 900000001, '0110101101001001110100100000000'],
		[4294967295, 0, 4294967295, '1'.repeat(32)]
	])('%d in %d..%d -> %s', (v, lb, ub, bits) => {
		expect(bitsOf((w) => writeConstrainedWholeNumber(w, v, lb, ub))).toBe(bits);
		expect(readConstrainedWholeNumber(readerOf(bits), lb, ub, '')).toBe(v);
	});
	test('bigint bounds beyond 2^53', () => {
		const lb = -(2n ** 63n);
		const ub = 2n ** 63n - 1n;
		const bits = bitsOf((w) => writeConstrainedWholeNumber(w, 1, lb, ub));
		expect(bits).toBe('1' + '0'.repeat(62) + '1');
		expect(readConstrainedWholeNumber(readerOf(bits), lb, ub, '')).toBe(1);
		expect(readConstrainedWholeNumber(readerOf('1'.repeat(64)), lb, ub, '')).toBe(ub);
	});
	test('bits above ub are out_of_range', () => {
		expect(() => readConstrainedWholeNumber(readerOf('111'), 0, 5, 'x')).toThrow(/above the upper bound 5 at x \(bit offset 0\)/);
	});
});

describe('X.691 10.6 normally small non-negative whole number', () => {
	test.each([
		[0, '0000000'],
		[63, '0111111'],
		[64, '1' + '00000001' + '01000000'],
		[300, '1' + '00000010' + '0000000100101100']
	])('%d -> %s', (n, bits) => {
		expect(bitsOf((w) => writeNormallySmall(w, n))).toBe(bits);
		expect(readNormallySmall(readerOf(bits), '')).toBe(n);
	});
	test('normally small length (10.9.3.4): n - 1 in 6 bits up to 64', () => {
		expect(bitsOf((w) => writeNormallySmallLength(w, 1))).toBe('0000000');
		expect(bitsOf((w) => writeNormallySmallLength(w, 64))).toBe('0111111');
		expect(bitsOf((w) => writeNormallySmallLength(w, 65))).toBe('1' + '01000001');
		expect(readNormallySmallLength(readerOf('1' + '01000001'), '')).toBe(65);
	});
});

describe('X.691 10.7 semi-constrained and 10.8 unconstrained whole numbers', () => {
	test.each([
		[0, 0, '00000001 00000000'],
		[256, 0, '00000010 00000001 00000000'],
		[5, 5, '00000001 00000000'],
		[-3, -10, '00000001 00000111']
	])('semi-constrained %d (lb %d) -> %s', (v, lb, bits) => {
		const b = bits.replace(/ /g, '');
		expect(bitsOf((w) => writeSemiConstrainedWholeNumber(w, v, lb))).toBe(b);
		expect(readSemiConstrainedWholeNumber(readerOf(b), lb, '')).toBe(v);
	});
	test.each([
		[0, '01 00'],
		[-1, '01 ff'],
		[127, '01 7f'],
		[128, '02 00 80'],
		[-128, '01 80'],
		[-129, '02 ff 7f'],
		[2 ** 53, '07 20 00 00 00 00 00 00']
	])('unconstrained %d -> %s', (v, hex) => {
		const bits = hex.split(' ').map((h) => parseInt(h, 16).toString(2).padStart(8, '0')).join('');
		expect(bitsOf((w) => writeUnconstrainedWholeNumber(w, v))).toBe(bits);
		const back = readUnconstrainedWholeNumber(readerOf(bits), '');
		expect(back).toBe(Number.isSafeInteger(v) ? v : BigInt(v));
	});
	test('non-minimal octets are accepted on decode', () => {
		expect(readUnconstrainedWholeNumber(readerOf('00000010' + '11111111' + '11111111'), '')).toBe(-1);
		expect(readSemiConstrainedWholeNumber(readerOf('00000010' + '00000000' + '00000101'), 0, '')).toBe(5);
	});
	test('a zero-octet length is bad_length', () => {
		expect(() => readUnconstrainedWholeNumber(readerOf('00000000'), 'n')).toThrow(UperError);
	});
});

describe('X.691 10.9 general length determinant', () => {
	test.each([
		[0, '00000000', false, 0],
		[127, '01111111', false, 127],
		[128, '1000000010000000', false, 128],
		[16383, '1011111111111111', false, 16383],
		[16384, '11000001', true, 16384],
		[70000, '11000100', true, 65536],
		[50000, '11000011', true, 49152]
	])('%d -> %s', (n, bits, more, count) => {
		const w = new BitWriter();
		expect(writeGeneralLength(w, n)).toEqual({ count, more });
		expect(bitsOf((x) => writeGeneralLength(x, n))).toBe(bits);
		expect(readGeneralLength(readerOf(bits), '')).toEqual({ count, more });
	});
	test('a two-octet length below 128 is accepted; a fragment of 5 x 16K is not', () => {
		expect(readGeneralLength(readerOf('1000000000000101'), '')).toEqual({ count: 5, more: false });
		expect(() => readGeneralLength(readerOf('11000101'), 'p')).toThrow(/fragment multiplier 5/);
		expect(() => readGeneralLength(readerOf('11000000'), 'p')).toThrow(UperError);
	});
});
