// The city drawn under live traffic: a bundled base city plus the intersections MAP messages
// describe, and the signal lights SPAT messages give them. A MAP node with a base node's id at
// that node's place is that node; any other is added under an id of its own (from
// LEARNED_FIRST_ID, so it never collides with the base city's 1..65535), with its incoming links
// (lanes, shape, the phases they run on, so SPAT lights show on them). `version` goes up each time
// the drawn city changes.
import type { PbObject } from '../codec';
import { signalLights, type PhaseLights } from '../replay/lights';
import { haversine, type CityFile, type LinkDef, type NodeDef, type Snapshot } from '../sim';
import { mapNodes, nodeKey, type MapLink, type MapNode } from './map-reading';

/** First id of a node or link learned from MAP (base cities use 1..65535). */
export const LEARNED_FIRST_ID = 1_000_000;
/** A MAP node this close (m) to the base node of its id is that node. */
const SAME_NODE_M = 50;
/** An upstream node id means the base node of that id only when that node is this close (m). */
const NEAR_BASE_M = 5000;
/** Most intersections learned (further ones are ignored: a bound on what a broker can make us keep). */
export const MAX_LEARNED_NODES = 5000;
/** Lights not refreshed by SPAT for this long (ms) are no longer shown. */
export const LIGHTS_STALE_MS = 5000;

export class Intersections {
	/** Goes up by one each time `city` changes. */
	version = 0;
	private learned = new Map<string, { node: MapNode; text: string }>();
	/** "region:id" → city node id, as last built. */
	private resolved = new Map<string, number>();
	private ids = new Map<string, number>();
	private built: CityFile;
	private dirty = false;
	/** What the learned part of the city drew, as text (to tell a change). */
	private drawn = '[[],[]]';
	/** The built city's nodes by id. */
	private cityNodes = new Map<number, NodeDef>();
	private lights = new Map<string, { lights: PhaseLights; at: number }>();
	private baseById: Map<number, NodeDef>;

	constructor(readonly base: CityFile) {
		this.baseById = new Map(base.nodes.map((n) => [n.id, n]));
		this.built = this.build();
	}

	/** Intersections learned from MAP so far. */
	get learnedCount(): number {
		return this.learned.size;
	}

	/**
	 * Takes in a MAP payload (model object); true when it says something new of an intersection.
	 * The city is rebuilt by `update`, at most once a step however many MAPs arrive.
	 */
	absorbMap(map: PbObject | undefined): boolean {
		let changed = false;
		for (const node of mapNodes(map)) {
			const before = this.learned.get(node.key);
			if (!before && this.learned.size >= MAX_LEARNED_NODES) continue;
			const text = JSON.stringify(node);
			if (before?.text === text) continue;
			this.learned.set(node.key, { node, text });
			changed = true;
		}
		this.dirty ||= changed;
		return changed;
	}

	/** Rebuilds the city after MAPs said something new; true (and `version` up) when what is drawn changed. */
	update(): boolean {
		if (!this.dirty) return false;
		this.dirty = false;
		const city = this.build();
		// a node already in the base city (the simulation's own MAP) draws nothing new
		const drawn = JSON.stringify([city.nodes.slice(this.base.nodes.length), city.links.slice(this.base.links.length)]);
		if (drawn === this.drawn) return false;
		this.built = city;
		this.drawn = drawn;
		this.version++;
		return true;
	}

	/** Takes in a SPAT payload (model object) at source time `nowMs`: each intersection's lights per phase. */
	absorbSpat(spat: PbObject | undefined, nowMs: number): void {
		const list = Array.isArray(spat?.intersections) ? (spat!.intersections as PbObject[]) : [];
		for (const i of list) {
			const k = nodeKey((i as PbObject | null)?.intersectionId);
			if (!k) continue;
			const lights = signalLights({ intersections: [i] }).get(k.id);
			if (lights) this.lights.set(k.key, { lights, at: nowMs });
		}
	}

	/** The base city plus what MAP described as of the last `update` (the same object until it changes). */
	get city(): CityFile {
		return this.built;
	}

