// The mapping between each profile's UPER values and the protobuf model: random values of every
// message of every profile survive value -> model -> protobuf bytes -> model -> value wherever no
// notice was raised; every sample frame survives model -> UPER bytes -> model; the real frames of
// ../shared/samples/uper map to the model and back to the same bytes, without a notice.
import { describe, expect, test } from 'vitest';
import { Cv2xError, decodeFrame, encodeFrame, frameJson, makeFrame, type JsonValue, type MessageFrame } from '../../codec';
import { sampleFrame, sampleTypes } from '../../samples';
import { decode, encode, valuesEqual } from '../per';
import { profile, profileNames, type ProfileName } from '../profiles';
import type { AsnValue, ChoiceType, OpenType, SequenceType } from '../schema';
import { arbitraryValue } from '../testing/arbitrary';
import { GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable, toHexLower } from '../testing/samples';
import { decodeGb2312, encodeGb2312 } from './gb2312';
import { fromModel, toModel } from './index';

const VALUES_PER_MESSAGE = 40;

/** Every message a profile's MessageFrame carries, as a generator of random frame values. */
function messagesOf(name: ProfileName): { label: string; make: (seed: number) => AsnValue }[] {
	const set = profile(name).schema;
	const frame = set.types.MessageFrame as ChoiceType;
	const out: { label: string; make: (seed: number) => AsnValue }[] = [];
	for (const alt of [...frame.root, ...frame.additions]) {
		if (alt.name !== 'msgFrameExt') {
			out.push({ label: alt.name, make: (seed) => ({ [alt.name]: arbitraryValue(set, alt.type, seed) }) });
			continue;
		}
		const ext = set.types[(alt.type as { name: string }).name] as SequenceType;
		const open = ext.components.find((c) => c.name === 'value')!.type as OpenType;
		for (const [key, type] of Object.entries(open.table!.types))
			out.push({ label: `msgFrameExt ${key} ${(type as { name: string }).name}`, make: (seed) => ({ msgFrameExt: { messageId: Number(key), value: arbitraryValue(set, type, seed) } }) });
	}
	return out;
}

/**
 * The components each profile has and the model lacks (field paths, list indices as []): the
 * only "not carried" notices random values may raise. A new loss fails here; a gap closed by a
 * proto change is removed here.
 */
const KNOWN_GAPS: Record<ProfileName, string[]> = {
	'csae53-2017': [
		'bsmFrame.safetyExt.pathHistory.initialPosition.posAccuracy.elevation',
		'bsmFrame.safetyExt.pathHistory.initialPosition.posAccuracy.pos',
		'rsiFrame.alertPath',
		'rsiFrame.alertRadius',
		'rsiFrame.alertType',
		'rsiFrame.description',
		'rsiFrame.priority',
		'rsiFrame.rsiId'
	],
	'csae53-2020-draft': [],
	'csae53-2020': [],
	'csae157-2020': []
};

/** Notices that name a value the model keeps only approximately, by design (see custom.ts, names.ts). */
const BY_DESIGN = [
	/the model keeps no CHOICE; it re-encodes as the smallest that fits/,
	/GB 2312/,
	/messageId \d+ has no message type in the model/
];

function checkNotices(name: ProfileName, notices: string[]): void {
	for (const n of notices) {
		if (BY_DESIGN.some((r) => r.test(n))) continue;
		const path = n.split(':')[0].replace(/\[\d+\]/g, '[]');
		expect(KNOWN_GAPS[name], n).toContain(path);
	}
}

/** Every field of `got` (recursively) equals the same field of `want`; `want` may have more. */
function expectSharedEqual(got: JsonValue, want: JsonValue, path: string): void {
	if (got !== null && typeof got === 'object' && want !== null && typeof want === 'object') {
		expect(Array.isArray(got), path).toBe(Array.isArray(want));
		for (const [k, v] of Object.entries(got)) expectSharedEqual(v, (want as Record<string, JsonValue>)[k], `${path}.${k}`);
		return;
	}
	expect(got, path).toEqual(want);
}

