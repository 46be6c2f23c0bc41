import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { clock, clockReaches, framesDrawn, pause, ready, settled, shot, SIM_WAIT, simMs, watchErrors } from './helpers';

test.describe('the playground', () => {
	test('renders the map and roads with no network, and vehicles move', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/');
		await ready(page);
		// our own road data is drawn; no basemap is asked for until the user chooses one
		expect(await page.locator('path.road').count()).toBeGreaterThanOrEqual(10);
		await expect(page.locator('.leaflet-tile')).toHaveCount(0);
		await expect(page.locator('.rsu-marker').first()).toBeVisible();
		await page.getByTestId('play').click();
		const positions = () =>
			page.evaluate(() => {
				const f = (window as any).cv2xDebug.frame();
				return { t: f.t, ids: Array.from(f.vehicles.id as Int32Array), lat: Array.from(f.vehicles.lat as Float64Array) };
			});
		await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(1000);
		const a = await positions();
		// 1.5 s of simulated time later
		await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(a.t + 1500);
		const b = await positions();
		expect(b.t).toBeGreaterThan(a.t);
		let moved = 0;
		a.ids.forEach((id, i) => {
			const j = b.ids.indexOf(id);
			if (j >= 0 && Math.abs(b.lat[j] - a.lat[i]) > 1e-6) moved++;
		});
		expect(moved).toBeGreaterThan(10);
		await shot(page, 'playground-running');
		expect(errors).toEqual([]);
	});

	test('the log fills with BSM, SPAT, MAP and cloud messages', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/?tiles=none&speed=4');
		await ready(page);
		await page.keyboard.press('Space');
		await clockReaches(page, 10); // cloud reports and MAP (1 Hz) have been sent by then
		const types = async () => page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
		await expect.poll(types).toContain('bsm');
		// roadside units: SPAT among what they send
		await page.getByTestId('filter-sender').fill('RSU');
		await expect.poll(types).toContain('spat');
		await page.getByTestId('filter-sender').fill('');
		// cloud traffic: the Uu channel
		await page.getByTestId('filter-channel').selectOption('uu');
		// (the worker filters its ring: the rows come a moment after the choice)
		await expect.poll(async () => (await types()).some((t) => t === 'vehicle_status_report' || t === 'speed_advice')).toBe(true);
		expect((await types()).every((t) => t !== 'bsm')).toBe(true);
		// MAP comes once a second per RSU: hide the 10 Hz types to see it
		await page.getByTestId('filter-channel').selectOption('all');
		for (const t of ['bsm', 'spat', 'rsm', 'psm', 'vehicle_status_report']) await page.getByTestId(`toggle-${t}`).uncheck();
		await expect(page.locator('[data-testid="log-row"][data-type="map_data"]').first()).toBeVisible();
		await shot(page, 'log-filtered');
		expect(errors).toEqual([]);
	});

	test('the log keeps every BSM (no sampling): the rows under the BSM filter equal the BSM counter', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/?tiles=none&vehicles=80');
		await ready(page);
		for (let i = 1; i <= 5; i++) {
			await page.getByTestId('step').click();
			await expect.poll(() => clock(page)).toBeCloseTo(i / 10, 5);
		}
		const toggles = page.locator('[data-testid^="toggle-"]:not([data-testid="toggle-bsm"])');
		for (let i = 0; i < (await toggles.count()); i++) await toggles.nth(i).uncheck();
		const counter = async () => Number(((await page.getByTestId('count-bsm').textContent()) ?? '').replace(/[^\d]/g, ''));
		const shown = async () => Number(/[\d,]+/.exec((await page.getByTestId('log-shown').textContent()) ?? '')![0].replace(/,/g, ''));
		// 80 vehicles at 10 Hz for 5 steps: far more than the 24 a step the old log sampled
		await expect.poll(counter).toBeGreaterThan(5 * 24);
		const bsms = await counter();
		await expect.poll(shown).toBeGreaterThanOrEqual(bsms); // warnings pass any type filter
		const types = () => page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
		await expect.poll(async () => (await types()).length > 5 && (await types()).every((t) => t === 'bsm' || t === 'alert')).toBe(true);
		// page through the whole list (only the rows in view exist) and count the BSM rows
		const log = page.getByTestId('log');
		const seen = new Set<number>();
		for (let top = 0, pages = 0; pages < 200; pages++) {
			await log.evaluate((el, y) => (el.scrollTop = y), top);
			await expect
				.poll(() =>
					log.evaluate((el) => {
						// the rows at the top and at the bottom of the view are both there: the window for this scroll has arrived
						const tops = [...el.querySelectorAll<HTMLElement>('[data-testid="log-row"]')].map((r) => parseFloat(r.style.top));
						const has = (y: number) => tops.some((t) => Math.abs(t - y) < 1);
						const last = Math.min(el.scrollTop + el.clientHeight, el.scrollHeight) - 1;
						return has(Math.floor(el.scrollTop / 26) * 26) && has(Math.floor(last / 26) * 26);
					})
				)
				.toBe(true);
			const got = await log.evaluate((el) => [...el.querySelectorAll<HTMLElement>('[data-testid="log-row"][data-type="bsm"]')].map((r) => Number(r.dataset.seq)));
			for (const q of got) seen.add(q);
			const m = await log.evaluate((el) => ({ top: el.scrollTop, h: el.clientHeight, all: el.scrollHeight }));
			if (m.top + m.h >= m.all - 1) break;
			// pages overlap by two rows: a row cut by the view's edge may not be rendered on either side of it
			top = m.top + Math.max(26, m.h - 2 * 26);
		}
		expect(seen.size).toBe(bsms);
		expect(errors).toEqual([]);
	});

	test('the log follows the newest; scrolling up stops that and keeps the rows, "newest" goes back', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/?tiles=none&speed=2');
		await ready(page);
		await page.keyboard.press('Space');
		await clockReaches(page, 3);
		const log = page.getByTestId('log');
		await expect(log).toHaveAttribute('data-follow', 'yes');
		// the newest row is at the bottom: its time is the clock's (within a frame or two)
		const lastTime = async () => Number(await page.getByTestId('log-row').evaluateAll((rows) => {
			const sorted = [...rows].sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top));
			return sorted.at(-1)?.querySelector('.t')?.textContent ?? '0';
		}));
		await expect.poll(async () => (await clock(page)) - (await lastTime()), SIM_WAIT).toBeLessThan(1.5);
		await log.hover();
		await page.mouse.wheel(0, -2000);
		await expect(log).toHaveAttribute('data-follow', 'no');
		await expect(page.getByTestId('log-newest')).toBeVisible();
		const seqs = () => page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))).sort((a, b) => a - b).slice(0, 5));
		const held = await seqs();
		const t0 = await clock(page);
		await clockReaches(page, t0 + 1.5); // more rows arrived meanwhile
		expect(await seqs()).toEqual(held);
		await expect(log).toHaveAttribute('data-follow', 'no');
		await shot(page, 'log-scrolled');
		await page.getByTestId('log-newest').click();
		await expect(log).toHaveAttribute('data-follow', 'yes');
		await expect.poll(async () => (await clock(page)) - (await lastTime()), SIM_WAIT).toBeLessThan(1.5);
		expect(errors).toEqual([]);
	});

	test('clicking a vehicle opens its latest BSM with units; hovering links fields and bytes', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/?tiles=none');
		await ready(page);
		await page.keyboard.press('Space');
		await clockReaches(page, 2);
		await pause(page); // so the vehicle stays where it is drawn
		await settled(page);
		const box = (await page.getByTestId('map').boundingBox())!;
		const pos = await page.evaluate((size) => {
			const d = (window as any).cv2xDebug;
			for (const id of d.frame().vehicles.id) {
				const p = d.screenOf(id);
				if (p && p.x > 80 && p.y > 80 && p.x < size.w - 80 && p.y < size.h - 80) return { id, ...p };
			}
			return null;
		}, { w: box.width, h: box.height });
		expect(pos).not.toBeNull();
		await page.mouse.click(box.x + pos!.x, box.y + pos!.y);
		await expect(page.getByTestId('message-name')).toHaveText('BasicSafetyMessage');
		await expect(page.getByTestId('inspector')).toContainText(`vehicle`);
		const speed = page.locator('[data-path="bsm.speed"]');
		await expect(speed).toBeVisible();
		const kmh = Number(/\(([\d.]+) km\/h\)/.exec((await speed.textContent()) ?? '')?.[1]);
		expect(kmh).toBeGreaterThanOrEqual(0);
		expect(kmh).toBeLessThan(130);
		const heading = Number(/([\d.]+)°/.exec((await page.locator('[data-path="bsm.heading"]').textContent()) ?? '')?.[1]);
		expect(heading).toBeGreaterThanOrEqual(0);
		expect(heading).toBeLessThan(360);
		await expect(page.locator('[data-path="bsm.pos.lat"]')).toContainText(/39\.7\d+°/);
		await expect(page.getByTestId('sizes')).toContainText(/\d+ B protobuf · \d+ B UPER \(.+\) · \d+ B JSON/);
		// field -> bytes
		await speed.hover();
		const hl = await page.locator('.byte.hl').count();
		expect(hl).toBeGreaterThanOrEqual(1);
		expect(hl).toBeLessThanOrEqual(3);
		await expect(page.locator('.byte.hdr')).toHaveCount(1); // the tag byte of field 9
		await shot(page, 'inspector-bsm');
		// bytes -> field: the first byte after the header is the protocol version's tag
		await page.locator('.byte[data-offset="0"]').hover();
		await expect(page.locator('[data-path="protocol_version"]')).toHaveClass(/hl/);
		// the JSON view
		await page.getByRole('button', { name: 'proto3 JSON' }).click();
		await expect(page.locator('pre.json')).toContainText('"protocolVersion": 1');
		expect(errors).toEqual([]);
	});

	test('play, pause, step and the keyboard', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/?tiles=none');
		await ready(page);
		expect(await clock(page)).toBe(0);
		await page.getByTestId('step').click();
		await expect.poll(() => clock(page)).toBeCloseTo(0.1, 5);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => clock(page)).toBeCloseTo(0.2, 5);
		await page.getByTestId('play').click();
		await expect.poll(() => clock(page), SIM_WAIT).toBeGreaterThan(0.8);
		await pause(page);
		const paused = await clock(page);
		expect(paused).toBeGreaterThan(0.8);
		// paused stays paused: the map draws on (60 frames, about a second) and the clock stands
		await framesDrawn(page, 60);
		expect(await clock(page)).toBe(paused);
		expect(await simMs(page)).toBeCloseTo(paused * 1000, -2);
		// and a step from there is exactly one more 100 ms step
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => clock(page)).toBeCloseTo(paused + 0.1, 5);
		expect(errors).toEqual([]);
	});

	test('the URL carries city, seed and speed so a link reproduces a demo', async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto('/?city=wuhan-etdz&seed=7&speed=4&tiles=none');
		await ready(page);
		await expect(page.getByTestId('city')).toHaveValue('wuhan-etdz');
		await expect(page.getByTestId('seed')).toHaveValue('7');
		await expect(page.getByTestId('speed')).toHaveValue('4');
		await page.getByTestId('speed').selectOption('8');
		await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('8');
		await page.getByTestId('city').selectOption('shanghai-anting');
		await expect.poll(() => new URL(page.url()).searchParams.get('city')).toBe('shanghai-anting');
		await shot(page, 'shanghai');
		expect(errors).toEqual([]);
	});
});

