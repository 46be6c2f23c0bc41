// The canvas layer over the Leaflet map: vehicles by kind and heading, pedestrians and
// cyclists, signal heads, and every transmission as it happens (a ring for a PC5 broadcast, a
// line to the cloud badge for Uu), colour-coded by type. One canvas, redrawn each animation
// frame from the latest two snapshots (interpolated), so thousands of vehicles stay smooth.
import type { Map as LeafletMap } from 'leaflet';
import type { FrameMessage } from '../state/playground.svelte';
import type { CityView, TxRow } from '../worker/protocol';
import { colorOf, KIND_COLORS } from './colors';
import { toDisplay, type Datum } from './gcj02';

interface Projected {
	ids: Int32Array;
	kind: Uint8Array;
	x: Float64Array;
	y: Float64Array;
	heading: Float32Array;
	flags: Uint8Array;
	/** index of the same vehicle in the previous snapshot, or -1 */
	prev: Int32Array;
	zoom: number;
}

interface Pulse {
	x: number;
	y: number;
	tx?: number;
	ty?: number;
	toCloud: boolean;
	fromCloud: boolean;
	color: string;
	born: number;
	rangeM: number;
	lat: number;
	strong: boolean;
}

const PULSE_MS = 900;
const MAX_PULSES = 400;
/** 10 Hz broadcasts get a short ping; the others (and the selected node's) show the full range. */
const HIGH_RATE = new Set(['bsm', 'psm', 'spat', 'rsm']);
const LIGHT_COLORS = { green: '#2f9e44', yellow: '#f59f00', red: '#e03131' };

/** Web Mercator pixel coordinates at zoom 0 (Leaflet's EPSG:3857 with 256 px tiles). */
function mercX(lon: number) {
	return (lon / 360 + 0.5) * 256;
}
function mercY(lat: number) {
	const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
	return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
}

export interface OverlayOptions {
	datum: () => Datum;
	visible: (type: string) => boolean;
	selected: () => number | null;
}

export class SimOverlay {
	readonly canvas: HTMLCanvasElement;
	private ctx: CanvasRenderingContext2D;
	private cur: Projected | null = null;
	private prev: Projected | null = null;
	private curAt = 0;
	private gap = 100;
	private frame: FrameMessage | null = null;
	private pulses: Pulse[] = [];
	private raf = 0;
	private hidden = false;
	private city: CityView | null = null;
	private heads: { node: number; linkId: number; x: number; y: number }[] = [];
	private vrus: { x: number; y: number; kind: string; id: number }[] = [];
	/** Warnings shown over the warned vehicle for a few seconds. */
	private alerts: { id: number; level: string; born: number; app: string }[] = [];
	/** Draw durations of recent frames, ms (for the frame-time measurement). */
	readonly drawTimes: number[] = [];
	/** Screen positions drawn last frame, for hit tests. */
	private screen: { id: number; x: number; y: number }[] = [];

	constructor(
		private map: LeafletMap,
		private opts: OverlayOptions
	) {
		this.canvas = document.createElement('canvas');
		this.canvas.className = 'sim-overlay';
		Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none', zIndex: '450' });
		map.getContainer().appendChild(this.canvas);
		this.ctx = this.canvas.getContext('2d')!;
		map.on('zoomstart', () => (this.hidden = true));
		map.on('zoomend', () => {
			this.hidden = false;
			this.reproject();
		});
		const loop = () => {
			this.draw();
			this.raf = requestAnimationFrame(loop);
		};
		this.raf = requestAnimationFrame(loop);
	}

	destroy() {
		cancelAnimationFrame(this.raf);
		this.canvas.remove();
	}

	setCity(city: CityView) {
		this.city = city;
		this.pulses = [];
		this.computeHeads();
		this.reproject();
	}

