// `npm run fuzz [-- --n 1000000 --seed 1 --protoc 5000 --limits run|skip|only --match TEXT]`: the long fuzz run
// behind the bounded fuzz test (src/lib/codec/fuzz.test.ts). Mutated real inputs through the
// decoder, the annotated dump, raw decode, pasted text, proto3 JSON and both capture formats;
// reports escapes (anything but Cv2xError/CaptureError, or an error naming no place), decode/dump
// disagreements, frames decode accepts that protoc refuses (on a sample), the worst time per
// input, then each input at the limits in a child process of its own: its time and peak memory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeFrame, frameTypes } from '../src/lib/codec';
import { checkCapture, checkFrameBytes, checkJson, checkText, mutateBytes, rawDepth, rng, type Finding } from '../src/lib/codec/testing/fuzz';
import { protocAccepts, protocMissing } from '../src/lib/codec/testing/protoc';
import { CaptureError, readCapture, writeJsonl, writePcapng, type CaptureRecord } from '../src/lib/capture';
import { sampleFrame } from '../src/lib/samples';
import { LIMIT_CASES } from './fuzz-limits';

function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const v = process.argv[i + 1];
	if (v === undefined || v.startsWith('--')) throw new Error(`--${name} wants a value`);
	return v;
}
function count(name: string, fallback: number): number {
	const v = option(name, String(fallback));
	if (!/^[0-9]+$/.test(v)) {
		console.error(`error: --${name} wants a whole number, got ${JSON.stringify(v.slice(0, 20))}`);
		process.exit(2);
	}
	return Number(v);
}

const hexOf = (b: Uint8Array | string) => (typeof b === 'string' ? JSON.stringify(b.slice(0, 100)) : Buffer.from(b.subarray(0, 60)).toString('hex') + (b.length > 60 ? '…' : ''));
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

/** The child's side: one limit case, timed, with the peak memory of the process. */
function runCase(name: string): void {
	const c = LIMIT_CASES[name];
	const input = c.make();
	(globalThis as { gc?: () => void }).gc?.();
	const base = process.memoryUsage().rss;
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	const result = c.run(input as never);
	const cpu = process.cpuUsage(cpu0);
	const ms = performance.now() - t0;
	const peak = process.resourceUsage().maxRSS * 1024;
	process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, base, peak, result }));
}

interface Worst { ms: number; size: number }

function seedsOf() {
	const frames = frameTypes().map((t) => new Uint8Array(encodeFrame(sampleFrame(t.name))));
	const records: CaptureRecord[] = frames.map((bytes, i) => ({ t: i * 100, sender: `car-${i}`, receivers: ['RSU-1'], channel: i % 2 ? 'uu' : 'pc5', type: frameTypes()[i].name, bytes }));
	const captures = [writePcapng(records, { startTimeMs: 1.7e12, city: 'wuxi', seed: 1 }), new TextEncoder().encode(writeJsonl(records))];
	return { frames, captures };
}

const captureReader = {
	read: readCapture,
	isError: (e: unknown) => e instanceof CaptureError,
	hasPlace: (e: unknown) => e instanceof CaptureError && (e.offset !== undefined || e.record !== undefined)
};

