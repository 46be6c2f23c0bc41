// Emergency vehicle signal priority, both ends. The ambulance's unit asks the next signal for
// priority in a VIR (vehicle intention and request, T/CSAE 157); the RSU serving that junction
// grants it (the plan is retimed so the ambulance's approach is green) and answers with an RSC.
import type { MessageFrame, PbObject } from '../../codec';
import { position7, type AppContext, type ReceiverApp, type Transmission } from '../../sim';
import { de } from '../../codec';
import type { Frame } from './vehicle-app';

/** The ambulance asks within this distance of the stop line, m. */
const ASK_WITHIN_M = 220;
const ASK_EVERY_MS = 1000;
/** Green kept after the estimated arrival, s. */
const MARGIN_S = 4;
const REQ_STATUS_REQUEST = 1;
const PRIORITY_HIGH = 0xe0;
const MS_PER_S = 1000;

export class SignalPriority implements ReceiverApp {
	readonly id = 'priority';
	private askedAt = new Map<number, number>();
	private granted = new Set<number>();
	constructor(readonly ambulance: number) {}

	/** Called every step: near a signalled junction the ambulance asks once a second until granted. */
	tick(ctx: AppContext) {
		const v = ctx.ego(this.ambulance);
		const j = ctx.junctionAhead(this.ambulance);
		if (!v || !j) return;
		const dist = j.distanceM;
		if (!j.signalled || dist > ASK_WITHIN_M || dist < 5 || this.granted.has(j.node)) return;
		if (ctx.nowMs - (this.askedAt.get(j.node) ?? -1e9) < ASK_EVERY_MS) return;
		const me = ctx.identity(this.ambulance);
		if (!me) return;
		this.askedAt.set(j.node, ctx.nowMs);
		const pos = ctx.toLatLon(v.x, v.y);
		const eta = dist / Math.max(v.speed, 1);
		const intersection = { region: ctx.region, id: j.node };
		ctx.broadcast(this.ambulance, 'vir', {
			msgCnt: me.msgCnt,
			id: me.tempId,
			secMark: me.clock.secMark,
			refPos: position7(pos),
			intAndReq: {
				currentPos: { pos: { latOffset: 0, lonOffset: 0 }, speed: de.Speed.fromPhysical(v.speed), heading: de.Heading.fromPhysical(v.heading) },
				reqs: [
					{
						reqId: 1,
						status: REQ_STATUS_REQUEST,
						reqPriority: PRIORITY_HIGH,
						info: {
							signalPriority: {
								intersectionId: intersection,
								requiredMov: { remoteIntersection: intersection, phaseId: j.phaseId ?? 0 },
								estimatedArrivalTime: de.TimeOffset.fromPhysical(eta * MS_PER_S),
								distance2Intersection: de.Distance2Intersection.fromPhysical(dist)
							}
						},
						lifeTime: 2000
					}
				]
			}
		});
	}

	/** At an RSU: grants a VIR's signal priority request for a junction it serves, and answers with an RSC. */
	onReceive(ctx: AppContext, receiver: number, tx: Transmission, frame: MessageFrame) {
		const vir = (frame as Frame).vir as PbObject | undefined;
		const rsu = ctx.rsu(receiver);
		if (!vir || !rsu) return;
		for (const req of ((vir.intAndReq as PbObject)?.reqs as PbObject[]) ?? []) {
			const sp = (req.info as PbObject | undefined)?.signalPriority as PbObject | undefined;
			const node = ((sp?.intersectionId as PbObject | undefined)?.id as number) ?? 0;
			if (!sp || !rsu.nodes.includes(node) || this.granted.has(node)) continue;
			const phaseId = ((sp.requiredMov as PbObject)?.phaseId as number) ?? 0;
			const arrivalMs = de.TimeOffset.toPhysical((sp.estimatedArrivalTime as number) ?? 0);
			if (arrivalMs === null) continue; // no arrival time: nothing to plan the green for
			const eta = arrivalMs / MS_PER_S + MARGIN_S;
			if (!ctx.grantPriority(node, phaseId, eta)) continue;
			this.granted.add(node);
			ctx.raiseAlert(receiver, this.id, 'info', 'alerts.priority', { node, eta: Math.round(eta) }, tx);
			ctx.broadcast(receiver, 'rsc', {
				msgCnt: 1,
				id: rsu.id8,
				secMark: ctx.clock().secMark,
				refPos: position7(rsu),
				coordinates: [{ vehId: vir.id as Uint8Array, driveSuggestion: { suggestion: 1, lifeTime: de.TimeOffset.fromPhysical(eta * MS_PER_S) } }]
			});
		}
	}
}
