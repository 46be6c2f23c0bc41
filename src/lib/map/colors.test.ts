import { describe, expect, it } from 'vitest';
import { lang } from '../i18n/index.svelte';
import { broadcastsOf, colorOf, HIGH_RATE_TYPES, labelOf, SIM_TYPES } from './colors';

describe('per-type lists from the registry', () => {
	it('the legend lists what the simulation sends, in its order', () => {
		expect(SIM_TYPES).toEqual([
			'bsm', 'spat', 'map_data', 'rsm', 'rsi', 'psm', 'vehicle_status_report', 'vehicle_event_report', 'speed_advice', 'hazard_notice',
			'lane_advice', 'acknowledgement'
		]);
	});
	it('a click opens what the node broadcasts', () => {
		expect(broadcastsOf('vehicle')).toEqual(['bsm']);
		expect(broadcastsOf('rsu')).toEqual(['spat', 'map_data', 'rsm', 'rsi']);
		expect(broadcastsOf('vru')).toEqual(['psm']);
	});
	it('10 Hz broadcasts are pings; colours and labels follow the registry and the language', () => {
		for (const t of ['bsm', 'spat', 'rsm', 'psm']) expect(HIGH_RATE_TYPES.has(t), t).toBe(true);
		for (const t of ['map_data', 'rsi', 'speed_advice']) expect(HIGH_RATE_TYPES.has(t), t).toBe(false);
		expect(colorOf('bsm')).toBe('#1c7ed6');
		expect(colorOf('not-a-type')).toBe('#868e96');
		lang.locale = 'en';
		expect(labelOf('bsm')).toBe('BSM');
		expect(labelOf('mystery')).toBe('mystery');
		lang.locale = 'zh';
		expect(labelOf('speed_advice')).toMatch(/[\u4e00-\u9fff]/);
		lang.locale = 'en';
	});
});
