import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHex } from './bytes';
import { tiles } from './tree';
import { decodeRaw, formatRaw } from './raw';

describe('schema-less raw decode', () => {
	it('reads varints, nested messages, strings and fixed values like protoc --decode_raw', () => {
		// 1: 150, 2: {1: "hi"}, 3: fixed32 1, 4: fixed64 2, 5: -1 as varint
		const bytes = parseHex('08 96 01 12 04 0a 02 68 69 1d 01 00 00 00 21 02 00 00 00 00 00 00 00 28 ff ff ff ff ff ff ff ff ff 01');
		const d = decodeRaw(bytes);
		expect(d.error).toBeUndefined();
		expect(formatRaw(d.root)).toBe('1: 150\n2 {\n  1: "hi"\n}\n3: 1\n4: 2\n5: 18446744073709551615\n');
		expect(tiles(d.root)).toBe(true);
		expect(d.root.children![4].note).toBe('as int64: -1');
	});
	it('reports truncation with the byte offset and keeps what it read', () => {
		const d = decodeRaw(parseHex('08 01 12 05 0a 02'));
		expect(d.error?.code).toBe('truncated');
		expect(d.error?.offset).toBe(3);
		expect(d.root.children).toHaveLength(1);
	});
	it('rejects a 2 GB length prefix at once, without allocating it', () => {
		const d = decodeRaw(parseHex('0a ff ff ff ff 07 00'));
		expect(d.error?.message).toMatch(/length prefix says 2147483647 bytes but only 1 remain/);
	});
	it('a group covers its fields and its end tag, empty or not', () => {
		for (const hex of ['43 44', '43 08 01 44', '43 08 01 c4 00']) {
			const d = decodeRaw(parseHex(hex));
			expect(d.error, hex).toBeUndefined();
			expect(d.root.children![0].type).toBe('group');
			expect(tiles(d.root), hex).toBe(true);
		}
	});
	it('never throws on any bytes, and what it reads tiles the input', () => {
		fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
			const d = decodeRaw(b);
			if (!d.error) expect(tiles(d.root)).toBe(true);
		}), { numRuns: 2000 });
	});
	it('survives deep nesting', () => {
		let inner = parseHex('08 01');
		for (let i = 0; i < 200; i++) {
			const next = new Uint8Array(inner.length + 2 + (inner.length > 127 ? 1 : 0));
			next[0] = 0x0a;
			let p = 1;
			if (inner.length > 127) { next[p++] = (inner.length & 0x7f) | 0x80; next[p++] = inner.length >> 7; }
			else next[p++] = inner.length;
			next.set(inner, p);
			inner = next.subarray(0, p + inner.length);
		}
		const d = decodeRaw(inner);
		expect(d.error).toBeUndefined();
	});
});
