import { describe, expect, it } from 'vitest';
import { MAX_LINK_CHARS, readShareHash } from './share-read';

describe('readShareHash', () => {
	it('reads b= and p=, with or without the #', () => {
		expect(readShareHash('#b=CAES&p=csae53-2020')).toEqual({ b64: 'CAES', profile: 'csae53-2020', problems: [] });
		expect(readShareHash('b=CAES')).toEqual({ b64: 'CAES', problems: [] });
		expect(readShareHash('#b=CAES&p=protobuf').profile).toBe('protobuf');
	});

	it('a plain anchor or nothing is no link and no problem', () => {
		expect(readShareHash('')).toEqual({ b64: null, problems: [] });
		expect(readShareHash('#top')).toEqual({ b64: null, problems: [] });
	});

	it('hands a damaged b= to the decoder as it is (it names the bad character)', () => {
		expect(readShareHash('#b=!!!!')).toEqual({ b64: '!!!!', problems: [] });
		expect(readShareHash('#b=')).toEqual({ b64: '', problems: [] });
	});

	it('refuses an over-long b= without decoding it, saying its length and the limit', () => {
		const r = readShareHash(`#b=${'A'.repeat(MAX_LINK_CHARS + 1)}`);
		expect(r.b64).toBeNull();
		expect(r.problems).toEqual([{ key: 'hostile.link.tooLong', params: { chars: MAX_LINK_CHARS + 1, max: 32768, bytes: 24576 } }]);
		expect(readShareHash(`#b=${'A'.repeat(MAX_LINK_CHARS)}`).problems).toEqual([]);
	});

	it('names a profile that does not exist (quoted by its start) and the valid ones', () => {
		const r = readShareHash(`#b=CAES&p=${'<script>'.repeat(100)}`);
		expect(r.b64).toBe('CAES');
		expect(r.profile).toBeUndefined();
		expect(r.problems[0].key).toBe('hostile.link.badProfile');
		expect(r.problems[0].params.profile).toBe(`${'<script>'.repeat(5)}…`);
		expect(r.problems[0].params.valid).toContain('csae53-2020-draft');
	});

	it('says a p= without b=, and a repeated parameter (the first counts)', () => {
		expect(readShareHash('#p=csae53-2020').problems).toEqual([{ key: 'hostile.link.missing', params: {} }]);
		const r = readShareHash(`#b=CAES${'&b=AAAA'.repeat(2000)}`);
		expect(r.b64).toBe('CAES');
		expect(r.problems).toEqual([{ key: 'hostile.link.repeated', params: { name: 'b' } }]);
	});
});
