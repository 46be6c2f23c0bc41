// One frame of the transmissions layer as plain data (structured-cloneable, so the drawing
// worker can take it) and how to draw it. Kept free of the app's other modules (colours, i18n):
// the drawing worker bundles this file alone.

/** Rings drawn alike: opacity step, opacity, line width px, colour, centres and radii (container px, flat x, y, r). */
export interface RingGroup {
	step: number;
	alpha: number;
	lineWidth: number;
	color: string;
	xyr: number[];
}

/** A Uu message: a dashed line from (fx, fy) to (tx, ty), container px, a dot at `age` (0..1) along it. */
export interface UuLine {
	fx: number;
	fy: number;
	tx: number;
	ty: number;
	age: number;
	color: string;
	fromCloud: boolean;
	alpha: number;
}

/** The transmissions of one frame as plain data (structured-cloneable); `count` how many. */
export interface AirPlan {
	rings: RingGroup[];
	uu: UuLine[];
	count: number;
}

/** Draws a plan on `ctx` (its transform already set to CSS px): ring groups, then Uu lines. */
export function drawAirPlan(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, plan: AirPlan): void {
	for (const g of plan.rings) {
		ctx.globalAlpha = g.alpha;
		ctx.strokeStyle = g.color;
		ctx.lineWidth = g.lineWidth;
		ctx.beginPath();
		for (let i = 0; i < g.xyr.length; i += 3) {
			// a sub-path per ring: without the moveTo, a line would join each ring to the last
			ctx.moveTo(g.xyr[i] + g.xyr[i + 2], g.xyr[i + 1]);
			ctx.arc(g.xyr[i], g.xyr[i + 1], g.xyr[i + 2], 0, Math.PI * 2);
		}
		ctx.stroke();
	}
	for (const u of plan.uu) drawUu(ctx, u);
	ctx.globalAlpha = 1;
}

function drawUu(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, u: UuLine) {
	ctx.globalAlpha = u.alpha * (u.fromCloud ? 0.8 : 0.22);
	ctx.strokeStyle = u.color;
	ctx.lineWidth = u.fromCloud ? 1.6 : 1;
	ctx.setLineDash([4, 4]);
	ctx.beginPath();
	ctx.moveTo(u.fx, u.fy);
	ctx.lineTo(u.tx, u.ty);
	ctx.stroke();
	ctx.setLineDash([]);
	ctx.fillStyle = u.color;
	ctx.beginPath();
	ctx.arc(u.fx + (u.tx - u.fx) * u.age, u.fy + (u.ty - u.fy) * u.age, 3.5, 0, Math.PI * 2);
	ctx.fill();
}
