// The cloud-control platform: it reads vehicles' status reports (decoded from the bytes that
// arrived over Uu), map-matches them, and answers with green-light speed advice (GLOSA), hazard
// notices and lane advice; it acknowledges event reports and resends unacknowledged advice
// (3 s timeout, at most 3 tries, as the cloud-control rule asks).
import type { PbObject } from '../codec';
import { headingDelta } from './geo';
import type { Edge, Network } from './network';
import type { RoadEvent } from './messages';
import { de } from '../codec';
import { EVENT_CODES, position7 } from './messages';
import { headingDeg, positionDeg } from './physical';
import type { SignalController } from './signals';

export { CLOUD_ID } from './nodes';
export const PLATFORM_ID = 'CLOUD-EDGE-01';
const ACK_TIMEOUT_MS = 3000;
const MAX_TRIES = 3;

// enum numbers of cloud.proto
const TIER_EDGE = 1;
const REASON_PASS_ON_GREEN = 1;
const REASON_STOP_AT_RED = 2;
const LANE_REASON_CLOSED = 2;
const SEVERITY_MEDIUM = 2;
const SEVERITY_HIGH = 3;
const ACK_RECEIVED = 1;
export const ACK_ACCEPTED = 2;
const KIND_EVENT_REPORT = 17;

/** What the cloud needs from the world. */
export interface CloudContext {
	net: Network;
	signals: Map<number, SignalController>;
	events: () => RoadEvent[];
	nowMs: number;
	utcMs: number;
	/** Sends a payload down to a vehicle node over Uu. Returns the header seq used. */
	send(to: number, type: string, payload: PbObject): void;
}

interface Tracked {
	node: number;
	edge: number;
	s: number;
	lastAdviceAt: number;
	lastAdviceMax: number;
	hazards: Set<number>;
	lanes: Set<number>;
}

interface Pending {
	to: number;
	type: string;
	payload: PbObject;
	firstSentAt: number;
	lastSentAt: number;
	tries: number;
}

export class Cloud {
	private vehicles = new Map<string, Tracked>();
	private seq = 0;
	private pending = new Map<number, Pending>();
	/** Counters for summaries and tests. */
	readonly stats = { reports: 0, advice: 0, hazards: 0, laneAdvice: 0, acksReceived: 0, resends: 0, failed: 0 };

	header(ctx: CloudContext, vehicleId: string) {
		return { vehicleId, platformId: PLATFORM_ID, seq: ++this.seq, timestampMs: ctx.utcMs, tier: TIER_EDGE };
	}

	/** Finds the edge a reported position and heading lie on. */
	mapMatch(net: Network, x: number, y: number, heading: number): { edge: Edge; s: number } | null {
		let best: { edge: Edge; s: number } | null = null;
		let bestD = 30;
		for (const e of net.edges) {
			for (let i = 1; i < e.xs.length; i++) {
				const ax = e.xs[i - 1], ay = e.ys[i - 1], bx = e.xs[i], by = e.ys[i];
				const dx = bx - ax, dy = by - ay;
				const len2 = dx * dx + dy * dy || 1;
				const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
				const d = Math.hypot(ax + t * dx - x, ay + t * dy - y);
				if (d >= bestD) continue;
				const segHeading = (Math.atan2(dx, dy) * 180) / Math.PI;
				if (Math.abs(headingDelta(segHeading, heading)) > 60) continue;
				bestD = d;
				best = { edge: e, s: e.cum[i - 1] + t * Math.sqrt(len2) };
			}
		}
		return best;
	}

	/** Handles one uplink message that arrived from vehicle node `from`. */
	receive(ctx: CloudContext, from: number, type: string, msg: PbObject) {
		const header = msg.header as { vehicleId: string; seq: number } | undefined;
		if (!header) return;
		if (type === 'vehicle_status_report') this.onStatus(ctx, from, header.vehicleId, msg);
		else if (type === 'acknowledgement') {
			const acked = msg.ackedSeq as number;
			if (this.pending.delete(acked)) this.stats.acksReceived++;
		} else if (type === 'vehicle_event_report') {
			ctx.send(from, 'acknowledgement', {
				header: this.header(ctx, header.vehicleId),
				ackedSeq: header.seq,
				ackedKind: KIND_EVENT_REPORT,
				result: ACK_RECEIVED,
				attempt: 1
			});
		}
	}

	private sendTracked(ctx: CloudContext, to: number, type: string, payload: PbObject) {
		ctx.send(to, type, payload);
		const seq = (payload.header as { seq: number }).seq;
		if (payload.requiresAck) this.pending.set(seq, { to, type, payload, firstSentAt: ctx.nowMs, lastSentAt: ctx.nowMs, tries: 1 });
	}

	/** Resends advice that was not acknowledged within 3 s; gives up after 3 tries. */
	tick(ctx: CloudContext, alive: (node: number) => boolean) {
		for (const [seq, p] of this.pending) {
			if (ctx.nowMs - p.lastSentAt < ACK_TIMEOUT_MS) continue;
			if (p.tries >= MAX_TRIES || !alive(p.to)) {
				this.pending.delete(seq);
				this.stats.failed++;
				continue;
			}
			p.tries++;
			p.lastSentAt = ctx.nowMs;
			this.stats.resends++;
			ctx.send(p.to, p.type, p.payload); // same seq: a resend, not a new message
		}
	}

