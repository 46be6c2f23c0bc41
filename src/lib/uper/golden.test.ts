// Golden vectors from real equipment: the six UPER MessageFrames a roadside unit sent in 2020,
// the RSM from Larry0913's decoder and the crafted phase-2 SSM (../shared/samples/uper, see its
// SOURCES.md), with their RSU-to-cloud framing and their published decodes. Checked against the
// independent peer (asn1-peer, Erlang/OTP asn1). Skips with a notice where ../shared or Erlang is
// absent (a user's fresh clone; outside CI).
import { beforeAll, describe, expect, it } from 'vitest';
import { UperError } from './errors';
import { decode, encode, type AsnType, type AsnValue } from './index';
import { profile, type ProfileName } from './profiles/index';
import { checkDocumented, parseDocumentedDecode, parseXer } from './testing/documented';
import { parseRsuFraming } from './testing/framing';
import { toJer } from './jer';
import { AsnPeer, peerUnavailable, type JerValue, type PeerDecoded } from './testing/peer';
import {
	FOUND_HEX_LISTS,
	FRAMED_PAYLOADS,
	GOLDEN_FRAMES,
	fromHex,
	readHexList,
	readSampleHex,
	readSampleText,
	samplesUnavailable,
	toHexLower,
	type GoldenFrame
} from './testing/samples';

const noSamples = samplesUnavailable();
const noPeer = noSamples ?? peerUnavailable();
if (noSamples) console.warn(`SKIPPED UPER golden vectors: ${noSamples}`);
else if (noPeer) console.warn(`SKIPPED UPER golden vectors against asn1-peer: ${noPeer}`);

/** The peer builds its compiled module sets once (~25 s cold); never a speed assertion. */
const BUILD_TIMEOUT_MS = 900_000;

/** The built-in profile's schema set and its root type (MessageFrame). */
function schemaOf(name: string) {
	const set = profile(name as ProfileName).schema;
	return { set, root: { kind: 'ref', name: set.root ?? 'MessageFrame' } as AsnType };
}

/** Our decode of a golden frame (its file, or the bytes given) under a profile, with how many octets it left unread. */
function ourDecode(g: { file: string; profile: string; bytes?: Uint8Array }): { value: AsnValue; octetsLeft: number } {
	const { set, root } = schemaOf(g.profile);
	const bytes = g.bytes ?? fromHex(readSampleHex(g.file));
	const { value, bits } = decode(root, bytes, set);
	return { value, octetsLeft: bytes.length - Math.ceil(bits / 8) };
}

/** Our value of a golden frame as JER (X.697), the shape the peer and the published checks use. */
function ourJer(g: { file: string; profile: string }): Record<string, JerValue> {
	const { set, root } = schemaOf(g.profile);
	return toJer(root, ourDecode(g).value, set) as Record<string, JerValue>;
}

/** The six RSU frames under the final T/CSAE 53-2020 set: which decode completely (SOURCES.md: BSM, RSM, SPAT). */
function finalSetVerdict(name: string): 'decodes' | 'fails' {
	const g = GOLDEN_FRAMES.find((x) => x.name === name)!;
	try {
		return ourDecode({ ...g, profile: 'csae53-2020' }).octetsLeft === 0 ? 'decodes' : 'fails';
	} catch (e) {
		if (e instanceof UperError) return 'fails';
		throw e;
	}
}

const RSU_FRAMES = ['bsm1', 'bsm2', 'map', 'rsi', 'rsm', 'spat'];

