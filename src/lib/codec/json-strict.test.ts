// proto3 JSON input, strictly: each small input of issue 10 with its right value or error.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cv2xError, encodeFrame, frameJson, parseJsonText, toHex } from './index';
import { memberSpan, readJson } from './json-reader';

const parse = (text: string) => frameJson.from(parseJsonText(text));
const hexOf = (text: string) => toHex(encodeFrame(parse(text), { validate: false }));
function errorOf(fn: () => unknown): Cv2xError {
	try {
		fn();
	} catch (e) {
		if (e instanceof Cv2xError) return e;
		throw e;
	}
	throw new Error('expected a Cv2xError');
}

describe('JSON reader', () => {
	it('reads what JSON.parse reads, for any JSON value', () => {
		fc.assert(fc.property(fc.jsonValue(), (v) => {
			const t = JSON.stringify(v);
			expect(readJson(t)).toEqual(JSON.parse(t));
			expect(readJson(JSON.stringify(v, null, 2))).toEqual(JSON.parse(t));
		}), { numRuns: 300 });
	});
	it('agrees with JSON.parse on any text, except for what it refuses on purpose', () => {
		const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"\\ud800"', '1', '-0', '1e2', 'true', 'null', ' ', '"', '\\', 'x', '01', '"k"');
		const text = fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.jsonValue().map((v) => JSON.stringify(v)));
		fc.assert(fc.property(text, (t) => {
			let want: unknown;
			let ok = true;
			try {
				want = JSON.parse(t);
			} catch {
				ok = false;
			}
			let got: unknown;
			try {
				got = readJson(t);
			} catch (e) {
				expect(e).toBeInstanceOf(Cv2xError);
				if (ok) expect((e as Error).message).toMatch(/duplicate key|surrogate/);
				return;
			}
			expect(ok, t).toBe(true);
			expect(got).toEqual(want);
		}), { numRuns: 2000 });
	});
	it('keeps the source text of numbers and the position of members', () => {
		const v = readJson('{"a": [1, 9007199254740993],\n "b": 1e2}') as { a: number[]; b: number };
		expect(memberSpan(v.a, 1)).toEqual({ char: 10, line: 1, column: 11, raw: '9007199254740993' });
		expect(memberSpan(v, 'b')).toEqual({ char: 35, line: 2, column: 7, raw: '1e2' });
	});
	it('refuses what RFC 8259 refuses, naming line, column and character offset', () => {
		const cases: [string, RegExp][] = [
			['{"a":1,}', /expected a key in quotes, found "}" \(line 1, column 8, character offset 7\)/],
			['[1,2', /ends inside an array/],
			['{"a":01}', /expected "," or "}", found "1"/],
			['NaN', /unexpected "N"/],
			['{"a":1} x', /after the JSON value/],
			['"a\tb"', /control character U\+0009/],
			['"\\x41"', /bad escape/],
			['{"a":1,"a":2}', /duplicate key "a" \(line 1, column 8, character offset 7\)/],
			['["\\ud800"]', /lone high surrogate/],
			['["\\udc00"]', /lone low surrogate/],
			['["\\ud800\\u0041"]', /lone high surrogate/],
			['["\ud800"]', /lone surrogate/],
			['1.', /needs a digit/],
			['-', /needs a digit/],
			['', /ends where a value should be/]
		];
		for (const [t, re] of cases) {
			const e = errorOf(() => readJson(t));
			expect(e.code, t).toBe('bad_json');
			expect(e.message, t).toMatch(re);
			expect(e.char, t).toBeTypeOf('number');
		}
		expect(readJson('["\\ud83d\\ude97"]')).toEqual(['🚗']);
	});
	it('stops at its nesting limit without exhausting the stack', () => {
		expect(() => readJson('['.repeat(101) + ']'.repeat(101))).toThrowError(/nested deeper than 100/);
		expect(() => readJson('['.repeat(1e6))).toThrowError(/nested deeper than 100/);
		expect(readJson('['.repeat(100) + ']'.repeat(100))).toBeTruthy();
	});
	it('makes "__proto__" an ordinary key', () => {
		const v = readJson('{"__proto__": {"x": 1}}') as Record<string, unknown>;
		expect(Object.keys(v)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
	});
});

