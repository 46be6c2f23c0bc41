import { describe, expect, it } from 'vitest';
import { haversine } from '../sim/geo';
import { toDisplay, wgs84ToGcj02 } from './gcj02';

describe('WGS-84 to GCJ-02', () => {
	it('shifts points in China by the familiar few hundred metres', () => {
		// Beijing, Tiananmen: GCJ-02 reads about 0.0014 deg north and 0.0062 deg east of WGS-84
		const [lat, lon] = wgs84ToGcj02(39.9087, 116.3975);
		expect(lat - 39.9087).toBeCloseTo(0.0014, 3);
		expect(lon - 116.3975).toBeCloseTo(0.0062, 3);
		const d = haversine(39.9087, 116.3975, lat, lon);
		expect(d).toBeGreaterThan(400);
		expect(d).toBeLessThan(700);
	});
	it('leaves points outside China alone, and WGS-84 display unchanged', () => {
		expect(wgs84ToGcj02(48.8584, 2.2945)).toEqual([48.8584, 2.2945]);
		expect(toDisplay('wgs84', 39.78, 116.5)).toEqual([39.78, 116.5]);
	});
});
