// CPU cost of the dialects per BSM, writing and reading, for the report and the load generator's
// sizing (not a test: `npx tsx src/lib/live/dialects/testing/measure.ts [vehicles] [seconds]`).
// CPU time is the process's (process.cpuUsage), so other load on the machine inflates it little.
import { createWorld, type OnAir, type Transmission } from '../../../sim';
import type { ProfileName } from '../../../uper/profiles';
import { DIALECTS, type Dialect, type Publication } from '../../types';
import { readPublication } from '../read';
import { DialectWriter } from '../writer';

/** One figure: µs of CPU per BSM for a dialect, on-air format and direction. */
export interface DialectCost {
	dialect: Dialect;
	onAir: string;
	/** BSM transmissions written, BSM copies published (a BSM heard by 3 RSUs: 3), messages read */
	bsms: number;
	copies: number;
	writeUsPerBsm: number;
	writeUsPerCopy: number;
	readUsPerMessage: number;
	/** the same, reading with the writer's profile tried first */
	readUsPerMessageHinted: number;
}

/** CPU µs of `f`: the least of three runs (the others on a shared machine only add noise). */
function cpuUs(f: () => void): number {
	let best = Infinity;
	for (let i = 0; i < 3; i++) {
		const t0 = process.cpuUsage();
		f();
		const d = process.cpuUsage(t0);
		best = Math.min(best, d.user + d.system);
	}
	return best;
}

/** A world's BSM transmissions, step by step, and its names. */
function bsmSteps(onAir: OnAir, vehicles: number, seconds: number) {
	const world = createWorld({ city: 'beijing-yizhuang', seed: 5, vehicles, onAir, messages: { map: false, spat: false, rsi: false, rsm: false, psm: false, cloud: false } });
	const rsuIds = new Set(world.rsus.map((r) => r.id));
	const names = new Map<number, string>();
	const steps: Transmission[][] = [];
	for (let t = 0; t < seconds * 1000; t += world.stepMs) {
		world.step();
		const txs = world.drainEvents().filter((e): e is Transmission => e.kind === 'tx' && e.type === 'bsm');
		for (const tx of txs) names.set(tx.sender, world.nodeName(tx.sender));
		steps.push(txs);
	}
	for (const r of world.rsus) names.set(r.id, r.name);
	return { steps, isRsu: (id: number) => rsuIds.has(id), nodeName: (id: number) => names.get(id) ?? `node-${id}`, startTimeMs: world.meta.startTimeMs };
}

function measureOne(dialect: Dialect, onAir: OnAir, label: string, run: ReturnType<typeof bsmSteps>, profile: ProfileName): DialectCost {
	const write = () => {
		const w = new DialectWriter({ dialect, profile, nodeName: run.nodeName, isRsu: run.isRsu, startTimeMs: run.startTimeMs });
		const pubs: Publication[] = [];
		for (const txs of run.steps) {
			for (const tx of txs) w.add(tx);
			for (const p of w.flush()) pubs.push(p);
		}
		return { pubs, copies: w.stats().carried.bsm ?? 0 };
	};
	write(); // warm-up: compiled codecs, JIT
	let out: ReturnType<typeof write> = { pubs: [], copies: 0 };
	const writeUs = cpuUs(() => (out = write()));
	const bsms = run.steps.reduce((s, x) => s + x.length, 0);
	let read = 0;
	const readAll = (profiles?: ProfileName[]) => {
		read = 0;
		for (const p of out.pubs) read += readPublication(p.topic, p.payload, { profiles }).messages.length;
	};
	readAll();
	const readUs = cpuUs(() => readAll());
	const hintedUs = cpuUs(() => readAll([profile]));
	return { dialect, onAir: label, bsms, copies: out.copies, writeUsPerBsm: writeUs / bsms, writeUsPerCopy: writeUs / Math.max(1, out.copies), readUsPerMessage: readUs / Math.max(1, read), readUsPerMessageHinted: hintedUs / Math.max(1, read) };
}

/** Costs per BSM for each dialect, with protobuf and with UPER (csae157-2020) on the air. */
export function measureDialects(vehicles = 300, seconds = 5, profile: ProfileName = 'csae157-2020'): DialectCost[] {
	const out: DialectCost[] = [];
	for (const [label, onAir] of [['protobuf', { encoding: 'protobuf' }], [`uper ${profile}`, { encoding: 'uper', profile }]] as [string, OnAir][]) {
		const run = bsmSteps(onAir, vehicles, seconds);
		for (const d of DIALECTS) out.push(measureOne(d, onAir, label, run, profile));
	}
	return out;
}

if (typeof process !== 'undefined' && process.argv[1]?.endsWith('measure.ts')) {
	const [v, s] = process.argv.slice(2).map(Number);
	console.log('dialect   on air               BSMs  copies  write µs/BSM  write µs/copy  read µs/msg  read µs/msg (profile first)');
	for (const c of measureDialects(v || undefined, s || undefined)) {
		const f = (x: number) => x.toFixed(1).padStart(12);
		console.log(`${c.dialect.padEnd(9)} ${c.onAir.padEnd(18)} ${String(c.bsms).padStart(6)} ${String(c.copies).padStart(7)} ${f(c.writeUsPerBsm)} ${f(c.writeUsPerCopy)} ${f(c.readUsPerMessage)} ${f(c.readUsPerMessageHinted)}`);
	}
}
