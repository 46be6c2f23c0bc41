#!/usr/bin/env node
// Measures the playground in headless Chromium: main-thread CPU per frame at 500, 2,000, the UI's
// maximum and 5,000 vehicles (Chrome DevTools Protocol Performance.getMetrics: the page's own
// main-thread task and script durations, summed over a fixed number of drawn frames, so a slow
// or loaded machine gives the same figure per frame and fewer frames per second, never a wrong
// one), the worker's achieved speed, and the gzip size of the JavaScript the first page load
// needs. Run after `npm run build`:
//   node scripts/measure-ui.mjs                 (starts `vite preview` itself, port 4179 or MEASURE_PORT)
//   node scripts/measure-ui.mjs 2000 5000       (only those cases)
// No bundled city holds 5,000 vehicles (Wuhan's, the largest, about 3,700), so 5,000 run on the
// bench's 6 × 6 grid (sim/roads/synthetic.ts gridCity), imported through the page's own Import
// button as a city file, and restarted with the Restart form: the user's own way there.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.MEASURE_PORT ?? 4179);
/** Frames summed per measurement: a fixed count, not a fixed time. */
const FRAMES = 120;
const up = async () => {
	try {
		return (await fetch(`http://localhost:${PORT}/`)).ok;
	} catch {
		return false;
	}
};
// a stale server would serve an old build: refuse rather than measure the wrong thing
if (await up()) {
	console.error(`port ${PORT} is already serving; stop that server first`);
	process.exit(1);
}
// its own process group, so stopping it stops vite too (not only npx)
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const stop = () => {
	try {
		process.kill(-server.pid, 'SIGTERM');
	} catch {
		/* already gone */
	}
};
process.on('exit', stop);
process.on('uncaughtException', (e) => {
	console.error(e);
	process.exit(1);
});
let exited = false;
server.on('exit', () => (exited = true));
for (let i = 0; i < 300 && !exited && !(await up()); i++) await new Promise((r) => setTimeout(r, 200));
if (!(await up())) throw new Error('vite preview did not start');

// 1. initial JS: the entry scripts and the modules the page preloads
const html = readFileSync('build/index.html', 'utf8');
const files = new Set([...html.matchAll(/(?:href|src)="([^"]+\.js)"/g)].map((m) => m[1].replace(/^\.\//, '').replace(/^\//, '')));
for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) files.add(m[1].replace(/^\.\//, '').replace(/^\//, ''));
let raw = 0;
let gz = 0;
for (const f of files) {
	const data = readFileSync(`build/${f}`);
	raw += data.length;
	gz += gzipSync(data, { level: 9 }).length;
}
console.log(`initial JS: ${files.size} files, ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip`);

// 2. main-thread CPU per frame
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
});
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const debug = (page, fn, arg) => page.evaluate(fn, arg);