	/** Signal heads: a dot 22 m before the node on each approach road. */
	private computeHeads() {
		this.heads = [];
		const c = this.city;
		if (!c) return;
		for (const n of c.nodes) {
			if (!n.signal) continue;
			for (const r of c.roads) {
				const pts = r.points;
				const atEnd = Math.abs(pts[pts.length - 1][0] - n.lat) < 1e-9 && Math.abs(pts[pts.length - 1][1] - n.lon) < 1e-9;
				const atStart = Math.abs(pts[0][0] - n.lat) < 1e-9 && Math.abs(pts[0][1] - n.lon) < 1e-9;
				if (!atEnd && !atStart) continue;
				const other = atEnd ? pts[pts.length - 2] : pts[1];
				const dy = (other[0] - n.lat) * 111320;
				const dx = (other[1] - n.lon) * 111320 * Math.cos((n.lat * Math.PI) / 180);
				const len = Math.hypot(dx, dy) || 1;
				const k = Math.min(22, len / 2) / len;
				this.heads.push({ node: n.id, linkId: r.linkId, x: n.lon + (other[1] - n.lon) * k, y: n.lat + (other[0] - n.lat) * k });
			}
		}
	}

	private project(lat: number, lon: number, scale: number): [number, number] {
		const [dlat, dlon] = toDisplay(this.opts.datum(), lat, lon);
		return [mercX(dlon) * scale, mercY(dlat) * scale];
	}

	/** A new snapshot from the worker. */
	push(f: FrameMessage) {
		this.frame = f;
		const now = performance.now();
		if (this.cur) this.gap = Math.min(250, Math.max(16, now - this.curAt));
		this.prev = this.cur;
		this.cur = this.projectFrame(f);
		this.curAt = now;
		for (const r of f.rows) if (!r.alert) this.addPulse(r, now);
		for (const a of f.alerts) this.alerts.push({ id: a.node, level: a.level, born: now, app: a.app });
	}

	reproject() {
		if (this.frame) {
			const f = this.frame;
			this.prev = null;
			this.cur = this.projectFrame(f);
		}
	}

	private projectFrame(f: FrameMessage): Projected {
		const zoom = this.map.getZoom();
		const scale = 2 ** zoom;
		const v = f.vehicles;
		const n = v.id.length;
		const p: Projected = {
			ids: v.id, kind: v.kind, x: new Float64Array(n), y: new Float64Array(n), heading: v.heading, flags: v.flags,
			prev: new Int32Array(n).fill(-1), zoom
		};
		const prevIndex = new Map<number, number>();
		if (this.cur && this.cur.zoom === zoom) for (let i = 0; i < this.cur.ids.length; i++) prevIndex.set(this.cur.ids[i], i);
		for (let i = 0; i < n; i++) {
			const [x, y] = this.project(v.lat[i], v.lon[i], scale);
			p.x[i] = x;
			p.y[i] = y;
			p.prev[i] = prevIndex.get(v.id[i]) ?? -1;
		}
		this.vrus = f.vrus.map((u) => {
			const [x, y] = this.project(u.lat, u.lon, scale);
			return { x, y, kind: u.kind, id: u.id };
		});
		return p;
	}

	private addPulse(r: TxRow, now: number) {
		if (!this.opts.visible(r.type) || r.lat === undefined) return;
		if (this.pulses.length >= MAX_PULSES) this.pulses.shift();
		const strong = !HIGH_RATE.has(r.type) || r.sender === this.opts.selected();
		this.pulses.push({
			x: r.lon!, y: r.lat!, tx: r.toLon, ty: r.toLat, toCloud: r.channel === 'uu' && r.toLat === undefined,
			fromCloud: false, color: colorOf(r.type), born: now, rangeM: r.channel === 'pc5' ? (strong ? 300 : 45) : 0, lat: r.lat!, strong
		});
		if (r.channel === 'uu' && r.sender === 0 && r.toLat !== undefined) {
			const p = this.pulses[this.pulses.length - 1];
			p.fromCloud = true;
			p.x = r.toLon!;
			p.y = r.toLat!;
		}
	}

	/** Where the cloud badge sits, in container pixels (top right of the map). */
	cloudPoint(): [number, number] {
		const size = this.map.getSize();
		return [size.x - 60, 52];
	}

