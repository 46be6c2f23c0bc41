// X.697 JER (jer.ts): shapes and the schema checks of fromJer on a small set; then against
// asn1-peer (an independent codec): for every built-in profile, the peer's random frames decode
// (our UPER) to a value whose JER is the peer's, and the peer's JER gives a value that encodes
// (our UPER) to the peer's bytes. Needs ../shared and Erlang/OTP asn1 (skipped without).
import { describe, expect, it } from 'vitest';
import { Cv2xError } from '../codec/errors';
import { fromJer, toJer, type JerValue } from './jer';
import { decode, encode } from './per';
import { profile } from './profiles';
import type { SchemaSet } from './schema';
import { AsnPeer, PEER_PROFILES, peerUnavailable } from './testing/peer';
import { fromHex, toHexLower } from './testing/samples';

const RANDOM_PER_PROFILE = 150;
const noPeer = peerUnavailable();
if (noPeer) console.warn(`SKIPPED JER against asn1-peer's random values: ${noPeer}`);

const SMALL: SchemaSet = {
	name: 'small',
	root: 'Frame',
	types: {
		Frame: { kind: 'choice', root: [{ name: 'a', type: { kind: 'ref', name: 'A' } }], extensible: true, additions: [] },
		A: {
			kind: 'sequence',
			extensible: true,
			components: [
				{ name: 'n', type: { kind: 'integer', range: { lb: 0, ub: 7 } } },
				{ name: 'wide', type: { kind: 'integer', range: { lb: 0, ub: 7, extensible: true } }, optional: true },
				{ name: 'flags', type: { kind: 'bitString', size: { lb: 3, ub: 8 } }, optional: true },
				{ name: 'fixed', type: { kind: 'bitString', size: { lb: 12, ub: 12 } }, optional: true },
				{ name: 'id', type: { kind: 'octetString', size: { lb: 2, ub: 2 } }, optional: true },
				{ name: 'name', type: { kind: 'charString', stringKind: 'IA5String', size: { lb: 1, ub: 4 } }, optional: true },
				{ name: 'color', type: { kind: 'enumerated', root: [{ name: 'red', value: 0 }, { name: 'green', value: 1 }], extensible: true, additions: [] }, optional: true },
				{ name: 'list', type: { kind: 'sequenceOf', element: { kind: 'boolean' }, size: { lb: 1, ub: 2 } }, optional: true }
			],
			additions: [
				{ group: true, components: [{ name: 'g1', type: { kind: 'integer' } }, { name: 'g2', type: { kind: 'null' }, optional: true }] }
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

describe('X.697 JER shapes', () => {
	it('BIT STRING: bare hex for one fixed size, {value, length} otherwise; unused bits cleared', () => {
		const v = { a: { n: 5, flags: { bits: new Uint8Array([0xff]), length: 3 }, fixed: { bits: new Uint8Array([0xab, 0xcf]), length: 12 }, id: new Uint8Array([1, 0xfe]) } };
		const jer = toJer('Frame', v, SMALL);
		expect(JSON.stringify(jer)).toBe('{"a":{"n":5,"flags":{"value":"E0","length":3},"fixed":"ABC0","id":"01FE"}}');
		expect(fromJer('Frame', jer, SMALL)).toEqual({
			a: { n: 5, flags: { bits: new Uint8Array([0xe0]), length: 3 }, fixed: { bits: new Uint8Array([0xab, 0xc0]), length: 12 }, id: new Uint8Array([1, 0xfe]) }
		});
	});

	it('members print in definition order whatever the value object order; JER in any order reads back', () => {
		const jer = toJer('Frame', { a: { color: 'green', name: 'ab', n: 1, list: [true] } }, SMALL);
		expect(JSON.stringify(jer)).toBe('{"a":{"n":1,"name":"ab","color":"green","list":[true]}}');
		expect(fromJer('Frame', { a: { list: [true], n: 1 } }, SMALL)).toEqual({ a: { n: 1, list: [true] } });
	});

	it('an unknown extension addition is left out and its path reported', () => {
		const dropped: string[] = [];
		expect(toJer('Frame', { a: { n: 1, '#ext1': new Uint8Array([1]) } }, SMALL, { dropped })).toEqual({ a: { n: 1 } });
		expect(dropped).toEqual(['a.#ext1']);
	});

	it('an extensible range lets a value beyond the root through', () => {
		expect(fromJer('Frame', { a: { n: 0, wide: 100 } }, SMALL)).toEqual({ a: { n: 0, wide: 100 } });
	});

	it.each([
		[{ a: { n: 1, x: 2 } }, 'a', 'no member x'],
		[{ a: {} }, 'a', 'missing mandatory member n'],
		[{ b: {} }, '', 'expects one of a'],
		[{ a: { n: 1.5 } }, 'a.n', 'an integer'],
		[{ a: { n: 8 } }, 'a.n', '8 is outside 0..7'],
		[{ a: { n: 1, id: '0G12' } }, 'a.id', 'hex'],
		[{ a: { n: 1, id: '010203' } }, 'a.id', '3 octets outside SIZE(2)'],
		[{ a: { n: 1, fixed: 'AB' } }, 'a.fixed', '12 bits needs 2 octets'],
		[{ a: { n: 1, flags: { value: 'E0E0', length: 3 } } }, 'a.flags', '3 bits needs 1 octets'],
		[{ a: { n: 1, flags: { value: 'F0', length: 3 } } }, 'a.flags', 'non-zero unused bits'],
		[{ a: { n: 1, flags: { value: '00', length: 2 } } }, 'a.flags', '2 bits outside SIZE(3..8)'],
		[{ a: { n: 1, name: '' } }, 'a.name', '0 characters outside SIZE(1..4)'],
		[{ a: { n: 1, color: 'blue' } }, 'a.color', 'one of red, green'],
		[{ a: { n: 1, list: [true, false, true] } }, 'a.list', '3 elements outside SIZE(1..2)'],
		[{ a: { n: 1, list: [1] } }, 'a.list[0]', 'true or false'],
		[{ a: { n: 1, g2: null } }, 'a', 'missing mandatory member g1']
	] as [JerValue, string, string][])('fromJer refuses %j with a Cv2xError at path "%s"', (jer, path, text) => {
		const e = errorOf(() => fromJer('Frame', jer, SMALL));
		expect(e.code).toBe('bad_json');
		expect(e.path).toBe(path);
		expect(e.message).toContain(text);
	});

	it('toJer refuses values JER cannot show, naming the path', () => {
		expect(errorOf(() => toJer('Frame', { '#ext0': new Uint8Array([1]) }, SMALL)).message).toContain('unknown extension');
		expect(errorOf(() => toJer('Frame', { a: { n: 'x' } }, SMALL)).path).toBe('a.n');
		expect(errorOf(() => toJer('Frame', { a: { n: 1, color: '#5' } }, SMALL)).path).toBe('a.color');
	});
});

describe.skipIf(noPeer)('X.697 JER against asn1-peer, every built-in profile', () => {
	const peer = new AsnPeer();
	it.each(PEER_PROFILES.map((p) => [p]))(
		`%s: ${RANDOM_PER_PROFILE} random frames: our decode -> JER equals the peer's, peer JER -> our encode equals its bytes`,
		(name) => {
			peer.build([name]);
			const set = profile(name).schema;
			for (const [i, f] of peer.random(name, RANDOM_PER_PROFILE, 23).entries()) {
				const ours = toJer('MessageFrame', decode('MessageFrame', fromHex(f.hex), set, { complete: true }).value, set);
				if (JSON.stringify(ours) !== JSON.stringify(f.jer)) expect({ frame: i, jer: ours }).toEqual({ frame: i, jer: f.jer });
				const hex = toHexLower(encode('MessageFrame', fromJer('MessageFrame', f.jer, set), set));
				if (hex !== f.hex.toLowerCase()) expect({ frame: i, hex }).toEqual({ frame: i, hex: f.hex.toLowerCase() });
			}
		},
		900_000
	);
});

/** Deterministic mulberry32, so a failing mutation is the same on every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Spot = { owner: JerValue[] | { [k: string]: JerValue }; key: string | number };

/** Every place in a JER tree: object members and array elements, with their holder. */
function spots(v: JerValue, out: Spot[] = []): Spot[] {
	if (Array.isArray(v)) v.forEach((x, i) => (out.push({ owner: v, key: i }), spots(x, out)));
	else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push({ owner: v, key: k }), spots(v[k], out);
	return out;
}

/** One damage to a copy of `jer`: a member removed or added, or a number pushed far out. */
function mutate(jer: JerValue, rnd: () => number): JerValue {
	const copy = JSON.parse(JSON.stringify(jer)) as JerValue;
	const all = spots(copy);
	const objects = all.filter((s) => !Array.isArray(s.owner));
	const numbers = all.filter((s) => typeof (s.owner as Record<string, JerValue>)[s.key as string] === 'number');
	const kind = rnd();
	if (kind < 0.4 && objects.length) {
		const s = objects[Math.floor(rnd() * objects.length)];
		delete (s.owner as Record<string, JerValue>)[s.key as string];
	} else if (kind < 0.6 && objects.length) {
		(objects[Math.floor(rnd() * objects.length)].owner as Record<string, JerValue>).zzUnknown = 1;
	} else if (numbers.length) {
		const s = numbers[Math.floor(rnd() * numbers.length)];
		(s.owner as Record<string, JerValue>)[s.key as string] = rnd() < 0.5 ? 4_000_000_123 : -4_000_000_123;
	}
	return copy;
}

describe.skipIf(noPeer)('fromJer refuses what asn1-peer refuses (damaged random values)', () => {
	const peer = new AsnPeer();
	it.each(PEER_PROFILES.map((p) => [p]))(
		'%s: 150 damaged frames: our verdict equals the peer canon verdict',
		(name) => {
			peer.build([name]);
			const set = profile(name).schema;
			const rnd = prng(7);
			const damaged = peer.random(name, 150, 31).map((f) => mutate(f.jer, rnd));
			const theirs = peer.canon(name, damaged);
			const disagree: string[] = [];
			for (const [i, jer] of damaged.entries()) {
				let ours: string | undefined;
				try {
					fromJer('MessageFrame', jer, set);
				} catch (e) {
					if (!(e instanceof Cv2xError)) throw e;
					ours = e.message;
				}
				const t = theirs[i];
				if ((ours === undefined) !== t.ok) disagree.push(`#${i}: ours ${ours ?? 'ok'}; peer ${t.ok ? 'ok' : t.error.slice(0, 200)}`);
			}
			expect(disagree).toEqual([]);
			// the damage is mixed: some frames stay valid (an OPTIONAL member removed), most do not
			const refused = theirs.filter((t) => !t.ok).length;
			expect(refused).toBeGreaterThan(30);
			expect(refused).toBeLessThan(damaged.length);
		},
		900_000
	);
});
