import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, watchErrors } from './helpers';

// the reference samples beside the project (read at run time, never copied in)
const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

// The inspector's tree (issue 12, points 1-3 and 6): meanings beside the values, a violation
// and a malformed node marked on themselves, a MAP that opens and closes (remembered), the keys
// to move with the bytes lit, the ASCII column, and a big input that never lands in the URL.

// A hand-made BSM (the golden vector of inspect.spec.ts): msg_cnt 1, sec_mark 1000, …
const BSM_HEX = '08 01 12 21 08 01 12 08 01 02 03 04 05 06 07 08 18 e8 07 2a 0a 0d c0 41 c8 17 15 40 7d 70 45 48 f4 03 50 a0 38';

/** Loads a sample into the JSON editor, changed by `edit`, and waits for its tree. */
async function sampleJson(page: Page, type: string, edit: (j: any) => void = () => {}) {
	await page.getByTestId('sample').selectOption(type);
	const text = await page.getByTestId('json-input').inputValue();
	const j = JSON.parse(text);
	edit(j);
	await page.getByTestId('json-input').fill(JSON.stringify(j, null, 2));
	await expect(page.getByTestId('field').first()).toBeVisible();
}

/** The tree row whose path ends with `suffix`. */
const row = (page: Page, suffix: string) => page.locator(`[data-testid="field"][data-path$="${suffix}"]`).first();

