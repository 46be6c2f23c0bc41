// OpenStreetMap import in the playground (issue 14, point 1): an extract written by the test is
// imported through the page's file input, becomes a city in the worker and runs; its vehicles
// drive inside the roads as drawn (pixels of the SVG road surfaces) and along their curves. A
// broken extract is refused with the element, line and column while the run goes on, and a
// capture made on the imported city replays on its roads once the city is imported.
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { sampleOsm } from '../../src/lib/osm/fixture';
import { clockReaches, ready, shot, SIM_WAIT, simMs, watchErrors } from './helpers';

/** The sample zone with the Short Cut (way 102) referencing a node that is not in the file. */
function brokenOsm(): { xml: string; line: number } {
	const xml = sampleOsm().replace('<nd ref="40"/>', '<nd ref="4040"/>');
	return { xml, line: xml.split('\n').findIndex((l) => l.includes('<way id="102"')) + 1 };
}

/** What one look at the page finds about the vehicles of its latest frame and the roads drawn. */
interface RoadCheck {
	vehicles: number;
	/** Vehicles inside the map's visible area, checked. */
	onScreen: number;
	/** Checked vehicles outside every road surface as drawn (centre farther than half its stroke width), with how far, px. */
	outside: { id: number; px: number }[];
	/** Checked vehicles inside a curved road and off that road's straight chord: they follow the curve. */
	onCurve: number;
	/** Road surfaces drawn, and how many of them are curved. */
	roads: number;
	curvedRoads: number;
	/** Vehicle id -> container position, to see them move. */
	at: Record<number, [number, number]>;
}

/**
 * Looks at the drawn roads (`path.road`: the SVG surfaces, sampled every 2 px along the path,
 * their stroke width read) and the latest frame's vehicles (lat/lon put on the map by Leaflet),
 * all in client pixels.
 */
function checkRoads(page: Page): Promise<RoadCheck> {
	return page.evaluate(() => {
		const dbg = (window as any).cv2xDebug;
		const map = dbg.map;
		const frame = dbg.frame();
		const box = map.getContainer().getBoundingClientRect() as DOMRect;
		type P = { x: number; y: number };
		const roads = [...document.querySelectorAll<SVGPathElement>('path.road')].map((path) => {
			const ctm = path.getScreenCTM()!;
			const len = path.getTotalLength();
			const pts: P[] = [];
			for (let s = 0; s <= len; s += 2) {
				const q = path.getPointAtLength(Math.min(s, len));
				pts.push({ x: ctm.a * q.x + ctm.c * q.y + ctm.e, y: ctm.b * q.x + ctm.d * q.y + ctm.f });
			}
			const last = path.getPointAtLength(len);
			pts.push({ x: ctm.a * last.x + ctm.c * last.y + ctm.e, y: ctm.b * last.x + ctm.d * last.y + ctm.f });
			const half = (Number(getComputedStyle(path).strokeWidth.replace('px', '')) * Math.abs(ctm.a)) / 2;
			return { pts, half };
		});
		const toLine = (p: P, pts: P[]) => {
			let best = Infinity;
			for (let i = 1; i < pts.length; i++) {
				const a = pts[i - 1];
				const b = pts[i];
				const dx = b.x - a.x;
				const dy = b.y - a.y;
				const k = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
				best = Math.min(best, Math.hypot(p.x - a.x - k * dx, p.y - a.y - k * dy));
			}
			return best;
		};
		// curved: the path leaves its straight chord by more than its own width
		const curved = roads.map((r) => r.pts.length > 2 && Math.max(...r.pts.map((p) => toLine(p, [r.pts[0], r.pts[r.pts.length - 1]]))) > 2 * r.half + 2);
		const out: { id: number; px: number }[] = [];
		const at: Record<number, [number, number]> = {};
		let onScreen = 0;
		let onCurve = 0;
		const v = frame.vehicles;
		for (let i = 0; i < v.id.length; i++) {
			const c = map.latLngToContainerPoint([v.lat[i], v.lon[i]]);
			at[v.id[i]] = [c.x, c.y];
			const p = { x: box.left + c.x, y: box.top + c.y };
			if (c.x < 0 || c.y < 0 || c.x > box.width || c.y > box.height) continue;
			onScreen++;
			const inside = roads.map((r, j) => ({ j, out: toLine(p, r.pts) - r.half })).sort((a, b) => a.out - b.out)[0];
			if (!inside || inside.out > 0.75) out.push({ id: v.id[i], px: inside ? inside.out : Infinity });
			else if (curved[inside.j]) {
				const r = roads[inside.j];
				if (toLine(p, [r.pts[0], r.pts[r.pts.length - 1]]) > 2 * r.half) onCurve++;
			}
		}
		return { vehicles: v.id.length, onScreen, outside: out, onCurve, roads: roads.length, curvedRoads: curved.filter(Boolean).length, at };
	});
}

