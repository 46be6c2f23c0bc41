import { describe, expect, it } from 'vitest';
import { lang } from '../i18n/index.svelte';
import { SIM_MESSAGE_TYPES } from '../codec/registry';
import { broadcastsOf, colorOf, HIGH_RATE_TYPES, labelOf, SIM_TYPES } from './colors';

describe('per-type lists from the registry', () => {
	it('the legend lists what the simulation sends, in its order', () => {
		expect(SIM_TYPES).toEqual(SIM_MESSAGE_TYPES.map((m) => m.payload));
		expect(SIM_TYPES.slice(0, 3)).toEqual(['bsm', 'spat', 'map_data']);
		expect(SIM_TYPES).toContain('speed_advice');
		expect(SIM_TYPES).not.toContain('clpmm');
	});
	it('a click opens what the node broadcasts', () => {
		expect(broadcastsOf('vehicle')).toEqual(['bsm']);
		// an RSU opens its SPAT first, then what else it broadcasts
		expect(broadcastsOf('rsu').slice(0, 2)).toEqual(['spat', 'map_data']);
		expect(broadcastsOf('rsu')).toEqual(expect.arrayContaining(['rsm', 'rsi']));
		expect(broadcastsOf('rsu')).not.toContain('bsm');
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
