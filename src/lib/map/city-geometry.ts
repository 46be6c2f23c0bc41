// A city view's roads as the map draws them, worked out once per city: each road's shape (lanes,
// lane width, one-way), its carriageway's centre line and its markings (lane and stop lines).
import type { CityView } from '../worker/protocol';
import { carriagewayLine, roadMarkings, type LatLonPair, type Marking, type RoadGeometryInput } from './lanes';
import { DEFAULT_LANE_WIDTH_M, type RoadShape } from './scale';

/** A road of the city view; `laneWidthM` and `oneWay` are read when the worker's view carries them. */
export type CityRoad = CityView['roads'][number] & { laneWidthM?: number; oneWay?: boolean };

/** One road as drawn. */
export interface RoadGeometry {
	linkId: number;
	name: { en: string; zh: string };
	shape: Required<RoadShape>;
	/** The carriageway's centre line, WGS-84 [lat, lon] (the link's line, or right of it if one-way). */
	line: LatLonPair[];
}

/** Same-point tolerance for a road's end at a node, degrees (the view copies node coordinates). */
const SAME_POINT_DEG = 1e-9;
/** The simulation's junction size: its widest road's lanes × lane width + 2.5 m, at least 6 m (network.ts). */
const JUNCTION_MARGIN_M = 2.5;
const JUNCTION_MIN_M = 6;

function shapeOf(r: CityRoad): Required<RoadShape> {
	return { lanes: r.lanes, laneWidthM: r.laneWidthM ?? DEFAULT_LANE_WIDTH_M, oneWay: r.oneWay ?? false };
}

/** Every road's shape and carriageway line. */
export function cityRoads(city: CityView): RoadGeometry[] {
	return (city.roads as CityRoad[]).map((r) => {
		const shape = shapeOf(r);
		return { linkId: r.linkId, name: r.name, shape, line: carriagewayLine({ ...r, ...shape }) };
	});
}

/** The node at a road end, if any. */
function nodeAt(city: CityView, p: LatLonPair) {
	return city.nodes.find((n) => Math.abs(n.lat - p[0]) < SAME_POINT_DEG && Math.abs(n.lon - p[1]) < SAME_POINT_DEG);
}

/**
 * Every road's lane lines and stop lines. Lane lines stop at each junction's edge (the
 * simulation's node radius), where a signalised node gets a stop line across its entering lanes
 * (where the simulation's vehicles stop).
 */
export function cityMarkings(city: CityView): Marking[] {
	const roads = city.roads as CityRoad[];
	const radius = new Map<number, number>();
	const roadEnds = new Map<number, number>();
	const ends = roads.map((r) => [nodeAt(city, r.points[0]), nodeAt(city, r.points[r.points.length - 1])] as const);
	roads.forEach((r, i) => {
		const s = shapeOf(r);
		for (const n of ends[i]) {
			if (!n) continue;
			radius.set(n.id, Math.max(radius.get(n.id) ?? JUNCTION_MIN_M, s.lanes * s.laneWidthM + JUNCTION_MARGIN_M));
			roadEnds.set(n.id, (roadEnds.get(n.id) ?? 0) + 1);
		}
	});
	return roads.flatMap((r, i) => {
		const [from, to] = ends[i];
		const input: RoadGeometryInput = { ...r, ...shapeOf(r) };
		// a network end point (one road) needs no clearance
		const clear = (n: typeof from) => (n && (roadEnds.get(n.id) ?? 0) > 1 ? radius.get(n.id) ?? 0 : 0);
		return roadMarkings(input, { from: clear(from), to: clear(to) }, { from: !!from?.signal, to: !!to?.signal });
	});
}
