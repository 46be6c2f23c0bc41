// The static city as Leaflet vector layers: roads (casing and surface, to scale, named on hover),
// signalised intersections, and roadside units with their coverage. From our own data, so the
// map works with no network. Leaflet touches `window` when imported: browser only (dynamic).
import { circle, circleMarker, DomEvent, layerGroup, polyline, type LayerGroup, type Polyline } from 'leaflet';
import type { CityView } from '../worker/protocol';
import { cityRoads, type RoadGeometry } from './city-geometry';
import { toDisplay, type Datum } from './gcj02';
import { metersPerPixel, roadWidthPx } from './scale';

const ROAD_CASING = '#6c757d';
const ROAD_SURFACE = '#d5d9de';
const RSU_COLOR = '#7048e8';
/** The casing shows this many px on each side of the surface. */
const CASING_PX = 1;

/** The city's layers and its roads as drawn (for rescaling on zoom, and tests). */
export interface CityLayer {
	group: LayerGroup;
	roads: DrawnRoad[];
	/** Sets every road's width for `zoom` (to scale, with a minimum when zoomed out). */
	rescale(zoom: number): void;
}

/** One road on the map: its geometry, and its surface polyline (whose weight is its width in px). */
export interface DrawnRoad {
	geometry: RoadGeometry;
	surface: Polyline;
	casing: Polyline;
}

/**
 * A tooltip's content as text: Leaflet puts a string in as HTML, and in Live mode names come
 * from a broker (MAP intersection names, RSU ids), so they go in as a text node.
 */
function textTip(text: string): HTMLElement {
	const el = document.createElement('span');
	el.textContent = text;
	return el;
}

/**
 * One layer group with every road, signalised node and RSU of `city`, placed in `datum`.
 * `onRsu` is called when an RSU marker is clicked (the map's own click does not see it).
 */
export function cityLayer(city: CityView, datum: Datum, onRsu: (rsu: CityView['rsus'][number]) => void): CityLayer {
	const group = layerGroup();
	const at = (lat: number, lon: number) => toDisplay(datum, lat, lon);
	const roads: DrawnRoad[] = cityRoads(city).map((geometry) => {
		const latlngs = geometry.line.map(([lat, lon]) => at(lat, lon));
		// round caps fill junctions; the casing goes under every surface (added first)
		const casing = polyline(latlngs, { color: ROAD_CASING, opacity: 0.9, lineCap: 'round', lineJoin: 'round', className: 'road-casing', interactive: false });
		const surface = polyline(latlngs, { color: ROAD_SURFACE, opacity: 1, lineCap: 'round', lineJoin: 'round', className: 'road' });
		surface.bindTooltip(textTip(`${geometry.name.en} · ${geometry.name.zh}`), { sticky: true, className: 'road-tip' });
		return { geometry, surface, casing };
	});
	for (const r of roads) r.casing.addTo(group);
	for (const r of roads) r.surface.addTo(group);
	for (const n of city.nodes)
		if (n.signal)
			circleMarker(at(n.lat, n.lon), { radius: 3, color: '#212529', weight: 1, fillColor: '#fff', fillOpacity: 1 })
				.bindTooltip(textTip(n.name ? `${n.name.en} · ${n.name.zh}` : `Intersection ${n.id}`))
				.addTo(group);
	for (const r of city.rsus) {
		const p = at(r.lat, r.lon);
		circle(p, { radius: r.rangeM, color: RSU_COLOR, weight: 1, dashArray: '4 6', fillOpacity: 0.03, interactive: false }).addTo(group);
		circleMarker(p, { radius: 7, color: '#fff', weight: 2, fillColor: RSU_COLOR, fillOpacity: 1, className: 'rsu-marker' })
			.bindTooltip(textTip(`${r.name} (RSU)`))
			.on('click', (e) => {
				DomEvent.stopPropagation(e); // the map's own click would pick a vehicle under it
				onRsu(r);
			})
			.addTo(group);
	}
	const rescale = (zoom: number) => {
		for (const r of roads) {
			const w = roadWidthPx(r.geometry.shape, metersPerPixel(r.geometry.line[0][0], zoom));
			r.surface.setStyle({ weight: w });
			r.casing.setStyle({ weight: w + 2 * CASING_PX });
		}
	};
	return { group, roads, rescale };
}
