import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { shot, watchErrors } from './helpers';

/**
 * Every scenario the app ships, from the English catalog (which a unit test keeps complete:
 * one entry per scenario), so a new scenario is played here without a list to edit.
 */
const IDS = Object.keys(JSON.parse(readFileSync(new URL('../../src/lib/i18n/en.json', import.meta.url), 'utf8')).scenarios as object);

test('the Learn page lists every scenario', async ({ page }) => {
	await page.goto('/learn');
	for (const id of IDS) await expect(page.getByTestId(`scenario-${id}`)).toBeVisible();
	await page.getByTestId('scenario-eebl').click();
	await expect(page.getByTestId('scenario-panel')).toContainText('Emergency electronic brake light');
	// the address names the scenario, so a reload (or the link shared) opens it again
	await expect(page).toHaveURL(/[?&]scenario=eebl(&|$)/);
	expect(new URL(page.url()).searchParams.has('city')).toBe(false);
	await page.reload();
	await expect(page.getByTestId('scenario-panel')).toContainText('Emergency electronic brake light');
	await expect(page).toHaveURL(/[?&]scenario=eebl(&|$)/);
	// another city: the scenario is left, and the address says what runs now
	await page.getByTestId('city').selectOption('wuhan-etdz');
	await expect(page.getByTestId('scenario-panel')).toHaveCount(0);
	await expect(page).toHaveURL(/[?&]city=[a-z-]+&seed=\d+/);
	expect(new URL(page.url()).searchParams.has('scenario')).toBe(false);
});

for (const id of IDS) {
	test(`scenario ${id}: play to the key moment, see the warning, open the message`, async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto(`/?scenario=${id}&tiles=none&speed=8`);
		await expect(page.getByTestId('scenario-panel')).toBeVisible();
		await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
		await page.getByTestId('play').click();
		const key = page.getByTestId('key-moment');
		await expect(key).toBeVisible({ timeout: 30_000 });
		// it paused by itself
		await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play');
		// the warning is in the log too, computed from a received message
		await page.getByTestId('tab-log').click();
		await expect(page.locator('[data-testid="log-row"][data-type="alert"]').first()).toBeVisible();
		await page.getByTestId('open-key-message').click();
		await expect(page.getByTestId('message-name')).not.toBeEmpty();
		await expect(page.getByTestId('inspector')).toContainText('from');
		await shot(page, `scenario-${id}`);
		expect(errors).toEqual([]);
	});
}