	/**
	 * The city node a "region:id" stands for: learned from MAP, else the base node of that id when
	 * the region is the bundled cities' (1, as the simulation sends; 0 when absent).
	 */
	nodeOf(key: string, id: number): number | undefined {
		const learned = this.resolved.get(key);
		if (learned !== undefined) return learned;
		return (key.startsWith('1:') || key.startsWith('0:')) && this.baseById.has(id) ? id : undefined;
	}

	/** Lights on every signalled node SPAT spoke of within LIGHTS_STALE_MS of `nowMs`, per approach link. */
	signals(nowMs: number): Snapshot['signals'] {
		const byId = this.cityNodes;
		const out: Snapshot['signals'] = [];
		for (const [key, l] of this.lights) {
			if (nowMs - l.at > LIGHTS_STALE_MS) {
				this.lights.delete(key);
				continue;
			}
			const id = this.nodeOf(key, Number(key.slice(key.indexOf(':') + 1)));
			const node = id === undefined ? undefined : byId.get(id);
			if (!node?.signal) continue;
			out.push({
				node: node.id,
				approaches: node.signal.phases.flatMap((p) => p.approaches.map((linkId) => ({ linkId, light: l.lights.get(p.id) ?? 'red', remaining: 0 })))
			});
		}
		return out;
	}

	private build(): CityFile {
		this.resolved.clear();
		const nodes: NodeDef[] = [...this.base.nodes];
		const added = new Map<string, NodeDef>();
		for (const [key, { node }] of this.learned) {
			const b = this.baseById.get(node.id);
			if (b && haversine(b.lat, b.lon, node.lat, node.lon) <= SAME_NODE_M) {
				this.resolved.set(key, b.id);
				continue;
			}
			const def: NodeDef = { id: this.stableId(`node ${key}`), lat: node.lat, lon: node.lon };
			if (node.name) def.name = { en: node.name, zh: node.name };
			this.resolved.set(key, def.id);
			added.set(key, def);
			nodes.push(def);
		}
		const links: LinkDef[] = [...this.base.links];
		for (const [key, def] of added) {
			const phases = new Map<number, number[]>();
			for (const l of this.learned.get(key)!.node.links) {
				const link = this.linkInto(l, key, def, nodes);
				if (!link) continue;
				links.push(link);
				for (const p of l.phases) phases.set(p, [...(phases.get(p) ?? []), link.id]);
			}
			if (phases.size)
				def.signal = { offsetS: 0, phases: [...phases].map(([id, approaches]) => ({ id, name: `phase ${id}`, greenS: 0, yellowS: 0, allRedS: 0, approaches })) };
		}
		this.cityNodes = new Map(nodes.map((n) => [n.id, n]));
		return { ...this.base, nodes, links };
	}

	/**
	 * A learned link into `to`: from its upstream node when that is known (learned, or a base node
	 * nearby), else from a node made at its first shape point; null with neither.
	 */
	private linkInto(l: MapLink, toKey: string, to: NodeDef, nodes: NodeDef[]): LinkDef | null {
		let from = this.resolved.get(l.up);
		const b = this.baseById.get(l.upId);
		if (from === undefined && b && haversine(b.lat, b.lon, to.lat, to.lon) <= NEAR_BASE_M) from = b.id;
		if (from === undefined && l.points.length) {
			from = this.stableId(`end ${l.up}`);
			if (!nodes.some((n) => n.id === from)) nodes.push({ id: from, lat: l.points[0][0], lon: l.points[0][1] });
		}
		if (from === undefined || from === to.id) return null;
		const name = l.name ?? '';
		return {
			id: this.stableId(`link ${l.up} ${toKey}`), name: { en: name, zh: name }, from, to: to.id, points: l.points,
			lanes: l.lanes, laneWidthM: l.laneWidthM, speedLimitKmh: l.speedLimitKmh, oneWay: true
		};
	}

	/** The same id for the same thing across rebuilds. */
	private stableId(what: string): number {
		let id = this.ids.get(what);
		if (id === undefined) this.ids.set(what, (id = LEARNED_FIRST_ID + this.ids.size));
		return id;
	}
}
