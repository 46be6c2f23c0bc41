// Checks a city road file. Every problem is reported with the file and the feature it is in,
// e.g. `beijing-yizhuang.json: link 7: "to" names node 1099, which does not exist`.
import { haversine } from '../geo';
import type { CityFile, LinkDef, NodeDef } from './types';

export class RoadDataError extends Error {
	constructor(
		readonly file: string,
		readonly feature: string,
		detail: string
	) {
		super(`${file}: ${feature}: ${detail}`);
		this.name = 'RoadDataError';
	}
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field checks that throw a RoadDataError naming the file and the feature. */
class Checker {
	constructor(readonly file: string) {}

	fail(feature: string, detail: string): never {
		throw new RoadDataError(this.file, feature, detail);
	}

	num(feature: string, o: Obj, key: string, lo: number, hi: number): number {
		const v = o[key];
		if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(feature, `"${key}" must be a number`);
		if (v < lo || v > hi) this.fail(feature, `"${key}" = ${v} is outside ${lo}..${hi}`);
		return v;
	}

	str(feature: string, o: Obj, key: string): string {
		const v = o[key];
		if (typeof v !== 'string' || !v.trim()) this.fail(feature, `"${key}" must be a non-empty string`);
		return v;
	}

	bilingual(feature: string, o: Obj, key: string): void {
		const v = o[key];
		if (!isObj(v)) this.fail(feature, `"${key}" must be { en, zh }`);
		this.str(`${feature} ${key}`, v, 'en');
		this.str(`${feature} ${key}`, v, 'zh');
	}

	latlon(feature: string, lat: unknown, lon: unknown): void {
		if (typeof lat !== 'number' || lat < -90 || lat > 90) this.fail(feature, `latitude ${lat} is not -90..90`);
		if (typeof lon !== 'number' || lon < -180 || lon > 180) this.fail(feature, `longitude ${lon} is not -180..180`);
	}

	object(feature: string, v: unknown, what = 'must be an object'): Obj {
		if (!isObj(v)) this.fail(feature, what);
		return v;
	}
}

function checkHeader(c: Checker, d: Obj): void {
	const id = c.str('file', d, 'id');
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) c.fail('file', `id "${id}" must be lower-case words joined by dashes`);
	c.bilingual('file', d, 'city');
	c.bilingual('file', d, 'zone');
	c.str('file', d, 'source');
	if (typeof d.approximate !== 'boolean') c.fail('file', '"approximate" must be true or false');
	if (!Array.isArray(d.center) || d.center.length !== 2) c.fail('file', '"center" must be [lat, lon]');
	c.latlon('center', (d.center as unknown[])[0], (d.center as unknown[])[1]);
	for (const k of ['nodes', 'links', 'rsus']) if (!Array.isArray(d[k])) c.fail('file', `"${k}" must be a list`);
}

function checkSignal(c: Checker, feat: string, signal: unknown): void {
	const s = c.object(feat, signal, '"signal" must be an object');
	c.num(`${feat} signal`, s, 'offsetS', 0, 3600);
	if (!Array.isArray(s.phases) || s.phases.length < 2) c.fail(`${feat} signal`, 'needs at least 2 phases');
	const ids = new Set<number>();
	(s.phases as unknown[]).forEach((p, k) => {
		const po = c.object(`${feat} phase ${k}`, p);
		const pid = c.num(`${feat} phases[${k}]`, po, 'id', 1, 255);
		const pf = `${feat} phase ${pid}`;
		if (ids.has(pid)) c.fail(pf, 'duplicate phase id');
		ids.add(pid);
		c.str(pf, po, 'name');
		c.num(pf, po, 'greenS', 3, 180);
		c.num(pf, po, 'yellowS', 0, 10);
		c.num(pf, po, 'allRedS', 0, 10);
		if (!Array.isArray(po.approaches) || !po.approaches.every((a) => Number.isInteger(a)))
			c.fail(pf, '"approaches" must be a list of link ids');
	});
}

function checkNodes(c: Checker, list: unknown[]): Map<number, NodeDef> {
	const nodes = new Map<number, NodeDef>();
	list.forEach((n, i) => {
		const o = c.object(`nodes[${i}]`, n);
		const nid = c.num(`nodes[${i}]`, o, 'id', 1, 65535);
		const feat = `node ${nid}`;
		if (nodes.has(nid)) c.fail(feat, 'duplicate node id');
		c.latlon(feat, o.lat, o.lon);
		if (o.name !== undefined) c.bilingual(feat, o, 'name');
		if (o.crossing !== undefined && typeof o.crossing !== 'boolean') c.fail(feat, '"crossing" must be true or false');
		if (o.signal !== undefined) checkSignal(c, feat, o.signal);
		nodes.set(nid, o as unknown as NodeDef);
	});
	if (nodes.size < 2) c.fail('file', 'needs at least 2 nodes');
	return nodes;
}

