import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { startMosquitto, mosquittoSkipReason, type RunningMosquitto } from '../../src/lib/live/testing/mosquitto';
import { ready, shot, SIM_WAIT, watchErrors } from './helpers';
import { liveConnected, liveCounters, publishRun, typeCounts, vehiclesOnMap } from './live-helpers';

// Live mode against Debian's mosquitto, started here on loopback with free ports (TCP for the
// CLI, WebSocket for the page). The CLI publishes a short run in each dialect; the page, in Live
// mode on the broker's WebSocket listener, must show exactly what was carried.

const skip = mosquittoSkipReason();
test.describe('Live mode on a real broker', () => {
	test.skip(skip !== null, skip ?? '');
	let broker: RunningMosquitto;
	test.beforeAll(async () => {
		broker = (await startMosquitto())!;
	});
	test.afterAll(async () => {
		await broker?.stop();
	});

	async function openLive(page: Page, query = '') {
		await page.goto(`/?tiles=none${query}&live=${encodeURIComponent(broker.wsUrl)}`);
		await ready(page);
		await liveConnected(page);
	}

	test('shows what each dialect carries: vehicles, rows, exact counters, and an undecodable with its bytes', async ({ page }) => {
		test.setTimeout(180_000);
		const errors = watchErrors(page);
		await openLive(page);
		// the broker's URL is in the page's link, never a credential
		expect(new URL(page.url()).searchParams.get('live')).toBe(broker.wsUrl);
		const types = ['bsm', 'spat', 'map_data', 'rsm', 'psm'];
		for (const dialect of ['cv2x', 'docking', 'openv2x']) {
			const before = await liveCounters(page);
			const countsBefore = await typeCounts(page, types);
			let sawVehicles = 0;
			const run = publishRun(broker.mqttUrl, dialect, 3, 5);
			// vehicles appear on the map while the run goes on
			await expect.poll(async () => (sawVehicles = await vehiclesOnMap(page)), SIM_WAIT).toBeGreaterThan(0);
			const sent = await run;
			// every publication arrives; none is undecodable
			await expect.poll(async () => (await liveCounters(page)).publications - before.publications, SIM_WAIT).toBe(sent.publications);
			// once the last is read (the status comes about once a second), every message carried is decoded: at this rate
			// nothing waits long enough to be dropped (a step's unread rest waits for the next; the inbox holds 600 publications)
			let after = await liveCounters(page);
			await expect
				.poll(async () => {
					after = await liveCounters(page);
					return after.messages - before.messages;
				}, SIM_WAIT)
				.toBe(sent.messages);
			expect(after.undecodable).toBe(before.undecodable);
			expect(after.dropped).toBe(before.dropped);
			// by type, as the log's filter counts them
			await expect
				.poll(async () => {
					const now = await typeCounts(page, types);
					return Object.fromEntries(types.map((t) => [t, now[t] - countsBefore[t]]));
				}, SIM_WAIT)
				.toEqual(Object.fromEntries(types.map((t) => [t, sent.byType[t] ?? 0])));
			const shown = await page.getByTestId('log-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
			expect(shown.some((t) => t !== null && t in sent.byType), `${dialect}: log rows ${shown.join(' ')}`).toBe(true);
			expect(sawVehicles, dialect).toBeGreaterThan(0);
		}
		await shot(page, 'live-dialects');
		// a decoded message opens in the inspector with the topic it came on
		await page.locator('[data-testid="log-row"][data-type="spat"]').last().click();
		await expect(page.getByTestId('inspector-topic')).toHaveText(/^V2X\/RSU\/[^/]+\/SPAT\/UP$/);
		await expect(page.getByTestId('message-name')).not.toBeEmpty();
		await page.getByTestId('tab-log').click();

		// a publication that is no message: a row with its error, its bytes in the inspector
		const client = await mqtt.connectAsync(broker.mqttUrl);
		const garbage = Buffer.from('<b>not</b> a frame \u0001\u0002', 'utf8');
		await client.publishAsync('V2X.RSU.BSM.UP', garbage);
		await client.endAsync();
		const bad = page.locator('[data-testid="log-row"][data-type="undecodable"]').first();
		await expect(bad).toBeVisible(SIM_WAIT);
		await expect.poll(async () => (await liveCounters(page)).undecodable, SIM_WAIT).toBe(1);
		const errorText = (await bad.getByTestId('undecodable-text').textContent()) ?? '';
		expect(errorText.length).toBeGreaterThan(5);
		await bad.click();
		await expect(page.getByTestId('undecodable-error')).toHaveText(errorText);
		await expect(page.getByTestId('inspector-topic')).toHaveText('V2X.RSU.BSM.UP');
		// the raw bytes as a hex dump with their ASCII: the payload's text is text, never markup
		await expect(page.getByTestId('raw-bytes')).toContainText('3c 62 3e 6e 6f 74');
		await expect(page.getByTestId('raw-bytes')).toContainText('<b>not</');
		expect(await page.locator('[data-testid="inspector"] b').filter({ hasText: /^not$/ }).count()).toBe(0);
		await shot(page, 'live-undecodable');
		expect(errors).toEqual([]);
	});

	test('a bad broker URL is said under the form and the simulation goes on', async ({ page }) => {
		await page.goto('/?tiles=none');
		await ready(page);
		await page.getByTestId('live-open').click();
		await page.getByTestId('live-url').fill('http://127.0.0.1:1883');
		await page.getByTestId('live-connect').click();
		await expect(page.getByTestId('live-error')).toContainText('ws://');
		await expect(page.getByTestId('live-status')).toHaveCount(0);
		await expect(page.getByTestId('seed')).toBeVisible(); // still the simulation's controls
		// credentials typed into the URL go to their fields, never into the page's link
		await page.getByTestId('live-url').fill(`ws://alice:s3cret@127.0.0.1:${new URL(broker.wsUrl).port}/`);
		await page.getByTestId('live-connect').click();
		await liveConnected(page);
		await page.getByTestId('live-fold').click(); // connected: the form folded away; open it again
		await expect(page.getByTestId('live-username')).toHaveValue('alice');
		await expect(page.getByTestId('live-password')).toHaveValue('s3cret');
		expect(page.url()).not.toContain('s3cret');
		expect(page.url()).not.toContain('alice');
		expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('s3cret');
	});

	test('a flood is sampled: every publication counted, the rest dropped and said, the page keeps drawing', async ({ page }) => {
		test.setTimeout(120_000);
		const errors = watchErrors(page);
		await openLive(page);
		const bsm = Buffer.from(execFileSync('node', ['bin/cv2x.js', 'encode'], { input: execFileSync('node', ['bin/cv2x.js', 'sample', 'bsm']) }).toString().trim(), 'hex');
		const before = await liveCounters(page);
		const drawn = await page.evaluate(() => (window as any).cv2xDebug.drawCount() as number);
		const FLOOD = 20_000;
		const client = await mqtt.connectAsync(broker.mqttUrl);
		for (let i = 0; i < FLOOD; i++) client.publish('cv2x/v1/flood/bsm', bsm, { qos: 0 });
		await client.endAsync(); // after everything queued is written
		await expect.poll(async () => (await liveCounters(page)).publications - before.publications, SIM_WAIT).toBe(FLOOD);
		// every one is either read (a message) or dropped unread: nothing lost without a count
		await expect
			.poll(async () => {
				const c = await liveCounters(page);
				return c.messages - before.messages + (c.dropped - before.dropped);
			}, SIM_WAIT)
			.toBe(FLOOD);
		const after = await liveCounters(page);
		expect(after.dropped - before.dropped).toBeGreaterThan(0);
		await expect(page.getByTestId('live-count-dropped')).not.toHaveText('0');
		// the map went on drawing through it
		await page.waitForFunction((n) => (window as any).cv2xDebug.drawCount() > n + 30, drawn);
		expect(errors).toEqual([]);
	});

	test('two pages publishing their simulations each see the other', async ({ browser }) => {
		test.setTimeout(120_000);
		const pages: Page[] = [];
		for (let i = 0; i < 2; i++) {
			const page = await (await browser.newContext()).newPage();
			await openLive(page, '&vehicles=6');
			await page.getByTestId('live-dialect').selectOption('cv2x');
			await page.getByTestId('live-publish').check();
			await expect(page.getByTestId('live-publishing')).toBeVisible();
			pages.push(page);
		}
		const prefixes = await Promise.all(pages.map(async (p) => /prefix (t[0-9a-f]{4})/.exec((await p.getByTestId('live-publishing').textContent()) ?? '')![1]));
		expect(prefixes[0]).not.toBe(prefixes[1]);
		for (const [i, page] of pages.entries()) {
			const other = prefixes[1 - i];
			// the other tab's vehicles' BSMs in this tab's log, and more vehicles on the map than it publishes
			await page.getByTestId('filter-sender').fill(other);
			await expect(page.locator('[data-testid="log-row"][data-type="bsm"]').first()).toBeVisible(SIM_WAIT);
			await expect.poll(() => vehiclesOnMap(page), SIM_WAIT).toBeGreaterThan(6);
			await expect.poll(async () => (await liveCounters(page)).published, SIM_WAIT).toBeGreaterThan(0);
			await page.getByTestId('filter-sender').fill('');
		}
		await shot(pages[0], 'live-two-pages');
		for (const p of pages) await p.context().close();
	});
});
