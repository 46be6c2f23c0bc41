import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { pause, settled, SIM_WAIT, watchErrors } from './helpers';

// The map drawn to scale (issue 14, point 3): at zoom 18 every vehicle's body lies inside the
// roads as drawn (in pixels, from the page's own drawing data, the roads' widths checked against
// their SVG paths), an injected accident is drawn at its position, a vehicle under the pointer
// gets a pointer cursor and a text label, and a scenario's actors are framed clear of its panel.

type Pt = { x: number; y: number };
type Road = { linkId: number; widthPx: number; points: Pt[] };
type Vehicle = Pt & { id: number; heading: number; halfLength: number; halfWidth: number; toScale: boolean };

/** Opens a city, plays until vehicles have spread over the network, and pauses. */
async function openAndPause(page: Page, query = 'city=beijing-yizhuang&seed=3&vehicles=120') {
	await page.goto(`/?${query}&tiles=none&speed=8`);
	await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
	await page.getByTestId('play').click();
	await page.waitForFunction(() => (window as any).cv2xDebug.frame().t >= 20_000, null, SIM_WAIT);
	await pause(page);
}

/** Sets the map's view (no animation) and waits until the overlay has drawn it. */
async function view(page: Page, lat: number, lon: number, zoom: number) {
	await page.evaluate(([la, lo, z]) => (window as any).cv2xDebug.map.setView([la, lo], z, { animate: false }), [lat, lon, zoom]);
	await page.waitForFunction((z) => (window as any).cv2xDebug.map.getZoom() === z, zoom);
	const n = await page.evaluate(() => (window as any).cv2xDebug.drawCount());
	await page.waitForFunction((m) => (window as any).cv2xDebug.drawCount() > m + 2, n);
	await settled(page);
}

function distanceToPolyline(p: Pt, pts: Pt[]): number {
	let best = Infinity;
	for (let i = 1; i < pts.length; i++) {
		const a = pts[i - 1];
		const dx = pts[i].x - a.x;
		const dy = pts[i].y - a.y;
		const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
		best = Math.min(best, Math.hypot(p.x - a.x - dx * t, p.y - a.y - dy * t));
	}
	return best;
}

/** A vehicle's four corners on screen (heading clockwise from north; screen y grows down). */
function corners(v: Vehicle): Pt[] {
	const h = (v.heading * Math.PI) / 180;
	const f = { x: Math.sin(h), y: -Math.cos(h) };
	const r = { x: -f.y, y: f.x };
	return [[1, 1], [1, -1], [-1, 1], [-1, -1]].map(([a, b]) => ({
		x: v.x + f.x * v.halfLength * a + r.x * v.halfWidth * b,
		y: v.y + f.y * v.halfLength * a + r.y * v.halfWidth * b
	}));
}

test('at zoom 18 every vehicle drawn lies inside the roads as drawn, to scale', async ({ page }) => {
	const errors = watchErrors(page);
	await openAndPause(page);
	// three places: around three vehicles spread over the list
	const spots = await page.evaluate(() => {
		const f = (window as any).cv2xDebug.frame();
		const n = f.vehicles.id.length;
		return [0, Math.floor(n / 3), Math.floor((2 * n) / 3)].map((i) => [f.vehicles.lat[i], f.vehicles.lon[i]] as [number, number]);
	});
	let checked = 0;
	for (const [lat, lon] of spots) {
		await view(page, lat, lon, 18);
		const { roads, vehicles, svgWidths } = await page.evaluate(() => {
			const d = (window as any).cv2xDebug;
			return {
				roads: d.roads() as Road[],
				vehicles: d.vehicles() as Vehicle[],
				svgWidths: [...document.querySelectorAll('path.road')].map((p) => Number(p.getAttribute('stroke-width')))
			};
		});
		// what the test reads is what the SVG draws: each road's width, in order
		expect(svgWidths).toEqual(roads.map((r) => r.widthPx));
		expect(vehicles.length).toBeGreaterThan(0);
		for (const v of vehicles) {
			expect(v.toScale).toBe(true);
			// a car is 4.7 m long: about 10 px at zoom 18 (0.46 m a pixel), not a fixed symbol
			expect(v.halfLength * 2).toBeGreaterThan(9);
			for (const c of corners(v)) {
				const inside = roads.some((r) => distanceToPolyline(c, r.points) <= r.widthPx / 2 + 0.5);
				expect(inside, `vehicle ${v.id} corner (${c.x.toFixed(1)}, ${c.y.toFixed(1)}) off every road`).toBe(true);
			}
			checked++;
		}
	}
	expect(checked).toBeGreaterThanOrEqual(6);
	// zoomed out, roads keep a visible width and vehicles are symbols of a fixed size
	await view(page, spots[0][0], spots[0][1], 13);
	const out = await page.evaluate(() => ({ roads: (window as any).cv2xDebug.roads() as Road[], vehicles: (window as any).cv2xDebug.vehicles() as Vehicle[] }));
	expect(Math.min(...out.roads.map((r) => r.widthPx))).toBeGreaterThanOrEqual(4);
	expect(out.vehicles.every((v) => !v.toScale)).toBe(true);
	expect(errors).toEqual([]);
});

