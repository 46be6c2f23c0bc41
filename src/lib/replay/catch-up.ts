// A replay's jump far ahead without replaying every message on the way: the road users at the
// target are those heard within the last STALE_MS, so only the latest messages of each sender
// are decoded, walking back from the target. The result is what stepping there gives (the
// rules below are Replay.tick's and tracked.ts `absorb`'s, restated for a walk backwards).
import type { PbObject } from '../codec';
import { headingDeg, speedMs } from '../sim';
import { absorb, type Tracked } from './tracked';

/** What the walk reads of the records between the replay's place and the target. */
export interface CatchUpSource {
	/** Records `from`..`end - 1` (time order) are the ones taken on the way to the target. */
	from: number;
	end: number;
	/** The tick (replay time, ms) at the end of the jump. */
	target: number;
	/** How long a road user stays without a message (ms), and the step between ticks (ms). */
	staleMs: number;
	stepMs: number;
	/** The tick at which record i is taken (the first tick at or after its time). */
	tickAt(i: number): number;
	/** 'bsm' and 'psm' records move road users; others are passed over. */
	typeAt(i: number): string;
	/** Record i's sender id. */
	senderIdAt(i: number): number;
	/** Record i's BasicSafetyMessage or PSM (as its type says), or undefined when the bytes are damaged or hold another message. */
	messageAt(i: number, isBsm: boolean): PbObject | undefined;
}

/** A sender met walking back: its state at the target, and what is still to be learnt from older messages. */
interface Pending {
	entry: Tracked;
	/** Tick of the oldest message of its unbroken run met so far. */
	earliest: number;
	heading: number | null;
	speed: number | null;
}

/**
 * Vehicles (BSM) and pedestrians (PSM) at `src.target`, given those at the replay's place
 * (`vehicles`, `vrus`, which are not changed). Exactly what taking every record from `src.from`
 * to `src.end` tick by tick gives, because:
 * - a message without a position (or undecodable) changes nothing, so it is skipped;
 * - a road user is there at the target iff its latest valid message was taken at most `staleMs`
 *   before it; position, kind and braking come from that message;
 * - an unavailable heading or speed keeps the one before, through the run of messages in which
 *   each came at most `staleMs + stepMs` after the previous (a longer gap dropped the road user at
 *   a tick in between), reaching back to the state at the replay's place; none known gives 0.
 * Decodes the messages of the last `staleMs` and, for a road user whose latest heading or speed
 * is unavailable, its older ones until one is found or its run breaks. The maps' order is not
 * stepping's (Replay.snapshot lists by id).
 */
export function catchUp(src: CatchUpSource, vehicles: ReadonlyMap<number, Tracked>, vrus: ReadonlyMap<number, Tracked>): { vehicles: Map<number, Tracked>; vrus: Map<number, Tracked> } {
	// per sender: its pending state, null once settled (its final entry is in `done` or it is gone)
	const walk = [new Map<number, Pending | null>(), new Map<number, Pending | null>()];
	const done = [new Map<number, Tracked>(), new Map<number, Tracked>()];
	const before = [vehicles, vrus];
	let open = 0;
	const settle = (k: number, id: number, p: Pending) => {
		done[k].set(id, { ...p.entry, heading: p.heading ?? 0, speed: p.speed ?? 0 });
		walk[k].set(id, null);
		open--;
	};
	for (let i = src.end - 1; i >= src.from; i--) {
		const tick = src.tickAt(i);
		const recent = src.target - tick <= src.staleMs;
		if (!recent && open === 0) break;
		const type = src.typeAt(i);
		if (type !== 'bsm' && type !== 'psm') continue;
		const k = type === 'bsm' ? 0 : 1;
		const id = src.senderIdAt(i);
		const p = walk[k].get(id);
		if (p === null) continue;
		// its latest valid message is older than the window (or it has none): gone at the target
		if (p === undefined && !recent) {
			walk[k].set(id, null);
			continue;
		}
		if (p && p.earliest - tick > src.staleMs + src.stepMs) {
			settle(k, id, p);
			continue;
		}
		const m = src.messageAt(i, k === 0);
		const t = absorb(m, k === 0, id, tick);
		if (!t) continue;
		const heading = headingDeg(m!.heading);
		const speed = speedMs(m!.speed);
		if (p === undefined) {
			const fresh: Pending = { entry: t, earliest: tick, heading, speed };
			open++;
			walk[k].set(id, fresh);
			if (heading !== null && speed !== null) settle(k, id, fresh);
			continue;
		}
		p.earliest = tick;
		p.heading ??= heading;
		p.speed ??= speed;
		if (p.heading !== null && p.speed !== null) settle(k, id, p);
	}
	for (let k = 0; k < 2; k++) {
		for (const [id, p] of walk[k]) {
			if (!p) continue;
			// the walk reached the replay's place: the run goes on into the state there, if it was unbroken
			const prior = before[k].get(id);
			if (prior && p.earliest - prior.seenAt <= src.staleMs + src.stepMs) {
				p.heading ??= prior.heading;
				p.speed ??= prior.speed;
			}
			settle(k, id, p);
		}
		// those heard before the jump and not since: still there if heard recently enough (never
		// after a jump longer than staleMs, as Replay's are; kept so the function holds for any)
		for (const [id, prior] of before[k]) if (walk[k].get(id) === undefined && src.target - prior.seenAt <= src.staleMs) done[k].set(id, prior);
	}
	return { vehicles: done[0], vrus: done[1] };
}
