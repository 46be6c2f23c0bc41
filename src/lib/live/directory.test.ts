import { describe, expect, test } from 'vitest';
import { CLOUD_ID, VEHICLE_FIRST_ID, VRU_FIRST_ID, nodeKind } from '../sim';
import { MAX_NAME, NodeDirectory } from './directory';

describe('NodeDirectory', () => {
	test('ids by kind in the simulation ranges, stable per key, names kept', () => {
		const d = new NodeDirectory();
		const rsu = d.idOf('rsu:A', 'rsu', 'A', 0);
		const vru = d.idOf('psm:1', 'vru', 'pedestrian:1', 0);
		const car = d.idOf('bsm:1', 'vehicle', 'vehicle:1', 0);
		expect([nodeKind(rsu), nodeKind(vru), nodeKind(car)]).toEqual(['rsu', 'vru', 'vehicle']);
		expect([vru, car]).toEqual([VRU_FIRST_ID, VEHICLE_FIRST_ID]);
		expect(d.idOf('bsm:1', 'vehicle', 'other name', 5)).toBe(car);
		expect(d.nameOf(car)).toBe('vehicle:1');
		expect(d.idOf('cloud', 'cloud', 'cloud', 0)).toBe(CLOUD_ID);
		expect(d.nameOf(123456)).toBe('node-123456');
	});

	test('names not heard of are forgotten, kept ones and aliases of kept ones stay; ids are not given again at once', () => {
		const d = new NodeDirectory();
		const rsu = d.idOf('rsu:A', 'rsu', 'A', 0, true);
		expect(d.alias('rsu:wire-A', rsu)).toBe(true);
		expect(d.alias('rsu:A', rsu)).toBe(false);
		const old = d.idOf('bsm:old', 'vehicle', 'old', 0);
		const fresh = d.idOf('bsm:new', 'vehicle', 'new', 100);
		expect(d.forget(50)).toBe(1);
		expect(d.find('bsm:old')).toBeUndefined();
		expect(d.find('bsm:new')).toBe(fresh);
		expect(d.idOf('rsu:wire-A', 'rsu', 'x', 200)).toBe(rsu);
		const again = d.idOf('bsm:old', 'vehicle', 'old', 300);
		expect(again).not.toBe(old);
		expect(again).not.toBe(fresh);
	});

	test('a used-up range overflows into the vehicles range; ids are never given twice', () => {
		const d = new NodeDirectory();
		for (let i = 0; i < VEHICLE_FIRST_ID - VRU_FIRST_ID; i++) d.idOf(`psm:${i}`, 'vru', `p${i}`, 0);
		const over = d.idOf('psm:overflow', 'vru', 'p', 0);
		expect(nodeKind(over)).toBe('vehicle');
		d.forget(1); // every pedestrian goes
		const next = d.idOf('psm:next', 'vru', 'p', 2);
		expect(nodeKind(next)).toBe('vehicle');
		expect(next).toBeGreaterThan(over);
	});

	test('keys and names are cut to MAX_NAME characters', () => {
		const d = new NodeDirectory();
		const long = 'x'.repeat(70_000);
		const id = d.idOf(`topic:${long}`, 'vehicle', long, 0);
		expect(d.nameOf(id).length).toBe(MAX_NAME);
		expect(d.nameOf(id).endsWith('…')).toBe(true);
		expect(d.find(`topic:${long}`)).toBe(id);
	});
});
