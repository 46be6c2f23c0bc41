// Road events in force (road works, accidents, congestion): where they are, the lane they close,
// when they end. RSUs broadcast them in RSI, the cloud in hazard notices.
import type { TextParams } from './events';
import type { RoadEvent, RoadEventKind } from './messages';
import type { Network } from './network';
import { hash32 } from './rng';
import type { Traffic } from './traffic';

// The description as it goes on air in RSI and hazard notices (both languages, as RSUs in the
// pilot zones send it). The UI does not show it: it shows the event's i18n key and parameters.
const ON_AIR: Record<RoadEventKind, string> = {
	roadworks: 'Road works, right lane closed / 道路施工，右侧车道封闭',
	accident: 'Accident, right lane blocked / 交通事故，右侧车道受阻',
	congestion: 'Congestion ahead / 前方拥堵'
};

/** How far before a closure vehicles in the closed lane move over, m. */
const MOVE_OVER_M = 80;

export interface InjectOptions {
	/** Edge index; without one, a multi-lane road into a signal is chosen. */
	edge?: number;
	/** Distance along the edge, m (default ~120 m before the junction). */
	s?: number;
	/** Default 600 s. */
	durationS?: number;
}

export class RoadEvents {
	/** In force now. */
	list: RoadEvent[] = [];
	private nextId = 1;

	constructor(
		private readonly net: Network,
		private readonly seed: number,
		private readonly hasSignal: (node: number) => boolean
	) {}

	/**
	 * A new event at `nowMs`: road works close the outer lane, an accident blocks it, congestion
	 * only warns.
	 */
	start(kind: RoadEventKind, opts: InjectOptions, nowMs: number): RoadEvent {
		const net = this.net;
		let edge = opts.edge;
		if (edge === undefined) {
			const candidates = net.edges.filter((e) => e.lanes >= 2 && this.hasSignal(e.to) && e.length > 150);
			const pool = candidates.length ? candidates : net.edges;
			edge = pool[hash32(this.seed, this.nextId, 9) % pool.length].index;
		}
		const e = net.edges[edge];
		// by default ~120 m before the junction: inside its RSU's coverage, ahead of queues
		const s = opts.s ?? Math.max(10, Math.min(e.stopLine - 30, e.stopLine - 120));
		const closedLane = kind === 'congestion' ? -1 : e.lanes > 1 ? e.lanes - 1 : -1;
		const p = net.pointAt(e, s, closedLane >= 0 ? closedLane : -1);
		const ev: RoadEvent = {
			id: this.nextId++, kind, edge, s, closedLane, radiusM: 50, description: `${ON_AIR[kind]} (${e.name.en})`,
			startMs: nowMs, endMs: nowMs + (opts.durationS ?? 600) * 1000, pos: net.toLatLon(p.x, p.y)
		};
		this.list.push(ev);
		return ev;
	}

	/** Removes and returns the events that have ended by `nowMs`. */
	endDue(nowMs: number): RoadEvent[] {
		const ended = this.list.filter((e) => e.endMs <= nowMs);
		this.list = this.list.filter((e) => e.endMs > nowMs);
		return ended;
	}

	/** Vehicles in a closed lane near the closure move to a free neighbouring lane. */
	avoidClosedLanes(traffic: Traffic): void {
		for (const ev of this.list) {
			if (ev.closedLane < 0) continue;
			const list = traffic.lanes[ev.edge][ev.closedLane];
			for (const veh of [...list]) {
				if (veh.s > ev.s || ev.s - veh.s > MOVE_OVER_M) continue;
				traffic.changeLane(veh, ev.closedLane - 1);
			}
		}
	}

	/** Where lanes are blocked, for the drivers. */
	blocks(): { edge: number; lane: number; s: number }[] {
		return this.list.filter((e) => e.closedLane >= 0).map((e) => ({ edge: e.edge, lane: e.closedLane, s: e.s }));
	}
}

/**
 * The i18n label of a road event: key `alerts.roadEvent.<kind>`, the road's name as `road`
 * (English) and `roadZh` (Chinese, the English one when the city has none), so each language's
 * text names the road in its own language. Display only: nothing the simulation does reads it.
 */
export function roadEventLabel(ev: RoadEvent, net: Network): { key: string; params: TextParams; roadName: { en: string; zh: string } } {
	const name = net.edges[ev.edge].name;
	return { key: `alerts.roadEvent.${ev.kind}`, params: { road: name.en, roadZh: name.zh || name.en }, roadName: { en: name.en, zh: name.zh } };
}
