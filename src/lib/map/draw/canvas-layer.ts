// One canvas over the map's container, in container pixels (CSS px, drawn at the device pixel
// ratio). The overlay stacks these: what changes only with the view (markings, road events),
// the traffic (redrawn when something on it moves by a visible amount) and warnings; the
// transmissions, which animate every frame, are a worker's canvas (air-layer.ts). A canvas
// that is not redrawn costs the main thread nothing: the compositor keeps showing it.

/** A canvas layer; `size` it each frame, `clear` it before drawing it again. */
export class CanvasLayer {
	readonly canvas: HTMLCanvasElement;
	readonly ctx: CanvasRenderingContext2D;
	/** Whether anything was drawn since the last clear (an empty layer needs no clearing). */
	inked = false;

	constructor(className: string, zIndex: number) {
		this.canvas = document.createElement('canvas');
		this.canvas.className = className;
		// on the map's container, not a pane: it is redrawn in container pixels, so it must not
		// move with the pane while the map pans
		Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none', zIndex: String(zIndex) });
		this.ctx = this.canvas.getContext('2d')!;
	}

	/** Sizes the canvas to `width` × `height` CSS px at `dpr`; true when it was resized (and so emptied). */
	size(width: number, height: number, dpr: number): boolean {
		const w = Math.round(width * dpr);
		const h = Math.round(height * dpr);
		if (this.canvas.width === w && this.canvas.height === h) return false;
		this.canvas.width = w;
		this.canvas.height = h;
		this.canvas.style.width = `${width}px`;
		this.canvas.style.height = `${height}px`;
		this.inked = false;
		return true;
	}

	/** Empties the canvas (if anything is on it) and sets CSS px as its unit; it is inked from now on. */
	clear(width: number, height: number, dpr: number): void {
		this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
		if (this.inked) this.ctx.clearRect(0, 0, width, height);
		this.inked = true;
	}

	/** Empties the canvas if anything is on it. */
	blank(width: number, height: number, dpr: number): void {
		if (!this.inked) return;
		this.clear(width, height, dpr);
		this.inked = false;
	}
}
