// The static picture of a source's city for the map: roads as polylines, junctions, RSUs.
import type { Engine } from '../sim';
import type { CityView } from './protocol';

/** What the map draws under the traffic of `engine`. */
export function cityView(engine: Pick<Engine, 'city' | 'rsus'>): CityView {
	const c = engine.city;
	const nodes = new Map(c.nodes.map((n) => [n.id, n]));
	const at = (id: number): [number, number] => [nodes.get(id)!.lat, nodes.get(id)!.lon];
	return {
		id: c.id,
		name: c.city,
		zone: c.zone,
		center: c.center,
		approximate: c.approximate,
		source: c.source,
		roads: c.links.map((l) => ({ linkId: l.id, name: l.name, lanes: l.lanes, laneWidthM: l.laneWidthM, oneWay: l.oneWay === true, points: [at(l.from), ...l.points, at(l.to)] })),
		nodes: c.nodes.map((n) => ({ id: n.id, lat: n.lat, lon: n.lon, signal: !!n.signal, name: n.name })),
		rsus: engine.rsus.map((r) => ({ id: r.id, name: r.name, lat: r.lat, lon: r.lon, rangeM: r.rangeM }))
	};
}
