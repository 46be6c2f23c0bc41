// Signal heads: a dot on each approach road just before a signalised node, in the colour its
// light shows (from the frame's SPAT-like signal states).
import type { CityView } from '../../worker/protocol';
import type { FrameMessage } from '../frame';
import type { DrawView } from '../projection';

/** Where one approach's signal head is drawn (WGS-84 degrees). */
export interface SignalHead {
	node: number;
	linkId: number;
	lat: number;
	lon: number;
}

const LIGHT_COLORS: Record<string, string> = { green: '#2f9e44', yellow: '#f59f00', red: '#e03131' };
/** metres before the stop line: far enough to tell the approaches of one node apart */
const HEAD_SETBACK_M = 22;
const M_PER_DEG_LAT = 111320;
const SAME_POINT_DEG = 1e-9;

/** One head per (signalised node, road ending or starting at it), 22 m up the road. */
export function signalHeads(city: CityView): SignalHead[] {
	const heads: SignalHead[] = [];
	for (const n of city.nodes) {
		if (!n.signal) continue;
		const at = (p: [number, number]) => Math.abs(p[0] - n.lat) < SAME_POINT_DEG && Math.abs(p[1] - n.lon) < SAME_POINT_DEG;
		for (const r of city.roads) {
			const pts = r.points;
			const atEnd = at(pts[pts.length - 1]);
			if (!atEnd && !at(pts[0])) continue;
			const other = atEnd ? pts[pts.length - 2] : pts[1];
			const dy = (other[0] - n.lat) * M_PER_DEG_LAT;
			const dx = (other[1] - n.lon) * M_PER_DEG_LAT * Math.cos((n.lat * Math.PI) / 180);
			const len = Math.hypot(dx, dy) || 1;
			const k = Math.min(HEAD_SETBACK_M, len / 2) / len;
			heads.push({ node: n.id, linkId: r.linkId, lat: n.lat + (other[0] - n.lat) * k, lon: n.lon + (other[1] - n.lon) * k });
		}
	}
	return heads;
}

/** Draws every head whose approach has a light in this frame's signal states. */
export function drawSignalHeads(v: DrawView, heads: SignalHead[], signals: FrameMessage['signals']): void {
	const lights = new Map<string, string>();
	for (const s of signals) for (const a of s.approaches) lights.set(`${s.node}:${a.linkId}`, a.light);
	const { ctx } = v;
	const radius = Math.max(3, 4 / v.metersPerPx);
	ctx.lineWidth = 1;
	ctx.strokeStyle = '#1b1b1b';
	for (const h of heads) {
		const light = lights.get(`${h.node}:${h.linkId}`);
		if (!light) continue;
		const [x, y] = v.project(h.lat, h.lon);
		ctx.beginPath();
		ctx.arc(x + v.ox, y + v.oy, radius, 0, Math.PI * 2);
		ctx.fillStyle = LIGHT_COLORS[light];
		ctx.fill();
		ctx.stroke();
	}
}
