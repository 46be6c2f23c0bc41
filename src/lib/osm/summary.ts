// What a city holds, for `cv2x city import` and `cv2x city check`.
import { haversine } from '../sim/geo';
import type { CityFile } from '../sim/roads/types';
import type { CitySummary } from './types';

/** Junctions (nodes), links, km of road (each link's polyline once), signalised junctions and RSUs of a city. */
export function citySummary(city: CityFile): CitySummary {
	const at = new Map(city.nodes.map((n) => [n.id, n]));
	let m = 0;
	for (const l of city.links) {
		const a = at.get(l.from);
		const b = at.get(l.to);
		if (!a || !b) continue;
		const pts: [number, number][] = [[a.lat, a.lon], ...l.points, [b.lat, b.lon]];
		for (let i = 1; i < pts.length; i++) m += haversine(pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1]);
	}
	return {
		junctions: city.nodes.length,
		links: city.links.length,
		roadKm: Math.round(m) / 1000,
		signals: city.nodes.filter((n) => n.signal).length,
		rsus: city.rsus.length
	};
}

/** One line: `beijing-x: 42 junctions, 57 links, 12.3 km of road, 6 signals, 4 RSUs` (+ dropped fragments when given). */
export function formatSummary(city: CityFile, droppedFragments?: number): string {
	const s = citySummary(city);
	const parts = [
		`${s.junctions} junctions`, `${s.links} links`, `${s.roadKm.toFixed(1)} km of road`, `${s.signals} signals`, `${s.rsus} RSUs`
	];
	if (droppedFragments !== undefined) parts.push(`${droppedFragments} unconnected fragment${droppedFragments === 1 ? '' : 's'} dropped`);
	return `${city.id}: ${parts.join(', ')}`;
}
