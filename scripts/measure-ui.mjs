#!/usr/bin/env node
// Measures the playground in headless Chromium: frame times at 500 and 2,000 vehicles, and the
// gzip size of the JavaScript the first page load needs. Run after `npm run build`:
//   node scripts/measure-ui.mjs        (starts `vite preview` itself)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4179;
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

// 2. frame times
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
});
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
// Changsha's network (9 km of road, mostly 3-lane) holds 2,000 vehicles; Yizhuang's tops out lower
for (const [n, city] of [[500, 'beijing-yizhuang'], [2000, 'changsha-xiangjiang']]) {
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await page.goto(`http://localhost:${PORT}/?tiles=none&city=${city}&vehicles=${n}&play=1`);
	await page.waitForFunction(() => window.cv2xDebug?.frame?.() != null);
	// warm up on 3 s of simulated time (the page's own clock, not the wall's)
	await page.waitForFunction(() => window.cv2xDebug.frame().t >= 3000, null, { timeout: 120_000 });
	const r = await page.evaluate(
		() =>
			new Promise((resolve) => {
				const intervals = [];
				let last = performance.now();
				const start = last;
				const d = window.cv2xDebug.overlay;
				d.drawTimes.length = 0;
				const tick = () => {
					const now = performance.now();
					intervals.push(now - last);
					last = now;
					if (now - start < 8000) requestAnimationFrame(tick);
					else resolve({ intervals, draws: [...d.drawTimes], vehicles: window.cv2xDebug.frame().vehicles.id.length });
				};
				requestAnimationFrame(tick);
			})
	);
	console.log(
		`${city}, ${n} vehicles asked (${r.vehicles} on the roads): frame interval p50 ${pct(r.intervals, 50).toFixed(1)} ms, ` +
			`p95 ${pct(r.intervals, 95).toFixed(1)} ms; overlay draw p50 ${pct(r.draws, 50).toFixed(1)} ms, p95 ${pct(r.draws, 95).toFixed(1)} ms ` +
			`(${r.intervals.length} frames in 8 s)`
	);
	await page.close();
}
await browser.close();
stop();
