import { expect, test } from '@playwright/test';
import { watchErrors } from './helpers';

// /selftest under bad links: every problem is said on the page (never a spinner forever), in
// either language, values quoted as text and by their start when huge; a good link runs.

test('an unknown city is named with the valid ones, in English and Chinese', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/selftest?city=atlantis&lang=en');
	await expect(page.getByTestId('selftest')).toHaveAttribute('data-state', 'error');
	await expect(page.getByTestId('selftest-error')).toContainText('unknown city "atlantis"; the cities are: beijing-yizhuang');
	await page.goto('/selftest?city=atlantis&lang=zh');
	await expect(page.getByTestId('selftest-error')).toContainText('未知城市“atlantis”');
	expect(errors).toEqual([]);
});

test('script-like and long values are quoted as text, by their start', async ({ page }) => {
	// (a static server refuses far longer links itself: vite preview answers 431 at about 16 KiB)
	await page.goto(`/selftest?lang=en&city=${encodeURIComponent('<img src=x onerror=alert(1)>')}&seed=${'9'.repeat(5000)}`);
	const error = page.getByTestId('selftest-error');
	await expect(error).toContainText('unknown city "<img src=x onerror=alert(1)>"');
	await expect(error).toContainText(`"seed" must be a whole number from 0 to 2147483647, not "${'9'.repeat(40)}… (5000 characters)"`);
	await expect(page.locator('img')).toHaveCount(0);
});

test('a good link runs in slices to its digest', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/selftest?lang=en&city=wuhan-etdz&seed=3&vehicles=10&seconds=2');
	await expect(page.getByTestId('selftest')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
	await expect(page.getByTestId('digest')).toHaveText(/^[0-9a-f]{16,}$/);
	await expect(page.getByTestId('selftest-status')).toContainText('done in');
	expect(errors).toEqual([]);
});
