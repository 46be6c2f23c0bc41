import { expect, test, type Page } from '@playwright/test';
import { clockReaches, SIM_WAIT, watchErrors } from './helpers';

// The playground presents well on a laptop (1280×720), a desktop (1440×900) and a phone
// (390×844): one header row, a legend that leaves the network visible, stacked panels with every
// control reachable; a link that names something unknown or out of range falls back and says so;
// the charts show values under the cursor and units on their axes.

type Box = { x: number; y: number; width: number; height: number };

/** Opens the playground and waits until the network is drawn. */
async function open(page: Page, query = '') {
	await page.goto(`/${query}`);
	await expect(page.locator('path.road').first()).toBeAttached(SIM_WAIT);
	await expect(page.getByTestId('vehicle-count')).not.toHaveText(/^0\b/, SIM_WAIT);
}

/** Every road's box on screen (the network as drawn). */
async function roadBoxes(page: Page): Promise<Box[]> {
	return page.locator('path.road').evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect()).filter((r) => r.width + r.height > 0).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
}

/** How many points of the drawn network (sampled every 4 px along each road) lie inside `box`. */
async function pointsUnder(page: Page, box: Box): Promise<number> {
	return page.evaluate((l) => {
		let n = 0;
		for (const p of document.querySelectorAll<SVGPathElement>('path.road')) {
			const len = p.getTotalLength();
			const m = p.getScreenCTM();
			if (!m) continue;
			for (let s = 0; s <= len; s += 4) {
				const q = p.getPointAtLength(s).matrixTransform(m);
				if (q.x >= l.x && q.x <= l.x + l.width && q.y >= l.y && q.y <= l.y + l.height) n++;
			}
		}
		return n;
	}, box);
}

/** Scrolls `el` into view and checks that what is at its centre is itself (or inside it), then clicks it. */
async function reachable(page: Page, testid: string) {
	const el = page.getByTestId(testid).first();
	await el.scrollIntoViewIfNeeded();
	const hit = await el.evaluate((node) => {
		const r = node.getBoundingClientRect();
		const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
		return { inside: !!at && (node === at || node.contains(at) || (node as HTMLElement).closest('label')?.contains(at) === true), at: at?.outerHTML.slice(0, 120) ?? 'nothing', w: r.width, h: r.height, right: r.right };
	});
	expect(hit.inside, `${testid} is covered by ${hit.at}`).toBe(true);
	expect(hit.w * hit.h, `${testid} has a size`).toBeGreaterThan(0);
	expect(hit.right, `${testid} is within the screen`).toBeLessThanOrEqual(page.viewportSize()!.width + 1);
}

