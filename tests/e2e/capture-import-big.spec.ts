import { statSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { clock, clockReaches, pause, ready, shot, SIM_WAIT, watchErrors } from './helpers';

// A capture is imported as the worker reads it slice by slice: the page shows "Importing …%",
// the running simulation goes on meanwhile, and the replay starts once the file is read. The
// test hooks make the slices small (about 40 of them) with a short wait between them, so a
// small capture shows what a 600 MB one does, in a few seconds.
test('a capture imports slice by slice with progress while the simulation keeps running', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await page.keyboard.press('Space');
	await clockReaches(page, 6);
	await pause(page);
	// the export comes as chunks made into a Blob on the page
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').selectOption('jsonl')]);
	const file = info.outputPath('sliced.jsonl');
	await download.saveAs(file);
	const size = statSync(file).size;
	expect(size).toBeGreaterThan(50_000);
	await page.evaluate((bytes) => {
		(window as unknown as Record<string, number>).cv2xImportChunkBytes = bytes;
		(window as unknown as Record<string, number>).cv2xImportPauseMs = 40;
	}, Math.ceil(size / 40));
	await page.keyboard.press('Space');
	const before = await clock(page);
	await page.getByTestId('import').setInputFiles(file);
	await expect(page.getByTestId('notice')).toContainText(/Importing sliced\.jsonl: \d+%/);
	await shot(page, 'capture-import-progress');
	// the simulation goes on while the file is read
	await expect.poll(() => clock(page), SIM_WAIT).toBeGreaterThan(before);
	await expect(page.getByTestId('replay')).toContainText('sliced.jsonl', SIM_WAIT);
	await expect(page.getByTestId('notice')).toHaveCount(0);
	await page.keyboard.press('Space');
	await expect.poll(() => page.evaluate(() => (window as any).cv2xDebug.frame().vehicles.id.length), SIM_WAIT).toBeGreaterThan(10);
	await shot(page, 'capture-import-sliced');
	expect(errors).toEqual([]);
});