test('an injected accident is drawn at its position, with its area and its closed lane', async ({ page }) => {
	const errors = watchErrors(page);
	await openAndPause(page, 'city=beijing-yizhuang&seed=4&vehicles=40');
	await page.locator('select:has(option[value="accident"])').selectOption('accident');
	// the event comes with the next step
	await page.keyboard.press('ArrowRight');
	await page.waitForFunction(() => (window as any).cv2xDebug.frame().events.some((e: any) => e.kind === 'accident'), null, SIM_WAIT);
	const ev = await page.evaluate(() => (window as any).cv2xDebug.frame().events.find((e: any) => e.kind === 'accident'));
	expect(ev.closedLane).toBeGreaterThanOrEqual(0);
	expect(ev.closedPath.length).toBeGreaterThanOrEqual(2);
	await view(page, ev.pos.lat, ev.pos.lon, 17);
	const { drawn, at, mpp } = await page.evaluate((e) => {
		const d = (window as any).cv2xDebug;
		const p = d.map.latLngToContainerPoint([e.pos.lat, e.pos.lon]);
		const zoom = d.map.getZoom();
		return {
			drawn: (d.events() as any[]).find((x) => x.id === e.id),
			at: { x: p.x, y: p.y },
			mpp: (40075016.686 * Math.cos((d.map.getCenter().lat * Math.PI) / 180)) / (256 * 2 ** zoom)
		};
	}, ev);
	expect(drawn, 'the accident among the events drawn').toBeTruthy();
	expect(Math.abs(drawn.x - at.x)).toBeLessThan(1);
	expect(Math.abs(drawn.y - at.y)).toBeLessThan(1);
	// its area is the RSI's eventRadius, to scale; the closed lane as wide as a lane
	expect(drawn.radiusPx).toBeCloseTo(ev.radiusM / mpp, 0);
	expect(drawn.closedLanePx).toBeCloseTo(ev.laneWidthM / mpp, 0);
	// and it is on the canvas: the sign's red border, the sign on a pin above the position
	const red = await page.evaluate(({ x, y }) => {
		const canvas = document.querySelector('canvas.sim-overlay') as HTMLCanvasElement;
		const dpr = canvas.width / canvas.getBoundingClientRect().width;
		const ctx = canvas.getContext('2d')!;
		let n = 0;
		const lift = 26;
		for (const [dx, dy] of [[0, -11], [-6, -2], [6, -2], [0, 10]]) {
			const [r, g, b] = ctx.getImageData(Math.round((x + dx) * dpr), Math.round((y - lift + dy) * dpr), 1, 1).data;
			if (r > 180 && g < 110 && b < 110) n++;
		}
		return n;
	}, at);
	expect(red).toBeGreaterThanOrEqual(2);
	await page.screenshot({ path: 'test-results/screens/map-accident.png' });
	expect(errors).toEqual([]);
});

test('a vehicle under the pointer: pointer cursor and a label with its name, speed and last message, as text', async ({ page }) => {
	const errors = watchErrors(page);
	await openAndPause(page);
	const spot = await page.evaluate(() => {
		const f = (window as any).cv2xDebug.frame();
		const i = Array.from(f.vehicles.speed as Float32Array).findIndex((s) => s > 3);
		return [f.vehicles.lat[i], f.vehicles.lon[i], f.vehicles.id[i]] as [number, number, number];
	});
	await view(page, spot[0], spot[1], 18);
	const box = (await page.getByTestId('map').boundingBox())!;
	const target = await page.evaluate((id) => (window as any).cv2xDebug.screenOf(id), spot[2]);
	await page.mouse.move(box.x + target.x, box.y + target.y);
	await page.waitForFunction((id) => (window as any).cv2xDebug.hovered() === id, spot[2]);
	const cursor = await page.evaluate(([x, y]) => getComputedStyle(document.elementFromPoint(x, y)!).cursor, [box.x + target.x, box.y + target.y]);
	expect(cursor).toBe('pointer');
	const label = page.getByTestId('map-hover');
	await expect(label).toBeVisible();
	const text = (await label.textContent()) ?? '';
	const kmh = await page.evaluate((id) => {
		const f = (window as any).cv2xDebug.frame();
		return Math.round(f.vehicles.speed[Array.from(f.vehicles.id as Int32Array).indexOf(id)] * 3.6);
	}, spot[2]);
	expect(text).toMatch(new RegExp(`^(car|bus|truck|emergency)-${spot[2]}\\n${kmh} km/h`));
	// text, not markup
	expect(await label.evaluate((el) => el.children.length)).toBe(0);
	// the road's name (a Leaflet tooltip) gives way to the vehicle's label
	await expect(page.locator('.road-tip')).toBeHidden();
	await page.screenshot({ path: 'test-results/screens/map-hover.png' });
	// away from every vehicle: no pointer, no label
	await page.mouse.move(box.x + 5, box.y + box.height - 5);
	await page.waitForFunction(() => (window as any).cv2xDebug.hovered() === null);
	await expect(label).toBeHidden();
	expect(errors).toEqual([]);
});

