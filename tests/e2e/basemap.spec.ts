// The basemap (issue 16, point 6): off by default, so the playground contacts no host but its own
// at start; a shared link's `?tiles=` asks first, naming the host, and loads nothing before the
// user allows it (remembered per host only if ticked); a refused or malformed template leaves the
// basemap off with a notice; the map's basemap control loads a known server or asks about a typed
// one. Tile servers are intercepted with page.route: no network.
import { expect, test, type Page } from '@playwright/test';
import { ready, shot, watchErrors } from './helpers';

/** A 1×1 transparent PNG, served for every intercepted tile. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const EVIL = 'https://evil.example/{z}/{x}/{y}.png';

/** Every request the page makes, and those to a host (answered with a tile). */
function recordRequests(page: Page) {
	const all: string[] = [];
	page.on('request', (r) => all.push(r.url()));
	return all;
}

async function serveTiles(page: Page, host: string): Promise<string[]> {
	const hits: string[] = [];
	await page.route(`https://${host}/**`, (route) => {
		hits.push(route.request().url());
		return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
	});
	return hits;
}

/** Waits until the map has drawn a few frames after start (whatever it loads at start has been asked for). */
async function started(page: Page) {
	await ready(page);
	const from = await page.evaluate(() => (window as any).cv2xDebug.drawCount() as number);
	await page.waitForFunction((n) => (window as any).cv2xDebug.drawCount() >= n, from + 3);
}

test('at start the page asks nothing of any host but its own, and shows no basemap', async ({ page, baseURL }) => {
	const errors = watchErrors(page);
	const requests = recordRequests(page);
	await page.goto('/');
	await started(page);
	const origin = new URL(baseURL!).origin;
	expect(requests.length).toBeGreaterThan(0);
	expect(requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
	await expect(page.locator('.leaflet-tile')).toHaveCount(0);
	await expect(page.getByTestId('tiles-ask')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a link with ?tiles= asks naming the host, loads nothing before the answer, and a refusal keeps the basemap off', async ({ page }) => {
	const errors = watchErrors(page);
	const hits = await serveTiles(page, 'evil.example');
	await page.goto(`/?tiles=${encodeURIComponent(EVIL)}`);
	await started(page);
	const ask = page.getByTestId('tiles-ask');
	await expect(ask).toContainText('This link asks to load map tiles from evil.example. Allow?');
	expect(hits).toEqual([]);
	await shot(page, 'basemap-ask');
	await page.getByTestId('tiles-refuse').click();
	await expect(ask).toHaveCount(0);
	await expect(page.getByTestId('link-notice')).toContainText('Map tiles from evil.example were not loaded');
	await page.evaluate(() => (window as any).cv2xDebug.map.setZoom(16, { animate: false }));
	await started(page);
	expect(hits).toEqual([]);
	await expect(page.locator('.leaflet-tile')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('allowed once, the tiles come from that host; asked again next time unless remembered', async ({ page }) => {
	const errors = watchErrors(page);
	const hits = await serveTiles(page, 'evil.example');
	const link = `/?tiles=${encodeURIComponent(EVIL)}`;
	await page.goto(link);
	await started(page);
	expect(hits).toEqual([]);
	await page.getByTestId('tiles-allow').click();
	await expect.poll(() => hits.length).toBeGreaterThan(0);
	expect(hits.every((u) => /^https:\/\/evil\.example\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
	await expect(page.locator('.leaflet-tile').first()).toBeAttached();
	// not remembered: the same link asks again
	hits.length = 0;
	await page.goto(link);
	await started(page);
	await expect(page.getByTestId('tiles-ask')).toBeVisible();
	expect(hits).toEqual([]);
	// remembered for this host: the next visit loads without asking
	await page.getByTestId('tiles-remember').check();
	await page.getByTestId('tiles-allow').click();
	await expect.poll(() => hits.length).toBeGreaterThan(0);
	hits.length = 0;
	await page.goto(link);
	await started(page);
	await expect(page.getByTestId('tiles-ask')).toHaveCount(0);
	await expect.poll(() => hits.length).toBeGreaterThan(0);
	// another host is another question
	await page.goto(`/?tiles=${encodeURIComponent('https://other.example/{z}/{x}/{y}.png')}`);
	await started(page);
	await expect(page.getByTestId('tiles-ask')).toContainText('other.example');
	expect(errors).toEqual([]);
});

test('a malformed or non-http template is refused with a notice and loads nothing', async ({ page }) => {
	const errors = watchErrors(page);
	const requests = recordRequests(page);
	for (const [tiles, said] of [
		['javascript:alert(1)', 'is not http:// or https://'],
		['https://evil.example/tile.png', 'lacks {z}, {x} and {y}'],
		['not a url {z}{x}{y}', 'is not a valid URL']
	]) {
		await page.goto(`/?tiles=${encodeURIComponent(tiles)}`);
		await started(page);
		await expect(page.getByTestId('link-notice').first()).toContainText(said);
		await expect(page.getByTestId('tiles-ask')).toHaveCount(0);
	}
	expect(requests.filter((u) => new URL(u).host === 'evil.example')).toEqual([]);
	expect(errors).toEqual([]);
});

test('the map control turns a known basemap on and off, and asks about a typed server', async ({ page }) => {
	const errors = watchErrors(page);
	const osm = await serveTiles(page, 'tile.openstreetmap.org');
	const mine = await serveTiles(page, 'tiles.mine.example');
	await page.goto('/');
	await started(page);
	await page.getByTestId('basemap').click();
	await page.getByTestId('basemap-osm').click();
	await expect.poll(() => osm.length).toBeGreaterThan(0);
	await expect(page.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap');
	await shot(page, 'basemap-osm');
	await page.getByTestId('basemap').click();
	await page.getByTestId('basemap-none').click();
	await expect(page.locator('.leaflet-tile')).toHaveCount(0);
	await page.getByTestId('basemap').click();
	await page.getByTestId('basemap-custom').click();
	await page.getByTestId('tiles-url').fill('https://tiles.mine.example/{z}/{x}/{y}.png');
	await page.getByTestId('tiles-use').click();
	await expect(page.getByTestId('tiles-ask')).toContainText('Load map tiles from tiles.mine.example?');
	expect(mine).toEqual([]);
	await page.getByTestId('tiles-allow').click();
	await expect.poll(() => mine.length).toBeGreaterThan(0);
	expect(errors).toEqual([]);
});
