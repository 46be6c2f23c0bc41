// Red Light Violation Warning: the AASHTO stopping-sight-distance rule with plain numbers, and the
// application on a hand-made MAP and SPAT (time to red from the SPAT's countdown, its age, the
// parameters the text quotes).
import { describe, expect, it } from 'vitest';
import type { MessageFrame } from '../../codec';
import type { AppContext, EgoState } from '../../sim/app-context';
import type { Alert, Transmission } from '../../sim/events';
import { Rlvw, timeToRed } from './rlvw';
import { AASHTO_SSD, brakingDistance, rlvwDecision, stoppingDistance } from './rlvw-rule';

describe('the AASHTO stopping-sight-distance rule (Green Book 2018, §3.2.2: 2.5 s, 3.4 m/s²)', () => {
	it('states its constants', () => {
		expect(AASHTO_SSD).toEqual({ id: 'aashtoSsd', reactionS: 2.5, decelMs2: 3.4, leadS: 1 });
	});

	it('SSD = v·2.5 + v²/(2·3.4): 15 m/s → 37.5 + 33.1 = 70.6 m; 50 km/h → 34.7 + 28.4 = 63.1 m', () => {
		expect(stoppingDistance(15)).toBeCloseTo(37.5 + 225 / 6.8, 6);
		expect(stoppingDistance(15)).toBeCloseTo(70.59, 2);
		expect(brakingDistance(15)).toBeCloseTo(33.09, 2);
		expect(stoppingDistance(50 / 3.6)).toBeCloseTo(63.1, 1);
	});

	// 15 m/s: warning due from SSD + 1 s of travel = 85.6 m down to the braking distance 33.1 m
	const cases: [string, number, number, number | null, string][] = [
		['80 m at 15 m/s, red in 3 s: reaches the line in 5.3 s, after red → warn', 80, 15, 3, 'warn'],
		['85 m at 15 m/s, red in 3 s: just inside 85.6 m → warn', 85, 15, 3, 'warn'],
		['90 m at 15 m/s, red in 3 s: beyond 85.6 m → too early', 90, 15, 3, 'early'],
		['80 m at 15 m/s, red in 6 s: clears the line in 5.3 s → silent', 80, 15, 6, 'clears'],
		['80 m at 15 m/s, red now (0 s) → warn', 80, 15, 0, 'warn'],
		['30 m at 15 m/s, red in 1 s: cannot stop in 30 m (needs 33.1 m) → too late', 30, 15, 1, 'tooLate'],
		['17 m at 9.4 m/s, red in 0.4 s: the old 17 m case, braking needs 13 m → still warns', 17, 9.4, 0.4, 'warn'],
		['120 m at 20 m/s, red in 4 s: within 108.8 + 20 = 128.8 m → warn', 120, 20, 4, 'warn'],
		['80 m at 15 m/s, no red announced → silent', 80, 15, null, 'clears'],
		['20 m at 2 m/s, red in 1 s: creeping → silent', 20, 2, 1, 'clears']
	];
	for (const [title, d, v, toRed, verdict] of cases)
		it(title, () => {
			expect(rlvwDecision(d, v, toRed, true).verdict).toBe(verdict);
		});

	it('a red that is over by the time the vehicle arrives warns of nothing', () => {
		expect(rlvwDecision(80, 15, 3, false).verdict).toBe('clears');
	});

	it('reports its arithmetic: time to the stop line, SSD, the warning distance, the braking distance', () => {
		const d = rlvwDecision(80, 15, 3, true);
		expect(d.toStopS).toBeCloseTo(80 / 15, 6);
		expect(d.ssdM).toBeCloseTo(70.59, 2);
		expect(d.warnAtM).toBeCloseTo(85.59, 2);
		expect(d.brakeM).toBeCloseTo(33.09, 2);
	});
});

const LIGHT_GREEN = 5;
const LIGHT_YELLOW = 7;
const LIGHT_RED = 3;
const NODE = 7;
/** A state counted down in 0.1 s from the SPAT's time (DF_TimeCountingDown). */
const state = (light: number, start: number, end: number) => ({ light, timing: { startTime: Math.round(start * 10), likelyEndTime: Math.round(end * 10) } });

describe('time to red from SPAT phase states', () => {
	it('is the end of the yellow that runs into red', () => {
		expect(timeToRed([state(LIGHT_GREEN, 0, 0.7), state(LIGHT_YELLOW, 0.7, 3.7), state(LIGHT_RED, 3.7, 45.7)] as never)).toBeCloseTo(3.7, 6);
		expect(timeToRed([state(LIGHT_YELLOW, 0, 0.4), state(LIGHT_RED, 0.4, 42.4), state(LIGHT_GREEN, 42.4, 87.4)] as never)).toBeCloseTo(0.4, 6);
	});
	it('is 0 on red, null when no red is announced or its times are unknown', () => {
		expect(timeToRed([state(LIGHT_RED, 0, 12), state(LIGHT_GREEN, 12, 57)] as never)).toBe(0);
		expect(timeToRed([state(LIGHT_GREEN, 0, 20)] as never)).toBeNull();
		expect(timeToRed([state(LIGHT_GREEN, 0, 2), { light: LIGHT_RED, timing: { startTime: 36001, likelyEndTime: 36001 } }] as never)).toBeNull();
	});
});