	private onStatus(ctx: CloudContext, from: number, vehicleId: string, msg: PbObject) {
		this.stats.reports++;
		const pos = positionDeg(msg.pos);
		const heading = headingDeg(msg.heading);
		let tr = this.vehicles.get(vehicleId);
		if (!tr) {
			tr = { node: from, edge: -1, s: 0, lastAdviceAt: -1e9, lastAdviceMax: -1, hazards: new Set(), lanes: new Set() };
			this.vehicles.set(vehicleId, tr);
		}
		// a report without a position or heading cannot be matched to a road
		if (!pos || heading === null) return;
		const { x, y } = ctx.net.proj.toXY(pos.lat, pos.lon);
		const m = this.mapMatch(ctx.net, x, y, heading);
		if (!m) return;
		tr.edge = m.edge.index;
		tr.s = m.s;
		this.glosa(ctx, from, vehicleId, tr, m.edge, m.s);
		this.hazards(ctx, from, vehicleId, tr, m.edge, m.s);
	}

	private glosa(ctx: CloudContext, to: number, vehicleId: string, tr: Tracked, e: Edge, s: number) {
		const ctrl = ctx.signals.get(e.to);
		if (!ctrl || ctrl.phaseOfLink(e.linkId) < 0) return;
		const dist = e.stopLine - s;
		if (dist < 15 || dist > 500) return;
		const tS = ctx.nowMs / 1000;
		const light = ctrl.lightFor(e.linkId, tS);
		const limit = e.speedLimit;
		let vMin: number;
		let vMax: number;
		let reason = REASON_PASS_ON_GREEN;
		let change: number;
		if (light.light === 'green' && dist / limit <= light.remaining) {
			vMin = Math.min(limit, dist / light.remaining);
			vMax = limit;
			change = light.remaining;
		} else {
			// arrive as the light turns green (the next green if this one will be missed)
			let tg = ctrl.timeToGreen(e.linkId, tS);
			if (light.light === 'green') tg = light.remaining + (ctrl.cycle - ctrl.phases[ctrl.phaseOfLink(e.linkId)].green);
			change = tg;
			const v = dist / Math.max(tg, 0.1);
			if (v < 4) {
				reason = REASON_STOP_AT_RED;
				vMin = 0;
				vMax = Math.min(limit, Math.max(v, 0));
			} else {
				vMax = Math.min(limit, v * 1.1);
				vMin = Math.min(vMax, v * 0.9);
			}
		}
		if (Math.abs(vMax - tr.lastAdviceMax) < 1 && ctx.nowMs - tr.lastAdviceAt < 5000) return;
		tr.lastAdviceAt = ctx.nowMs;
		tr.lastAdviceMax = vMax;
		this.stats.advice++;
		this.sendTracked(ctx, to, 'speed_advice', {
			header: this.header(ctx, vehicleId),
			intersection: { region: 1, id: e.to },
			phaseId: ctrl.phases[ctrl.phaseOfLink(e.linkId)].id,
			advisedSpeedMin: de.Speed.fromPhysical(vMin),
			advisedSpeedMax: de.Speed.fromPhysical(vMax),
			distanceToStopLine: de.Distance.fromPhysical(dist),
			timeToChange: de.TimeMark.fromPhysical(change),
			validUntilMs: ctx.utcMs + Math.round(Math.min(10, Math.max(1, change)) * 1000),
			reason: reason,
			requiresAck: true
		});
	}

	private hazards(ctx: CloudContext, to: number, vehicleId: string, tr: Tracked, e: Edge, s: number) {
		for (const ev of ctx.events()) {
			// on the event's edge before it, or on an edge leading into it
			const ahead = (ev.edge === e.index && s < ev.s) || ctx.net.nodes.get(e.to)!.outEdges.includes(ev.edge);
			if (!ahead) continue;
			if (!tr.hazards.has(ev.id)) {
				tr.hazards.add(ev.id);
				this.stats.hazards++;
				this.sendTracked(ctx, to, 'hazard_notice', {
					header: this.header(ctx, vehicleId),
					hazardId: ev.id,
					eventType: EVENT_CODES[ev.kind],
					pos: position7(ev.pos),
					radius: de.Radius.fromPhysical(ev.radiusM),
					description: ev.description,
					validFromMs: ev.startMs + (ctx.utcMs - ctx.nowMs),
					validUntilMs: ev.endMs + (ctx.utcMs - ctx.nowMs),
					severity: ev.kind === 'accident' ? SEVERITY_HIGH : SEVERITY_MEDIUM,
					link: { upstreamNodeId: { region: 1, id: ctx.net.edges[ev.edge].from }, downstreamNodeId: { region: 1, id: ctx.net.edges[ev.edge].to } },
					...(ev.closedLane >= 0 ? { affectedLanes: [ev.closedLane + 1] } : {})
				});
			}
			const target = ctx.net.edges[ev.edge];
			if (ev.closedLane >= 0 && target.lanes > 1 && !tr.lanes.has(ev.id)) {
				tr.lanes.add(ev.id);
				this.stats.laneAdvice++;
				const lane = ev.closedLane === 0 ? 1 : ev.closedLane - 1;
				this.sendTracked(ctx, to, 'lane_advice', {
					header: this.header(ctx, vehicleId),
					targetLink: { upstreamNodeId: { region: 1, id: target.from }, downstreamNodeId: { region: 1, id: target.to } },
					targetLane: lane + 1,
					reason: LANE_REASON_CLOSED,
					distanceToAct: de.Distance.fromPhysical(Math.max(0, ev.s - (ev.edge === e.index ? s : -(e.length - s)))),
					validUntilMs: ev.endMs + (ctx.utcMs - ctx.nowMs),
					requiresAck: true
				});
			}
		}
	}

	/** Forgets a vehicle that left the network. */
	forget(vehicleId: string) {
		this.vehicles.delete(vehicleId);
	}
}
