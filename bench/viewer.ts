// Capture viewer: a run of the simulation (the code path of `cv2x sim --out`, in-process) of
// at least 100k packets (VIEWER_PACKETS=1000000 for the acceptance size), written as JSON Lines
// and pcapng, then indexed into the viewer's packet table and filtered. Figures are CPU time of
// this process (the machine is shared), per 100k packets; memory is the table's typed arrays
// per packet and the heap growth while indexing (the file's own bytes excluded).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { writeJsonl, writePcapng, type CaptureRecord } from '../src/lib/capture';
import { decodeFrame } from '../src/lib/codec';
import { encode } from '../src/lib/uper';
import { fromModel } from '../src/lib/uper/mapping';
import { profile } from '../src/lib/uper/profiles';
import { compileFilter, FilterRun, indexCaptureSync, packetRows, type PacketTable } from '../src/lib/viewer';
import { simRecords } from '../src/lib/viewer/testing/generate';

const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
	gc();
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
};

/** Indexes `bytes` three times; the median CPU ms, the last table and its memory. */
function parse(bytes: Uint8Array): { ms: number; table: PacketTable; heapDelta: number } {
	const times: number[] = [];
	let table!: PacketTable;
	let heapDelta = 0;
	for (let k = 0; k < 3; k++) {
		table = undefined as unknown as PacketTable;
		const h0 = heap();
		const t0 = cpuMs();
		table = indexCaptureSync(bytes);
		times.push(cpuMs() - t0);
		heapDelta = heap() - h0;
	}
	return { ms: times.sort((a, b) => a - b)[1], table, heapDelta };
}

function filterMs(table: PacketTable, text: string): { ms: number; n: number; longestStepMs: number } {
	const run = new FilterRun(table, compileFilter(text, table));
	const t0 = cpuMs();
	let longest = 0;
	for (let done = false; !done; ) {
		const s = cpuMs();
		done = run.step(20000);
		longest = Math.max(longest, cpuMs() - s);
	}
	return { ms: cpuMs() - t0, n: run.count, longestStepMs: longest };
}

/**
 * A UPER capture (what `cv2x sim --encoding uper` writes: PC5 messages as UPER under
 * csae157-2020, Uu left protobuf, as src/cli/uper/on-air.ts does it): parse and decoding filters.
 */
function uperRows(sample: CaptureRecord[]) {
	const set = profile('csae157-2020').schema;
	const records = sample.map((r) => {
		if (r.channel !== 'pc5') return r;
		try {
			return { ...r, bytes: encode(set.root ?? 'MessageFrame', fromModel(decodeFrame(r.bytes), 'csae157-2020').value, set) };
		} catch {
			return r;
		}
	});
	const bytes = new TextEncoder().encode(writeJsonl(records));
	const r = parse(bytes);
	const n = records.length;
	const per100k = (ms: number) => ((ms * 100000) / n).toFixed(0).padStart(6);
	console.log(`\n  UPER capture (${n.toLocaleString('en-US')} packets, PC5 in csae157-2020), JSON Lines: parse ${per100k(r.ms).trim()} ms/100k, table ${(r.table.columnBytes() / n).toFixed(1)} B/packet`);
	for (const f of ['spat || rsm', 'bsm && bsm.speed > 500']) {
		const x = filterMs(r.table, f);
		console.log(`  ${f.padEnd(44)}${String(x.n).padStart(9)}${per100k(x.ms).padStart(9)}${x.longestStepMs.toFixed(0).padStart(21)}`);
	}
}

export function viewerBench() {
	const want = Number(process.env.VIEWER_PACKETS ?? 100000);
	console.log(`# capture viewer benchmark (${want.toLocaleString('en-US')}+ packets from the simulation, Beijing Yizhuang, 60 vehicles; CPU time)\n`);
	const g0 = cpuMs();
	const { records, meta } = simRecords({ minPackets: want });
	const files = { jsonl: new TextEncoder().encode(writeJsonl(records)), pcapng: writePcapng(records, meta) };
	const n = records.length;
	console.log(`  generated ${n.toLocaleString('en-US')} packets in ${((cpuMs() - g0) / 1000).toFixed(1)} s CPU; JSON Lines ${(files.jsonl.length / 1e6).toFixed(1)} MB, pcapng ${(files.pcapng.length / 1e6).toFixed(1)} MB`);
	const records0 = records.slice(0, 20000);
	records.length = 0;
	const per100k = (ms: number) => ((ms * 100000) / n).toFixed(0).padStart(6);
	console.log(`\n  ${'format'.padEnd(8)}${'parse ms/100k'.padStart(15)}${'table B/packet'.padStart(16)}${'heap B/packet'.padStart(15)}`);
	let table!: PacketTable;
	for (const [name, bytes] of Object.entries(files)) {
		const r = parse(bytes);
		table = r.table;
		console.log(`  ${name.padEnd(8)}${per100k(r.ms).padStart(15)}${(r.table.columnBytes() / n).toFixed(1).padStart(16)}${(r.heapDelta / n).toFixed(1).padStart(15)}`);
	}
	console.log(`\n  ${'filter (on the pcapng table)'.padEnd(44)}${'matches'.padStart(9)}${'ms/100k'.padStart(9)}${'longest 20k step ms'.padStart(21)}`);
	for (const f of ['sender == "car-10012"', 'spat || rsm', 'receiver == "car-10012"', 'bsm && bsm.speed > 500', 'bsm.transmission == FORWARD_GEARS && sender matches "^truck"']) {
		const r = filterMs(table, f);
		console.log(`  ${f.padEnd(44)}${String(r.n).padStart(9)}${per100k(r.ms).padStart(9)}${r.longestStepMs.toFixed(0).padStart(21)}`);
	}
	uperRows(records0);
	const page = Array.from({ length: 50 }, (_, k) => Math.floor((k * n) / 50));
	const p0 = cpuMs();
	for (let k = 0; k < 20; k++) packetRows(table, page);
	console.log(`\n  a page of 50 rows with their Info column: ${((cpuMs() - p0) / 20).toFixed(2)} ms\n`);
}
