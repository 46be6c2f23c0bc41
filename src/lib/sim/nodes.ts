// Node ids and names, in one place: the cloud is 0, roadside units 1.., pedestrians and cyclists
// from 1000, vehicles from 10000. Names are what captures carry ("car-10012", "RSU-BJ-YZ-01",
// "pedestrian-1003", "cloud"); a capture written elsewhere may use other names.

export const CLOUD_ID = 0;
export const CLOUD_NAME = 'cloud';
export const VRU_FIRST_ID = 1000;
export const VEHICLE_FIRST_ID = 10000;

export type NodeKind = 'cloud' | 'rsu' | 'vru' | 'vehicle';

/** What kind of node an id of this simulation is (see the id ranges above). */
export function nodeKind(id: number): NodeKind {
	if (id === CLOUD_ID) return 'cloud';
	if (id >= VEHICLE_FIRST_ID) return 'vehicle';
	if (id >= VRU_FIRST_ID) return 'vru';
	return 'rsu';
}

/**
 * The name of a node: the cloud, an RSU by its own name, a vehicle or VRU as `<kind>-<id>`
 * ("car-10012", "cyclist-1004"); `node-<id>` when nothing is known of it.
 */
export function nodeName(id: number, known: { rsuName?: string; subKind?: string } = {}): string {
	switch (nodeKind(id)) {
		case 'cloud':
			return CLOUD_NAME;
		case 'rsu':
			return known.rsuName ?? `node-${id}`;
		case 'vehicle':
			return `${known.subKind ?? 'vehicle'}-${id}`;
		case 'vru':
			return known.subKind ? `${known.subKind}-${id}` : `node-${id}`;
	}
}

/** What kind of node a capture's node name names: "cloud", "RSU…", else a road user. */
export function nodeKindOfName(name: string): NodeKind {
	if (name === CLOUD_NAME) return 'cloud';
	if (name.startsWith('RSU')) return 'rsu';
	const id = idInName(name);
	return id !== null && id < VEHICLE_FIRST_ID && id >= VRU_FIRST_ID ? 'vru' : 'vehicle';
}

/** The id a road user's name carries ("car-10012" -> 10012), or null (RSU names carry none). */
export function idInName(name: string): number | null {
	if (name.startsWith('RSU')) return null;
	const m = /-(\d+)$/.exec(name);
	return m ? Number(m[1]) : null;
}

/**
 * A node-name lookup that remembers each name the first time it is asked for, so a node keeps
 * the name it had when it sent (a vehicle that has left is still "car-10012" in an export).
 */
export function rememberingNames(nodeName: (id: number) => string): (id: number) => string {
	const names = new Map<number, string>();
	return (id) => {
		let n = names.get(id);
		if (n === undefined) names.set(id, (n = nodeName(id)));
		return n;
	};
}
