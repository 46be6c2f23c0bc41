// The packet list's window arithmetic and row cache, kept out of the component so it can be
// read (and tested) on its own. A list taller than MAX_PX is scaled: the scroll bar maps
// linearly onto the rows (browsers cap an element's height near 2^24 to 2^25 px).
import type { PacketRow } from '$lib/viewer/client';

/** Row height in CSS px (the list's CSS uses the same). */
export const ROW_PX = 22;
/** Tallest inner element drawn; more rows than this allows are scaled onto it. */
export const MAX_PX = 8_000_000;
/** Rows per request to the worker (and per cache page). */
export const PAGE_ROWS = 100;
/** Pages kept (least recently fetched dropped first): 200 pages = 20,000 rows. */
const MAX_PAGES = 200;

/** The scroll geometry of `count` rows in a viewport `viewport` px high. */
export function geometry(count: number, viewport: number) {
	const full = count * ROW_PX;
	const inner = Math.min(full, MAX_PX);
	const visible = viewport / ROW_PX;
	const scaled = full > MAX_PX;
	const range = Math.max(1, inner - viewport);
	const rowsRange = Math.max(0, count - visible);
	return {
		inner,
		visible,
		/** the (fractional) row at the top of the viewport for a scrollTop */
		firstAt: (top: number) => (scaled ? (Math.min(top, range) / range) * rowsRange : top / ROW_PX),
		/** the scrollTop that puts (fractional) row `first` at the top */
		topFor: (first: number) => (scaled ? (Math.max(0, Math.min(first, rowsRange)) / Math.max(rowsRange, 1)) * range : first * ROW_PX)
	};
}

/** Pages of rows of one view, as the worker answered them; `key` names the view (a new one starts empty). */
export class RowCache {
	private pages = new Map<number, PacketRow[]>();
	private asked = new Set<number>();

	constructor(readonly key: number) {}

	/** The row at view position `pos`, if its page has arrived. */
	row(pos: number): PacketRow | undefined {
		return this.pages.get(Math.floor(pos / PAGE_ROWS))?.[pos % PAGE_ROWS];
	}

	/** The pages covering positions first..last not yet fetched nor asked for (marked asked). */
	missing(first: number, last: number): number[] {
		const out: number[] = [];
		for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(last / PAGE_ROWS); p++) {
			if (this.pages.has(p) || this.asked.has(p)) continue;
			this.asked.add(p);
			out.push(p);
		}
		return out;
	}

	/** Stores page `p`; drops the oldest page when over MAX_PAGES. */
	put(p: number, rows: PacketRow[]) {
		this.asked.delete(p);
		this.pages.set(p, rows);
		if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
	}

	/** A request failed: page `p` may be asked for again. */
	forget(p: number) {
		this.asked.delete(p);
	}
}
