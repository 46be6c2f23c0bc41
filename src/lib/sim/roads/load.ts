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

/** Validates parsed JSON as a CityFile; throws RoadDataError naming the first problem. */
export function checkCityFile(file: string, data: unknown): CityFile {
	const fail = (feature: string, detail: string): never => {
		throw new RoadDataError(file, feature, detail);
	};
	const num = (feature: string, o: Obj, key: string, lo: number, hi: number): number => {
		const v = o[key];
		if (typeof v !== 'number' || !Number.isFinite(v)) fail(feature, `"${key}" must be a number`);
		if ((v as number) < lo || (v as number) > hi) fail(feature, `"${key}" = ${v} is outside ${lo}..${hi}`);
		return v as number;
	};
	const str = (feature: string, o: Obj, key: string): string => {
		const v = o[key];
		if (typeof v !== 'string' || !v.trim()) fail(feature, `"${key}" must be a non-empty string`);
		return v as string;
	};
	const bilingual = (feature: string, o: Obj, key: string) => {
		const v = o[key];
		if (!isObj(v)) fail(feature, `"${key}" must be { en, zh }`);
		str(`${feature} ${key}`, v as Obj, 'en');
		str(`${feature} ${key}`, v as Obj, 'zh');
	};
	const latlon = (feature: string, lat: unknown, lon: unknown) => {
		if (typeof lat !== 'number' || lat < -90 || lat > 90) fail(feature, `latitude ${lat} is not -90..90`);
		if (typeof lon !== 'number' || lon < -180 || lon > 180) fail(feature, `longitude ${lon} is not -180..180`);
	};

	if (!isObj(data)) fail('file', 'must hold a JSON object');
	const d = data as Obj;
	const id = str('file', d, 'id');
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail('file', `id "${id}" must be lower-case words joined by dashes`);
	bilingual('file', d, 'city');
	bilingual('file', d, 'zone');
	str('file', d, 'source');
	if (typeof d.approximate !== 'boolean') fail('file', '"approximate" must be true or false');
	if (!Array.isArray(d.center) || d.center.length !== 2) fail('file', '"center" must be [lat, lon]');
	latlon('center', (d.center as unknown[])[0], (d.center as unknown[])[1]);
	for (const k of ['nodes', 'links', 'rsus']) if (!Array.isArray(d[k])) fail('file', `"${k}" must be a list`);

	const nodes = new Map<number, NodeDef>();
	(d.nodes as unknown[]).forEach((n, i) => {
		if (!isObj(n)) fail(`nodes[${i}]`, 'must be an object');
		const o = n as Obj;
		const nid = num(`nodes[${i}]`, o, 'id', 1, 65535);
		const feat = `node ${nid}`;
		if (nodes.has(nid)) fail(feat, 'duplicate node id');
		latlon(feat, o.lat, o.lon);
		if (o.name !== undefined) bilingual(feat, o, 'name');
		if (o.crossing !== undefined && typeof o.crossing !== 'boolean') fail(feat, '"crossing" must be true or false');
		if (o.signal !== undefined) {
			if (!isObj(o.signal)) fail(feat, '"signal" must be an object');
			const s = o.signal as Obj;
			num(`${feat} signal`, s, 'offsetS', 0, 3600);
			if (!Array.isArray(s.phases) || s.phases.length < 2) fail(`${feat} signal`, 'needs at least 2 phases');
			const ids = new Set<number>();
			(s.phases as unknown[]).forEach((p, k) => {
				if (!isObj(p)) fail(`${feat} phase ${k}`, 'must be an object');
				const po = p as Obj;
				const pid = num(`${feat} phases[${k}]`, po, 'id', 1, 255);
				const pf = `${feat} phase ${pid}`;
				if (ids.has(pid)) fail(pf, 'duplicate phase id');
				ids.add(pid);
				str(pf, po, 'name');
				num(pf, po, 'greenS', 3, 180);
				num(pf, po, 'yellowS', 0, 10);
				num(pf, po, 'allRedS', 0, 10);
				if (!Array.isArray(po.approaches) || !po.approaches.every((a) => Number.isInteger(a)))
					fail(pf, '"approaches" must be a list of link ids');
			});
		}
		nodes.set(nid, o as unknown as NodeDef);
	});
	if (nodes.size < 2) fail('file', 'needs at least 2 nodes');

	const links = new Map<number, LinkDef>();
	(d.links as unknown[]).forEach((l, i) => {
		if (!isObj(l)) fail(`links[${i}]`, 'must be an object');
		const o = l as Obj;
		const lid = num(`links[${i}]`, o, 'id', 1, 1e9);
		const feat = `link ${lid}`;
		if (links.has(lid)) fail(feat, 'duplicate link id');
		bilingual(feat, o, 'name');
		for (const end of ['from', 'to']) {
			const nid = o[end];
			if (!nodes.has(nid as number)) fail(feat, `"${end}" names node ${nid}, which does not exist`);
		}
		if (o.from === o.to) fail(feat, '"from" and "to" are the same node');
		if (!Array.isArray(o.points)) fail(feat, '"points" must be a list of [lat, lon]');
		(o.points as unknown[]).forEach((p, k) => {
			if (!Array.isArray(p) || p.length !== 2) fail(`${feat} points[${k}]`, 'must be [lat, lon]');
			latlon(`${feat} points[${k}]`, (p as number[])[0], (p as number[])[1]);
		});
		num(feat, o, 'lanes', 1, 6);
		num(feat, o, 'laneWidthM', 2.5, 4.5);
		num(feat, o, 'speedLimitKmh', 10, 120);
		if (o.oneWay !== undefined && typeof o.oneWay !== 'boolean') fail(feat, '"oneWay" must be true or false');
		const a = nodes.get(o.from as number)!;
		const b = nodes.get(o.to as number)!;
		if (haversine(a.lat, a.lon, b.lat, b.lon) < 5) fail(feat, 'its nodes are less than 5 m apart');
		links.set(lid, o as unknown as LinkDef);
	});

	// signal approaches: links that really enter the node, each in exactly one phase
	for (const n of nodes.values()) {
		if (!n.signal) continue;
		const entering = [...links.values()].filter((l) => l.to === n.id || (l.from === n.id && !l.oneWay)).map((l) => l.id);
		const seen = new Map<number, number>();
		for (const p of n.signal.phases)
			for (const a of p.approaches) {
				if (!entering.includes(a)) fail(`node ${n.id} phase ${p.id}`, `approach link ${a} does not enter node ${n.id}`);
				if (seen.has(a)) fail(`node ${n.id} phase ${p.id}`, `approach link ${a} is already in phase ${seen.get(a)}`);
				seen.set(a, p.id);
			}
		for (const e of entering) if (!seen.has(e)) fail(`node ${n.id}`, `incoming link ${e} is in no phase`);
	}

	const rsuIds = new Set<string>();
	(d.rsus as unknown[]).forEach((r, i) => {
		if (!isObj(r)) fail(`rsus[${i}]`, 'must be an object');
		const o = r as Obj;
		const rid = str(`rsus[${i}]`, o, 'id');
		const feat = `rsu ${rid}`;
		if (rsuIds.has(rid)) fail(feat, 'duplicate rsu id');
		rsuIds.add(rid);
		latlon(feat, o.lat, o.lon);
		if (!Array.isArray(o.nodes) || o.nodes.length === 0) fail(feat, '"nodes" must list the nodes it serves');
		for (const nid of o.nodes as unknown[]) if (!nodes.has(nid as number)) fail(feat, `serves node ${nid}, which does not exist`);
		if (o.rangeM !== undefined) num(feat, o, 'rangeM', 10, 2000);
	});
	return d as unknown as CityFile;
}
