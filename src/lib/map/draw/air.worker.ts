// The drawing worker of the transmissions layer: it owns that canvas (transferred with
// transferControlToOffscreen), so its clearing, stroking and the software rasterising that
// follows (about 4 ms a frame at 2,000 vehicles, the main thread's largest cost) run here, and
// the canvas reaches the compositor from this thread.
import { drawAirPlan } from './air-plan';
import type { AirMessage } from './air-layer';

let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
/** the latest frame not drawn yet: a worker behind the page skips to the newest */
let pending: Extract<AirMessage, { kind: 'frame' }> | null = null;

function drawPending() {
	const f = pending;
	pending = null;
	if (!f || !canvas || !ctx) return;
	const w = Math.round(f.width * f.dpr);
	const h = Math.round(f.height * f.dpr);
	if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
	ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
	ctx.clearRect(0, 0, f.width, f.height);
	if (f.plan) drawAirPlan(ctx, f.plan);
}

self.onmessage = (e: MessageEvent<AirMessage>) => {
	const m = e.data;
	if (m.kind === 'canvas') {
		canvas = m.canvas;
		ctx = canvas.getContext('2d');
		return;
	}
	const queued = pending !== null;
	pending = m;
	if (!queued) setTimeout(drawPending, 0);
};