test.describe('1280×720', () => {
	test.use({ viewport: { width: 1280, height: 720 } });

	test('the header is one row and the legend leaves the network visible at first view', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page);
		const header = await page.locator('.app > header').boundingBox();
		const play = await page.getByTestId('play').boundingBox();
		expect(header!.height, 'one row: less than two controls high').toBeLessThan(play!.height * 2);
		// every header item sits on that row, none cut off at the right
		for (const id of ['city', 'play', 'step', 'speed', 'seed', 'vehicles', 'more', 'vehicle-count', 'lang-en', 'lang-zh']) {
			const b = (await page.getByTestId(id).boundingBox())!;
			expect(b.y + b.height, `${id} inside the header`).toBeLessThanOrEqual(header!.y + header!.height);
			expect(b.x + b.width, `${id} inside the window`).toBeLessThanOrEqual(1280);
		}
		const legend = (await page.getByTestId('legend').boundingBox())!;
		const roads = await roadBoxes(page);
		expect(roads.length).toBeGreaterThan(3);
		// a road's bounding box is far bigger than a diagonal road: its own points under the legend count
		const covered = await pointsUnder(page, legend);
		expect(covered, 'points of the network under the legend').toBe(0);
		// the legend opens and closes on demand
		await page.getByTestId('legend-toggle').click();
		await expect(page.getByTestId('toggle-bsm')).toBeVisible();
		await page.getByTestId('legend-toggle').click();
		await expect(page.getByTestId('toggle-bsm')).toHaveCount(0);
		// the less used controls are behind "More", and work from there
		await page.getByTestId('more').click();
		await expect(page.getByTestId('on-air')).toBeVisible();
		await expect(page.getByTestId('open-viewer')).toBeVisible();
		await page.screenshot({ path: 'test-results/screens/layout-1280.png' });
		await page.getByTestId('more').click();
		await expect(page.getByTestId('on-air')).toBeHidden();
		await page.getByTestId('lang-zh').click();
		const zhHeader = (await page.locator('.app > header').boundingBox())!;
		expect(zhHeader.height, 'one row in Chinese too').toBeLessThan(play!.height * 2);
		await page.screenshot({ path: 'test-results/screens/layout-1280-zh.png' });
		expect(errors).toEqual([]);
	});

	test('the charts show the values under the cursor, units on both axes, and a log scale', async ({ page }) => {
		await open(page);
		await page.getByTestId('play').click();
		await clockReaches(page, 4);
		await page.getByTestId('tab-charts').click();
		const first = page.locator('[data-testid=charts] .uplot').first();
		await expect(first).toBeVisible();
		// uPlot draws the axes' words on its canvas: the chart names them for readers too
		const chart = page.getByTestId('chart').first();
		await expect(chart).toHaveAttribute('data-x-unit', 'simulated time (s)');
		await expect(chart).toHaveAttribute('data-y-unit', 'messages/s');
		await expect(chart).toHaveAttribute('aria-label', /x simulated time \(s\), y messages\/s/);
		await expect(page.getByTestId('chart').nth(1)).toHaveAttribute('data-y-unit', 'kB/s');
		const over = first.locator('.u-over');
		const box = (await over.boundingBox())!;
		await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
		// the legend's first entry (x) then each series show the values where the cursor is
		const values = first.locator('.u-legend .u-value');
		await expect(values.first()).toHaveText(/^\d+(\.\d)?$/);
		await expect.poll(async () => (await values.allTextContents()).filter((v) => /^\d/.test(v)).length).toBeGreaterThan(2);
		// the log option: the rate chart's y scale becomes logarithmic (uPlot's distr 3), and still plots
		await page.getByTestId('chart-log').check();
		await expect(page.locator('[data-testid=charts] .uplot')).toHaveCount(4);
		const after = page.locator('[data-testid=charts] .uplot').first();
		const obox = (await after.locator('.u-over').boundingBox())!;
		await page.mouse.move(obox.x + obox.width * 0.5, obox.y + obox.height / 2);
		await expect.poll(async () => (await after.locator('.u-legend .u-value').allTextContents()).filter((v) => /^\d/.test(v)).length).toBeGreaterThan(2);
		await page.screenshot({ path: 'test-results/screens/layout-charts.png' });
	});
});

test.describe('links that never dead-end', () => {
	test.use({ viewport: { width: 1280, height: 720 } });

	test('an unknown city shows the default city and a notice naming it, dismissible, in both languages', async ({ page }) => {
		await open(page, '?city=nonexistent');
		await expect(page.getByTestId('city')).toHaveValue('beijing-yizhuang');
		const notice = page.getByTestId('link-notice');
		await expect(notice).toHaveCount(1);
		await expect(notice).toContainText('“nonexistent”');
		await page.getByTestId('lang-zh').click();
		await expect(notice).toContainText('不存在');
		await page.getByTestId('dismiss-link-notice').click();
		await expect(notice).toHaveCount(0);
		await expect(page).not.toHaveURL(/nonexistent/);
	});

	test('an unknown scenario shows the simulation and says so', async ({ page }) => {
		await open(page, '?scenario=x');
		await expect(page.getByTestId('scenario-panel')).toHaveCount(0);
		await expect(page.getByTestId('link-notice')).toContainText('No scenario “x”');
	});

	test('vehicles above what the city holds are clamped and announced', async ({ page }) => {
		await open(page, '?city=wuxi-xishan&vehicles=4999&seed=-5');
		const notices = page.getByTestId('link-notice');
		await expect(notices.filter({ hasText: 'seed = -5' })).toHaveCount(1);
		const over = notices.filter({ hasText: '4999 vehicles do not fit on wuxi-xishan' });
		await expect(over).toHaveCount(1);
		const used = Number((await over.textContent())!.match(/running (\d+)/)![1]);
		expect(used).toBeLessThan(4999);
		await expect(page.getByTestId('vehicles')).toHaveValue(String(used));
		await expect(page).toHaveURL(new RegExp(`vehicles=${used}`));
		await expect(page.getByTestId('seed')).toHaveValue('0');
	});
});

