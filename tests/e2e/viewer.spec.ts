import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureCli } from '../../scripts/build-cli.mjs';
import { clockReaches, open, pause, ready, shot, watchErrors } from './helpers';

// The capture viewer (/captures) on captures written by the CLI: open, filter, select, keys, a
// wrong file; and a big capture (100k packets; 1M with CV2X_E2E_MILLION=1) that opens, filters and
// scrolls; the acceptance run (CV2X_E2E_MILLION=1) also asserts no long task over 200 ms after parsing.

/** Packets a second of the default run (beijing-yizhuang, seed 1, 60 vehicles): about 811. */
const PACKETS_PER_SECOND = 800;

/** `cv2x sim --seconds N --out` into `file` (the CLI's own defaults). */
function sim(seconds: number, file: string) {
	execFileSync(process.execPath, ['bin/cv2x.js', 'sim', '--seconds', String(seconds), '--out', file], { stdio: 'pipe' });
}

/**
 * A capture of at least `packets` packets, made once and kept under node_modules/.cache keyed by
 * the CLI bundle's content (a changed simulation or writer makes a new one).
 */
async function cachedCapture(packets: number): Promise<string> {
	const bundle = readFileSync(await ensureCli(), 'utf8');
	const key = createHash('sha256').update(bundle.slice(bundle.indexOf('\n') + 1)).digest('hex').slice(0, 12); // line 1 holds file times
	const dir = join('node_modules', '.cache', 'cv2x-e2e');
	const file = join(dir, `viewer-${packets}-${key}.pcapng`);
	if (!existsSync(file)) {
		mkdirSync(dir, { recursive: true });
		// the same size made by an older CLI is stale (and big): drop it
		for (const old of readdirSync(dir)) if (old.startsWith(`viewer-${packets}-`)) rmSync(join(dir, old));
		sim(Math.ceil(packets / PACKETS_PER_SECOND), `${file}.part.pcapng`);
		renameSync(`${file}.part.pcapng`, file); // a run cut short leaves no half file under the real name
	}
	return file;
}

const rows = (page: Page) => page.getByTestId('packet-row');
const selectedRow = (page: Page) => page.locator('[data-testid="packet-row"][aria-selected="true"]');
const statusCount = (page: Page) => page.getByTestId('status-count');