/** A flat world (1 m = 1e-5 degree, so 100 in 1e-7 degree) with the ego heading north towards a stop line 14 m south of node 7. */
function world(distanceM: number, speed: number, secMark = 1000) {
	const ego: EgoState = { id: 10000, x: 0, y: -14 - distanceM, heading: 0, speed };
	const alerts: Pick<Alert, 'node' | 'app' | 'key' | 'params'>[] = [];
	const ctx: AppContext = {
		nowMs: secMark,
		region: 1,
		clock: () => ({ nowMs: secMark, utcMs: secMark, secMark, moy: 0 }),
		ego: (id) => (id === ego.id ? ego : null),
		toXY: (lat, lon) => ({ x: lon * 1e5, y: lat * 1e5 }),
		toLatLon: (x, y) => ({ lat: y / 1e5, lon: x / 1e5 }),
		junctionAhead: () => null,
		rsu: () => null,
		grantPriority: () => false,
		identity: () => null,
		broadcast: () => null,
		raiseAlert: (node, app, _level, key, params) => alerts.push({ node, app, key, params })
	};
	return { ego, ctx, alerts };
}

const tx = { kind: 'tx', seq: 1, t: 1000, sender: 1, channel: 'pc5', type: 'spat', bytes: new Uint8Array(), receivers: [10000], receiverCount: 1, latencyMs: 5 } as Transmission;
// the approach: a 300 m link from the south ending at the node centre, governed by phase 1
const mapFrame = {
	mapData: { nodes: [{ id: { region: 1, id: NODE }, refPos: { lat: 0, lon: 0 }, inLinks: [{ points: [{ posOffset: { latOffset: -30000, lonOffset: 0 } }, { posOffset: { latOffset: 0, lonOffset: 0 } }], movements: [{ remoteIntersection: { region: 1, id: 8 }, phaseId: 1 }] }] }] }
} as unknown as MessageFrame;
/** Green until 3 s before red, then a 3 s yellow (or what is left of it), then 42 s of red. */
const phaseStates = (toRed: number) => [
	...(toRed > 3 ? [state(LIGHT_GREEN, 0, toRed - 3)] : []),
	state(LIGHT_YELLOW, Math.max(0, toRed - 3), toRed),
	state(LIGHT_RED, toRed, toRed + 42)
];
const spatFrame = (toRed: number, timeStamp = 1000) =>
	({
		spat: {
			moy: 0,
			timeStamp,
			intersections: [{ intersectionId: { region: 1, id: NODE }, moy: 0, timeStamp, phases: [{ id: 1, phaseStates: phaseStates(toRed) }] }]
		}
	}) as unknown as MessageFrame;

describe('the RLVW application', () => {
	it('warns 80 m before the line at 15 m/s with red in 3.7 s, quoting both times, the SSD and the rule', () => {
		const w = world(80, 15);
		const app = new Rlvw();
		app.onReceive(w.ctx, w.ego.id, tx, mapFrame);
		app.onReceive(w.ctx, w.ego.id, tx, spatFrame(3.7));
		expect(w.alerts).toEqual([{ node: w.ego.id, app: 'rlvw', key: 'alerts.rlvw', params: { toRed: 3.7, toStop: 5.3, distance: 80, ssd: 71, reaction: 2.5, decel: 3.4, rule: 'aashtoSsd' } }]);
	});

	it('stays silent 100 m before the line (beyond 85.6 m), when it clears before red, and without a MAP', () => {
		for (const [d, toRed] of [[100, 3.7], [80, 6]]) {
			const w = world(d, 15);
			const app = new Rlvw();
			app.onReceive(w.ctx, w.ego.id, tx, mapFrame);
			app.onReceive(w.ctx, w.ego.id, tx, spatFrame(toRed));
			expect(w.alerts, `${d} m, red in ${toRed} s`).toEqual([]);
		}
		const w = world(80, 15);
		new Rlvw().onReceive(w.ctx, w.ego.id, tx, spatFrame(3.7));
		expect(w.alerts).toEqual([]);
	});

	it('warns once per approach: not again 6 s later while the warned driver brakes', () => {
		const app = new Rlvw();
		const first = world(80, 15, 1000);
		app.onReceive(first.ctx, first.ego.id, tx, mapFrame);
		app.onReceive(first.ctx, first.ego.id, tx, spatFrame(3.7, 1000));
		expect(first.alerts).toHaveLength(1);
		// 6 s on (past the 5 s cool-down): 25 m before the line at 9 m/s, red in 1 s, still able to stop
		const later = world(25, 9, 7000);
		app.onReceive(later.ctx, later.ego.id, tx, mapFrame);
		app.onReceive(later.ctx, later.ego.id, tx, spatFrame(1, 7000));
		expect(later.alerts).toEqual([]);
		// a vehicle that was not warned on it is warned there
		const fresh = world(25, 9, 7000);
		const other = new Rlvw();
		other.onReceive(fresh.ctx, fresh.ego.id, tx, mapFrame);
		other.onReceive(fresh.ctx, fresh.ego.id, tx, spatFrame(1, 7000));
		expect(fresh.alerts.map((a) => a.key)).toEqual(['alerts.rlvw']);
	});

	it("counts the SPAT's age from its timeStamp: 0.5 s old, red in 3.7 s then is red in 3.2 s now", () => {
		const w = world(80, 15, 1500);
		const app = new Rlvw();
		app.onReceive(w.ctx, w.ego.id, tx, mapFrame);
		app.onReceive(w.ctx, w.ego.id, tx, spatFrame(3.7, 1000));
		expect(w.alerts.map((a) => a.params.toRed)).toEqual([3.2]);
	});
});
