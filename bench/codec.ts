// Codec throughput against JSON, measured in one process, reported as ratios.
import { encodeFrame, decodeFrame, frameJson, frameTypes, type MessageFrame } from '../src/lib/codec';
import { sampleFrame } from '../src/lib/samples';

/** Operations per second of each candidate: interleaved rounds, median of rounds, after warm-up. */
function compare(fns: Record<string, () => void>, rounds = 7, roundMs = 300): Record<string, number> {
	const results: Record<string, number[]> = {};
	for (const [name, fn] of Object.entries(fns)) {
		results[name] = [];
		const warm = performance.now();
		while (performance.now() - warm < 200) fn();
	}
	for (let r = 0; r < rounds; r++) {
		for (const [name, fn] of Object.entries(fns)) {
			let n = 0;
			const t0 = performance.now();
			let t = t0;
			while (t - t0 < roundMs) {
				for (let i = 0; i < 100; i++) fn();
				n += 100;
				t = performance.now();
			}
			results[name].push((n * 1000) / (t - t0));
		}
	}
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
	return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
let sink = 0;

export function codecBench() {

console.log('# codec benchmark (Node ' + process.version + ')\n');

// 1. BSM: encode+decode vs JSON.stringify+JSON.parse of the same object. Two JSON baselines:
// the frame object itself (what the codec encodes) and its proto3 JSON form (names, enum names,
// base64 bytes: what a JSON API would send).
const bsm = sampleFrame('bsm');
const bsmJsonObj = frameJson.to(bsm);
const r = compare({
	pb: () => {
		sink += decodeFrame(encodeFrame(bsm, { validate: false })).protocolVersion ?? 0;
	},
	pbValidated: () => {
		sink += decodeFrame(encodeFrame(bsm)).protocolVersion ?? 0;
	},
	jsonSame: () => {
		sink += (JSON.parse(JSON.stringify(bsm)) as { protocolVersion: number }).protocolVersion;
	},
	jsonProto3: () => {
		sink += (JSON.parse(JSON.stringify(bsmJsonObj)) as { protocolVersion: number }).protocolVersion;
	}
});
const row = (label: string, v: number) =>
	console.log(`  ${label.padEnd(44)}${fmt(v).padStart(11)}   ${(v / r.jsonSame).toFixed(2)}x   ${(v / r.jsonProto3).toFixed(2)}x`);
console.log('BSM frame, encode+decode round trips per second (median of 7 interleaved rounds):');
console.log(`  ${''.padEnd(44)}${'ops/s'.padStart(11)}   vs same obj   vs proto3 JSON`);
row('protobuf, encode validated (the default)', r.pbValidated);
row('protobuf, encode without validation', r.pb);
row('JSON.stringify+parse, same frame object', r.jsonSame);
row('JSON.stringify+parse, its proto3 JSON form', r.jsonProto3);
const ratio = r.pbValidated / r.jsonSame;
console.log(`  target: >= 3x JSON of the same object -> ${ratio >= 3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)\n`);

// 2. Sizes of every sample: protobuf vs compact proto3 JSON
console.log('Sizes, protobuf vs compact JSON (bytes):');
console.log(`  ${'type'.padEnd(24)}${'protobuf'.padStart(9)}${'JSON'.padStart(8)}${'ratio'.padStart(8)}`);
let bsmRatio = 0;
for (const t of frameTypes()) {
	const f: MessageFrame = sampleFrame(t.name);
	const p = encodeFrame(f).length;
	const j = new TextEncoder().encode(JSON.stringify(frameJson.to(f))).length;
	if (t.name === 'bsm') bsmRatio = p / j;
	console.log(`  ${t.name.padEnd(24)}${String(p).padStart(9)}${String(j).padStart(8)}${((100 * p) / j).toFixed(1).padStart(7)}%`);
}
console.log(`  target: BSM <= 45% of JSON -> ${bsmRatio <= 0.45 ? 'met' : 'NOT met'} (${(100 * bsmRatio).toFixed(1)}%)`);
if (sink === -1) console.log(sink);
}
