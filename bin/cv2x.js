#!/usr/bin/env node
// The cv2x command line. Runs one prebuilt ES module bundle of src/cli (built by `npm ci`'s
// `prepare` script, see scripts/build-cli.mjs), so a call starts in about a tenth of a second.
// If the bundle is missing or any file it was built from has changed, it is rebuilt here first:
// `npx cv2x` works straight after `npm ci` (even with --ignore-scripts) and never runs old code.
import { pathToFileURL } from 'node:url';
import { ensureCli } from '../scripts/build-cli.mjs';

// Output errors (a closed pipe, a full disk) are handled by main (src/cli/output.ts): no stack trace.
process.stderr.on('error', () => {});

let bundle;
try {
	bundle = await ensureCli();
} catch (e) {
	// esbuild's error lists each compile error with its file and line: pass them on, briefly.
	const first = e?.errors?.[0];
	const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
	process.stderr.write(`error: internal: cannot build the cv2x bundle: ${first ? where + first.text : (e?.message ?? e)}\n`);
	process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