test('opens a cv2x sim capture, filters it, shows a packet, moves by keys; a wrong file changes nothing', async ({ page }, info) => {
	const errors = watchErrors(page);
	const file = info.outputPath('run.pcapng');
	sim(10, file);
	await open(page, '/captures');
	await expect(page.getByTestId('empty')).toBeVisible();
	await page.getByTestId('viewer-file').setInputFiles(file);
	await expect(rows(page).first()).toBeVisible();
	const total = await page.evaluate(() => (window as any).cv2xViewer.opened().packets as number);
	expect(total).toBeGreaterThan(7000);
	await expect(statusCount(page)).toHaveText(`${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} packets shown`);
	await expect(page.getByTestId('status')).toContainText('format pcapng');
	// virtualised: a few dozen rows in the DOM, not thousands
	expect(await page.locator('[data-testid^="packet-row"]').count()).toBeLessThan(120);

	// a display filter: fewer rows, every one a BSM faster than 500 × 0.02 m/s = 36 km/h
	await page.getByTestId('filter').fill('bsm && bsm.speed > 500');
	await page.getByTestId('filter').press('Enter');
	await expect(statusCount(page)).not.toHaveText(/^([\d,]+) of \1 /);
	const shown = await page.evaluate(() => (window as any).cv2xViewer.shown() as number);
	expect(shown).toBeGreaterThan(0);
	expect(shown).toBeLessThan(total);
	await expect(rows(page).first()).toBeVisible();
	const types = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
	expect(new Set(types)).toEqual(new Set(['bsm']));
	const speeds = await rows(page).locator('.info').allTextContents();
	for (const s of speeds) expect(Number(/([\d.]+) km\/h/.exec(s)?.[1])).toBeGreaterThan(36);

	// a bad filter: the bar turns red with the message and a caret under the column; the list stays
	const firstNo = await rows(page).first().getAttribute('data-no');
	await page.getByTestId('filter').fill('bsm && bsm.speed >');
	await page.getByTestId('filter').press('Enter');
	await expect(page.getByTestId('filter-error')).toBeVisible();
	await expect(page.getByTestId('filter')).toHaveAttribute('aria-invalid', 'true');
	const lines = ((await page.getByTestId('filter-error').textContent()) ?? '').split('\n');
	expect(lines[0]).toBe('bsm && bsm.speed >');
	expect(lines[1]).toMatch(/^ {18}\^ Filter not applied: /); // column 19: just past the end
	await expect(statusCount(page)).toHaveText(`${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} packets shown`);
	await expect(rows(page).first()).toHaveAttribute('data-no', firstNo!);

	// a row: its meta, then Wireshark's detail pane (the inspector's tree, meanings built in the
	// worker) linked to the bytes pane; its fields as JSON and a plain dump in the other tab
	await rows(page).nth(2).click();
	const no = Number(await rows(page).nth(2).getAttribute('data-no'));
	await expect(page.getByTestId('detail')).toContainText(`Packet ${no}`);
	const tree = page.getByTestId('detail-tree');
	await expect(tree.locator('[data-path="bsm.heading"] [data-testid="meaning"]')).toHaveText(/^\d+\.\d{4}°$/);
	await expect(tree.locator('[data-path="bsm.transmission"] [data-testid="meaning"]')).toHaveText(/^[A-Z_]+ \(\d\)$/);
	// hovering a row lights exactly its value's bytes (and its tag and length as the header)
	await expect(tree.locator('.byte.hl')).toHaveCount(0);
	await tree.locator('[data-path="bsm.id"]').hover();
	await expect(tree.locator('.byte.hl')).toHaveCount(8);
	await expect(tree.locator('.byte.hdr')).toHaveCount(2);
	await page.mouse.move(0, 0);
	await expect(tree.locator('.byte.hl')).toHaveCount(0);
	// the down key: the next row of the view, and its detail
	const next = Number(await rows(page).nth(3).getAttribute('data-no'));
	await page.keyboard.press('ArrowDown');
	await expect(selectedRow(page)).toHaveAttribute('data-no', String(next));
	await expect(page.getByTestId('detail')).toContainText(`Packet ${next}`);
	await page.keyboard.press('End');
	await expect(selectedRow(page)).toBeVisible();
	await page.getByTestId('tab-json').click();
	await expect(page.getByTestId('json-tree')).toContainText('msgCnt');
	await expect(page.getByTestId('json-tree')).toContainText('bsm');
	await expect(page.getByTestId('hex')).toContainText(/^0000 {2}[0-9a-f]{2} /);
	await page.getByTestId('tab-tree').click();
	await expect(tree).toBeVisible();
	await expect(page.getByTestId('open-inspector')).toHaveAttribute('href', /^\/inspect#b=[A-Za-z0-9_-]+$/);
	await shot(page, 'viewer');

	// a wrong file: what it is not, and the capture, its filter and selection stay
	await page.getByTestId('viewer-file').setInputFiles('docs/playground.png');
	await expect(page.getByTestId('open-error')).toContainText('Not opened: playground.png');
	await expect(page.getByTestId('open-error')).toContainText(/PNG image: no pcapng magic .* line 1 is not JSON/);
	await expect(statusCount(page)).toHaveText(`${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} packets shown`);
	await expect(page.getByTestId('status')).toContainText('run.pcapng');
	await expect(selectedRow(page)).toBeVisible();
	expect(errors).toEqual([]);
});

test('the empty viewer explains what to drop and opens a demo capture made in the browser, in Chinese too', async ({ page }) => {
	const errors = watchErrors(page);
	await open(page, '/captures?lang=zh');
	await expect(page.getByTestId('empty')).toContainText('cv2x sim --out x.pcapng');
	await expect(page.getByTestId('empty')).toContainText('把抓包文件拖到本页任意位置');
	await page.getByTestId('demo').click();
	await expect(rows(page).first()).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('status')).toContainText('格式 pcapng');
	await expect(page.getByTestId('packet-list')).toContainText('信息');
	// the detail's meanings follow the page's language
	await page.locator('[data-testid="packet-row"][data-type="bsm"]').first().click();
	await expect(page.getByTestId('detail-tree').locator('[data-path="bsm.transmission"] [data-testid="meaning"]')).toHaveText(/^[A-Z_]+ \(\d\) \p{Script=Han}+/u);
	expect(errors).toEqual([]);
});

