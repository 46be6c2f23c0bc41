import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projection } from '../sim/geo';
import { checkCityFile, createWorld } from '../sim';
import type { CityFile, LinkDef } from '../sim/roads/types';
import { loadCity, registerCity, unregisterCity, cityIds } from '../sim/roads/cities';
import { citySummary, importOsm, OsmImportError, OSM_LIMITS } from './index';
import { osmXml, sampleOsm, SAMPLE_ORIGIN, type FixtureWay } from './fixture';

const sample = () => importOsm(sampleOsm(), { name: 'Sample Zone', file: 'sample.osm' });

/** The city node at an OSM node of the sample (by position, as ids are renumbered). */
function nodeAt(city: CityFile, x: number, y: number) {
	const p = projection(SAMPLE_ORIGIN[0], SAMPLE_ORIGIN[1]).toLatLon(x, y);
	const hit = city.nodes.find((n) => Math.abs(n.lat - p.lat) < 1e-6 && Math.abs(n.lon - p.lon) < 1e-6);
	if (!hit) throw new Error(`no node at ${x},${y}`);
	return hit;
}

const linkBetween = (city: CityFile, a: number, b: number) => city.links.find((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));

describe('importOsm: the sample zone', () => {
	it('cuts ways at junctions into links with their shape points', () => {
		const { city, notes, stats } = sample();
		expect(() => checkCityFile('sample.json', city)).not.toThrow();
		expect(city.nodes).toHaveLength(7);
		expect(city.links).toHaveLength(7);
		const [W, J, P, E, S, K, N] = [[-400, 80], [0, 0], [150, 8], [320, 40], [0, -300], [0, 160], [0, 320]].map(([x, y]) => nodeAt(city, x, y).id);
		// Main Street: west end -> J with the 5 curve nodes between, J -> P (2), P -> E (2)
		expect(linkBetween(city, W, J)!.points).toHaveLength(5);
		expect(linkBetween(city, J, P)!.points).toHaveLength(2);
		expect(linkBetween(city, P, E)!.points).toHaveLength(2);
		// Kechuang Street: the signal nodes at the stop lines stay shape points
		expect(linkBetween(city, S, J)!.points).toHaveLength(2);
		expect(linkBetween(city, J, K)!.points).toHaveLength(1);
		expect(linkBetween(city, K, N)!.points).toHaveLength(0);
		expect(stats.droppedFragments).toBe(1);
		expect(stats.droppedFragmentLinks).toBe(1);
		expect(notes.join('\n')).toMatch(/1 unconnected fragment \(1 link\) dropped/);
		// the footway is no road
		expect(city.links.some((l) => /footway/.test(l.name.en))).toBe(false);
		expect(city.source).toBe('OpenStreetMap contributors, ODbL, imported from sample.osm');
		expect(city.approximate).toBe(false);
		expect(city.id).toBe('sample-zone');
	});

	it('reads lanes, speed limits, one-ways and names from tags', () => {
		const { city } = sample();
		const main = city.links.filter((l) => l.name.en === 'Main Street');
		expect(main).toHaveLength(3);
		for (const l of main) expect(l).toMatchObject({ lanes: 2, speedLimitKmh: 50, name: { zh: '主街' } }); // lanes:forward=2, CN:urban
		expect(main.every((l) => !l.oneWay)).toBe(true);
		const kechuang = city.links.filter((l) => l.name.zh === '科创街');
		expect(kechuang).toHaveLength(3);
		for (const l of kechuang) expect(l).toMatchObject({ lanes: 3, speedLimitKmh: 80, laneWidthM: 3.5, name: { en: '科创街' } }); // lanes=6, 50 mph
		const cut = city.links.find((l) => l.name.en === 'Short Cut')!;
		const P = nodeAt(city, 150, 8).id;
		const K = nodeAt(city, 0, 160).id;
		expect(cut).toMatchObject({ oneWay: true, from: P, to: K, lanes: 1, name: { zh: '捷径' }, speedLimitKmh: 40 });
	});

	it('signalises the crossing and the junction 20 m from a signal, with an RSU at each', () => {
		const { city, stats } = sample();
		const J = nodeAt(city, 0, 0);
		const K = nodeAt(city, 0, 160);
		expect(city.nodes.filter((n) => n.signal).map((n) => n.id).sort()).toEqual([J.id, K.id].sort());
		expect(stats).toMatchObject({ signalNodes: 3, signalsAttached: 3 });
		// J: Main Street's two approaches in one phase, Kechuang Street's in the other
		const byName = (ids: number[]) => ids.map((i) => city.links.find((l) => l.id === i)!.name.en).sort();
		expect(J.signal!.phases.map((p) => byName(p.approaches))).toEqual([['科创街', '科创街'], ['Main Street', 'Main Street']]);
		expect(J.signal!.phases.every((p) => p.greenS === 30 && p.yellowS === 3 && p.allRedS === 2)).toBe(true);
		// K: Kechuang Street north-south, the one-way from the south-east on its own
		expect(K.signal!.phases.map((p) => byName(p.approaches))).toEqual([['科创街', '科创街'], ['Short Cut']]);
		expect(J.name).toEqual({ en: 'Main Street / 科创街', zh: '主街 / 科创街' });
		expect(city.rsus).toHaveLength(2);
		expect(city.rsus.map((r) => r.nodes)).toEqual([[J.id], [K.id]].sort((a, b) => a[0] - b[0]));
		expect(new Set(city.rsus.map((r) => r.id.slice(-8))).size).toBe(2);
		expect(citySummary(city)).toMatchObject({ junctions: 7, links: 7, signals: 2, rsus: 2 });
		expect(citySummary(city).roadKm).toBeGreaterThan(1.5);
		expect(citySummary(city).roadKm).toBeLessThan(1.65);
	});

	it('is deterministic', () => {
		expect(JSON.stringify(sample())).toBe(JSON.stringify(sample()));
		const bytes = new TextEncoder().encode(sampleOsm());
		expect(importOsm(bytes, { name: 'Sample Zone', file: 'sample.osm' })).toEqual(sample());
	});
});

