// Detection (detect.ts): the real frames of ../shared/samples/uper are recognised under the
// profile they were made with (the draft-only MAP and RSI: only the 2019 draft, the final text
// failing with its error), framed payloads through their framing, the crafted phase-2 SSM under
// csae157-2020 first; every protobuf sample is protobuf and nothing else; noise fits nothing.
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../codec';
import { sampleFrame, sampleTypes } from '../samples';
import { countUnknownExtensions, describeDetection, detectEncoding, PROTOBUF_TITLE } from './detect';
import { UperError } from './errors';
import { profile } from './profiles';
import { FRAMED_PAYLOADS, GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable } from './testing/samples';

const noSamples = samplesUnavailable();
if (noSamples) console.warn(`SKIPPED detection of the real UPER frames: ${noSamples}`);

const DRAFT_TITLE = profile('csae53-2020-draft').title;

describe('detectEncoding: protobuf samples', () => {
	it.each(sampleTypes().map((t) => [t]))('%s sample: protobuf is the one clean reading', (t) => {
		const d = detectEncoding(encodeFrame(sampleFrame(t)));
		expect(d.best.map((a) => a.title)).toEqual([PROTOBUF_TITLE]);
		expect(d.best[0].frames[0].frameType).toBe(t);
		expect(d.attempts.filter((a) => a.encoding === 'uper').every((a) => a.error instanceof UperError)).toBe(true);
	});
});

describe('detectEncoding: what fits nothing', () => {
	it('noise and empty input give no best, and every attempt has its error', () => {
		for (const bytes of [new Uint8Array(0), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])]) {
			const d = detectEncoding(bytes);
			expect(d.best).toEqual([]);
			expect(d.attempts.length).toBeGreaterThanOrEqual(5);
			expect(d.attempts.every((a) => !a.ok && a.error && a.error.message.length > 0)).toBe(true);
			expect(describeDetection(d).every((l) => l.startsWith('no  '))).toBe(true);
		}
	});

	it('never throws: 300 random inputs (0..300 octets) each give attempts with a verdict or an error', () => {
		let seed = 12345;
		const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
		for (let n = 0; n < 300; n++) {
			const bytes = Uint8Array.from({ length: next() % 301 }, () => next() & 0xff);
			const d = detectEncoding(bytes);
			for (const a of d.attempts) expect(a.ok || a.error instanceof Error).toBe(true);
			expect(d.best.every((a) => a.ok)).toBe(true);
		}
	});

	it('countUnknownExtensions counts #ext keys at any depth', () => {
		expect(countUnknownExtensions({ a: [{ '#ext0': new Uint8Array(1) }], '#ext2': new Uint8Array(1) })).toBe(2);
		expect(countUnknownExtensions({ a: 1 })).toBe(0);
	});
});

describe.skipIf(noSamples)('detectEncoding: the real UPER frames', () => {
	it.each(GOLDEN_FRAMES.map((g) => [g.name, g]))('%s: clean bare under its profile, not as protobuf', (_, g) => {
		const d = detectEncoding(fromHex(readSampleHex(g.file)));
		const own = d.best.find((a) => a.profile === g.profile && a.framing === 'bare');
		expect(own, describeDetection(d).join('\n')).toBeDefined();
		expect(own!.frames.map((f) => f.frameType)).toEqual([g.alternative]);
		expect(own!.canonical).toBe(true);
		expect(d.best[0].encoding).toBe('uper');
		expect(d.best[0].framing).toBe('bare');
		expect(d.attempts.find((a) => a.encoding === 'protobuf')!.ok).toBe(false);
	});

	it.each([['map'], ['rsi']])('%s (draft only): the draft is detected, the final text fails with its error', (name) => {
		const g = GOLDEN_FRAMES.find((x) => x.name === name)!;
		const d = detectEncoding(fromHex(readSampleHex(g.file)));
		expect(d.best[0].title).toBe(DRAFT_TITLE);
		expect(d.best[0].frames.map((f) => f.frameType)).toEqual([g.alternative]);
		expect(d.best.filter((a) => a.framing === 'bare').map((a) => a.profile)).toEqual(['csae53-2020-draft']);
		const final = d.attempts.find((a) => a.profile === 'csae53-2020' && a.framing === 'bare')!;
		expect(final.ok).toBe(false);
		expect(final.error).toBeInstanceOf(UperError);
		expect(final.error!.message).toMatch(/bit offset \d+/);
	});

	it('bsm1 reads to the same value under draft, final and phase 2 (alike); the draft-only MAP has no alike', () => {
		const bsm = detectEncoding(fromHex(readSampleHex('bsm1.uper.hex')));
		const bare = bsm.best.filter((a) => a.framing === 'bare');
		expect(bare.map((a) => a.profile).sort()).toEqual(['csae157-2020', 'csae53-2020', 'csae53-2020-draft']);
		for (const a of bare) expect([...a.alike!, a.profile].sort()).toEqual(['csae157-2020', 'csae53-2020', 'csae53-2020-draft']);
		expect(describeDetection(bsm)[0]).toContain('read alike by');
		expect(detectEncoding(fromHex(readSampleHex('map.uper.hex'))).best[0].alike).toEqual([]);
	});

	it('the phase-2 SSM: csae157-2020 first; the others read it only as an unknown extension', () => {
		const d = detectEncoding(fromHex(readSampleHex('ssm-dayii-crafted.uper.hex')));
		expect(d.best[0].profile).toBe('csae157-2020');
		expect(d.best[0].unknownExtensions).toBe(0);
		expect(d.best.slice(1).every((a) => a.unknownExtensions > 0)).toBe(true);
	});

	it.each(FRAMED_PAYLOADS.map((p) => [p.file, p]))('%s: recognised through the RSU framing, its frames in order', (_, fp) => {
		const d = detectEncoding(fromHex(readSampleHex(fp.file)));
		expect(d.rsu?.layout).toBe(fp.topicType === 'BSM' ? 'counted' : 'single');
		const draft = d.best.find((a) => a.profile === 'csae53-2020-draft');
		expect(draft?.framing).toBe(fp.topicType === 'BSM' ? 'rsu-counted' : 'rsu-single');
		expect(draft!.frames.length).toBe(fp.frames.length);
		expect(draft!.frames.map((f) => f.frameType)).toEqual(fp.frames.map((n) => GOLDEN_FRAMES.find((g) => g.name === n)!.alternative));
		expect(d.best.every((a) => a.framing.startsWith('rsu-'))).toBe(true);
	});
});
