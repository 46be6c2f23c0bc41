// The `cv2x` command line as one bundled ES module, so a call costs no TypeScript transpiling.
//
// The bundle (node_modules/.cache/cv2x-cli/cv2x.mjs) is built by `npm ci` / `npm install` (the
// root package's `prepare` script runs `node scripts/build-cli.mjs`) and checked by bin/cv2x.js
// at every start. Its first line records every file it was built from (esbuild's metafile: the
// TypeScript, the city and schema JSON, the bundled protobufjs and long) and every folder those
// lie in, each with its mtime and size. A call whose record no longer matches the disk rebuilds
// in-process first, so an edit in src/ can never run a stale bundle. Plain JavaScript and no
// top-level import of esbuild: the fresh path only stats ~100 files.
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (absolute). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle's path (absolute). Under node_modules: never committed, wiped by `npm ci`. */
export const BUNDLE = join(ROOT, 'node_modules', '.cache', 'cv2x-cli', 'cv2x.mjs');
const ENTRY = 'src/cli/main.ts';
const HEADER = '// cv2x-cli-inputs ';
const FORMAT = 1;
// A file stamped this close to the build's start may have been written while esbuild read it: file
// times come from a coarse kernel clock (ms behind Date.now()) and some file systems keep seconds.
const SETTLE_MS = 2000;
// Files that shape the bundle without being part of it: its build options and the pinned esbuild.
const BUILD_FILES = ['scripts/build-cli.mjs', 'package.json', 'node_modules/esbuild/package.json'];

