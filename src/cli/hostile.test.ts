// The `cv2x` command line under hostile and careless input (issue 16): endless inputs are cut at
// their limit while reading, closed pipes and full disks give no stack trace, error lines quote
// only a prefix of a value, options are parsed strictly. In-process where the behaviour is a
// function's; through the real binary (bin/cv2x.js) where it is the process's.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { Cv2xError, decodeRaw, encodeFrame, formatRaw } from '../lib/codec';
import { sampleFrame } from '../lib/samples';
import { intFlag, parseArgs, UsageError } from './args';
import { rawLines } from './dump-lines';
import { errorLine, quoted, shortMessage } from './error-line';
import { inputKind, withInputHint } from './input-hint';
import { BYTES_LIMIT, BYTES_OR_TEXT_LIMIT, readSource } from './io';
import { BIN, cv2x, ROOT } from './testing';
import { splitLines } from './uper/lines';

const dir = mkdtempSync(join(tmpdir(), 'cv2x-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const STACK = /\bat .*\.(ts|m?js):\d+|node:internal/;
const hasDevFull = existsSync('/dev/full');

/** A file of about 1 MB of MAP frames back to back (a valid frame: merged), whose dump is long. */
function manyFrames(): string {
	const path = join(dir, 'many.bin');
	if (!existsSync(path)) {
		const bytes = Buffer.from(encodeFrame(sampleFrame('map_data')));
		writeFileSync(path, Buffer.concat(Array(Math.floor(1_000_000 / bytes.length)).fill(bytes)));
	}
	return path;
}

interface Child {
	code: number;
	stdout: string;
	stderr: string;
	/** Peak resident set of the child in bytes, from process.resourceUsage() at its exit. */
	maxRssBytes: number;
}

// Loaded before bin/cv2x.js: at exit, writes the process's peak RSS (kB) to fd 3.
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => { try { writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });")}`;

/** Runs cv2x with `stdout` going to a pipe (captured) or to an open fd, reporting its peak RSS. */
function cv2xChild(args: string[], stdoutFd?: number): Promise<Child> {
	return new Promise((resolve, reject) => {
		const p = spawn(process.execPath, ['--import', RSS_PRELOAD, BIN, ...args], { cwd: ROOT, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let rss = '';
		p.stdout?.on('data', (c) => (stdout += c));
		p.stderr!.on('data', (c) => (stderr += c));
		p.stdio[3]!.on('data', (c) => (rss += c));
		p.on('error', reject);
		p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, maxRssBytes: Number(rss) * 1024 }));
	});
}

describe('bounded reading', () => {
	it.skipIf(!existsSync('/dev/zero'))('cv2x decode /dev/zero stops at the limit with one error line, under 100 MB', async () => {
		const r = await cv2xChild(['decode', '/dev/zero']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('error: "/dev/zero" is over 4194304 bytes; the limit for an encoded frame (binary) is 4194304 bytes (4 MiB)\n');
		expect(r.maxRssBytes).toBeGreaterThan(0);
		expect(r.maxRssBytes).toBeLessThan(100 * 1024 * 1024);
	});

	it('refuses a file over the limit from its size, before reading it', async () => {
		const big = join(dir, 'big.bin');
		writeFileSync(big, '');
		truncateSync(big, 64 * 1024 * 1024 + 1); // sparse: no disk used
		await expect(readSource(big, BYTES_OR_TEXT_LIMIT)).rejects.toThrow(/^"[^"]*big\.bin" is 67108865 bytes; the limit for an encoded frame \(text\) is 33554432 bytes \(32 MiB\)$/);
		truncateSync(big, 4 * 1024 * 1024);
		expect((await readSource(big, BYTES_LIMIT)).length).toBe(4 * 1024 * 1024);
	});

	it('reads a stream that looks like text up to the text limit, a binary one up to the byte limit', async () => {
		const text = join(dir, 'text.hex');
		writeFileSync(text, '08 01 '.repeat(1_000_000)); // 6 MB of hex text: over the byte limit, under the text limit
		expect((await readSource(text, BYTES_OR_TEXT_LIMIT)).length).toBe(6_000_000);
		writeFileSync(text, Buffer.concat([Buffer.from('08 01 '.repeat(1_000_000)), Buffer.from([0])]));
		await expect(readSource(text, BYTES_OR_TEXT_LIMIT)).rejects.toThrow(/the limit for an encoded frame \(binary\) is 4194304 bytes/);
	});

	it('names a directory, a missing file', async () => {
		const sub = join(dir, 'a-dir');
		mkdirSync(sub);
		await expect(readSource(sub)).rejects.toThrow(/^"[^"]*a-dir" is a directory, not a file$/);
		await expect(readSource(join(dir, 'none'))).rejects.toThrow(/^no such file: /);
	});

	it('--lines: a line over the limit is reported by its length and never held; the lines around it are read', async () => {
		const chunks = [Buffer.from('ab\r\ncd'), Buffer.alloc(50, 0x61), Buffer.from('x\nef\n\n'), Buffer.from('gh')];
		const lines = [];
		for await (const l of splitLines(Readable.from(chunks), 20)) if (l !== null) lines.push(l);
		expect(lines).toEqual(['ab', { tooLong: 53 }, 'ef', '', 'gh']);
	});
});

describe('output that cannot be written', () => {
	it('a reader that goes away mid-dump: the dump stops quietly, exit 0, no stack trace', async () => {
		const p = spawn(process.execPath, [BIN, 'inspect', '--format', 'bin', manyFrames()], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		p.stderr.on('data', (c) => (stderr += c));
		p.stdout.once('data', () => p.stdout.destroy()); // `| head -c 1`
		const code = await new Promise((resolve) => p.on('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(0);
	});

	it.skipIf(!hasDevFull)('stdout on a full disk: one error line, exit 1 (a small write and a streamed dump)', async () => {
		const full = openSync('/dev/full', 'w');
		try {
			for (const args of [['sample', 'bsm'], ['inspect', '--raw', '--format', 'bin', manyFrames()]]) {
				const r = await cv2xChild(args, full);
				expect(r.stderr, args.join(' ')).toBe('error: cannot write to stdout: no space left on device (ENOSPC)\n');
				expect(r.code, args.join(' ')).toBe(1);
			}
		} finally {
			closeSync(full);
		}
	});

	it.skipIf(!hasDevFull)('--out on a full disk: one error line, exit 1 (sim, city import)', async () => {
		const sim = await cv2x(['sim', '--seconds', '1', '--vehicles', '5', '--out', '/dev/full']);
		expect(sim.stderr).toBe('error: cannot write /dev/full: no space left on device (ENOSPC)\n');
		expect(sim.code).toBe(1);
		const { sampleOsm } = await import('../lib/osm/fixture');
		const osm = join(dir, 'area.osm');
		writeFileSync(osm, sampleOsm());
		const city = await cv2x(['city', 'import', osm, '--out', '/dev/full']);
		expect(city.stderr).toBe('error: cannot write /dev/full: no space left on device (ENOSPC)\n');
		expect(city.code).toBe(1);
	});
});

describe('error lines', () => {
	it('quote at most a prefix of a value, with its length', () => {
		expect(quoted('abc')).toBe('"abc"');
		expect(quoted('x'.repeat(1000))).toBe(`"${'x'.repeat(60)}"…(1000 chars)`);
		expect(shortMessage(`${JSON.stringify('y'.repeat(5000))} is not an integer (uint32) at bsm.speed`)).toBe(`"${'y'.repeat(60)}"…(5000 chars) is not an integer (uint32) at bsm.speed`);
		// an escape is never cut in half; control characters never reach the terminal
		expect(shortMessage(`"${'a'.repeat(58)}\\u00e9tail${'b'.repeat(100)}"`)).toBe(`"${'a'.repeat(58)}"…(168 chars)`);
		expect(errorLine('no such file: a\nb\x1b[2J')).toBe('error: no such file: a\\x0ab\\x1b[2J\n');
		expect(shortMessage(`cannot read ${'z'.repeat(300)}`)).toBe(`cannot read ${'z'.repeat(60)}…(300 chars)`);
		expect(shortMessage('w '.repeat(5000)).length).toBeLessThan(1100);
		// a quote its writer left open (a value it cut) stays plain text
		expect(shortMessage('at "x" "999… is not an integer')).toBe('at "x" "999… is not an integer');
		expect(shortMessage(`"\\"${'\\"'.repeat(100_000)}`).length).toBeLessThan(1100); // linear, not one scan per quote
	});

	it('a 1 MB bad value gives a short line', async () => {
		const r = await cv2x(['encode'], `{"bsm": {"speed": "${'9'.repeat(1024 * 1024)}x"}}`);
		expect(r.code).toBe(1);
		expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
		expect(r.stderr.length).toBeLessThan(300);
		expect(r.stderr).toMatch(/^error: "9{20,60}.* is not an integer \(uint32\) at bsm\.speed\b/);
	});
});

describe('option parsing', () => {
	it('refuses unknown short options; "-" is stdin and "--" ends the options', () => {
		expect(() => parseArgs(['-x'], [])).toThrow(/unknown option "-x"/);
		expect(() => parseArgs(['--nope=1'], [])).toThrow(/unknown option "--nope"/);
		expect(parseArgs(['-', '--', '-x', '--help'], []).positionals).toEqual(['-', '-x', '--help']);
		expect(parseArgs(['-h'], []).flags.help).toBe(true);
	});

	it('refuses a valued option given twice, or followed by another option instead of its value', () => {
		expect(() => parseArgs(['--seed', '1', '--seed', '2'], ['seed'])).toThrow(/--seed is given twice/);
		expect(() => parseArgs(['--out', '--seconds', '5'], ['out', 'seconds'])).toThrow(/--out needs a value, not the option "--seconds"/);
		expect(parseArgs(['--out=--odd', '--seed', '-5'], ['out', 'seed']).flags).toEqual({ out: '--odd', seed: '-5' });
	});

	it('reads integers strictly: decimal digits only, in range', () => {
		expect(intFlag('seed', '42', 1, 0, 100)).toBe(42);
		expect(intFlag('seed', '007', 1, 0, 100)).toBe(7);
		expect(intFlag('seed', '-3', 1)).toBe(-3);
		expect(intFlag('seed', undefined, 1)).toBe(1);
		for (const bad of ['', ' 5', '5 ', '1e3', '0x10', '1.0', '+5', 'NaN', 'Infinity', '١٢', '99999999999999999999'])
			expect(() => intFlag('seed', bad, 1), JSON.stringify(bad)).toThrow(UsageError);
		expect(() => intFlag('seed', '101', 1, 0, 100)).toThrow(/^--seed must be a decimal integer from 0 to 100, not "101"$/);
		expect(() => intFlag('seed', true, 1)).toThrow(UsageError);
	});

	it('every numeric option of every command: exit 2 naming the option', async () => {
		const { simOptions } = await import('./commands/sim');
		const { listenOptions } = await import('./commands/listen');
		for (const [name, v] of [['seconds', '1e3'], ['seed', ''], ['vehicles', ' 5'], ['seconds', '0x10']])
			expect(() => simOptions([`--${name}`, v]), `${name} ${v}`).toThrow(new RegExp(`^--${name} must be a decimal integer`));
		for (const [name, v] of [['count', 'NaN'], ['seconds', '1.5']])
			expect(() => listenOptions(['--mqtt', 'mqtt://127.0.0.1:1', `--${name}`, v]), `${name} ${v}`).toThrow(new RegExp(`^--${name} must be a decimal integer`));
		expect(() => simOptions(['--event', 'accident@5', '--event', 'roadworks@x'])).toThrow(/--event wants KIND@SECOND/);
		expect(simOptions(['--event', 'accident@5', '--event', 'roadworks@7,congestion@9']).planned.map((p) => p.at)).toEqual([5000, 7000, 9000]);
		expect(() => simOptions(['--seconds', '10', '--event', 'accident@10'])).toThrow(/at or after the run's end/);
		const r = await cv2x(['decode', '-x']);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/^error: unknown option "-x" \(a file whose name starts with "-": write \.\/-x or put it after --\)\nUsage: cv2x decode/);
		const b = await cv2x(['broker', '--port', '']);
		expect(b.code).toBe(2);
		expect(b.stderr).toMatch(/^error: --port must be a decimal integer from 0 to 65535, not ""\n/);
	});
});

describe('careless input', () => {
	it('JSON given to decode, bytes given to encode: the error names the command that reads them', () => {
		const json = new TextEncoder().encode('{\n  "bsm": {"speed": 1}\n}');
		expect(inputKind(json)).toBe('json');
		expect(inputKind(new TextEncoder().encode('08 01 12 60'))).toBe('hex');
		expect(inputKind(new TextEncoder().encode('{0x08, 0x01}'))).toBe('other');
		expect(inputKind(encodeFrame(sampleFrame('bsm')))).toBe('binary');
		const fail = () => {
			throw new Cv2xError('bad_hex', 'not hex');
		};
		expect(() => withInputHint(json, 'bytes', fail)).toThrow('not hex (the input looks like proto3 JSON: "cv2x encode" encodes it, "cv2x validate" checks it)');
		expect(() => withInputHint(encodeFrame(sampleFrame('bsm')), 'json', fail)).toThrow('not hex (the input looks like encoded bytes: "cv2x decode" reads them)');
		expect(() => withInputHint(json, 'json', fail)).toThrow(/^not hex$/);
		expect(withInputHint(json, 'bytes', () => 7)).toBe(7);
	});
});

describe('inspect output', () => {
	it('the raw decode line by line is the codec formatRaw text', () => {
		for (const type of ['bsm', 'map_data', 'spat', 'rsi']) {
			const bytes = encodeFrame(sampleFrame(type));
			const root = decodeRaw(bytes).root;
			expect([...rawLines(root)].join(''), type).toBe(formatRaw(root));
		}
	});
});