describe('RSU-to-cloud framing (synthetic payloads)', () => {
	const header = [...new TextEncoder().encode('RSU-0001'), 0x10, 0x27, 0, 0, 0, 0, 0, 0]; // 10000 ms

	it('takes a counted BSM payload and a single-frame payload apart', () => {
		const bsm = parseRsuFraming(new Uint8Array([...header, 2, 2, 0, 0xaa, 0xbb, 1, 0, 0xcc]), 'BSM');
		expect(new TextDecoder().decode(bsm.rsuId)).toBe('RSU-0001');
		expect(bsm.timestampMs).toBe(10000);
		expect(bsm.frames.map(toHexLower)).toEqual(['aabb', 'cc']);
		const spat = parseRsuFraming(new Uint8Array([...header, 3, 0, 1, 2, 3]), 'spat');
		expect(spat.frames.map(toHexLower)).toEqual(['010203']);
	});

	it.each([
		['short header', [...header.slice(0, 12)], 'SPAT', 'truncated', 'timestamp', 96],
		['no count', [...header], 'BSM', 'truncated', 'count', 128],
		['length cut', [...header, 1, 5], 'BSM', 'truncated', 'frames[0].length', 136],
		['frame longer than the rest', [...header, 1, 5, 0, 1, 2], 'BSM', 'truncated', 'frames[0].length', 136],
		['second frame missing', [...header, 2, 1, 0, 9], 'BSM', 'truncated', 'frames[1].length', 160],
		['zero length', [...header, 0, 0], 'MAP', 'bad_length', 'frames[0].length', 128],
		['bytes after the frame', [...header, 1, 0, 9, 9], 'RSI', 'trailing_bits', '', 152]
	] as const)('%s: UperError naming the field and the bit offset', (_, bytes, topic, code, path, bitOffset) => {
		let error: unknown;
		try {
			parseRsuFraming(new Uint8Array(bytes), topic);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(UperError);
		expect(error).toMatchObject({ code, path, bitOffset });
		expect((error as Error).message).toContain(`bit offset ${bitOffset}`);
	});
});

describe.skipIf(noSamples)('golden frames: RSU framing of the captures', () => {
	it.each(FRAMED_PAYLOADS.map((p) => [p.file, p] as const))('%s carries the same frames as the *.uper.hex files', (_, p) => {
		const payload = parseRsuFraming(fromHex(readSampleHex(p.file)), p.topicType);
		const expected = p.frames.map((name) => readSampleHex(GOLDEN_FRAMES.find((g) => g.name === name)!.file));
		expect(payload.frames.map(toHexLower)).toEqual(expected);
		// November 2020, as SOURCES.md says of the captures
		expect(new Date(payload.timestampMs).toISOString().slice(0, 7)).toBe('2020-11');
	});
});

describe.skipIf(noSamples)('golden frames: our codec with the built-in profiles', () => {
	it.each(GOLDEN_FRAMES.map((g) => [g.name, g] as const))('%s decodes under its profile, every octet used, and re-encodes to the same bytes', (_, g) => {
		const { value, octetsLeft } = ourDecode(g);
		expect(octetsLeft).toBe(0);
		expect(Object.keys(value as object)).toEqual([g.alternative]);
		const { set, root } = schemaOf(g.profile);
		expect(toHexLower(encode(root, value, set))).toBe(readSampleHex(g.file));
	});

	const documented = GOLDEN_FRAMES.filter((g) => !!g.documented);
	it.each(documented.map((g) => [g.name, g] as const))('%s: our decode agrees with the published decode', (_, g) => {
		const doc = parseDocumentedDecode(readSampleText(g.documented!.file)).values[g.documented!.block];
		const check = checkDocumented(doc, ourJer(g)[g.alternative], g.documented!.neighbourFrame);
		expect(check.mismatches).toEqual([]);
		// the key fields are among those checked
		for (const key of ['msgCnt', 'id', 'secMark', 'refPos.lat', 'pos.lat', 'speed', 'heading', 'timeStamp']) {
			if (key in (doc as object) || key.split('.')[0] in (doc as object)) {
				if (!(g.documented!.neighbourFrame ?? []).includes(key)) expect(check.agreed).toContain(key);
			}
		}
	});

	const withXer = GOLDEN_FRAMES.filter((g) => !!g.xer);
	it.each(withXer.map((g) => [g.name, g] as const))('%s: our decode agrees with the published XER, every member', (_, g) => {
		const check = checkDocumented(parseXer(readSampleText(g.xer!)), ourJer(g));
		expect(check.mismatches).toEqual([]);
		expect(check.undecided).toEqual([]);
		expect(check.agreed).toEqual(expect.arrayContaining(['msgCnt', 'id'].map((k) => `${g.alternative}.${g.alternative === 'msgFrameExt' ? 'value.' : ''}${k}`)));
	});

	it('under the final set (csae53-2020) BSM, RSM and SPAT decode, RSI and MAP do not (deployed units run the draft)', () => {
		expect(Object.fromEntries(RSU_FRAMES.map((n) => [n, finalSetVerdict(n)]))).toEqual({
			bsm1: 'decodes',
			bsm2: 'decodes',
			map: 'fails',
			rsi: 'fails',
			rsm: 'decodes',
			spat: 'decodes'
		});
	});
});

describe.skipIf(noPeer)('golden frames: asn1-peer (Erlang/OTP asn1) as the reference', () => {
	const peer = new AsnPeer();
	const decoded = new Map<string, PeerDecoded>();

	beforeAll(() => {
		const profiles = [...new Set(GOLDEN_FRAMES.map((g) => g.profile))];
		peer.build(profiles);
		for (const p of profiles) {
			const frames = GOLDEN_FRAMES.filter((g) => g.profile === p);
			peer.decode(p, frames.map((g) => readSampleHex(g.file))).forEach((d, i) => decoded.set(frames[i].name, d));
		}
	}, BUILD_TIMEOUT_MS);

	it.each(GOLDEN_FRAMES.map((g) => [g.name, g] as const))('%s decodes under its profile and re-encodes to the same bytes', (_, g) => {
		const d = decoded.get(g.name);
		expect(d).toMatchObject({ ok: true, reencodeEqual: true });
		expect(Object.keys((d as { jer: Record<string, JerValue> }).jer)).toEqual([g.alternative]);
	});

	const documented = GOLDEN_FRAMES.filter((g): g is GoldenFrame & { documented: object } => !!g.documented);
	it.each(documented.map((g) => [g.name, g] as const))('%s: the peer agrees with the published decode', (_, g) => {
		const d = decoded.get(g.name);
		if (!d?.ok) throw new Error(`${g.name}: the peer refused it: ${JSON.stringify(d)}`);
		const doc = parseDocumentedDecode(readSampleText(g.documented!.file)).values[g.documented!.block];
		const check = checkDocumented(doc, (d.jer as Record<string, JerValue>)[g.alternative], g.documented!.neighbourFrame);
		expect(check.mismatches).toEqual([]);
		expect(check.agreed.length).toBeGreaterThan(10);
	});

	it.each(GOLDEN_FRAMES.map((g) => [g.name, g] as const))("%s: our decode gives the peer's JER", (_, g) => {
		const d = decoded.get(g.name);
		if (!d?.ok) throw new Error(`${g.name}: the peer refused it: ${JSON.stringify(d)}`);
		expect(ourJer(g)).toEqual(d.jer);
	});

	it('under the final set (csae53-2020) our codec and the peer agree on which RSU frames decode', () => {
		const peerVerdicts = peer.decode('csae53-2020', RSU_FRAMES.map((n) => readSampleHex(GOLDEN_FRAMES.find((g) => g.name === n)!.file)));
		expect(RSU_FRAMES.map(finalSetVerdict)).toEqual(peerVerdicts.map((d) => (d.ok ? 'decodes' : 'fails')));
	}, BUILD_TIMEOUT_MS);

	it.each(GOLDEN_FRAMES.filter((g) => !!g.xer).map((g) => [g.name, g] as const))('%s: the peer agrees with the published XER', (_, g) => {
		const d = decoded.get(g.name);
		if (!d?.ok) throw new Error(`${g.name}: the peer refused it: ${JSON.stringify(d)}`);
		const check = checkDocumented(parseXer(readSampleText(g.xer!)), d.jer);
		expect(check.mismatches).toEqual([]);
		expect(check.agreed.length).toBeGreaterThan(5);
	});

	it.each(['csae53-2017', 'csae53-2020-draft', 'csae53-2020', 'csae157-2020'])(
		"frames from another project's unit tests (java-tests-*.hexlist) under %s: our codec and the peer agree on which decode, with the same JER and the same bytes again",
		(name) => {
			const hexes = FOUND_HEX_LISTS.flatMap(readHexList);
			const { set, root } = schemaOf(name);
			const verdicts = peer.decode(name, hexes);
			const problems = hexes.flatMap((hex, i) => {
				const d = verdicts[i];
				let ours: AsnValue | undefined;
				try {
					const r = ourDecode({ file: '', profile: name, bytes: fromHex(hex) });
					if (r.octetsLeft === 0) ours = r.value;
				} catch (e) {
					if (!(e instanceof UperError)) throw e;
				}
				if (!d.ok || ours === undefined) return d.ok === (ours !== undefined) ? [] : [`#${i}: peer ${d.ok ? 'decodes' : 'fails'}, ours ${ours ? 'decodes' : 'fails'}`];
				if (JSON.stringify(toJer(root, ours, set)) !== JSON.stringify(d.jer)) return [`#${i}: JER differs`];
				return toHexLower(encode(root, ours, set)) === hex ? [] : [`#${i}: re-encodes differently`];
			});
			expect(problems).toEqual([]);
			// 7 of the 8 are 2020-style frames (one is not a MessageFrame); none fits the 2017 set
			expect(verdicts.filter((d) => d.ok).length).toBe(name === 'csae53-2017' ? 0 : 7);
		},
		BUILD_TIMEOUT_MS
	);

	it('the XER checker does see a disagreement (the SSM with another secMark and equipment type)', () => {
		const d = decoded.get('ssm-dayii-crafted');
		if (!d?.ok) throw new Error('the SSM refused by the peer');
		const jer = JSON.parse(JSON.stringify(d.jer));
		jer.msgFrameExt.value.secMark += 1;
		jer.msgFrameExt.value.equipmentType = 'rsu';
		const check = checkDocumented(parseXer(readSampleText('ssm-dayii-crafted.xer')), jer);
		expect(check.mismatches).toHaveLength(2);
	});

	it('the checker of published decodes does see a disagreement (bsm1 against bsm2\'s text)', () => {
		const d = decoded.get('bsm1');
		if (!d?.ok) throw new Error('bsm1 refused by the peer');
		const doc = parseDocumentedDecode(readSampleText('bsm.documented-decode.txt')).values[0];
		const check = checkDocumented(doc, (d.jer as Record<string, JerValue>).bsmFrame);
		expect(check.mismatches).toContain('msgCnt: published 101, JER 117');
	});
});
