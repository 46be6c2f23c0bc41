// The selected node: a yellow ring around it.
import type { DrawView } from '../projection';

const SELECTION_COLOR = '#fab005';

/** A ring of `radius` px around a container point. */
export function drawSelection(v: DrawView, x: number, y: number, radius: number, lineWidth: number): void {
	const { ctx } = v;
	ctx.beginPath();
	ctx.arc(x, y, radius, 0, Math.PI * 2);
	ctx.strokeStyle = SELECTION_COLOR;
	ctx.lineWidth = lineWidth;
	ctx.stroke();
}
