import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectTextFormat, parseBase64, parseBytes, parseHex, readInputBytes, toBase64, toHex } from './bytes';
import { Cv2xError } from './errors';

describe('hex', () => {
	it('accepts the spellings people paste', () => {
		const want = [0x08, 0x01, 0x12, 0xab];
		for (const s of ['080112ab', '08 01 12 AB', '0x08 0x01 0x12 0xab', '08:01:12:ab', '0x080112ab', '08-01-12-ab', '08,01,12,ab', '  08 01\n12\tab  '])
			expect([...parseHex(s)], s).toEqual(want);
	});
	it('names the offending character and its offset', () => {
		expect(() => parseHex('08 0g')).toThrowError(/"g" is not a hex digit, at text offset 4/);
		expect(() => parseHex('080')).toThrowError(/odd number of hex digits/);
		expect(() => parseHex('   ')).toThrowError(Cv2xError);
	});
	it('round-trips any bytes', () => {
		fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
			if (b.length === 0) return;
			expect(parseHex(toHex(b, ' '))).toEqual(b);
		}));
	});
});

describe('base64', () => {
	it('matches Node for any bytes, padded and url forms', () => {
		fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (b) => {
			const std = Buffer.from(b).toString('base64');
			expect(toBase64(b)).toBe(std);
			expect(toBase64(b, true)).toBe(Buffer.from(b).toString('base64url'));
			expect(parseBase64(std)).toEqual(b);
			expect(parseBase64(Buffer.from(b).toString('base64url'))).toEqual(b);
		}));
	});
	it('rejects characters outside the alphabet with their offset', () => {
		expect(() => parseBase64('CAE*')).toThrowError(/"\*" is not a base64 character, at text offset 3/);
		expect(() => parseBase64('C')).toThrowError(/impossible/);
	});
});

describe('format detection', () => {
	it('tells hex from base64', () => {
		expect(detectTextFormat('08 01 12 ab')).toBe('hex');
		expect(detectTextFormat('0x0801')).toBe('hex');
		expect(detectTextFormat('CAESBAgBEAI=')).toBe('base64');
		expect(detectTextFormat('CAESBAgBEAI')).toBe('base64');
		expect(() => detectTextFormat('hello, world!')).toThrowError(/neither hex nor base64/);
	});
	it('keeps binary as binary and parses printable text', () => {
		const bin = new Uint8Array([0x08, 0x01, 0x12, 0x00]);
		expect(readInputBytes(bin)).toBe(bin);
		expect([...readInputBytes(new TextEncoder().encode('08 01\n'))]).toEqual([8, 1]);
		expect([...parseBytes('CAE=')]).toEqual([8, 1]);
	});
});
