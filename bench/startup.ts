// Start-up cost of the `cv2x` command line: CPU time (user + system, not wall time, so a busy
// machine does not inflate it) of `node bin/cv2x.js types` against `node -e 0`, each run as a
// child process. The target (issue 10) is at most 300 ms of CPU above `node -e 0`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleReason } from '../scripts/build-cli.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Loaded into each child: at exit, writes the whole process's CPU time (µs) to fd 3.
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
	'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeSync(3, String(u.user + u.system)); });'
)}`;

/** CPU time in ms of one `node ...args` child process; throws if it fails. */
function childCpuMs(args: string[]): number {
	const r = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
	const reported = r.output[3]?.toString() ?? '';
	if (r.status !== 0 || !reported) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr?.toString()}`);
	return Number(reported) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Prints the CLI's start-up CPU cost above `node -e 0`: medians of `runs` interleaved runs. */
export function startupBench(runs = 9) {
	console.log('# cv2x start-up cost (CPU time, user + system, median of ' + runs + ' interleaved runs)\n');
	const stale = staleReason();
	// The first call rebuilds a stale bundle; that cost is paid once, not at every start.
	childCpuMs(['bin/cv2x.js', 'types']);
	if (stale) console.log(`  (bundle was stale: ${stale}; rebuilt before measuring)`);
	const base: number[] = [];
	const cli: number[] = [];
	for (let i = 0; i < runs; i++) {
		base.push(childCpuMs(['-e', '0']));
		cli.push(childCpuMs(['bin/cv2x.js', 'types']));
	}
	const checks = 20;
	const c0 = process.cpuUsage();
	for (let i = 0; i < checks; i++) staleReason();
	const c = process.cpuUsage(c0);
	const checkMs = (c.user + c.system) / 1000 / checks;
	const above = median(cli) - median(base);
	console.log(`  ${'node -e 0'.padEnd(40)}${median(base).toFixed(0).padStart(6)} ms`);
	console.log(`  ${'node bin/cv2x.js types'.padEnd(40)}${median(cli).toFixed(0).padStart(6)} ms`);
	console.log(`  ${'  of which: the bundle freshness check'.padEnd(40)}${checkMs.toFixed(1).padStart(6)} ms`);
	console.log(`  ${'above node -e 0'.padEnd(40)}${above.toFixed(0).padStart(6)} ms`);
	console.log(`  target: <= 300 ms CPU above node -e 0 -> ${above <= 300 ? 'met' : 'NOT met'} (${above.toFixed(0)} ms)`);
	console.log("  (`npx cv2x` adds npm's own start-up, 0.6 to 1.2 s of CPU here, as it does for any package's bin)\n");
}
