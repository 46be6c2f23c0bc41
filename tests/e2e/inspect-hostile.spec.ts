import { expect, test } from '@playwright/test';
import { open, watchErrors } from './helpers';

// Issue 16: the inspect page under damaged links and huge inputs. Every problem is said on the
// page (in the language shown), the page stays usable, and a huge message is shown a part at a
// time instead of millions of rows at once.

// the inspect spec's hand-made BSM
const BSM_HEX = '08 01 12 21 08 01 12 08 01 02 03 04 05 06 07 08 18 e8 07 2a 0a 0d c0 41 c8 17 15 40 7d 70 45 48 f4 03 50 a0 38';
const BSM_B64URL = Buffer.from(BSM_HEX.replace(/ /g, ''), 'hex').toString('base64url');

test.describe('damaged share links', () => {
	test('#b=!!!! names the bad character; the page stays usable', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect#b=!!!!');
		await expect(page.getByTestId('input-error')).toHaveText('The link\'s message is damaged: "!" is not a base64 character, at text offset 0');
		// nothing was shown from it, and a paste works as ever
		await expect(page.getByTestId('message-name')).toHaveCount(0);
		await page.getByTestId('bytes-input').fill(BSM_HEX);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		await expect(page.getByTestId('input-error')).toHaveCount(0);
		expect(errors).toEqual([]);
	});

	test('a cut link (a lone last character) and an empty one say so, in Chinese too', async ({ page }) => {
		// 49 characters: 48 make 36 bytes, the 49th alone makes none
		await open(page, `/inspect?lang=zh#b=${BSM_B64URL.slice(0, 49)}`);
		await expect(page.getByTestId('input-error')).toContainText('链接中的消息已损坏');
		await page.goto('/inspect?lang=en#b=');
		await page.locator('[data-ready="true"]').waitFor();
		await expect(page.getByTestId('input-error')).toContainText("The link's message is damaged");
	});

	test('an over-long link is refused unread, naming its length and the limit', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, `/inspect#b=${'A'.repeat(40_000)}`);
		await expect(page.getByTestId('link-problems')).toHaveText("The link's message is 40000 characters of base64; a link carries at most 32768 (24576 bytes), so it was not read.");
		await expect(page.getByTestId('message-name')).toHaveCount(0);
		expect(errors).toEqual([]);
	});

	test('an unknown profile is named; the message is read as detected', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, `/inspect#b=${BSM_B64URL}&p=%3Cscript%3Ealert(1)%3C/script%3E${'&b=AAAA'.repeat(500)}`);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		await expect(page.getByTestId('link-problems')).toContainText('p=“%3Cscript%3Ealert(1)%3C/script%3E” does not exist');
		await expect(page.getByTestId('link-problems')).toContainText('csae53-2020-draft');
		// 500 more b= are said once; the first one is read
		await expect(page.getByTestId('link-problems').locator('li')).toHaveText(['The link gives b= more than once; the first one is used.', /does not exist/]);
		expect(errors).toEqual([]);
	});

	test('a link edited in the address bar is read again', async ({ page }) => {
		await open(page, '/inspect#b=!!!!');
		await expect(page.getByTestId('input-error')).toBeVisible();
		await page.evaluate((b) => (location.hash = `b=${b}`), BSM_B64URL);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		await expect(page.getByTestId('input-error')).toHaveCount(0);
	});
});

test.describe('huge inputs', () => {
	test('a message of 5,000 fields: read in the worker, its tree and bytes shown a part at a time', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		// field 1 (protocolVersion) 5,000 times: 10,000 bytes (over WORKER_THRESHOLD_BYTES), 5,000 rows
		const bytes = Buffer.from('0801'.repeat(5000), 'hex');
		await page.getByTestId('file').setInputFiles({ name: 'many.bin', mimeType: 'application/octet-stream', buffer: bytes });
		// read in the worker, the tree drawn in chunks: a busy machine takes a while
		const drawn = { timeout: 30_000 };
		await expect(page.getByTestId('sizes')).toContainText('10000 B protobuf', drawn);
		const more = page.getByTestId('tree-more');
		await expect(more).toContainText('1500 of 5000 rows shown', drawn);
		await expect(page.getByTestId('field')).toHaveCount(1500);
		await page.getByTestId('show-more-rows').click();
		// the first 2,000 rows came with the reading; the next ones are asked of the worker
		await expect(more).toContainText('2000 of 5000 rows shown', drawn);
		await page.getByTestId('show-more-rows').click();
		await expect(more).toContainText('3000 of 5000 rows shown', drawn);
		await expect(page.locator('[data-testid="field"][data-row="2999"]')).toBeAttached();
		// the bytes: 4 KiB, then 4 KiB more
		await expect(page.getByTestId('hex-more')).toContainText('4096 of 10000 bytes shown');
		await expect(page.locator('.byte')).toHaveCount(4096);
		await page.getByTestId('show-more-bytes').click();
		await expect(page.locator('.byte')).toHaveCount(8192);
		// a byte whose row is not here yet lights nothing and breaks nothing
		await page.locator('.byte[data-offset="8000"]').hover();
		await expect(page.locator('.field.hl')).toHaveCount(0);
		expect(errors).toEqual([]);
	});

	test('a long JSON is encoded and read in the worker; an edit in it still re-encodes', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.getByTestId('sample').selectOption('bsm');
		const json = page.getByTestId('json-input');
		const text = await json.inputValue();
		// 70,000 characters (spaces are JSON too): over the 64 Ki characters read on the page
		await json.fill(text.replace('"speed": 600', `"speed": 650${' '.repeat(70_000)}`));
		// read in the worker: a busy machine takes a while
		await expect(page.locator('[data-path="bsm.speed"]')).toContainText('13.00 m/s', { timeout: 30_000 });
		await expect(page.locator('.byte.changed').first()).toBeVisible();
		await json.fill((await json.inputValue()).replace('"speed": 650', '"speed": 9000'));
		await expect(page.getByTestId('violations')).toContainText('bsm.speed', { timeout: 30_000 });
		expect(errors).toEqual([]);
	});

	test('a file bigger than any message is refused before it is read', async ({ page }) => {
		await open(page, '/inspect');
		// made in the page: 32 MiB through the test driver would take long
		await page.getByTestId('file').evaluate((input: HTMLInputElement) => {
			const files = new DataTransfer();
			files.items.add(new File([new Uint8Array(32 * 1024 * 1024 + 1)], 'huge.bin'));
			input.files = files.files;
			input.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await expect(page.getByTestId('input-error')).toHaveText('huge.bin is 33554433 bytes: the inspector reads one message of at most 4194304 bytes. A capture of many messages opens in the capture viewer.');
	});
});
