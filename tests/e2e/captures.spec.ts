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