test.describe('390×844 (a phone)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

	test('the map and the panels stack, the map has height, every control is reachable', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page);
		const map = (await page.getByTestId('map').boundingBox())!;
		expect(map.height).toBeGreaterThan(250);
		expect(map.width).toBeGreaterThan(350);
		const tabs = (await page.getByTestId('tab-log').boundingBox())!;
		expect(tabs.y, 'the panels are under the map').toBeGreaterThanOrEqual(map.y + map.height - 1);
		await page.screenshot({ path: 'test-results/screens/layout-phone.png' });
		for (const id of ['city', 'play', 'step', 'speed', 'seed', 'vehicles', 'more', 'lang-zh', 'lang-en', 'legend-toggle']) await reachable(page, id);
		await page.getByTestId('more').click();
		for (const id of ['export', 'open-viewer', 'live-open', 'on-air']) await reachable(page, id);
		await page.getByTestId('more').click();
		for (const id of ['tab-inspector', 'tab-charts', 'tab-log']) {
			await reachable(page, id);
			await page.getByTestId(id).click();
			await expect(page.getByTestId(id)).toHaveClass(/on/);
		}
		await page.getByTestId('lang-zh').click();
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.locator('.app').evaluate((a) => a.scrollTo(0, 0));
		await page.screenshot({ path: 'test-results/screens/layout-phone-zh.png' });
		expect(errors).toEqual([]);
	});

	test('no page scrolls sideways: the reference\'s fields become cards', async ({ page }) => {
		for (const path of ['/reference', '/inspect', '/captures', '/learn']) {
			await page.goto(path);
			if (path === '/learn') await expect(page.locator('h1').first()).toBeVisible();
			else await page.locator('[data-ready="true"]').first().waitFor();
			const wide = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
			expect(wide, `${path} is ${wide} px wider than the screen`).toBeLessThanOrEqual(0);
		}
		await page.goto('/reference');
		await page.locator('[data-ready="true"]').first().waitFor();
		const speed = page.locator('[data-testid="ref-field"][data-field="speed"]').first();
		await expect(speed).toBeVisible();
		await speed.scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/screens/reference-phone.png' });
	});
});

test.describe('1440×900', () => {
	test('the less used controls are a row of their own, the legend leaves room', async ({ page }) => {
		await open(page);
		await expect(page.getByTestId('more')).toBeHidden();
		for (const id of ['export', 'open-viewer', 'on-air', 'live-open']) await expect(page.getByTestId(id)).toBeVisible();
		const header = (await page.locator('.app > header').boundingBox())!;
		const play = (await page.getByTestId('play').boundingBox())!;
		expect(header.height, 'two rows at most').toBeLessThan(play.height * 3);
		// room enough: the legend is open at first, in a corner the network leaves free
		await expect(page.getByTestId('toggle-bsm')).toBeVisible();
		expect(await pointsUnder(page, (await page.getByTestId('legend').boundingBox())!)).toBe(0);
		await page.screenshot({ path: 'test-results/screens/layout-1440.png' });
	});
});
