// Streaming read of OSM XML (https://wiki.openstreetmap.org/wiki/OSM_XML) with saxes: nodes'
// positions, the road ways (KEPT_HIGHWAYS) with their node references and tags, and the
// highway=traffic_signals nodes. Other ways, relations and most tags are passed over as they
// stream by, so memory grows with the nodes and the roads, not the whole document.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { OsmImportError, type OsmPlace } from './errors';
import { isRoad, type Tags } from './tags';

export interface OsmWay {
	id: string;
	refs: number[];
	tags: Tags;
	place: OsmPlace;
}

export interface OsmSignal {
	id: number;
	lat: number;
	lon: number;
}

/** What the importer needs from the file. */
export interface OsmData {
	/** Node id -> index into ids, lat and lon. */
	nodeIndex: Map<number, number>;
	ids: number[];
	lat: number[];
	lon: number[];
	ways: OsmWay[];
	signals: OsmSignal[];
	counts: { nodes: number; ways: number; relations: number };
}

/** Largest input read, bytes (or characters for a string). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const CHUNK = 1 << 20;

interface Current {
	kind: 'node' | 'way';
	id: string;
	place: OsmPlace;
	tags: Tags;
	refs: number[];
	lat: number;
	lon: number;
	skip: boolean;
}

/** Parses an integer id attribute (OSM ids are 64-bit; JavaScript numbers hold them to 2^53). */
function idOf(raw: string | undefined, what: string, place: OsmPlace, attr = 'id'): number {
	const n = Number(raw);
	if (raw === undefined || raw.trim() === '' || !Number.isSafeInteger(n)) throw new OsmImportError(what, place, `"${attr}" must be an integer, not ${raw === undefined ? 'missing' : JSON.stringify(raw)}`);
	return n;
}

function coordinate(raw: string | undefined, attr: 'lat' | 'lon', what: string, place: OsmPlace): number {
	const lim = attr === 'lat' ? 90 : 180;
	const v = Number(raw);
	if (raw === undefined || raw.trim() === '' || !Number.isFinite(v)) throw new OsmImportError(what, place, `"${attr}" must be a number of degrees, not ${raw === undefined ? 'missing' : JSON.stringify(raw)}`);
	if (v < -lim || v > lim) throw new OsmImportError(what, place, `${attr === 'lat' ? 'latitude' : 'longitude'} ${v} is outside -${lim}..${lim}`);
	return v;
}

/** The streaming reader's state and its element handlers. */
class Reader {
	readonly data: OsmData = { nodeIndex: new Map(), ids: [], lat: [], lon: [], ways: [], signals: [], counts: { nodes: 0, ways: 0, relations: 0 } };
	readonly parser = new SaxesParser({ position: true });
	private depth = 0;
	private sawRoot = false;
	private place: OsmPlace = { line: 1, column: 1 };
	private cur: Current | null = null;

	constructor() {
		const p = this.parser;
		p.on('opentagstart', (t) => {
			// saxes is one character past `<name`; the element starts at its `<`
			this.place = { line: p.line, column: Math.max(1, p.column - t.name.length - 1) };
		});
		p.on('opentag', (t) => this.open(t as SaxesTagPlain));
		p.on('closetag', (t) => this.close(t as SaxesTagPlain));
		p.on('text', (text) => {
			if (!this.sawRoot && text.trim()) throw new OsmImportError('file', { line: 1, column: 1 }, `not XML: it starts with ${JSON.stringify(text.trim().slice(0, 20))}`);
		});
		p.on('error', (e) => {
			const why = e.message.replace(/^\d+:\d+: /, '');
			if (!this.sawRoot) throw new OsmImportError('file', { line: p.line, column: p.column + 1 }, `not XML: ${why}`);
			throw new OsmImportError('xml', { line: p.line, column: p.column + 1 }, `not well-formed XML: ${why}`);
		});
	}