	private draw() {
		const t0 = performance.now();
		const map = this.map;
		const size = map.getSize();
		const dpr = window.devicePixelRatio || 1;
		if (this.canvas.width !== Math.round(size.x * dpr) || this.canvas.height !== Math.round(size.y * dpr)) {
			this.canvas.width = Math.round(size.x * dpr);
			this.canvas.height = Math.round(size.y * dpr);
			this.canvas.style.width = `${size.x}px`;
			this.canvas.style.height = `${size.y}px`;
		}
		const ctx = this.ctx;
		ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
		ctx.clearRect(0, 0, size.x, size.y);
		if (this.hidden || !this.cur) return;
		const zoom = map.getZoom();
		if (zoom !== this.cur.zoom) this.reproject();
		const cur = this.cur!;
		const scale = 2 ** zoom;
		// container point = absolute pixel - pixel origin + map pane offset
		const origin = map.getPixelOrigin();
		const pane = map.layerPointToContainerPoint([0, 0]);
		const ox = pane.x - origin.x;
		const oy = pane.y - origin.y;
		const metersPerPx = (40075016.686 * Math.cos(((this.city?.center[0] ?? 0) * Math.PI) / 180)) / (256 * scale);
		const now = performance.now();

		// signal heads
		const lights = new Map<string, string>();
		for (const s of this.frame?.signals ?? []) for (const a of s.approaches) lights.set(`${s.node}:${a.linkId}`, a.light);
		for (const h of this.heads) {
			const light = lights.get(`${h.node}:${h.linkId}`);
			if (!light) continue;
			const [x, y] = this.project(h.y, h.x, scale);
			ctx.beginPath();
			ctx.arc(x + ox, y + oy, Math.max(3, 4 / metersPerPx), 0, Math.PI * 2);
			ctx.fillStyle = LIGHT_COLORS[light as keyof typeof LIGHT_COLORS];
			ctx.fill();
			ctx.lineWidth = 1;
			ctx.strokeStyle = '#1b1b1b';
			ctx.stroke();
		}

		// vehicles, interpolated between the last two snapshots; one path per kind, so the
		// canvas fills four shapes a frame however many vehicles there are
		const a = Math.min(1, (now - this.curAt) / this.gap);
		const prev = this.prev;
		const len = Math.max(11, 4.7 / metersPerPx);
		const wid = Math.max(7, 2 / metersPerPx);
		const selected = this.opts.selected();
		this.screen.length = 0;
		const paths = KIND_COLORS.map(() => new Path2D());
		const brakes = new Path2D();
		let sel: { x: number; y: number; l: number } | null = null;
		for (let i = 0; i < cur.ids.length; i++) {
			let x = cur.x[i];
			let y = cur.y[i];
			const j = cur.prev[i];
			if (prev && j >= 0 && prev.zoom === cur.zoom) {
				x = prev.x[j] + (x - prev.x[j]) * a;
				y = prev.y[j] + (y - prev.y[j]) * a;
			}
			x += ox;
			y += oy;
			if (x < -20 || y < -20 || x > size.x + 20 || y > size.y + 20) continue;
			this.screen.push({ id: cur.ids[i], x, y });
			const k = cur.kind[i];
			const l = (k === 1 || k === 2 ? len * 2.3 : len) / 2;
			const w = wid / 2;
			const h = (cur.heading[i] * Math.PI) / 180;
			// heading is clockwise from north; screen y grows downward
			const fx = Math.sin(h);
			const fy = -Math.cos(h);
			const path = paths[k] ?? paths[0];
			path.moveTo(x + fx * l, y + fy * l);
			path.lineTo(x - fx * l - fy * w, y - fy * l + fx * w);
			path.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
			path.closePath();
			if (cur.flags[i] & 1) {
				brakes.moveTo(x - fx * l - fy * w, y - fy * l + fx * w);
				brakes.lineTo(x - fx * l + fy * w, y - fy * l - fx * w);
			}
			if (cur.ids[i] === selected) sel = { x, y, l };
		}
		ctx.lineWidth = 1;
		ctx.strokeStyle = '#fff';
		paths.forEach((p, k) => {
			ctx.fillStyle = KIND_COLORS[k];
			ctx.fill(p);
			ctx.stroke(p);
		});
		ctx.strokeStyle = '#ff2d2d';
		ctx.lineWidth = 2;
		ctx.stroke(brakes);
		if (sel) {
			ctx.beginPath();
			ctx.arc(sel.x, sel.y, Math.max(10, sel.l * 2), 0, Math.PI * 2);
			ctx.strokeStyle = '#fab005';
			ctx.lineWidth = 2.5;
			ctx.stroke();
		}

		// pedestrians and cyclists
		for (const u of this.vrus) {
			const x = u.x + ox;
			const y = u.y + oy;
			ctx.beginPath();
			ctx.arc(x, y, u.kind === 'cyclist' ? 4.5 : 3.8, 0, Math.PI * 2);
			ctx.fillStyle = u.kind === 'cyclist' ? '#0c8599' : '#862e9c';
			ctx.fill();
			ctx.lineWidth = 1;
			ctx.strokeStyle = '#fff';
			ctx.stroke();
			if (u.id === selected) {
				ctx.beginPath();
				ctx.arc(x, y, 9, 0, Math.PI * 2);
				ctx.strokeStyle = '#fab005';
				ctx.lineWidth = 2;
				ctx.stroke();
			}
			this.screen.push({ id: u.id, x, y });
		}

		// transmissions
		const [cx, cy] = this.cloudPoint();
		this.pulses = this.pulses.filter((p) => now - p.born < PULSE_MS);
		for (const p of this.pulses) {
			const age = (now - p.born) / PULSE_MS;
			const [px, py] = this.project(p.y, p.x, scale);
			const x = px + ox;
			const y = py + oy;
			ctx.globalAlpha = Math.max(0, 1 - age) * (p.strong ? 0.9 : 0.55);
			ctx.strokeStyle = p.color;
			if (p.rangeM > 0) {
				ctx.lineWidth = p.strong ? 2 : 1.2;
				ctx.beginPath();
				ctx.arc(x, y, Math.max(2, (age * p.rangeM) / metersPerPx), 0, Math.PI * 2);
				ctx.stroke();
			} else {
				// Uu: a line between the node and the cloud badge, with a dot travelling along it
				const [fx, fy, tx, ty] = p.fromCloud ? [cx, cy, x, y] : [x, y, cx, cy];
				ctx.globalAlpha *= p.fromCloud ? 0.8 : 0.22;
				ctx.lineWidth = p.fromCloud ? 1.6 : 1;
				ctx.setLineDash([4, 4]);
				ctx.beginPath();
				ctx.moveTo(fx, fy);
				ctx.lineTo(tx, ty);
				ctx.stroke();
				ctx.setLineDash([]);
				ctx.fillStyle = p.color;
				ctx.beginPath();
				ctx.arc(fx + (tx - fx) * age, fy + (ty - fy) * age, 3.5, 0, Math.PI * 2);
				ctx.fill();
			}
		}
		ctx.globalAlpha = 1;

		// warnings: a badge over the warned vehicle, for 4 s
		this.alerts = this.alerts.filter((a) => now - a.born < 4000);
		for (const a of this.alerts) {
			const s = this.screen.find((p) => p.id === a.id);
			if (!s) continue;
			const x = s.x;
			const y = s.y - 22;
			ctx.fillStyle = a.level === 'info' ? '#099268' : a.level === 'warning' ? '#f08c00' : '#e03131';
			ctx.beginPath();
			ctx.moveTo(x, y - 11);
			ctx.lineTo(x + 11, y + 8);
			ctx.lineTo(x - 11, y + 8);
			ctx.closePath();
			ctx.fill();
			ctx.fillStyle = '#fff';
			ctx.font = 'bold 12px system-ui, sans-serif';
			ctx.textAlign = 'center';
			ctx.fillText(a.level === 'info' ? 'i' : '!', x, y + 6);
			ctx.font = 'bold 11px system-ui, sans-serif';
			ctx.fillStyle = '#212529';
			ctx.fillText(a.app.toUpperCase(), x, y - 14);
		}
		ctx.textAlign = 'start';
		const dt = performance.now() - t0;
		this.drawTimes.push(dt);
		if (this.drawTimes.length > 600) this.drawTimes.shift();
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

	/** Screen position of a node drawn last frame (tests and the inspector's "locate"). */
	screenOf(id: number): { x: number; y: number } | null {
		return this.screen.find((s) => s.id === id) ?? null;
	}
}