/** Distance in metres from (x, y) to a polyline. */
function toPolyline(x: number, y: number, xs: number[], ys: number[]): number {
	let best = Infinity;
	for (let i = 1; i < xs.length; i++) {
		const dx = xs[i] - xs[i - 1];
		const dy = ys[i] - ys[i - 1];
		const len2 = dx * dx + dy * dy || 1;
		const t = Math.max(0, Math.min(1, ((x - xs[i - 1]) * dx + (y - ys[i - 1]) * dy) / len2));
		best = Math.min(best, Math.hypot(x - xs[i - 1] - t * dx, y - ys[i - 1] - t * dy));
	}
	return best;
}

describe('importOsm: the simulation runs on the import', () => {
	it('keeps every vehicle within its link drawn width for 30 s, following the curves', () => {
		const { city } = sample();
		const w = createWorld({ city, seed: 3, vehicles: 25 });
		const proj = projection(city.center[0], city.center[1]);
		const at = new Map(city.nodes.map((n) => [n.id, n]));
		const shape = new Map<number, { xs: number[]; ys: number[]; link: LinkDef }>();
		for (const l of city.links) {
			const pts = [[at.get(l.from)!.lat, at.get(l.from)!.lon], ...l.points, [at.get(l.to)!.lat, at.get(l.to)!.lon]].map(([la, lo]) => proj.toXY(la, lo));
			shape.set(l.id, { xs: pts.map((p) => p.x), ys: pts.map((p) => p.y), link: l });
		}
		let checked = 0;
		let offChord = 0;
		const seen = new Set<number>();
		for (let step = 1; step <= 300; step++) {
			w.step();
			w.drainEvents();
			for (const v of w.traffic.vehicles.values()) {
				const { xs, ys, link } = shape.get(w.net.edges[v.edge].linkId)!;
				const { lat, lon } = w.net.toLatLon(v.x, v.y);
				const p = proj.toXY(lat, lon);
				expect(toPolyline(p.x, p.y, xs, ys), `vehicle ${v.id} on link ${link.id} at ${step / 10} s`).toBeLessThanOrEqual(link.lanes * link.laneWidthM);
				// on the curved west part of Main Street, away from its ends: off the straight chord
				const n = xs.length - 1;
				if (link.points.length >= 5 && toPolyline(p.x, p.y, [xs[0], xs[n]], [ys[0], ys[n]]) > link.lanes * link.laneWidthM + 2) offChord++;
				checked++;
				seen.add(v.id);
			}
		}
		expect(seen.size).toBeGreaterThanOrEqual(25);
		expect(checked).toBeGreaterThan(300 * 20);
		expect(offChord).toBeGreaterThan(0);
		// RSUs broadcast MAP and SPAT of the imported junctions
		expect(w.stats.byType.map_data).toBeGreaterThan(0);
		expect(w.stats.byType.spat).toBeGreaterThan(0);
		expect(w.stats.deliveries).toBeGreaterThan(0);
	});

	it('runs by id once registered (bundled ids refused)', () => {
		const { city } = sample();
		registerCity(city, 'sample.json');
		try {
			expect(cityIds()).toContain(city.id);
			expect(loadCity(city.id)).toBe(city);
			const w = createWorld({ city: city.id, seed: 1, vehicles: 5 });
			w.step();
			expect(w.city.id).toBe('sample-zone');
			expect(() => registerCity({ ...city, id: 'beijing-yizhuang' })).toThrow(/bundled/);
		} finally {
			unregisterCity(city.id);
		}
		expect(cityIds()).not.toContain(city.id);
	});
});

