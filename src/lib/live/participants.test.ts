// Road users from BSM, PSM and RSM payloads written by hand (model objects: 1e-7 degree,
// 0.02 m/s, 0.0125 degree).
import { describe, expect, test } from 'vitest';
import { KIND_CODES } from '../sim';
import { Participants } from './participants';

const pos = (lat: number, lon: number) => ({ lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7) });

describe('Participants', () => {
	test('a BSM: position, heading, speed, kind from the vehicle class, braking and hard braking flags', () => {
		const p = new Participants(2000);
		expect(p.bsm(10001, { pos: pos(39.78, 116.5), heading: 7200, speed: 500, vehicleClass: { classification: 55 }, brakes: { brakePedal: 2 }, safetyExt: { events: 1 << 7 } }, 100)).toBe(true);
		const { vehicles } = p.snapshot();
		expect([...vehicles.id]).toEqual([10001]);
		expect(vehicles.lat[0]).toBeCloseTo(39.78, 9);
		expect(vehicles.heading[0]).toBeCloseTo(90, 4);
		expect(vehicles.speed[0]).toBeCloseTo(10, 4);
		expect(KIND_CODES[vehicles.kind[0]]).toBe('bus');
		expect(vehicles.flags[0]).toBe(1 | 4);
		expect(p.bsm(10002, { heading: 0 }, 100)).toBe(false); // no position
		expect(p.bsm(10003, { pos: { lat: 900000001, lon: 1800000001 } }, 100)).toBe(false); // unavailable
		expect(p.size).toBe(1);
	});

	test('a PSM: a pedestrian, or a cyclist by its basic type', () => {
		const p = new Participants(2000);
		p.psm(1000, { pos: pos(30, 114), heading: 0, speed: 50, nonMotorData: { basicType: 1 } }, 0);
		p.psm(1001, { pos: pos(30, 114.001), heading: 0, speed: 200, nonMotorData: { basicType: 2 } }, 0);
		expect(p.snapshot().vrus.map((v) => [v.id, v.kind])).toEqual([
			[1000, 'pedestrian'],
			[1001, 'cyclist']
		]);
	});

	test('RSM participants: offsets from the RSU\'s refPos, or absolute points; motor as vehicles, others as VRUs; unknown and RSU types not drawn', () => {
		const p = new Participants(2000);
		const ref = pos(30, 114);
		expect(p.participant(10010, ref, { ptcType: 1, pos: { latOffset: 1000, lonOffset: -1000 }, heading: 0, speed: 0, vehicleClass: { classification: 30 } }, 0)).toBe(true);
		expect(p.participant(1010, ref, { ptcType: 2, pos: { latOffset: 0, lonOffset: 0, lat: 300100000, lon: 1140100000 } }, 0)).toBe(true);
		expect(p.participant(1011, ref, { ptcType: 3, pos: { latOffset: 5, lonOffset: 5 } }, 0)).toBe(true);
		expect(p.participant(1012, ref, { ptcType: 4, pos: { latOffset: 5, lonOffset: 5 } }, 0)).toBe(false);
		expect(p.participant(1013, ref, { ptcType: 0, pos: { latOffset: 5, lonOffset: 5 } }, 0)).toBe(false);
		expect(p.participant(1014, { lat: 900000001, lon: 0 }, { ptcType: 3, pos: { latOffset: 5, lonOffset: 5 } }, 0)).toBe(false);
		const snap = p.snapshot();
		expect(snap.vehicles.lat[0]).toBeCloseTo(30.0001, 9);
		expect(snap.vehicles.lon[0]).toBeCloseTo(113.9999, 9);
		expect(KIND_CODES[snap.vehicles.kind[0]]).toBe('truck');
		expect(snap.vrus).toEqual([
			{ id: 1010, kind: 'cyclist', lat: 30.01, lon: 114.01, heading: 0 },
			{ id: 1011, kind: 'pedestrian', lat: 30.0000005, lon: 114.0000005, heading: 0 }
		]);
	});

	test('stale nodes go; an unavailable heading keeps the last one', () => {
		const p = new Participants(2000);
		p.bsm(10001, { pos: pos(39.78, 116.5), heading: 7200 }, 0);
		p.bsm(10001, { pos: pos(39.78, 116.5), heading: 28800 }, 1000); // 28800: unavailable
		expect(p.snapshot().vehicles.heading[0]).toBeCloseTo(90, 4);
		p.prune(3000);
		expect(p.positionOf(10001)).toEqual({ lat: 39.78, lon: 116.5 });
		p.prune(3001);
		expect(p.positionOf(10001)).toBeNull();
		expect(p.size).toBe(0);
	});
});
