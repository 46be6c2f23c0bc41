// Interop with an independent UPER implementation: asn1-peer (../shared/tools/asn1-peer), Erlang/OTP's
// asn1 compiled from the same module sets, against our codec with its built-in profiles. Property
// tests both ways on every profile, each direction one peer process per batch (`--lines`):
//   1. the peer's random values (its own generator): our decode of its bytes gives its JER, and
//      our encode of its JER (through jer.ts) gives its bytes;
//   2. our encode of those values, decoded by the peer: the same JER, re-encoding to our bytes;
//   3. our generator's random values (testing/arbitrary.ts): our encode, decoded by the peer,
//      gives our JER, and the peer re-encodes it to our bytes (our encoding is canonical); once in
//      the root of every constraint, once often beyond the root of extensible ones;
//   4. the library's JER module (jer.ts) gives the peer's JER and reads it back to the peer's bytes;
//   5. a newer sender: csae157-2020 frames read with the final csae53-2020 set, which lacks the
//      phase-2 extension additions: both skip them alike, and our re-encoding of what we decoded
//      (the unknown additions kept raw) reads back the same in the peer.
// Skips with a notice without ../shared or Erlang (a user's clone; outside CI).
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode, type AsnType, type AsnValue, type SchemaSet } from './index';
import { profile, type ProfileName } from './profiles/index';
import { arbitraryValue } from './testing/arbitrary';
import { fromJer, toJer } from './jer';
import { AsnPeer, PEER_PROFILES, peerUnavailable, type JerValue, type PeerRandomFrame } from './testing/peer';
import { fromHex, readSampleHex, samplesUnavailable, toHexLower } from './testing/samples';

/** Random values per profile and direction (the closing note reports this number). */
const RANDOM_PER_PROFILE = 300;
const SEED = 20261130;
/** The peer compiles its module sets once (~25 s cold): generous, and never a speed assertion. */
const PEER_TIMEOUT_MS = 900_000;

const noPeer = peerUnavailable();
const noSamples = samplesUnavailable();
if (noPeer) console.warn(`SKIPPED UPER interop with asn1-peer: ${noPeer}`);

