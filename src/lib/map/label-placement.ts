// Where street names go on the map: along straight-enough stretches of each road, rotated to the
// road's direction and never upside down, in the part of the map on screen, with no two labels
// overlapping and one label per street per screen area. Pure geometry in screen-like pixels
// (Leaflet layer points): unit-tested; the Leaflet layer is street-labels.ts.

/** A point in pixels (x right, y down). */
export interface Px {
	x: number;
	y: number;
}

/** A street to label: what to write and its centre line, px (one road link; several may share a name). */
export interface StreetLine {
	text: string;
	points: Px[];
	/** Larger first when space is short (e.g. lanes). */
	rank: number;
}

/** A label placed: its centre, px, its angle in degrees (clockwise, within (-90, 90]: upright) and its box size, px. */
export interface PlacedLabel {
	text: string;
	x: number;
	y: number;
	angle: number;
	width: number;
	height: number;
}

/** How labels are placed. */
export interface PlacementOptions {
	/** The area on screen, px (labels lie wholly inside it). */
	view: { left: number; top: number; right: number; bottom: number };
	/** The text's width, px, in the labels' font. */
	measure: (text: string) => number;
	/** The label's height, px. */
	height: number;
	/** Two labels of one street are at least this far apart, px. */
	sameNameGapPx?: number;
	/** Free space kept around each label, px. */
	paddingPx?: number;
	/** Areas no label may touch (panels floating over the map), px, in the same space. */
	avoid?: { left: number; top: number; right: number; bottom: number }[];
}

/** A stretch is straight enough while no point strays more than this from its chord, px. */
const MAX_BEND_PX = 2.5;
/** A run is cut after this many points (bounds the work on long, finely drawn ways). */
const MAX_RUN_POINTS = 64;
/** Text leaves this much road free at each end of a stretch, px. */
const END_MARGIN_PX = 6;
/** Candidates along a long stretch are this many text widths apart. */
const CANDIDATE_STEP_WIDTHS = 2.5;

/** Distance of `p` from the line through `a` and `b`, px. */
function offLine(p: Px, a: Px, b: Px): number {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const len = Math.hypot(dx, dy);
	if (len === 0) return Math.hypot(p.x - a.x, p.y - a.y);
	return Math.abs((p.x - a.x) * dy - (p.y - a.y) * dx) / len;
}

/**
 * The straight-enough stretches of a polyline: runs of its points whose every point lies within
 * 2.5 px of the run's chord, as [start, end] chords (greedy, longest run from each start).
 */
export function straightRuns(points: Px[]): [Px, Px][] {
	const runs: [Px, Px][] = [];
	let i = 0;
	while (i < points.length - 1) {
		let j = i + 1;
		while (j + 1 < points.length && j - i < MAX_RUN_POINTS && straight(points, i, j + 1)) j++;
		runs.push([points[i], points[j]]);
		i = j;
	}
	return runs;
}

/** True when every point strictly between `i` and `k` lies within 2.5 px of the chord i→k. */
function straight(points: Px[], i: number, k: number): boolean {
	for (let m = i + 1; m < k; m++) if (offLine(points[m], points[i], points[k]) > MAX_BEND_PX) return false;
	return true;
}

/** The angle of a→b in degrees, turned by 180° if needed so text along it reads upright: (-90, 90]. */
export function uprightAngle(a: Px, b: Px): number {
	let deg = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
	if (deg > 90) deg -= 180;
	else if (deg <= -90) deg += 180;
	return deg;
}

/** The four corners of a label's box (padded by `pad`), px. */
function corners(l: PlacedLabel, pad: number): Px[] {
	const r = (l.angle * Math.PI) / 180;
	const [c, s] = [Math.cos(r), Math.sin(r)];
	const hw = l.width / 2 + pad;
	const hh = l.height / 2 + pad;
	return [
		[-hw, -hh],
		[hw, -hh],
		[hw, hh],
		[-hw, hh]
	].map(([u, v]) => ({ x: l.x + u * c - v * s, y: l.y + u * s + v * c }));
}

type Aabb = { left: number; top: number; right: number; bottom: number };

