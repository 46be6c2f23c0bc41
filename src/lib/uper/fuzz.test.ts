// Fuzzing the UPER decoder: random bits and mutated real frames (bit flips, cuts, runs of 1s that
// make huge lengths, spliced octets) through every built-in profile. Whatever the input, decode
// returns a value or throws UperError with a bit offset inside the input and a field path; it
// never throws anything else. Inputs are at most a few kB, so a hang would show as the test's
// timeout; there is no timing assertion. A value it does return re-encodes, and decoding that
// again gives the same value. Mutated real frames need ../shared (skipped without); our own
// generator's encodings are mutated everywhere.
import { describe, expect, it } from 'vitest';
import { decode, encode, UperError, valuesEqual, type AsnType, type SchemaSet } from './index';
import { profile, profileNames } from './profiles/index';
import { arbitraryValue, Rng } from './testing/arbitrary';
import { parseRsuFraming } from './testing/framing';
import { FRAMED_PAYLOADS, GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable } from './testing/samples';

const INPUTS_PER_PROFILE = 3000;
const MAX_INPUT_OCTETS = 4096;
const SEED = 7_2026;
/** Generous: the inputs are bounded, so only a hang would reach it; never a speed assertion. */
const FUZZ_TIMEOUT_MS = 600_000;

const noSamples = samplesUnavailable();
if (noSamples) console.warn(`SKIPPED UPER fuzzing of mutated real frames (generated frames are still fuzzed): ${noSamples}`);

/** One mutation of `base`: flipped bits, a cut, appended or spliced octets, a run of 0xFF or 0x00. */
function mutate(r: Rng, base: Uint8Array): Uint8Array {
	const b = Uint8Array.from(base);
	switch (r.int(0, 5)) {
		case 0:
			for (let n = r.int(1, 8); n > 0 && b.length > 0; n--) b[r.int(0, b.length - 1)] ^= 0x80 >> r.int(0, 7);
			return b;
		case 1:
			return b.subarray(0, r.int(0, b.length));
		case 2:
			return Uint8Array.from([...b, ...Array.from({ length: r.int(1, 16) }, () => r.int(0, 255))]);
		case 3: {
			const at = r.int(0, b.length);
			const insert = Array.from({ length: r.int(1, 8) }, () => r.int(0, 255));
			return Uint8Array.from([...b.subarray(0, at), ...insert, ...b.subarray(at)]);
		}
		default: {
			const fill = r.chance(0.5) ? 0xff : 0x00;
			const at = r.int(0, Math.max(0, b.length - 1));
			b.fill(fill, at, Math.min(b.length, at + r.int(1, 6)));
			return b;
		}
	}
}

/** What decoding `bytes` did: undefined when the decoder kept its contract, else the breach. */
function breach(set: SchemaSet, root: AsnType, bytes: Uint8Array): string | undefined {
	let decoded;
	try {
		decoded = decode(root, bytes, set);
	} catch (e) {
		if (!(e instanceof UperError)) return `threw ${(e as Error)?.name}: ${(e as Error)?.message}`;
		if (!Number.isInteger(e.bitOffset) || e.bitOffset < 0 || e.bitOffset > bytes.length * 8) return `UperError bit offset ${e.bitOffset} outside the input`;
		if (typeof e.path !== 'string' || !e.message.includes(`bit offset ${e.bitOffset}`)) return `UperError without its place: ${e.message}`;
		return undefined;
	}
	if (decoded.bits > bytes.length * 8) return `claims ${decoded.bits} bits of ${bytes.length * 8}`;
	const again = decode(root, encode(root, decoded.value, set), set).value;
	return valuesEqual(again, decoded.value, root, set) ? undefined : 're-encoding the decoded value decodes to another value';
}