// Packages only some commands use (the broker link, the embedded broker): left out of the bundle
// and required from node_modules when first used, so every other call does not parse their
// ~1 MB (about 40 ms of CPU at each start). An ES `import` of an external package would be
// hoisted to the bundle's top and loaded at every start; a CommonJS stand-in's `require` runs only
// when a module importing it is first evaluated (the commands load theirs with a dynamic import).
// aedes is an ES module: Node 20.19+ requires it synchronously (require(esm)).
const RUNTIME_PACKAGES = ['mqtt', 'ws', 'aedes'];
const runtimePackages = {
	name: 'cv2x-runtime-packages',
	setup(build) {
		const filter = new RegExp(`^(${RUNTIME_PACKAGES.join('|')})(/.*)?$`);
		build.onResolve({ filter }, (args) => (args.namespace === 'cv2x-runtime' ? { path: args.path, external: true } : { path: args.path, namespace: 'cv2x-runtime' }));
		build.onLoad({ filter: /.*/, namespace: 'cv2x-runtime' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
	}
};

/**
 * Reads the record on the bundle's first line.
 * @returns {{format: number, builtAtMs: number, files: [string, number, number][], dirs: [string, number][]} | null}
 *   null when the bundle is missing or its header unreadable.
 */
function readRecord(bundle = BUNDLE) {
	let fd;
	try {
		fd = openSync(bundle, 'r');
	} catch {
		return null;
	}
	try {
		// The header is one line of a few kB; read until its newline.
		const chunks = [];
		for (let pos = 0; ; ) {
			const buf = Buffer.alloc(16384);
			const n = readSync(fd, buf, 0, buf.length, pos);
			if (n === 0) return null;
			chunks.push(buf.subarray(0, n));
			pos += n;
			const nl = buf.subarray(0, n).indexOf(0x0a);
			if (nl >= 0) {
				const line = Buffer.concat(chunks).subarray(0, pos - n + nl).toString('utf8');
				if (!line.startsWith(HEADER)) return null;
				const rec = JSON.parse(line.slice(HEADER.length));
				return rec?.format === FORMAT ? rec : null;
			}
		}
	} catch {
		return null;
	} finally {
		closeSync(fd);
	}
}

/** mtime (ms) and size of a path under ROOT, or null if it is gone. */
function stamp(rel) {
	try {
		const s = statSync(join(ROOT, rel));
		return [s.mtimeMs, s.size];
	} catch {
		return null;
	}
}

/**
 * Why the bundle must be rebuilt, or null if it is fresh: missing, another record format, or a
 * recorded file or folder whose mtime or size changed (an edit, a new or deleted file beside a
 * source, a reinstalled package). A file recorded with an mtime within SETTLE_MS of the build's
 * start, or after it, may have been edited while esbuild read it, so it counts as changed.
 * @returns {string | null} a short reason, for `--verbose` style diagnostics and tests
 */
export function staleReason(bundle = BUNDLE) {
	const rec = readRecord(bundle);
	if (!rec) return 'no bundle';
	const settled = rec.builtAtMs - SETTLE_MS;
	for (const [rel, mtimeMs, size] of rec.files) {
		const now = stamp(rel);
		if (!now || now[0] !== mtimeMs || now[1] !== size || mtimeMs >= settled) return `changed: ${rel}`;
	}
	for (const [rel, mtimeMs] of rec.dirs) {
		const now = stamp(rel);
		if (!now || now[0] !== mtimeMs || mtimeMs >= settled) return `changed: ${rel}/`;
	}
	return null;
}

/**
 * Builds the bundle with esbuild's JS API: src/cli/main.ts and everything it imports (JSON
 * included, npm packages included) as one ES module for Node 20, with the input record as its
 * first line. Written to a temporary file and renamed into place, so concurrent builds and
 * readers only ever see a complete bundle.
 * @returns {Promise<string>} the bundle's path
 * @throws esbuild's build error (with its messages) if the sources do not compile
 */
export async function buildCli(bundle = BUNDLE) {
	const esbuild = await import('esbuild');
	const builtAtMs = Date.now();
	const result = await esbuild.build({
		absWorkingDir: ROOT,
		entryPoints: [ENTRY],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		write: false,
		metafile: true,
		logLevel: 'silent',
		legalComments: 'none',
		// The app's TypeScript settings (SvelteKit's generated tsconfig), fixed here so the output
		// does not depend on whether `svelte-kit sync` has run.
		tsconfigRaw: { compilerOptions: { target: 'esnext', useDefineForClassFields: true, verbatimModuleSyntax: true } },
		alias: { $lib: './src/lib' },
		// The runtime packages below are required at run time, and a CommonJS package bundled
		// here may require Node built-ins; esbuild's ESM output has no `require`, so one is made.
		banner: { js: "import { createRequire as __cv2xCreateRequire } from 'node:module'; const require = __cv2xCreateRequire(import.meta.url);" },
		plugins: [runtimePackages]
	});
	// (the runtime packages' stand-ins are virtual: no file to watch; package.json pins the packages)
	const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('cv2x-runtime:'));
	const files = [...new Set([...inputs, ...BUILD_FILES])].sort();
	// Folders of our own sources: a file added or removed beside them may change what an import
	// resolves to. (Packages are covered by their files' mtimes, which a reinstall renews.)
	const dirs = [...new Set(files.filter((f) => f.startsWith('src/')).map((f) => dirname(f)))].sort();
	const record = {
		format: FORMAT,
		builtAtMs,
		files: files.map((f) => [f, ...(stamp(f) ?? [0, -1])]),
		dirs: dirs.map((d) => [d, (stamp(d) ?? [0])[0]])
	};
	mkdirSync(dirname(bundle), { recursive: true });
	const tmp = `${bundle}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	try {
		writeFileSync(tmp, Buffer.concat([Buffer.from(HEADER + JSON.stringify(record) + '\n'), result.outputFiles[0].contents]));
		renameSync(tmp, bundle);
		removeAbandoned(bundle);
	} catch (e) {
		try {
			unlinkSync(tmp);
		} catch {
			/* never written */
		}
		throw e;
	}
	return bundle;
}

/** Deletes temporary files that builds killed before their rename left beside the bundle (an hour old). */
function removeAbandoned(bundle) {
	const dir = dirname(bundle);
	for (const name of readdirSync(dir))
		if (name.endsWith('.tmp'))
			try {
				if (Date.now() - statSync(join(dir, name)).mtimeMs > 3600_000) unlinkSync(join(dir, name));
			} catch {
				/* another process removed it */
			}
}

/**
 * The bundle's path, rebuilt first if it is missing or stale (see staleReason).
 * @returns {Promise<string>}
 */
export async function ensureCli(bundle = BUNDLE) {
	return staleReason(bundle) === null ? bundle : buildCli(bundle);
}

// `node scripts/build-cli.mjs`: the `prepare` script that `npm ci` and `npm install` run.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const t0 = performance.now();
	try {
		const out = await buildCli();
		console.log(`cv2x CLI bundled: ${relative(process.cwd(), out)} (${Math.round(performance.now() - t0)} ms)`);
	} catch (e) {
		// Never fail an install over it: bin/cv2x.js rebuilds (and reports the error) on its first call.
		console.warn(`cv2x CLI not bundled (bin/cv2x.js will retry): ${e?.errors?.[0]?.text ?? e?.message ?? e}`);
	}
}