/** The error importOsm throws for `xml`. */
function failure(xml: string | Uint8Array): OsmImportError {
	try {
		importOsm(xml, { file: 'bad.osm' });
	} catch (e) {
		expect(e).toBeInstanceOf(OsmImportError);
		return e as OsmImportError;
	}
	throw new Error('importOsm accepted it');
}

const head = '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n';

describe('importOsm: bad files name the element, line and column, and the reason', () => {
	it('not XML', () => {
		const e = failure('{"elements": []}');
		expect(e.element).toBe('file');
		expect(e.reason).toMatch(/^not XML/);
		expect(e.message).toMatch(/^file \(line 1, column \d+\): not XML/);
		expect(failure('').reason).toBe('is empty');
		expect(failure('  \n').reason).toMatch(/^not XML/);
	});

	it('not OSM', () => {
		const e = failure('<?xml version="1.0"?>\n<gpx version="1.1"><trk/></gpx>');
		expect(e.element).toBe('<gpx>');
		expect(e.place).toEqual({ line: 2, column: 1 });
		expect(e.reason).toMatch(/not <osm>/);
	});

	it('not well-formed', () => {
		const e = failure(head + '  <node id="1" lat="1" lon="2">\n  </way>\n</osm>');
		expect(e.element).toBe('xml');
		expect(e.place?.line).toBe(4);
		expect(e.reason).toMatch(/not well-formed XML/);
	});

	it('a way referencing a missing node', () => {
		const xml = head + '  <node id="1" lat="39.78" lon="116.5"/>\n  <node id="2" lat="39.79" lon="116.5"/>\n   <way id="123">\n    <nd ref="1"/><nd ref="2"/><nd ref="9"/>\n    <tag k="highway" v="primary"/>\n  </way>\n</osm>';
		const e = failure(xml);
		expect(e.element).toBe('way 123');
		expect(e.place).toEqual({ line: 5, column: 4 });
		expect(e.reason).toMatch(/references node 9, which is not in the file/);
		expect(e.message).toMatch(/^way 123 \(line 5, column 4\): references node 9/);
	});

	it('a node reference or id that is not an integer', () => {
		const e = failure(head + '  <way id="5">\n    <nd ref="1"/>\n    <nd ref="x1"/>\n  </way>\n</osm>');
		expect(e.element).toBe('way 5');
		expect(e.place).toEqual({ line: 5, column: 5 });
		expect(e.reason).toBe('"ref" must be an integer, not "x1"');
		expect(failure(head + '<node lat="1" lon="1"/></osm>').reason).toBe('"id" must be an integer, not missing');
	});

	it('no roads', () => {
		const xml = osmXml([{ id: 1, lat: 39.78, lon: 116.5 }, { id: 2, lat: 39.79, lon: 116.5 }], [{ id: 7, nodes: [1, 2], tags: { highway: 'footway' } }]);
		const e = failure(xml);
		expect(e.element).toBe('osm');
		expect(e.reason).toMatch(/^no roads/);
		expect(failure(head + '</osm>').reason).toMatch(/^no roads/);
	});

	it('too big', () => {
		const e = failure(new Uint8Array(OSM_LIMITS.maxInputBytes + 1));
		expect(e.element).toBe('file');
		expect(e.reason).toMatch(/the limit is 64\.0 MiB/);
	});

	it('latitude or longitude out of range', () => {
		const e = failure(head + '  <node id="1" lat="39.78" lon="116.5"/>\n  <node id="7" lat="91.5" lon="116.5"/>\n</osm>');
		expect(e.element).toBe('node 7');
		expect(e.place).toEqual({ line: 4, column: 3 });
		expect(e.reason).toBe('latitude 91.5 is outside -90..90');
		expect(failure(head + '<node id="8" lat="39" lon="-181"/></osm>').reason).toBe('longitude -181 is outside -180..180');
		expect(failure(head + '<node id="8" lat="north" lon="1"/></osm>').reason).toMatch(/"lat" must be a number/);
	});

	it('not UTF-8, or a PBF file', () => {
		const bytes = new TextEncoder().encode(head + '<node id="1" lat="1" lon="1"/></osm>');
		bytes[50] = 0xff;
		expect(failure(bytes).reason).toMatch(/not UTF-8/);
		const pbf = new Uint8Array([0, 0, 0, 13, 10, 9, ...new TextEncoder().encode('OSMHeader'), 0x18, 0x7c]);
		expect(failure(pbf).reason).toMatch(/osm\.pbf/);
	});
});

