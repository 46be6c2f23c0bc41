// Codec throughput against JSON, measured in one process, reported as ratios.
import { encodeFrame, decodeFrame, frameJson, frameTypes, validateFrame, type MessageFrame } from '../src/lib/codec';
import { decodeFrameProtobufjs, encodeFrameProtobufjs } from '../src/lib/codec/frame';
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

// 1. BSM, MAP and SPAT: encode (validated, the default) + decode against JSON.stringify+parse of
// the same object, for the generated codec and for protobufjs's static code (the codec before
// issue 15), interleaved in the same run. Targets (issue 15): BSM >= 3.5x, MAP and SPAT >= 2.5x.
const TARGETS: [string, string, number][] = [['bsm', 'BSM', 3.5], ['map_data', 'MAP', 2.5], ['spat', 'SPAT', 2.5]];
console.log('encode (validated) + decode round trips per second, median of 7 interleaved rounds:');
console.log(`  ${''.padEnd(40)}${'ops/s'.padStart(11)}   vs JSON of the same object`);
const row = (label: string, v: number, json: number) => console.log(`  ${label.padEnd(40)}${fmt(v).padStart(11)}   ${(v / json).toFixed(2)}x`);
for (const [type, label, target] of TARGETS) {
	const frame = sampleFrame(type);
	const r = compare({
		generated: () => {
			sink += decodeFrame(encodeFrame(frame)).protocolVersion ?? 0;
		},
		protobufjs: () => {
			if (validateFrame(frame).length) throw new Error('invalid sample');
			sink += decodeFrameProtobufjs(encodeFrameProtobufjs(frame)).protocolVersion ?? 0;
		},
		jsonSame: () => {
			sink += (JSON.parse(JSON.stringify(frame)) as { protocolVersion: number }).protocolVersion;
		}
	});
	console.log(`${label} frame (${encodeFrame(frame).length} bytes):`);
	row('generated codec (encodeFrame/decodeFrame)', r.generated, r.jsonSame);
	row('protobufjs static code (before)', r.protobufjs, r.jsonSame);
	row('JSON.stringify+parse, same frame object', r.jsonSame, r.jsonSame);
	const ratio = r.generated / r.jsonSame;
	console.log(`  target: >= ${target}x JSON -> ${ratio >= target ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x; ${(r.generated / r.protobufjs).toFixed(2)}x protobufjs)`);
}
console.log('');

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