function aabbOf(box: Px[]): Aabb {
	const xs = box.map((p) => p.x);
	const ys = box.map((p) => p.y);
	return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

function aabbsMeet(a: Aabb, b: Aabb): boolean {
	return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** True when two convex quadrilaterals overlap (separating axis theorem). */
export function boxesOverlap(a: Px[], b: Px[]): boolean {
	for (const poly of [a, b]) {
		for (let i = 0; i < poly.length; i++) {
			const p = poly[i];
			const q = poly[(i + 1) % poly.length];
			const ax = q.y - p.y;
			const ay = p.x - q.x;
			const project = (pts: Px[]) => pts.map((pt) => pt.x * ax + pt.y * ay);
			const pa = project(a);
			const pb = project(b);
			if (Math.max(...pa) < Math.min(...pb) || Math.max(...pb) < Math.min(...pa)) return false;
		}
	}
	return true;
}

/** Every candidate position of one street's label along its stretches long enough for the text. */
function candidates(s: StreetLine, width: number, height: number): (PlacedLabel & { room: number; rank: number })[] {
	const out: (PlacedLabel & { room: number; rank: number })[] = [];
	for (const [a, b] of straightRuns(s.points)) {
		const len = Math.hypot(b.x - a.x, b.y - a.y);
		const usable = len - width - 2 * END_MARGIN_PX;
		if (usable < 0) continue;
		const angle = uprightAngle(a, b);
		// the middle of the stretch, then points spaced along it either side
		const step = width * CANDIDATE_STEP_WIDTHS;
		const n = Math.floor(usable / 2 / step);
		for (let k = -n; k <= n; k++) {
			const t = 0.5 + (k * step) / len;
			out.push({ text: s.text, x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, angle, width, height, room: len, rank: s.rank });
		}
	}
	return out;
}

/**
 * Places street labels: each on a straight-enough stretch of its street at least as long as its
 * text (plus 6 px at each end), centred on the line and rotated along it (upright), wholly inside
 * `view`, overlapping no other label (with `paddingPx`, default 3), and no nearer than
 * `sameNameGapPx` (default 320) to a label with the same text, touching no `avoid` area. Higher rank first, then longer
 * stretches, then nearer the view's centre. Deterministic for the same input.
 */
export function placeLabels(streets: StreetLine[], opts: PlacementOptions): PlacedLabel[] {
	const pad = opts.paddingPx ?? 3;
	const gap = opts.sameNameGapPx ?? 320;
	const { view } = opts;
	const cx = (view.left + view.right) / 2;
	const cy = (view.top + view.bottom) / 2;
	const widths = new Map<string, number>();
	const widthOf = (text: string) => widths.get(text) ?? widths.set(text, opts.measure(text)).get(text)!;
	const all = streets.filter((s) => s.text && s.points.length > 1).flatMap((s) => candidates(s, widthOf(s.text), opts.height));
	const avoid = (opts.avoid ?? []).map((r) => [
		{ x: r.left, y: r.top },
		{ x: r.right, y: r.top },
		{ x: r.right, y: r.bottom },
		{ x: r.left, y: r.bottom }
	]);
	const inView = all.filter((c) => {
		const box = corners(c, 0);
		if (!box.every((p) => p.x >= view.left && p.x <= view.right && p.y >= view.top && p.y <= view.bottom)) return false;
		const aabb = aabbOf(box);
		return !avoid.some((a, i) => aabbsMeet(opts.avoid![i], aabb) && boxesOverlap(a, box));
	});
	inView.sort((a, b) => b.rank - a.rank || b.room - a.room || Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy) || a.text.localeCompare(b.text));
	const placed: { label: PlacedLabel; box: Px[]; aabb: Aabb }[] = [];
	const byText = new Map<string, PlacedLabel[]>();
	for (const c of inView) {
		if (byText.get(c.text)?.some((p) => Math.hypot(p.x - c.x, p.y - c.y) < gap)) continue;
		const box = corners(c, pad);
		const aabb = aabbOf(box);
		// the cheap box test first: the exact one only for labels that may touch
		if (placed.some((p) => aabbsMeet(p.aabb, aabb) && boxesOverlap(p.box, box))) continue;
		const label = { text: c.text, x: c.x, y: c.y, angle: c.angle, width: c.width, height: c.height };
		placed.push({ label, box, aabb });
		byText.set(c.text, [...(byText.get(c.text) ?? []), label]);
	}
	return placed.map((p) => p.label);
}
