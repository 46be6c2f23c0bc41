// Peak memory of `cv2x sim --out FILE` (issue 15, point 4: exports in constant memory).
// Runs the CLI as a child process and reads its own peak resident set size at exit
// (process.resourceUsage().maxRSS, injected with --import), with its CPU time and the file's size.
//   npx tsx bench/capture-rss.ts [--seconds 600] [--vehicles 500] [--city beijing-yizhuang] [--format pcapng|jsonl] [--keep]
// Target: 10 simulated minutes at 500 vehicles to pcapng under 250 MB peak RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/cv2x.js', import.meta.url));
const AT_EXIT =
	'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`\\nrss-probe ${u.maxRSS} ${u.userCPUTime} ${u.systemCPUTime}\\n`)})';

/** Flag values of this script, with defaults. */
function flag(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export interface RssRun {
	/** Peak resident set size of the child, bytes. */
	peakRss: number;
	/** User + system CPU time of the child, seconds. */
	cpuS: number;
	fileBytes: number;
	messages: number;
}

/** Runs `cv2x sim` with --out into a temporary directory and measures it. @throws when the run fails */
export async function measureSimCapture(city: string, seconds: number, vehicles: number, format: 'pcapng' | 'jsonl', keep = false): Promise<RssRun> {
	const dir = mkdtempSync(`${tmpdir()}/cv2x-rss-`);
	const out = `${dir}/run.${format}`;
	try {
		const args = ['--import', AT_EXIT, CLI, 'sim', '--city', city, '--seconds', String(seconds), '--vehicles', String(vehicles), '--out', out];
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4096)));
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		if (code !== 0) throw new Error(`cv2x sim exited with ${code}: ${stderr}`);
		const probe = /rss-probe (\d+) (\d+) (\d+)/.exec(stderr);
		if (!probe) throw new Error('no rss-probe line from the child');
		return {
			peakRss: Number(probe[1]) * 1024,
			cpuS: (Number(probe[2]) + Number(probe[3])) / 1e6,
			fileBytes: statSync(out).size,
			messages: Number(/messages (\d+), deliveries/.exec(stdout)?.[1] ?? NaN)
		};
	} finally {
		if (!keep) rmSync(dir, { recursive: true, force: true });
		else process.stderr.write(`kept ${out}\n`);
	}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const city = flag('city', 'beijing-yizhuang');
	const seconds = Number(flag('seconds', '600'));
	const vehicles = Number(flag('vehicles', '500'));
	const format = flag('format', 'pcapng') === 'jsonl' ? 'jsonl' : 'pcapng';
	const r = await measureSimCapture(city, seconds, vehicles, format, process.argv.includes('--keep'));
	const mb = (b: number) => (b / 1e6).toFixed(1);
	console.log(
		`cv2x sim --city ${city} --seconds ${seconds} --vehicles ${vehicles} --out run.${format}: peak RSS ${mb(r.peakRss)} MB ` +
			`(target < 250 MB), ${r.messages} messages, file ${mb(r.fileBytes)} MB (${(r.fileBytes / r.messages).toFixed(0)} B per record), CPU ${r.cpuS.toFixed(1)} s`
	);
}