test('the same seed gives the same event stream in the browser as in Node', async ({ page }) => {
	const args = ['--city', 'changsha-xiangjiang', '--seed', '5', '--vehicles', '30', '--seconds', '8'];
	const out = execFileSync(process.execPath, ['bin/cv2x.js', 'sim', ...args], { encoding: 'utf8' });
	const node = /digest ([0-9a-f]{16})/.exec(out)![1];
	await page.goto('/selftest?city=changsha-xiangjiang&seed=5&vehicles=30&seconds=8');
	await expect(page.getByTestId('digest')).toHaveText(/^[0-9a-f]{16}$/, { timeout: 30_000 });
	expect(await page.getByTestId('digest').textContent()).toBe(node);
});

test('an RSU opens its SPAT, and a log row opens its message', async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none');
	await ready(page);
	await page.keyboard.press('Space');
	await clockReaches(page, 2); // SPAT (10 Hz) and the first cloud messages have been sent
	await page.locator('.rsu-marker').first().click({ force: true });
	await expect(page.getByTestId('message-name')).toHaveText('SpatData');
	await expect(page.locator('[data-path^="spat.intersections[0].phases[0].phase_states[0].timing.likely_end_time"]')).toContainText(/\d s\s*$/); // (the tree may pad its value cell)
	await page.getByTestId('tab-log').click();
	await page.getByTestId('filter-channel').selectOption('uu');
	await page.getByTestId('log-row').first().click();
	await expect(page.getByTestId('message-name')).toHaveText(/VehicleStatusReport|SpeedAdvice|Acknowledgement|HazardNotice|LaneAdvice/);
	await shot(page, 'inspector-cloud');
	expect(errors).toEqual([]);
});
