import { expect, test } from '@playwright/test';
import { clock, clockReaches, open, ready, shot, SIM_WAIT, watchErrors } from './helpers';

test('switching language while the simulation runs changes the text and keeps the run', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&lang=en');
	await ready(page);
	await expect(page.getByTestId('tab-log')).toHaveText('Messages');
	await page.keyboard.press('Space');
	await clockReaches(page, 1);
	const before = await clock(page);
	const ids = await page.evaluate(() => Array.from((window as any).cv2xDebug.frame().vehicles.id as Int32Array).slice(0, 5));
	await page.getByTestId('lang-zh').click();
	await expect(page.getByTestId('tab-log')).toHaveText('消息');
	await expect(page.getByTestId('tab-charts')).toHaveText('图表');
	await expect(page.locator('.legend')).toContainText('交通参与者');
	await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('zh');
	// the same run goes on: time advances from where it was, the same vehicles are there
	await expect.poll(() => clock(page), SIM_WAIT).toBeGreaterThan(before + 0.5);
	const after = await page.evaluate(() => Array.from((window as any).cv2xDebug.frame().vehicles.id as Int32Array));
	for (const id of ids) expect(after).toContain(id);
	await shot(page, 'playground-zh');
	// remembered on the next visit
	await open(page, '/inspect');
	await expect(page.getByTestId('mode-bytes')).toHaveText('粘贴字节');
	await page.getByTestId('lang-en').click();
	await expect(page.getByTestId('mode-bytes')).toHaveText('Paste bytes');
	expect(errors).toEqual([]);
});

test('the reference finds sec_mark and 基本安全消息, and its sample opens in the inspector', async ({ page }) => {
	const errors = watchErrors(page);
	await open(page, '/reference');
	await expect(page.getByTestId('ref-type-bsm')).toBeVisible();
	await page.getByTestId('ref-search').fill('sec_mark');
	await expect(page.locator('[data-testid="ref-field"][data-field="sec_mark"]').first()).toBeVisible();
	await expect(page.locator('[data-testid="ref-field"][data-field="speed"]')).toHaveCount(0);
	await expect(page.locator('[data-testid="ref-field"][data-field="sec_mark"]').first()).toContainText('0..65535');
	await page.getByTestId('ref-search').fill('基本安全消息');
	await expect(page.getByTestId('ref-type-bsm')).toBeVisible();
	await expect(page.getByTestId('ref-type-spat')).toHaveCount(0);
	await shot(page, 'reference');
	await page.getByTestId('ref-search').fill('');
	await page.getByTestId('ref-sample-spat').click();
	await expect(page).toHaveURL(/\/inspect#b=/);
	await expect(page.getByTestId('message-name')).toHaveText('SpatData');
	// and back: a field in the inspector links to its reference entry
	await page.locator('[data-path="spat.msg_cnt"]').click();
	await expect(page.getByTestId('ref-link')).toHaveAttribute('href', '/reference#SpatData.msg_cnt');
	expect(errors).toEqual([]);
});

test('a warning raised in English reads in Chinese after switching, on the panel and in the log', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?scenario=eebl&tiles=none&speed=8&lang=en');
	await expect(page.getByTestId('scenario-panel')).toBeVisible();
	await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
	await page.getByTestId('play').click();
	const key = page.getByTestId('key-moment-text');
	await expect(key).toHaveText(/^EEBL: hard braking \d+ m ahead$/, SIM_WAIT);
	const metres = /(\d+) m/.exec((await key.textContent()) ?? '')![1];
	await page.getByTestId('tab-log').click();
	const row = page.getByTestId('alert-text').first();
	await expect(row).toContainText('EEBL: hard braking');
	await page.getByTestId('lang-zh').click();
	// the same warning, its values kept, now in Chinese
	await expect(key).toHaveText(new RegExp(`^紧急制动预警：前方 ${metres} 米`));
	await expect(row).toContainText('紧急制动预警');
	await expect(row).not.toContainText('hard braking');
	await page.getByTestId('lang-en').click();
	await expect(key).toHaveText(`EEBL: hard braking ${metres} m ahead`);
	expect(errors).toEqual([]);
});
