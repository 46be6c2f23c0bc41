// Node-only test helper: which byte strings Google's protoc accepts as a cv2x.v1.MessageFrame
// (`protoc --decode`), asked in batches. protoc reads one message from stdin, so a batch travels
// as a wrapper message (`repeated cv2x.v1.MessageFrame frames = 1`); a batch protoc refuses is
// split in halves down to single frames, and a single frame is asked alone (unwrapped: the
// wrapper adds one level of nesting, which matters at protoc's depth limit of 100).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROTO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../proto');
const BATCH_PROTO = `syntax = "proto3";
package cv2x.fuzz;
import "cv2x/v1/frame.proto";
message FrameBatch { repeated cv2x.v1.MessageFrame frames = 1; }
`;

/** Why protoc cannot be asked (not installed), or undefined when it can. */
export function protocMissing(): string | undefined {
	const r = spawnSync('protoc', ['--version']);
	return r.status === 0 ? undefined : 'protoc is missing (Debian package protobuf-compiler)';
}

function lengthPrefix(n: number): number[] {
	const out: number[] = [];
	for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
	out.push(n);
	return out;
}

/** The wrapper message holding `frames` as field 1 (LEN each), written by hand. */
function batchOf(frames: Uint8Array[]): Uint8Array {
	const parts = frames.map((f) => [new Uint8Array([0x0a, ...lengthPrefix(f.length)]), f]).flat();
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/**
 * For each input, whether `protoc --decode=cv2x.v1.MessageFrame` parses it (exit status 0).
 * Costs one protoc run per batch when all are accepted (the usual case for inputs our decoder
 * accepted), about 2·log2(n) more per refused input; inputs for which `alone` is true (say,
 * nested near the depth limit, which the wrapper would push past it) are asked one by one.
 * Throws when protoc cannot be run.
 */
export function protocAccepts(inputs: Uint8Array[], alone: (b: Uint8Array) => boolean = () => false): boolean[] {
	const dir = mkdtempSync(join(tmpdir(), 'cv2x-protoc-'));
	try {
		writeFileSync(join(dir, 'batch.proto'), BATCH_PROTO);
		const ask = (input: Uint8Array, single: boolean): boolean => {
			const args = single
				? ['-I', PROTO_DIR, '--decode=cv2x.v1.MessageFrame', 'cv2x/v1/frame.proto']
				: ['-I', PROTO_DIR, '-I', dir, '--decode=cv2x.fuzz.FrameBatch', 'batch.proto'];
			const r = spawnSync('protoc', args, { input, stdio: ['pipe', 'ignore', 'ignore'] });
			if (r.error) throw r.error;
			return r.status === 0;
		};
		const out = new Array<boolean>(inputs.length).fill(true);
		const batched: number[] = [];
		inputs.forEach((b, i) => (alone(b) ? (out[i] = ask(b, true)) : batched.push(i)));
		const judge = (from: number, to: number): void => {
			if (to - from === 1) out[batched[from]] = ask(inputs[batched[from]], true);
			else if (!ask(batchOf(batched.slice(from, to).map((i) => inputs[i])), false)) {
				const mid = (from + to) >>> 1;
				judge(from, mid);
				judge(mid, to);
			}
		};
		if (batched.length) judge(0, batched.length);
		return out;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
