// The worker's import path for cities: an OpenStreetMap extract or a city JSON given to
// SimSession's `import` becomes a registered city with a run on it; bad files are refused with
// the element, line and column, and the running simulation goes on untouched. Driven with a
// hand-turned clock, as session.test.ts does.
import { afterEach, describe, expect, it } from 'vitest';
import { sampleOsm } from '../osm/fixture';
import { cityIds, unregisterCity } from '../sim';
import { projection } from '../sim/geo';
import { cityNaming, jsonSyntaxError, prepareImport } from './city-import';
import { sampleJson } from '../samples';
import { importKind } from './import-kind';
import type { CityView, FromWorker, ToWorker } from './protocol';
import { SimSession } from './session';

type Msg<K extends FromWorker['kind']> = Extract<FromWorker, { kind: K }>;

function harness() {
	const posted: FromWorker[] = [];
	let wall = 0;
	let pending: (() => void) | null = null;
	const session = new SimSession({ post: (m) => posted.push(m), now: () => wall, later: (fn) => void (pending = fn) });
	const h = {
		posted,
		send: (m: ToWorker) => session.handle(m),
		settled: () => session.importSettled,
		/** Imports a file and waits until the worker has carried it out or refused it. */
		async importFile(name: string, data: Uint8Array | string) {
			session.handle({ kind: 'import', name, data: typeof data === 'string' ? new TextEncoder().encode(data) : data });
			await session.importSettled;
		},
		pass(ms: number) {
			wall += ms;
			const fn = pending;
			pending = null;
			fn?.();
		},
		all: <K extends FromWorker['kind']>(kind: K): Msg<K>[] => posted.filter((m): m is Msg<K> => m.kind === kind),
		last: <K extends FromWorker['kind']>(kind: K): Msg<K> | undefined => h.all(kind).at(-1)
	};
	return h;
}

/** Distance (m) from a point to a polyline, both in metres on one plane. */
function toPolyline(p: { x: number; y: number }, pts: { x: number; y: number }[]): number {
	let best = Infinity;
	for (let i = 1; i < pts.length; i++) {
		const a = pts[i - 1];
		const b = pts[i];
		const dx = b.x - a.x;
		const dy = b.y - a.y;
		const k = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
		best = Math.min(best, Math.hypot(p.x - a.x - k * dx, p.y - a.y - k * dy));
	}
	return best;
}

/**
 * How far the vehicles of a frame are outside the nearest road of the city view (m; <= 0: inside
 * lanes × lane width of its polyline, where the simulation puts each direction's lanes), and how
 * many are on a curved road (one with more than 3 shape points).
 */
function offRoad(city: CityView, f: Msg<'frame'>): { worst: number; onCurved: number } {
	const proj = projection(city.center[0], city.center[1]);
	const roads = city.roads.map((r) => ({ pts: r.points.map(([la, lo]) => proj.toXY(la, lo)), half: r.lanes * r.laneWidthM!, curved: r.points.length > 3 }));
	let worst = 0;
	let onCurved = 0;
	for (let i = 0; i < f.vehicles.id.length; i++) {
		const p = proj.toXY(f.vehicles.lat[i], f.vehicles.lon[i]);
		// outside the road it is most inside of (roads overlap near junctions)
		const near = roads.map((r) => ({ r, out: toPolyline(p, r.pts) - r.half })).sort((a, b) => a.out - b.out)[0];
		worst = Math.max(worst, near.out);
		if (near.r.curved && near.out <= 0) onCurved++;
	}
	return { worst, onCurved };
}

const BROKEN_OSM = sampleOsm().replace('<nd ref="40"/>', '<nd ref="4040"/>');

afterEach(() => {
	for (const id of ['sample', 'sample-zone', 'wuhan-etdz-osm', 'osm-import']) unregisterCity(id);
});

