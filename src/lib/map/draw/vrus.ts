// Vulnerable road users: a dot per pedestrian or cyclist (they move slowly: no interpolation).
import { VRU_COLORS } from '../colors';
import type { DrawView, ProjectedVru, ScreenPoint } from '../projection';

/** Draws every VRU; appends each to `screen`; returns the one whose id is `selected`, if any. */
export function drawVrus(v: DrawView, vrus: ProjectedVru[], selected: number | null, screen: ScreenPoint[]): ScreenPoint | null {
	const { ctx } = v;
	let sel: ScreenPoint | null = null;
	ctx.lineWidth = 1;
	ctx.strokeStyle = '#fff';
	for (const u of vrus) {
		const x = u.x + v.ox;
		const y = u.y + v.oy;
		const cyclist = u.kind === 'cyclist';
		ctx.beginPath();
		ctx.arc(x, y, cyclist ? 4.5 : 3.8, 0, Math.PI * 2);
		ctx.fillStyle = cyclist ? VRU_COLORS.cyclist : VRU_COLORS.pedestrian;
		ctx.fill();
		ctx.stroke();
		screen.push({ id: u.id, x, y });
		if (u.id === selected) sel = { id: u.id, x, y };
	}
	return sel;
}