	private open(t: SaxesTagPlain) {
		this.depth++;
		if (this.depth === 1) {
			this.sawRoot = true;
			if (t.name !== 'osm') throw new OsmImportError(`<${t.name}>`, this.place, `the root element is <${t.name}>, not <osm>: not an OpenStreetMap XML file`);
			return;
		}
		const a = t.attributes;
		if (this.depth === 2) {
			// deleted or hidden elements (JOSM files, history extracts) are not part of the map
			const gone = a.action === 'delete' || a.visible === 'false';
			if (t.name === 'node') this.startNode(a, gone);
			else if (t.name === 'way') {
				const id = String(idOf(a.id, 'way', this.place));
				this.cur = { kind: 'way', id, place: this.place, tags: {}, refs: [], lat: 0, lon: 0, skip: gone };
			} else if (t.name === 'relation') this.data.counts.relations++;
			return;
		}
		const cur = this.cur;
		if (this.depth !== 3 || !cur) return;
		const what = `${cur.kind} ${cur.id}`;
		if (t.name === 'tag') {
			if (a.k === undefined || a.v === undefined) throw new OsmImportError(what, this.place, '<tag> needs "k" and "v"');
			cur.tags[a.k] = a.v;
		} else if (t.name === 'nd' && cur.kind === 'way') cur.refs.push(idOf(a.ref, what, this.place, 'ref'));
	}

	private startNode(a: Record<string, string>, gone: boolean) {
		const id = idOf(a.id, 'node', this.place);
		const what = `node ${id}`;
		// a deleted node (history extracts) has no position
		const lat = gone ? 0 : coordinate(a.lat, 'lat', what, this.place);
		const lon = gone ? 0 : coordinate(a.lon, 'lon', what, this.place);
		this.cur = { kind: 'node', id: String(id), place: this.place, tags: {}, refs: [], lat, lon, skip: gone };
	}

	private close(t: SaxesTagPlain) {
		this.depth--;
		if (this.depth !== 1 || !this.cur || (t.name !== 'node' && t.name !== 'way')) return;
		const c = this.cur;
		this.cur = null;
		if (c.kind === 'node') {
			this.data.counts.nodes++;
			if (c.skip) return;
			const d = this.data;
			const id = Number(c.id);
			d.nodeIndex.set(id, d.lat.length);
			d.ids.push(id);
			d.lat.push(c.lat);
			d.lon.push(c.lon);
			if (c.tags.highway === 'traffic_signals') d.signals.push({ id, lat: c.lat, lon: c.lon });
			return;
		}
		this.data.counts.ways++;
		if (!c.skip && isRoad(c.tags))
			this.data.ways.push({ id: c.id, refs: c.refs, tags: c.tags, place: c.place });
	}

	/** Ends the document: it must have had an <osm> root. */
	finish() {
		this.parser.close();
		if (!this.sawRoot) throw new OsmImportError('file', null, 'empty: no XML element at all');
	}
}

function tooBig(size: number): never {
	const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
	throw new OsmImportError('file', null, `is ${mib(size)} MiB; the limit is ${mib(MAX_INPUT_BYTES)} MiB: export a smaller area`);
}

/** Feeds UTF-8 bytes to the reader a slice at a time; bad UTF-8 (e.g. an .osm.pbf) is refused. */
function feedBytes(r: Reader, bytes: Uint8Array) {
	const dec = new TextDecoder('utf-8', { fatal: true });
	if (bytes.length >= 8 && new TextDecoder('latin1').decode(bytes.subarray(0, 32)).includes('OSMHeader'))
		throw new OsmImportError('file', null, 'is an .osm.pbf (binary) file, not OSM XML: convert it with "osmium cat FILE.osm.pbf -o FILE.osm"');
	for (let at = 0; at < bytes.length; at += CHUNK) {
		let text: string;
		try {
			text = dec.decode(bytes.subarray(at, at + CHUNK), { stream: true });
		} catch {
			throw new OsmImportError('file', { line: r.parser.line, column: r.parser.column + 1 }, `not UTF-8 text (in bytes ${at}..${Math.min(bytes.length, at + CHUNK) - 1})`);
		}
		r.parser.write(text);
	}
	try {
		r.parser.write(dec.decode());
	} catch {
		throw new OsmImportError('file', null, 'not UTF-8 text: it ends inside a character');
	}
}

/**
 * Reads OSM XML (a string, or UTF-8 bytes) into OsmData. Throws OsmImportError: too big (over
 * MAX_INPUT_BYTES), not UTF-8, not well-formed XML (line and column), not an <osm> document, a
 * node without a valid id, lat or lon (range -90..90, -180..180), a way or nd without a valid id.
 */
export function parseOsm(input: string | Uint8Array): OsmData {
	if (input.length > MAX_INPUT_BYTES) tooBig(input.length);
	if (input.length === 0) throw new OsmImportError('file', null, 'is empty');
	const r = new Reader();
	if (typeof input === 'string') for (let at = 0; at < input.length; at += CHUNK) r.parser.write(input.slice(at, at + CHUNK));
	else feedBytes(r, input);
	r.finish();
	return r.data;
}
