// Bring your own ASN.1 in the inspector: the module sets of ../shared/asn1 loaded as a user's
// set read the real frames of ../shared/samples/uper exactly as the built-in profile does (tree,
// bits, JER, protobuf model); errors name file:line:column; the set is kept in storage; garbage
// never escapes as anything but a SchemaProblem. The parts needing ../shared skip with a notice.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode } from '../uper';
import { readModuleSet } from '../uper/profiles/read-set';
import { SHARED_DIR } from '../uper/testing/peer';
import { fromHex, readSampleHex, SAMPLES_DIR, samplesUnavailable } from '../uper/testing/samples';
import { readAs, tryEncodings } from './editor';
import {
	checkSchemaFiles, compileUserSchema, keepUserSchema, MAX_SCHEMA_FILE_BYTES, MAX_SCHEMA_FILES, MAX_STORED_CHARS, readSchemaFile, restoreUserSchema, SchemaProblem, STORAGE_KEY, withRoot,
	type KeyValueStore, type ModuleText
} from './user-schema';
import type { BitView } from './bit-view';

const ASN1_DIR = join(SHARED_DIR, 'asn1');
const noSets = !existsSync(ASN1_DIR);
const noSamples = samplesUnavailable();
if (noSets) console.warn(`user-schema.test: ${ASN1_DIR} is absent, so loading the CSAE module sets is skipped`);
if (noSamples) console.warn(`user-schema.test: ${noSamples}; decoding the real frames is skipped`);

const readSet = (name: string): ModuleText[] => readModuleSet(join(ASN1_DIR, name), { readdirSync, readFileSync });

