import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { open, watchErrors } from './helpers';
import { compileModuleSet } from '../../src/lib/uper/asn1';
import { encode } from '../../src/lib/uper/per';

// Bring your own ASN.1 on /inspect (issue 11 point 3): the 2019-07-24 draft set of ../shared/asn1
// chosen through the file input reads the RSU's RSI as "Your ASN.1", with its tree and bits;
// a broken module says file:line:column and keeps everything on screen; the set survives a
// reload and goes with "Remove". Skipped with a notice without ../shared.
const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
const DRAFT = join(SHARED, 'asn1', 'csae53-2020-draft');
const RSI = join(SHARED, 'samples', 'uper', 'rsi.uper.hex');
const present = existsSync(DRAFT) && existsSync(RSI);
if (!present) console.warn(`inspect-schema: ${DRAFT} or ${RSI} is absent, so loading a user's set is skipped`);

test.describe('your own ASN.1 on /inspect', () => {
	test.skip(!present, 'no ../shared/asn1 or ../shared/samples/uper');

	test('the draft set through the file input reads the RSU\'s RSI; errors name file:line; kept across a reload; removed', async ({ page }) => {
		const errors = watchErrors(page);
		const files = readdirSync(DRAFT).filter((f) => f.endsWith('.asn')).sort().map((f) => join(DRAFT, f));
		await open(page, '/inspect');
		await page.getByTestId('schema-files').setInputFiles(files);
		await expect(page.getByTestId('schema-title')).toHaveText(`BSM.asn, DefAcceleration.asn, DefMotion.asn +${files.length - 3}, 162 types`);
		await expect(page.getByTestId('schema-root')).toHaveValue('MessageFrame');
		await expect(page.getByTestId('schema-kept')).toContainText('Kept in this browser');
		const hex = readFileSync(RSI, 'utf8').trim();
		await page.getByTestId('bytes-input').fill(hex);
		await expect(page.getByTestId('detected')).toContainText('Detected: Your ASN.1: BSM.asn');
		await expect(page.getByTestId('encoding')).toHaveValue('user');
		await expect(page.getByTestId('encoding').locator('option')).toHaveCount(6);
		await expect(page.getByTestId('message-name')).toHaveText('RoadSideInformation');
		// the tree and the bits, linked: the 3-bit choice index that says "RSI" (4)
		const index = page.locator('[data-testid="bit-field"][data-role="choice-index"][data-path=""]');
		await expect(index).toContainText('rsiFrame');
		await index.hover();
		await expect(page.locator('.bit.lit')).toHaveCount(3);
		await page.locator('.bit[data-bit="5"]').hover();
		await expect(page.locator('[data-testid="bit-field"][data-path="rsiFrame"]').first()).toBeVisible();
		await expect(page.getByTestId('model-note')).toContainText('through T/CSAE 53-2020 draft (2019-07-24): your module set has the same types and constraints');
		await page.getByTestId('model').locator('summary').click();
		await expect(page.getByTestId('model').locator('pre')).toContainText('"rsi": {');
		await page.screenshot({ path: 'test-results/inspect-schema-loaded.png' });

		// a broken module added by paste: file:line:column; the set, the bytes and the view stay
		await page.getByTestId('schema-paste-toggle').click();
		await page.getByTestId('schema-text').fill('Extra DEFINITIONS AUTOMATIC TAGS ::= BEGIN\n  Thing ::= SEQUENCE { a INTEGER (0..7) b BOOLEAN }\nEND');
		await page.getByTestId('schema-compile').click();
		await expect(page.getByTestId('schema-error')).toContainText(/pasted\.asn:2:\d+: /);
		await expect(page.getByTestId('schema-title')).toContainText('162 types');
		await expect(page.getByTestId('bytes-input')).toHaveValue(hex);
		await expect(page.getByTestId('message-name')).toHaveText('RoadSideInformation');
		await page.screenshot({ path: 'test-results/inspect-schema-error.png' });
		// a broken file and a binary one, chosen: named, the loaded set stays
		await page.getByTestId('schema-files').setInputFiles([{ name: 'Broken.asn', mimeType: 'text/plain', buffer: Buffer.from('Broken DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nX ::= INTEGER (0..\nEND\n') }]);
		await expect(page.getByTestId('schema-error')).toContainText(/Broken\.asn:3:1: /);
		await page.getByTestId('schema-files').setInputFiles([{ name: 'image.asn1', mimeType: 'application/octet-stream', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }]);
		await expect(page.getByTestId('schema-error')).toContainText('image.asn1: binary data, not an ASN.1 module text');
		await expect(page.getByTestId('schema-title')).toContainText('162 types');

		// kept across a reload: the RSI is read with it again
		await page.reload();
		await page.locator('[data-ready="true"]').first().waitFor();
		await expect(page.getByTestId('schema-title')).toContainText('162 types');
		await page.getByTestId('bytes-input').fill(hex);
		await expect(page.getByTestId('encoding')).toHaveValue('user');

		// removed: the built-in profiles only, the draft detected
		await page.getByTestId('schema-remove').click();
		await expect(page.getByTestId('schema-title')).toHaveCount(0);
		await expect(page.getByTestId('encoding').locator('option')).toHaveCount(5);
		await expect(page.getByTestId('detected')).toContainText('T/CSAE 53-2020 draft (2019-07-24)');
		await page.reload();
		await page.locator('[data-ready="true"]').first().waitFor();
		await expect(page.getByTestId('schema-title')).toHaveCount(0);
		expect(errors).toEqual([]);
	});

	test('a set without MessageFrame: pick the type messages are, no model, said plainly', async ({ page }) => {
		await open(page, '/inspect');
		await page.getByTestId('schema-paste-toggle').click();
		await page.getByTestId('schema-text').fill('Tiny DEFINITIONS AUTOMATIC TAGS ::= BEGIN\n  Ping ::= SEQUENCE { n INTEGER (0..255), ok BOOLEAN }\n  Pong ::= SEQUENCE { code INTEGER (0..15) }\nEND');
		await page.getByTestId('schema-compile').click();
		await expect(page.getByTestId('schema-title')).toHaveText('pasted.asn, 2 types');
		await expect(page.getByTestId('schema-no-frame')).toBeVisible();
		await expect(page.getByTestId('schema-root')).toHaveValue('Ping');
		// Ping { n 200, ok TRUE } = 1100 1000 1 -> c8 80
		await page.getByTestId('bytes-input').fill('c8 80');
		await expect(page.getByTestId('encoding')).toHaveValue('user');
		await expect(page.locator('[data-testid="bit-field"][data-path="n"]')).toContainText('200');
		await expect(page.getByTestId('model-note')).toContainText('these bytes are read as Ping');
		await page.getByTestId('schema-root').selectOption('Pong');
		await expect(page.locator('[data-testid="bit-field"][data-path="code"]')).toContainText('12');
	});

	test('.asn files dropped on the page load as the set; other files stay bytes', async ({ page }) => {
		await open(page, '/inspect');
		const drop = (files: { name: string; text: string }[]) =>
			page.evaluate((fs) => {
				const dt = new DataTransfer();
				for (const f of fs) dt.items.add(new File([f.text], f.name));
				window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
			}, files);
		await drop([{ name: 'Tiny.asn1', text: 'Tiny DEFINITIONS AUTOMATIC TAGS ::= BEGIN\n  Ping ::= SEQUENCE { n INTEGER (0..255) }\nEND\n' }]);
		await expect(page.getByTestId('schema-title')).toHaveText('Tiny.asn1, 1 type');
		await drop([{ name: 'frame.txt', text: 'c8' }]);
		await expect(page.getByTestId('bytes-input')).toHaveValue('c8');
		await expect(page.locator('[data-testid="bit-field"][data-path="n"]')).toContainText('200');
	});
});

