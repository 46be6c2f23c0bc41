// UPER codec against JSON, measured in one process: BSM encode+decode round trips per second as
// a ratio to JSON.stringify+JSON.parse of the same value, and the sizes of UPER, protobuf and
// JSON. The UPER values come from ../shared (the frames captured from a real RSU, and
// asn1-peer's random frames when Erlang is there); without ../shared only the protobuf sizes run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFrame, frameJson, frameTypes } from '../src/lib/codec';
import { sampleFrame } from '../src/lib/samples';
import { decodeUperFrame, encodeUperFrame, uperFrameType } from '../src/lib/uper/frame';
import { toJer } from '../src/lib/uper/jer';
import { toModel } from '../src/lib/uper/mapping';
import { profile, type ProfileName } from '../src/lib/uper/profiles';
import type { AsnValue } from '../src/lib/uper/schema';
import { AsnPeer, PEER_PROFILES, peerUnavailable, SHARED_DIR } from '../src/lib/uper/testing/peer';

const SAMPLES = join(SHARED_DIR, 'samples', 'uper');
/** The real frames and the profile each decodes under (../shared/samples/uper/SOURCES.md). */
const REAL: [string, string][] = [
	['bsm1.uper.hex', 'csae53-2020-draft'],
	['bsm2.uper.hex', 'csae53-2020-draft'],
	['map.uper.hex', 'csae53-2020-draft'],
	['rsi.uper.hex', 'csae53-2020-draft'],
	['rsm.uper.hex', 'csae53-2020-draft'],
	['spat.uper.hex', 'csae53-2020-draft'],
	['rsm-larry0913/rsm.uper.hex', 'csae53-2020'],
	['ssm-dayii-crafted.uper.hex', 'csae157-2020']
];
const RANDOM_PER_PROFILE = 200;

/** CPU time of this process so far, ms (user + system): the machine is shared, so wall time is not the figure. */
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

