// The generated code must be what `npm run gen` makes from proto/ today.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schema } from './schema';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const committed = join(root, 'src/lib/codec/generated');

describe('generated code', () => {
	it('is up to date with proto/ (run `npm run gen` if this fails)', () => {
		const out = mkdtempSync(join(tmpdir(), 'cv2x-gen-'));
		try {
			execFileSync(process.execPath, [join(root, 'scripts/gen-proto.mjs'), '--out', out], { stdio: 'pipe' });
			const files = readdirSync(out).sort();
			// every generated file is compared, and the list itself is pinned
			expect(files).toEqual([
				'checks.d.ts', 'checks.js', 'cv2x.d.ts', 'cv2x.js', 'decode.d.ts', 'decode.js', 'elements.d.ts', 'elements.js', 'encode.d.ts', 'encode.js', 'registry.d.ts', 'registry.js',
				'schema.json', 'types.d.ts', 'types.js'
			]);
			expect(readdirSync(committed).sort()).toEqual(files);
			for (const f of files)
				expect(readFileSync(join(committed, f), 'utf8') === readFileSync(join(out, f), 'utf8'), `${f} is stale`).toBe(true);
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	}, 60_000);

	it('documents every numeric field with a data element, unit and range, every message with its origin', () => {
		const missing: string[] = [];
		for (const [name, m] of Object.entries(schema.messages)) {
			if (!m.standard) missing.push(`${name}: no "standard:"`);
			for (const f of m.fields) {
				const numeric = f.kind === 'scalar' && !['string', 'bytes', 'bool'].includes(f.type);
				if (numeric && (!f.de || !f.unit || !f.range)) missing.push(`${name}.${f.name}: no de/unit/range`);
				if ((f.type === 'string' || f.type === 'bytes') && !f.length) missing.push(`${name}.${f.name}: no length`);
				if (f.repeated && !f.count) missing.push(`${name}.${f.name}: no count`);
			}
		}
		expect(missing).toEqual([]);
	});
});
