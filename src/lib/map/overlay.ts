// The simulation layer over the Leaflet map: road markings at high zoom, road events, vehicles
// by kind and heading (to scale when zoomed in), pedestrians and cyclists, signal heads, every
// transmission as it happens, warnings, a scenario's actors and the selection; a hover label and
// a pointer cursor over what a click opens. Four canvases (draw/canvas-layer.ts): the markings,
// redrawn when the view changes; the traffic, from the latest two snapshots (interpolated),
// redrawn when something on it moves by half a pixel (draw/motion.ts), so thousands of vehicles
// zoomed out cost a few drawings a second, not sixty; the transmissions, which animate every
// frame and are drawn by a worker on an OffscreenCanvas (draw/air-layer.ts: rasterising them
// was half the main thread's time at 2,000 vehicles); warnings, every frame while any shows.
// Each kind of thing has its own draw module (./draw).
//
// Leaflet touches `window` when imported: import this module only in the browser (dynamically).
import { Layer, type LeafletEvent, type LeafletMouseEvent, type Map as LeafletMap } from 'leaflet';
import type { CityView } from '../worker/protocol';
import { cityMarkings } from './city-geometry';
import { drawActors } from './draw/actors';
import { AirLayer } from './draw/air-layer';
import { AlertBadges } from './draw/alerts';
import { CanvasLayer } from './draw/canvas-layer';
import { changedAtOnce, typicalStep, RedrawGate } from './draw/motion';
import { Markings } from './draw/markings';
import { Pulses } from './draw/pulses';
import { drawRoadEvents, type DrawnRoadEvent, type FrameRoadEvent } from './draw/road-events';
import { drawSelection } from './draw/selection';
import { drawSignalHeads, signalHeads, type SignalHead } from './draw/signals';
import { drawnToScale, vehicleHalfSize, VehicleLayer } from './draw/vehicles';
import { drawVrus } from './draw/vrus';
import type { FrameMessage } from './frame';
import type { Datum } from './gcj02';
import { HoverLabel, hoverLines } from './hover';
import { projectFrame, projectPoint, type DrawView, type Projected, type ProjectedVru, type ScreenPoint } from './projection';
import { metersPerPixel, TO_SCALE_FROM_ZOOM } from './scale';

/** What the layer asks the page as it draws (read each frame, so they follow the UI). */
export interface OverlayOptions {
	datum: () => Datum;
	visible: (type: string) => boolean;
	selected: () => number | null;
	/** The running scenario's actors (ScenarioInfo.follow), highlighted. */
	actors: () => readonly number[];
	/** A message type's label in the current language (the hover label). */
	label: (type: string) => string;
}

/** A vehicle as drawn last frame: container px, heading (degrees clockwise from north), half sizes px. */
export interface DrawnVehicleBox {
	id: number;
	x: number;
	y: number;
	heading: number;
	halfLength: number;
	halfWidth: number;
	toScale: boolean;
}

/** The class the map's container gets while the pointer is over something a click opens. */
export const POINTER_CLASS = 'cv2x-pointer';

/** Draw durations kept for the frame-time measurement (scripts/measure-ui.mjs). */
const DRAW_TIMES_KEPT = 600;

/** The simulation drawn on a canvas, as a Leaflet layer: `new SimOverlay(opts).addTo(map)`. */
export class SimOverlay extends Layer {
	/** The traffic layer's canvas (class sim-overlay): road events, signals, vehicles, VRUs, selection. */
	readonly canvas: HTMLCanvasElement;
	/** Draw durations of recent frames, ms (for the frame-time measurement). */
	readonly drawTimes: number[] = [];
	/** Frames drawn since the layer was added (end-to-end tests wait on it, never on time). */
	drawCount = 0;
	/** Times the traffic layer was drawn (the measurement: how often the vehicles are drawn). */
	trafficDraws = 0;
	private ground = new CanvasLayer('sim-overlay-ground', 440);
	private traffic = new CanvasLayer('sim-overlay', 450);
	/** transmissions, drawn by a worker where the browser can (draw/air-layer.ts); made in onAdd */
	private air: AirLayer | null = null;
	/** warning badges, over the transmissions */
	private badgeLayer = new CanvasLayer('sim-overlay-badges', 461);
	private gate = new RedrawGate();
	private groundKey = '';
	/** The traffic layer shows the latest snapshot where it ends (interpolation done). */
	private final = false;
	private lmap: LeafletMap | null = null;
	private cur: Projected | null = null;
	private prev: Projected | null = null;
	private vrus: ProjectedVru[] = [];
	private curAt = 0;
	private gap = 100;
	private frame: FrameMessage | null = null;
	private raf = 0;
	private zooming = false;
	private city: CityView | null = null;
	private heads: SignalHead[] = [];
	private pulses = new Pulses();
	private badges = new AlertBadges();
	private markings = new Markings();
	private vehicles = new VehicleLayer();
	/** Road events drawn last frame (tests). */
	drawnEvents: DrawnRoadEvent[] = [];
	/** The last message type seen from each node (the hover label), from the frames' rows. */
	private lastType = new Map<number, string>();
	private hoverLabel: HoverLabel | null = null;
	/** Where the pointer is over the map (container px), or null. */
	private pointer: { x: number; y: number } | null = null;
	/** The node under the pointer last frame. */
	hovered: number | null = null;
	/** Screen positions drawn last frame, for hit tests. */
	private screen: ScreenPoint[] = [];