/**
 * How the map frames the city it shows: every point of every road drawn inside the map, and the
 * network's extent at least 40 % of the map's width or height (not a dot in a far-off view).
 */
function framing(page: Page): Promise<{ roadsInside: boolean; fills: boolean }> {
	return page.evaluate(() => {
		const dbg = (window as any).cv2xDebug;
		const size = dbg.map.getSize();
		const pts = (dbg.roads() as { points: { x: number; y: number }[] }[]).flatMap((r) => r.points);
		const xs = pts.map((p) => p.x);
		const ys = pts.map((p) => p.y);
		const roadsInside = pts.length > 0 && pts.every((p) => p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y);
		const fills = Math.max(...xs) - Math.min(...xs) >= 0.4 * size.x || Math.max(...ys) - Math.min(...ys) >= 0.4 * size.y;
		return { roadsInside, fills };
	});
}

/** The city the worker runs now, as the page's city menu and latest frame show it. */
async function cityShown(page: Page): Promise<string> {
	return page.getByTestId('city').inputValue();
}

test('an OpenStreetMap extract is imported and run: its roads drawn, vehicles inside them and along their curves', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4&vehicles=40');
	await ready(page);
	const file = info.outputPath('Sample zone.osm');
	writeFileSync(file, sampleOsm());
	await page.getByTestId('import').setInputFiles(file);
	// the worker registered it: it is offered among the cities, and its 7 links are drawn
	await expect(page.getByTestId('city').locator('option[value="sample-zone"]')).toHaveCount(1, SIM_WAIT);
	await expect(page.locator('path.road')).toHaveCount(7);
	expect(await page.evaluate(() => (window as any).cv2xDebug.frame().vehicles.id.length)).toBe(40);
	await page.keyboard.press('Space');
	await clockReaches(page, 2);
	// the map frames the imported network by itself: every road drawn inside the map, filling much of it
	await expect.poll(() => framing(page), SIM_WAIT).toEqual({ roadsInside: true, fills: true });
	await expect.poll(async () => (await checkRoads(page)).curvedRoads, SIM_WAIT).toBeGreaterThanOrEqual(2); // Main Street west of the crossing, the Short Cut
	const first = await checkRoads(page);
	expect(first.roads).toBe(7);
	let onCurve = 0;
	let moved = 0;
	let last = first;
	for (let k = 0; k < 6; k++) {
		const t = await simMs(page);
		await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(t + 1000);
		const now = await checkRoads(page);
		expect(now.onScreen, 'vehicles on screen').toBeGreaterThan(20);
		expect(now.outside, `vehicles outside every drawn road at ${await simMs(page)} ms`).toEqual([]);
		onCurve += now.onCurve;
		moved += Object.entries(now.at).filter(([id, [x, y]]) => last.at[Number(id)] && Math.hypot(x - last.at[Number(id)][0], y - last.at[Number(id)][1]) > 1).length;
		last = now;
	}
	expect(onCurve, 'vehicles following a curve').toBeGreaterThan(0);
	expect(moved).toBeGreaterThan(20);
	// closer in, on the curved west part of Main Street: still inside the (wider) drawn roads
	await page.evaluate(() => {
		const dbg = (window as any).cv2xDebug;
		const v = dbg.frame().vehicles;
		dbg.map.setView([v.lat[0], v.lon[0]], 17, { animate: false });
	});
	const t = await simMs(page);
	await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(t + 500);
	const close = await checkRoads(page);
	expect(close.onScreen).toBeGreaterThan(0);
	expect(close.outside).toEqual([]);
	await shot(page, 'osm-import');
	expect(errors).toEqual([]);
});

