// Interop with Google's protoc, our codec run in-process: a sample frame of every type, encoded by
// us, goes to ONE `protoc --decode` call and comes back through ONE `protoc --encode` call. The
// frames travel as one message of a wrapper type (`repeated cv2x.v1.MessageFrame frames = 1`,
// in a .proto written to a temporary folder), as protoc reads one message from stdin.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, frameJson, frameTypes } from '../lib/codec';
import { sampleFrame } from '../lib/samples';
import { diffTextJson, parseTextFormat, type TextMessage } from './text-format';
import { ROOT, run, type RunResult } from './testing';

let hasProtoc = true;
try {
	execFileSync('protoc', ['--version']);
} catch {
	hasProtoc = false;
}
// CI installs protobuf-compiler: there a missing protoc fails (first test) instead of skipping.
const skip = !hasProtoc && !process.env.CI;

const BATCH = 'cv2x.interop.FrameBatch';
const BATCH_PROTO = `syntax = "proto3";
package cv2x.interop;
import "cv2x/v1/frame.proto";
message FrameBatch { repeated cv2x.v1.MessageFrame frames = 1; }
`;

/** Field 1, wire type 2 (LEN), per frame: the wrapper's encoding, written by hand so no codec is involved. */
function batchOf(frames: Uint8Array[]): Uint8Array {
	const parts: number[] = [];
	for (const f of frames) {
		parts.push(0x0a);
		for (let n = f.length; ; n >>>= 7) {
			if (n < 0x80) {
				parts.push(n);
				break;
			}
			parts.push((n & 0x7f) | 0x80);
		}
		parts.push(...f);
	}
	return new Uint8Array(parts);
}

/** The frames of a wrapper message; throws on anything but field 1 LEN records. */
function framesOf(batch: Uint8Array): Uint8Array[] {
	const out: Uint8Array[] = [];
	for (let i = 0; i < batch.length; ) {
		if (batch[i++] !== 0x0a) throw new Error(`batch: field 1 LEN expected at byte ${i - 1}`);
		let len = 0;
		for (let shift = 0; ; shift += 7) {
			const b = batch[i++];
			len |= (b & 0x7f) << shift;
			if (b < 0x80) break;
		}
		out.push(batch.subarray(i, i + len));
		i += len;
	}
	return out;
}

describe.skipIf(skip)(`protoc interop${skip ? ' (skipped: protoc not found; apt-get install protobuf-compiler)' : ''}`, () => {
	const types = frameTypes().map((t) => t.name);
	const samples = types.map((t) => ({ type: t, json: frameJson.to(sampleFrame(t)) }));
	const ours = samples.map((s) => encodeFrame(frameJson.from(s.json)));
	let dir = '';
	let decoded: RunResult;
	let reencoded: RunResult;
	let text: TextMessage;

	beforeAll(async () => {
		if (!hasProtoc) return; // in CI: the first test says so
		dir = mkdtempSync(join(tmpdir(), 'cv2x-protoc-'));
		writeFileSync(join(dir, 'batch.proto'), BATCH_PROTO);
		const protoFiles = readdirSync(join(ROOT, 'proto/cv2x/v1')).filter((f) => f.endsWith('.proto')).map((f) => `proto/cv2x/v1/${f}`);
		const protoc = (mode: string, input: Uint8Array | string) =>
			run('protoc', ['-I', 'proto', '-I', dir, `${mode}=${BATCH}`, join(dir, 'batch.proto'), ...protoFiles], input);
		decoded = await protoc('--decode', batchOf(ours));
		text = parseTextFormat(decoded.stdout.toString());
		reencoded = await protoc('--encode', decoded.stdout);
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('protoc is installed (CI installs protobuf-compiler) and there is a sample of every type', () => {
		expect(hasProtoc).toBe(true);
		expect(types.length).toBeGreaterThanOrEqual(20);
		// more than the protocol version: every sample carries its payload
		expect(ours.filter((b) => b.length <= 2)).toEqual([]);
	});

	it('protoc compiles the model and reads our bytes with no warning', () => {
		expect(decoded.stderr).toBe('');
		expect(decoded.code).toBe(0);
		expect(reencoded.stderr).toBe('');
		expect(reencoded.code).toBe(0);
	});

	it('our bytes decode in protoc to the same values, field by field, for every type', () => {
		const frames = text.frames as TextMessage[];
		expect(frames).toHaveLength(samples.length);
		samples.forEach(({ type, json }, i) => {
			// protoc names the payload field: the frame carries the type we meant
			expect(Object.keys(frames[i]), type).toContain(type);
			expect(diffTextJson(frames[i], json), type).toEqual([]);
		});
	});

	it("protoc re-encodes protoc's reading of them to the same bytes", () => {
		// Both write fields in number order, packed repeated scalars and no default values: the
		// canonical encoding, so every frame's bytes must match exactly.
		const theirs = framesOf(new Uint8Array(reencoded.stdout));
		expect(theirs).toHaveLength(ours.length);
		theirs.forEach((b, i) => expect(Buffer.from(b).toString('hex'), types[i]).toBe(Buffer.from(ours[i]).toString('hex')));
	});

	it("protoc's bytes decode in our codec to the same proto3 JSON", () => {
		const theirs = framesOf(new Uint8Array(reencoded.stdout));
		theirs.forEach((b, i) => expect(frameJson.to(decodeFrame(b)), types[i]).toEqual(samples[i].json));
	});
});
