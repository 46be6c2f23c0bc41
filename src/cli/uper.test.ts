// The UPER side of the command line (issue 11 point 9), called in-process through `main` with
// stdout and stderr captured: profiles, decode of real frames (by profile and auto-detected),
// the JER round trip, --lines, a user's own ASN.1 module set, errors and exit codes. Real frames
// and module sets come from ../shared (beside the project); without it those tests skip.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseArgs } from './args';
import { main } from './main';
import { cv2x } from './testing';

const SHARED = fileURLToPath(new URL('../../../shared', import.meta.url));
const SAMPLES = join(SHARED, 'samples', 'uper');
const ASN1 = join(SHARED, 'asn1');
const noSamples = existsSync(SAMPLES) ? '' : ` (skipped: ${SAMPLES} is absent)`;
const noAsn1 = existsSync(ASN1) ? '' : ` (skipped: ${ASN1} is absent)`;
const hexOf = (file: string) => readFileSync(join(SAMPLES, file), 'utf8').trim().toLowerCase();
/** The six real frames captured from an RSU; all decode under the 2019-07-24 draft. */
const REAL = ['bsm1', 'bsm2', 'map', 'rsi', 'rsm', 'spat'];

const temps: string[] = [];
function tempFile(name: string, text: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'cv2x-uper-cli-'));
	temps.push(dir);
	writeFileSync(join(dir, name), text);
	return join(dir, name);
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `cv2x argv` in-process; stdout and stderr captured as text. */
async function call(argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const text = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'));
	const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += text(c)), true));
	const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += text(c)), true));
	try {
		return { code: await main(argv), out, err };
	} finally {
		o.mockRestore();
		e.mockRestore();
	}
}

describe('cv2x profiles', () => {
	it('prints one built-in profile name per line, oldest first; --long adds titles', async () => {
		const r = await call(['profiles']);
		expect(r.code).toBe(0);
		expect(r.out).toBe('csae53-2017\ncsae53-2020-draft\ncsae53-2020\ncsae157-2020\n');
		const long = await call(['profiles', '--long']);
		expect(long.out).toMatch(/^csae53-2020-draft\s+T\/CSAE 53-2020 draft \(2019-07-24\)/m);
		expect((await call(['profiles', 'x'])).code).toBe(2);
	});
});

