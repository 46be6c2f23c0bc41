// The cities drawn and labelled honestly (issue 14, point 2): street names on the map at suitable
// zooms, along their roads (rotated to the road, upright), in the language shown, none overlapping,
// hidden when zoomed out; for bundled and imported cities alike. A bundled (hand-traced) city says
// on the map that its roads are approximate; an imported OpenStreetMap city does not. Counts take
// their plural in both languages.
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { sampleOsm } from '../../src/lib/osm/fixture';
import { ready, shot, SIM_WAIT, watchErrors } from './helpers';

type Label = { text: string; x: number; y: number; angle: number };
type Road = { points: { x: number; y: number }[]; widthPx: number };

/** Zooms the map (no animation) and waits until the street labels are placed for the new view. */
async function zoomTo(page: Page, zoom: number, center?: [number, number]) {
	await page.evaluate(
		([z, c]) => {
			const m = (window as any).cv2xDebug.map;
			m.setView(c ?? m.getCenter(), z, { animate: false });
		},
		[zoom, center] as const
	);
	await page.waitForFunction((z) => (window as any).cv2xDebug.map.getZoom() === z, zoom);
}

async function labels(page: Page): Promise<Label[]> {
	return page.evaluate(() => (window as any).cv2xDebug.streetLabels());
}

/** The distance from a label's centre to the nearest drawn road's centre line, px, and that segment's direction (degrees, upright). */
async function nearestRoad(page: Page, l: Label): Promise<{ px: number; angle: number }> {
	const roads: Road[] = await page.evaluate(() => (window as any).cv2xDebug.roads());
	let best = { px: Infinity, angle: 0 };
	for (const r of roads)
		for (let i = 1; i < r.points.length; i++) {
			const [a, b] = [r.points[i - 1], r.points[i]];
			const dx = b.x - a.x;
			const dy = b.y - a.y;
			const k = Math.max(0, Math.min(1, ((l.x - a.x) * dx + (l.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
			const px = Math.hypot(l.x - a.x - k * dx, l.y - a.y - k * dy);
			let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
			if (angle > 90) angle -= 180;
			if (angle <= -90) angle += 180;
			if (px < best.px) best = { px, angle };
		}
	return best;
}

/** Checks every label shown: on a road, along it, upright, and its element in the DOM with its text. */
async function expectAlongRoads(page: Page, shown: Label[]) {
	for (const l of shown) {
		expect(l.angle, `${l.text} upright`).toBeGreaterThan(-90);
		expect(l.angle, `${l.text} upright`).toBeLessThanOrEqual(90);
		const road = await nearestRoad(page, l);
		expect(road.px, `${l.text} on its road`).toBeLessThan(3);
		const diff = Math.abs(((l.angle - road.angle + 270) % 180) - 90);
		expect(diff, `${l.text} along its road`).toBeLessThan(3);
	}
	// no two labels overlap (their elements' boxes, unrotated, shrunk: rotated boxes may touch at corners)
	const boxes = await page.locator('.street-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ cx: r.x + r.width / 2, cy: r.y + r.height / 2 })));
	for (let i = 0; i < boxes.length; i++)
		for (let j = i + 1; j < boxes.length; j++) expect(Math.hypot(boxes[i].cx - boxes[j].cx, boxes[i].cy - boxes[j].cy), 'label centres apart').toBeGreaterThan(10);
}

test('a bundled city: street names along the roads at zoom 16, in the language shown, hidden zoomed out; the approximate badge', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none');
	await ready(page);
	await zoomTo(page, 16);
	const en = page.locator('.street-label', { hasText: 'Ronghua South Road' });
	await expect(en.first()).toBeVisible();
	await expect(en.first()).toHaveAttribute('data-name', 'Ronghua South Road');
	const shown = await labels(page);
	expect(shown.length).toBeGreaterThanOrEqual(4);
	await expectAlongRoads(page, shown);
	// the same street twice only far apart
	const byName = new Map<string, Label[]>();
	for (const l of shown) byName.set(l.text, [...(byName.get(l.text) ?? []), l]);
	for (const [name, ls] of byName)
		for (let i = 1; i < ls.length; i++) expect(Math.hypot(ls[i].x - ls[0].x, ls[i].y - ls[0].y), `${name} repeated nearby`).toBeGreaterThan(300);
	// this city was traced by hand: the map says so, and explains on a click
	const badge = page.getByTestId('approx-badge');
	await expect(badge).toContainText('Approximate roads');
	await badge.getByRole('button').click();
	await expect(page.getByTestId('approx-detail')).toContainText('hundreds of metres');
	await shot(page, 'street-names-en');
	// 中文: the names in Chinese, none in English
	await page.getByTestId('lang-zh').click();
	await expect(page.locator('.street-label', { hasText: '荣华南路' }).first()).toBeVisible();
	expect((await labels(page)).filter((l) => /[A-Za-z]/.test(l.text))).toEqual([]);
	await expect(badge).toContainText('路网为示意');
	await shot(page, 'street-names-zh');
	// zoomed out, the names go
	await zoomTo(page, 14);
	await expect(page.locator('.street-label')).toHaveCount(0);
	expect(await labels(page)).toEqual([]);
	expect(errors).toEqual([]);
});

test('an imported OpenStreetMap city: its names on the map, and no approximate badge', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&vehicles=10');
	await ready(page);
	await expect(page.getByTestId('approx-badge')).toBeVisible();
	const file = info.outputPath('Sample zone.osm');
	writeFileSync(file, sampleOsm());
	await page.getByTestId('import').setInputFiles(file);
	await expect(page.getByTestId('city').locator('option[value="sample-zone"]')).toHaveCount(1, SIM_WAIT);
	await expect(page.locator('path.road')).toHaveCount(7);
	await expect(page.getByTestId('approx-badge')).toHaveCount(0);
	await zoomTo(page, 17);
	// Main Street (name:en) and the Short Cut (name:en) are named in English, 科创街 (name only) as it is
	await expect.poll(async () => (await labels(page)).map((l) => l.text)).toEqual(expect.arrayContaining(['Main Street']));
	await expectAlongRoads(page, await labels(page));
	await page.getByTestId('lang-zh').click();
	await expect.poll(async () => (await labels(page)).map((l) => l.text)).toEqual(expect.arrayContaining(['主街']));
	await shot(page, 'street-names-imported');
	expect(errors).toEqual([]);
});

test('counts take their plural: 1 vehicle, 2 vehicles, in both languages', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&vehicles=1');
	await ready(page);
	await expect(page.getByTestId('vehicle-count')).toHaveText('1 vehicle');
	await page.getByTestId('lang-zh').click();
	await expect(page.getByTestId('vehicle-count')).toHaveText('1 辆车');
	await page.getByTestId('lang-en').click();
	await page.getByTestId('vehicles').fill('2');
	await page.getByTestId('vehicles').press('Enter');
	await expect(page.getByTestId('vehicle-count')).toHaveText('2 vehicles', SIM_WAIT);
	expect(errors).toEqual([]);
});
