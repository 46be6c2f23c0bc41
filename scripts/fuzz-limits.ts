// Inputs at the readers' limits for `npm run fuzz`: each case builds one big input (4 MiB of
// bytes, the hex or JSON text of it, a big capture) and runs one reader on it; scripts/fuzz.ts
// runs each case in a child process of its own, so its time and peak memory are its alone.
import {
	decodeFrame, decodeRaw, dumpMessage, encodeFrame, frameJson, frameTypes, parseBytes, parseJsonText, toBase64, toHex, Cv2xError
} from '../src/lib/codec';
import { MAX_INPUT_BYTES } from '../src/lib/codec/wire';
import { groupBomb, rng } from '../src/lib/codec/testing/fuzz';
import { readCapture, writeJsonl, writePcapng, type CaptureRecord } from '../src/lib/capture';
import { sampleFrame } from '../src/lib/samples';

const LIMIT = MAX_INPUT_BYTES;

function varint(n: number): number[] {
	const out: number[] = [];
	for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
	out.push(n);
	return out;
}

function withHead(head: number[], body: Uint8Array): Uint8Array {
	const out = new Uint8Array(head.length + body.length);
	out.set(head);
	out.set(body, head.length);
	return out;
}

/** `unit` repeated to fill `size` bytes (whole units only). */
function repeat(unit: ArrayLike<number>, size = LIMIT): Uint8Array {
	const n = Math.floor(size / unit.length);
	const out = new Uint8Array(n * unit.length);
	for (let i = 0; i < n; i++) out.set(unit, i * unit.length);
	return out;
}

/** Field 2 (LEN) nested as deep as `size` bytes allow, written from the inside out in one buffer. */
function lenBombBytes(size = LIMIT): Uint8Array {
	const buf = new Uint8Array(size);
	let start = size;
	buf[--start] = 0x01;
	buf[--start] = 0x08; // innermost: field 1 = 1
	for (;;) {
		const head = [0x12, ...varint(size - start)];
		if (start < head.length) break;
		start -= head.length;
		buf.set(head, start);
	}
	return buf.subarray(start);
}

/** A MapData frame repeated (merged by decoders) up to the limit: a real message at 4 MiB. */
function bigMap(size = LIMIT): Uint8Array {
	return repeat(encodeFrame(sampleFrame('map_data')), size);
}

function xxd(b: Uint8Array): string {
	let s = '';
	const lines: string[] = [];
	for (let o = 0; o < b.length; o += 16) {
		const row = b.subarray(o, o + 16);
		const hex = toHex(row, ' ');
		s = `${o.toString(16).padStart(8, '0')}  ${hex.padEnd(48)}  |${Array.from(row, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('')}|`;
		lines.push(s);
	}
	return lines.join('\n');
}

const random = () => {
	const r = rng(7);
	const out = new Uint8Array(LIMIT);
	for (let i = 0; i < LIMIT; i++) out[i] = Math.floor(r() * 256);
	return out;
};

function bigCapture(records: number): CaptureRecord[] {
	const types = frameTypes().map((t) => t.name);
	const bytes = types.map((t) => encodeFrame(sampleFrame(t)));
	return Array.from({ length: records }, (_, i) => ({
		t: i * 10, sender: `car-${10000 + (i % 200)}`, receivers: ['RSU-1', 'car-10001'], channel: i % 7 ? 'pc5' : 'uu', type: types[i % types.length], bytes: bytes[i % types.length]
	}));
}

/** Byte inputs at the limit. */
const BYTES: Record<string, () => Uint8Array> = {
	'2 M small known fields (08 01)': () => repeat([0x08, 0x01]),
	'1.4 M unknown varint fields': () => repeat([0xf8, 0x07, 0x01]),
	'one 4 MiB unknown LEN field (random)': () => withHead([0xfa, 0x07, ...varint(LIMIT - 8)], random().subarray(0, LIMIT - 8)),
	'4 MiB of printable text in an unknown LEN field': () => withHead([0xfa, 0x07, ...varint(LIMIT - 8)], repeat([0x41], LIMIT - 8)),
	'1 M nested groups': () => groupBomb(LIMIT / 4),
	'LEN nested as deep as 4 MiB allows': () => lenBombBytes(),
	'4 MiB of random bytes': random,
	'MapData frames merged up to 4 MiB': () => bigMap()
};

/** One case: its input (built outside the measurement) and the reader run on it. */
export interface LimitCase {
	make(): unknown;
	run(input: never): string;
}
const c = <T>(make: () => T, run: (x: T) => unknown): LimitCase => ({ make, run: (x: never) => outcome(() => run(x)) });
const errorOf = (d: { error?: Error }) => {
	if (d.error) throw d.error;
};

/** The cases, by name. */
export const LIMIT_CASES: Record<string, LimitCase> = {};
for (const [name, make] of Object.entries(BYTES)) {
	LIMIT_CASES[`decode: ${name}`] = c(make, (b) => decodeFrame(b));
	LIMIT_CASES[`dump: ${name}`] = c(make, (b) => errorOf(dumpMessage(b)));
	LIMIT_CASES[`dump partial: ${name}`] = c(make, (b) => errorOf(dumpMessage(b, undefined, { partial: true })));
	LIMIT_CASES[`raw decode: ${name}`] = c(make, (b) => errorOf(decodeRaw(b)));
}
const map = () => bigMap();
Object.assign(LIMIT_CASES, {
	'text: 4 MiB as plain hex (8.4 M characters)': c(() => toHex(map()), parseBytes),
	'text: 4 MiB as spaced hex (12.6 M characters)': c(() => toHex(map(), ' '), parseBytes),
	'text: 4 MiB as a hexdump -C like dump (about 17 M characters)': c(() => xxd(map()), parseBytes),
	'text: 4 MiB as base64': c(() => toBase64(map()), parseBytes),
	'text: 4 MiB as a C array': c(() => `{${Array.from(map(), (x) => '0x' + x.toString(16)).join(',')}}`, parseBytes),
	'text: 16 M characters of "0" and one "g"': c(() => '0'.repeat(16 << 20) + 'g', parseBytes),
	'json: 3 MiB of merged MapData as proto3 JSON (under the 16 M-character limit)': c(() => JSON.stringify(frameJson.to(decodeFrame(bigMap(3 << 20)))), (t) => encodeFrame(frameJson.from(parseJsonText(t)), { validate: false })),
	'json: an array nested 8 M deep in a scalar field': c(() => `{"bsm":{"msgCnt":${'['.repeat((8 << 20) - 20)}1${']'.repeat((8 << 20) - 20)}}}`, (t) => frameJson.from(parseJsonText(t))),
	'json: a 16 M-character string as an enum': c(() => `{"bsm":{"transmission":"${'x'.repeat((16 << 20) - 40)}"}}`, (t) => frameJson.from(parseJsonText(t))),
	'capture: pcapng of 200,000 records': c(() => writePcapng(bigCapture(200_000), { startTimeMs: 1.7e12 }), (b) => readCapture(b).records.length),
	'capture: JSON Lines of 200,000 records': c(() => new TextEncoder().encode(writeJsonl(bigCapture(200_000))), (b) => readCapture(b).records.length)
});

/** What a case came to: accepted, or the error's first words. */
function outcome(f: () => unknown): string {
	try {
		f();
		return 'accepted';
	} catch (e) {
		const name = e instanceof Cv2xError ? 'Cv2xError' : (e as Error).name ?? 'thrown';
		return `${name}: ${String((e as Error).message ?? e).slice(0, 90)}`;
	}
}
