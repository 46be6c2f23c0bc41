#!/usr/bin/env node
// Generates the built-in UPER profiles (src/lib/uper/profiles/<name>.ts) by running the
// project's own ASN.1 parser (src/lib/uper/asn1) over the module sets in ../shared/asn1 and
// writing the result in the notation of src/lib/uper/profiles/notation.ts. Never edit the
// output by hand; src/lib/uper/profiles/profiles.test.ts fails when it is stale.
// Usage: node scripts/gen-uper-profiles.mjs [--asn1 DIR] [--out DIR]
//   (defaults: ../shared/asn1, src/lib/uper/profiles)
// Plain Node 20: the TypeScript sources are bundled in memory with esbuild (a dependency).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argOf = (name) => (args.indexOf(name) >= 0 ? resolve(args[args.indexOf(name) + 1]) : undefined);
const asn1Dir = argOf('--asn1') ?? resolve(root, '..', 'shared', 'asn1');
const outDir = argOf('--out') ?? join(root, 'src/lib/uper/profiles');

/** The four profiles, each the folder of ../shared/asn1 of the same name. */
export const PROFILE_FOLDERS = ['csae53-2017', 'csae53-2020-draft', 'csae53-2020', 'csae157-2020'];

/** The parser and emitter, bundled from TypeScript and imported as one ES module. */
async function loadTools() {
	const esbuild = await import('esbuild');
	const entry = [
		`export { compileModuleSet } from ${JSON.stringify(join(root, 'src/lib/uper/asn1/index.ts'))};`,
		`export { emitProfile } from ${JSON.stringify(join(root, 'src/lib/uper/profiles/emit.ts'))};`,
		`export { readModuleSet } from ${JSON.stringify(join(root, 'src/lib/uper/profiles/read-set.ts'))};`
	].join('\n');
	const out = await esbuild.build({
		stdin: { contents: entry, resolveDir: root, loader: 'ts' },
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		logLevel: 'error'
	});
	const code = out.outputFiles[0].text;
	return import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
}

const { compileModuleSet, emitProfile, readModuleSet } = await loadTools();
for (const name of PROFILE_FOLDERS) {
	const dir = join(asn1Dir, name);
	const set = compileModuleSet(name, readModuleSet(dir, { readdirSync, readFileSync }));
	const from = `../shared/asn1/${name}`;
	const file = join(outDir, `${name}.ts`);
	writeFileSync(file, emitProfile(set, { name, from }));
	console.log(`${relative(root, file)}: ${Object.keys(set.types).length} types from ${relative(root, dir) || dir}`);
}
