import { expect, test } from '@playwright/test';
import { clockReaches, pause, ready, shot, watchErrors } from './helpers';

// The on-air format: picking UPER puts PC5 messages on the air in a profile; the log and the
// inspector show those bytes, their size beside the protobuf and JSON sizes, bit by bit; cloud
// messages stay protobuf and say why; the inspect page opens the UPER bytes.
test('UPER on the air: a BSM in the inspector with both sizes and its bits; Uu stays protobuf', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await expect(page.getByTestId('on-air')).toHaveValue('protobuf');
	await expect(page.getByTestId('on-air-note')).toHaveCount(0);
	await page.getByTestId('on-air').selectOption('csae157-2020');
	await expect(page.getByTestId('on-air-note')).toContainText('no standard UPER');
	await expect(page).toHaveURL(/[?&]onair=csae157-2020/);
	await page.keyboard.press('Space');
	await clockReaches(page, 3);
	await pause(page);
	// the log's BSM sizes are UPER's
	const bsmRow = page.locator('[data-testid="log-row"][data-type="bsm"]').first();
	await expect(bsmRow.locator('.sz')).toHaveAttribute('data-encoding', 'uper');
	await bsmRow.click();
	await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
	const sizes = page.getByTestId('sizes');
	await expect(sizes).toContainText(/^\s*\d+ B UPER \(T\/CSAE 53-2020 \+ T\/CSAE 157-2020 \(phase 2\)\) · \d+ B protobuf · \d+ B JSON/);
	const [uper, protobuf] = (await sizes.textContent())!.match(/\d+(?= B)/g)!.map(Number);
	expect(uper).toBeLessThan(protobuf);
	// the bits: the latitude's field among the decoded tree, its bits lit on hover
	await expect(page.getByTestId('bits')).toBeVisible();
	const lat = page.locator('[data-testid="bit-field"][data-path$="pos.lat"]').first();
	await expect(lat).toBeVisible();
	await lat.hover();
	expect(await page.locator('.bit.lit').count()).toBe(31);
	await shot(page, 'on-air-inspector-bsm');
	// the inspect page opens the same bytes as UPER
	const href = await page.getByTestId('open-inspect').getAttribute('href');
	expect(href).toMatch(/^\/inspect#b=[A-Za-z0-9_-]+&p=csae157-2020$/);
	// a cloud message: protobuf, and the inspector says why there is no UPER
	await page.getByTestId('tab-log').click();
	await page.getByTestId('filter-channel').selectOption('uu');
	const uuRow = page.getByTestId('log-row').first();
	await expect(uuRow.locator('.sz')).toHaveAttribute('data-encoding', 'protobuf');
	await uuRow.click();
	await expect(page.getByTestId('no-uper')).toContainText('no standard UPER for cloud messages');
	await expect(page.getByTestId('sizes')).toContainText(/^\s*\d+ B protobuf · \d+ B JSON/);
	// the inspect page reads the BSM's bytes as UPER, bit by bit
	await page.goto(href!);
	await expect(page.getByTestId('bits')).toBeVisible();
	await expect(page.locator('body')).toContainText('BasicSafetyMessage');
	expect(errors).toEqual([]);
});

test('a scenario on UPER: the warning comes from a UPER BSM, which the inspector opens bit by bit', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?scenario=eebl&tiles=none&speed=8&onair=csae53-2020-draft');
	await expect(page.getByTestId('scenario-panel')).toBeVisible();
	await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
	await expect(page.getByTestId('on-air')).toHaveValue('csae53-2020-draft');
	await page.getByTestId('play').click();
	await expect(page.getByTestId('key-moment')).toBeVisible({ timeout: 30_000 });
	await page.getByTestId('open-key-message').click();
	await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
	await expect(page.getByTestId('sizes')).toContainText(/^\s*\d+ B UPER \(T\/CSAE 53-2020 draft \(2019-07-24\)\) · \d+ B protobuf · \d+ B JSON/);
	await expect(page.getByTestId('bits')).toBeVisible();
	await shot(page, 'on-air-scenario-eebl');
	expect(errors).toEqual([]);
});
