// --lines: one message per input line, one output line per message, streamed, so thousands of
// messages take one process and memory stays flat, however long the input or any line in it.
import { createReadStream } from 'node:fs';
import { Cv2xError } from '../../lib/codec';
import { UperError } from '../../lib/uper';
import { shortMessage } from '../error-line';
import { inputError, TEXT_LIMIT, type InputLimit } from '../io';
import { StdoutText } from '../output';

/**
 * Splits a byte stream into lines (LF, with a CR before it dropped) as UTF-8 text. A line longer
 * than `maxBytes` is not held: its bytes are dropped as they come and it is reported as
 * `{ tooLong: bytes }`, so memory stays within about `maxBytes` whatever the input. Yields null
 * after each chunk's lines (the caller may write out what it holds: a live pipe is not kept waiting).
 */
export async function* splitLines(input: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<string | { tooLong: number } | null> {
	let parts: Buffer[] = [];
	let held = 0;
	let dropped = 0; // bytes of an over-long line dropped so far (0: the line is held)
	const end = (): string | { tooLong: number } => {
		const line = dropped ? { tooLong: dropped + held } : Buffer.concat(parts, held).toString('utf8').replace(/\r$/, '');
		parts = [];
		held = 0;
		dropped = 0;
		return line;
	};
	for await (const chunk of input) {
		const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		let from = 0;
		for (let nl = buf.indexOf(0x0a, from); ; nl = buf.indexOf(0x0a, from)) {
			const piece = buf.subarray(from, nl < 0 ? buf.length : nl);
			if (dropped || held + piece.length > maxBytes) {
				dropped += held + piece.length;
				parts = [];
				held = 0;
			} else if (piece.length) {
				parts.push(piece);
				held += piece.length;
			}
			if (nl < 0) break;
			yield end();
			from = nl + 1;
		}
		yield null; // the chunk is used up: a good moment to pass on what was made of it
	}
	if (held || dropped) yield end();
}

/**
 * Reads FILE (or stdin for none or "-") line by line and writes `handle(line)` for each
 * non-blank line, in order. A line whose handler throws Cv2xError or UperError gets
 * `{"error":message,"line":n}` (n 1-based, the message cut short as error lines are) instead,
 * and the run goes on; so does a line over `limit.max` bytes, which is never held whole. Waits
 * for stdout to drain when its buffer is full, so a slow reader holds the input back. Returns
 * the exit status: 0 when every line worked, 1 when any failed.
 * @throws Cv2xError when FILE cannot be read (no such file, a directory)
 */
export async function forEachLine(file: string | undefined, handle: (line: string) => string, limit: InputLimit = TEXT_LIMIT): Promise<number> {
	const input = !file || file === '-' ? process.stdin : createReadStream(file);
	let failed = 0;
	let n = 0;
	const out = new StdoutText();
	try {
		for await (const line of splitLines(input, limit.max)) {
			if (line === null) {
				await out.flush();
				continue;
			}
			n++;
			if (typeof line === 'string' && !line.trim()) continue;
			try {
				if (typeof line !== 'string') throw new Cv2xError('too_large', `the line is ${line.tooLong} bytes; the limit for ${limit.what} is ${limit.max} bytes`);
				await out.add(handle(line) + '\n');
			} catch (e) {
				if (!(e instanceof Cv2xError || e instanceof UperError)) throw e; // a bug: stop, exit 1 via main
				failed++;
				await out.add(JSON.stringify({ error: shortMessage(e.message), line: n }) + '\n');
			}
		}
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code && input !== process.stdin) throw inputError(file!, e);
		throw e;
	}
	await out.flush();
	if (failed) process.stderr.write(`error: ${failed} of the input lines failed (each has {"error":...} on its output line)\n`);
	return failed ? 1 : 0;
}