test('a new city is framed even when it arrives during a zoom animation (Leaflet drops a fit asked for then)', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&vehicles=10');
	await ready(page);
	const file = info.outputPath('Sample zone.osm');
	writeFileSync(file, sampleOsm());
	await page.getByTestId('import').setInputFiles(file);
	await expect(page.locator('path.road')).toHaveCount(7, SIM_WAIT);
	await expect.poll(() => framing(page), SIM_WAIT).toEqual({ roadsInside: true, fills: true });
	// far away and mid-animation, the page frames the city again, as it does when a city arrives
	const animating = await page.evaluate(async () => {
		const dbg = (window as any).cv2xDebug;
		const m = dbg.map;
		m.setView([39.9, 116.3], 13, { animate: false });
		// a zoom animation asked for just before the fit (Leaflet starts it on the next frame) ...
		m.setZoom(13.5, { animate: true });
		dbg.fitCity();
		const scheduled = await new Promise<boolean>((res) => m.once('zoomend', () => res(true)));
		// ... and one running when the fit is asked for
		await new Promise<void>((res) => {
			m.once('zoomanim', () => res());
			m.setView([39.9, 116.3], 14, { animate: true });
		});
		const during = m._animatingZoom === true;
		dbg.fitCity();
		return scheduled && during;
	});
	expect(animating, 'a zoom animation was running when the fit was asked for').toBe(true);
	await expect.poll(() => framing(page), SIM_WAIT).toEqual({ roadsInside: true, fills: true });
	expect(errors).toEqual([]);
});

test('a broken extract is refused with its element, line and column while the run goes on', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await page.keyboard.press('Space');
	await clockReaches(page, 1);
	const { xml, line } = brokenOsm();
	const file = info.outputPath('broken.osm');
	writeFileSync(file, xml);
	await page.getByTestId('import').setInputFiles(file);
	await expect(page.getByTestId('error')).toContainText(`broken.osm: way 102 (line ${line}, column 3): references node 4040, which is not in the file`, SIM_WAIT);
	// the run it interrupted goes on: same city, the clock moves on
	const t = await simMs(page);
	await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(t + 1000);
	expect(await cityShown(page)).toBe('beijing-yizhuang');
	await expect(page.getByTestId('city').locator('option[value="broken"]')).toHaveCount(0);
	await expect(page.getByTestId('replay')).toHaveCount(0);
	await shot(page, 'osm-import-broken');
	expect(errors).toEqual([]);
});

test('a capture made on an imported city replays on its roads once the city is imported', async ({ page }, info) => {
	const errors = watchErrors(page);
	await page.goto('/?tiles=none&speed=4&vehicles=20');
	await ready(page);
	const osm = info.outputPath('sample.osm');
	writeFileSync(osm, sampleOsm());
	await page.getByTestId('import').setInputFiles(osm);
	await expect(page.locator('path.road')).toHaveCount(7, SIM_WAIT);
	await page.keyboard.press('Space');
	await clockReaches(page, 4);
	await page.keyboard.press('Space');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').selectOption('pcapng')]);
	expect(download.suggestedFilename()).toMatch(/^cv2x-sample-seed1-\d+s\.pcapng$/);
	const capture = info.outputPath('run.pcapng');
	await download.saveAs(capture);

	// a fresh page (a new worker) knows only the bundled cities; once the extract is imported, the capture replays on its roads
	await page.goto('/?tiles=none&speed=4');
	await ready(page);
	await page.getByTestId('import').setInputFiles(osm);
	await expect(page.locator('path.road')).toHaveCount(7, SIM_WAIT);
	await page.getByTestId('import').setInputFiles(capture);
	await expect(page.getByTestId('replay')).toContainText('run.pcapng', SIM_WAIT);
	await expect(page.locator('path.road')).toHaveCount(7);
	await page.keyboard.press('Space');
	await expect.poll(() => simMs(page), SIM_WAIT).toBeGreaterThanOrEqual(3000);
	const replayed = await checkRoads(page);
	expect(replayed.vehicles).toBeGreaterThan(10); // those whose BSMs were recorded lately (vehicles come and go)
	expect(replayed.outside).toEqual([]);
	expect(errors).toEqual([]);
});
