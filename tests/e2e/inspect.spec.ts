import { expect, test } from '@playwright/test';
import { clockReaches, open, watchErrors } from './helpers';
// the engine and the profile tables only: the codec's generated JSON needs a bundler
import { encode } from '../../src/lib/uper/per';
import { profile } from '../../src/lib/uper/profiles';

// A hand-made BSM (the golden vector): msg_cnt 1, sec_mark 1000, lat 39.9, lon 116.5,
// speed 500 (10 m/s = 36 km/h), heading 7200 (90 degrees)
const BSM_HEX = '08 01 12 21 08 01 12 08 01 02 03 04 05 06 07 08 18 e8 07 2a 0a 0d c0 41 c8 17 15 40 7d 70 45 48 f4 03 50 a0 38';

test.describe('the inspect page', () => {
	test('paste hex: the tree and the bytes, linked both ways', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill(`0x${BSM_HEX.replace(/ /g, ' 0x')}`);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		await expect(page.locator('[data-path="bsm.speed"]')).toContainText('36.0 km/h');
		await expect(page.locator('[data-path="bsm.pos.lat"]')).toContainText('39.9000000°');
		await expect(page.getByTestId('sizes')).toContainText('37 B protobuf');
		await page.locator('[data-path="bsm.heading"]').hover();
		await expect(page.locator('.byte.hl')).toHaveCount(2); // a0 38
		await page.locator('.byte[data-offset="33"]').hover(); // the 0x48 tag of speed
		await expect(page.locator('[data-path="bsm.speed"]')).toHaveClass(/hl/);
		// base64 works too
		await page.getByTestId('bytes-input').fill(Buffer.from(BSM_HEX.replace(/ /g, ''), 'hex').toString('base64'));
		await expect(page.locator('[data-path="bsm.speed"]')).toContainText('36.0 km/h');
		expect(errors).toEqual([]);
	});

	test('edit a field: the bytes change and are highlighted; an invalid value is named with its path', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.getByTestId('sample').selectOption('bsm');
		await expect(page.getByTestId('valid')).toBeVisible();
		const before = await page.locator('.byte').allTextContents();
		const json = page.getByTestId('json-input');
		const text = await json.inputValue();
		await json.fill(text.replace('"speed": 600', '"speed": 650'));
		await expect(page.locator('.byte.changed').first()).toBeVisible();
		const after = await page.locator('.byte').allTextContents();
		expect(after).not.toEqual(before);
		await expect(page.locator('[data-path="bsm.speed"]')).toContainText('46.8 km/h');
		await json.fill(text.replace('"speed": 600', '"speed": 9000'));
		await expect(page.getByTestId('violations')).toContainText('bsm.speed: 9000 out of range 0..8191 (unit 0.02 m/s; 8191 = unavailable)');
		await expect(page.getByTestId('violations').locator('strong')).toHaveText('1 range violation');
		await json.fill(text.replace('"speed": 600', '"speed": "fast"'));
		await expect(page.getByTestId('input-error')).toContainText('at bsm.speed');
		expect(errors).toEqual([]);
	});

	test('the share link reproduces the message', async ({ page }) => {
		await open(page, '/inspect');
		await page.getByTestId('sample').selectOption('speed_advice');
		await expect(page.getByTestId('message-name')).toHaveText('SpeedAdvice');
		await expect.poll(() => new URL(page.url()).hash).toMatch(/^#b=[A-Za-z0-9_-]+$/);
		const link = page.url();
		const hex = await page.locator('.byte').allTextContents();
		const other = await page.context().newPage();
		await open(other, link);
		await expect(other.getByTestId('message-name')).toHaveText('SpeedAdvice');
		expect(await other.locator('.byte').allTextContents()).toEqual(hex);
	});

	test('garbage gives a precise error and the raw decode, and nothing breaks', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill('08 01 12 05 08 01 1a ff 00');
		await expect(page.getByTestId('decode-error')).toContainText('byte offset 7');
		// the partial decode: the fields before the failure, the bad one marked malformed with the reason
		await expect(page.locator('[data-testid="field"][data-path="protocol_version"]')).toContainText('1');
		await expect(page.getByTestId('malformed')).toHaveCount(1);
		await expect(page.getByTestId('malformed')).toContainText('byte offset 7');
		await page.getByTestId('bytes-input').fill('this is not a message!');
		await expect(page.getByTestId('input-error')).toContainText('neither hex nor base64');
		// hex with a typo names the typo (it is not read as base64); JSON says where it goes
		await page.getByTestId('bytes-input').fill('0801128a010817120848c63f' + 'zz' + '7b45a0f5321a0c08ac9ad9f60110d2fab3f503');
		await expect(page.getByTestId('input-error')).toContainText('"z" is not a hex digit, at text offset 24');
		await page.getByTestId('bytes-input').fill('{ "bsm": { "msgCnt": 1 } }');
		await expect(page.getByTestId('input-error')).toContainText('This is JSON, not bytes as hex or base64: paste it under “Edit as JSON”.');
		await page.getByTestId('bytes-input').fill('ff ff ff ff ff ff ff ff ff ff ff');
		await expect(page.getByTestId('decode-error')).toBeVisible();
		expect(errors).toEqual([]);
	});

	test('HTML in a message is shown as text and runs nothing', async ({ page }) => {
		const errors = watchErrors(page);
		let dialogs = 0;
		page.on('dialog', (d) => {
			dialogs++;
			void d.dismiss();
		});
		await open(page, '/inspect');
		await page.getByTestId('sample').selectOption('rsi');
		const json = page.getByTestId('json-input');
		const text = await json.inputValue();
		const evil = '<img src=x onerror=alert(1)>';
		await json.fill(text.replace(/"description": "Road works[^"]*"/, `"description": ${JSON.stringify(evil)}`));
		await expect(page.locator('[data-path="rsi.rtes[0].description"]')).toContainText(evil);
		expect(await page.locator('img[src="x"]').count()).toBe(0);
		// no element was made from the text, so nothing can load or run; let the page render
		// two more frames (any handler would have run by then) and look for a dialog
		expect(await page.locator('[data-path="rsi.rtes[0].description"] img, [onerror]').count()).toBe(0);
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
		expect(dialogs).toBe(0);
		expect(errors).toEqual([]);
	});

	test('a message opens from the playground with one click', async ({ page, context }) => {
		await page.goto('/?tiles=none');
		await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
		await page.keyboard.press('Space');
		await clockReaches(page, 1); // every RSU has sent its SPAT by then (10 Hz)
		await page.locator('.rsu-marker').first().click({ force: true });
		await expect(page.getByTestId('message-name')).toHaveText('SpatData');
		const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-inspect').click()]);
		await expect(popup.getByTestId('message-name')).toHaveText('SpatData');
	});

	test('paste a UPER frame: the detected profile, the other profiles offered, a latitude\'s 31 bits', async ({ page }) => {
		const errors = watchErrors(page);
		// a BSM written here and encoded with our own UPER encoder (T/CSAE 53-2020 final)
		const bsm = {
			bsmFrame: {
				msgCnt: 7,
				id: new TextEncoder().encode('CAR00001'),
				secMark: 12000,
				pos: { lat: 397900000, long: 1165000000 },
				transmission: 'forwardGears',
				speed: 500,
				heading: 7200,
				accelSet: { long: 0, lat: 0, vert: 0, yaw: 0 },
				brakes: {},
				size: { width: 180, length: 480 },
				vehicleClass: { classification: 10 }
			}
		};
		const hex = Buffer.from(encode('MessageFrame', bsm, profile('csae53-2020').schema)).toString('hex');
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill(hex);
		await expect(page.getByTestId('detected')).toContainText('T/CSAE 53-2020 (YD/T 3709-2020)');
		await expect(page.getByTestId('encoding')).toHaveValue('csae53-2020');
		await expect(page.getByTestId('encoding').locator('option')).toHaveCount(5);
		await expect(page.getByTestId('sizes')).toContainText(`${hex.length / 2} B UPER`);
		const lat = page.locator('[data-testid="bit-field"][data-path="bsmFrame.pos.lat"]');
		await expect(lat).toContainText('39.7900000°');
		await lat.hover();
		await expect(page.locator('.bit.lit')).toHaveCount(31);
		await expect(page.getByTestId('bit-hint')).toContainText('Latitude');
		// the 4 bits that say "this is a BSM": the extension bit and the 3-bit choice index
		await page.locator('.bit[data-bit="2"]').hover();
		await expect(page.locator('[data-testid="bit-field"][data-role="choice-index"][data-path=""]')).toHaveClass(/hl/);
		await expect(page.locator('[data-testid="bit-field"][data-role="choice-index"][data-path=""]')).toContainText('bsmFrame');
		await page.setViewportSize({ width: 1440, height: 900 });
		await lat.hover();
		await page.screenshot({ path: 'test-results/inspect-uper-1440.png' });
		// a link naming the profile (as the playground's inspector makes it) reads the bits under it
		const b64 = Buffer.from(hex, 'hex').toString('base64url');
		await page.goto('about:blank'); // a new document, not a move within the page's fragment
		await page.goto(`/inspect#b=${b64}&p=csae53-2020-draft`);
		await page.locator('[data-ready="true"]').first().waitFor();
		await expect(page.getByTestId('encoding')).toHaveValue('csae53-2020-draft');
		await page.goto('about:blank');
		await page.goto(`/inspect#b=${b64}`);
		await page.locator('[data-ready="true"]').first().waitFor();
		await expect(page.getByTestId('encoding')).toHaveValue('csae53-2020');
		// another profile on request: the same bits read under the 2019 draft
		await page.getByTestId('encoding').selectOption('csae53-2020-draft');
		await expect(page.getByTestId('message-name')).toBeVisible();
		await expect(page.locator('.std')).toContainText('T/CSAE 53-2020 draft (2019-07-24)');
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: 'test-results/inspect-uper-390.png', fullPage: true });
		// in Chinese: the roles and the phrases follow the language
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.getByRole('button', { name: '中文' }).click();
		await expect(page.locator('[data-testid="bit-field"][data-role="choice-index"][data-path=""]')).toContainText('选择索引');
		await expect(page.locator('[data-testid="bit-field"][data-role="preamble"][data-path="bsmFrame"]')).toContainText('均不存在');
		await page.screenshot({ path: 'test-results/inspect-uper-zh.png' });
		expect(errors).toEqual([]);
	});

	test('bytes nothing decodes: each attempt says why', async ({ page }) => {
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill('ff ff ff ff ff ff ff ff ff ff ff');
		await expect(page.getByTestId('attempts')).toContainText('T/CSAE 53-2020 draft (2019-07-24)');
		await expect(page.getByTestId('attempts').locator('li')).toHaveCount(5);
		await expect(page.getByTestId('attempts')).toContainText('bit offset');
	});
});
