// Every warning the scenarios raise names a text that exists in both languages, and gives every
// value that text asks for.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zh from '../i18n/zh.json';
import type { Alert } from '../sim';
import { EVENT_CODES } from '../sim';
import { createScenarioWorld, SCENARIOS } from './index';

const lookup = (catalog: unknown, key: string): unknown => key.split('.').reduce((o: unknown, k) => (o as Record<string, unknown> | undefined)?.[k], catalog);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

function alertsOf(id: string, seconds: number): Alert[] {
	const { world } = createScenarioWorld(id);
	const out: Alert[] = [];
	for (let i = 0; i < seconds * 10; i++) {
		world.step();
		for (const e of world.drainEvents()) if (e.kind === 'alert') out.push(e);
	}
	return out;
}

describe('alert texts', () => {
	it("every scenario's warnings have texts in English and Chinese, with all their values", () => {
		const seen = new Set<string>();
		for (const sc of SCENARIOS)
			for (const a of alertsOf(sc.id, Math.max(15, sc.window[1] + 1))) {
				seen.add(a.app);
				for (const [lang, catalog] of Object.entries({ en, zh })) {
					const text = lookup(catalog, a.key);
					expect(typeof text, `${lang}: ${a.key}`).toBe('string');
					for (const p of placeholders(text as string)) expect(a.params[p], `${lang}: ${a.key} {{${p}}}`).toBeDefined();
				}
			}
		expect([...seen].sort()).toEqual([...new Set([...SCENARIOS.map((s) => s.keyApp), 'priority'])].sort());
	});

	it('road events and road-event warnings have a text for every event kind, and for unknown codes', () => {
		for (const kind of [...Object.keys(EVENT_CODES), 'other'])
			for (const key of [`alerts.rsi.${kind}`, `alerts.hazard.${kind}`, ...(kind === 'other' ? [] : [`alerts.roadEvent.${kind}`])]) {
				expect(typeof lookup(en, key), key).toBe('string');
				expect(typeof lookup(zh, key), key).toBe('string');
			}
	});
});

/** The catalogs as the app renders them: i18next, with `$t(...)` nesting for parameters that are keys. */
function renderer() {
	const i18n = i18next.createInstance();
	void i18n.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
	return (lng: 'en' | 'zh', a: Pick<Alert, 'key' | 'params'>) => i18n.t(a.key, { ...a.params, lng });
}

/**
 * Latin words in a Chinese text. Allowed: digits, punctuation, and ids made of letters and digits
 * joined by hyphens (node names such as car-10012 or RSU-BJ-YZ-01), which are names, not words.
 * Everything else with a letter A-Z (an English word, an acronym such as PSM or RLVW, a unit
 * such as km/h or m/s²) counts.
 */
function latinWords(text: string): string[] {
	const withoutIds = text.replace(/\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+\b/g, ' ');
	return withoutIds.match(/[A-Za-z]+/g) ?? [];
}

describe('alert texts as shown', () => {
	const say = renderer();
	it('fill every value, resolve every nested key, and keep Chinese free of Latin words', () => {
		for (const sc of SCENARIOS)
			for (const a of alertsOf(sc.id, sc.window[1] + 1)) {
				for (const lng of ['en', 'zh'] as const) {
					const text = say(lng, a);
					expect(text, `${lng} ${a.key}`).not.toMatch(/\{\{|\}\}|\$t\(|alerts\./);
				}
				expect(latinWords(say('zh', a)), `zh ${a.key}: ${say('zh', a)}`).toEqual([]);
			}
	});

	it('every alert text in the Chinese catalog is free of Latin words, whatever the event code', () => {
		const walk = (o: unknown, path: string): [string, string][] =>
			typeof o === 'string' ? [[path, o]] : Object.entries(o as object).flatMap(([k, v]) => walk(v, `${path}.${k}`));
		for (const [path, text] of walk(zh.alerts, 'alerts')) expect(latinWords(text.replace(/\{\{\w+\}\}|\$t\([^)]*\)/g, '')), path).toEqual([]);
	});

	it('RLVW quotes both times and names its rule in the language shown', () => {
		const a = { key: 'alerts.rlvw', params: { toRed: 0.4, toStop: 1.8, distance: 27, ssd: 45, reaction: 2.5, decel: 3.4, rule: 'aashtoSsd' } };
		expect(say('en', a)).toBe('RLVW: red in 0.4 s, stop line in 1.8 s (27 m) — stop! Stopping distance 45 m: 2.5 s to react, then 3.4 m/s² braking (AASHTO Green Book stopping sight distance)');
		expect(say('zh', a)).toBe('闯红灯预警：0.4 秒后红灯，1.8 秒后到达停止线（27 米），请停车！停车距离 45 米：反应 2.5 秒，再以 3.4 米/秒² 减速（美国《道路几何设计政策》（绿皮书）停车视距模型）');
	});

	it('finds Latin words but not ids', () => {
		expect(latinWords('⚠ car-10012: 前方 50 米（PSM）')).toEqual(['PSM']);
		expect(latinWords('RSU-BJ-YZ-01：前方 3 km/h')).toEqual(['km', 'h']);
		expect(latinWords('紧急制动预警：前方 32 米')).toEqual([]);
	});
});
