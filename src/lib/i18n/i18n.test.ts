import { describe, expect, it } from 'vitest';
import { catalogs, keyPaths, lang, t } from './index.svelte';
import { SCENARIOS } from '../scenarios';
import { de, frameTypes } from '../codec';

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
			const ph = (s: string) => [...s.matchAll(/\{\{(\w+)(?:, [^}]*)?\}\}/g)].map((m) => m[1]).sort();
			// a value that has its own Chinese form comes as a second parameter `<name>Zh` (a road's name)
			const zhPh = ph(z).map((p) => (p.endsWith('Zh') && ph(e).includes(p.slice(0, -2)) ? p.slice(0, -2) : p)).sort();
			expect(zhPh, k).toEqual(ph(e));
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
		// exactly the scenarios there are: the end-to-end tests play the catalog's list
		expect(Object.keys(catalogs.en.scenarios).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
		for (const t of frameTypes()) expect((catalogs.zh.types as Record<string, string>)[t.name], t.name).toBeDefined();
	});

	it('labels message types from the registry in the language shown', () => {
		lang.locale = 'en';
		expect(t('types.bsm')).toBe('BSM');
		expect(t('types.speed_advice')).toBe('Speed advice');
		lang.locale = 'zh';
		expect(t('types.bsm')).toBe('BSM 基本安全消息');
		expect(t('types.speed_advice')).toBe('车速引导');
		expect(t('types.alert')).toBe('预警');
		lang.locale = 'en';
	});
});

describe('errors in both languages', () => {
	it('says codec errors and range violations in Chinese, with the same path, offset and values', async () => {
		const { lang, errorText, violationText } = await import('./index.svelte');
		const { parseHex, decodeFrame, frameJson, validateFrame } = await import('../codec');
		const errOf = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				return e;
			}
			throw new Error('no error');
		};
		const hex = errOf(() => parseHex('08 0g'));
		const trunc = errOf(() => decodeFrame(parseHex('08 01 12 60 08')));
		const v = validateFrame(frameJson.from({ protocolVersion: 1, bsm: { msgCnt: 1, id: 'AQIDBAUGBwg=', speed: 9000 } }))[0];
		lang.locale = 'en';
		expect(errorText(hex)).toBe('"g" is not a hex digit, at text offset 4');
		expect(violationText(v)).toBe(`bsm.speed: 9000 out of range 0..8191 (unit ${de.Speed.unitText}; 8191 = unavailable)`);
		lang.locale = 'zh';
		expect(errorText(hex)).toBe('“g”不是十六进制数字，文本偏移 4');
		expect(errorText(trunc)).toBe('长度前缀为 96 字节，但只剩 1 字节，位置 bsm（字节偏移 3）');
		expect(violationText(v)).toBe(`bsm.speed：9000 超出范围 0..8191（单位 ${de.Speed.unitText}；8191 表示不可用）`);
		// every kind of pasted-text error has its Chinese text
		expect(errorText(errOf(() => parseHex('8 01')))).toBe('“8”中的十六进制数字个数为奇数，文本偏移 0：每组必须是完整的字节（每字节两位）');
		expect(errorText(errOf(() => parseHex('{0x08, 0x1ff}')))).toBe('“0x1ff”不是字节（0x00..0xff 或 0..255），文本偏移 7');
		expect(errorText(errOf(() => parseHex('"\\x08\\q"')))).toBe('未知的转义“\\q”，文本偏移 5');
		lang.locale = 'en';
	});
});
