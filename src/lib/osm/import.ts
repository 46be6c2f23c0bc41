// importOsm: an OpenStreetMap XML extract -> a CityFile (sim/roads/types.ts). The steps: read
// the XML as it streams (parse.ts), cut road ways at junctions (graph.ts), make every link's ends
// distinct and 5 m apart (fix.ts), keep the largest connected network (components.ts), number
// junctions and make links (assemble.ts), signals (signals.ts, plan.ts) and RSUs (rsus.ts).
import { projection } from '../sim/geo';
import { checkCityFile, RoadDataError } from '../sim/roads/load';
import type { Bilingual, CityFile, LinkDef, NodeDef } from '../sim/roads/types';
import { assemble, bboxCenter, junctionName, MAX_JUNCTIONS } from './assemble';
import { largestNetwork } from './components';
import { OsmImportError } from './errors';
import { fixShortSegments } from './fix';
import { waysToSegments } from './graph';
import { MAX_INPUT_BYTES, parseOsm } from './parse';
import { signalPlan } from './plan';
import { placeRsus } from './rsus';
import { signalisedNodes } from './signals';
import { KEPT_HIGHWAYS } from './tags';
import type { OsmImportOptions, OsmImportResult, OsmImportStats } from './types';

/** Limits on what is imported, so a wrong file cannot exhaust a browser tab. */
export const OSM_LIMITS = {
	/** Largest input, bytes (UTF-8) or characters. A city district is 5-30 MiB of OSM XML. */
	maxInputBytes: MAX_INPUT_BYTES,
	/** Most junctions in the result: MAP intersection ids are 1..65535. */
	maxJunctions: MAX_JUNCTIONS
} as const;

const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function header(opts: OsmImportOptions): Pick<CityFile, 'id' | 'city' | 'zone' | 'source' | 'approximate'> {
	const name: Bilingual = typeof opts.name === 'string' ? { en: opts.name, zh: opts.name } : opts.name ?? { en: 'OpenStreetMap import', zh: 'OpenStreetMap 导入' };
	if (!name.en.trim() || !name.zh.trim()) throw new OsmImportError('options', null, 'the name must not be empty');
	const fromName = name.en.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	const id = opts.id ?? (fromName || 'osm-import');
	if (!ID_RE.test(id)) throw new OsmImportError('options', null, `id "${id}" must be lower-case words joined by dashes`);
	const when = opts.file ? `from ${opts.file}` : (opts.date ?? new Date().toISOString().slice(0, 10));
	return {
		id, city: name, zone: { en: 'OpenStreetMap extract', zh: 'OpenStreetMap 数据' },
		source: `OpenStreetMap contributors, ODbL, imported ${when}`, approximate: false
	};
}

function noRoads(reason: string): never {
	throw new OsmImportError('osm', null, `no roads: ${reason} (kept: highway=${KEPT_HIGHWAYS.join('|')})`);
}

/** Signals and RSUs onto the assembled network. */
function addSignals(city: CityFile, signals: { lat: number; lon: number; node: number | null }[], notes: string[]): number {
	const { nodeIds, attached } = signalisedNodes(city.nodes, city.links, city.center, signals);
	if (signals.length > attached) notes.push(`${signals.length - attached} of ${signals.length} traffic signal nodes are more than 30 m from a junction (or off the kept network) and were left out`);
	const at = new Map(city.nodes.map((n) => [n.id, n]));
	const proj = projection(city.center[0], city.center[1]);
	// each signalised node's own links (not every link per node: large imports have thousands)
	const linksAt = new Map<number, LinkDef[]>();
	for (const l of city.links)
		for (const end of [l.from, l.to]) if (nodeIds.has(end)) linksAt.set(end, [...(linksAt.get(end) ?? []), l]);
	const signalised: NodeDef[] = [];
	city.nodes = city.nodes.map((n) => {
		if (!nodeIds.has(n.id)) return n;
		const own = linksAt.get(n.id) ?? [];
		const name = junctionName(n.id, own);
		const s: NodeDef = { id: n.id, ...(name ? { name } : {}), lat: n.lat, lon: n.lon, signal: signalPlan(proj, n, own, at) };
		signalised.push(s);
		return s;
	});
	city.rsus = placeRsus(signalised);
	return attached;
}

function run(xml: string | Uint8Array, opts: OsmImportOptions): OsmImportResult {
	const head = header(opts);
	const notes: string[] = [];
	const d = parseOsm(xml);
	if (!d.ways.length) noRoads('no way has a kept highway tag');
	const { roads, segments } = waysToSegments(d, notes);
	const fixed = fixShortSegments(d, segments, notes);
	const net = largestNetwork(d, fixed.segments);
	if (!net.kept.length) noRoads('every road is shorter than 5 m');
	if (net.droppedFragments) notes.push(`${net.droppedFragments} unconnected fragment${net.droppedFragments === 1 ? '' : 's'} (${net.droppedSegments} link${net.droppedSegments === 1 ? '' : 's'}) dropped; the largest connected network is kept`);
	const { nodes, links, nodeOf } = assemble(d, roads, net.kept);
	const city: CityFile = { ...head, center: bboxCenter(nodes, links), nodes, links, rsus: [] };
	const signals = d.signals.map((s) => {
		const i = d.nodeIndex.get(s.id)!;
		return { lat: s.lat, lon: s.lon, node: nodeOf.get(fixed.merges.find(i)) ?? null };
	});
	const attached = addSignals(city, signals, notes);
	const stats: OsmImportStats = {
		osmNodes: d.counts.nodes, osmWays: d.counts.ways, roadWays: d.ways.length, droppedFragments: net.droppedFragments,
		droppedFragmentLinks: net.droppedSegments, signalNodes: d.signals.length, signalsAttached: attached
	};
	try {
		checkCityFile(`${city.id}.json`, city);
	} catch (e) {
		if (e instanceof RoadDataError) throw new OsmImportError('network', null, `the imported city fails its check (${e.message}); please report this file`);
		throw e;
	}
	return { city, notes, stats };
}

/**
 * Turns an OSM XML extract (a string, or UTF-8 bytes; up to OSM_LIMITS.maxInputBytes) into a
 * city the simulation runs (sim/roads/types.ts), with notes on what was merged, dropped or
 * defaulted. Pure apart from the default date in `source`. Never throws anything but
 * OsmImportError, whose message names the element (`way 123`, `node 45`, `osm`), its line and
 * column, and the reason: not XML, not OSM (<osm> root), a way referencing a missing node, no
 * roads, too big, a latitude or longitude out of range, more than 65535 junctions.
 */
export function importOsm(xml: string | Uint8Array, opts: OsmImportOptions = {}): OsmImportResult {
	try {
		return run(xml, opts);
	} catch (e) {
		if (e instanceof OsmImportError) throw e;
		// a bug or an exhausted engine (stack, memory) is still reported as this file's error
		throw new OsmImportError('file', null, `could not be imported: ${e instanceof Error ? e.message : String(e)}`);
	}
}
