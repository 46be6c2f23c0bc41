// Context gathered while walking one message in decode order: the reference positions offsets
// are relative to, and the minute a DSecond counts in. Both dumps (UPER trace, protobuf wire
// dump) meet a message's refPos and moy before the fields that depend on them, so one pass
// suffices.
import { assumedYear } from './time';
import type { LatLon, MeaningContext } from './types';

/** The path of the parent of `path` (`a.b[2].c` -> `a.b[2]`, `a` -> ``). */
function parentOf(path: string): string {
	const dot = path.lastIndexOf('.');
	return dot < 0 ? '' : path.slice(0, dot);
}

function lastName(path: string): string {
	return path.slice(path.lastIndexOf('.') + 1);
}

/** Where a reference position sits: `refPos` (UPER) or `ref_pos` (protobuf), in any message. */
const REF_POS = /^ref_?pos$/i;

/**
 * Collects, in decode order, what later values of the same message need, and hands out the
 * `MeaningContext` for each value:
 * - reference positions: the `lat` / `long` (`lon`) of a `refPos` / `ref_pos` (Latitude and
 *   Longitude in 1e-7 degree); an offset uses the innermost refPos enclosing it (MAP nodes
 *   each have their own; RSI, RSM and SSM one per message);
 * - the minute of a DSecond: the innermost MinuteOfTheYear seen (`moy`, `timeStamp`) becomes
 *   `minuteStartMs` in the assumed year, so SPAT's `timeStamp` reads as a full instant.
 * `base` carries the year, local zone and reference time for every value.
 */
export class MessageContext {
	/** reference positions by the path of the message holding them */
	private readonly refs = new Map<string, Partial<LatLon>>();
	/** minutes of the year by the path of the message holding them */
	private readonly minutes = new Map<string, number>();

	constructor(private readonly base: MeaningContext = {}) {}

	/** Records a decoded value (call for every field, in decode order; other values are ignored). */
	observe(path: string, element: string | undefined, value: unknown): void {
		if (typeof value !== 'number') return;
		const parent = parentOf(path);
		if (REF_POS.test(lastName(parent))) {
			// kept under the message holding the refPos: that message encloses the values it anchors
			const owner = parentOf(parent);
			const ref = this.refs.get(owner) ?? {};
			if (element === 'Latitude' && value !== 900000001) ref.lat = value / 1e7;
			if (element === 'Longitude' && value !== 1800000001) ref.lon = value / 1e7;
			this.refs.set(owner, ref);
		}
		if (element === 'MinuteOfTheYear' && value < 527040) {
			const year = assumedYear(this.base);
			this.minutes.set(parent, Date.UTC(year, 0, 1) + value * 60_000);
		}
	}

	/** The context for the value at `path`: the base plus the innermost refPos and minute enclosing it. */
	contextFor(path: string, extra: MeaningContext = {}): MeaningContext {
		const ctx: MeaningContext = { ...this.base, path, ...extra };
		const ref = innermost(this.refs, path, (r) => r.lat !== undefined && r.lon !== undefined);
		if (ref && !ctx.refPos) ctx.refPos = { lat: ref.lat!, lon: ref.lon! };
		const minute = innermost(this.minutes, path, () => true);
		if (minute !== undefined && ctx.minuteStartMs === undefined) ctx.minuteStartMs = minute;
		return ctx;
	}
}

/**
 * The entry whose key is the longest ancestor of `path` (itself, `a.b[0]`, `a.b`, `a`, ``) and
 * passes `ok`. Walks the ancestors, a lookup each, so a MAP's thousands of values each cost their
 * depth, not the number of refPos seen.
 */
function innermost<T>(map: Map<string, T>, path: string, ok: (v: T) => boolean): T | undefined {
	if (!map.size) return undefined;
	for (let end = path.length; ; ) {
		const v = map.get(path.slice(0, end));
		if (v !== undefined && ok(v)) return v;
		if (end === 0) return undefined;
		do end--;
		while (end > 0 && path[end] !== '.' && path[end] !== '[');
	}
}
