// The compiled SEQUENCE coder (compiled.ts) against the generic one it short-cuts: on random
// frames of every profile, on values with a missing, stranger or wrong component, and on mutated
// encodings, both give the same bytes, the same values, or the same error (code, path, offset).
import { afterAll, describe, expect, test } from 'vitest';
import { UperError } from '../errors';
import { profile, profileNames } from '../profiles';
import type { AsnValue, SchemaSet } from '../schema';
import { Rng, arbitraryValue } from '../testing/arbitrary';
import { decode, encode } from './codec';
import { compiledSequences, setInterpretedOnly } from './compiled';
import { planForName } from './plan';

const VALUES_PER_PROFILE = 150;

/** A copy of `set` whose plans are built with compilation off (plans are cached per set object). */
function interpretedCopy(set: SchemaSet): SchemaSet {
	setInterpretedOnly(true);
	const copy = structuredClone(set);
	// Building the root's plan builds every plan it reaches, now, uncompiled.
	planForName(copy, copy.root ?? 'MessageFrame');
	setInterpretedOnly(false);
	return copy;
}

/** The outcome of `run`: its result, or the UperError's code, path and bit offset. */
function outcome<T>(run: () => T): T | string {
	try {
		return run();
	} catch (e) {
		if (!(e instanceof UperError)) throw e;
		return `${e.code} at ${e.path} (${e.bitOffset}): ${e.message}`;
	}
}

/** A copy of `v` with one SEQUENCE component dropped, added as a stranger, or set to a wrong value. */
function damaged(v: AsnValue, rng: Rng): AsnValue {
	const objects: { [k: string]: AsnValue }[] = [];
	const walk = (x: AsnValue) => {
		if (Array.isArray(x)) x.forEach(walk);
		else if (x && typeof x === 'object' && !(x instanceof Uint8Array) && !('bits' in x && 'length' in x)) {
			objects.push(x as { [k: string]: AsnValue });
			Object.values(x).forEach(walk);
		}
	};
	const copy = structuredClone(v);
	walk(copy);
	const o = objects[Math.floor(rng.next() * objects.length)];
	const keys = Object.keys(o);
	const what = rng.next();
	if (what < 0.4 && keys.length) delete o[keys[Math.floor(rng.next() * keys.length)]];
	else if (what < 0.7) o.strangerKey = 1;
	else if (keys.length) o[keys[Math.floor(rng.next() * keys.length)]] = 'not a value';
	return copy;
}

describe('compiled SEQUENCE coder = generic coder', () => {
	afterAll(() => setInterpretedOnly(false));

	test('compilation is available under Node', () => {
		expect(compiledSequences()).toBe(true);
	});

	for (const name of profileNames()) {
		test(`${name}: random frames, damaged values and mutated encodings`, () => {
			const set = profile(name).schema;
			const root = set.root ?? 'MessageFrame';
			const plain = interpretedCopy(set);
			const rng = new Rng(7);
			let errors = 0;
			for (let seed = 1; seed <= VALUES_PER_PROFILE; seed++) {
				const value = arbitraryValue(set, root, seed, { beyondRoot: seed % 3 === 0 ? 0.3 : 0 });
				const bytes = encode(root, value, set);
				expect(encode(root, value, plain)).toEqual(bytes);
				expect(decode(root, bytes, set).value).toEqual(decode(root, bytes, plain).value);
				const bad = damaged(value, rng);
				const a = outcome(() => encode(root, bad, set));
				expect(a).toEqual(outcome(() => encode(root, bad, plain)));
				if (typeof a === 'string') errors++;
				const mutated = bytes.slice();
				mutated[Math.floor(rng.next() * mutated.length)] ^= 1 << Math.floor(rng.next() * 8);
				const cut = bytes.subarray(0, Math.floor(rng.next() * bytes.length));
				for (const b of [mutated, cut]) expect(outcome(() => decode(root, b, set).value)).toEqual(outcome(() => decode(root, b, plain).value));
			}
			// The damaged values do reach the error paths.
			expect(errors).toBeGreaterThan(VALUES_PER_PROFILE / 4);
		});
	}
});
