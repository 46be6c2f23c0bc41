// A scenario's actors (ScenarioInfo.follow): a double ring around each, so a class sees who the
// scenario is about among the other traffic.
import type { DrawView, ScreenPoint } from '../projection';

const ACTOR_COLOR = '#0ca678';
/** Ring radius: at least this (px), else the vehicle's half length on screen plus a margin. */
const MIN_RADIUS_PX = 13;
/** A car's half length (m): the ring clears a car drawn to scale. */
const HALF_CAR_M = 2.6;

/** Rings every actor drawn this frame (`screen`: what was drawn); returns how many. */
export function drawActors(v: DrawView, actors: readonly number[], screen: ScreenPoint[]): number {
	if (!actors.length) return 0;
	const { ctx } = v;
	const r = Math.max(MIN_RADIUS_PX, HALF_CAR_M / v.metersPerPx + 6);
	let n = 0;
	ctx.strokeStyle = ACTOR_COLOR;
	for (const id of actors) {
		const s = screen.find((p) => p.id === id);
		if (!s) continue;
		ctx.lineWidth = 3;
		ctx.globalAlpha = 0.9;
		ctx.beginPath();
		ctx.arc(s.x, s.y, r, 0, Math.PI * 2);
		ctx.stroke();
		ctx.lineWidth = 1.5;
		ctx.globalAlpha = 0.45;
		ctx.beginPath();
		ctx.arc(s.x, s.y, r + 5, 0, Math.PI * 2);
		ctx.stroke();
		n++;
	}
	ctx.globalAlpha = 1;
	return n;
}