/** The page's main-thread metrics now (seconds, as CDP gives them). */
async function metrics(cdp) {
	const { metrics: list } = await cdp.send('Performance.getMetrics');
	return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * Main-thread CPU over the next FRAMES frames the overlay draws: ms per frame of all tasks, of
 * script, of style and layout; the overlay's own draw p50; frames per wall second; the worker's
 * speed as the page shows it.
 */
async function perFrame(page, cdp) {
	// a couple of frames first, so a view change or a new snapshot's projection is not counted
	const n0 = await debug(page, () => window.cv2xDebug.drawCount());
	await page.waitForFunction((n) => window.cv2xDebug.drawCount() >= n + 3, n0, { timeout: 120_000 });
	await debug(page, () => (window.cv2xDebug.overlay.drawTimes.length = 0));
	const [start, traffic0] = await debug(page, () => [window.cv2xDebug.drawCount(), window.cv2xDebug.overlay.trafficDraws ?? 0]);
	const before = await metrics(cdp);
	const wall0 = Date.now();
	await page.waitForFunction((n) => window.cv2xDebug.drawCount() >= n, start + FRAMES, { timeout: 300_000, polling: 100 });
	const after = await metrics(cdp);
	const wall = (Date.now() - wall0) / 1000;
	const r = await debug(page, () => ({
		traffic: window.cv2xDebug.overlay.trafficDraws, frames: window.cv2xDebug.drawCount(), draws: [...window.cv2xDebug.overlay.drawTimes],
		speed: window.cv2xDebug.frame().actualSpeed, vehicles: window.cv2xDebug.frame().vehicles.id.length, zoom: window.cv2xDebug.map.getZoom()
	}));
	const frames = r.frames - start;
	const ms = (k) => ((after[k] - before[k]) * 1000) / frames;
	return {
		task: ms('TaskDuration'), script: ms('ScriptDuration'), style: ms('RecalcStyleDuration') + ms('LayoutDuration'),
		draw: r.draws.length ? pct(r.draws, 50) : 0, traffic: (r.traffic ?? 0) - traffic0, fps: frames / wall, speed: r.speed, vehicles: r.vehicles, zoom: r.zoom, frames
	};
}

/**
 * Plays until 3 s of simulated time have passed (the page's clock, not the wall's); a run the
 * page restarted with what the city holds starts paused, so play is pressed whenever it is.
 */
async function warmUp(page) {
	await page.waitForFunction(() => window.cv2xDebug?.frame?.() != null, null, { timeout: 120_000 });
	for (let tries = 0; ; tries++) {
		try {
			await page.waitForFunction(() => window.cv2xDebug.frame().playing && window.cv2xDebug.frame().t >= 3000, null, { timeout: 10_000 });
			return;
		} catch (e) {
			if (tries >= 30) throw e;
			if (!(await debug(page, () => window.cv2xDebug.frame().playing))) await page.getByTestId('play').click();
		}
	}
}

/** Measures the whole network in view (as the page frames it), then zoom 15 and 18 where the traffic is densest. */
async function measureViews(page, label) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
	const line = (view, r) =>
		console.log(
			`${label}, ${view} (zoom ${r.zoom}, ${r.vehicles} vehicles): main thread ${r.task.toFixed(1)} ms/frame ` +
				`(script ${r.script.toFixed(1)}, style+layout ${r.style.toFixed(1)}); overlay draw p50 ${r.draw.toFixed(1)} ms; ` +
				`vehicles drawn in ${r.traffic} of ${r.frames} frames, ${r.fps.toFixed(0)} frames/s; worker at ${r.speed.toFixed(2)}× real time; ` +
				`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`
		);
	line('whole network', await perFrame(page, cdp));
	const center = await debug(page, () => {
		const f = window.cv2xDebug.frame().vehicles;
		// where the traffic is densest (most vehicles within about 100 m of one of 300 of them):
		// a view zoomed in there has vehicles to draw
		let best = [f.lat[0], f.lon[0]];
		let most = -1;
		for (let i = 0; i < f.lat.length; i += Math.max(1, Math.floor(f.lat.length / 300))) {
			let n = 0;
			for (let j = 0; j < f.lat.length; j++) if (Math.abs(f.lat[j] - f.lat[i]) < 0.001 && Math.abs(f.lon[j] - f.lon[i]) < 0.001) n++;
			if (n > most) (most = n), (best = [f.lat[i], f.lon[i]]);
		}
		return best;
	});
	for (const z of [15, 18]) {
		await debug(page, ([c, zoom]) => window.cv2xDebug.map.setView(c, zoom, { animate: false }), [center, z]);
		line(`zoom ${z}`, await perFrame(page, cdp));
	}
	await cdp.detach();
}

/** A bundled city at `n` vehicles, from a link. */
async function bundled(n, city) {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`http://localhost:${PORT}/?tiles=none&city=${city}&vehicles=${n}&play=1`);
	await warmUp(page);
	await measureViews(page, `${city}, ${n} vehicles asked`);
	await page.close();
}

/** The bench's 6 × 6 grid imported as a city file, restarted with `n` vehicles and played. */
async function grid(n) {
	const out = spawnSync('npx', ['tsx', '-e', "import { gridCity } from './src/lib/sim/roads/synthetic.ts'; process.stdout.write(JSON.stringify(gridCity(6)));"], { encoding: 'utf8' });
	if (out.status !== 0) throw new Error(`gridCity: ${out.stderr}`);
	const file = join(mkdtempSync(join(tmpdir(), 'measure-ui-')), 'grid-6x6.json');
	writeFileSync(file, out.stdout);
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`http://localhost:${PORT}/?tiles=none&city=wuhan-etdz&vehicles=10`);
	await page.waitForFunction(() => window.cv2xDebug?.frame?.() != null, null, { timeout: 120_000 });
	await page.getByTestId('import').setInputFiles(file);
	await page.waitForFunction(() => window.cv2xDebug.city()?.id === 'grid-6x6', null, { timeout: 60_000 });
	await page.getByTestId('vehicles').fill(String(n));
	await page.getByTestId('vehicles').press('Enter');
	await page.waitForFunction((k) => window.cv2xDebug.frame()?.vehicles.id.length > k / 2, n, { timeout: 120_000 });
	await warmUp(page);
	await measureViews(page, `grid 6×6 (imported), ${n} vehicles asked`);
	await page.close();
}

// Changsha's network (9 km of road, mostly 3-lane) holds 2,000 vehicles; Wuhan's is the UI's
// maximum (the Restart form and a link are capped at what the city holds)
const cases = { 500: () => bundled(500, 'beijing-yizhuang'), 2000: () => bundled(2000, 'changsha-xiangjiang'), max: () => bundled(5000, 'wuhan-etdz'), 5000: () => grid(5000) };
const asked = process.argv.slice(2);
for (const [k, run] of Object.entries(cases)) if (!asked.length || asked.includes(k)) await run();
await browser.close();
stop();
