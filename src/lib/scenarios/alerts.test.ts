// Every warning the scenarios raise names a text that exists in both languages, and gives every
// value that text asks for.
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