describe(`cv2x decode/encode of real UPER frames${noSamples}`, () => {
	it.skipIf(noSamples)('decodes the real BSM under a named profile and auto-detected, to the same JER', async () => {
		const file = tempFile('bsm1.hex', hexOf('bsm1.uper.hex') + '\n');
		const named = await call(['decode', '--profile', 'csae53-2020-draft', '--jer', file]);
		expect(named.code, named.err).toBe(0);
		expect(named.err).toBe('');
		const jer = JSON.parse(named.out);
		// documented values of this capture: msgCnt 117, lat 39.9764645°, long 116.3509503°
		expect(jer.bsmFrame).toMatchObject({ msgCnt: 117, pos: { lat: 399764645, long: 1163509503 } });
		const auto = await call(['decode', '--encoding', 'auto', '--jer', file]);
		expect(auto.code).toBe(0);
		expect(JSON.parse(auto.out)).toEqual(jer);
		expect(auto.err).toMatch(/^note: detected UPER, profile csae[\w-]+: .*; also decodes cleanly as /m);
		// without --jer: auto tries protobuf first (it fails on the first octet) and says what it found
		const plain = await call(['decode', '--encoding', 'auto', file]);
		expect(plain.code).toBe(0);
		expect(plain.err).toMatch(/note: detected UPER/);
	});

	it.skipIf(noSamples)('decode --jer then encode --jer gives back the same bytes for every real frame', async () => {
		for (const name of REAL) {
			const hex = hexOf(`${name}.uper.hex`);
			const d = await call(['decode', '--profile', 'csae53-2020-draft', '--jer', tempFile(`${name}.hex`, hex)]);
			expect(d.code, `${name}: ${d.err}`).toBe(0);
			const e = await call(['encode', '--profile', 'csae53-2020-draft', '--jer', tempFile(`${name}.json`, d.out)]);
			expect(e.code, `${name}: ${e.err}`).toBe(0);
			expect(e.out, name).toBe(hex + '\n');
		}
		// a value outside its constraint is refused naming its path
		const bsm = JSON.parse((await call(['decode', '--profile', 'csae53-2020', '--jer', tempFile('b.hex', hexOf('bsm1.uper.hex'))])).out);
		bsm.bsmFrame.msgCnt = 300;
		const e = await call(['encode', '--profile', 'csae53-2020', '--jer', tempFile('big.json', JSON.stringify(bsm))]);
		expect(e.code).toBe(1);
		expect(e.err).toMatch(/^error: .*300.* at bsmFrame\.msgCnt\b.*\n$/);
	});

	it.skipIf(noSamples)('without --jer: proto3 JSON of the model, which encodes back to the same UPER bytes for every real frame', async () => {
		for (const name of REAL) {
			const hex = hexOf(`${name}.uper.hex`);
			const d = await call(['decode', '--profile', 'csae53-2020-draft', tempFile(`${name}.hex`, hex)]);
			expect(d.code, `${name}: ${d.err}`).toBe(0);
			const model = JSON.parse(d.out);
			expect(model.protocolVersion, name).toBe(1);
			expect(Object.keys(model), name).toContain(name.startsWith('bsm') ? 'bsm' : name === 'map' ? 'mapData' : name);
			const e = await call(['encode', '--profile', 'csae53-2020-draft', tempFile(`${name}.json`, d.out)]);
			expect(e.code, `${name}: ${e.err}`).toBe(0);
			expect(e.out, name).toBe(hex + '\n');
		}
	});

	it.skipIf(noSamples)('UPER bytes given to the default protobuf decoder: its error, and a hint naming the profile they fit', async () => {
		const rsi = tempFile('rsi.hex', hexOf('rsi.uper.hex'));
		for (const cmd of ['decode', 'validate', 'inspect']) {
			const r = await call([cmd, rsi]);
			expect(r.code, cmd).toBe(1);
			expect(r.err, cmd).toMatch(/^error: .*\(byte offset \d+\); these bytes decode as UPER \(T\/CSAE 53-2020 draft \(2019-07-24\)\): try --encoding auto or --profile csae53-2020-draft\n$/);
		}
	});

	it.skipIf(noSamples)('auto-detection reads an RSU MQTT payload: an array of its frames, the framing named on stderr', async () => {
		const r = await call(['decode', '--encoding', 'auto', '--jer', tempFile('bsm.framed.hex', hexOf('bsm.framed.hex'))]);
		expect(r.code, r.err).toBe(0);
		const frames = JSON.parse(r.out);
		expect(frames.map((f: object) => Object.keys(f)[0])).toEqual(['bsmFrame', 'bsmFrame']);
		expect(r.err).toMatch(/^note: detected UPER, profile [\w-]+: .*, rsu-counted \(2 frames\)/);
	});

	it.skipIf(noSamples)('--lines: one compact JSON line per message, {"error"} on a bad line, exit 1 at the end', async () => {
		const lines = [hexOf('bsm1.uper.hex'), '00 12', '', Buffer.from(hexOf('rsi.uper.hex'), 'hex').toString('base64'), hexOf('spat.uper.hex')];
		const r = await call(['decode', '--lines', '--jer', '--profile', 'csae53-2020-draft', tempFile('in.txt', lines.join('\n') + '\n')]);
		expect(r.code).toBe(1);
		const out = r.out.trimEnd().split('\n');
		expect(out).toHaveLength(4); // the blank line is skipped
		expect(Object.keys(JSON.parse(out[0]))).toEqual(['bsmFrame']);
		const bad = JSON.parse(out[1]);
		expect(bad.line).toBe(2);
		expect(bad.error).toMatch(/bit offset \d+/);
		expect(Object.keys(JSON.parse(out[2]))).toEqual(['rsiFrame']);
		expect(Object.keys(JSON.parse(out[3]))).toEqual(['spatFrame']);
		expect(r.err).toMatch(/^error: 1 of the input lines failed/);
		// encode --lines turns the JER lines back into the same hex
		const good = out.filter((l) => !l.includes('"error"'));
		const e = await call(['encode', '--lines', '--jer', '--profile', 'csae53-2020-draft', tempFile('jer.txt', good.join('\n'))]);
		expect(e.code, e.err).toBe(0);
		expect(e.out.trimEnd().split('\n')).toEqual([lines[0], hexOf('rsi.uper.hex'), lines[4]]);
	});

	it.skipIf(noSamples)('validate --lines and inspect --lines: one JSON line per input line', async () => {
		const input = tempFile('v.txt', [hexOf('spat.uper.hex'), hexOf('spat.uper.hex').slice(0, 20)].join('\n'));
		const v = await call(['validate', '--lines', '--profile', 'csae53-2020-draft', input]);
		expect(v.code).toBe(1);
		const [ok, bad] = v.out.trimEnd().split('\n').map((l) => JSON.parse(l));
		expect(ok).toEqual({ valid: true });
		expect(bad.line).toBe(2);
		expect(bad.error).toMatch(/ at spatFrame\.[\w.[\]-]+ \(bit offset \d+\)$/);
		const i = await call(['inspect', '--lines', '--encoding', 'auto', tempFile('i.txt', hexOf('bsm1.uper.hex'))]);
		expect(i.code, i.err).toBe(0);
		const dump = JSON.parse(i.out);
		expect(dump).toMatchObject({ encoding: 'uper', framing: 'bare', frames: [{ offset: 0, length: 86 }] });
		expect(dump.frames[0].nodes).toContainEqual(expect.objectContaining({ role: 'choice-index', bitOffset: 1, bitWidth: 3 }));
		expect(dump.frames[0].nodes).toContainEqual(expect.objectContaining({ name: 'lat', bitOffset: 100, bitWidth: 31, value: '399764645' }));
	});

	it.skipIf(noSamples)('inspect prints every run of bits with its role and path: 3 choice-index bits, 31 bits of latitude', async () => {
		const r = await call(['inspect', '--profile', 'csae53-2020-draft', tempFile('bsm.hex', hexOf('bsm1.uper.hex'))]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toMatch(/^MessageFrame, UPER \(csae53-2020-draft: .*\), 86 bytes, 685 bits used/);
		expect(r.out).toMatch(/^\s+1\s+3 choice index\s+choice index\s+000\s+bsmFrame$/m);
		expect(r.out).toMatch(/^\s+100\s+31 value\s+lat\s+1001101011110001101010110100101\s+399764645  = 39\.9764645 deg$/m);
		// bytes cut short under a named profile: the bits read so far, then the error
		const cut = await call(['inspect', '--profile', 'csae53-2020-draft', tempFile('cut.hex', hexOf('bsm1.uper.hex').slice(0, 60))]);
		expect(cut.code).toBe(1);
		expect(cut.out).toMatch(/^\s+222\s+12 value\s+lat\s+111110100001\s+2001  = unavailable$/m);
		expect(cut.err).toBe('error: need 8 bits, only 6 left at bsmFrame.accelSet.vert (bit offset 234)\n');
	});

	it.skipIf(noSamples)('validate: a real frame is valid under the draft; under the final set the RSI is not, naming the bit offset', async () => {
		const rsi = tempFile('rsi.hex', hexOf('rsi.uper.hex'));
		const ok = await call(['validate', '--profile', 'csae53-2020-draft', rsi]);
		expect(ok.code).toBe(0);
		expect(ok.out).toBe('valid\n');
		const bad = await call(['validate', '--profile', 'csae53-2020', rsi]);
		expect(bad.code).toBe(1);
		expect(bad.err).toMatch(/^error: .* at rsiFrame\.[\w.[\]-]+ \(bit offset \d+\)\n$/);
	});
});

describe(`cv2x with your own ASN.1 (--asn1)${noAsn1 || noSamples}`, () => {
	it.skipIf(noAsn1 || noSamples)('a copied module set decodes like the built-in profile, given as a directory or as files', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cv2x-asn1-'));
		temps.push(dir);
		cpSync(join(ASN1, 'csae53-2020-draft'), dir, { recursive: true });
		const frame = tempFile('map.hex', hexOf('map.uper.hex'));
		const builtIn = await call(['decode', '--profile', 'csae53-2020-draft', '--jer', frame]);
		const own = await call(['decode', '--asn1', dir, '--jer', frame]);
		expect(own.code, own.err).toBe(0);
		expect(own.out).toBe(builtIn.out);
		const files = readdirSync(dir).filter((f) => f.endsWith('.asn')).map((f) => join(dir, f));
		const listed = await call(['decode', '--asn1', ...files, '--jer', frame]);
		expect(listed.code, listed.err).toBe(0);
		expect(listed.out).toBe(builtIn.out);
	});

	it.skipIf(noAsn1)('a broken module is refused with file:line:column, exit 1', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cv2x-asn1-bad-'));
		temps.push(dir);
		cpSync(join(ASN1, 'csae53-2020'), dir, { recursive: true });
		const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.asn'))!);
		const text = readFileSync(file, 'utf8').split('\n');
		const at = text.findIndex((l) => /::=\s*SEQUENCE\s*\{/.test(l));
		text[at] = text[at].replace('SEQUENCE', 'SEQUENZE');
		writeFileSync(file, text.join('\n'));
		const r = await call(['decode', '--asn1', dir, tempFile('x.hex', '00')]);
		expect(r.code).toBe(1);
		expect(r.err).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${at + 1}:\\d+: `));
		expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
	});
});

describe('cv2x UPER errors and usage', () => {
	it('bad input exits 1 with one error line naming the bit offset and field path', async () => {
		const r = await call(['decode', '--profile', 'csae53-2020', tempFile('short.hex', '00 12')]);
		expect(r.code).toBe(1);
		expect(r.err).toBe('error: need 7 bits, only 4 left at bsmFrame.msgCnt (bit offset 12)\n');
		// JER missing a mandatory component is refused naming its path
		const e = await call(['encode', '--profile', 'csae53-2020', '--jer', tempFile('v.json', '{"bsmFrame": {"msgCnt": 1}}')]);
		expect(e.code).toBe(1);
		expect(e.err).toBe('error: missing mandatory member id at bsmFrame\n');
		const none = await call(['decode', '--encoding', 'auto', tempFile('ff.hex', 'ff ff')]);
		expect(none.code).toBe(1);
		expect(none.err).toMatch(/^error: no encoding fits the input: protobuf model \(cv2x\.v1\.MessageFrame\), bare: .*\(byte offset \d+\); .*T\/CSAE 53-2020 \(YD\/T 3709-2020\), bare: .*\(bit offset \d+\)/);
		expect(none.err.split('\n').filter(Boolean)).toHaveLength(1);
	});

	it('bad usage exits 2: unknown profile, --profile with --asn1, UPER options with protobuf, encoding UPER without a schema', async () => {
		const cases = [
			['decode', '--profile', 'csae99'],
			['decode', '--profile', 'csae53-2020', '--asn1', 'x.asn'],
			['decode', '--encoding', 'protobuf', '--jer'],
			['encode', '--encoding', 'uper'],
			['decode', '--encoding', 'ber'],
			['inspect', '--jer']
		];
		for (const args of cases) {
			const r = await call([...args, tempFile('in.hex', '00')]);
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.err, args.join(' ')).toMatch(/^error: /);
		}
	});

	it('--asn1 takes a directory or several module files, leaving the input FILE alone', () => {
		const a = parseArgs(['--asn1', 'A.asn', 'b.ASN1', 'frame.hex', '--jer'], [], ['jer'], ['asn1']);
		expect(a.lists.asn1).toEqual(['A.asn', 'b.ASN1']);
		expect(a.positionals).toEqual(['frame.hex']);
		expect(parseArgs(['--asn1=dir', '--asn1', 'x.asn'], [], [], ['asn1']).lists.asn1).toEqual(['dir', 'x.asn']);
	});
});

describe('cv2x sim --encoding uper', () => {
	it('puts PC5 messages on the air as UPER of the profile, keeps Uu in protobuf, and the records decode back', async () => {
		const out = tempFile('run.jsonl', '');
		const r = await call(['sim', '--city', 'wuxi-xishan', '--seconds', '3', '--seed', '3', '--vehicles', '10', '--encoding', 'uper', '--out', out]);
		expect(r.code, r.err).toBe(0);
		expect(r.out).toMatch(/^PC5 on the air as UPER, profile csae157-2020$/m);
		const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
		const pc5 = rows.filter((x) => x.channel === 'pc5');
		const uu = rows.filter((x) => x.channel === 'uu');
		expect(pc5.length).toBeGreaterThan(100);
		expect(uu.length).toBeGreaterThan(0);
		const some = [...new Map(pc5.map((x) => [x.type, x])).values()];
		const d = await call(['decode', '--lines', '--profile', 'csae157-2020', tempFile('pc5.txt', some.map((x) => x.hex).join('\n'))]);
		expect(d.code, d.out + d.err).toBe(0);
		const frames = d.out.trimEnd().split('\n').map((l) => JSON.parse(l));
		frames.forEach((f, i) => expect(Object.keys(f), some[i].type).toContain(some[i].type === 'map_data' ? 'mapData' : some[i].type));
		const p = await call(['decode', '--lines', tempFile('uu.txt', uu.slice(0, 5).map((x) => x.hex).join('\n'))]);
		expect(p.code, p.out).toBe(0);
		expect((await call(['sim', '--profile', 'csae53-2020'])).code).toBe(2);
	});
});

describe(`the real binary streams --lines from stdin${noSamples}`, () => {
	it.skipIf(noSamples)('decodes many lines in one process, auto-detected, in input order', async () => {
		const frames = REAL.map((n) => hexOf(`${n}.uper.hex`));
		const input = Array.from({ length: 50 }, (_, i) => frames[i % frames.length]).join('\n') + '\n';
		const r = await cv2x(['decode', '--lines', '--jer', '--encoding', 'auto'], input);
		expect(r.code, r.stderr).toBe(0);
		const out = r.stdout.toString().trimEnd().split('\n');
		expect(out).toHaveLength(50);
		const kinds = out.map((l) => Object.keys(JSON.parse(l))[0]);
		expect(kinds.slice(0, 6)).toEqual(['bsmFrame', 'bsmFrame', 'mapFrame', 'rsiFrame', 'rsmFrame', 'spatFrame']);
	});
});
