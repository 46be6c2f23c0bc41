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
		expect(() => detectTextFormat(' {\n  "bsm": { "msgCnt": 1 } }')).toThrowError('the input is a JSON object, not bytes as hex or base64');
		expect(detectTextFormat('{ 0x08, 0x01 }')).toBe('hex');
	});
	it('reads spaced byte pairs with a typo as hex, so the error names the bad digit', () => {
		expect(detectTextFormat('08 0g')).toBe('hex');
		expect(() => parseBytes('08 0g\n')).toThrowError(/"g" is not a hex digit, at text offset 4/);
		expect(detectTextFormat('CAES BAgB EAI=')).toBe('base64');
		expect(detectTextFormat('CAESBAgB\nEAI=')).toBe('base64');
	});
	it('reads hex with a typo as hex (not as base64), so the error names the typo', () => {
		const bsm = '0801128a010817120848c63f7b45a0f5321a0c08ac9ad9f60110d2fab3f503';
		const typo = bsm.slice(0, 20) + 'zz' + bsm.slice(20);
		expect(detectTextFormat(typo)).toBe('hex');
		expect(() => parseBytes(typo)).toThrowError(/"z" is not a hex digit, at text offset 20/);
		expect(() => parseBytes('0x08 0x01 zz')).toThrowError(/"z" is not a hex digit, at text offset 10/);
		expect(() => parseBytes('0x08, 0x01, 0xzz')).toThrowError(/"z" is not a hex digit/);
		// base64 stays base64: whole messages, and text a third of whose characters are hex digits
		expect(detectTextFormat(toBase64(parseHex(bsm)))).toBe('base64');
		fc.assert(fc.property(fc.uint8Array({ minLength: 12, maxLength: 300 }), (b) => {
			const text = toBase64(b);
			if (!/^[0-9a-fA-F]*=*$/.test(text)) expect(detectTextFormat(text)).toBe('base64');
		}), { numRuns: 500 });
	});
	it('keeps binary as binary and parses printable text', () => {
		const bin = new Uint8Array([0x08, 0x01, 0x12, 0x00]);
		expect(readInputBytes(bin)).toBe(bin);
		expect([...readInputBytes(new TextEncoder().encode('08 01\n'))]).toEqual([8, 1]);
		expect([...parseBytes('CAE=')]).toEqual([8, 1]);
	});
});

const hex = (s: string) => toHex(parseBytes(s), ' ');
const errorOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return (e as Error).message;
	}
	throw new Error('no error');
};