test.describe('the inspector tree', () => {
	test('EEBL: the hard-braking event bit is named; a vehicle class has its meaning', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		// the EEBL scenario's BSM: the sender brakes hard, safetyExt.events = 128 (sim/messages.ts)
		await sampleJson(page, 'bsm', (j) => (j.bsm.safetyExt = { events: 128 }));
		await expect(row(page, 'events')).toContainText('hardBraking');
		await expect(row(page, 'classification').getByTestId('meaning')).toContainText('passenger vehicle');
		expect(errors).toEqual([]);
	});

	test('RSI: the event type, the minute of the year and the RSU id with their meanings, in both languages', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await sampleJson(page, 'rsi');
		await expect(row(page, 'eventType').or(row(page, 'event_type')).getByTestId('meaning')).toContainText('road works');
		// minute-of-year 474270: a date in UTC (and the year it assumes)
		await expect(row(page, 'rsi.moy').getByTestId('meaning')).toContainText(/UTC/);
		// the id's octets are printable: the text beside the hex
		await expect(row(page, 'rsi.id').getByTestId('meaning')).toContainText('YZ1001RS');
		// the bytes pane's ASCII column: the description's text (one line of 16 bytes)
		await expect(page.getByTestId('ascii').nth(4)).toHaveText('d works: right l');
		await page.getByRole('button', { name: '中文' }).click();
		await expect(row(page, 'eventType').or(row(page, 'event_type')).getByTestId('meaning')).toContainText('道路施工');
		await expect(page.getByTestId('expand-all')).toHaveText('全部展开');
		expect(errors).toEqual([]);
	});

	test('a truncated BSM: its first fields, the malformed mark, the rest as raw bytes', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		const bytes = BSM_HEX.split(' ');
		await page.getByTestId('bytes-input').fill(bytes.slice(0, 24).join(' '));
		await expect(page.getByTestId('decode-error')).toBeVisible();
		// the fields before the cut are read: the version, the count, the id
		await expect(page.locator('[data-testid="field"][data-path="protocol_version"], [data-testid="field"][data-path="protocolVersion"]').first()).toContainText('1');
		await expect(row(page, 'msg_cnt').or(row(page, 'msgCnt'))).toBeVisible();
		await expect(page.getByTestId('malformed').first()).toBeVisible();
		await expect(page.getByTestId('malformed').first()).toContainText('Malformed');
		expect(errors).toEqual([]);
	});

	test('a truncated UPER BSM read under its profile: the fields before the cut, the malformed mark, the unread rest', async ({ page }) => {
		const errors = watchErrors(page);
		const hex = readFileSync(join(SHARED, 'samples', 'uper', 'bsm1.uper.hex'), 'utf8').replace(/\s+/g, '');
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill(hex.slice(0, hex.length / 2));
		await page.getByTestId('encoding').selectOption('csae53-2020');
		await expect(page.getByTestId('decode-error')).toBeVisible();
		await expect(page.locator('[data-testid="bit-field"][data-path="bsmFrame.msgCnt"]')).toBeVisible();
		await expect(page.locator('[data-testid="bit-field"][data-path="bsmFrame.pos.lat"]').getByTestId('meaning')).toContainText('°');
		await expect(page.locator('[data-testid="bit-field"] [data-testid="malformed"]').first()).toContainText('bit offset');
		await expect(page.locator('[data-testid="bit-field"].raw').last()).toBeAttached();
		expect(errors).toEqual([]);
	});

	test('a range violation is marked on its own node with the rule', async ({ page }) => {
		await open(page, '/inspect');
		await sampleJson(page, 'bsm', (j) => (j.bsm.speed = 9000));
		await expect(row(page, 'bsm.speed').getByTestId('violation-mark')).toBeVisible();
		await expect(row(page, 'bsm.speed').getByTestId('violation')).toContainText('8191');
	});

	test('a MAP starts closed below its top levels, expands and collapses all, remembered after a reload', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cv2x.tree.')).forEach((k) => localStorage.removeItem(k)));
		await sampleJson(page, 'map_data');
		const fields = page.getByTestId('field');
		const start = await fields.count();
		await page.getByTestId('expand-all').click();
		await expect.poll(() => fields.count()).toBeGreaterThan(start);
		const all = await fields.count();
		await page.getByTestId('collapse-all').click();
		await expect.poll(() => fields.count()).toBeLessThan(start);
		const closed = await fields.count();
		// one node opened by its triangle shows its parts
		const node = page.locator('[data-testid="field"][data-path="map_data"]');
		await expect(node).toHaveAttribute('aria-expanded', 'false');
		await node.getByTestId('twisty').click();
		await expect.poll(() => fields.count()).toBeGreaterThan(closed);
		await expect(node).toHaveAttribute('aria-expanded', 'true');
		const oneOpen = await fields.count();
		// the page's link carries the MAP: a reload reads it again, the tree as it was left
		await page.reload();
		await page.locator('[data-ready="true"]').first().waitFor();
		await expect(page.getByTestId('message-name')).toHaveText('MapData');
		await expect.poll(() => fields.count()).toBe(oneOpen);
		await page.getByTestId('expand-all').click();
		await expect.poll(() => fields.count()).toBe(all);
		expect(errors).toEqual([]);
	});

	test('the keys move the selection through the tree and light its bytes', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill(BSM_HEX);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		const tree = page.getByTestId('tree');
		await tree.focus();
		const selected = page.locator('[data-testid="field"][aria-selected="true"]');
		await page.keyboard.press('Home');
		await expect(selected).toHaveCount(1);
		const first = await selected.getAttribute('data-path');
		// the bsm message row: Right goes into it, Left back out to it, Left again closes it
		await page.keyboard.press('ArrowDown');
		await expect(selected).not.toHaveAttribute('data-path', first!);
		await expect(selected).toHaveAttribute('data-path', 'bsm');
		await page.keyboard.press('ArrowRight');
		await expect(selected).toHaveAttribute('data-path', /^bsm\./);
		await page.mouse.move(0, 0);
		// the selected field's bytes are lit, as a hover lights them
		await expect(page.locator('.byte.hl').first()).toBeVisible();
		await page.keyboard.press('ArrowLeft');
		await expect(selected).toHaveAttribute('data-path', 'bsm');
		await page.keyboard.press('ArrowLeft');
		await expect(selected).toHaveAttribute('aria-expanded', 'false');
		await expect(page.locator('[data-testid="field"][data-path^="bsm."]')).toHaveCount(0);
		await page.keyboard.press('End');
		await expect(selected).toHaveAttribute('data-path', 'bsm');
		// a byte clicked opens the way to its field
		await page.locator('.byte[data-offset="33"]').click();
		await expect(row(page, 'bsm.speed')).toHaveAttribute('aria-selected', 'true');
		expect(errors).toEqual([]);
	});

	test('a capture file is not read as one message: the page stays, the capture viewer opens it', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await page.getByTestId('bytes-input').fill(BSM_HEX);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		// the smallest pcapng: one Section Header Block (type 0x0A0D0D0A, 28 octets, little-endian), no packets
		const shb = Buffer.from('0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000', 'hex');
		await page.getByTestId('file').setInputFiles({ name: 'tiny.pcapng', mimeType: 'application/octet-stream', buffer: shb });
		await expect(page.getByTestId('is-capture')).toContainText('tiny.pcapng');
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		await expect(page.getByTestId('bytes-input')).toHaveValue(BSM_HEX);
		await page.getByTestId('open-capture').click();
		await expect(page).toHaveURL(/\/captures/);
		await expect(page.locator('body')).toContainText('tiny.pcapng');
		expect(errors).toEqual([]);
	});

	test('a big paste is read without landing in the URL: too big to share, said so', async ({ page }) => {
		test.setTimeout(120_000);
		const errors = watchErrors(page);
		await open(page, '/inspect');
		// 40 kB (over the share limit and the worker's threshold) of a repeated length-delimited
		// field: not a frame, read schema-less in the worker
		const chunk = '0a 0e ' + Array.from({ length: 14 }, (_, i) => (0x41 + i).toString(16)).join(' ') + ' ';
		const text = chunk.repeat(Math.ceil(40_000 / 16));
		await page.getByTestId('bytes-input').fill(text);
		// the worker answers when it is done (a loaded machine is slower, not wrong)
		await expect(page.getByTestId('reading')).toHaveCount(0, { timeout: 60_000 });
		await expect(page.getByTestId('too-big')).toBeVisible();
		await expect(page.getByTestId('too-big')).toContainText(/B > \d+ B/);
		await expect(page.getByTestId('copy-link')).toHaveCount(0);
		expect(new URL(page.url()).hash).toBe('');
		await expect(page.getByTestId('hex')).toContainText('ABCDEFGHIJKLMN');
		expect(errors).toEqual([]);
	});
});
