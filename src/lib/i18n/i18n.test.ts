import { describe, expect, it } from 'vitest';
import { catalogs, keyPaths } from './index.svelte';
import { SCENARIOS } from '../scenarios';
import { frameTypes } from '../codec';

describe('translations', () => {
	it('every message key exists in both languages, with text', () => {
		const en = keyPaths(catalogs.en).sort();
		const zh = keyPaths(catalogs.zh).sort();
		expect(zh).toEqual(en);
		const get = (o: unknown, path: string) => path.split('.').reduce((a: any, k) => a?.[k], o);
		for (const k of en) {
			for (const [name, cat] of Object.entries(catalogs)) {
				const v = get(cat, k);
				if (Array.isArray(v)) v.forEach((s, i) => expect(String(s).trim(), `${name}:${k}[${i}]`).not.toBe(''));
				else expect(String(v).trim(), `${name}:${k}`).not.toBe('');
			}
		}
	});
	it('the Chinese texts are Chinese and keep the same placeholders', () => {
		const get = (o: unknown, path: string) => path.split('.').reduce((a: any, k) => a?.[k], o);
		for (const k of keyPaths(catalogs.en)) {
			const e = JSON.stringify(get(catalogs.en, k));
			const z = JSON.stringify(get(catalogs.zh, k));
			const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
			expect(ph(z), k).toEqual(ph(e));
		}
		expect(JSON.stringify(catalogs.zh.playground)).toMatch(/[\u4e00-\u9fff]/);
	});
	it('covers every scenario, every message type the UI labels, both ways', () => {
		for (const s of SCENARIOS) {
			const en = (catalogs.en.scenarios as Record<string, { watch: string[] }>)[s.id];
			const zh = (catalogs.zh.scenarios as Record<string, { watch: string[] }>)[s.id];
			expect(en, s.id).toBeDefined();
			expect(zh.watch.length, s.id).toBe(s.watch.length);
			expect(en.watch).toEqual(s.watch);
		}
		for (const t of frameTypes()) expect((catalogs.zh.types as Record<string, string>)[t.name], t.name).toBeDefined();
	});
});