/** The random phase: n inputs, the findings, the worst time per target, decode-accepted samples for protoc. */
function randomPhase(n: number, seed: number, protocWanted: number) {
	const r = rng(seed);
	const { frames, captures } = seedsOf();
	const findings: Finding[] = [];
	const worst: Record<string, Worst> = {};
	const counts: Record<string, number> = {};
	const forProtoc: Uint8Array[] = [];
	let accepted = 0;
	let peakRss = 0;
	const timed = (target: string, size: number, f: () => void) => {
		const t0 = performance.now();
		f();
		const ms = performance.now() - t0;
		counts[target] = (counts[target] ?? 0) + 1;
		if (!worst[target] || ms > worst[target].ms) worst[target] = { ms, size };
	};
	const started = performance.now();
	for (let i = 0; i < n; i++) {
		const k = r();
		if (k < 0.6) {
			const b = mutateBytes(r, frames);
			timed('decode + dump + partial dump + raw decode', b.length, () => {
				if (!checkFrameBytes(b, findings)) return;
				accepted++;
				if (forProtoc.length < protocWanted && r() < 0.2) forProtoc.push(b);
			});
		} else if (k < 0.8) timed('pasted text (hex forms, base64, auto)', 0, () => checkText(r, mutateBytes(r, frames), findings));
		else if (k < 0.9) timed('proto3 JSON', 0, () => checkJson(r, frames[Math.floor(r() * frames.length)], findings));
		else timed('captures (pcapng, JSON Lines)', 0, () => checkCapture(r, captures, captureReader, findings));
		if (i % 10000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
		if (i && i % 50000 === 0) console.error(`  ${i.toLocaleString('en-US')} inputs, ${findings.length} findings, ${((performance.now() - started) / 1000).toFixed(0)} s`);
	}
	return { findings, worst, counts, accepted, forProtoc, peakRss, seconds: (performance.now() - started) / 1000 };
}

function reportRandom(res: ReturnType<typeof randomPhase>, n: number, seed: number) {
	console.log(`# fuzz: ${n.toLocaleString('en-US')} inputs, seed ${seed}, ${res.seconds.toFixed(0)} s, peak RSS ${mb(res.peakRss)} MB\n`);
	for (const [t, c] of Object.entries(res.counts)) console.log(`- ${t}: ${c.toLocaleString('en-US')} inputs, worst ${res.worst[t].ms.toFixed(1)} ms${res.worst[t].size ? ` (${res.worst[t].size} bytes)` : ''}`);
	console.log(`- frames decode accepted: ${res.accepted.toLocaleString('en-US')}`);
	const byKind: Record<string, Finding[]> = {};
	for (const f of res.findings) (byKind[`${f.kind} in ${f.target}`] ??= []).push(f);
	const kinds = (k: string) => res.findings.filter((f) => f.kind === k).length;
	console.log(`\nescapes: ${kinds('escape')}, errors naming no place: ${kinds('no-place')}, decode/dump disagreements: ${kinds('disagreement')}, wrong results: ${kinds('wrong-result')}`);
	for (const [k, fs] of Object.entries(byKind)) {
		console.log(`  ${k}: ${fs.length}`);
		for (const f of fs.slice(0, 3)) console.log(`    ${f.detail.slice(0, 160)} <- ${hexOf(f.input)}`);
	}
}

function protocPhase(inputs: Uint8Array[]) {
	const missing = protocMissing();
	if (missing) return console.log(`\nprotoc differential: skipped, ${missing}`);
	const t0 = performance.now();
	const verdicts = protocAccepts(inputs, (b) => rawDepth(b) >= 95);
	const refused = inputs.filter((_, i) => !verdicts[i]);
	console.log(`\nprotoc differential: ${inputs.length} frames decode accepted, ${refused.length} refused by protoc (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
	for (const b of refused.slice(0, 5)) console.log(`  ${hexOf(b)}`);
}

function limitPhase(match: string) {
	console.log('\n## at the limits (each in its own process: wall and CPU time of the reader, peak RSS of the process)\n');
	const self = fileURLToPath(import.meta.url);
	for (const name of Object.keys(LIMIT_CASES).filter((k) => k.includes(match))) {
		const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', '--stack-size=984', self, '--case', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
		let line: string;
		try {
			const { ms, cpuMs, base, peak, result } = JSON.parse(child.stdout);
			line = `${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s), peak RSS ${mb(peak)} MB (${mb(base)} MB before the reader ran): ${result}`;
		} catch {
			line = `CRASHED (exit ${child.status}): ${(child.stderr || '').trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
		}
		console.log(`- ${name}: ${line}`);
	}
}

function main() {
	const only = option('case', '');
	if (only) return runCase(only);
	const n = count('n', 1_000_000);
	const seed = count('seed', 1);
	const limits = option('limits', 'run');
	if (limits !== 'only') {
		const res = randomPhase(n, seed, count('protoc', 5000));
		reportRandom(res, n, seed);
		protocPhase(res.forProtoc);
	}
	if (limits !== 'skip') limitPhase(option('match', ''));
}

main();
