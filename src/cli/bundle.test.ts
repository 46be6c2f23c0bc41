// The CLI bundle (scripts/build-cli.mjs, bin/cv2x.js): built from the right inputs, found stale
// whenever one of them changes, never run stale, safe to build from two processes at once, and
// independent of the working directory.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './testing';

const temps: string[] = [];
const tempDir = (prefix: string) => {
	const d = mkdtempSync(join(tmpdir(), prefix));
	temps.push(d);
	return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Record {
	builtAtMs: number;
	files: [string, number, number][];
	dirs: [string, number][];
}
const HEADER = '// cv2x-cli-inputs ';
const readRecord = (bundle: string): Record => JSON.parse(readFileSync(bundle, 'utf8').split('\n')[0].slice(HEADER.length));
/** Rewrites the bundle's input record, as if the disk had changed since the build. */
function editRecord(bundle: string, edit: (r: Record) => void) {
	const [head, ...rest] = readFileSync(bundle, 'utf8').split('\n');
	const r = JSON.parse(head.slice(HEADER.length));
	edit(r);
	writeFileSync(bundle, [HEADER + JSON.stringify(r), ...rest].join('\n'));
}

/**
 * A copy of the CLI's sources (stamped an hour old, as a checkout is) with the repository's
 * packages linked in: its bundle is its own, and edits others make meanwhile cannot reach it.
 */
function copyRepo(): string {
	const copy = tempDir('cv2x-copy-');
	const notTests = (src: string) => !src.endsWith('.test.ts');
	for (const p of ['src/cli', 'src/lib', 'bin', 'scripts/build-cli.mjs', 'package.json'])
		cpSync(join(ROOT, p), join(copy, p), { recursive: true, filter: notTests });
	const past = new Date(Date.now() - 3600_000);
	const age = (path: string) => {
		if (statSync(path).isDirectory()) for (const name of readdirSync(path)) age(join(path, name));
		utimesSync(path, past, past); // after its children: writing them renewed a folder's mtime
	};
	for (const p of ['src', 'bin', 'scripts', 'package.json']) age(join(copy, p));
	mkdirSync(join(copy, 'node_modules'));
	for (const name of readdirSync(join(ROOT, 'node_modules')))
		if (name !== '.cache') symlinkSync(join(ROOT, 'node_modules', name), join(copy, 'node_modules', name));
	return copy;
}

/** scripts/build-cli.mjs of a copy: its ROOT is the copy. */
async function builderIn(copy: string) {
	return (await import(/* @vite-ignore */ pathToFileURL(join(copy, 'scripts/build-cli.mjs')).href)) as typeof import('../../scripts/build-cli.mjs');
}

describe('the CLI bundle', () => {
	it('records every input, JSON data and npm packages included, and is fresh right after a build', async () => {
		const copy = copyRepo();
		const { buildCli, staleReason } = await builderIn(copy);
		const bundle = join(copy, 'cv2x.mjs');
		await buildCli(bundle);
		const files = readRecord(bundle).files.map((f) => f[0]);
		expect(files).toContain('src/cli/main.ts');
		expect(files).toContain('src/lib/codec/generated/schema.json');
		expect(files.some((f) => /^src\/lib\/sim\/data\/cities\/.*\.json$/.test(f))).toBe(true);
		expect(files.some((f) => f.includes('node_modules/protobufjs/'))).toBe(true);
		expect(files).toContain('scripts/build-cli.mjs');
		expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
		expect(staleReason(bundle)).toBeNull();
		expect(readFileSync(bundle, 'utf8')).toMatch(/^export \{[^}]*\bmain\b/m);
	});

	it('is stale when it is missing, or a recorded file or folder changed, vanished or was edited during the build', async () => {
		const copy = copyRepo();
		const { buildCli, staleReason } = await builderIn(copy);
		const bundle = join(copy, 'cv2x.mjs');
		expect(staleReason(bundle)).toBe('no bundle');
		await buildCli(bundle);
		const fresh = readFileSync(bundle, 'utf8');
		const cases: [(r: Record) => void, RegExp][] = [
			[(r) => (r.files.find((f) => f[0] === 'src/cli/main.ts')![1] -= 1000), /^changed: src\/cli\/main\.ts$/],
			[(r) => (r.files.find((f) => f[0] === 'src/cli/main.ts')![2] += 1), /^changed: src\/cli\/main\.ts$/],
			[(r) => r.files.push(['src/cli/gone.ts', 1, 1]), /^changed: src\/cli\/gone\.ts$/],
			[(r) => (r.dirs.find((d) => d[0] === 'src/cli')![1] -= 1000), /^changed: src\/cli\/$/],
			[(r) => (r.builtAtMs = r.files.find((f) => f[0] === 'src/cli/args.ts')![1]), /^changed: /]
		];
		for (const [edit, reason] of cases) {
			writeFileSync(bundle, fresh);
			editRecord(bundle, edit);
			expect(staleReason(bundle)).toMatch(reason);
		}
		writeFileSync(bundle, 'export const main = 1;\n');
		expect(staleReason(bundle)).toBe('no bundle');
	});
});

describe('bin/cv2x.js on a copy of the repository', () => {
	it('builds on first use from any working directory, twice at once, and rebuilds after an edit instead of running old code', async () => {
		const copy = copyRepo();
		const bin = join(copy, 'bin/cv2x.js');
		const elsewhere = tempDir('cv2x-cwd-');
		writeFileSync(join(elsewhere, 'frame.hex'), '0801');
		// two processes find no bundle and build it at the same time: both run, no temp file is left
		const [a, b] = await Promise.all([run(process.execPath, [bin, 'decode', 'frame.hex'], '', elsewhere), run(process.execPath, [bin, 'types'], '', elsewhere)]);
		expect(a.stderr).toBe('');
		expect(JSON.parse(a.stdout.toString())).toEqual({ protocolVersion: 1 });
		expect(b.code, b.stderr).toBe(0);
		expect(b.stdout.toString()).toMatch(/^bsm\n/);
		const cache = join(copy, 'node_modules/.cache/cv2x-cli');
		expect(readdirSync(cache)).toEqual(['cv2x.mjs']);
		// an edit in src/ is what the next call runs
		const main = join(copy, 'src/cli/main.ts');
		writeFileSync(main, readFileSync(main, 'utf8').replace('Commands:', 'Commands (edited):'));
		const c = await run(process.execPath, [bin, '--help'], '', elsewhere);
		expect(c.code).toBe(0);
		expect(c.stdout.toString()).toContain('Commands (edited):');
		// a compile error is reported as one error line, exit 1
		writeFileSync(main, readFileSync(main, 'utf8') + '\nexport const = ;\n');
		const d = await run(process.execPath, [bin, 'types'], '', elsewhere);
		expect(d.code).toBe(1);
		expect(d.stderr).toMatch(/^error: internal: cannot build the cv2x bundle: .*src\/cli\/main\.ts:\d+: /);
		expect(d.stderr.trim().split('\n')).toHaveLength(1);
	});
});