/** Every .hex sample, the subfolder's too: what /inspect must read. */
function sampleFiles(): string[] {
	const top = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.hex'));
	const sub = readdirSync(SAMPLES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
	return [...top, ...sub.flatMap((d) => readdirSync(join(SAMPLES_DIR, d.name)).filter((f) => f.endsWith('.hex')).map((f) => `${d.name}/${f}`))].sort();
}

/** What a person sees of a bit view, without which profile it came from. */
const shown = (b: BitView) => ({
	rows: b.rows.map((r) => [r.depth, r.name, r.path, r.role, r.value, r.meaning, r.unit, r.typeName, r.start, r.end]),
	owner: [...b.owner],
	bits: b.bits,
	alternative: b.alternative,
	message: b.message,
	jer: b.jer,
	model: b.model,
	framed: b.framed,
	error: b.error?.message
});

class MapStore implements KeyValueStore {
	m = new Map<string, string>();
	getItem = (k: string) => this.m.get(k) ?? null;
	setItem = (k: string, v: string) => void this.m.set(k, v);
	removeItem = (k: string) => void this.m.delete(k);
}

const TINY = `Tiny DEFINITIONS AUTOMATIC TAGS ::= BEGIN
	Ping ::= SEQUENCE { n INTEGER (0..255), ok BOOLEAN, ... }
END
`;

describe.skipIf(noSets)('the CSAE module sets of ../shared/asn1 as a user\'s set', () => {
	it.each(['csae53-2017', 'csae53-2020-draft', 'csae53-2020', 'csae157-2020'])('%s compiles to the built-in profile\'s very tables', (name) => {
		const files = readSet(name);
		const user = compileUserSchema(files);
		expect(user.root).toBe('MessageFrame');
		expect(user.sameAs).toBe(name);
		expect(user.types[0]).toBe('MessageFrame');
		expect(user.profile.name).toBe('user');
		expect(user.profile.title).toMatch(new RegExp(`^Your ASN\\.1: ${name}/\\S+\\.asn.*, ${user.types.length} types$`));
	});

	it.skipIf(!!noSamples)('every sample frame reads under the draft set loaded by hand exactly as under the built-in draft profile', () => {
		const user = compileUserSchema(readSet('csae53-2020-draft'));
		const files = sampleFiles();
		expect(files.length).toBeGreaterThanOrEqual(13);
		for (const f of files) {
			const bytes = fromHex(readSampleHex(f));
			const d = tryEncodings(bytes, user);
			const mine = d.attempts.find((a) => a.encoding === 'user')!;
			const builtIn = d.attempts.find((a) => a.encoding === 'csae53-2020-draft')!;
			expect({ ...mine, encoding: '', title: '' }, f).toEqual({ ...builtIn, encoding: '', title: '' });
			const a = readAs(bytes, d, 'user', user).bits!;
			const b = readAs(bytes, d, 'csae53-2020-draft').bits!;
			expect(a.profile).toBe('user');
			expect(shown(a), f).toEqual(shown(b));
			if (mine.ok) {
				expect(a.modelVia, f).toEqual({ via: 'csae53-2020-draft', same: true });
				// the phase-2 SSM is an unknown extension alternative to the draft: no model under either
				if (!f.startsWith('ssm')) expect(a.model?.json, f).toBeTruthy();
			}
		}
	});

	it.skipIf(!!noSamples)('detection names the user\'s set for the RSU\'s RSI (the draft reads it, the final text does not)', () => {
		const user = compileUserSchema(readSet('csae53-2020-draft'));
		const bytes = fromHex(readSampleHex('rsi.uper.hex'));
		const d = tryEncodings(bytes, user);
		expect(d.detected).toBe('user');
		expect(d.attempts.map((a) => a.encoding)).toEqual(['protobuf', 'csae53-2017', 'csae53-2020-draft', 'csae53-2020', 'csae157-2020', 'user']);
		expect(d.attempts.find((a) => a.encoding === 'user')?.title).toMatch(/^Your ASN\.1: /);
		const r = readAs(bytes, d, undefined, user);
		expect(r.encoding).toBe('user');
		expect(r.bits?.message).toBe('RoadSideInformation');
		// the same bytes without the user's set: the built-in draft
		expect(tryEncodings(bytes).detected).toBe('csae53-2020-draft');
	});

	it.skipIf(!!noSamples)('a vendor\'s revision (tables differ) maps through the profile reading the bits alike, or says it cannot', () => {
		const files = readSet('csae53-2020-draft').map((f) => (f.name.endsWith('DefTime.asn') ? { ...f, text: f.text.replace('DHour ::= INTEGER (0..24)', 'DHour ::= INTEGER (0..31)') } : f));
		const user = compileUserSchema(files);
		expect(user.sameAs).toBeUndefined();
		const rsi = readAs(fromHex(readSampleHex('rsi.uper.hex')), undefined, 'user', user).bits!;
		expect(rsi.modelVia).toEqual({ via: 'csae53-2020-draft', same: false });
		expect(rsi.model?.json).toContain('"rsi"');
		// a vendor whose BSM speed is 0..8192 instead of 0..8191 (a wider range, one more bit): no built-in set reads the bits alike
		const wide = readSet('csae53-2020-draft').map((f) => ({ ...f, text: f.text.replace(/Speed ::= INTEGER \(0\.\.8191\)/, 'Speed ::= INTEGER (0..16383)') }));
		const vendor = compileUserSchema(wide);
		expect(vendor.sameAs).toBeUndefined();
		const value = { bsmFrame: { msgCnt: 1, id: new Uint8Array(8), secMark: 1, pos: { lat: 0, long: 0 }, transmission: 'neutral', speed: 9000, heading: 0, accelSet: { long: 0, lat: 0, vert: 0, yaw: 0 }, brakes: {}, size: { width: 180, length: 480 }, vehicleClass: { classification: 10 } } };
		const bytes = encode('MessageFrame', value, vendor.profile.schema);
		const d = tryEncodings(bytes, vendor);
		expect(d.detected).toBe('user');
		const bits = readAs(bytes, d, undefined, vendor).bits!;
		expect(bits.error).toBeUndefined();
		expect(bits.rows.find((r) => r.path === 'bsmFrame.speed')?.value).toBe('9000');
		expect(bits.modelVia).toEqual({ none: 'differs' });
		expect(bits.model).toBeUndefined();
		expect(bits.jer).toContain('"speed": 9000');
	});
});

describe('a user\'s module set', () => {
	it('without MessageFrame: rooted at its first type, another root on request, no model', () => {
		const user = compileUserSchema([{ name: 'tiny.asn', text: TINY + TINY.replace('Tiny', 'Other').replace('Ping', 'Pong') }]);
		expect(user.types).toEqual(['Ping', 'Pong']);
		expect(user.root).toBe('Ping');
		expect(user.sameAs).toBeUndefined();
		const bytes = encode('Ping', { n: 200, ok: true }, user.profile.schema);
		const d = tryEncodings(bytes, user);
		expect(d.attempts.find((a) => a.encoding === 'user')?.ok).toBe(true);
		const bits = readAs(bytes, d, 'user', user).bits!;
		expect(bits.root).toBe('Ping');
		expect(bits.message).toBe('Ping');
		expect(bits.rows.find((r) => r.path === 'n')).toMatchObject({ value: '200', start: 1, end: 9 });
		expect(bits.modelVia).toEqual({ none: 'root' });
		expect(JSON.parse(bits.jer!)).toEqual({ n: 200, ok: true });
		expect(withRoot(user, 'Pong').profile.schema.root).toBe('Pong');
		expect(() => withRoot(user, 'Nope')).toThrow(/defines no type Nope/);
	});

	it('a syntax error names the file, line and column', () => {
		const broken = TINY.replace('ok BOOLEAN', 'ok BOOLEAN BOOLEAN');
		const e = catchProblem(() => compileUserSchema([{ name: 'good.asn', text: TINY.replace('Tiny', 'Good') }, { name: 'broken.asn', text: broken }]));
		expect(e.file).toBe('broken.asn');
		expect(e.line).toBe(2);
		expect(e.column).toBeGreaterThan(1);
		expect(e.message).toMatch(new RegExp(`^broken\\.asn:2:${e.column}: `));
	});

	it('an unresolved reference names the file and line where it is used', () => {
		const text = 'M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nA ::= SEQUENCE { b Missing }\nEND\n';
		const e = catchProblem(() => compileUserSchema([{ name: 'm.asn', text }]));
		expect(e.message).toMatch(/^m\.asn:2:\d+: .*Missing/);
		expect(e.line).toBe(2);
	});

	it('files that are no module text are refused with their name, before parsing', () => {
		expect(catchProblem(() => readSchemaFile('photo.asn', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))).message).toBe('photo.asn: binary data, not an ASN.1 module text');
		expect(catchProblem(() => readSchemaFile('huge.asn', new Uint8Array(MAX_SCHEMA_FILE_BYTES + 1).fill(65))).message).toMatch(/^huge\.asn: 513 KiB is more than the 512 KiB/);
		expect(catchProblem(() => readSchemaFile('empty.asn', new Uint8Array(0))).message).toBe('empty.asn: the file is empty');
		expect(catchProblem(() => compileUserSchema([])).message).toBe('no ASN.1 module text given');
		expect(catchProblem(() => compileUserSchema([{ name: 'a.asn', text: TINY }, { name: 'a.asn', text: TINY }])).message).toBe('a.asn: the same file name twice');
		expect(readSchemaFile('ok.asn', new TextEncoder().encode(TINY)).text).toBe(TINY);
		// by size alone, before reading: too many, one too big, too much together
		expect(() => checkSchemaFiles(Array.from({ length: MAX_SCHEMA_FILES + 1 }, (_, i) => ({ name: `m${i}.asn`, size: 10 })))).toThrow(/^201 files: at most 200/);
		expect(() => checkSchemaFiles([{ name: 'a.asn', size: 10 }, { name: 'dump.asn', size: 2 ** 31 }])).toThrow(/^dump\.asn: 2097152 KiB is more than/);
		expect(() => checkSchemaFiles(Array.from({ length: 5 }, (_, i) => ({ name: `m${i}.asn`, size: MAX_SCHEMA_FILE_BYTES })))).toThrow(/^2560 KiB of module text: at most 2048 KiB/);
		expect(() => checkSchemaFiles([{ name: 'a.asn', size: 10 }])).not.toThrow();
	});

	it('garbage text only ever gives a SchemaProblem', () => {
		// a deterministic generator: fragments of ASN.1 and noise, shuffled
		let seed = 11;
		const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
		const parts = ['M', 'DEFINITIONS', 'AUTOMATIC', 'TAGS', '::=', 'BEGIN', 'END', 'SEQUENCE', '{', '}', '(', ')', '..', 'INTEGER', 'IMPORTS', 'FROM', ';', ',', '...', 'A', 'B', '--', '\n', '"', "'", 'CLASS', '&id', '@.', '0', '-1', 'SIZE', 'OF', 'CHOICE', 'OPTIONAL', 'DEFAULT', '[', ']', '\u00e9'];
		for (let i = 0; i < 300; i++) {
			const text = Array.from({ length: 1 + rnd(60) }, () => parts[rnd(parts.length)]).join(rnd(2) ? ' ' : '');
			try {
				compileUserSchema([{ name: `g${i}.asn`, text }]);
			} catch (e) {
				expect(e, text).toBeInstanceOf(SchemaProblem);
			}
		}
	});
});