	constructor(private opts: OverlayOptions) {
		super();
		this.canvas = this.traffic.canvas;
	}

	/** Leaflet calls this from `addTo(map)`. */
	override onAdd(map: LeafletMap): this {
		this.lmap = map;
		this.air = new AirLayer('sim-overlay-air', 460);
		for (const l of [this.ground, this.traffic, this.air, this.badgeLayer]) map.getContainer().appendChild(l.canvas);
		this.hoverLabel = new HoverLabel(map.getContainer());
		const loop = () => {
			this.draw();
			this.raf = requestAnimationFrame(loop);
		};
		this.raf = requestAnimationFrame(loop);
		return this;
	}

	/** Leaflet calls this from `remove()`. */
	override onRemove(): this {
		cancelAnimationFrame(this.raf);
		for (const l of [this.ground, this.traffic, this.badgeLayer]) l.canvas.remove();
		this.air?.canvas.remove();
		this.air?.dispose();
		this.air = null;
		this.hoverLabel?.remove();
		this.lmap?.getContainer().classList.remove(POINTER_CLASS);
		this.lmap = null;
		return this;
	}

	/** Leaflet subscribes these while the layer is on the map: hide while zooming, then reproject. */
	override getEvents() {
		return {
			zoomstart: () => (this.zooming = true),
			zoomend: () => {
				this.zooming = false;
				this.reproject();
			},
			mousemove: (e: LeafletEvent) => {
				const p = (e as LeafletMouseEvent).containerPoint;
				this.pointer = { x: p.x, y: p.y };
			},
			mouseout: () => (this.pointer = null)
		};
	}

	/** A new city: signal heads are placed, old pulses dropped. */
	setCity(city: CityView): void {
		this.city = city;
		this.pulses.clear();
		this.heads = signalHeads(city);
		this.markings = new Markings(cityMarkings(city));
		this.lastType.clear();
		this.reproject();
	}

	/** A new snapshot from the worker: projected now, interpolated towards while drawing. */
	push(f: FrameMessage): void {
		if (!this.lmap) return;
		this.frame = f;
		const now = performance.now();
		if (this.cur) this.gap = Math.min(250, Math.max(16, now - this.curAt));
		this.prev = this.cur;
		this.project(f);
		this.curAt = now;
		const selected = this.opts.selected();
		for (const r of f.rows) {
			if (r.alert) continue;
			this.lastType.set(r.sender, r.type);
			if (this.opts.visible(r.type)) this.pulses.add(r, now, selected);
		}
		this.badges.add(f.alerts, now);
	}

	/** Projects the last snapshot again (zoom or datum changed); no interpolation across it. */
	reproject(): void {
		this.markings.invalidate();
		this.pulses.invalidate();
		this.groundKey = '';
		this.gate.invalidate();
		if (!this.frame || !this.lmap) return;
		this.prev = null;
		this.project(this.frame);
	}

	private project(f: FrameMessage) {
		const zoom = this.lmap!.getZoom();
		const r = projectFrame(f, this.opts.datum(), zoom, this.cur);
		this.cur = r.vehicles;
		this.vrus = r.vrus;
		const prev = this.prev;
		// the nose of the longest shape swings furthest when a vehicle turns
		const reach = vehicleHalfSize(1, metersPerPixel(this.city?.center[0] ?? 0, zoom), zoom >= TO_SCALE_FROM_ZOOM, zoom).l;
		this.gate.snapshot(typicalStep(r.vehicles, prev, reach), changedAtOnce(r.vehicles, prev));
		this.final = false;
	}

	/** Where the cloud badge sits, in container pixels (top right of the map). */
	cloudPoint(): [number, number] {
		const size = this.lmap!.getSize();
		return [size.x - 60, 52];
	}

	/** True once the vehicles are drawn where the last snapshot put them (interpolation done). */
	settled(): boolean {
		return this.cur !== null && this.final;
	}