describe('importOsm: property', () => {
	it('never throws anything but OsmImportError on mutated input, and what it returns passes the check', () => {
		const base = sampleOsm();
		const edit = fc.oneof(
			fc.tuple(fc.constant('cut' as const), fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 12 })),
			fc.tuple(fc.constant('insert' as const), fc.nat(base.length), fc.nat(0), fc.constantFrom('<', '>', '"', '/', '&', '<way id="9">', '<nd ref="77"/>', 'lat="95"', '-', '0', '<tag k="highway" v="primary"/>', '</node>'))
		);
		fc.assert(
			fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
				let xml = base;
				for (const [kind, at, n, text] of edits) xml = kind === 'cut' ? xml.slice(0, at) + text + xml.slice(at + n) : xml.slice(0, at) + text + xml.slice(at);
				try {
					const { city } = importOsm(xml, { file: 'm.osm' });
					checkCityFile('m.json', city);
				} catch (e) {
					if (!(e instanceof OsmImportError)) throw e;
					expect(e.message).toMatch(/^\S+( \d+)? (\(line \d+, column \d+\))?:? ?/);
				}
			}),
			{ numRuns: 300, seed: 14 }
		);
	});
});

describe('importOsm: random networks', () => {
	it('either import to a city that passes the check and runs, or fail with OsmImportError', () => {
		const proj = projection(SAMPLE_ORIGIN[0], SAMPLE_ORIGIN[1]);
		// positions on a coarse grid with jitter, so junctions a few metres apart, loops and shared nodes are common
		const node = fc.record({ gx: fc.integer({ min: 0, max: 8 }), gy: fc.integer({ min: 0, max: 8 }), jx: fc.integer({ min: -6, max: 6 }), jy: fc.integer({ min: -6, max: 6 }), signal: fc.boolean() });
		const tags = fc.record(
			{
				highway: fc.constantFrom('primary', 'secondary', 'residential', 'service', 'motorway_link', 'footway', 'trunk'),
				oneway: fc.constantFrom('yes', '-1', 'no', 'reversible'),
				lanes: fc.constantFrom('1', '2', '3', '5', '9', 'x'),
				maxspeed: fc.constantFrom('30', '50 mph', 'CN:urban', 'signals', '200'),
				junction: fc.constant('roundabout'),
				name: fc.constantFrom('环路', 'Main'),
				'name:en': fc.constant('Ring')
			},
			{ requiredKeys: ['highway'] }
		);
		const net = fc.record({
			nodes: fc.array(node, { minLength: 2, maxLength: 30 }),
			ways: fc.array(fc.record({ refs: fc.array(fc.nat(29), { minLength: 1, maxLength: 8 }), tags }), { minLength: 1, maxLength: 12 })
		});
		fc.assert(
			fc.property(net, ({ nodes, ways }) => {
				const osmNodes = nodes.map((n, i) => ({
					id: i + 1, ...proj.toLatLon(n.gx * 60 + n.jx, n.gy * 60 + n.jy), ...(n.signal ? { tags: { highway: 'traffic_signals' } } : {})
				}));
				const osmWays = ways.map((w, k) => ({ id: 1000 + k, nodes: w.refs.map((r) => (r % nodes.length) + 1), tags: w.tags }));
				let city: CityFile;
				try {
					city = importOsm(osmXml(osmNodes, osmWays), { file: 'random.osm' }).city;
				} catch (e) {
					if (!(e instanceof OsmImportError)) throw e;
					expect(e.reason).toMatch(/^no roads/);
					return;
				}
				checkCityFile('random.json', city);
				expect(new Set(city.rsus.map((r) => r.id.slice(-8))).size).toBe(city.rsus.length);
				const w = createWorld({ city, seed: 1, vehicles: 10, vrus: 2 });
				for (let i = 0; i < 20; i++) w.step();
			}),
			{ numRuns: 60, seed: 1414 }
		);
	});
});