describe('proto3 JSON integers', () => {
	it('takes JSON numbers with integral values, decimal strings and quoted integral numbers', () => {
		// quoted "1e2": conformance test Int32FieldQuotedExponentialValue ("1e5" is 100000)
		for (const t of ['100', '"100"', '1e2', '1E2', '100.0', '"0100"', '10000e-2', '"1e2"', '"100.0"', '"\\u0031\\u00300"'])
			expect(hexOf(`{"bsm":{"speed":${t}}}`), t).toBe('12024864');
	});
	it('refuses hex, spaces, plus signs, fractions, booleans', () => {
		for (const t of ['"0x64"', '" 100"', '"100 "', '"+100"', '"100.5"', '"1e-2"', '"1e999"', '1.5', 'true', '""', '[100]', '"١٠٠"']) {
			const e = errorOf(() => parse(`{"bsm":{"speed":${t}}}`));
			expect(e.message, t).toMatch(/is not an integer \(uint32\) at bsm\.speed \(line 1, column 17, character offset 16\)/);
		}
	});
	it('keeps 64-bit integers beyond 2^53 exact, quoted or not', () => {
		const f = parse('{"hazardNotice":{"header":{"timestampMs":9007199254740993}}}');
		expect(frameJson.to(f)).toEqual({ hazardNotice: { header: { timestampMs: '9007199254740993' } } });
		expect(frameJson.to(parse('{"hazardNotice":{"header":{"timestampMs":18446744073709551615}}}'))).toEqual({ hazardNotice: { header: { timestampMs: '18446744073709551615' } } });
		expect(() => parse('{"hazardNotice":{"header":{"timestampMs":18446744073709551616}}}')).toThrowError(/does not fit in uint64 .* at hazard_notice\.header\.timestamp_ms/);
	});
	it('refuses huge digit strings at once, without converting them', () => {
		const huge = '9'.repeat(2_000_000);
		expect(() => parse(`{"hazardNotice":{"header":{"timestampMs":"${huge}"}}}`)).toThrowError(/"9{39}… does not fit in uint64/);
		expect(() => parse(`{"hazardNotice":{"header":{"timestampMs":${huge}}}}`)).toThrowError(/9{40}… does not fit in uint64/);
		expect(frameJson.to(parse(`{"hazardNotice":{"header":{"timestampMs":"${'0'.repeat(100)}7"}}}`))).toEqual({ hazardNotice: { header: { timestampMs: '7' } } });
	});
	it('checks ranges', () => {
		expect(() => parse('{"bsm":{"speed":-1}}')).toThrowError(/-1 does not fit in uint32/);
		expect(() => parse('{"bsm":{"speed":4294967296}}')).toThrowError(/does not fit in uint32/);
	});
});

describe('proto3 JSON enums, strings, bytes, null, keys', () => {
	it('enums: names, integers or decimal strings; nothing else', () => {
		expect(hexOf('{"bsm":{"transmission":"TRANSMISSION_STATE_NEUTRAL"}}')).toBe(hexOf('{"bsm":{"transmission":1}}'));
		expect(hexOf('{"bsm":{"transmission":"1"}}')).toBe(hexOf('{"bsm":{"transmission":1}}'));
		expect(hexOf('{"bsm":{"transmission":99}}')).toBe('12024063'); // open enum: unknown numbers stay (field 8 = 99)
		for (const t of ['true', '1.5', '" 1"', '"neutral"', '2147483648'])
			expect(() => parse(`{"bsm":{"transmission":${t}}}`), t).toThrowError(/enum|does not fit/);
	});
	it('strings must be valid Unicode', () => {
		expect(() => parse('{"routeGuidance":{"roadNames":["\\ud800"]}}')).toThrowError(/lone high surrogate .*\(line 1, column 33, character offset 32\)/);
		expect(() => frameJson.from({ routeGuidance: { roadNames: ['a\ud800'] } })).toThrowError(/not valid Unicode .* at route_guidance\.road_names\[0\]/);
	});
	it('bytes: standard and URL-safe base64, padded or not', () => {
		for (const t of ['"CA+/"', '"CA-_"']) expect(hexOf(`{"bsm":{"id":${t}}}`)).toBe('12051203080fbf');
		expect(hexOf('{"bsm":{"id":"CAE"}}')).toBe(hexOf('{"bsm":{"id":"CAE="}}'));
		expect(hexOf('{"bsm":{"id":"-_"}}')).toBe('12031201fb'); // conformance BytesFieldBase64Url
		expect(() => parse('{"bsm":{"id":"CA.E"}}')).toThrowError(/bytes: "\." is not a base64 character.* at bsm\.id/);
	});
	it('null means absent, except inside arrays', () => {
		expect(hexOf('{"bsm":{"speed":null},"spat":null}')).toBe('1200');
		expect(() => parse('{"hazardNotice":{"affectedLanes":[1,null]}}')).toThrowError(/null is not allowed .* at hazard_notice\.affected_lanes\[1\]/);
	});
	it('duplicate keys, both spellings, unknown fields, two oneof members', () => {
		expect(() => parse('{"bsm":{},"bsm":{}}')).toThrowError(/duplicate key "bsm" \(line 1, column 11/);
		expect(() => parse('{"bsm":{"msgCnt":1,"msg_cnt":2}}')).toThrowError(/field given twice/);
		expect(hexOf('{"bsm":{"msg_cnt":1}}')).toBe(hexOf('{"bsm":{"msgCnt":1}}'));
		expect(hexOf('{"bsm":{"msg\\u0043nt":1}}')).toBe(hexOf('{"bsm":{"msgCnt":1}}')); // conformance FieldNameEscaped
		expect(() => parse('{"bsm":{"MsgCnt":1}}')).toThrowError(/has no field "MsgCnt" at bsm\.MsgCnt \(line 1, column 18/);
		expect(() => parse('{"bsm":{},"spat":{}}')).toThrowError(/oneof payload already has bsm/);
		expect(() => parse('{"bsm":[]}')).toThrowError(/wants a JSON object, got an array at bsm/);
	});
});