	private draw() {
		const t0 = performance.now();
		const v = this.view();
		this.drawCount++;
		if (!v) return;
		const dpr = window.devicePixelRatio || 1;
		if (this.zooming || !this.cur) {
			// Leaflet scales the panes while it zooms: nothing is drawn until it lands
			for (const l of [this.ground, this.traffic, this.badgeLayer]) l.blank(v.width, v.height, dpr);
			this.air?.show(v.width, v.height, dpr, null);
			this.groundKey = '';
			this.gate.invalidate();
			return;
		}
		if (this.lmap!.getZoom() !== this.cur.zoom) this.reproject();
		const viewKey = `${v.ox},${v.oy},${v.scale},${v.width},${v.height},${dpr}`;
		const resized = [this.ground, this.traffic, this.badgeLayer].map((l) => l.size(v.width, v.height, dpr)).some(Boolean);
		if (resized) (this.groundKey = ''), this.gate.invalidate();
		if (viewKey !== this.groundKey) {
			this.groundKey = viewKey;
			this.ground.clear(v.width, v.height, dpr);
			this.markings.draw({ ...v, ctx: this.ground.ctx }, this.lmap!.getZoom());
		}
		const a = Math.min(1, (v.now - this.curAt) / this.gap);
		const selected = this.opts.selected();
		if (this.gate.due(a, `${viewKey}|${selected}|${this.opts.actors().join()}`)) this.drawTraffic({ ...v, ctx: this.traffic.ctx }, a, selected, dpr);
		this.air!.show(v.width, v.height, dpr, this.pulses.size ? this.pulses.plan(v, this.cloudPoint()) : null);
		if (this.badges.size) {
			this.badgeLayer.clear(v.width, v.height, dpr);
			this.badges.draw({ ...v, ctx: this.badgeLayer.ctx }, this.screen);
		} else this.badgeLayer.blank(v.width, v.height, dpr);
		this.hover();
		this.drawTimes.push(performance.now() - t0);
		if (this.drawTimes.length > DRAW_TIMES_KEPT) this.drawTimes.shift();
	}

	/** Draws the traffic layer: road events, signal heads, vehicles at `a` of the way, VRUs, the selection, actors. */
	private drawTraffic(v: DrawView, a: number, selected: number | null, dpr: number) {
		this.trafficDraws++;
		this.traffic.clear(v.width, v.height, dpr);
		this.screen.length = 0;
		this.drawnEvents = drawRoadEvents(v, (this.frame?.events ?? []) as FrameRoadEvent[]);
		drawSignalHeads(v, this.heads, this.frame?.signals ?? []);
		const car = this.vehicles.draw(v, this.cur!, this.prev, a, selected, this.screen);
		if (car) drawSelection(v, car.x, car.y, Math.max(10, car.halfLength + 4), 2.5);
		const vru = drawVrus(v, this.vrus, selected, this.screen);
		if (vru) drawSelection(v, vru.x, vru.y, 9, 2);
		drawActors(v, this.opts.actors(), this.screen);
		this.final = a >= 1;
	}

	/** Describes this frame's view (the layers' context is the traffic layer's until a layer sets its own). */
	private view(): DrawView | null {
		const map = this.lmap;
		if (!map) return null;
		const size = map.getSize();
		const scale = 2 ** map.getZoom();
		// container point = absolute pixel - pixel origin + map pane offset
		const origin = map.getPixelOrigin();
		const pane = map.layerPointToContainerPoint([0, 0]);
		const datum = this.opts.datum();
		return {
			ctx: this.traffic.ctx, width: size.x, height: size.y, scale, ox: pane.x - origin.x, oy: pane.y - origin.y, now: performance.now(),
			metersPerPx: metersPerPixel(this.city?.center[0] ?? 0, map.getZoom()),
			project: (lat, lon) => projectPoint(datum, lat, lon, scale)
		};
	}

	/** The vehicle or VRU drawn nearest to a container point, within `radius` px. */
	hit(x: number, y: number, radius = 12): number | null {
		let best: number | null = null;
		let bestD = radius;
		for (const s of this.screen) {
			const d = Math.hypot(s.x - x, s.y - y);
			if (d < bestD) {
				bestD = d;
				best = s.id;
			}
		}
		return best;
	}

	/** The pointer cursor and the hover label for what is under the pointer now (it may drive away). */
	private hover() {
		const id = this.pointer ? this.hit(this.pointer.x, this.pointer.y) : null;
		if (id !== this.hovered) this.lmap!.getContainer().classList.toggle(POINTER_CLASS, id !== null);
		this.hovered = id;
		const s = id === null ? null : this.screenOf(id);
		if (!s) return this.hoverLabel?.hide();
		this.hoverLabel?.show(s.x, s.y, hoverLines(id!, this.frame, this.lastType.get(id!), this.opts.label));
	}

	/** Every vehicle drawn last frame with its heading and size on screen (tests: checked against the roads). */
	drawnVehicles(): DrawnVehicleBox[] {
		const v = this.view();
		const cur = this.cur;
		if (!v || !cur) return [];
		const toScale = drawnToScale(v);
		const index = new Map<number, number>();
		cur.ids.forEach((id, i) => index.set(id, i));
		return this.screen.flatMap((s) => {
			const i = index.get(s.id);
			if (i === undefined) return [];
			const { l, w } = vehicleHalfSize(cur.kind[i], v.metersPerPx, toScale, Math.log2(v.scale));
			return [{ id: s.id, x: s.x, y: s.y, heading: cur.heading[i], halfLength: l, halfWidth: w, toScale }];
		});
	}

	/** Screen position of a node drawn last frame (tests and the inspector's "locate"). */
	screenOf(id: number): { x: number; y: number } | null {
		return this.screen.find((s) => s.id === id) ?? null;
	}
}
