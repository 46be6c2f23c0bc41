// Warnings: a badge over the warned vehicle (a triangle with "!" or "i" and the application's
// name) for a few seconds.
import type { FrameMessage } from '../frame';
import type { DrawView, ScreenPoint } from '../projection';

interface Badge {
	node: number;
	level: string;
	app: string;
	born: number;
}

export const BADGE_MS = 4000;
const LEVEL_COLORS: Record<string, string> = { info: '#099268', warning: '#f08c00', danger: '#e03131' };

/** The badges shown, oldest first. */
export class AlertBadges {
	private list: Badge[] = [];

	/** How many are shown (tests). */
	get size(): number {
		return this.list.length;
	}

	/** The alerts of a new frame, raised at `now` (ms). */
	add(alerts: FrameMessage['alerts'], now: number): void {
		for (const a of alerts) this.list.push({ node: a.node, level: a.level, app: a.app, born: now });
	}

	/** Drops the expired badges and draws the others over their node, if it was drawn. */
	draw(v: DrawView, screen: ScreenPoint[]): void {
		this.list = this.list.filter((a) => v.now - a.born < BADGE_MS);
		if (!this.list.length) return;
		const { ctx } = v;
		ctx.textAlign = 'center';
		for (const a of this.list) {
			const s = screen.find((p) => p.id === a.node);
			if (s) drawBadge(ctx, s.x, s.y - 22, a);
		}
		ctx.textAlign = 'start';
	}
}

function drawBadge(ctx: CanvasRenderingContext2D, x: number, y: number, a: Badge) {
	ctx.fillStyle = LEVEL_COLORS[a.level] ?? LEVEL_COLORS.danger;
	ctx.beginPath();
	ctx.moveTo(x, y - 11);
	ctx.lineTo(x + 11, y + 8);
	ctx.lineTo(x - 11, y + 8);
	ctx.closePath();
	ctx.fill();
	ctx.fillStyle = '#fff';
	ctx.font = 'bold 12px system-ui, sans-serif';
	ctx.fillText(a.level === 'info' ? 'i' : '!', x, y + 6);
	ctx.font = 'bold 11px system-ui, sans-serif';
	ctx.fillStyle = '#212529';
	ctx.fillText(a.app.toUpperCase(), x, y - 14);
}