describe('text as people paste it (issue 10)', () => {
	it("reads Wireshark's Copy as Hex Dump: the offset and ASCII columns are not data", () => {
		expect(hex('0000  08 01 12 02 08 05   ......')).toBe('08 01 12 02 08 05');
		expect(hex('0000   08 01 12 02 08 05                                 ......\n')).toBe('08 01 12 02 08 05');
	});
	it('reads a multi-line tshark -x dump, with ASCII that looks like hex', () => {
		// tshark -x of an IPv4/UDP packet from `cv2x sim --out x.pcapng` (first 0x67 bytes)
		const dump = [
			'0000  45 00 00 67 00 00 00 00 40 11 70 85 0a 01 00 01   E..g....@.p.....',
			'0010  ff ff ff ff 13 89 13 89 00 53 98 55 08 01 12 47   .........S.U...G',
			'0020  08 39 12 08 4d e0 9b 8c 55 e4 f7 68 18 64 2a 0d   .9..M...U..h.d*.',
			'0030  0d e0 24 b5 17 15 aa b7 74 45 18 d8 04 32 04 08   ..$.....tE...2..',
			'0040  1e 10 14 3a 02 08 09 40 03 48 cd 02 50 b0 5b 6a   ...:...@.H..P.[j',
			'0050  03 08 a6 01 72 02 08 01 7a 08 08 fa 01 10 e8 07   ....r...z.......',
			'0060  18 48 82 01 02 08 19                              .H.....',
			''
		].join('\n');
		const b = parseBytes(dump);
		expect(b.length).toBe(0x67);
		expect(toHex(b.subarray(0, 4))).toBe('45000067');
		expect(toHex(b.subarray(0x60))).toBe('18488201020819');
		// ASCII columns made of hex-looking words are still not data
		expect(hex('0000  de ad be ef 00 11 22 33 44 55 66 77 88 99 aa bb   dead beef cafe 00\n0010  cc dd   ab cd')).toBe('de ad be ef 00 11 22 33 44 55 66 77 88 99 aa bb cc dd');
	});
	it('reads hexdump -C, xxd and od -Ax -tx1', () => {
		expect(hex('00000000  08 01 12 02 08 05                                 |......|\n00000006\n')).toBe('08 01 12 02 08 05');
		expect(hex('00000000  08 01 12 02 08 05 00 00  00 00 00 00 00 00 00 01  |................|\n00000010  02                                                |.|\n00000011')).toBe('08 01 12 02 08 05 00 00 00 00 00 00 00 00 00 01 02');
		expect(hex('00000000: 0801 1202 0805                           ......')).toBe('08 01 12 02 08 05');
		expect(hex('000000 08 01 12 02 08 05\n000006\n')).toBe('08 01 12 02 08 05');
		// hexdump without -C shows byte-swapped 16-bit words: refused, not misread
		expect(errorOf(() => parseBytes('0000000 0108 0212 0508\n0000006\n'))).toMatch(/groups of 4 digits \("0108"\) are only read after an xxd offset .*use hexdump -C, at text offset 8/);
				// lines without an offset (titles) are ignored, as Wireshark does
		expect(hex('Frame (6 bytes):\n0000  08 01 12 02 08 05   ......')).toBe('08 01 12 02 08 05');
	});
	it('refuses dumps whose offsets do not add up, naming the line', () => {
		expect(errorOf(() => parseBytes('0000  08 01 12 02\n0010  08 05'))).toMatch(/line 1 holds 4 bytes but the next offset \(0x10\) says 16, at text offset 0 \(line 1, column 1\)/);
		expect(errorOf(() => parseBytes('0000  08 01   ..\n0000  08 01   ..'))).toMatch(/line 2: a second dump starts here/);
		expect(errorOf(() => parseBytes('0000  08 01   ..\n0004  08 01   ..'))).toMatch(/line 1 holds 2 bytes but the next offset \(0x4\) says 4/);
		expect(errorOf(() => parseBytes('0000  08 01 02 03\n0004  08 01\n0002  01'))).toMatch(/line 3: offset 0x2 but 6 bytes came before, at text offset 30 \(line 3, column 1\)/);
	});
	it('says "odd number of hex digits", never "base64", for an odd digit count', () => {
		expect(errorOf(() => parseBytes('080112040805480'))).toBe('odd number of hex digits (15): the last byte is incomplete');
		expect(detectTextFormat('080112040805480')).toBe('hex');
	});
	it('never regroups digits across separators', () => {
		expect(errorOf(() => parseBytes('8 01'))).toMatch(/odd number of hex digits in "8" at text offset 0: every group must hold whole bytes/);
		expect(errorOf(() => parseBytes('08 1 12'))).toMatch(/odd number of hex digits in "1" at text offset 3/);
		expect(errorOf(() => parseBytes('08:1:12'))).toMatch(/in "1" at text offset 3/);
		expect(errorOf(() => parseBytes('0x8 0x01'))).toMatch(/in "0x8" at text offset 0/);
		expect(errorOf(() => parseBytes('08 01\n12 0'))).toMatch(/in "0" at text offset 9 \(line 2, column 4\)/);
		expect(hex('0801 1202')).toBe('08 01 12 02'); // groups of whole bytes are fine
	});
	it('reads escaped strings', () => {
		for (const s of ['\\x08\\x01', '"\\x08\\x01"', "'\\x08\\x01'", "b'\\x08\\x01'", '"\\x08" "\\x01"', '\\x08 \\x01', '\\X08\\X01'])
			expect(hex(s), s).toBe('08 01');
		expect(hex("b'\\x08\\x01ab\\n\\\\'")).toBe('08 01 61 62 0a 5c');
		expect(errorOf(() => parseBytes('\\x8\\x01'))).toMatch(/\\x wants two hex digits, at text offset 0/);
		expect(errorOf(() => parseBytes('\\x08 z'))).toMatch(/"z" cannot stand outside quotes, at text offset 5/);
		expect(errorOf(() => parseBytes('"\\x08'))).toMatch(/not closed/);
		expect(errorOf(() => parseBytes('"\\x08\\q"'))).toMatch(/unknown escape "\\q", at text offset 5/);
	});
	it('reads C arrays and Python lists', () => {
		for (const s of ['{0x08, 0x01}', '{0x08,0x01,}', 'unsigned char frame[] = { 0x08, 0x01 };', 'const uint8_t f[2] = {0X08, 0x1};', '[8, 1]', '[0x08, 1]'])
			expect(hex(s), s).toBe('08 01');
		expect(errorOf(() => parseBytes('{0x08, 0x100}'))).toMatch(/"0x100" is not a byte \(0x00..0xff or 0..255\), at text offset 7/);
		expect(errorOf(() => parseBytes('[8, 256]'))).toMatch(/"256" is not a byte/);
		expect(errorOf(() => parseBytes('{0x08, 010}'))).toMatch(/"010" is not a byte/);
		expect(errorOf(() => parseBytes('{0x08,, 0x01}'))).toMatch(/empty array element/);
		expect(errorOf(() => parseBytes('{0x08, 0x01'))).toMatch(/not closed/);
		// Wireshark's File › Export Packet Dissections › As C Arrays: the ASCII as comments
		expect(hex('/* Frame (4 bytes) */\nstatic const unsigned char pkt1[4] = {\n0x08, 0x01, 0x12, 0x00 /* .... */\n};\n')).toBe('08 01 12 00');
		expect(hex('{ 0x08, // first\n 0x01 }')).toBe('08 01');
		expect(errorOf(() => parseBytes('char a[] = {0x08};\nchar b[] = {0x01};'))).toMatch(/a second array starts at text offset 30 \(line 2, column 12\); paste one message at a time/);
	});
	it('reads 0x prefixes and quoted hex', () => {
		expect(hex('0x0801')).toBe('08 01');
		expect(hex('0x08 0x01')).toBe('08 01');
		expect(hex('"0801"')).toBe('08 01');
		expect(hex(' "08 01" ')).toBe('08 01');
		expect(errorOf(() => parseBytes('0x'))).toMatch(/"0x" without digits/);
	});
	it('reports base64 errors at their place in the text', () => {
		expect(errorOf(() => parseBase64('CA E*'))).toMatch(/"\*" is not a base64 character, at text offset 4/);
	});
	it('any text gives bytes or a Cv2xError, never another exception', () => {
		const piece = fc.constantFrom('0000', '  ', '08', '0x', '\\x', '"', "b'", '{', '}', '[', ']', ',', '\n', '|', '=', 'ab', 'zz', '0010', ':', '/*', '*/', '//', ' = ');
		const text = fc.oneof(fc.string(), fc.array(piece, { maxLength: 16 }).map((p) => p.join('')));
		fc.assert(fc.property(text, (t) => {
			try {
				expect(parseBytes(t)).toBeInstanceOf(Uint8Array);
			} catch (e) {
				expect(e).toBeInstanceOf(Cv2xError);
			}
		}), { numRuns: 3000 });
	});
	it('costs linear time on huge hostile input (no regex backtracking)', () => {
		// each would take minutes with a backtracking pattern; the bound is the input size itself
		const n = 2_000_000;
		expect(() => parseBytes('='.repeat(n) + 'x')).toThrowError(Cv2xError);
		expect(() => parseHex('0'.repeat(n) + 'g')).toThrowError(/not a hex digit/);
		expect(() => parseBytes('0'.repeat(n) + ' g')).toThrowError(Cv2xError);
		expect(() => parseBytes('{' + '0x1,'.repeat(n / 4) + ' x}')).toThrowError(/not a byte/);
		expect(() => parseBytes('\\x00'.repeat(n / 4) + '\\')).toThrowError(/unknown escape/);
		expect(parseBytes('0000  ' + '00 '.repeat(16) + '\n').length).toBe(16);
		expect(() => parseBytes('0'.repeat(40_000_000))).toThrowError(/limit is/);
	});
});