describe.each(profileNames())('UPER <-> model mapping, profile %s', (name) => {
	const set = profile(name).schema;

	test.each(messagesOf(name).map((m) => [m.label, m] as const))('random %s values: value -> model -> protobuf -> model -> value', (label, m) => {
		let clean = 0;
		for (let seed = 1; seed <= VALUES_PER_MESSAGE; seed++) {
			const value = m.make(seed);
			const there = toModel(value, name);
			checkNotices(name, there.notices);
			// the model object is a real protobuf frame: it encodes, and its decode maps back alike
			const viaProtobuf = decodeFrame(encodeFrame(there.frame, { validate: false }));
			if (there.notices.some((n) => n.includes('has no message type in the model'))) continue;
			const back = fromModel(viaProtobuf, name);
			expect(() => encode('MessageFrame', back.value, set)).not.toThrow();
			// whatever reached the model comes back to the same model, notices or not
			expect(frameJson.to(toModel(back.value, name).frame), `${label} seed ${seed}`).toEqual(frameJson.to(there.frame));
			if (there.notices.length > 0) continue;
			clean++;
			expect(back.notices, `${label} seed ${seed}`).toEqual([]);
			expect(valuesEqual(back.value, value), `${label} seed ${seed}`).toBe(true);
		}
		// every message the model has a type for maps some values with nothing lost, except where
		// a gap is mandatory (2017 RSI's rsiId) or the values are so large that nearly every one
		// holds a by-design notice (phase 2 MAP: a wider offset CHOICE somewhere)
		const mostlyLossy = (name === 'csae53-2017' && label === 'rsiFrame') || (name === 'csae157-2020' && label === 'mapFrame');
		if (!/msgFrameExt (0|10|14|17) /.test(label) && !mostlyLossy) expect(clean).toBeGreaterThan(0);
	});

	test('values beyond the root of extensible constraints map without an exception and come back encodable', () => {
		for (let seed = 1; seed <= 60; seed++) {
			const value = decode('MessageFrame', encode('MessageFrame', arbitraryValue(set, 'MessageFrame', seed, { beyondRoot: 0.3 }), set), set).value;
			const there = toModel(value, name);
			if (there.notices.some((n) => n.includes('has no message type in the model'))) continue;
			const back = fromModel(decodeFrame(encodeFrame(there.frame, { validate: false })), name);
			const again = decode('MessageFrame', encode('MessageFrame', back.value, set), set).value;
			if (there.notices.length === 0) expect(valuesEqual(again, value), `seed ${seed}`).toBe(true);
		}
	});

	test('every sample frame the profile carries: model -> UPER bytes -> model, exact where no notice', () => {
		const carried: string[] = [];
		for (const type of sampleTypes()) {
			const sample = sampleFrame(type);
			let there;
			try {
				there = fromModel(sample, name);
			} catch (e) {
				expect(e).toBeInstanceOf(Cv2xError);
				continue;
			}
			carried.push(type);
			const bytes = encode('MessageFrame', there.value, set);
			const again = toModel(decode('MessageFrame', bytes, set, { complete: true }).value, name);
			if (there.notices.length === 0) expect(frameJson.to(again.frame), type).toEqual(frameJson.to(sample));
			// with notices, every field that came back still equals the sample's (the shared fields)
			else expectSharedEqual(frameJson.to(again.frame), frameJson.to(sample), type);
			// what survives once survives again: the mapping is idempotent after the first trip
			const twice = toModel(decode('MessageFrame', encode('MessageFrame', fromModel(again.frame, name).value, set), set).value, name);
			expect(frameJson.to(twice.frame), type).toEqual(frameJson.to(again.frame));
		}
		expect(carried).toEqual(name === 'csae157-2020' ? ['bsm', 'map_data', 'spat', 'rsi', 'rsm', 'ssm', 'psm', 'vir', 'rsc', 'clpmm'] : ['bsm', 'map_data', 'spat', 'rsi', 'rsm']);
	});
});

test('the samples map without notice under csae53-2020, its draft and csae157-2020', () => {
	for (const name of ['csae53-2020', 'csae53-2020-draft', 'csae157-2020'] as const)
		for (const type of ['bsm', 'map_data', 'spat', 'rsm', 'rsi']) expect(fromModel(sampleFrame(type), name).notices, `${name} ${type}`).toEqual([]);
	for (const type of ['ssm', 'psm', 'vir', 'rsc', 'clpmm']) expect(fromModel(sampleFrame(type), 'csae157-2020').notices, type).toEqual([]);
});

describe.skipIf(samplesUnavailable())(`the real frames of ../shared/samples/uper ${samplesUnavailable() ?? ''}`, () => {
	test.each(GOLDEN_FRAMES.map((g) => [g.name, g] as const))('%s: UPER -> model -> the same UPER bytes, no notice', (_n, g) => {
		const name = g.profile as ProfileName;
		const set = profile(name).schema;
		const hex = readSampleHex(g.file);
		const there = toModel(decode('MessageFrame', fromHex(hex), set, { complete: true }).value, name);
		expect(there.notices).toEqual([]);
		const viaProtobuf = decodeFrame(encodeFrame(there.frame, { validate: false }));
		const back = fromModel(viaProtobuf, name);
		expect(back.notices).toEqual([]);
		expect(toHexLower(encode('MessageFrame', back.value, set))).toBe(hex);
	});
});

