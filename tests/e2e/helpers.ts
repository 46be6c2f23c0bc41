import { expect, type Page } from '@playwright/test';

// These helpers wait on what the page shows (the simulation clock, frames drawn, rows), never
// on a fixed time: a busy machine makes the tests slower, not flaky.

/** How long a test waits for the simulation clock to reach a time (the machine may be busy). */
export const SIM_WAIT = { timeout: 30_000 };

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

/** Simulated time of the latest frame the page received, in ms. */
export async function simMs(page: Page): Promise<number> {
	return page.evaluate(() => (window as any).cv2xDebug.frame().t as number);
}

/** Waits until the clock on the page shows at least `seconds` of simulated time. */
export async function clockReaches(page: Page, seconds: number) {
	await expect.poll(() => clock(page), SIM_WAIT).toBeGreaterThanOrEqual(seconds);
}

/** Pauses with the space key and waits until the worker says it has stopped (its last frame). */
export async function pause(page: Page) {
	await page.keyboard.press('Space');
	await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play');
	await page.waitForFunction(() => (window as any).cv2xDebug.frame().playing === false);
}

/** Waits until the map has drawn `n` more frames (to see that something did not change meanwhile). */
export async function framesDrawn(page: Page, n: number) {
	const from = await page.evaluate(() => (window as any).cv2xDebug.drawCount() as number);
	await page.waitForFunction((target) => (window as any).cv2xDebug.drawCount() >= target, from + n);
}

/** Waits until the vehicles are drawn where the latest frame puts them (interpolation done). */
export async function settled(page: Page) {
	await page.waitForFunction(() => (window as any).cv2xDebug.settled() === true);
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