describe('what an imported file is', () => {
	it('is told by its content, not its name', async () => {
		const enc = (s: string) => new TextEncoder().encode(s);
		expect(importKind(enc(sampleOsm()))).toBe('osm');
		expect(importKind(enc('\uFEFF\n  <osm version="0.6"/>'))).toBe('osm');
		expect(importKind(enc('{\n\t"id": "x",\n\t"nodes": []\n}'))).toBe('city');
		expect(importKind(enc('{"id":"x","city":{"en":"X","zh":"X"},"nodes":[],"links":[]}'))).toBe('city');
		expect(importKind(enc('{"t":0,"sender":"rsu-1","type":"bsm","hex":"00"}\n{"t":1}\n'))).toBe('capture');
		expect(importKind(new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]))).toBe('capture');
		expect(importKind(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip');
		expect(importKind(new Uint8Array([0, 0, 0, 14, 10, 9, ...enc('OSMHeader')]))).toBe('pbf');
		// one message as JSON (cv2x sample, the inspector's Copy JSON): said to be one, for the inspector
		expect(importKind(enc(JSON.stringify(sampleJson('bsm'), null, 2)))).toBe('message');
		expect(importKind(enc('{"mapData":{"msgCnt":1}}'))).toBe('message');
		await expect(prepareImport('bsm.json', enc(JSON.stringify(sampleJson('bsm'), null, 2)))).rejects.toThrow('bsm.json: one message as proto3 JSON, not a capture or a city: open it on the Inspect page (Edit as JSON)');
	});

	it('names a city after its file as the CLI does; a bundled id gets -osm', () => {
		expect(cityNaming('Sample zone.osm.gz')).toEqual({ id: 'sample-zone', name: 'Sample zone' });
		expect(cityNaming('wuhan-etdz.osm')).toEqual({ id: 'wuhan-etdz-osm', name: 'wuhan-etdz' });
		expect(cityNaming('北京.osm').id).toBe('osm-import');
	});

	it('says where a JSON syntax error is', () => {
		const text = '{\n\t"id": "x",\n\t"nodes": [1,]\n}';
		let err: Error | null = null;
		try {
			JSON.parse(text);
		} catch (e) {
			err = e as Error;
		}
		expect(jsonSyntaxError(text, err!)).toMatch(/line 3/);
	});
});

