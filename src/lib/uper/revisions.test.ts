// A frame from a newer schema revision read with an older one (X.691 19.7–19.9: extension
// additions the reader does not know): decoding keeps the unknown additions as raw open-type
// octets at their bitmap positions and the sender's bitmap length, so re-encoding gives the same
// bytes. Two small schema tables, then the built-in profiles (csae157-2020 frames read with the
// csae53-2020 tables, which lack the phase-2 additions).
import { describe, expect, test } from 'vitest';
import { ADDITIONS_SEEN, decode, encode, profile, type AsnType, type AsnValue, type SchemaSet, type SequenceType } from './index';
import { arbitraryValue } from './testing/arbitrary';

const int = (lb: number, ub: number): AsnType => ({ kind: 'integer', range: { lb, ub } });

/** Revision 2 of a message: three single additions and a group; revision 1 knows the first only. */
function revision(additions: number): SchemaSet {
	const all: SequenceType['additions'] = [
		{ group: false, components: [{ name: 'x', type: int(0, 7), optional: true }] },
		{ group: false, components: [{ name: 'y', type: int(0, 255), optional: true }] },
		{ group: true, components: [{ name: 'g1', type: int(0, 3) }, { name: 'g2', type: { kind: 'boolean' }, optional: true }] },
		{ group: false, components: [{ name: 'z', type: { kind: 'octetString', size: { lb: 0, ub: 4 } }, optional: true }] }
	];
	const msg: SequenceType = { kind: 'sequence', extensible: true, components: [{ name: 'a', type: int(0, 15) }, { name: 'b', type: int(0, 1), optional: true }], additions: all.slice(0, additions) };
	return { name: `rev${additions}`, root: 'Msg', types: { Msg: msg, Frame: { kind: 'sequenceOf', element: { kind: 'ref', name: 'Msg' } } } };
}

const NEW = revision(4);
const OLD = revision(1);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('extension additions of a newer revision survive decode -> encode', () => {
	const values: [string, AsnValue][] = [
		['the last addition absent (a shorter bitmap would do for the old reader)', { a: 1, x: 3 }],
		['an unknown addition in the middle, the last absent', { a: 1, y: 200 }],
		['an unknown group', { a: 2, b: 1, g1: 3, g2: true }],
		['every addition', { a: 3, x: 1, y: 2, g1: 0, z: new Uint8Array([1, 2]) }],
		['only the last addition', { a: 4, z: new Uint8Array([9]) }]
	];
	for (const [what, value] of values)
		test(what, () => {
			const bytes = encode('Msg', value, NEW);
			const old = decode('Msg', bytes, OLD, { complete: true }).value as { [k: string]: AsnValue };
			expect(hex(encode('Msg', old, OLD))).toBe(hex(bytes));
			// The old reader's value names only what it knows; the rest is raw octets.
			for (const k of Object.keys(old)) expect(['a', 'b', 'x'].includes(k) || /^#ext[1-3]$/.test(k)).toBe(true);
			expect((old as { [ADDITIONS_SEEN]?: number })[ADDITIONS_SEEN]).toBe(4);
			// Read back by the newer revision: the value it was.
			expect(decode('Msg', encode('Msg', old, OLD), NEW).value).toEqual(value);
		});

	test('nested in a SEQUENCE OF, each element keeps its own bitmap', () => {
		const frame: AsnValue = [{ a: 1, x: 1 }, { a: 2 }, { a: 3, y: 7 }];
		const bytes = encode('Frame', frame, NEW);
		expect(hex(encode('Frame', decode('Frame', bytes, OLD).value, OLD))).toBe(hex(bytes));
	});

	test('a value without a recorded bitmap is encoded canonically for the schema it is encoded with', () => {
		// { a: 1, x: 3 } under the old schema: a 1-bit bitmap, shorter than the newer one's 4 bits.
		expect(encode('Msg', { a: 1, x: 3 }, OLD).length).toBeLessThanOrEqual(encode('Msg', { a: 1, x: 3 }, NEW).length);
		expect(hex(encode('Msg', { a: 1, x: 3 }, OLD))).not.toBe(hex(encode('Msg', { a: 1, x: 3 }, NEW)));
		// The record is not a key: JSON and Object.keys do not see it.
		const old = decode('Msg', encode('Msg', { a: 1, x: 3 }, NEW), OLD).value as object;
		expect(Object.keys(old)).toEqual(['a', 'x']);
		expect(JSON.stringify(old)).toBe('{"a":1,"x":3}');
	});
});

describe('csae157-2020 frames read with csae53-2020 re-encode to the same bytes', () => {
	test('random frames of every csae157-2020 MessageFrame alternative', () => {
		const newer = profile('csae157-2020').schema;
		const older = profile('csae53-2020').schema;
		const root = newer.root ?? 'MessageFrame';
		let differentValue = 0;
		for (let seed = 1; seed <= 200; seed++) {
			const bytes = encode(root, arbitraryValue(newer, root, seed), newer);
			const read = decode(older.root ?? 'MessageFrame', bytes, older, { complete: true }).value;
			expect(hex(encode(older.root ?? 'MessageFrame', read, older)), `seed ${seed}`).toBe(hex(bytes));
			if (JSON.stringify(read, (_k, v) => (v instanceof Uint8Array ? hex(v) : v)).includes('#ext')) differentValue++;
		}
		// The frames do carry additions the older tables lack.
		expect(differentValue).toBeGreaterThan(10);
	});
});