test("the playground's \"Open in capture viewer\" opens its export here; a hand-over taken already says so", async ({ page, context }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await page.keyboard.press('Space');
	await clockReaches(page, 3);
	await pause(page);
	const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-viewer').click()]);
	const tabErrors = watchErrors(tab);
	await expect(rows(tab).first()).toBeVisible({ timeout: 30_000 });
	await expect(tab.getByTestId('status')).toContainText(/cv2x-beijing-yizhuang-seed1-\d+s\.pcapng/);
	await expect(tab.getByTestId('status')).toContainText('format pcapng');
	expect(new URL(tab.url()).hash).toBe(''); // taken once: a reload would not try again
	await tab.goto('about:blank'); // a fresh load (from /captures itself a new fragment is no navigation)
	await tab.goto('/captures#handoff=0123456789abcdef0123456789abcdef');
	await expect(tab.getByTestId('open-error')).toContainText("Not opened: the playground's capture: it is no longer waiting");
	await expect(tab.getByTestId('empty')).toBeVisible();
	expect(errors).toEqual([]);
	expect(tabErrors).toEqual([]);
});

const MILLION = process.env.CV2X_E2E_MILLION === '1';
const BIG = MILLION ? 1_000_000 : 100_000;

test(`a ${BIG.toLocaleString('en-US')}-packet capture opens, filters and scrolls (long tasks after parsing measured)`, async ({ page }) => {
	test.setTimeout(MILLION ? 15 * 60_000 : 5 * 60_000);
	const errors = watchErrors(page);
	const file = await cachedCapture(BIG);
	await open(page, '/captures');
	// the progress bar may come and go between two polls on a fast machine: watch for it instead
	await page.evaluate(() => {
		const w = window as any;
		w.sawProgress = false;
		new MutationObserver(() => (w.sawProgress ||= !!document.querySelector('[data-testid="progress"]'))).observe(document.body, { childList: true, subtree: true });
	});
	await page.getByTestId('viewer-file').setInputFiles(file);
	await expect(rows(page).first()).toBeVisible({ timeout: MILLION ? 10 * 60_000 : 3 * 60_000 });
	expect(await page.evaluate(() => (window as any).sawProgress)).toBe(true);
	const total = await page.evaluate(() => (window as any).cv2xViewer.opened().packets as number);
	expect(total).toBeGreaterThanOrEqual(BIG);

	// from here on every long task is recorded; a deliberate 120 ms one first shows the observer works
	await page.evaluate(() => {
		const w = window as any;
		w.longTasks = [] as number[];
		new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
		setTimeout(() => {
			const end = performance.now() + 120;
			while (performance.now() < end);
		});
	});
	await expect.poll(() => page.evaluate(() => Math.max(0, ...(window as any).longTasks))).toBeGreaterThanOrEqual(100);
	await page.evaluate(() => ((window as any).longTasks.length = 0));

	await page.getByTestId('filter').fill('bsm && bsm.speed > 500');
	await page.getByTestId('filter').press('Enter');
	await expect(statusCount(page)).not.toHaveText(/^([\d,]+) of \1 /, { timeout: 3 * 60_000 });
	await expect(rows(page).first()).toHaveAttribute('data-type', 'bsm');
	// scroll: the keys to the end and back, and the scroll bar dragged to the middle
	await rows(page).first().click();
	await page.keyboard.press('End');
	await expect(selectedRow(page)).toBeVisible();
	for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
	await expect(selectedRow(page)).toBeVisible();
	const shown = await page.evaluate(() => (window as any).cv2xViewer.shown() as number);
	await page.getByTestId('packet-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
	await expect(rows(page).first()).toBeVisible();
	const middle = Number(await rows(page).first().getAttribute('data-no'));
	expect(middle).toBeGreaterThan(total / 4);
	await page.getByTestId('filter').fill('');
	await page.getByTestId('filter').press('Enter');
	await expect(statusCount(page)).toHaveText(/^([\d,]+) of \1 /, { timeout: 3 * 60_000 });
	await rows(page).first().click();
	await page.keyboard.press('End');
	await expect(selectedRow(page)).toHaveAttribute('data-no', String(total));
	await expect(page.getByTestId('detail')).toContainText(`Packet ${total}`);
	const longTasks = await page.evaluate(() => (window as any).longTasks as number[]);
	console.log(`${total} packets, ${shown} match the filter; long tasks after parsing (ms): ${JSON.stringify(longTasks.map(Math.round))}`);
	test.info().annotations.push({ type: 'long tasks after parsing (ms)', description: JSON.stringify(longTasks.map(Math.round)) });
	// a wall-clock bound is a measurement, not a CI check (shared, loaded machines): it is asserted
	// in the acceptance run (CV2X_E2E_MILLION=1, an otherwise idle machine) and reported otherwise
	if (MILLION) expect(Math.max(0, ...longTasks)).toBeLessThanOrEqual(200);
	expect(errors).toEqual([]);
});
