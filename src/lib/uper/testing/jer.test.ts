// The JER converter (testing/jer.ts) on its own: every random value the peer makes, in every
// profile, goes JER -> our value -> JER unchanged (member order included), and bad shapes give a
// Cv2xError naming the path. The random values need ../shared and Erlang (skipped without).
import { describe, expect, it } from 'vitest';
import { Cv2xError } from '../../codec/errors';
import type { SchemaSet } from '../schema';
import { fromJer, toJer } from './jer';
import { AsnPeer, PEER_PROFILES, peerUnavailable, type JerValue } from './peer';
import { moduleSetsUnavailable, rootType, sharedSchemaSet } from './schemas';

const RANDOM_PER_PROFILE = 200;
const noPeer = moduleSetsUnavailable() ?? peerUnavailable();
if (noPeer) console.warn(`SKIPPED JER converter against asn1-peer's random values: ${noPeer}`);

const SMALL: SchemaSet = {
	name: 'small',
	root: 'Frame',
	types: {
		Frame: { kind: 'choice', root: [{ name: 'a', type: { kind: 'ref', name: 'A' } }], extensible: true, additions: [] },
		A: {
			kind: 'sequence',
			extensible: true,
			additions: [],
			components: [
				{ name: 'n', type: { kind: 'integer', range: { lb: 0, ub: 7 } } },
				{ name: 'flags', type: { kind: 'bitString', size: { lb: 3, ub: 8 } }, optional: true },
				{ name: 'fixed', type: { kind: 'bitString', size: { lb: 12, ub: 12 } }, optional: true },
				{ name: 'id', type: { kind: 'octetString', size: { lb: 2, ub: 2 } }, optional: true }
			]
		}
	}
};

function errorOf(f: () => unknown): Cv2xError {
	try {
		f();
	} catch (e) {
		if (e instanceof Cv2xError) return e;
		throw e;
	}
	throw new Error('no error thrown');
}

describe('JER converter shapes (X.697)', () => {
	it('BIT STRING: bare hex for one fixed size, {value, length} otherwise; unused bits cleared', () => {
		const v = { a: { n: 5, flags: { bits: new Uint8Array([0xff]), length: 3 }, fixed: { bits: new Uint8Array([0xab, 0xcf]), length: 12 }, id: new Uint8Array([1, 0xfe]) } };
		const jer = toJer(SMALL, rootType(SMALL), v);
		expect(jer).toEqual({ a: { n: 5, flags: { value: 'E0', length: 3 }, fixed: 'ABC0', id: '01FE' } });
		expect(fromJer(SMALL, rootType(SMALL), jer)).toEqual({
			a: { n: 5, flags: { bits: new Uint8Array([0xe0]), length: 3 }, fixed: { bits: new Uint8Array([0xab, 0xc0]), length: 12 }, id: new Uint8Array([1, 0xfe]) }
		});
	});

	it.each([
		[{ a: { n: 1, x: 2 } }, 'a', 'no member x'],
		[{ b: {} }, '', 'expects one of a'],
		[{ a: { n: 1.5 } }, 'a.n', 'an integer'],
		[{ a: { n: 1, id: '0G12' } }, 'a.id', 'hex'],
		[{ a: { n: 1, fixed: 'AB' } }, 'a.fixed', 'SIZE(12)'],
		[{ a: { n: 1, flags: { value: 'E0E0', length: 3 } } }, 'a.flags', '3 bits']
	] as [JerValue, string, string][])('refuses %j with a Cv2xError at %s', (jer, path, text) => {
		const e = errorOf(() => fromJer(SMALL, rootType(SMALL), jer));
		expect(e.path).toBe(path);
		expect(e.message).toContain(text);
	});

	it('refuses values JER cannot show, naming the path', () => {
		expect(errorOf(() => toJer(SMALL, rootType(SMALL), { '#ext0': new Uint8Array([1]) })).message).toContain('unknown extension');
		expect(errorOf(() => toJer(SMALL, rootType(SMALL), { a: { n: 'x' } })).path).toBe('a.n');
	});
});

describe.skipIf(noPeer)("JER converter: asn1-peer's random values round-trip", () => {
	const peer = new AsnPeer();
	it.each(PEER_PROFILES.map((p) => [p]))(
		`%s: ${RANDOM_PER_PROFILE} random frames JER -> value -> JER unchanged`,
		(profile) => {
			peer.build([profile]);
			const set = sharedSchemaSet(profile);
			const frames = peer.random(profile, RANDOM_PER_PROFILE, 11);
			for (const [i, f] of frames.entries()) {
				const back = toJer(set, rootType(set), fromJer(set, rootType(set), f.jer));
				if (JSON.stringify(back) !== JSON.stringify(f.jer)) expect({ frame: i, jer: back }).toEqual({ frame: i, jer: f.jer });
			}
		},
		900_000
	);
});
