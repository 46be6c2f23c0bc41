// The basemap is off unless asked for, and a link cannot pick a tile server silently.
import { describe, expect, it } from 'vitest';
import { ALLOWED_HOSTS_KEY, allowedHosts, checkTemplate, rememberHost, tilesFromLink, TILE_SERVERS } from './basemap';
import { Playground } from './playground.svelte';

function memoryStore(init: Record<string, string> = {}) {
	const m = new Map(Object.entries(init));
	return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('tile URL templates', () => {
	it('takes http(s) templates with {z}, {x} and {y}, naming the host', () => {
		expect(checkTemplate(' https://tiles.example.org:8443/a/{z}/{x}/{y}.png ')).toEqual({ ok: true, url: 'https://tiles.example.org:8443/a/{z}/{x}/{y}.png', host: 'tiles.example.org:8443' });
		expect(checkTemplate(TILE_SERVERS[0].url)).toMatchObject({ ok: true, host: 'tile.openstreetmap.org' });
	});
	it('refuses anything else, saying why', () => {
		const problem = (u: string) => (checkTemplate(u) as { problem: { key: string } }).problem?.key;
		expect(problem('javascript:alert(1)//{z}/{x}/{y}')).toBe('basemap.badScheme');
		expect(problem('file:///etc/{z}/{x}/{y}')).toBe('basemap.badScheme');
		expect(problem('data:image/png;base64,{z}{x}{y}')).toBe('basemap.badScheme');
		expect(problem('https://evil.example/tile.png')).toBe('basemap.noPlaceholders');
		expect(problem('//evil.example/{z}/{x}/{y}.png')).toBe('basemap.badUrl');
		expect(problem('https://user:pw@evil.example/{z}/{x}/{y}.png')).toBe('basemap.badUrl');
		expect(problem('')).toBe('basemap.badUrl');
		expect(problem(`https://a.example/${'x'.repeat(3000)}/{z}/{x}/{y}`)).toBe('basemap.badUrl');
	});
});

describe('tiles from a link', () => {
	it('asks before loading from a host not remembered; loads a remembered one; none is none', () => {
		const store = memoryStore();
		expect(tilesFromLink(null, store)).toEqual({ kind: 'none' });
		expect(tilesFromLink('none', store)).toEqual({ kind: 'none' });
		expect(tilesFromLink('https://evil.example/{z}/{x}/{y}.png', store)).toEqual({ kind: 'ask', url: 'https://evil.example/{z}/{x}/{y}.png', host: 'evil.example' });
		rememberHost(store, 'evil.example');
		rememberHost(store, 'evil.example');
		expect(allowedHosts(store)).toEqual(['evil.example']);
		expect(tilesFromLink('https://evil.example/{z}/{x}/{y}.png', store)).toMatchObject({ kind: 'load' });
		// another host of the same name's suffix is another host
		expect(tilesFromLink('https://evil.example.net/{z}/{x}/{y}.png', store)).toMatchObject({ kind: 'ask', host: 'evil.example.net' });
		expect(tilesFromLink('ftp://x/{z}/{x}/{y}', store)).toMatchObject({ kind: 'refused' });
	});
	it('damaged storage remembers nothing', () => {
		expect(allowedHosts(memoryStore({ [ALLOWED_HOSTS_KEY]: '{bad' }))).toEqual([]);
		expect(allowedHosts(memoryStore({ [ALLOWED_HOSTS_KEY]: '[1, "a.example"]' }))).toEqual(['a.example']);
		expect(allowedHosts(null)).toEqual([]);
	});
});

describe('the playground basemap', () => {
	it('is off at start; a link asks, a refusal keeps it off and says so; the menu loads a known server at once', () => {
		const pg = new Playground();
		expect(pg.tilesUrl).toBe('');
		pg.tilesFromLink('https://evil.example/{z}/{x}/{y}.png');
		expect(pg.tilesUrl).toBe('');
		expect(pg.tilesAsk).toEqual({ url: 'https://evil.example/{z}/{x}/{y}.png', host: 'evil.example', fromLink: true });
		pg.answerTiles(false, false);
		expect(pg.tilesUrl).toBe('');
		expect(pg.tilesAsk).toBeNull();
		expect(pg.linkNotices).toEqual([{ key: 'basemap.refused', params: { host: 'evil.example' } }]);
		pg.tilesFromLink('https://evil.example/{z}/{x}/{y}.png');
		pg.answerTiles(true, false);
		expect(pg.tilesUrl).toBe('https://evil.example/{z}/{x}/{y}.png');
		pg.chooseTiles('');
		expect(pg.tilesUrl).toBe('');
		pg.chooseTiles(TILE_SERVERS[0].url);
		expect(pg.tilesUrl).toBe(TILE_SERVERS[0].url);
		expect(pg.tilesAsk).toBeNull();
		pg.chooseTiles('https://mine.example/{z}/{x}/{y}.png');
		expect(pg.tilesAsk).toMatchObject({ host: 'mine.example', fromLink: false });
		pg.tilesFromLink('javascript:alert(1)');
		expect(pg.linkNotices.at(-1)?.key).toBe('basemap.badScheme');
	});
});
