// Road events in force (RSI: accident, road works, congestion): the area the RSI's eventRadius
// covers, the closed lane where the simulation closes one, and a warning sign on a pin at the
// position.
import type { RoadEventDrawing } from '../../sim/snapshot';
import type { FrameMessage } from '../frame';
import type { DrawView } from '../projection';

/** An event of a frame; what the map draws of it (RoadEventDrawing) is there when the source sends it. */
export type FrameRoadEvent = FrameMessage['events'][number] & Partial<RoadEventDrawing>;

/** An event as drawn this frame, container pixels (tests). */
export interface DrawnRoadEvent {
	id: number;
	kind: string;
	x: number;
	y: number;
	radiusPx: number;
	closedLanePx: number;
}

const COLORS: Record<string, string> = { accident: '#e03131', roadworks: '#f76707', congestion: '#ae3ec9' };
const SIGN_PX = 13;
/** The sign stands on a pin this far above the position (px), so the closed lane under it shows. */
export const SIGN_LIFT_PX = 26;

/** Draws every event whose area reaches the screen; returns what was drawn. */
export function drawRoadEvents(v: DrawView, events: FrameRoadEvent[]): DrawnRoadEvent[] {
	const drawn: DrawnRoadEvent[] = [];
	const { ctx } = v;
	for (const ev of events) {
		const [ax, ay] = v.project(ev.pos.lat, ev.pos.lon);
		const x = ax + v.ox;
		const y = ay + v.oy;
		const r = ev.radiusM / v.metersPerPx;
		if (x + r < 0 || y + r < 0 || x - r > v.width || y - r > v.height) continue;
		const color = COLORS[ev.kind] ?? COLORS.accident;
		ctx.beginPath();
		ctx.arc(x, y, Math.max(SIGN_PX, r), 0, Math.PI * 2);
		ctx.globalAlpha = 0.12;
		ctx.fillStyle = color;
		ctx.fill();
		ctx.globalAlpha = 0.8;
		ctx.setLineDash([6, 4]);
		ctx.lineWidth = 1.5;
		ctx.strokeStyle = color;
		ctx.stroke();
		ctx.setLineDash([]);
		ctx.globalAlpha = 1;
		const lanePx = ev.closedPath && ev.laneWidthM ? drawClosedLane(v, ev.closedPath, ev.laneWidthM, color) : 0;
		ctx.beginPath();
		ctx.moveTo(x, y);
		ctx.lineTo(x, y - SIGN_LIFT_PX + SIGN_PX * 0.75);
		ctx.lineWidth = 2;
		ctx.strokeStyle = '#212529';
		ctx.stroke();
		ctx.beginPath();
		ctx.arc(x, y, 2.5, 0, Math.PI * 2);
		ctx.fillStyle = '#212529';
		ctx.fill();
		drawSign(ctx, x, y - SIGN_LIFT_PX, color);
		drawn.push({ id: ev.id, kind: ev.kind, x, y, radiusPx: r, closedLanePx: lanePx });
	}
	return drawn;
}

/** The closed lane as a striped band of its width; returns the band's width, px. */
function drawClosedLane(v: DrawView, path: { lat: number; lon: number }[], laneWidthM: number, color: string): number {
	const { ctx } = v;
	const w = Math.max(3, laneWidthM / v.metersPerPx);
	ctx.beginPath();
	path.forEach((p, i) => {
		const [x, y] = v.project(p.lat, p.lon);
		if (i) ctx.lineTo(x + v.ox, y + v.oy);
		else ctx.moveTo(x + v.ox, y + v.oy);
	});
	ctx.lineCap = 'butt';
	ctx.lineWidth = w;
	ctx.strokeStyle = color;
	ctx.globalAlpha = 0.45;
	ctx.stroke();
	// white stripes across it, as barriers are painted
	ctx.globalAlpha = 0.9;
	ctx.strokeStyle = '#fff';
	ctx.setLineDash([Math.max(2, w / 3), Math.max(2, w / 3)]);
	ctx.lineWidth = Math.max(1, w / 3);
	ctx.stroke();
	ctx.setLineDash([]);
	ctx.globalAlpha = 1;
	ctx.lineCap = 'round';
	return w;
}

/** A warning sign: a triangle with "!", white-filled with a border in the event's colour. */
function drawSign(ctx: CanvasRenderingContext2D, x: number, y: number, color: string) {
	ctx.beginPath();
	ctx.moveTo(x, y - SIGN_PX);
	ctx.lineTo(x + SIGN_PX, y + SIGN_PX * 0.75);
	ctx.lineTo(x - SIGN_PX, y + SIGN_PX * 0.75);
	ctx.closePath();
	ctx.fillStyle = '#fff';
	ctx.fill();
	ctx.lineWidth = 3;
	ctx.strokeStyle = color;
	ctx.stroke();
	ctx.fillStyle = '#212529';
	ctx.font = 'bold 14px system-ui, sans-serif';
	ctx.textAlign = 'center';
	ctx.fillText('!', x, y + SIGN_PX * 0.55);
	ctx.textAlign = 'start';
}
