import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { clock, SIM_WAIT, watchErrors } from './helpers';

// Scenarios a class can follow (issue 14, points 5-7): every key moment comes after at least 3 s
// of visible approach; RLVW's text quotes the time to red its SPAT counts down; in Chinese no
// warning has an English word; on a phone each key moment is framed clear of the panels;
// /selftest says what is wrong with its link.

/** Every scenario the app ships, from the English catalog (as scenarios.spec.ts reads them). */
const IDS = Object.keys(JSON.parse(readFileSync(new URL('../../src/lib/i18n/en.json', import.meta.url), 'utf8')).scenarios as object);

const MIN_APPROACH_S = 3;

/**
 * The Latin words of a text shown in Chinese mode. What is checked: after taking out node ids
 * (letters and digits joined by hyphens: car-10012, RSU-BJ-YZ-01), no letter A-Z or a-z may be
 * left: an English word, an acronym (RLVW, PSM) or a unit in Latin letters (km/h, m/s²) counts.
 * Digits, punctuation and symbols (°, ², ⚠, –) are allowed.
 */
function latinWords(text: string): string[] {
	return text.replace(/\b[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+\b/g, ' ').match(/[A-Za-z]+/g) ?? [];
}

/** Opens a scenario, plays it, and waits until it has stopped by itself at its key moment. */
async function playToKeyMoment(page: Page, id: string, lang: 'en' | 'zh') {
	await page.goto(`/?scenario=${id}&tiles=none&speed=8&lang=${lang}`);
	await expect(page.getByTestId('scenario-panel')).toBeVisible();
	await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
	await page.getByTestId('play').click();
	await expect(page.getByTestId('key-moment')).toBeVisible(SIM_WAIT);
	// it paused by itself; the clock then shows the key moment's time
	await page.waitForFunction(() => (window as any).cv2xDebug.frame().playing === false);
}

/**
 * On a phone: the actors and the warned vehicle of the key moment drawn on the map, none under the
 * scenario panel, the legend or a badge; the key moment's text itself in sight in the panel.
 */
async function expectPhoneFraming(page: Page, id: string) {
	await page.waitForFunction(() => (window as any).cv2xDebug.settled() === true);
	const n = await page.evaluate(() => (window as any).cv2xDebug.drawCount());
	await page.waitForFunction((m) => (window as any).cv2xDebug.drawCount() > m + 2, n);
	const seen = await page.evaluate(() => {
		const d = (window as any).cv2xDebug;
		const f = d.frame();
		const ids = [...new Set([...d.actors(), ...(f.alerts as { node: number }[]).map((a) => a.node)])].filter((i: number) => f.vehicles.id.includes(i) || f.vrus.some((u: any) => u.id === i));
		const map = d.map.getContainer().getBoundingClientRect();
		const covers = [...document.querySelectorAll('[data-testid=scenario-panel], [data-testid=legend], [data-testid=approx-badge], .leaflet-control-zoom')].map((e) => e.getBoundingClientRect());
		const at = (id: number | string, p: { x: number; y: number } | null) => {
			if (!p) return { id, drawn: false, onMap: false, under: false };
			const [x, y] = [map.left + p.x, map.top + p.y];
			return { id, drawn: true, onMap: p.x > 0 && p.y > 0 && p.x < map.width && p.y < map.height, under: covers.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) };
		};
		// a road event the warning is about: its position and the top of its sign (39 px above it)
		const events = (d.events() as { kind: string; x: number; y: number }[]).flatMap((e) => [at(e.kind, e), at(`${e.kind} sign`, { x: e.x, y: e.y - 39 })]);
		return [...ids.map((i) => at(i, d.screenOf(i))), ...events];
	});
	expect(seen.length, `${id}: nodes to see`).toBeGreaterThan(0);
	for (const s of seen) expect(s, `${id}: node ${s.id} on the map, clear of the panels`).toEqual({ id: s.id, drawn: true, onMap: true, under: false });
	const panel = (await page.getByTestId('scenario-panel').boundingBox())!;
	const key = (await page.getByTestId('key-moment').boundingBox())!;
	expect(key.y + Math.min(key.height, 40), `${id}: the key moment's text in sight in the panel`).toBeLessThanOrEqual(panel.y + panel.height);
}

