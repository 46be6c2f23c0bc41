// OSM XML made from a few lines of data, for tests (unit and end-to-end) and demos: `osmXml`
// writes any nodes and ways; `sampleOsm` is a small test zone with every feature the importer
// reads (curved ways, a signalised crossing, a signal mapped at a stop line, a one-way, lanes and
// maxspeed tags, names in zh/en, a footway and an unconnected island).
import { projection } from '../sim/geo';
import type { Tags } from './tags';

export interface FixtureNode {
	id: number;
	lat: number;
	lon: number;
	tags?: Tags;
}

export interface FixtureWay {
	id: number;
	nodes: number[];
	tags: Tags;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function tagLines(tags: Tags | undefined, indent: string): string[] {
	return Object.entries(tags ?? {}).map(([k, v]) => `${indent}<tag k="${esc(k)}" v="${esc(v)}"/>`);
}

/** An OSM XML 0.6 document of these nodes and ways (one element per line, as openstreetmap.org exports). */
export function osmXml(nodes: FixtureNode[], ways: FixtureWay[]): string {
	const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="cv2x-playground fixture">'];
	for (const n of nodes) {
		const open = `  <node id="${n.id}" visible="true" version="1" lat="${n.lat.toFixed(7)}" lon="${n.lon.toFixed(7)}"`;
		const tags = tagLines(n.tags, '    ');
		out.push(...(tags.length ? [`${open}>`, ...tags, '  </node>'] : [`${open}/>`]));
	}
	for (const w of ways) out.push(`  <way id="${w.id}" visible="true" version="1">`, ...w.nodes.map((r) => `    <nd ref="${r}"/>`), ...tagLines(w.tags, '    '), '  </way>');
	out.push('</osm>', '');
	return out.join('\n');
}

/** Where sampleOsm lies: Beijing Yizhuang, [lat, lon]. */
export const SAMPLE_ORIGIN: [number, number] = [39.785, 116.5];

/** The sample's nodes in metres east (x) and north (y) of SAMPLE_ORIGIN, with their OSM ids and tags. */
const SAMPLE_NODES: [id: number, x: number, y: number, tags?: Tags][] = [
	// Main Street, curved, west to east through the crossing J (1) and the fork P (12)
	[10, -400, 80], [11, -330, 52], [13, -260, 30], [14, -190, 14], [15, -120, 4], [16, -60, 1],
	[1, 0, 0, { highway: 'traffic_signals', crossing: 'traffic_signals' }],
	[17, 60, 1], [18, 110, 4], [12, 150, 8], [19, 200, 14], [20, 260, 24], [21, 320, 40],
	// Kechuang Street, north-south through J and K (2); signals mapped at stop lines 20 m out
	[30, 0, -300], [31, 0, -150], [32, 0, -20, { highway: 'traffic_signals' }], [2, 0, 160], [33, 0, 140, { highway: 'traffic_signals' }], [34, 0, 320],
	// the one-way short cut from P to K, curved
	[40, 90, 100],
	// an island of service roads, 1 km away, reached by nothing
	[50, 800, 800], [51, 900, 800], [52, 900, 900],
	// a footway (not a road)
	[60, -30, -30], [61, -30, 30]
];

const SAMPLE_WAYS: FixtureWay[] = [
	{ id: 100, nodes: [10, 11, 13, 14, 15, 16, 1, 17, 18, 12, 19, 20, 21], tags: { highway: 'secondary', name: '主街', 'name:en': 'Main Street', 'lanes:forward': '2', 'lanes:backward': '1', maxspeed: 'CN:urban' } },
	{ id: 101, nodes: [30, 31, 32, 1, 33, 2, 34], tags: { highway: 'primary', name: '科创街', lanes: '6', maxspeed: '50 mph' } },
	{ id: 102, nodes: [12, 40, 2], tags: { highway: 'tertiary', oneway: 'yes', 'name:zh': '捷径', 'name:en': 'Short Cut', lanes: '1' } },
	{ id: 200, nodes: [50, 51, 52], tags: { highway: 'service' } },
	{ id: 300, nodes: [60, 1, 61], tags: { highway: 'footway' } }
];

/**
 * The sample test zone as OSM XML. Imported, it gives 7 junctions (1 signalised crossing J with
 * signals on its node, 1 signalised junction K from a signal 20 m away), 7 links (Main Street
 * curved, 2 lanes a direction, 50 km/h; Kechuang Street 3 lanes, 80 km/h; the one-way Short Cut),
 * 2 RSUs, and drops 1 unconnected fragment (the service-road island) and the footway.
 */
export function sampleOsm(): string {
	const proj = projection(SAMPLE_ORIGIN[0], SAMPLE_ORIGIN[1]);
	const nodes = SAMPLE_NODES.map(([id, x, y, tags]) => ({ id, ...proj.toLatLon(x, y), ...(tags ? { tags } : {}) }));
	return osmXml(nodes, SAMPLE_WAYS);
}