test.describe('a big message under your own set', () => {
	const text = 'Logs DEFINITIONS AUTOMATIC TAGS ::= BEGIN\n  Log ::= SEQUENCE { entries SEQUENCE (SIZE(1..4096)) OF Entry }\n  Entry ::= SEQUENCE { n INTEGER (0..4294967295), ok BOOLEAN }\nEND';
	const schema = compileModuleSet('logs', [{ name: 'pasted.asn', text }], 'Log');
	/** A Log of `count` entries as hex: 33 bits an entry, so 2,000 and more are over the worker's 8 KiB. */
	const logHex = (count: number) => Buffer.from(encode('Log', { entries: Array.from({ length: count }, (_, i) => ({ n: (i * 1_000_003) % 4294967296, ok: i % 3 === 0 })) }, schema)).toString('hex');
	const loadSet = async (page: Page) => {
		await page.getByTestId('schema-paste-toggle').click();
		await page.getByTestId('schema-text').fill(text);
		await page.getByTestId('schema-compile').click();
		await expect(page.getByTestId('schema-title')).toHaveText('pasted.asn, 2 types');
		await page.getByTestId('schema-root').selectOption('Log');
	};

	test('is read in the inspect worker, as big messages are without one', async ({ page }) => {
		const errors = watchErrors(page);
		const hex = logHex(2500);
		await open(page, '/inspect');
		await loadSet(page);
		expect(page.workers().some((w) => w.url().includes('inspect'))).toBe(false);
		await page.getByTestId('bytes-input').fill(hex);
		const drawn = { timeout: 30_000 };
		await expect(page.getByTestId('encoding')).toHaveValue('user', drawn);
		await expect(page.locator('[data-testid="bit-field"][data-path="entries"]').first()).toBeVisible(drawn);
		// read off the page's thread: the inspect worker started and sent the first 2,000 of the
		// 4,000 rows a bit view keeps; the next ones are asked of it
		expect(page.workers().some((w) => w.url().includes('inspect'))).toBe(true);
		const more = page.getByTestId('tree-more');
		await expect(more).toContainText('1500 of 4000 rows shown', drawn);
		await page.getByTestId('show-more-rows').click();
		await expect(more).toContainText('2000 of 4000 rows shown', drawn);
		await page.getByTestId('show-more-rows').click();
		await expect(more).toContainText('3000 of 4000 rows shown', drawn);
		expect(errors).toEqual([]);
	});

	test('a root picked while a big paste is still being read applies to the pasted message, not the one before', async ({ page }) => {
		const errors = watchErrors(page);
		await open(page, '/inspect');
		await loadSet(page);
		const drawn = { timeout: 30_000 };
		const first = logHex(2500);
		await page.getByTestId('bytes-input').fill(first);
		await expect(page.getByTestId('sizes').first()).toContainText(`${first.length / 2} B`, drawn);
		// the next paste, and another root in the same task (so before the worker can answer): the
		// paste is read again under the new root
		const next = logHex(4000);
		await page.evaluate((hex) => {
			const input = document.querySelector<HTMLTextAreaElement>('[data-testid="bytes-input"]')!;
			input.value = hex;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			const root = document.querySelector<HTMLSelectElement>('[data-testid="schema-root"]')!;
			root.value = 'Entry';
			root.dispatchEvent(new Event('change', { bubbles: true }));
		}, next);
		await expect(page.getByTestId('sizes').first()).toContainText(`${next.length / 2} B`, drawn);
		await expect(page.getByTestId('schema-root')).toHaveValue('Entry');
		expect(errors).toEqual([]);
	});
});
