// The UI state keeps texts as i18n keys and parameters, so what it shows follows the language:
// a warning, an import error or a status line raised in English reads in Chinese after a switch.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lang, say, t } from '../i18n/index.svelte';
import type { FromWorker } from '../worker/protocol';
import { Playground } from './playground.svelte';

type Receiver = { receive(m: FromWorker): void };
const receive = (pg: Playground, m: FromWorker) => (pg as unknown as Receiver).receive(m);

afterEach(() => {
	lang.locale = 'en';
	vi.useRealTimers();
});

describe('texts in the UI state', () => {
	it('an alert raised in English reads in Chinese after switching, with the same values', () => {
		lang.locale = 'en';
		const alert = { key: 'alerts.eebl', params: { ahead: 42 } };
		const en = say(alert);
		expect(en).toBe('EEBL: hard braking 42 m ahead');
		lang.locale = 'zh';
		const zh = say(alert);
		expect(zh).not.toBe(en);
		expect(zh).toMatch(/[\u4e00-\u9fff]/);
		expect(zh).toContain('42');
	});

	it('an import error is stored as a key with the file and reason, and said in either language', () => {
		vi.useFakeTimers();
		const pg = new Playground();
		receive(pg, { kind: 'import-error', message: 'bad.pcapng: block 1 at byte offset 0: truncated' });
		expect(pg.error).toEqual({ key: 'playground.importError', params: { message: 'bad.pcapng: block 1 at byte offset 0: truncated' } });
		lang.locale = 'en';
		expect(say(pg.error!)).toBe('Not imported: bad.pcapng: block 1 at byte offset 0: truncated');
		lang.locale = 'zh';
		expect(say(pg.error!)).toBe('未导入：bad.pcapng: block 1 at byte offset 0: truncated');
		// it goes away by itself
		vi.advanceTimersByTime(8000);
		expect(pg.error).toBeNull();
	});

	it('numbers in a stored status line are formatted when said, in the language shown', () => {
		const notice = { key: 'playground.exported', params: { count: 12345, seconds: 12, file: 'run.pcapng' } };
		lang.locale = 'en';
		expect(say(notice)).toBe('Exported 12,345 messages (12.0 s) as run.pcapng');
		expect(say({ ...notice, params: { ...notice.params, count: 1 } })).toBe('Exported 1 message (12.0 s) as run.pcapng');
		lang.locale = 'zh';
		expect(say(notice)).toBe('已导出 12,345 条消息（12.0 秒），文件 run.pcapng');
	});

	it('counts are said with the plural their number takes, in both languages', () => {
		lang.locale = 'en';
		expect(t('playground.vehicleCount', { count: 1 })).toBe('1 vehicle');
		expect(t('playground.vehicleCount', { count: 0 })).toBe('0 vehicles');
		expect(t('playground.vehicleCount', { count: 1200 })).toBe('1,200 vehicles');
		expect(t('playground.replayStats', { count: 1, seconds: '0.1' })).toBe('1 message, 0.1 s');
		const imported = { key: 'playground.cityImported', params: { file: 'a.osm', junctions: 1, links: 2, km: 0.4, signals: 1, rsus: 0 } };
		expect(say(imported)).toBe('Imported a.osm: 1 junction, 2 links, 0.4 km of road, 1 signal, 0 RSUs');
		expect(say({ key: 'playground.cityImportNotes', params: { count: 1, notes: 'x' } })).toBe('1 note on the import: x');
		expect(t('selftest.run', { city: 'wuxi', seed: 1, vehicles: 1, seconds: 5 })).toBe('wuxi, seed 1, 1 vehicle, 5 simulated seconds');
		lang.locale = 'zh';
		expect(t('playground.vehicleCount', { count: 1 })).toBe('1 辆车');
		expect(t('playground.vehicleCount', { count: 1200 })).toBe('1,200 辆车');
		expect(say(imported)).toBe('已导入 a.osm：1 个路口、2 条路段、0.4 公里道路、1 个信号灯路口、0 个 RSU');
		lang.locale = 'en';
	});

	it('a worker error is kept as a key, not as English', () => {
		const pg = new Playground();
		receive(pg, { kind: 'error', message: 'boom' });
		expect(pg.error).toEqual({ key: 'playground.workerError', params: { message: 'boom' } });
		lang.locale = 'zh';
		expect(say(pg.error!)).toBe('仿真已停止：boom');
	});
});

describe('the on-air choice', () => {
	it('offers every built-in profile with its title, and reads back what it writes', async () => {
		const { profile, profileNames } = await import('../uper/profiles');
		const { ON_AIR_PROFILES, onAirKey, onAirOf } = await import('./playground.svelte');
		expect(ON_AIR_PROFILES.map((p) => p.name)).toEqual(profileNames());
		for (const p of ON_AIR_PROFILES) expect(p.title).toBe(profile(p.name).title);
		for (const key of ['protobuf', ...profileNames()]) expect(onAirKey(onAirOf(key)!)).toBe(key);
		expect(onAirOf('csae99')).toBeUndefined();
		expect(onAirOf(null)).toBeUndefined();
	});

	it('holds what the worker says is shown (a replayed capture: its profile)', () => {
		const pg = new Playground();
		receive(pg, { kind: 'ready', city: { id: 'x' } as never, cities: [], onAir: { encoding: 'uper', profile: 'csae53-2017' } });
		expect(pg.onAirShown).toEqual({ encoding: 'uper', profile: 'csae53-2017' });
		expect(pg.onAir).toEqual({ encoding: 'protobuf' });
	});
});

describe('vehicles above what a city holds', () => {
	const km: [number, number][] = [[0, 0], [0, 0.0089832]];
	const city = { id: 'tiny', roads: [{ linkId: 1, name: { en: '', zh: '' }, lanes: 1, oneWay: true, points: km }] } as never;
	it('are clamped to its capacity and announced once; a run that fits is left alone', () => {
		const pg = new Playground();
		pg.settings.vehicles = 500;
		receive(pg, { kind: 'ready', city, cities: [], onAir: { encoding: 'protobuf' } });
		// 65 places of 15 m on the lane, of which random placement fills 48
		expect(pg.capacity).toBe(48);
		expect(pg.settings.vehicles).toBe(48);
		expect(pg.linkNotices).toEqual([{ key: 'link.overCapacity', params: { value: '500', used: '48', city: 'tiny' } }]);
		expect(say(pg.linkNotices[0])).toBe('500 vehicles do not fit on tiny: running 48, as many as its lanes hold.');
		receive(pg, { kind: 'ready', city, cities: [], onAir: { encoding: 'protobuf' } });
		expect(pg.linkNotices).toHaveLength(1);
		pg.dismissLinkNotice(0);
		expect(pg.linkNotices).toEqual([]);
	});
	it('a scenario keeps its own count', () => {
		const pg = new Playground();
		pg.settings.vehicles = 500;
		receive(pg, { kind: 'ready', city, cities: [], onAir: { encoding: 'protobuf' }, scenario: { id: 'eebl' } as never });
		expect(pg.settings.vehicles).toBe(500);
		expect(pg.linkNotices).toEqual([]);
	});
});
