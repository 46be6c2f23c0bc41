// The high-level UPER API (frame.ts): the real frames of ../shared/samples/uper decode complete
// under their profile, re-encode to the same bytes and name their alternative; a user's module
// set from ../shared/asn1 gives the same codec as the built-in profile; errors name the place.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Asn1Error } from './asn1';
import { UperError } from './errors';
import { decodeUperFrame, encodeUperFrame, loadUserSchema, resolveProfile, uperFrameType } from './frame';
import type { TraceNode } from './per';
import { ASN1_DIR } from './testing/schemas';
import { GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable, toHexLower } from './testing/samples';

const noSamples = samplesUnavailable();
if (noSamples) console.warn(`SKIPPED UPER frame API on the real frames: ${noSamples}`);
const noAsn1 = existsSync(ASN1_DIR) ? undefined : `${ASN1_DIR} is absent (the shared reference data is not beside this clone)`;
if (noAsn1) console.warn(`SKIPPED loadUserSchema on the shared module sets: ${noAsn1}`);

function thrown(f: () => unknown): unknown {
	try {
		f();
	} catch (e) {
		return e;
	}
	throw new Error('no error thrown');
}

function moduleFiles(profileName: string) {
	const dir = join(ASN1_DIR, profileName);
	return readdirSync(dir)
		.filter((f) => f.endsWith('.asn'))
		.sort()
		.map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

describe('uperFrameType', () => {
	it('names the one alternative of a CHOICE value, undefined otherwise', () => {
		expect(uperFrameType({ bsmFrame: {} })).toBe('bsmFrame');
		expect(uperFrameType({ a: 1, b: 2 })).toBeUndefined();
		expect(uperFrameType(5)).toBeUndefined();
		expect(uperFrameType(new Uint8Array(1))).toBeUndefined();
	});
});

describe('resolveProfile', () => {
	it('refuses an unknown name with a UperError listing the built-in ones', () => {
		const e = thrown(() => resolveProfile('csae99')) as UperError;
		expect(e).toBeInstanceOf(UperError);
		expect(e.message).toContain('csae53-2020-draft');
	});
});

describe.skipIf(noSamples)('decodeUperFrame / encodeUperFrame on the real frames', () => {
	it.each(GOLDEN_FRAMES.map((g) => [g.name, g]))('%s: complete decode, same bytes back, its alternative', (_, g) => {
		const bytes = fromHex(readSampleHex(g.file));
		const trace: TraceNode[] = [];
		const d = decodeUperFrame(bytes, g.profile, { trace: (n: TraceNode) => trace.push(n) });
		expect(d.profile.name).toBe(g.profile);
		expect(Math.ceil(d.bits / 8)).toBe(bytes.length);
		expect(uperFrameType(d.value)).toBe(g.alternative);
		expect(toHexLower(encodeUperFrame(d.value, g.profile))).toBe(toHexLower(bytes));
		const leafBits = trace.filter((n) => n.leaf).reduce((s, n) => s + n.bitWidth, 0);
		expect(leafBits).toBe(d.bits);
	});

	it('an octet after the frame is a trailing_bits UperError at its bit offset', () => {
		const bytes = fromHex(readSampleHex('bsm1.uper.hex'));
		const longer = new Uint8Array(bytes.length + 1);
		longer.set(bytes);
		const e = thrown(() => decodeUperFrame(longer, 'csae53-2020-draft')) as UperError;
		expect(e).toBeInstanceOf(UperError);
		expect(e.code).toBe('trailing_bits');
		expect(e.bitOffset).toBe(bytes.length * 8);
	});

	it('the draft-only RSI fails under the final profile with a UperError naming a path', () => {
		const e = thrown(() => decodeUperFrame(fromHex(readSampleHex('rsi.uper.hex')), 'csae53-2020')) as UperError;
		expect(e).toBeInstanceOf(UperError);
		expect(e.message).toMatch(/bit offset \d+/);
	});
});

describe.skipIf(noAsn1 || noSamples)('loadUserSchema: bring your own ASN.1', () => {
	it.each(GOLDEN_FRAMES.map((g) => [g.name, g]))('%s: the shared module set decodes and encodes like the built-in profile', (_, g) => {
		const user = loadUserSchema(moduleFiles(g.profile), `my-${g.profile}`);
		expect(user.name).toBe(`my-${g.profile}`);
		const bytes = fromHex(readSampleHex(g.file));
		const mine = decodeUperFrame(bytes, user);
		expect(mine.value).toEqual(decodeUperFrame(bytes, g.profile).value);
		expect(toHexLower(encodeUperFrame(mine.value, user))).toBe(toHexLower(bytes));
	});
});

describe('loadUserSchema errors', () => {
	it('a syntax error is an Asn1Error naming file:line:column', () => {
		const text = 'M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nMessageFrame ::= SEQUENCE { a INTEGER (0..3 }\nEND\n';
		const e = thrown(() => loadUserSchema([{ name: 'm.asn', text }])) as Asn1Error;
		expect(e).toBeInstanceOf(Asn1Error);
		expect(e.message).toMatch(/^m\.asn:2:\d+: /);
	});

	it('a set without MessageFrame is refused; one with it works', () => {
		const other = 'M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nThing ::= INTEGER (0..3)\nEND\n';
		expect(thrown(() => loadUserSchema([{ name: 'm.asn', text: other }]))).toBeInstanceOf(Asn1Error);
		expect(thrown(() => loadUserSchema([]))).toBeInstanceOf(Asn1Error);
		const text = 'M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nMessageFrame ::= CHOICE { a INTEGER (0..3), b BOOLEAN, ... }\nEND\n';
		const user = loadUserSchema([{ name: 'm.asn', text }], 'tiny');
		expect([...encodeUperFrame({ b: true }, user)]).toEqual([0b01100000]);
		expect(decodeUperFrame(new Uint8Array([0b01100000]), user).value).toEqual({ b: true });
	});
});
