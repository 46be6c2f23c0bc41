import { expect, type Page } from '@playwright/test';

/** Console errors and page errors, except failed map-tile fetches (there is no network). */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() !== 'error') return;
		const url = m.location()?.url ?? '';
		if (/tile\.openstreetmap\.org/.test(url) || /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/.test(m.text())) return;
		errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
	return errors;
}

/** Simulated time shown on the clock, in seconds. */
export async function clock(page: Page): Promise<number> {
	const text = (await page.getByTestId('clock').textContent()) ?? '';
	const [m, s] = text.split(':');
	return Number(m) * 60 + Number(s);
}

export async function shot(page: Page, name: string) {
	await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/** Waits until the simulation has loaded its city and sent a first frame. */
export async function ready(page: Page) {
	await expect(page.locator('path.road').first()).toBeVisible();
	await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
}

/** Opens a page and waits until Svelte has hydrated it (its handlers are attached). */
export async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('[data-ready="true"]').first().waitFor();
}
