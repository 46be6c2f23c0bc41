// Runs the real `cv2x` binary (bin/cv2x.js) as a child process, for tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/cv2x.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunResult {
	code: number;
	stdout: Buffer;
	stderr: string;
}

/** Runs `cmd args` in `cwd` (default the repository root) with `input` on stdin; never rejects on an exit code. */
export function run(cmd: string, args: string[], input?: Uint8Array | string, cwd = ROOT): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const p = spawn(cmd, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		p.stdout.on('data', (c) => out.push(c));
		p.stderr.on('data', (c) => err.push(c));
		p.on('error', reject);
		p.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }));
		p.stdin.on('error', () => {});
		if (input !== undefined) p.stdin.end(input);
		else p.stdin.end();
	});
}

export const cv2x = (args: string[], input?: Uint8Array | string) => run(process.execPath, [BIN, ...args], input);

/** Runs tasks with at most `n` at once (the machine has 2 cores). */
export async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: n }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i]);
			}
		})
	);
	return out;
}
