// The fast JER writer writes exactly what toJer + JSON.stringify write, on random values of every
// profile's MessageFrame, and gives up (undefined) where toJer would refuse or drop something.
import { describe, expect, it } from 'vitest';
import { profile, profileNames, toJer, type JerValue } from '../../uper';
import { arbitraryValue } from '../../uper/testing/arbitrary';
import { jerText, messageJerText } from './jer-text';

const FRAME = { kind: 'ref' as const, name: 'MessageFrame' };

describe('jerText', () => {
	for (const name of profileNames()) {
		it(`equals JSON.stringify(toJer(…)) on 300 random MessageFrames of ${name}`, () => {
			const set = profile(name).schema;
			const wrong: string[] = [];
			for (let seed = 1; seed <= 300; seed++) {
				const v = arbitraryValue(set, 'MessageFrame', seed, { beyondRoot: seed % 3 === 0 ? 0.2 : 0 });
				const jer = toJer('MessageFrame', v, set) as Record<string, JerValue>;
				if (jerText(set, FRAME, v) !== JSON.stringify(jer)) wrong.push(`seed ${seed}: whole frame`);
				const [alt, inner] = Object.entries(jer)[0];
				const message = alt === 'msgFrameExt' ? (inner as Record<string, JerValue>).value : inner;
				if (messageJerText(set, v) !== JSON.stringify(message)) wrong.push(`seed ${seed}: ${alt}`);
			}
			expect(wrong).toEqual([]);
		});
	}

	it('gives up where toJer drops or refuses: unknown extensions, wrong shapes', () => {
		const set = profile('csae157-2020').schema;
		const v = arbitraryValue(set, 'MessageFrame', 7) as Record<string, Record<string, unknown>>;
		const alt = Object.keys(v)[0];
		expect(jerText(set, FRAME, { [alt]: { ...v[alt], '#ext1': new Uint8Array([1]) } } as never)).toBeUndefined();
		expect(jerText(set, FRAME, { nope: 1 })).toBeUndefined();
		expect(jerText(set, FRAME, 5)).toBeUndefined();
		expect(messageJerText(set, { bsmFrame: 'x' })).toBeUndefined();
	});
});
