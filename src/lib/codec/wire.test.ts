// The one wire reader's rules, case by case, as protoc 3.21 was seen to apply them (`protoc
// --decode=cv2x.v1.MessageFrame` and `--decode_raw` on each crafted input): decode, the annotated
// dump and raw decode accept and refuse together, and every refusal names a byte offset.
import { describe, expect, it } from 'vitest';
import { decodeFrame, decodeRaw, dumpMessage, Cv2xError } from './index';
import { protocAccepts, protocMissing } from './testing/protoc';

const hex = (s: string) => new Uint8Array(s.split(/\s+/).filter(Boolean).map((b) => parseInt(b, 16)));
function varint(n: number): number[] {
	const out: number[] = [];
	for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
	out.push(n);
	return out;
}
const len = (field: number, body: Uint8Array) => new Uint8Array([...varint((field << 3) | 2), ...varint(body.length), ...body]);
/** n groups of field 127 nested in each other. */
function groups(n: number): Uint8Array {
	const out = new Uint8Array(4 * n);
	for (let i = 0; i < n; i++) out.set([0xfb, 0x07], 2 * i), out.set([0xfc, 0x07], 2 * (n + i));
	return out;
}

/** name, bytes, accepted by --decode (frame), accepted by --decode_raw, offset of the error. */
const CASES: [string, Uint8Array, boolean, boolean, number?][] = [
	['10-byte varint, 10th byte 0x01', hex('f8 07 ff ff ff ff ff ff ff ff ff 01'), true, true],
	['10-byte varint, 10th byte 0x7f (bits past 64 dropped)', hex('f8 07 ff ff ff ff ff ff ff ff ff 7f'), true, true],
	['11-byte varint in an unknown field', hex('f8 07 80 80 80 80 80 80 80 80 80 80 00'), false, false, 2],
	['11-byte varint in a known field', hex('08 80 80 80 80 80 80 80 80 80 80 00'), false, false, 1],
	['7-byte varint in a known uint32 field', hex('08 81 80 80 80 80 80 00'), true, true],
	['5-byte tag', hex('f8 87 80 80 00 01'), true, true],
	['5-byte tag, 5th byte 0x70 (bits past 32 dropped)', hex('f8 87 80 80 70 01'), true, true],
	['6-byte tag', hex('f8 87 80 80 80 00 01'), false, false, 0],
	['field number 2^29-1', hex('f8 ff ff ff 0f 01'), true, true],
	['5-byte length prefix', hex('fa 07 81 80 80 80 00 41'), true, true],
	['6-byte length prefix', hex('fa 07 81 80 80 80 80 00 41'), false, false, 2],
	['length prefix with a 5th byte of 8 (2 GiB)', hex('fa 07 81 80 80 80 08 41'), false, false, 2],
	['length prefix with a 5th byte of 0x10', hex('fa 07 81 80 80 80 10 41'), false, false, 2],
	['field number 0', hex('00 01'), false, false, 0],
	['wire type 6', hex('fe 07 01'), false, false, 0],
	['wire type 7', hex('ff 07 01'), false, false, 0],
	['end group without a start', hex('fc 07'), false, false, 0],
	['end group of another field', hex('fb 07 84 08'), false, false, 2],
	['empty group', hex('fb 07 fc 07'), true, true],
	['group without an end', hex('fb 07'), false, false],
	['100 nested groups', groups(100), true, true],
	['101 nested groups', groups(101), false, false, 200],
	['a BSM holding 99 nested groups', len(2, groups(99)), true, true],
	['a BSM holding 100 nested groups', len(2, groups(100)), false, true],
	['a BSM sent as a group holding 99 nested groups', new Uint8Array([0x13, ...groups(99), 0x14]), true, true],
	['a BSM sent as a group holding 100 nested groups', new Uint8Array([0x13, ...groups(100), 0x14]), false, false],
	['an end group inside a BSM', len(2, hex('fc 07')), false, true],
	['a group opened in a BSM, closed after it', new Uint8Array([...len(2, hex('fb 07')), 0xfc, 0x07]), false, false],
	['a BSM sent as a varint', hex('10 05'), true, true],
	['invalid UTF-8 in a string field', len(16, len(1, len(1, hex('ff fe')))), false, true],
	['valid UTF-8 in a string field', len(16, len(1, len(1, hex('61 62')))), true, true]
];

describe('one wire reader, as strict as protoc', () => {
	it.each(CASES)('%s', (_name, bytes, frame, raw, offset) => {
		let decodeError: Cv2xError | undefined;
		try {
			decodeFrame(bytes);
		} catch (e) {
			expect(e).toBeInstanceOf(Cv2xError);
			decodeError = e as Cv2xError;
		}
		const dump = dumpMessage(bytes);
		expect(!decodeError, 'decode accepts').toBe(frame);
		expect(!dump.error, 'dump accepts').toBe(frame);
		// the same error, at the same place
		expect(decodeError?.message).toBe(dump.error?.message);
		if (decodeError) expect(decodeError.offset).toBeTypeOf('number');
		if (offset !== undefined) expect(decodeError?.offset).toBe(offset);
		const r = decodeRaw(bytes);
		expect(!r.error, 'raw decode accepts').toBe(raw);
		if (r.error) expect(r.error.offset).toBeTypeOf('number');
	});
	it('names the depth and the offset when nesting goes past 100', () => {
		const d = dumpMessage(groups(101));
		expect(d.error?.code).toBe('too_deep');
		expect(d.error?.message).toMatch(/nested 101 deep.*byte offset 200/);
	});
	it('skips 4 MiB of nested groups and 2 M-field messages without recursion', () => {
		// 1 M groups, as deep as the input allows: refused at depth 101, quickly and without a stack overflow
		const deep = groups(1 << 20);
		expect(decodeRaw(deep).error?.code).toBe('too_deep');
		expect(dumpMessage(deep).error?.code).toBe('too_deep');
		expect(() => decodeFrame(deep)).toThrowError(/nested 101 deep/);
	});
	it.skipIf(!!protocMissing())(`protoc agrees on every case${protocMissing() ? ` (skipped: ${protocMissing()})` : ''}`, () => {
		// one run per case: a batch of mostly refused inputs would be split down to them anyway
		expect(CASES.map((c) => protocAccepts([c[1]])[0])).toEqual(CASES.map((c) => c[2]));
	});
});
