// --lines: one message per input line, one output line per message, streamed, so thousands of
// messages take one process and memory stays flat.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Cv2xError } from '../../lib/codec';
import { UperError } from '../../lib/uper';

/** Output lines are written in batches of this many (one write call each). */
const BATCH = 256;

/**
 * Reads FILE (or stdin for none or "-") line by line and writes `handle(line)` for each
 * non-blank line, in order. A line whose handler throws Cv2xError or UperError gets
 * `{"error":message,"line":n}` (n 1-based) instead, and the run goes on. Waits for stdout to
 * drain when its buffer is full, so a slow reader holds the input back. Returns the exit
 * status: 0 when every line worked, 1 when any failed.
 */
export async function forEachLine(file: string | undefined, handle: (line: string) => string): Promise<number> {
	const input = !file || file === '-' ? process.stdin : createReadStream(file);
	const opened = new Promise<void>((resolve, reject) => {
		if (input === process.stdin) return resolve();
		input.once('open', () => resolve());
		input.once('error', (e: NodeJS.ErrnoException) =>
			reject(new Cv2xError('empty_input', e.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e.message}`))
		);
	});
	await opened;
	let failed = 0;
	let n = 0;
	let batch: string[] = [];
	const flush = async () => {
		if (!batch.length) return;
		const ok = process.stdout.write(batch.join(''));
		batch = [];
		if (!ok) await once(process.stdout, 'drain');
	};
	for await (const line of createInterface({ input, crlfDelay: Infinity })) {
		n++;
		if (!line.trim()) continue;
		try {
			batch.push(handle(line) + '\n');
		} catch (e) {
			if (!(e instanceof Cv2xError || e instanceof UperError)) throw e; // a bug: stop, exit 1 via main
			failed++;
			batch.push(JSON.stringify({ error: e.message, line: n }) + '\n');
		}
		if (batch.length >= BATCH) await flush();
	}
	await flush();
	if (failed) process.stderr.write(`error: ${failed} of the input lines failed (each has {"error":...} on its output line)\n`);
	return failed ? 1 : 0;
}
