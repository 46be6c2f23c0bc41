// Framing what matters clear of the panels floating over the map (the scenario panel, the legend,
// notices, the cloud badge): each panel is cleared on the side of the map that loses the least
// area, and the map's fit is padded by that. Pure geometry here (unit-tested); MapView measures
// the rectangles from the DOM.

/** A rectangle in one coordinate space (CSS pixels, e.g. the viewport's). */
export interface Rect {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** Padding for Leaflet's fitBounds: [x, y] at the top left and at the bottom right, px. */
export interface FitPadding {
	paddingTopLeft: [number, number];
	paddingBottomRight: [number, number];
}

/** Around what is framed, px, and the least part of the map's width or height left free. */
const MARGIN_PX = 24;
const MIN_FREE_SHARE = 0.35;

/**
 * The padding that keeps a fit clear of `panels` over `map` (all in one space). A panel not
 * overlapping the map is ignored; one that does is cleared on the side leaving the most area;
 * if panels would leave less than 35 % of the map's width or height, their padding is scaled
 * down to leave that much. A margin of 24 px is always kept.
 */
export function panelPadding(map: Rect, panels: Rect[]): FitPadding {
	const w = map.right - map.left;
	const h = map.bottom - map.top;
	let [left, top, right, bottom] = [0, 0, 0, 0];
	for (const p of panels) {
		const l = Math.max(map.left, p.left);
		const t = Math.max(map.top, p.top);
		const r = Math.min(map.right, p.right);
		const b = Math.min(map.bottom, p.bottom);
		if (r <= l || b <= t) continue;
		// the four ways to clear it, each with the area the map keeps
		const options: [side: 0 | 1 | 2 | 3, pad: number, kept: number][] = [
			[0, r - map.left, (w - (r - map.left)) * h],
			[1, b - map.top, (h - (b - map.top)) * w],
			[2, map.right - l, (w - (map.right - l)) * h],
			[3, map.bottom - t, (h - (map.bottom - t)) * w]
		];
		const [side, pad] = options.reduce((best, o) => (o[2] > best[2] ? o : best));
		if (side === 0) left = Math.max(left, pad);
		else if (side === 1) top = Math.max(top, pad);
		else if (side === 2) right = Math.max(right, pad);
		else bottom = Math.max(bottom, pad);
	}
	[left, right] = keepFree(left, right, w);
	[top, bottom] = keepFree(top, bottom, h);
	return { paddingTopLeft: [left + MARGIN_PX, top + MARGIN_PX], paddingBottomRight: [right + MARGIN_PX, bottom + MARGIN_PX] };
}

function keepFree(a: number, b: number, size: number): [number, number] {
	const most = size * (1 - MIN_FREE_SHARE);
	if (a + b <= most) return [a, b];
	const k = most / (a + b);
	return [a * k, b * k];
}

/** The part of the map left free by `pad` (in the map's own container pixels, origin at its top left). */
export function freeArea(size: { x: number; y: number }, pad: FitPadding): Rect {
	return { left: pad.paddingTopLeft[0], top: pad.paddingTopLeft[1], right: size.x - pad.paddingBottomRight[0], bottom: size.y - pad.paddingBottomRight[1] };
}

/** True when every point (container px) lies inside `r`. */
export function allInside(r: Rect, points: { x: number; y: number }[]): boolean {
	return points.every((p) => p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom);
}