test("EVW: the scenario's actors are ringed and framed clear of the scenario panel", async ({ page }) => {
	const errors = watchErrors(page);
	await page.goto('/?scenario=evw&tiles=none');
	await expect(page.getByTestId('scenario-panel')).toBeVisible();
	await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
	const actors: number[] = await page.evaluate(() => (window as any).cv2xDebug.actors());
	expect(actors.length).toBeGreaterThan(0);
	await page.waitForFunction((ids) => ids.every((id: number) => (window as any).cv2xDebug.screenOf(id)), actors);
	const panel = (await page.getByTestId('scenario-panel').boundingBox())!;
	const box = (await page.getByTestId('map').boundingBox())!;
	for (const id of actors) {
		const p = await page.evaluate((i) => (window as any).cv2xDebug.screenOf(i), id);
		const x = box.x + p.x;
		const y = box.y + p.y;
		const under = x >= panel.x && x <= panel.x + panel.width && y >= panel.y && y <= panel.y + panel.height;
		expect(under, `actor ${id} at (${x}, ${y}) under the scenario panel`).toBe(false);
		expect(x).toBeGreaterThan(box.x);
		expect(x).toBeLessThan(box.x + box.width);
		expect(y).toBeGreaterThan(box.y);
		expect(y).toBeLessThan(box.y + box.height);
	}
	await page.screenshot({ path: 'test-results/screens/map-evw-framed.png' });
	expect(errors).toEqual([]);
});

/** Every scenario the app ships, from the English catalog. */
const SCENARIOS = Object.keys(JSON.parse(readFileSync(new URL('../../src/lib/i18n/en.json', import.meta.url), 'utf8')).scenarios as object);

/** Fails if any node is not drawn inside the map or is drawn under the scenario panel. */
async function expectClearOfPanel(page: Page, ids: number[], what: string) {
	const panel = (await page.getByTestId('scenario-panel').boundingBox())!;
	const box = (await page.getByTestId('map').boundingBox())!;
	for (const id of ids) {
		const p = await page.evaluate((i) => (window as any).cv2xDebug.screenOf(i), id);
		expect(p, `${what}: node ${id} drawn`).not.toBeNull();
		const x = box.x + p.x;
		const y = box.y + p.y;
		const under = x >= panel.x && x <= panel.x + panel.width && y >= panel.y && y <= panel.y + panel.height;
		expect(under, `${what}: node ${id} at (${x}, ${y}) under the scenario panel`).toBe(false);
		expect(x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height, `${what}: node ${id} on the map`).toBe(true);
	}
}

for (const id of SCENARIOS)
	test(`scenario ${id}: at its key moment the actors and the warned vehicle are on the map, clear of the panel`, async ({ page }) => {
		const errors = watchErrors(page);
		await page.goto(`/?scenario=${id}&tiles=none&speed=8`);
		await expect(page.getByTestId('scenario-panel')).toBeVisible();
		await page.waitForFunction(() => (window as any).cv2xDebug?.frame?.() != null);
		await page.getByTestId('play').click();
		await expect(page.getByTestId('key-moment')).toBeVisible(SIM_WAIT);
		await page.waitForFunction(() => (window as any).cv2xDebug.frame().playing === false);
		await settled(page);
		const n = await page.evaluate(() => (window as any).cv2xDebug.drawCount());
		await page.waitForFunction((m) => (window as any).cv2xDebug.drawCount() > m + 2, n);
		const ids: number[] = await page.evaluate(() => {
			const d = (window as any).cv2xDebug;
			const warned = (d.frame().alerts as { node: number }[]).map((a) => a.node);
			return [...new Set([...d.actors(), ...warned])].filter((i: number) => d.frame().vehicles.id.includes(i) || d.frame().vrus.some((u: any) => u.id === i));
		});
		expect(ids.length).toBeGreaterThan(0);
		await expectClearOfPanel(page, ids, id);
		// a road event the warning is about is drawn too
		const events = await page.evaluate(() => (window as any).cv2xDebug.frame().events.map((e: any) => e.id) as number[]);
		const drawn = await page.evaluate(() => (window as any).cv2xDebug.events().map((e: any) => e.id) as number[]);
		expect(drawn.sort()).toEqual(events.sort());
		await page.screenshot({ path: `test-results/screens/map-key-moment-${id}.png` });
		expect(errors).toEqual([]);
	});

for (const zoom of [13, 16, 18])
	test(`screenshot at zoom ${zoom}`, async ({ page }) => {
		await openAndPause(page);
		const c = await page.evaluate(() => {
			const f = (window as any).cv2xDebug.frame();
			return [f.vehicles.lat[0], f.vehicles.lon[0]] as [number, number];
		});
		await view(page, c[0], c[1], zoom);
		await page.screenshot({ path: `test-results/screens/map-zoom-${zoom}.png` });
		// and at the busiest signalised junction
		const node = await page.evaluate(() => (window as any).cv2xDebug.city().nodes.find((n: any) => n.signal));
		await view(page, node.lat, node.lon, zoom);
		await page.screenshot({ path: `test-results/screens/map-zoom-${zoom}-junction.png` });
	});
