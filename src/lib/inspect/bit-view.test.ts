// The inspector's UPER side: detection over protobuf and every profile, and the bit view's rows
// tiling the bits of a real frame (../shared) and of a frame built here.
import { describe, expect, it } from 'vitest';
import { encode } from '../uper';
import { profile } from '../uper/profiles';
import { fromHex, readSampleHex, samplesUnavailable } from '../uper/testing/samples';
import { encodeJson, readAs, sampleText, tryEncodings } from './editor';
import { buildBitView, type BitView } from './bit-view';
import { sampleFrame } from '../samples';
import { encodeUperFrame } from '../uper/frame';
import { fromModel } from '../uper/mapping';
import { arbitraryValue } from '../uper/testing/arbitrary';

/** Leaf rows in order cover every bit of the input once; the bit map points at them. */
function expectTiles(v: BitView): void {
	let at = 0;
	for (const r of v.rows.filter((r) => !r.isField)) {
		expect(r.start, `${r.path} ${r.role}`).toBe(at);
		for (let b = r.start; b < r.end; b++) if (v.owner[b] !== r.id) expect(v.owner[b], `bit ${b}`).toBe(r.id);
		at = r.end;
	}
	expect(at).toBe(v.bytes.length * 8);
}

/** A BSM written here (no shared file): what the e2e test pastes too. */
const BSM = {
	bsmFrame: {
		msgCnt: 7,
		id: new TextEncoder().encode('CAR00001'),
		secMark: 12000,
		pos: { lat: 397900000, long: 1165000000 },
		transmission: 'forwardGears',
		speed: 500,
		heading: 7200,
		accelSet: { long: 0, lat: 0, vert: 0, yaw: 0 },
		brakes: {},
		size: { width: 180, length: 480 },
		vehicleClass: { classification: 10 }
	}
};

describe('detection and the bit view', () => {
	it('a frame built here: detected as UPER, the latitude has 31 bits, the id reads as text', () => {
		const set = profile('csae53-2020').schema;
		const bytes = encode('MessageFrame', BSM, set);
		const d = tryEncodings(bytes);
		expect(d.attempts.find((a) => a.encoding === 'protobuf')?.ok).toBe(false);
		expect(d.detected).toBe('csae53-2020');
		const r = readAs(bytes, d);
		const v = r.bits!;
		expect(v.alternative).toBe('bsmFrame');
		expect(v.error).toBeUndefined();
		expectTiles(v);
		expect(v.rows.find((x) => x.path === 'bsmFrame.pos.lat')).toMatchObject({ end: expect.any(Number), meaning: '39.7900000 deg' });
		const lat = v.rows.find((x) => x.path === 'bsmFrame.pos.lat')!;
		expect(lat.end - lat.start).toBe(31);
		expect(v.rows.find((x) => x.path === 'bsmFrame.id')).toMatchObject({ meaning: '"CAR00001"' });
		expect(JSON.parse(v.jer!).bsmFrame.msgCnt).toBe(7);
		// the same message in the protobuf model
		expect(JSON.parse(v.model!.json).bsm).toMatchObject({ msgCnt: 7, secMark: 12000, speed: 500 });
		expect(v.model!.bytes).toBeGreaterThan(0);
		// another profile on request
		expect(readAs(bytes, d, 'csae53-2017').encoding).toBe('csae53-2017');
	});

	it('a protobuf frame is detected as protobuf and shown as before', () => {
		const bytes = encodeJson(sampleText('bsm')).bytes;
		const r = readAs(bytes, tryEncodings(bytes));
		expect(r.encoding).toBe('protobuf');
		expect(r.view?.message).toBe('BasicSafetyMessage');
	});

	it('bytes nothing reads: every attempt says why, the protobuf raw view stays', () => {
		const bytes = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff);
		const d = tryEncodings(bytes);
		expect(d.detected).toBeUndefined();
		expect(d.attempts).toHaveLength(5);
		for (const a of d.attempts) expect(a.error, a.encoding).toMatch(a.encoding === 'protobuf' ? /./ : /bit offset \d+/);
		expect(readAs(bytes, d).encoding).toBe('protobuf');
	});
});

const skip = samplesUnavailable();
describe.skipIf(skip)(`the real MAP${skip ? ` (skipped: ${skip})` : ''}`, () => {
	it('is detected as the 2019 draft (the final text fails), and its rows tile the bits', () => {
		const bytes = fromHex(readSampleHex('map.uper.hex'));
		const d = tryEncodings(bytes);
		expect(d.detected).toBe('csae53-2020-draft');
		expect(d.attempts.find((a) => a.encoding === 'csae53-2020')?.ok).toBe(false);
		const v = readAs(bytes, d).bits!;
		expect(v.title).toBe('T/CSAE 53-2020 draft (2019-07-24)');
		expect(v.alternative).toBe('mapFrame');
		expectTiles(v);
	});
});

