import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../codec/registry';
import { bytesOfLink, encodeJson, hexText, readPasted, SAMPLE_TYPES, sampleText, base64Text } from './editor';
import { inspectHref, MAX_SHARE_BYTES, shareLink } from './link';
import { buildView } from './view';

describe('the inspect page input', () => {
	it('offers a sample of every type in frame order, and each encodes without findings', () => {
		expect(SAMPLE_TYPES.map((s) => s.payload)).toEqual(MESSAGE_TYPES.map((m) => m.payload));
		for (const s of SAMPLE_TYPES) {
			const r = encodeJson(sampleText(s.payload));
			expect(r.violations, s.payload).toEqual([]);
			expect(buildView(r.bytes).message, s.payload).toBe(s.message);
		}
	});

	it('reads pasted hex and base64 and says which', () => {
		expect(readPasted('08 01 12 02 08 05')).toEqual({ bytes: Uint8Array.of(8, 1, 0x12, 2, 8, 5), format: 'hex' });
		expect(readPasted('CAESAggF')).toEqual({ bytes: Uint8Array.of(8, 1, 0x12, 2, 8, 5), format: 'base64' });
		expect(() => readPasted('this is not a message!')).toThrow(/neither hex nor base64/);
	});

	it('keeps an out-of-range value in the bytes and names it', () => {
		const text = sampleText('bsm').replace(/"speed": \d+/, '"speed": 9000');
		const r = encodeJson(text);
		expect(r.violations.map((v) => v.path)).toEqual(['bsm.speed']);
		expect(buildView(r.bytes).frame?.bsm?.speed).toBe(9000);
	});

	it('share links carry the bytes exactly', () => {
		const b = encodeJson(sampleText('spat')).bytes;
		const href = inspectHref(b)!;
		expect(href).toMatch(/^\/inspect#b=[A-Za-z0-9_-]+$/);
		expect(hexText(bytesOfLink(href.split('#b=')[1]))).toBe(hexText(b));
		expect(base64Text(b, true)).toBe(href.split('#b=')[1]);
	});

	it('share links stop at MAX_SHARE_BYTES: the largest message fits in 32 KiB of base64url, one byte more says too big', () => {
		const max = new Uint8Array(MAX_SHARE_BYTES).fill(0xfb);
		const link = shareLink(max);
		expect('href' in link && link.href.length - '/inspect#b='.length).toBe(32 * 1024);
		expect(shareLink(new Uint8Array(MAX_SHARE_BYTES + 1))).toEqual({ tooBig: { size: MAX_SHARE_BYTES + 1, max: MAX_SHARE_BYTES } });
		expect(inspectHref(new Uint8Array(5 * 1024 * 1024))).toBeNull();
		// every sample frame can be shared
		for (const s of SAMPLE_TYPES) expect(inspectHref(encodeJson(sampleText(s.payload)).bytes), s.payload).not.toBeNull();
	});
});
