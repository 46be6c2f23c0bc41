// Writing to stdout when the reader may go away (`cv2x types | head -1`: a closed pipe, EPIPE) or
// the disk fills (`> /dev/full`: ENOSPC): never a stack trace. A closed pipe is the reader's
// choice and ends the output quietly; any other failure is one `error:` line and exit status 1.
import { errorLine } from './error-line';
import { errnoText } from './io';

/** Thrown by the writers below once stdout has failed, to stop the work producing output. */
export class OutputClosed extends Error {
	constructor(readonly cause: NodeJS.ErrnoException) {
		super(`cannot write to stdout: ${errnoText(cause)}`);
	}
}

let failure: NodeJS.ErrnoException | null = null;
const listeners: (() => void)[] = [];

/**
 * Watches stdout and stderr for write errors (once per process): the first stdout error is
 * remembered, reported unless it is a closed pipe (EPIPE), and tells the `onOutputClosed`
 * listeners; stderr errors are ignored (nowhere is left to report them).
 */
export function guardOutput(): void {
	if (process.stdout.listeners('error').includes(onStdoutError)) return;
	process.stdout.on('error', onStdoutError);
	process.stderr.on('error', () => {});
}

function onStdoutError(e: NodeJS.ErrnoException): void {
	if (failure) return;
	failure = e;
	if (e.code !== 'EPIPE') {
		process.stderr.write(errorLine(new OutputClosed(e).message));
		process.exitCode = 1;
	}
	for (const f of listeners.splice(0)) f();
}

/** Calls `f` once when stdout fails (a long run, such as `listen`, then stops). Returns an unsubscriber. */
export function onOutputClosed(f: () => void): () => void {
	listeners.push(f);
	return () => {
		const i = listeners.indexOf(f);
		if (i >= 0) listeners.splice(i, 1);
	};
}

/** Stdout's failure so far (also one not yet emitted as an event), or null. */
export function outputFailure(): NodeJS.ErrnoException | null {
	const errored = (process.stdout as unknown as { errored?: NodeJS.ErrnoException | null }).errored;
	if (errored && !failure) onStdoutError(errored);
	return failure;
}

/**
 * The exit status once the command returned `status`: waits until stdout has taken what was
 * written; a closed pipe leaves the status as it is, any other write failure makes it 1 (its
 * `error:` line is already out).
 */
export async function settleOutput(status: number): Promise<number> {
	const out = process.stdout;
	while (!outputFailure() && out.writableLength > 0 && !out.destroyed) {
		await drained();
	}
	const f = outputFailure();
	return f && f.code !== 'EPIPE' ? 1 : status;
}

/** Size of a write to stdout: text is gathered into pieces of about this many characters. */
const PIECE = 64 * 1024;

/**
 * Writes text to stdout in pieces of about 64 KiB as it is produced, so a big dump is never held
 * whole: waits while stdout's buffer is full, and throws OutputClosed as soon as stdout has failed.
 */
export class StdoutText {
	private parts: string[] = [];
	private size = 0;

	/** Adds text; writes it once a piece is full (await it: that is where a slow reader holds the writer back). */
	async add(text: string): Promise<void> {
		this.parts.push(text);
		this.size += text.length;
		if (this.size >= PIECE) await this.flush();
	}

	/** Writes what is held. */
	async flush(): Promise<void> {
		if (!this.parts.length) return;
		const piece = this.parts.join('');
		this.parts = [];
		this.size = 0;
		await writeStdout(piece);
	}
}

/** One write to stdout, waiting for its buffer to drain when full. @throws OutputClosed once stdout has failed */
export async function writeStdout(data: string | Uint8Array): Promise<void> {
	const out = process.stdout;
	if (outputFailure()) throw new OutputClosed(failure!);
	const room = out.write(data);
	if (outputFailure()) throw new OutputClosed(failure!);
	if (!room) await drained();
	if (outputFailure()) throw new OutputClosed(failure!);
}

/** Resolves when stdout drains, closes or fails, leaving no listener behind. */
function drained(): Promise<void> {
	const out = process.stdout;
	return new Promise((resolve) => {
		const done = () => {
			out.off('drain', done);
			out.off('close', done);
			out.off('error', done);
			resolve();
		};
		out.on('drain', done);
		out.on('close', done);
		out.on('error', done);
	});
}