function checkLinks(c: Checker, list: unknown[], nodes: Map<number, NodeDef>): Map<number, LinkDef> {
	const links = new Map<number, LinkDef>();
	list.forEach((l, i) => {
		const o = c.object(`links[${i}]`, l);
		const lid = c.num(`links[${i}]`, o, 'id', 1, 1e9);
		const feat = `link ${lid}`;
		if (links.has(lid)) c.fail(feat, 'duplicate link id');
		c.bilingual(feat, o, 'name');
		for (const end of ['from', 'to']) {
			const nid = o[end];
			if (!nodes.has(nid as number)) c.fail(feat, `"${end}" names node ${nid}, which does not exist`);
		}
		if (o.from === o.to) c.fail(feat, '"from" and "to" are the same node');
		if (!Array.isArray(o.points)) c.fail(feat, '"points" must be a list of [lat, lon]');
		(o.points as unknown[]).forEach((p, k) => {
			if (!Array.isArray(p) || p.length !== 2) c.fail(`${feat} points[${k}]`, 'must be [lat, lon]');
			c.latlon(`${feat} points[${k}]`, (p as number[])[0], (p as number[])[1]);
		});
		c.num(feat, o, 'lanes', 1, 6);
		c.num(feat, o, 'laneWidthM', 2.5, 4.5);
		c.num(feat, o, 'speedLimitKmh', 10, 120);
		if (o.oneWay !== undefined && typeof o.oneWay !== 'boolean') c.fail(feat, '"oneWay" must be true or false');
		const a = nodes.get(o.from as number)!;
		const b = nodes.get(o.to as number)!;
		if (haversine(a.lat, a.lon, b.lat, b.lon) < 5) c.fail(feat, 'its nodes are less than 5 m apart');
		links.set(lid, o as unknown as LinkDef);
	});
	return links;
}

/** Signal approaches: links that really enter the node, each in exactly one phase. */
function checkApproaches(c: Checker, nodes: Map<number, NodeDef>, links: Map<number, LinkDef>): void {
	for (const n of nodes.values()) {
		if (!n.signal) continue;
		const entering = [...links.values()].filter((l) => l.to === n.id || (l.from === n.id && !l.oneWay)).map((l) => l.id);
		const seen = new Map<number, number>();
		for (const p of n.signal.phases)
			for (const a of p.approaches) {
				if (!entering.includes(a)) c.fail(`node ${n.id} phase ${p.id}`, `approach link ${a} does not enter node ${n.id}`);
				if (seen.has(a)) c.fail(`node ${n.id} phase ${p.id}`, `approach link ${a} is already in phase ${seen.get(a)}`);
				seen.set(a, p.id);
			}
		for (const e of entering) if (!seen.has(e)) c.fail(`node ${n.id}`, `incoming link ${e} is in no phase`);
	}
}

function checkRsus(c: Checker, list: unknown[], nodes: Map<number, NodeDef>): void {
	const rsuIds = new Set<string>();
	list.forEach((r, i) => {
		const o = c.object(`rsus[${i}]`, r);
		const rid = c.str(`rsus[${i}]`, o, 'id');
		const feat = `rsu ${rid}`;
		if (rsuIds.has(rid)) c.fail(feat, 'duplicate rsu id');
		rsuIds.add(rid);
		c.latlon(feat, o.lat, o.lon);
		if (!Array.isArray(o.nodes) || o.nodes.length === 0) c.fail(feat, '"nodes" must list the nodes it serves');
		for (const nid of o.nodes as unknown[]) if (!nodes.has(nid as number)) c.fail(feat, `serves node ${nid}, which does not exist`);
		if (o.rangeM !== undefined) c.num(feat, o, 'rangeM', 10, 2000);
	});
}

/** Validates parsed JSON as a CityFile; throws RoadDataError naming the first problem. */
export function checkCityFile(file: string, data: unknown): CityFile {
	const c = new Checker(file);
	const d = c.object('file', data, 'must hold a JSON object');
	checkHeader(c, d);
	const nodes = checkNodes(c, d.nodes as unknown[]);
	const links = checkLinks(c, d.links as unknown[], nodes);
	checkApproaches(c, nodes, links);
	checkRsus(c, d.rsus as unknown[], nodes);
	return d as unknown as CityFile;
}