describe('mapping details', () => {
	const bsm = (over: Record<string, unknown>) => ({ bsmFrame: { ...(arbitraryValue(profile('csae53-2020').schema, 'BasicSafetyMessage', 7) as object), ...over } }) as AsnValue;

	test('an enum whose standard 0 is a real state is +1 in the model (TransmissionState neutral)', () => {
		const r = toModel(bsm({ transmission: 'neutral' }), 'csae53-2020');
		expect(r.frame.bsm?.transmission).toBe(1);
		expect((fromModel(r.frame, 'csae53-2020').value as { bsmFrame: { transmission: string } }).bsmFrame.transmission).toBe('neutral');
	});

	test('a BIT STRING becomes the bitmask bit n = 1 << n, and back with its size', () => {
		const brakes = { wheelBrakes: { bits: Uint8Array.of(0b01001000), length: 5 } };
		const r = toModel(bsm({ brakes }), 'csae53-2020');
		expect(r.frame.bsm?.brakes?.wheelBrakes).toBe((1 << 1) | (1 << 4));
		const back = fromModel(r.frame, 'csae53-2020').value as { bsmFrame: { brakes: typeof brakes } };
		expect(valuesEqual(back.bsmFrame.brakes, brakes)).toBe(true);
	});

	test('what the other side lacks is named with its field path', () => {
		const r = toModel({ msgFrameExt: { messageId: 0, value: arbitraryValue(profile('csae157-2020').schema, 'TestMsg', 1) } }, 'csae157-2020');
		expect(r.notices).toEqual(['msgFrameExt.value: messageId 0 has no message type in the model; not carried']);
		const rsi = toModel({ rsiFrame: { ...(arbitraryValue(profile('csae53-2017').schema, 'RoadSideInformation', 3) as object), rsiId: 9 } }, 'csae53-2017');
		expect(rsi.notices).toContain("rsiFrame.rsiId: the model's RoadSideInformation has no field for it; not carried");
		const plate = fromModel(makeFrame('bsm', { ...sampleFrame('bsm').bsm, plateNo: Uint8Array.of(65, 66, 67, 68) }), 'csae53-2020').notices;
		expect(plate.some((n) => n.startsWith('bsmFrame.plate_no: csae53-2020 has no component for it'))).toBe(true);
		const sample = fromModel(sampleFrame('bsm'), 'csae53-2017').notices;
		expect(sample.some((n) => n.startsWith('bsmFrame.pos_accuracy: csae53-2017 has no component for it'))).toBe(true);
	});

	test('a payload the profile has no message for is refused with Cv2xError naming it', () => {
		expect(() => fromModel(sampleFrame('ssm'), 'csae53-2020')).toThrow(/no UPER message for ssm/);
		expect(() => fromModel(sampleFrame('speed_advice'), 'csae157-2020')).toThrow(Cv2xError);
		expect(() => fromModel({ protocolVersion: 1 } as MessageFrame, 'csae157-2020')).toThrow(/no payload/);
		expect(() => toModel({ nope: 1 }, 'csae53-2020')).toThrow(Cv2xError);
	});

	test('GB 2312 descriptions: Chinese text round-trips as EUC-CN octets, ASCII as textString', () => {
		expect(toHexLower(encodeGb2312('施工 A')!)).toBe('caa9b9a42041');
		expect(decodeGb2312(fromHex('caa9b9a42041'))).toBe('施工 A');
		expect(decodeGb2312(Uint8Array.of(0xff, 0xff))).toBeUndefined();
		const rsi = sampleFrame('rsi');
		const text = '前方施工';
		rsi.rsi!.rtes![0].description = text;
		const v = fromModel(rsi, 'csae53-2020').value as { rsiFrame: { rtes: { description: { textGB2312: Uint8Array } }[] } };
		expect(decodeGb2312(v.rsiFrame.rtes[0].description.textGB2312)).toBe(text);
		expect(toModel(v, 'csae53-2020').frame.rsi?.rtes?.[0].description).toBe(text);
	});

	test('a frame made by makeFrame maps like a decoded one', () => {
		const frame = makeFrame('bsm', sampleFrame('bsm').bsm as Record<string, unknown>);
		expect(fromModel(frame, 'csae53-2020').notices).toEqual([]);
	});
});
