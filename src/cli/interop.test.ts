// Interop with Google's protoc: our bytes decode with `protoc --decode`, and bytes that
// `protoc --encode` makes decode with `cv2x decode` to the same JSON, for every type.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cv2x, pool, ROOT, run } from './testing';

const protoFiles = readdirSync(`${ROOT}/proto/cv2x/v1`).filter((f) => f.endsWith('.proto')).map((f) => `proto/cv2x/v1/${f}`);
const protoc = (mode: '--decode' | '--encode', input: Uint8Array | string) =>
	run('protoc', ['-I', 'proto', `${mode}=cv2x.v1.MessageFrame`, ...protoFiles], input);

let hasProtoc = true;
try {
	execFileSync('protoc', ['--version']);
} catch {
	hasProtoc = false;
}

describe.skipIf(!hasProtoc && !process.env.CI)('protoc interop', () => {
	it('protoc is installed (CI installs protobuf-compiler)', () => {
		expect(hasProtoc).toBe(true);
	});

	it('compiles the model with no warnings', async () => {
		const r = await run('protoc', ['-I', 'proto', '--descriptor_set_out=/dev/null', ...protoFiles]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
	});

	it('for every type: cv2x sample | cv2x encode -> protoc --decode -> protoc --encode -> cv2x decode, unchanged', async () => {
		const types = (await cv2x(['types'])).stdout.toString().trim().split('\n');
		expect(types.length).toBeGreaterThanOrEqual(20);
		const results = await pool(types, 3, async (t) => {
			const sample = await cv2x(['sample', t]);
			expect(sample.code, `${t}: ${sample.stderr}`).toBe(0);
			const ours = await cv2x(['encode', '--format', 'bin'], sample.stdout);
			expect(ours.code, `${t}: ${ours.stderr}`).toBe(0);
			const text = await protoc('--decode', ours.stdout);
			expect(text.code, `${t}: ${text.stderr}`).toBe(0);
			expect(text.stderr).toBe('');
			const theirs = await protoc('--encode', text.stdout);
			expect(theirs.code, `${t}: ${theirs.stderr}`).toBe(0);
			// protoc writes fields in number order, as we do: the bytes are the same
			expect(theirs.stdout.toString('hex'), t).toBe(ours.stdout.toString('hex'));
			const back = await cv2x(['decode', '--format', 'bin'], theirs.stdout);
			expect(back.code, `${t}: ${back.stderr}`).toBe(0);
			expect(JSON.parse(back.stdout.toString()), t).toEqual(JSON.parse(sample.stdout.toString()));
			return { t, text: text.stdout.toString() };
		});
		// protoc's text names the payload field of each type
		for (const { t, text } of results) expect(text, t).toMatch(new RegExp(`^${t} \\{`, 'm'));
	}, 120_000);
});
