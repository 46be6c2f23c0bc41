import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { open, watchErrors } from './helpers';

// Acceptance of issue 11: pasting any real or crafted UPER frame of ../shared/samples/uper into
// /inspect shows the decoded tree with meanings, the bits linked to it both ways, the detected
// profile, and the same message in the protobuf model. Skipped with a notice without ../shared.
const SAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'samples', 'uper');
const files = existsSync(SAMPLES)
	? [
			...readdirSync(SAMPLES).filter((f) => f.endsWith('.hex')),
			...readdirSync(SAMPLES, { withFileTypes: true })
				.filter((d) => d.isDirectory())
				.flatMap((d) => readdirSync(join(SAMPLES, d.name)).filter((f) => f.endsWith('.hex')).map((f) => `${d.name}/${f}`))
		].sort()
	: [];
if (!files.length) console.warn(`inspect-samples: ${SAMPLES} is absent, so pasting the real frames is skipped`);

/** What each sample is: its protobuf payload field, and the profile title detection must name (when only one reads it). */
function expected(file: string): { payload: string; profile?: string } {
	const kind = file.replace(/^.*\//, '').replace(/[0-9]*[.-].*$/, '');
	const payload = { bsm: 'bsm', map: 'mapData', rsi: 'rsi', rsm: 'rsm', spat: 'spat', ssm: 'ssm' }[kind];
	if (!payload) throw new Error(`no expectation for ${file}`);
	// the RSU's RSI and MAP decode only under the 2019-07-24 draft; the SSM is phase 2
	const profile = kind === 'rsi' || kind === 'map' ? 'T/CSAE 53-2020 draft (2019-07-24)' : kind === 'ssm' ? 'T/CSAE 53-2020 + T/CSAE 157-2020 (phase 2)' : undefined;
	return { payload, profile };
}

/** Hovers a leaf of the tree: exactly its bits light up; hovers its first bit: the row lights up. */
async function linkedBothWays(page: Page) {
	const leaf = page.locator('[data-testid="bit-field"][data-role="value"]').first();
	const start = Number(await leaf.getAttribute('data-start'));
	const end = Number(await leaf.getAttribute('data-end'));
	await leaf.hover();
	await expect(page.locator('.bit.lit')).toHaveCount(end - start);
	await expect(page.locator(`.bit[data-bit="${start}"]`)).toHaveClass(/lit/);
	await page.locator('.legend').hover(); // off the tree
	await expect(page.locator('.bit.lit')).toHaveCount(0);
	await page.locator(`.bit[data-bit="${start}"]`).hover();
	await expect(leaf).toHaveClass(/hl/);
	// a structural run too: the MessageFrame's choice index (the bits that say which message it is)
	const index = page.locator('[data-testid="bit-field"][data-role="choice-index"][data-path=""]');
	await page.locator(`.bit[data-bit="${Number(await index.getAttribute('data-start')) + 1}"]`).hover();
	await expect(index).toHaveClass(/hl/);
}

test.describe('every sample frame of ../shared/samples/uper on /inspect', () => {
	test.skip(!files.length, 'no ../shared/samples/uper');
	for (const file of files) {
		test(file, async ({ page }) => {
			const errors = watchErrors(page);
			const want = expected(file);
			await open(page, '/inspect');
			await page.getByTestId('bytes-input').fill(readFileSync(join(SAMPLES, file), 'utf8'));
			// the detected profile, and the choice shows it
			const detected = page.getByTestId('detected');
			await expect(detected).toBeVisible();
			if (want.profile) await expect(detected).toContainText(want.profile);
			const chosen = await page.getByTestId('encoding').inputValue();
			expect(chosen).not.toBe('protobuf');
			await expect(page.locator('.std')).toContainText(((await detected.textContent()) ?? '').replace(/^.*?: /, '').trim());
			await expect(page.getByTestId('decode-error')).toHaveCount(0);
			await expect(page.getByTestId('message-name')).not.toBeEmpty();
			// the tree with meanings: fields with their values, some with a physical reading or a text
			// (a MAP starts closed below its top levels: everything open first)
			await page.getByTestId('expand-all').click();
			const rows = page.getByTestId('bit-field');
			await expect.poll(() => rows.count()).toBeGreaterThan(10);
			const meanings = await page.locator('[data-testid="bit-field"] .phys').evaluateAll((els) => els.filter((e) => e.textContent!.trim() !== '').length);
			expect(meanings).toBeGreaterThan(2);
			await linkedBothWays(page);
			// the same message in the protobuf model
			const model = page.getByTestId('model');
			await model.locator('summary').click();
			await expect(model.locator('pre')).toContainText(`"${want.payload}": {`);
			expect(errors).toEqual([]);
		});
	}
});
