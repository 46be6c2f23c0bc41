// The static city as Leaflet vector layers: roads (casing and surface, named on hover),
// signalised intersections, and roadside units with their coverage. From our own data, so the
// map works with no network. Leaflet touches `window` when imported: browser only (dynamic).
import { circle, circleMarker, DomEvent, layerGroup, polyline, type LayerGroup } from 'leaflet';
import type { CityView } from '../worker/protocol';
import { toDisplay, type Datum } from './gcj02';

const ROAD_CASING = '#495057';
const ROAD_SURFACE = '#dee2e6';
const RSU_COLOR = '#7048e8';
/** road width on screen: a base plus this many px per lane */
const PX_PER_LANE = 3.2;

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
export function cityLayer(city: CityView, datum: Datum, onRsu: (rsu: CityView['rsus'][number]) => void): LayerGroup {
	const group = layerGroup();
	const at = (lat: number, lon: number) => toDisplay(datum, lat, lon);
	for (const r of city.roads) {
		const latlngs = r.points.map(([lat, lon]) => at(lat, lon));
		polyline(latlngs, { color: ROAD_CASING, weight: 4 + r.lanes * PX_PER_LANE, opacity: 0.9, lineCap: 'round', className: 'road-casing' }).addTo(group);
		polyline(latlngs, { color: ROAD_SURFACE, weight: 2 + r.lanes * PX_PER_LANE, opacity: 1, lineCap: 'round', className: 'road' })
			.bindTooltip(textTip(`${r.name.en} · ${r.name.zh}`), { sticky: true, className: 'road-tip' })
			.addTo(group);
	}
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
	return group;
}