describe('importing a city into the playground', () => {
	it('runs on an OpenStreetMap extract: registered, listed, drawn, vehicles on its curved ways; notes said', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 3, vehicles: 30 } });
		await h.importFile('sample.osm', sampleOsm());
		expect(h.all('import-error')).toEqual([]);
		const ready = h.last('ready')!;
		expect(ready.city.id).toBe('sample');
		expect(ready.city.source).toMatch(/OpenStreetMap contributors, ODbL, imported from sample\.osm/);
		expect(ready.cities.map((c) => c.id)).toContain('sample');
		expect(ready.city.roads.length).toBe(7);
		expect(ready.city.roads.some((r) => r.points.length > 5)).toBe(true); // Main Street's curve
		expect(ready.city.rsus.length).toBe(2);
		// the notice comes after the run's ready
		const kinds = h.posted.map((m) => m.kind);
		expect(kinds.lastIndexOf('city-imported')).toBeGreaterThan(kinds.lastIndexOf('ready'));
		const { imported } = h.last('city-imported')!;
		expect(imported).toMatchObject({ file: 'sample.osm', format: 'osm', id: 'sample', name: { en: 'sample', zh: 'sample' } });
		expect(imported.summary).toMatchObject({ junctions: 7, links: 7, signals: 2, rsus: 2 });
		expect(imported.notes.join('\n')).toMatch(/1 unconnected fragment \(1 link\) dropped/);

		// paused at the start, with the user's vehicles; plays and moves along the curved ways
		const first = h.last('frame')!;
		expect(first.playing).toBe(false);
		expect(first.vehicles.id.length).toBe(30);
		h.send({ kind: 'speed', speed: 4 });
		h.send({ kind: 'play' });
		const lat0 = Array.from(first.vehicles.lat);
		let onCurved = 0;
		for (let i = 0; i < 20; i++) {
			h.pass(250);
			const f = h.last('frame')!;
			const o = offRoad(ready.city, f);
			expect(o.worst, `a vehicle off its road at ${f.t} ms`).toBeLessThanOrEqual(0.5);
			onCurved += o.onCurved;
		}
		const end = h.last('frame')!;
		expect(end.t).toBe(20_000);
		expect(onCurved).toBeGreaterThan(0);
		expect(Array.from(end.vehicles.lat)).not.toEqual(lat0);
		expect(end.counts.bsm).toBeGreaterThan(0);
		expect(h.all('error')).toEqual([]);
	});

	it('refuses a broken extract with the element, line and column, and the run goes on', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 2, vehicles: 10 } });
		for (let i = 0; i < 5; i++) h.send({ kind: 'step' });
		const readies = h.all('ready').length;
		await h.importFile('broken.osm', BROKEN_OSM);
		const line = BROKEN_OSM.split('\n').findIndex((l) => l.includes('<way id="102"')) + 1;
		expect(h.last('import-error')!.message.startsWith(`broken.osm: way 102 (line ${line}, column 3): references node 4040, which is not in the file`)).toBe(true);
		expect(h.all('ready').length).toBe(readies);
		expect(cityIds()).not.toContain('broken');
		h.send({ kind: 'step' });
		expect(h.last('frame')!.t).toBe(600); // the same run, one step further
		expect(h.all('city-imported')).toEqual([]);

		await h.importFile('not-osm.xml', '<?xml version="1.0"?>\n<gpx version="1.1">\n</gpx>\n');
		expect(h.last('import-error')!.message).toBe('not-osm.xml: <gpx> (line 2, column 1): the root element is <gpx>, not <osm>: not an OpenStreetMap XML file');
		await h.importFile('zone.osm.pbf', new Uint8Array([0, 0, 0, 14, 10, 9, ...new TextEncoder().encode('OSMHeader')]));
		expect(h.last('import-error')!.message).toMatch(/^zone\.osm\.pbf: an OSM PBF file; convert it to OSM XML first/);
		h.send({ kind: 'step' });
		expect(h.last('frame')!.t).toBe(700);
	});

	it('runs on a city JSON made by cv2x city import; a broken one names the line or the feature', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 8 } });
		await h.importFile('sample.osm', sampleOsm());
		const city = structuredClone(h.last('city-imported')!.imported);
		unregisterCity('sample');
		const { importOsm } = await import('../osm');
		const file = importOsm(sampleOsm(), { id: 'sample-zone', name: 'Sample zone', file: 'sample.osm' }).city;
		await h.importFile('sample-zone.json', JSON.stringify(file, null, '\t') + '\n');
		expect(h.last('ready')!.city.id).toBe('sample-zone');
		expect(h.last('city-imported')!.imported).toMatchObject({ format: 'city', id: 'sample-zone', notes: [], summary: city.summary });

		const n = h.all('ready').length;
		await h.importFile('cut.json', JSON.stringify(file, null, '\t').slice(0, 200));
		expect(h.last('import-error')!.message).toMatch(/^cut\.json: not a city JSON file: .*line \d+/);
		const bad = { ...file, id: 'sample-bad', links: file.links.map((l, i) => (i === 2 ? { ...l, to: 999 } : l)) };
		await h.importFile('bad.json', JSON.stringify(bad, null, '\t'));
		expect(h.last('import-error')!.message).toMatch(/^bad\.json: link \d+: .*999/);
		await h.importFile('bundled.json', JSON.stringify({ ...file, id: 'wuxi-xishan' }, null, '\t'));
		expect(h.last('import-error')!.message).toMatch(/^bundled\.json: .*bundled city/);
		expect(h.all('ready').length).toBe(n);
	});

	it('a source chosen while an extract is read wins; the city is still registered', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 8 } });
		h.send({ kind: 'import', name: 'sample.osm', data: new TextEncoder().encode(sampleOsm()) });
		h.send({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 1, vehicles: 8 } });
		await h.settled();
		expect(h.last('ready')!.city.id).toBe('wuhan-etdz');
		expect(h.all('city-imported')).toEqual([]);
		expect(h.all('import-error')).toEqual([]);
		expect(cityIds()).toContain('sample');
	});

	it('imports a gzipped extract', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 8 } });
		const gz = new Uint8Array(await new Response(new Blob([sampleOsm()]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
		await h.importFile('Sample zone.osm.gz', gz);
		expect(h.last('ready')!.city.id).toBe('sample-zone');
		await h.importFile('junk.osm.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]));
		expect(h.last('import-error')!.message).toMatch(/^junk\.osm\.gz: is gzip but does not unpack/);
	});

	it('replays a capture made on an imported city on its roads once the city is imported', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 4, vehicles: 12 } });
		await h.importFile('sample.osm', sampleOsm());
		for (let i = 0; i < 30; i++) h.send({ kind: 'step' });
		h.send({ kind: 'export', request: 1, format: 'pcapng' });
		const exp = h.last('export')!;
		expect(exp.filename).toMatch(/^cv2x-sample-seed4-3s\.pcapng$/);

		// a tab that does not know the city: drawn over the nearest known one, and says so
		unregisterCity('sample');
		await h.importFile('run.pcapng', exp.data.slice());
		const over = h.last('ready')!;
		expect(over.replay).toMatchObject({ name: 'run.pcapng', cityMissing: 'sample' });
		expect(over.city.id).toBe('beijing-yizhuang');

		await h.importFile('sample.osm', sampleOsm());
		await h.importFile('run.pcapng', exp.data.slice());
		const ready = h.last('ready')!;
		expect(ready.city.id).toBe('sample');
		expect(ready.replay!.cityMissing).toBeUndefined();
		h.send({ kind: 'play' });
		for (let i = 0; i < 20 && !h.last('frame')!.t; i++) h.pass(500);
		for (let i = 0; i < 20 && h.last('frame')!.playing; i++) h.pass(500);
		const end = h.last('frame')!;
		expect(end.t).toBeGreaterThanOrEqual(2900);
		expect(end.vehicles.id.length).toBe(12);
		expect(offRoad(ready.city, end).worst).toBeLessThanOrEqual(0.5);
	});
});
