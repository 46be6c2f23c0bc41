// The transmissions layer (PC5 rings, Uu lines), drawn by a worker on an OffscreenCanvas when
// the browser has both (draw/air.worker.ts): the main thread only plans each frame (Pulses.plan,
// a few hundred numbers) and posts it. Without them it is drawn here, on an ordinary canvas.
import { CanvasLayer } from './canvas-layer';
import { drawAirPlan, type AirPlan } from './air-plan';

/** What the page posts to the drawing worker: the canvas once, then a frame (plan null: blank). */
export type AirMessage =
	| { kind: 'canvas'; canvas: OffscreenCanvas }
	| { kind: 'frame'; width: number; height: number; dpr: number; plan: AirPlan | null };

/** The transmissions canvas over the map's container, drawn off the main thread where possible. */
export class AirLayer {
	readonly canvas: HTMLCanvasElement;
	private worker: Worker | null = null;
	private local: CanvasLayer | null = null;
	/** whether the worker's canvas shows anything (a blank one is not posted again) */
	private inked = true;

	constructor(className: string, zIndex: number) {
		if (typeof OffscreenCanvas === 'undefined' || typeof Worker === 'undefined' || !('transferControlToOffscreen' in HTMLCanvasElement.prototype)) {
			this.local = new CanvasLayer(className, zIndex);
			this.canvas = this.local.canvas;
			return;
		}
		this.canvas = document.createElement('canvas');
		this.canvas.className = className;
		Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none', zIndex: String(zIndex) });
		this.worker = new Worker(new URL('./air.worker.ts', import.meta.url), { type: 'module' });
		const offscreen = this.canvas.transferControlToOffscreen();
		this.worker.postMessage({ kind: 'canvas', canvas: offscreen } satisfies AirMessage, [offscreen]);
	}

	/**
	 * Shows `plan` (container px) on a `width` × `height` CSS px canvas at `dpr`, or nothing when
	 * `plan` is null.
	 */
	show(width: number, height: number, dpr: number, plan: AirPlan | null): void {
		if (this.local) {
			this.local.size(width, height, dpr);
			if (!plan) return this.local.blank(width, height, dpr);
			this.local.clear(width, height, dpr);
			drawAirPlan(this.local.ctx, plan);
			return;
		}
		const [w, h] = [`${width}px`, `${height}px`];
		if (this.canvas.style.width !== w || this.canvas.style.height !== h) Object.assign(this.canvas.style, { width: w, height: h });
		if (!plan && !this.inked) return;
		this.inked = plan !== null;
		this.worker!.postMessage({ kind: 'frame', width, height, dpr, plan } satisfies AirMessage);
	}

	/** Stops the drawing worker (the layer left the map). */
	dispose(): void {
		this.worker?.terminate();
		this.worker = null;
	}
}
