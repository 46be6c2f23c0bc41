// `cv2x city` run in-process (the lead registers it in commands/index.ts; then cli.test.ts can run the binary).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sampleOsm } from '../../lib/osm/fixture';
import { checkCityFile } from '../../lib/sim';
import { UsageError } from '../args';
import { city, readCityFile } from './city';

const dir = mkdtempSync(join(tmpdir(), 'cv2x-city-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `cv2x city ...argv`, capturing stdout and stderr. */
async function cityCmd(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	let stdout = '';
	let stderr = '';
	const out = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
	const err = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
	try {
		return { code: await city.run(argv), stdout, stderr };
	} finally {
		out.mockRestore();
		err.mockRestore();
	}
}

describe('cv2x city', () => {
	const osm = join(dir, 'Sample Area.osm');
	writeFileSync(osm, sampleOsm());

	it('imports to stdout with a summary and notes on stderr', async () => {
		const r = await cityCmd(['import', osm]);
		expect(r.code).toBe(0);
		const c = checkCityFile('out.json', JSON.parse(r.stdout));
		expect(c.id).toBe('sample-area');
		expect(c.city.en).toBe('Sample Area');
		expect(c.source).toBe('OpenStreetMap contributors, ODbL, imported from Sample Area.osm');
		expect(r.stderr).toMatch(/^note: 1 unconnected fragment/m);
		expect(r.stderr).toMatch(/^sample-area: 7 junctions, 7 links, 1\.\d km of road, 2 signals, 2 RSUs, 1 unconnected fragment dropped$/m);
	});

	it('writes --out, takes --id and --name, and checks the result', async () => {
		const out = join(dir, 'zone.json');
		const r = await cityCmd(['import', osm, '--id', 'my-zone', '--name', '亦庄 Test', '--out', out]);
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('');
		const c = JSON.parse(readFileSync(out, 'utf8'));
		expect(c).toMatchObject({ id: 'my-zone', city: { en: '亦庄 Test', zh: '亦庄 Test' } });
		const check = await cityCmd(['check', out]);
		expect(check).toMatchObject({ code: 0, stderr: '' });
		expect(check.stdout).toMatch(/^my-zone: 7 junctions, 7 links, 1\.\d km of road, 2 signals, 2 RSUs\n$/);
		expect((await readCityFile(out)).id).toBe('my-zone');
		// a name without Latin letters: the id comes from the file name
		await cityCmd(['import', osm, '--name', '亦庄核心区', '--out', out]);
		expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ id: 'sample-area', city: { zh: '亦庄核心区' } });
	});

	it('bad input: exit 1 with one error line naming the element, line and column', async () => {
		const bad = join(dir, 'bad.osm');
		writeFileSync(bad, '<?xml version="1.0"?>\n<osm>\n  <way id="5"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>\n</osm>\n');
		const r = await cityCmd(['import', bad]);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toBe('error: bad.osm: way 5 (line 3, column 3): references node 1, which is not in the file (the extract was cut at its edge: export complete ways, e.g. osmium extract --strategy complete_ways)\n');
		// the file is named however it fails; JSON is said to be JSON
		writeFileSync(join(dir, 'empty.osm'), '');
		expect((await cityCmd(['import', join(dir, 'empty.osm')])).stderr).toBe('error: empty.osm: is empty\n');
		writeFileSync(join(dir, 'bsm.json'), '{\n  "protocolVersion": 1,\n  "bsm": {}\n}\n');
		expect((await cityCmd(['import', join(dir, 'bsm.json')])).stderr).toMatch(/^error: bsm\.json: JSON, not an OpenStreetMap XML extract \("cv2x city check" checks a city JSON file; "cv2x encode" reads a message as JSON\)\n$/);
		const json = join(dir, 'broken.json');
		writeFileSync(json, JSON.stringify({ ...JSON.parse((await cityCmd(['import', osm])).stdout), links: [{ id: 1 }] }));
		const c = await cityCmd(['check', json]);
		expect(c.code).toBe(1);
		expect(c.stderr).toBe('error: broken.json: link 1: "name" must be { en, zh }\n');
		expect((await cityCmd(['check', join(dir, 'none.json')])).stderr).toMatch(/^error: no such file: .*none\.json\n$/);
		writeFileSync(json, '{ nope');
		expect((await cityCmd(['check', json])).stderr).toMatch(/^error: broken\.json: not a JSON city file: /);
	});

	it('usage errors', async () => {
		await expect(cityCmd([])).rejects.toThrow(UsageError);
		await expect(cityCmd(['explode'])).rejects.toThrow(/unknown city command "explode"/);
		await expect(cityCmd(['import', osm, '--id', 'Bad Id'])).rejects.toThrow(/--id "Bad Id" must be lower-case/);
		await expect(cityCmd(['import', osm, '--id', 'wuxi-xishan'])).rejects.toThrow(/bundled city/);
		await expect(cityCmd(['import', osm, '--frobnicate'])).rejects.toThrow(/unknown option/);
		await expect(cityCmd(['check'])).rejects.toThrow(/one CITY\.json/);
		await expect(cityCmd(['import', osm, osm])).rejects.toThrow(/one FILE\.osm/);
	});
});

describe('cv2x city import of a gzip file', () => {
	it('unpacks .osm.gz', async () => {
		const { gzipSync } = await import('node:zlib');
		const gz = join(dir, 'area.osm.gz');
		writeFileSync(gz, gzipSync(sampleOsm()));
		const r = await cityCmd(['import', gz]);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ id: 'area', city: { en: 'area' } });
		writeFileSync(gz, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
		expect((await cityCmd(['import', gz])).stderr).toMatch(/^error: file: is gzip but does not unpack: /);
	});
});

describe('cv2x sim --city-file', () => {
	it('runs an imported city: vehicles drive, MAP and SPAT are sent, the capture names the city', async () => {
		const { runSim, simOptions } = await import('./sim');
		const osm = join(dir, 'zone.osm');
		writeFileSync(osm, sampleOsm());
		const json = join(dir, 'zone.json');
		expect((await cityCmd(['import', osm, '--out', json])).code).toBe(0);
		const out = join(dir, 'zone.jsonl');
		const r = await runSim(simOptions(['--city-file', json, '--seconds', '10', '--vehicles', '10', '--out', out]), true);
		expect(r.world.city.id).toBe('zone');
		const types = new Set(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).type));
		for (const t of ['bsm', 'map_data', 'spat']) expect(types).toContain(t);
	});

	it('refuses --city with --city-file, and a file that is not a city', async () => {
		const { simOptions, runSim } = await import('./sim');
		expect(() => simOptions(['--city-file', 'x.json', '--city', 'wuhan-etdz'])).toThrow(UsageError);
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, '{"id": 3}');
		await expect(runSim(simOptions(['--city-file', bad, '--seconds', '1']), true)).rejects.toThrow(/bad\.json/);
	});
});