describe('importOsm: shapes real extracts have', () => {
	const proj = projection(SAMPLE_ORIGIN[0], SAMPLE_ORIGIN[1]);
	const at = (id: number, x: number, y: number, tags?: Record<string, string>) => ({ id, ...proj.toLatLon(x, y), ...(tags ? { tags } : {}) });

	it('a crossing of two dual carriageways: four signalised nodes 24 m apart, one RSU for them', () => {
		const sig = { highway: 'traffic_signals' };
		// east-west carriageways at y = +12 (westbound) and y = -12 (eastbound); north-south at x = -12 (southbound), +12 (northbound)
		const nodes = [
			at(1, -300, -12), at(2, -12, -12, sig), at(3, 12, -12, sig), at(4, 300, -12),
			at(5, 300, 12), at(6, 12, 12, sig), at(7, -12, 12, sig), at(8, -300, 12),
			at(9, -12, 300), at(10, -12, -300), at(11, 12, -300), at(12, 12, 300)
		];
		const road = (name: string) => ({ highway: 'primary', oneway: 'yes', lanes: '3', name });
		const ways = [
			{ id: 1, nodes: [1, 2, 3, 4], tags: road('东西大街') },
			{ id: 2, nodes: [5, 6, 7, 8], tags: road('东西大街') },
			{ id: 3, nodes: [9, 7, 2, 10], tags: road('南北大街') },
			{ id: 4, nodes: [11, 3, 6, 12], tags: road('南北大街') }
		];
		const { city } = importOsm(osmXml(nodes, ways), { file: 'dual.osm' });
		expect(city.links).toHaveLength(12);
		expect(city.links.every((l) => l.oneWay && l.lanes === 3)).toBe(true);
		const signalised = city.nodes.filter((n) => n.signal);
		expect(signalised).toHaveLength(4);
		// each crossing node: its two entering one-ways on two axes, so two phases
		for (const n of signalised) expect(n.signal!.phases.map((p) => p.approaches.length)).toEqual([1, 1]);
		expect(city.rsus).toHaveLength(1);
		expect(city.rsus[0].nodes.sort()).toEqual(signalised.map((n) => n.id).sort());
		const w = createWorld({ city, seed: 2, vehicles: 20 });
		for (let i = 0; i < 100; i++) w.step();
		expect(w.traffic.vehicles.size).toBeGreaterThan(0);
	});

	it('a roundabout (a closed way, one-way by junction=roundabout) is cut at its arms', () => {
		const ring = Array.from({ length: 12 }, (_, k) => at(100 + k, 25 * Math.sin((k * Math.PI) / 6), 25 * Math.cos((k * Math.PI) / 6)));
		const nodes = [...ring, at(1, 0, 200), at(2, 0, -200)];
		const ways: FixtureWay[] = [
			{ id: 1, nodes: [...ring.map((n) => n.id), 100], tags: { highway: 'primary', junction: 'roundabout', name: 'Ring' } },
			{ id: 2, nodes: [1, 100], tags: { highway: 'secondary', name: 'North Arm' } },
			{ id: 3, nodes: [2, 106], tags: { highway: 'secondary', name: 'South Arm' } }
		];
		const { city } = importOsm(osmXml(nodes, ways), { file: 'ring.osm' });
		const ringLinks = city.links.filter((l) => l.name.en === 'Ring');
		expect(ringLinks).toHaveLength(2);
		expect(ringLinks.every((l) => l.oneWay && l.points.length === 5)).toBe(true);
		// travel goes round: the two halves chain head to tail
		expect(ringLinks[0].to).toBe(ringLinks[1].from);
		expect(ringLinks[1].to).toBe(ringLinks[0].from);
	});

	it('a junction drawn as nodes 3 m apart is merged into one; a lone closed loop is cut in two', () => {
		const nodes = [at(1, -200, 0), at(2, 0, 0), at(3, 3, 0), at(4, 200, 0), at(5, 0, 200), at(6, 3, -200), at(7, 100, 100), at(8, 150, 150)];
		const ways = [
			{ id: 1, nodes: [1, 2, 3, 4], tags: { highway: 'residential' } },
			{ id: 2, nodes: [5, 2], tags: { highway: 'residential' } },
			{ id: 3, nodes: [3, 6], tags: { highway: 'residential' } }
		];
		const { city, notes } = importOsm(osmXml(nodes, ways), { file: 'merge.osm' });
		expect(city.nodes).toHaveLength(5);
		expect(city.links).toHaveLength(4);
		expect(notes.join('\n')).toMatch(/1 junction node less than 5 m from a neighbour merged into it/);
		const loop = importOsm(osmXml([at(1, 0, 0), at(2, 100, 0), at(3, 100, 100), at(4, 0, 100)], [{ id: 1, nodes: [1, 2, 3, 4, 1], tags: { highway: 'service' } }]));
		expect(loop.city.links).toHaveLength(2);
		expect(() => checkCityFile('loop.json', loop.city)).not.toThrow();
	});

	it('runs with UPER on the air (MAP of the imported junctions in UPER)', () => {
		const { city } = sample();
		const w = createWorld({ city, seed: 1, vehicles: 10, onAir: { encoding: 'uper', profile: 'csae53-2020-draft' } });
		for (let i = 0; i < 20; i++) w.step();
		expect(w.stats.byType.map_data).toBeGreaterThan(0);
	});
});