describe('keeping the set across reloads', () => {
	it('kept, restored with its root, forgotten when damaged', () => {
		const store = new MapStore();
		const user = withRoot(compileUserSchema([{ name: 'tiny.asn', text: TINY + TINY.replace('Tiny', 'Other').replace('Ping', 'Pong') }]), 'Pong');
		expect(keepUserSchema(store, user)).toEqual({ kept: true });
		const back = restoreUserSchema(store);
		expect(back).not.toBeInstanceOf(SchemaProblem);
		expect((back as typeof user).root).toBe('Pong');
		expect((back as typeof user).files).toEqual(user.files);
		store.setItem(STORAGE_KEY, '{"files":[{"name":"x.asn","text":"not asn"}],"root":"X"}');
		const damaged = restoreUserSchema(store);
		expect(damaged).toBeInstanceOf(SchemaProblem);
		expect((damaged as SchemaProblem).message).toMatch(/^x\.asn:1:1: /);
		expect(store.getItem(STORAGE_KEY)).toBeNull();
		store.setItem(STORAGE_KEY, '{not json');
		expect(restoreUserSchema(store)).toBeInstanceOf(SchemaProblem);
		expect(restoreUserSchema(store)).toBeUndefined();
	});

	it('too big or refused: not kept, said so, and an old copy is not left behind', () => {
		const store = new MapStore();
		store.setItem(STORAGE_KEY, 'old');
		const big = compileUserSchema([{ name: 'big.asn', text: TINY + `-- ${'x'.repeat(MAX_STORED_CHARS)}\n` }]);
		const r = keepUserSchema(store, big);
		expect(r.kept).toBe(false);
		expect(!r.kept && r.tooBig).toBeGreaterThan(MAX_STORED_CHARS);
		expect(store.getItem(STORAGE_KEY)).toBeNull();
		const full: KeyValueStore = { ...new MapStore(), setItem: () => { throw new Error('QuotaExceededError'); } };
		expect(keepUserSchema(full, compileUserSchema([{ name: 't.asn', text: TINY }]))).toEqual({ kept: false, refused: 'QuotaExceededError' });
	});
});

function catchProblem(f: () => unknown): SchemaProblem {
	try {
		f();
	} catch (e) {
		expect(e).toBeInstanceOf(SchemaProblem);
		return e as SchemaProblem;
	}
	throw new Error('expected a SchemaProblem');
}
