import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { clock, clockReaches, pause, ready, shot, SIM_WAIT, simMs, watchErrors } from './helpers';

for (const format of ['pcapng', 'jsonl'] as const) {
	test(`export the history as ${format}, then import it and replay it on the map`, async ({ page }, info) => {
		const errors = watchErrors(page);
		await page.goto('/?tiles=none&speed=4');
		await ready(page);
		await page.keyboard.press('Space');
		await clockReaches(page, 10); // some history to export
		await pause(page);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').selectOption(format)]);
		expect(download.suggestedFilename()).toMatch(new RegExp(`^cv2x-beijing-yizhuang-seed1-\\d+s\\.${format}$`));
		const file = info.outputPath(`capture.${format}`);
		await download.saveAs(file);
		// a damaged file first: a clear error, and the running session stays as it was
		const before = await clock(page);
		const bad = info.outputPath(`bad.${format}`);
		writeFileSync(bad, format === 'pcapng' ? Buffer.from('0a0d0d0a1c000000', 'hex') : '{"t": 1, "sender": "car-1"}\nnot json\n');
		await page.getByTestId('import').setInputFiles(bad);
		await expect(page.getByTestId('error')).toContainText('bad.');
		await expect(page.getByTestId('error')).toContainText(format === 'pcapng' ? /block|offset/ : /line 1/);
		// kept as a key: the error follows the language
		await page.getByTestId('lang-zh').click();
		await expect(page.getByTestId('error')).toContainText(`未导入：bad.${format}`);
		await page.getByTestId('lang-en').click();
		await expect(page.getByTestId('error')).toContainText(`Not imported: bad.${format}`);
		expect(await clock(page)).toBe(before);
		await expect(page.getByTestId('replay')).toHaveCount(0);
		// the real file
		await page.getByTestId('import').setInputFiles(file);
		await expect(page.getByTestId('replay')).toContainText(`capture.${format}`);
		await page.keyboard.press('Space');
		// the replay runs: its clock advances and the recorded vehicles are on the map
		await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(3000);
		const n = await page.evaluate(() => (window as any).cv2xDebug.frame().vehicles.id.length);
		expect(n).toBeGreaterThan(10);
		await expect(page.getByTestId('log-row').first()).toBeVisible();
		await shot(page, `replay-${format}`);
		expect(errors).toEqual([]);
	});
}

test('a replay has a seek bar: the keyboard and a drag jump the map and the log there', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await page.keyboard.press('Space');
	await clockReaches(page, 12);
	await pause(page);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').selectOption('pcapng')]);
	const file = info.outputPath('seek.pcapng');
	await download.saveAs(file);
	await page.getByTestId('import').setInputFiles(file);
	await expect(page.getByTestId('replay')).toContainText('seek.pcapng');
	const seek = page.getByTestId('seek');
	await expect(seek).toBeVisible();
	const end = Number(await seek.getAttribute('max'));
	expect(end).toBeGreaterThanOrEqual(12000);
	await expect(page.getByTestId('seek-time')).toContainText(/^00:00\.\d \/ 00:1\d\.\d$/);
	// End: the last moment, vehicles on the map, the log ends there
	await seek.focus();
	await page.keyboard.press('End');
	await expect.poll(() => simMs(page)).toBe(end);
	expect(await page.evaluate(() => (window as any).cv2xDebug.frame().vehicles.id.length)).toBeGreaterThan(10);
	const rowTimes = () => page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('.t')?.textContent)));
	await expect.poll(async () => Math.max(...(await rowTimes()))).toBeCloseTo(end / 1000, 0);
	// Page Down: 10 s back; the arrows: 1 s
	await page.keyboard.press('PageDown');
	await expect.poll(() => simMs(page)).toBe(end - 10000);
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => simMs(page)).toBe(end - 9000);
	await expect.poll(async () => Math.max(...(await rowTimes()))).toBeLessThanOrEqual((end - 9000) / 1000);
	expect(await page.evaluate(() => (window as any).cv2xDebug.frame().vehicles.id.length)).toBeGreaterThan(10);
	await expect(page.getByTestId('clock')).toHaveText(/^00:0\d\.\d$/);
	// set by pointer (fill sets the value and fires input and change)
	await seek.fill('6000');
	await expect.poll(() => simMs(page)).toBe(6000);
	await expect(page.getByTestId('seek-time')).toContainText('00:06.0 /');
	// it plays on from there
	await page.keyboard.press('Escape');
	await page.getByTestId('play').click();
	await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThan(6500);
	await pause(page);
	// screenshots with a replay loaded and the log scrolled, wide and narrow
	await page.getByTestId('log').hover();
	await page.mouse.wheel(0, -600);
	await shot(page, 'replay-seek-1440');
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(seek).toBeInViewport();
	await shot(page, 'replay-seek-390-top');
	await page.getByTestId('log').scrollIntoViewIfNeeded();
	await page.getByTestId('log').hover();
	await page.mouse.wheel(0, -300);
	await shot(page, 'replay-seek-390-log');
	expect(errors).toEqual([]);
});

test('"Open in capture viewer" hands the pcapng export to /captures in a new tab, under a key in the fragment', async ({ page, context }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await page.keyboard.press('Space');
	await clockReaches(page, 3);
	await pause(page);
	const urls: string[] = [];
	context.on('page', (p) => p.on('framenavigated', (f) => f === p.mainFrame() && urls.push(f.url())));
	const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-viewer').click()]);
	// the viewer takes the bytes (and clears the fragment): it shows the export by its file name
	await expect(tab.getByTestId('status')).toContainText(/cv2x-beijing-yizhuang-seed1-\d+s\.pcapng/, { timeout: 30_000 });
	expect(urls.some((u) => /\/captures#handoff=[0-9a-f]{32}$/.test(u))).toBe(true);
	// and it is taken once: nothing is left waiting in IndexedDB
	const left = await tab.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const req = indexedDB.open('cv2x-handoff', 1);
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const n = req.result.transaction('captures').objectStore('captures').count();
					n.onsuccess = () => resolve(n.result);
				};
			})
	);
	expect(left).toBe(0);
	expect(errors).toEqual([]);
});