/** Operations per CPU second of each candidate: interleaved rounds, median of rounds, after warm-up. */
function compare(fns: Record<string, () => void>, rounds = 11, roundMs = 300): Record<string, number> {
	const results: Record<string, number[]> = {};
	for (const [name, fn] of Object.entries(fns)) {
		results[name] = [];
		const warm = cpuMs();
		while (cpuMs() - warm < 300) fn();
	}
	for (let r = 0; r < rounds; r++) {
		for (const [name, fn] of Object.entries(fns)) {
			let n = 0;
			const t0 = cpuMs();
			let t = t0;
			while (t - t0 < roundMs) {
				for (let i = 0; i < 100; i++) fn();
				n += 100;
				t = cpuMs();
			}
			results[name].push((n * 1000) / (t - t0));
		}
	}
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
	return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const bytesOfHex = (hex: string) => new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
let sink = 0;

/** 1. BSM round trips: UPER encode+decode vs JSON.stringify+JSON.parse of the same value. */
function speed(file: string): void {
	const bsmHex = readFileSync(join(SAMPLES, file), 'utf8');
	const p = profile('csae53-2020-draft');
	const value = decodeUperFrame(bytesOfHex(bsmHex), p).value;
	const jer = toJer('MessageFrame', value, p.schema);
	const r = compare({
		uper: () => {
			sink += decodeUperFrame(encodeUperFrame(value, p), p).bits;
		},
		jsonSame: () => {
			sink += (JSON.parse(JSON.stringify(value)) as object) ? 1 : 0;
		},
		jsonJer: () => {
			sink += (JSON.parse(JSON.stringify(jer)) as object) ? 1 : 0;
		}
	});
	console.log(`BSM (${file}, ${bytesOfHex(bsmHex).length} octets, csae53-2020-draft), encode+decode round trips per CPU second (median of 11 interleaved rounds):`);
	const row = (label: string, v: number) => console.log(`  ${label.padEnd(48)}${fmt(v).padStart(11)}   ${(v / r.jsonSame).toFixed(2)}x`);
	console.log(`  ${''.padEnd(48)}${'ops/s'.padStart(11)}   vs same obj`);
	row('UPER encode + complete decode', r.uper);
	row('JSON.stringify+parse, same value object', r.jsonSame);
	row('JSON.stringify+parse, its X.697 JER form', r.jsonJer);
	const ratio = r.uper / r.jsonSame;
	console.log(`  target: >= 1.5x JSON of the same object -> ${ratio >= 1.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)\n`);
}

/**
 * 2. Sizes of the real frames: UPER, the same frame in the protobuf model (through the mapping,
 * uper/mapping) and as compact JSON, both the model's proto3 JSON and the ASN.1 value's X.697 JER.
 */
function realSizes(): void {
	console.log('Real frames: UPER vs the same frame in the protobuf model (mapped), its proto3 JSON and its X.697 JER (bytes):');
	console.log(`  ${'frame'.padEnd(30)}${'profile'.padEnd(20)}${'UPER'.padStart(7)}${'protobuf'.padStart(10)}${'JSON'.padStart(8)}${'JER'.padStart(8)}  mapping notices`);
	for (const [file, name] of REAL) {
		const p = profile(name as ProfileName);
		const bytes = bytesOfHex(readFileSync(join(SAMPLES, file), 'utf8'));
		const value = decodeUperFrame(bytes, p).value;
		const jer = utf8Length(JSON.stringify(toJer('MessageFrame', value, p.schema)));
		const { frame, notices } = toModel(value, name as ProfileName);
		const pb = encodeFrame(frame).length;
		const json = utf8Length(JSON.stringify(frameJson.to(frame)));
		console.log(`  ${file.padEnd(30)}${name.padEnd(20)}${String(bytes.length).padStart(7)}${String(pb).padStart(10)}${String(json).padStart(8)}${String(jer).padStart(8)}  ${notices.length}`);
	}
	console.log('  (protobuf and JSON: the model frame, protocol version included; notices: fields the model lacks, not counted)');
	console.log();
}

/** 3. Sizes of asn1-peer's random valid frames: median UPER and JER bytes per alternative. */
function randomSizes(): void {
	const why = peerUnavailable();
	if (why) {
		console.log(`Random frames: skipped (${why})\n`);
		return;
	}
	const peer = new AsnPeer();
	console.log(`asn1-peer random frames (${RANDOM_PER_PROFILE} per profile, seed 1), median bytes per MessageFrame alternative:`);
	console.log(`  ${'profile'.padEnd(20)}${'alternative'.padEnd(16)}${'n'.padStart(5)}${'UPER'.padStart(7)}${'JER'.padStart(8)}`);
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
	for (const name of PEER_PROFILES) {
		peer.build([name]);
		const byAlt = new Map<string, { uper: number[]; jer: number[] }>();
		for (const f of peer.random(name, RANDOM_PER_PROFILE, 1)) {
			const value = decodeUperFrame(bytesOfHex(f.hex), name).value as AsnValue;
			const alt = uperFrameType(value) ?? '?';
			const e = byAlt.get(alt) ?? { uper: [], jer: [] };
			e.uper.push(f.hex.length / 2);
			e.jer.push(utf8Length(JSON.stringify(f.jer)));
			byAlt.set(alt, e);
		}
		for (const [alt, e] of byAlt) console.log(`  ${name.padEnd(20)}${alt.padEnd(16)}${String(e.uper.length).padStart(5)}${String(median(e.uper)).padStart(7)}${String(median(e.jer)).padStart(8)}`);
	}
	console.log();
}

/** 4. The protobuf samples: protobuf vs compact proto3 JSON. */
function protobufSizes(): void {
	console.log('Protobuf samples of the model, protobuf vs compact proto3 JSON (bytes):');
	console.log(`  ${'type'.padEnd(24)}${'protobuf'.padStart(9)}${'JSON'.padStart(8)}`);
	for (const t of frameTypes()) {
		const f = sampleFrame(t.name);
		console.log(`  ${t.name.padEnd(24)}${String(encodeFrame(f).length).padStart(9)}${String(utf8Length(JSON.stringify(frameJson.to(f)))).padStart(8)}`);
	}
}

export function uperBench() {
	console.log('# UPER benchmark (Node ' + process.version + ')\n');
	if (existsSync(SAMPLES)) {
		speed('bsm2.uper.hex'); // the 53-octet BSM SOURCES.md compares with protobuf and JSON
		speed('bsm1.uper.hex'); // the same unit's other BSM, 86 octets
		realSizes();
		randomSizes();
	} else console.log(`UPER speed and sizes: skipped (${SAMPLES} is absent: the shared reference data is not beside this clone)\n`);
	protobufSizes();
	if (sink === -1) console.log(sink);
}
