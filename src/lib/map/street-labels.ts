// Street names on the map, as a Leaflet layer of its own: from zoom 15, each street's name in the
// language shown, along its road (rotated, upright), decluttered by label-placement.ts. The
// labels are DOM text in a pane under the simulation's canvas, so vehicles are drawn over them
// and the pointer goes through to the map; tests read them in the DOM (`.street-label`).
//
// Leaflet touches `window` when imported: import this module only in the browser (dynamically).
import { DomUtil, Layer, type Map as LeafletMap } from 'leaflet';
import type { CityView } from '../worker/protocol';
import { cityRoads, type RoadGeometry } from './city-geometry';
import { toDisplay, type Datum } from './gcj02';
import { placeLabels, type PlacedLabel, type StreetLine } from './label-placement';

/** Street names show from this zoom (below it the network is too small for them to be read). */
export const STREET_LABELS_FROM_ZOOM = 15;
/** The labels' font; measured with the same string. */
const FONT = '600 11.5px system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const LABEL_HEIGHT_PX = 15;
/** Margin kept from the map's edges, px. */
const EDGE_PX = 4;
const PANE = 'streetLabels';

/** What the layer asks the page (read at each redraw). */
export interface StreetLabelOptions {
	datum: () => Datum;
	/** The language shown. */
	locale: () => 'en' | 'zh';
	/** Panels floating over the map, in the map container's px: no label goes under them. */
	covered?: () => { left: number; top: number; right: number; bottom: number }[];
}

/** A label as placed: its text and centre in container px, angle in degrees (tests). */
export interface ShownStreetLabel {
	text: string;
	x: number;
	y: number;
	angle: number;
}

/** The city's street names along their roads: `new StreetLabels(opts).addTo(map)`, then `setCity`. */
export class StreetLabels extends Layer {
	private lmap: LeafletMap | null = null;
	private pane: HTMLElement | null = null;
	private city: CityView | null = null;
	/** The city's roads as drawn, worked out once per city. */
	private geometry: RoadGeometry[] = [];
	private placed: PlacedLabel[] = [];
	private ctx: CanvasRenderingContext2D | null = null;

	constructor(private readonly opts: StreetLabelOptions) {
		super();
	}

	onAdd(map: LeafletMap): this {
		this.lmap = map;
		// under the simulation's canvas (on the container, z 450), above the roads (overlay pane, 400)
		this.pane = map.getPane(PANE) ?? map.createPane(PANE);
		Object.assign(this.pane.style, { zIndex: '410', pointerEvents: 'none' });
		this.pane.classList.add('street-labels');
		map.on('zoomstart', this.hide, this);
		map.on('moveend zoomend viewreset resize', this.redraw, this);
		this.redraw();
		return this;
	}

	onRemove(map: LeafletMap): this {
		map.off('zoomstart', this.hide, this);
		map.off('moveend zoomend viewreset resize', this.redraw, this);
		this.pane?.replaceChildren();
		this.lmap = null;
		return this;
	}

	/** The city whose streets are named (null: none). */
	setCity(city: CityView | null): void {
		this.city = city;
		this.geometry = city ? cityRoads(city) : [];
		this.redraw();
	}

	/** The labels shown now, in container px (empty when zoomed out). */
	shown(): ShownStreetLabel[] {
		const map = this.lmap;
		if (!map) return [];
		return this.placed.map((l) => {
			const c = map.layerPointToContainerPoint([l.x, l.y]);
			return { text: l.text, x: c.x, y: c.y, angle: l.angle };
		});
	}

	private hide(): void {
		if (this.pane) this.pane.style.visibility = 'hidden';
	}

	private measure = (text: string): number => {
		this.ctx ??= document.createElement('canvas').getContext('2d');
		if (!this.ctx) return text.length * 7;
		this.ctx.font = FONT;
		return Math.ceil(this.ctx.measureText(text).width) + 4;
	};

	/** The streets in layer px, each link on its own (links of one street share its name). */
	private streets(map: LeafletMap): StreetLine[] {
		const datum = this.opts.datum();
		const zh = this.opts.locale() === 'zh';
		return this.geometry.map((g) => ({
			text: (zh ? g.name.zh : g.name.en).trim(),
			rank: g.shape.lanes * (g.shape.oneWay ? 1 : 2),
			points: g.line.map(([lat, lon]) => map.latLngToLayerPoint(toDisplay(datum, lat, lon)))
		}));
	}

	/** Places and draws the labels for the view now (none below STREET_LABELS_FROM_ZOOM). */
	redraw(): void {
		const map = this.lmap;
		const pane = this.pane;
		if (!map || !pane) return;
		this.placed = [];
		if (this.city && map.getZoom() >= STREET_LABELS_FROM_ZOOM) {
			const size = map.getSize();
			const tl = map.containerPointToLayerPoint([EDGE_PX, EDGE_PX]);
			const br = map.containerPointToLayerPoint([size.x - EDGE_PX, size.y - EDGE_PX]);
			const view = { left: tl.x, top: tl.y, right: br.x, bottom: br.y };
			// container px to layer px: one offset for the whole view
			const [dx, dy] = [tl.x - EDGE_PX, tl.y - EDGE_PX];
			const avoid = (this.opts.covered?.() ?? []).map((r) => ({ left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy }));
			this.placed = placeLabels(this.streets(map), { view, measure: this.measure, height: LABEL_HEIGHT_PX, avoid });
		}
		pane.replaceChildren(...this.placed.map((l) => labelElement(l)));
		pane.style.visibility = '';
	}
}

/** One label's element: its text as a text node (names may come from a broker or a file). */
function labelElement(l: PlacedLabel): HTMLElement {
	const el = DomUtil.create('div', 'street-label');
	el.textContent = l.text;
	el.dataset.name = l.text;
	Object.assign(el.style, {
		position: 'absolute',
		left: `${l.x}px`,
		top: `${l.y}px`,
		font: FONT,
		lineHeight: `${LABEL_HEIGHT_PX}px`,
		whiteSpace: 'nowrap',
		color: '#343a40',
		// a white halo keeps the name readable over the road's casing and the RSUs' circles
		textShadow: '0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff',
		transform: `translate(-50%, -50%) rotate(${l.angle.toFixed(2)}deg)`
	});
	return el;
}
