// The vehicle applications on hand-made messages, through a stand-in application context: what
// they warn of, and that an "unavailable" speed or heading never makes a warning.
import { describe, expect, it } from 'vitest';
import type { MessageFrame } from '../../codec';
import type { AppContext, EgoState } from '../../sim/app-context';
import type { Alert, Transmission } from '../../sim/events';
import { Eebl, Icw, Glosa } from './apps';

/** A flat world: 1 m is 1e-5 degree, so a position in metres is (y, x) * 100 in the encoded unit. */
function context(ego: EgoState) {
	const alerts: Pick<Alert, 'node' | 'app' | 'key' | 'params'>[] = [];
	const ctx: AppContext = {
		nowMs: 1000,
		region: 1,
		clock: () => ({ nowMs: 1000, utcMs: 1000, secMark: 1000, moy: 0 }),
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
	return { ctx, alerts };
}

const at = (x: number, y: number) => ({ lat: Math.round(y * 100), lon: Math.round(x * 100), elevation: 0 });
const tx = { kind: 'tx', seq: 1, t: 1000, sender: 10001, channel: 'pc5', type: 'bsm', bytes: new Uint8Array(), receivers: [10000], receiverCount: 1, latencyMs: 5 } as Transmission;
const bsm = (fields: Record<string, unknown>) => ({ bsm: { msgCnt: 1, ...fields } }) as unknown as MessageFrame;
const SPEED_UNAVAILABLE = 8191;
const HEADING_UNAVAILABLE = 28800;

describe('vehicle applications and unavailable values', () => {
	const north: EgoState = { id: 10000, x: 0, y: 0, heading: 0, speed: 10 };

	it('EEBL warns of hard braking ahead, but not when the heading is unavailable (it is not 360°)', () => {
		const hardBraking = { pos: at(0, 50), speed: 500, safetyExt: { events: 1 << 7 } };
		const ok = context(north);
		new Eebl().onReceive(ok.ctx, north.id, tx, bsm({ ...hardBraking, heading: 0 }));
		expect(ok.alerts).toEqual([{ node: north.id, app: 'eebl', key: 'alerts.eebl', params: { ahead: 50 } }]);
		const unknown = context(north);
		new Eebl().onReceive(unknown.ctx, north.id, tx, bsm({ ...hardBraking, heading: HEADING_UNAVAILABLE }));
		expect(unknown.alerts).toEqual([]);
	});

	it('ICW predicts from a real speed, never from 8191 read as 163.8 m/s', () => {
		// a car coming from the east on a crossing path: it reaches the crossing point (0, 50) in
		// 5 s at 163.8 m/s, as we do at 10 m/s
		const from = { pos: at(819, 50), heading: 21600 }; // due west
		const real = context(north);
		new Icw().onReceive(real.ctx, north.id, tx, bsm({ ...from, speed: 8190 }));
		expect(real.alerts.map((a) => a.key)).toEqual(['alerts.icw']);
		const unknown = context(north);
		new Icw().onReceive(unknown.ctx, north.id, tx, bsm({ ...from, speed: SPEED_UNAVAILABLE }));
		expect(unknown.alerts).toEqual([]);
	});

	it('ICW ignores a BSM whose heading is unavailable (28800 would read as due north)', () => {
		const east: EgoState = { id: 10000, x: 0, y: 0, heading: 90, speed: 10 };
		// a car south of our path heading north at 10 m/s would cross it with us at (50, 0)
		const real = context(east);
		new Icw().onReceive(real.ctx, east.id, tx, bsm({ pos: at(50, -50), heading: 0, speed: 500 }));
		expect(real.alerts.map((a) => a.key)).toEqual(['alerts.icw']);
		const unknown = context(east);
		new Icw().onReceive(unknown.ctx, east.id, tx, bsm({ pos: at(50, -50), heading: HEADING_UNAVAILABLE, speed: 500 }));
		expect(unknown.alerts).toEqual([]);
	});

	it('GLOSA shows advised speeds in km/h and drops advice whose speeds are unavailable', () => {
		const advice = (min: number, max: number) => ({ speedAdvice: { advisedSpeedMin: min, advisedSpeedMax: max, reason: 1 } }) as unknown as MessageFrame;
		// 60 km/h, advised 36-50 km/h (500 and 694 in 0.02 m/s)
		const fast: EgoState = { ...north, speed: 60 / 3.6 };
		const ok = context(fast);
		new Glosa().onReceive(ok.ctx, fast.id, tx, advice(500, 694));
		expect(ok.alerts).toEqual([{ node: fast.id, app: 'glosa', key: 'alerts.glosa.passOnGreen', params: { min: 36, max: 50 } }]);
		const unknown = context(fast);
		new Glosa().onReceive(unknown.ctx, fast.id, tx, advice(500, SPEED_UNAVAILABLE));
		expect(unknown.alerts).toEqual([]);
	});

	it('GLOSA keeps quiet when the present speed is inside the advised range (2 km/h tolerance), never about stopping', () => {
		const advice = (min: number, max: number, reason = 1) => ({ speedAdvice: { advisedSpeedMin: min, advisedSpeedMax: max, reason } }) as unknown as MessageFrame;
		const inside = context(north); // 36 km/h, advised 36-50
		new Glosa().onReceive(inside.ctx, north.id, tx, advice(500, 694));
		expect(inside.alerts).toEqual([]);
		const justOver = context({ ...north, speed: 52.5 / 3.6 }); // 2.5 km/h over 50
		new Glosa().onReceive(justOver.ctx, north.id, tx, advice(500, 694));
		expect(justOver.alerts.map((a) => a.key)).toEqual(['alerts.glosa.passOnGreen']);
		const stop = context(north); // advice to stop at red is always shown
		new Glosa().onReceive(stop.ctx, north.id, tx, advice(0, 694, 2));
		expect(stop.alerts.map((a) => a.key)).toEqual(['alerts.glosa.stopAtRed']);
	});
});