function hexOf(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Inputs for one profile: random octets, mutations of generated frames and (when present) of the real ones. */
function inputs(set: SchemaSet, root: AsnType, seed: number): Uint8Array[] {
	const r = new Rng(seed);
	const bases = Array.from({ length: 40 }, (_, i) => encode(root, arbitraryValue(set, root, seed + i), set)).filter((b) => b.length <= MAX_INPUT_OCTETS);
	if (!noSamples) bases.push(...GOLDEN_FRAMES.map((g) => fromHex(readSampleHex(g.file))));
	const out: Uint8Array[] = [];
	for (let i = 0; i < INPUTS_PER_PROFILE; i++) {
		if (i % 5 === 0) out.push(Uint8Array.from({ length: r.int(0, 300) }, () => r.int(0, 255)));
		else {
			let b = r.pick(bases);
			for (let k = r.int(1, 3); k > 0; k--) b = mutate(r, b);
			out.push(b.subarray(0, MAX_INPUT_OCTETS));
		}
	}
	return out;
}

describe.each(profileNames().map((n) => [n]))('UPER decoder fuzz: %s', (name) => {
	const set = profile(name).schema;
	const root: AsnType = { kind: 'ref', name: set.root ?? 'MessageFrame' };

	it(`${INPUTS_PER_PROFILE} random and mutated inputs: a value or a UperError with its place, nothing else`, () => {
		const bad: string[] = [];
		for (const bytes of inputs(set, root, SEED)) {
			let problem: string | undefined;
			try {
				problem = breach(set, root, bytes);
			} catch (e) {
				problem = `re-encoding threw ${(e as Error).message}`;
			}
			if (problem && bad.length < 10) bad.push(`${hexOf(bytes).slice(0, 120)}: ${problem}`);
		}
		expect(bad).toEqual([]);
	}, FUZZ_TIMEOUT_MS);

	it('hostile lengths: endless 64K-fragment markers and all-ones input fail fast with UperError', () => {
		// 0x80: an extension CHOICE alternative (extension bit 1, normally small index 0), then an open
		// type whose general length determinant says "a 64K-octet fragment follows" over and over
		for (const bytes of [
			Uint8Array.from([0x80, ...new Array(2000).fill(0xc4)]),
			new Uint8Array(4096).fill(0xff),
			Uint8Array.from([0x00, ...new Array(64).fill(0xff)])
		]) {
			expect(() => decode(root, bytes, set)).toThrow(UperError);
		}
	});
});

describe('RSU framing fuzz', () => {
	it('random and mutated payloads: frames that tile the input, or a UperError with its place', () => {
		const r = new Rng(SEED);
		const header = Array.from({ length: 16 }, () => r.int(0, 255));
		const bases = noSamples ? [] : FRAMED_PAYLOADS.map((p) => ({ bytes: fromHex(readSampleHex(p.file)), topic: p.topicType }));
		bases.push({ bytes: Uint8Array.from([...header, 2, 1, 0, 7, 2, 0, 8, 9]), topic: 'BSM' }, { bytes: Uint8Array.from([...header, 3, 0, 1, 2, 3]), topic: 'MAP' });
		const bad: string[] = [];
		for (let i = 0; i < 5000; i++) {
			const base = r.pick(bases);
			const bytes = i % 4 === 0 ? Uint8Array.from({ length: r.int(0, 64) }, () => r.int(0, 255)) : mutate(r, base.bytes);
			try {
				const { frames } = parseRsuFraming(bytes, base.topic);
				const framed = 16 + (base.topic === 'BSM' ? 1 : 0) + frames.reduce((n, f) => n + 2 + f.length, 0);
				if (framed !== bytes.length) bad.push(`${hexOf(bytes).slice(0, 80)}: frames cover ${framed} of ${bytes.length} octets`);
			} catch (e) {
				if (!(e instanceof UperError) || e.bitOffset < 0 || e.bitOffset > bytes.length * 8) bad.push(`${hexOf(bytes).slice(0, 80)}: ${(e as Error).message}`);
			}
		}
		expect(bad.slice(0, 10)).toEqual([]);
	}, FUZZ_TIMEOUT_MS);
});