describe.skipIf(skip)(`the RSU framing${skip ? ` (skipped: ${skip})` : ''}`, () => {
	it('a framed BSM payload: detected, the first frame shown bit by bit with where it sits', () => {
		const bytes = fromHex(readSampleHex('bsm.framed.hex'));
		const r = readAs(bytes, tryEncodings(bytes));
		// its BSMs read alike under the draft and the final text: either may rank first
		expect(r.encoding).toMatch(/^csae53-2020/);
		const v = r.bits!;
		expect(v.error).toBeUndefined();
		expect(v.alternative).toBe('bsmFrame');
		expect(v.framed).toMatchObject({ frames: 2, inputLength: bytes.length });
		expect(v.framed!.offset).toBeGreaterThan(0);
		expectTiles(v);
	});
});

describe('texts for the bit view', () => {
	it('every role and phrase the dump gives has its text in both languages', async () => {
		const { ROLE_LABELS } = await import('../uper/dump');
		for (const lang of ['en', 'zh']) {
			const texts = (await import(`../i18n/${lang}.json`)).default.inspectPage;
			for (const role of Object.keys(ROLE_LABELS)) expect(texts.roles[role], `${lang} roles.${role}`).toBeTypeOf('string');
			for (const key of ['unavailable', 'nonePresent', 'present', 'noneSet', 'count', 'items', 'octets', 'characters', 'bits'])
				expect(texts.said[key], `${lang} said.${key}`).toBeTypeOf('string');
		}
	});
});

describe('the bit view rows carry meanings, parents and the malformed mark (issue 12)', () => {
	const frame = sampleFrame('bsm');
	(frame.bsm as unknown as Record<string, unknown>).safetyExt = { events: 128 };
	const bytes = encodeUperFrame(fromModel(frame, 'csae53-2020').value, 'csae53-2020');

	it('EEBL under T/CSAE 53-2020: hardBraking on its row, parents one level up', () => {
		const v = buildBitView(bytes, 'csae53-2020');
		const events = v.rows.find((r) => r.path === 'bsmFrame.safetyExt.events')!;
		expect(events.meanings).toEqual({ en: 'hardBraking', zh: '急刹车' });
		for (const r of v.rows) if (r.parent !== undefined) expect(v.rows[r.parent].depth, r.path).toBe(r.depth - 1);
		expect(v.rows[events.parent!].path).toBe('bsmFrame.safetyExt');
		expect(v.rows.some((r) => r.malformed)).toBe(false);
	});

	it('truncated: the rows before, the interrupted field malformed, the unread rest under it', () => {
		const v = buildBitView(bytes.subarray(0, 20), 'csae53-2020');
		expectTiles(v);
		const bad = v.rows.filter((r) => r.malformed);
		expect(bad.map((r) => r.path)).toEqual([v.error!.path]);
		expect(bad[0].malformed!.en).toMatch(/bit offset \d+/);
		const unread = v.rows.find((r) => r.role === 'unread')!;
		expect(unread.parent).toBe(bad[0].id);
		expect(v.rows.find((r) => r.path === 'bsmFrame.pos.lat')?.meanings?.en).toBe('39.7805100° N');
	});

	it('readAs passes the reference time to the meanings of times (the year a minute of the year counts in)', () => {
		const spat = encodeUperFrame(fromModel(sampleFrame('spat'), 'csae53-2020').value, 'csae53-2020');
		const r = readAs(spat, undefined, 'csae53-2020', undefined, { referenceMs: Date.UTC(2024, 2, 1) });
		expect(r.bits!.rows.find((x) => x.path === 'spatFrame.moy')?.meanings?.en).toMatch(/\(assuming 2024\)$/);
	});
});

describe('the model\'s rules on the UPER rows', () => {
	it('a value UPER carries but the model refuses is marked on its own row (found among random frames)', () => {
		const set = profile('csae157-2020').schema;
		let marked = 0;
		for (let seed = 1; seed < 40; seed++) {
			const v = buildBitView(encode('MessageFrame', arbitraryValue(set, 'MessageFrame', seed * 7919), set), 'csae157-2020');
			for (const f of v.violations ?? []) {
				const row = v.rows[f.row!];
				expect(row, f.path).toBeDefined();
				expect(row.violation!.en).toContain(`protobuf model: ${f.path}: `);
				expect(row.violation!.zh).toContain(`protobuf 模型：${f.path}`);
				const last = (p: string) => p.slice(p.search(/[^.[\]]+$/)).toLowerCase().replace(/[-_]/g, '');
				if (last(row.path) === last(f.path)) marked++;
			}
		}
		expect(marked).toBeGreaterThan(0);
	});

	it('the real frames break no rule of the model', () => {
		const v = buildBitView(encodeUperFrame(fromModel(sampleFrame('spat'), 'csae53-2020').value, 'csae53-2020'), 'csae53-2020');
		expect(v.violations).toBeUndefined();
		expect(v.rows.some((r) => r.violation)).toBe(false);
	});
});
