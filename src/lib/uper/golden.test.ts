// Golden vectors from real equipment: the six UPER MessageFrames a roadside unit sent in 2020,
// the RSM from Larry0913's decoder and the crafted phase-2 SSM (../shared/samples/uper, see its
// SOURCES.md), with their RSU-to-cloud framing and their published decodes. Checked against the
// independent peer (asn1-peer, Erlang/OTP asn1). Skips with a notice where ../shared or Erlang is
// absent (a user's fresh clone; outside CI).
import { beforeAll, describe, expect, it } from 'vitest';
import { UperError } from './errors';
import { checkDocumented, parseDocumentedDecode } from './testing/documented';
import { parseRsuFraming } from './testing/framing';
import { AsnPeer, peerUnavailable, type JerValue, type PeerDecoded } from './testing/peer';
import {
	FRAMED_PAYLOADS,
	GOLDEN_FRAMES,
	fromHex,
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

	it('the checker of published decodes does see a disagreement (bsm1 against bsm2\'s text)', () => {
		const d = decoded.get('bsm1');
		if (!d?.ok) throw new Error('bsm1 refused by the peer');
		const doc = parseDocumentedDecode(readSampleText('bsm.documented-decode.txt')).values[0];
		const check = checkDocumented(doc, (d.jer as Record<string, JerValue>).bsmFrame);
		expect(check.mismatches).toContain('msgCnt: published 101, JER 117');
	});
});