test.describe('390×844 (a phone)', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
	for (const id of IDS) {
		test(`scenario ${id}: at least ${MIN_APPROACH_S} s of approach, framed clear of the panels on a phone, and its warnings in Chinese have no English word`, async ({ page }) => {
			const errors = watchErrors(page);
			await playToKeyMoment(page, id, 'zh');
			const shown = await clock(page);
			expect(shown, `${id}: key moment at ${shown} s on the clock`).toBeGreaterThanOrEqual(MIN_APPROACH_S);
			await expectPhoneFraming(page, id);
			await page.screenshot({ path: `test-results/screens/phone-${id}.png` });
			const keyText = (await page.getByTestId('key-moment-text').textContent()) ?? '';
			expect(keyText.length).toBeGreaterThan(0);
			expect(latinWords(keyText), `key moment text: ${keyText}`).toEqual([]);
			await page.getByTestId('tab-log').click();
			const rows = page.getByTestId('alert-text');
			await expect(rows.first()).toBeVisible();
			for (const text of await rows.allTextContents()) expect(latinWords(text), `log: ${text}`).toEqual([]);
			expect(errors).toEqual([]);
		});
	}

	test('at the start the panel leaves the map most of its height: the steps are one tap away', async ({ page }) => {
		await page.goto('/?scenario=glosa&tiles=none');
		const panel = page.getByTestId('scenario-panel');
		await expect(panel).toBeVisible();
		const map = (await page.getByTestId('map').boundingBox())!;
		expect((await panel.boundingBox())!.height).toBeLessThan(map.height * 0.5);
		await expect(panel.locator('ol.watch')).toHaveCount(0);
		await page.getByTestId('scenario-steps').click();
		await expect(panel.locator('ol.watch li').first()).toBeVisible();
		await page.screenshot({ path: 'test-results/screens/phone-scenario-start.png' });
	});
});

/** The time to red the SPAT counts down for the phase that is not red now, s (proto3 JSON of a MessageFrame). */
function toRedInSpat(json: string, node: number): number[] {
	type State = { light?: string; timing?: { startTime?: number; likelyEndTime?: number } };
	const frame = JSON.parse(json) as { spat?: { intersections?: { intersectionId?: { id?: number }; phases?: { phaseStates?: State[] }[] }[] } };
	const i = frame.spat?.intersections?.find((x) => x.intersectionId?.id === node);
	const out: number[] = [];
	for (const p of i?.phases ?? []) {
		const states = p.phaseStates ?? [];
		const isRed = (s: State) => /RED$/.test(s.light ?? '');
		if (!states.length || isRed(states[0])) continue;
		const red = states.find(isRed);
		if (red) out.push((red.timing?.startTime ?? 0) / 10);
	}
	return out;
}

test('RLVW: the warning quotes the time to red of the SPAT that caused it, and the time to the stop line, in both languages', async ({ page }) => {
	const errors = watchErrors(page);
	await playToKeyMoment(page, 'rlvw', 'en');
	const key = page.getByTestId('key-moment-text');
	const text = (await key.textContent()) ?? '';
	const m = /red in ([\d.]+) s, stop line in ([\d.]+) s \((\d+) m\)/.exec(text);
	expect(m, text).not.toBeNull();
	const [toRed, toStop] = [Number(m![1]), Number(m![2])];
	// it cannot clear the line before red, and warns well before it (at the stopping distance)
	expect(toStop).toBeGreaterThan(toRed);
	expect(Number(m![3])).toBeGreaterThan(40);
	expect(text).toContain('AASHTO');
	// the cause is a SPAT; its proto3 JSON counts down to red for our (not yet red) phase
	await page.getByTestId('open-key-message').click();
	await expect(page.locator('.inspector .badge')).toHaveText('SPAT');
	await page.locator('.inspector .tabs button', { hasText: 'proto3 JSON' }).click();
	const json = (await page.locator('.inspector pre.json').textContent()) ?? '';
	const inSpat = toRedInSpat(json, 1004);
	expect(inSpat.length, json.slice(0, 400)).toBeGreaterThan(0);
	// equal to one TimeMark unit (0.1 s): the text subtracts the SPAT's age (a few ms on the air)
	expect(Math.min(...inSpat.map((s) => Math.abs(s - toRed)))).toBeLessThanOrEqual(0.1 + 1e-9);
	// the same numbers in Chinese, the rule named in Chinese
	await page.getByTestId('lang-zh').click();
	await expect(key).toContainText(`${toRed} 秒后红灯，${toStop} 秒后到达停止线`);
	await expect(key).toContainText('停车视距');
	expect(errors).toEqual([]);
});

test('/selftest with an unknown city says so, naming the valid ones, instead of spinning', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/selftest?city=atlantis');
	const error = page.getByTestId('selftest-error');
	await expect(error).toBeVisible(SIM_WAIT);
	await expect(error).toContainText('atlantis');
	await expect(error).toContainText('beijing-yizhuang');
	await expect(page.getByTestId('selftest')).toHaveAttribute('data-state', 'error');
	await expect(page.getByTestId('digest')).toHaveCount(0);
	// in Chinese too, with a bad number named
	await page.goto('/selftest?city=atlantis&seconds=lots&lang=zh');
	await expect(error).toContainText('未知城市“atlantis”');
	await expect(error).toContainText('参数“seconds”必须是 1 到 600 之间的整数');
	await expect(page.locator('h1')).toHaveText('确定性自检');
	expect(errors).toEqual([]);
});

test('/selftest with a good link runs and prints a digest, in Chinese when asked', async ({ page }) => {
	await page.goto('/selftest?city=wuhan-etdz&seed=7&vehicles=5&seconds=1&lang=zh');
	await expect(page.getByTestId('selftest')).toHaveAttribute('data-state', 'done', SIM_WAIT);
	await expect(page.getByTestId('digest')).toHaveText(/^[0-9a-f]{16}$/);
	await expect(page.getByTestId('selftest-status')).toContainText('随机种子 7');
});