describe('importOsm: file layouts of export tools', () => {
	it('reads ways before their nodes (Overpass "out body; >; out body;"), JOSM deletions and <bounds>/<relation> elements', () => {
		const lines = sampleOsm().split('\n');
		const wayStart = lines.findIndex((l) => l.includes('<way '));
		const end = lines.indexOf('</osm>');
		const reordered = [
			lines[0], lines[1], '  <bounds minlat="39.78" minlon="116.49" maxlat="39.79" maxlon="116.51"/>',
			...lines.slice(wayStart, end), ...lines.slice(2, wayStart),
			'  <node id="-5" action="delete" lat="95" lon="0"/>',
			'  <relation id="9"><member type="way" ref="100" role=""/><tag k="type" v="route"/></relation>',
			'</osm>'
		].join('\n');
		const a = importOsm(reordered, { name: 'Sample Zone', file: 'sample.osm' });
		const b = sample();
		expect(a.city).toEqual(b.city);
		expect(a.stats.osmNodes).toBe(b.stats.osmNodes + 1);
	});
});

describe('tags', () => {
	it('reads oneway, lanes, maxspeed and names as the OSM wiki defines them', async () => {
		const { onewayOf, lanesOf, parseMaxspeed, speedOf, nameOf, isRoad, laneWidthOf } = await import('./tags');
		expect(['yes', '1', 'true', '-1', 'reverse', 'no', undefined].map((v) => onewayOf({ highway: 'primary', ...(v ? { oneway: v } : {}) }))).toEqual([1, 1, 1, -1, -1, 0, 0]);
		expect(onewayOf({ highway: 'primary', junction: 'roundabout' })).toBe(1);
		expect(onewayOf({ highway: 'motorway' })).toBe(1);
		expect(onewayOf({ highway: 'motorway', oneway: 'no' })).toBe(0);
		expect(lanesOf({ highway: 'primary', lanes: '4' }, 0)).toBe(2);
		expect(lanesOf({ highway: 'primary', lanes: '3', 'lanes:forward': '2', 'lanes:backward': '1' }, 0)).toBe(2);
		expect(lanesOf({ highway: 'primary', lanes: '3' }, 1)).toBe(3);
		expect(lanesOf({ highway: 'primary', lanes: '20' }, 1)).toBe(6);
		expect(lanesOf({ highway: 'residential' }, 0)).toBe(1);
		expect(lanesOf({ highway: 'primary', lanes: 'many' }, 0)).toBe(2);
		expect(laneWidthOf({ highway: 'primary', width: '14' }, 2, 0)).toBe(3.5);
		expect(laneWidthOf({ highway: 'primary', width: '30 m' }, 1, 0)).toBe(4.5);
		expect(['60', '30 mph', '50;40', 'CN:urban', 'CN:rural', 'RU:motorway', 'none', 'walk', 'signals', 'variable'].map(parseMaxspeed)).toEqual([60, 30 * 1.609344, 50, 50, 70, 120, 120, 10, null, null]);
		expect(speedOf({ highway: 'primary', maxspeed: '200' })).toBe(120);
		expect(speedOf({ highway: 'living_street', maxspeed: '5' })).toBe(10);
		expect(speedOf({ highway: 'trunk', maxspeed: 'signals' })).toBe(80);
		expect(nameOf({ highway: 'primary', name: '荣华路', 'name:en': 'Ronghua Road' }, '1')).toEqual({ en: 'Ronghua Road', zh: '荣华路' });
		expect(nameOf({ highway: 'primary', name: 'Main St', 'name:zh': '主街' }, '1')).toEqual({ en: 'Main St', zh: '主街' });
		expect(nameOf({ highway: 'primary', ref: 'G4' }, '1')).toEqual({ en: 'G4', zh: 'G4' });
		expect(nameOf({ highway: 'service' }, '77')).toEqual({ en: 'unnamed service (way 77)', zh: '无名道路（way 77）' });
		const ways: Record<string, string>[] = [{ highway: 'service' }, { highway: 'service', service: 'parking_aisle' }, { highway: 'footway' }, { highway: 'primary', area: 'yes' }];
		expect(ways.map(isRoad)).toEqual([true, false, false, false]);
	});
});