describe('pasted forms round-trip any bytes', () => {
	const ascii = (b: Uint8Array) => [...b].map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
	const tsharkX = (b: Uint8Array) => {
		const lines: string[] = [];
		for (let o = 0; o < b.length; o += 16) {
			const row = b.subarray(o, o + 16);
			lines.push(`${o.toString(16).padStart(4, '0')}  ${toHex(row, ' ').padEnd(47)}   ${ascii(row)}`);
		}
		return lines.join('\n') + '\n';
	};
	const hexdumpC = (b: Uint8Array) => {
		const lines: string[] = [];
		for (let o = 0; o < b.length; o += 16) {
			const row = b.subarray(o, o + 16);
			const h = toHex(row.subarray(0, 8), ' ') + (row.length > 8 ? '  ' + toHex(row.subarray(8), ' ') : '');
			lines.push(`${o.toString(16).padStart(8, '0')}  ${h.padEnd(48)}  |${ascii(row)}|`);
		}
		return lines.join('\n') + `\n${b.length.toString(16).padStart(8, '0')}\n`;
	};
	it('tshark -x and hexdump -C dumps, C arrays, escaped strings', () => {
		// bytes whose ASCII column looks like hex digits are the hard case: mostly draw from those
		const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...[...'0123456789abcdef '].map((c) => c.charCodeAt(0))));
		fc.assert(fc.property(fc.array(byte, { minLength: 1, maxLength: 80 }).map((a) => Uint8Array.from(a)), (b) => {
			expect(parseBytes(tsharkX(b))).toEqual(b);
			expect(parseBytes(hexdumpC(b))).toEqual(b);
			expect(parseBytes('{' + [...b].map((x) => '0x' + x.toString(16)).join(', ') + '}')).toEqual(b);
			expect(parseBytes([...b].map((x) => '\\x' + x.toString(16).padStart(2, '0')).join(''))).toEqual(b);
		}), { numRuns: 300 });
	});
});
