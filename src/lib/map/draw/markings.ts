// Road markings at high zoom: dashed lane lines, the centre line, stop lines at signalised
// approaches. Projected once per zoom; each frame draws only those whose box is on screen.
import type { Marking } from '../lanes';
import type { DrawView } from '../projection';
import { MARKINGS_FROM_ZOOM } from '../scale';

/** Lane lines: 3 m painted, 6 m gap (GB 5768.3 urban dashed lines are 2–4 m over 4–6 m). */
const DASH_M = [3, 6];
const COLORS: Record<Marking['kind'], string> = { lane: '#ffffff', centre: '#f2b705', stop: '#ffffff' };

interface Projected {
	kind: Marking['kind'];
	widthM: number;
	/** absolute pixels, x0 y0 x1 y1 … */
	xy: Float64Array;
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** A city's markings, projected for the zoom they are drawn at. */
export class Markings {
	private list: Projected[] = [];
	private scale = 0;

	constructor(private markings: Marking[] = []) {}

	/** How many are drawn at the last frame (tests: culling). */
	drawn = 0;

	/** Projects every marking for `v`'s scale if it changed (the datum is in `v.project`). */
	private project(v: DrawView, force: boolean) {
		if (!force && v.scale === this.scale) return;
		this.scale = v.scale;
		this.list = this.markings.map((m) => {
			const xy = new Float64Array(m.points.length * 2);
			let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
			m.points.forEach(([lat, lon], i) => {
				const [x, y] = v.project(lat, lon);
				xy[2 * i] = x;
				xy[2 * i + 1] = y;
				[minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
			});
			return { kind: m.kind, widthM: m.widthM, xy, minX, minY, maxX, maxY };
		});
	}

	/** Forgets the projection (the datum changed). */
	invalidate(): void {
		this.scale = 0;
	}

	/** Draws the markings on screen when zoomed in to MARKINGS_FROM_ZOOM or more. */
	draw(v: DrawView, zoom: number): void {
		this.drawn = 0;
		if (zoom < MARKINGS_FROM_ZOOM || !this.markings.length) return;
		this.project(v, false);
		const { ctx } = v;
		const dash = DASH_M.map((m) => m / v.metersPerPx);
		for (const kind of ['centre', 'lane', 'stop'] as const) {
			const path = new Path2D();
			let width = 0;
			for (const m of this.list) {
				if (m.kind !== kind || m.maxX + v.ox < 0 || m.minX + v.ox > v.width || m.maxY + v.oy < 0 || m.minY + v.oy > v.height) continue;
				width = m.widthM;
				path.moveTo(m.xy[0] + v.ox, m.xy[1] + v.oy);
				for (let i = 2; i < m.xy.length; i += 2) path.lineTo(m.xy[i] + v.ox, m.xy[i + 1] + v.oy);
				this.drawn++;
			}
			if (!width) continue;
			ctx.setLineDash(kind === 'lane' ? dash : []);
			ctx.lineWidth = Math.max(1, width / v.metersPerPx);
			ctx.strokeStyle = COLORS[kind];
			ctx.stroke(path);
		}
		ctx.setLineDash([]);
	}
}