/** The first place two JSON values differ, as `path: a vs b`, or undefined when equal. */
function firstDifference(a: JerValue | undefined, b: JerValue | undefined, path = ''): string | undefined {
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		return a === b ? undefined : `${path || '(top)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
	}
	if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	for (const k of keys) {
		const d = firstDifference((a as Record<string, JerValue>)[k], (b as Record<string, JerValue>)[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k);
		if (d) return d;
	}
	return undefined;
}

/** Our decode of a whole frame: every octet used (only the final < 8 padding bits may remain). */
function decodeFrame(set: SchemaSet, root: AsnType, hex: string) {
	const bytes = fromHex(hex);
	const { value, bits } = decode(root, bytes, set);
	if (Math.max(1, Math.ceil(bits / 8)) !== bytes.length) throw new Error(`${bytes.length - Math.ceil(bits / 8)} octets left after ${bits} bits`);
	return value;
}

/** Runs `check` on every item and returns `#index: problem` lines for the ones that fail or throw. */
function failures<T>(items: readonly T[], check: (item: T, i: number) => string | undefined): string[] {
	const out: string[] = [];
	items.forEach((item, i) => {
		try {
			const problem = check(item, i);
			if (problem) out.push(`#${i}: ${problem}`);
		} catch (e) {
			out.push(`#${i}: ${(e as Error).message}`);
		}
	});
	return out.slice(0, 10);
}

/** The MessageFrame slot a JER frame fills, as the peer's `slots` names it. */
function slotOf(jer: JerValue): string {
	const [alt, v] = Object.entries(jer as Record<string, JerValue>)[0];
	return alt === 'msgFrameExt' ? `msgFrameExt(MessageTypes ${(v as Record<string, JerValue>).messageId})` : alt;
}

describe.skipIf(noPeer)('UPER interop with asn1-peer (Erlang/OTP asn1)', () => {
	const peer = new AsnPeer();
	beforeAll(() => peer.build(), PEER_TIMEOUT_MS);

	describe.each(PEER_PROFILES.map((p) => [p]))('%s', (name) => {
		const set = profile(name as ProfileName).schema;
		const root: AsnType = { kind: 'ref', name: set.root ?? 'MessageFrame' };
		let frames: PeerRandomFrame[] = [];
		beforeAll(() => {
			frames = peer.random(name, RANDOM_PER_PROFILE, SEED);
		}, PEER_TIMEOUT_MS);

		it(`the peer's ${RANDOM_PER_PROFILE} random frames cover every MessageFrame alternative`, () => {
			expect(new Set(frames.map((f) => slotOf(f.jer)))).toEqual(new Set(peer.slots(name)));
		}, PEER_TIMEOUT_MS);

		it("peer's random frames: our decode gives the peer's JER, our encode gives the peer's bytes", () => {
			const bad = failures(frames, (f) => {
				const decoded = toJer(root, decodeFrame(set, root, f.hex), set);
				const diff = firstDifference(decoded, f.jer);
				if (diff) return `decode (ours vs peer) ${diff}`;
				const hex = toHexLower(encode(root, fromJer(root, f.jer, set), set));
				return hex === f.hex.toLowerCase() ? undefined : `encode: ours ${hex.slice(0, 80)} vs peer ${f.hex.toLowerCase().slice(0, 80)}`;
			});
			expect(bad).toEqual([]);
		});

		it("our encode of the peer's values, decoded by the peer: the same JER, re-encoding to our bytes", () => {
			const ours = frames.map((f) => toHexLower(encode(root, fromJer(root, f.jer, set), set)));
			const verdicts = peer.decode(name, ours);
			const bad = failures(verdicts, (d, i) => {
				if (!d.ok) return `peer refuses our bytes: ${d.error}`;
				if (!d.reencodeEqual) return 'the peer re-encodes our bytes differently';
				return firstDifference(d.jer, frames[i].jer);
			});
			expect(bad).toEqual([]);
		}, PEER_TIMEOUT_MS);

		it("the library's X.697 JER (jer.ts) agrees with the peer both ways, on its values and on ours beyond the root", () => {
			const bad = failures(frames, (f) => {
				const diff = firstDifference(toJer(root, decodeFrame(set, root, f.hex), set), f.jer);
				if (diff) return `toJer (library vs peer) ${diff}`;
				const hex = toHexLower(encode(root, fromJer(root, f.jer, set), set));
				return hex === f.hex.toLowerCase() ? undefined : `fromJer then encode: ${hex.slice(0, 80)} vs peer ${f.hex.toLowerCase().slice(0, 80)}`;
			});
			expect(bad).toEqual([]);
			const values = Array.from({ length: RANDOM_PER_PROFILE }, (_, i) => arbitraryValue(set, root, SEED + 7 * i, { beyondRoot: 0.3 }));
			const verdicts = peer.decode(name, values.map((v) => toHexLower(encode(root, v, set))));
			expect(failures(verdicts, (d, i) => (d.ok ? firstDifference(toJer(root, values[i], set), d.jer) : `peer refuses: ${d.error}`))).toEqual([]);
		}, PEER_TIMEOUT_MS);

		it('padding bits set to 1 after the last field: the peer and we both read the same value (X.691 10.1.3: padding carries nothing)', () => {
			const padded = frames.flatMap((f) => {
				const bytes = fromHex(f.hex);
				const used = decode(root, bytes, set).bits;
				if (used % 8 === 0) return [];
				bytes[bytes.length - 1] |= 0xff >> (used % 8);
				return [{ hex: toHexLower(bytes), jer: f.jer }];
			});
			expect(padded.length).toBeGreaterThan(RANDOM_PER_PROFILE / 4); // the rest end on an octet boundary
			const verdicts = peer.decode(name, padded.map((p) => p.hex));
			expect(failures(verdicts, (d, i) => (d.ok ? firstDifference(d.jer, padded[i].jer) : `peer refuses: ${d.error}`))).toEqual([]);
			expect(failures(padded, (p) => firstDifference(toJer(root, decodeFrame(set, root, p.hex), set), p.jer))).toEqual([]);
		}, PEER_TIMEOUT_MS);

		it.each([
			['in the root of every constraint', 0],
			['often beyond the root of extensible constraints (X.691 10.9.3.5, 12.1; ENUMERATED additions)', 0.3]
		] as const)(`${RANDOM_PER_PROFILE} values of our own generator, %s: our encode, decoded by the peer, gives our JER and our bytes again`, (_, beyondRoot) => {
			const values = Array.from({ length: RANDOM_PER_PROFILE }, (_, i) => arbitraryValue(set, root, SEED + i, { beyondRoot }));
			const hexes = values.map((v) => toHexLower(encode(root, v, set)));
			const verdicts = peer.decode(name, hexes);
			const bad = failures(verdicts, (d, i) => {
				if (!d.ok) return `peer refuses our bytes ${hexes[i].slice(0, 60)}: ${d.error}`;
				if (!d.reencodeEqual) return 'the peer re-encodes our bytes differently (not canonical?)';
				return firstDifference(d.jer, toJer(root, values[i], set));
			});
			expect(bad).toEqual([]);
			// our decode of our own bytes gives the value back, too
			expect(failures(hexes, (h, i) => firstDifference(toJer(root, decodeFrame(set, root, h), set), toJer(root, values[i], set)))).toEqual([]);
		}, PEER_TIMEOUT_MS);
	});
});

describe.skipIf(noPeer)('UPER interop: a newer sender (csae157-2020 frames read with the final csae53-2020 set)', () => {
	const peer = new AsnPeer();
	beforeAll(() => peer.build(['csae157-2020', 'csae53-2020']), PEER_TIMEOUT_MS);

	it("both skip the unknown extension additions alike; our re-encoding keeps them and reads back the same in the peer", () => {
		const set = profile('csae53-2020').schema;
		const root: AsnType = { kind: 'ref', name: set.root ?? 'MessageFrame' };
		// msgFrameExt is an unknown CHOICE alternative in the final set: JER cannot show it, so only the five shared ones
		const frames = peer.random('csae157-2020', RANDOM_PER_PROFILE, SEED).filter((f) => !slotOf(f.jer).startsWith('msgFrameExt'));
		const peerViews = peer.decode('csae53-2020', frames.map((f) => f.hex));
		const ours = frames.map((f) => decodeFrame(set, root, f.hex));
		expect(peerViews.filter((d) => d.ok && !d.reencodeEqual).length).toBeGreaterThan(0); // some do carry phase-2 additions
		expect(failures(peerViews, (d, i) => (d.ok ? firstDifference(toJer(root, ours[i], set), d.jer) : `peer refuses: ${d.error}`))).toEqual([]);
		const reencoded = ours.map((v) => toHexLower(encode(root, v, set)));
		// The unknown additions kept raw at their bitmap positions, and the sender's bitmap length: the same bytes.
		expect(failures(reencoded, (hex, i) => (hex === frames[i].hex.toLowerCase() ? undefined : `re-encoded ${hex.slice(0, 80)} vs ${frames[i].hex.toLowerCase().slice(0, 80)}`))).toEqual([]);
		const peerAgain = peer.decode('csae53-2020', reencoded);
		expect(failures(peerAgain, (d, i) => (d.ok ? firstDifference(d.jer, (peerViews[i] as { jer: JerValue }).jer) : `peer refuses our re-encoding: ${d.error}`))).toEqual([]);
		// and in the newer profile our re-encoding still carries the additions: the same JER as the original
		const newer = peer.decode('csae157-2020', reencoded);
		expect(failures(newer, (d, i) => (d.ok ? firstDifference(d.jer, frames[i].jer) : `csae157-2020 peer refuses it: ${d.error}`))).toEqual([]);
	}, PEER_TIMEOUT_MS);
});

describe.skipIf(noPeer || noSamples)('UPER interop: named BIT STRINGs given with more or fewer trailing zero bits (X.680 22.7, X.691 16.3)', () => {
	const peer = new AsnPeer();
	beforeAll(() => peer.build(['csae53-2020-draft']), PEER_TIMEOUT_MS);

	it('VehicleEventFlags SIZE(13, ...) and ExteriorLights SIZE(9, ...) of a real BSM: our bytes are the peer\'s', () => {
		const set = profile('csae53-2020-draft').schema;
		const root: AsnType = { kind: 'ref', name: set.root ?? 'MessageFrame' };
		const bsm = decodeFrame(set, root, readSampleHex('bsm2.uper.hex')) as { bsmFrame: { safetyExt: { [k: string]: AsnValue } } };
		const bits = (hex: string, length: number) => ({ bits: fromHex(hex), length });
		// Nothing set (given with 0, 13 or 20 bits), a set bit inside the root, one beyond it.
		const cases = [bits('', 0), bits('0000', 13), bits('000000', 20), bits('0008', 13), bits('800100', 20)];
		const ours: string[] = [];
		const jers: JerValue[] = [];
		for (const events of cases)
			for (const lights of [bits('', 0), bits('000000', 17), bits('0040', 10)]) {
				const value = structuredClone(bsm);
				Object.assign(value.bsmFrame.safetyExt, { events, lights });
				ours.push(toHexLower(encode(root, value, set)));
				const jer = toJer(root, bsm, set) as { bsmFrame: { safetyExt: { [k: string]: JerValue } } };
				// The JER of the value as given, with its own length (the peer's canon takes either form).
				const jerBits = (b: { bits: Uint8Array; length: number }) => ({ value: toHexLower(b.bits).toUpperCase(), length: b.length });
				Object.assign(jer.bsmFrame.safetyExt, { events: jerBits(events), lights: jerBits(lights) });
				jers.push(jer);
			}
		const theirs = peer.encode('csae53-2020-draft', jers);
		expect(failures(theirs, (t, i) => (!t.ok ? `peer refuses: ${t.error}` : t.hex.toLowerCase() === ours[i] ? undefined : `ours ${ours[i]} vs peer ${t.hex.toLowerCase()}`))).toEqual([]);
	}, PEER_TIMEOUT_MS);
});
