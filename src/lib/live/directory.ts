// Numeric node ids for what arrives from a broker, where senders are only names (an RSU id, a
// topic's node, a BSM's temporary id). Ids stay in the simulation's ranges (sim/nodes.ts: cloud
// 0, RSUs 1.., pedestrians and cyclists from 1000, vehicles from 10000) so the map and the
// inspector treat them by kind, and are never given twice (the worker's ledger remembers the
// first name it saw for an id): a used-up range overflows into the vehicles' 2^31.
import { CLOUD_ID, CLOUD_NAME, VEHICLE_FIRST_ID, VRU_FIRST_ID, type NodeKind } from '../sim';

/** Highest id given (Int32Array holds the snapshot's ids). */
const LAST_ID = 0x7fffffff;
/** Longest name or key kept, characters: an MQTT topic may be 65,535 octets, a node name need not. */
export const MAX_NAME = 120;

/** `s` cut to MAX_NAME characters, marked with an ellipsis. */
function cut(s: string): string {
	return s.length <= MAX_NAME ? s : `${s.slice(0, MAX_NAME - 1)}…`;
}

interface Entry {
	key: string;
	name: string;
	kind: NodeKind;
	/** Source time it was last heard of, ms. */
	seenAt: number;
	/** Never forgotten (RSUs, the cloud, the base city's RSUs). */
	kept: boolean;
}

/** Id ranges by kind: [first, last]. */
const RANGES: Record<Exclude<NodeKind, 'cloud'>, [number, number]> = {
	rsu: [1, VRU_FIRST_ID - 1],
	vru: [VRU_FIRST_ID, VEHICLE_FIRST_ID - 1],
	vehicle: [VEHICLE_FIRST_ID, LAST_ID]
};

export class NodeDirectory {
	private byKey = new Map<string, number>();
	private byId = new Map<number, Entry>();
	private cursor: Record<Exclude<NodeKind, 'cloud'>, number> = { rsu: 1, vru: VRU_FIRST_ID, vehicle: VEHICLE_FIRST_ID };

	constructor() {
		this.byKey.set(CLOUD_NAME, CLOUD_ID);
		this.byId.set(CLOUD_ID, { key: CLOUD_NAME, name: CLOUD_NAME, kind: 'cloud', seenAt: 0, kept: true });
	}

	/** Ids in use. */
	get size(): number {
		return this.byId.size;
	}

	/**
	 * The id of the node known by `key` (a unique text: "rsu:<name>", "bsm:<hex id>", …), given
	 * one of `kind`'s range and the display `name` the first time; marks it heard of at `nowMs`.
	 * `kept` nodes are never forgotten. Keys and names are cut to MAX_NAME characters.
	 */
	idOf(longKey: string, kind: NodeKind, name: string, nowMs: number, kept = false): number {
		const key = cut(longKey);
		const known = this.byKey.get(key);
		const entry = known === undefined ? undefined : this.byId.get(known);
		if (entry) {
			entry.seenAt = nowMs;
			return known!;
		}
		this.byKey.delete(key); // an alias of a forgotten node
		if (kind === 'cloud') return CLOUD_ID;
		// past 999 RSUs or 9,000 pedestrians and cyclists, ids come from the vehicles' range
		const id = this.freeId(kind) ?? this.freeId('vehicle')!;
		this.byKey.set(key, id);
		this.byId.set(id, { key, name: cut(name), kind, seenAt: nowMs, kept });
		return id;
	}

	/** Makes `id` never forgotten (an RSU once it is drawn). */
	keep(id: number): void {
		const e = this.byId.get(id);
		if (e) e.kept = true;
	}

	/** Another key for a known id (an RSU's wire id beside its name); false when `key` is taken or `id` unknown. */
	alias(longKey: string, id: number): boolean {
		const key = cut(longKey);
		if (this.byKey.has(key) || !this.byId.has(id)) return false;
		this.byKey.set(key, id);
		return true;
	}

	/** The id `key` has, without giving one. */
	find(key: string): number | undefined {
		return this.byKey.get(cut(key));
	}

	/** The display name of `id`, or `node-<id>`. */
	nameOf(id: number): string {
		return this.byId.get(id)?.name ?? `node-${id}`;
	}

	/**
	 * Forgets nodes not heard of since `beforeMs` (not the kept ones): their names go, their ids
	 * are not given again. Returns how many went.
	 */
	forget(beforeMs: number): number {
		let n = 0;
		for (const [id, e] of this.byId) {
			if (e.kept || e.seenAt >= beforeMs) continue;
			this.byId.delete(id);
			this.byKey.delete(e.key);
			n++;
		}
		return n;
	}

	/** The next id of `kind`'s range never given, or null when the range is used up. */
	private freeId(kind: Exclude<NodeKind, 'cloud'>): number | null {
		const id = this.cursor[kind];
		if (id > RANGES[kind][1]) return null;
		this.cursor[kind] = id + 1;
		return id;
	}
}
