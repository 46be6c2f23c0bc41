// The empty viewer's demo capture is the file `cv2x sim --seconds N --out x.pcapng` writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCapture } from './demo';
import { indexCaptureSync } from './indexer';

describe('demoCapture', () => {
	it('is byte for byte the CLI capture of the same run, and opens in the viewer', () => {
		const bytes = demoCapture(2);
		const file = join(mkdtempSync(join(tmpdir(), 'cv2x-demo-')), 'x.pcapng');
		execFileSync(process.execPath, ['bin/cv2x.js', 'sim', '--seconds', '2', '--out', file], { stdio: 'pipe' });
		expect(Buffer.from(bytes).equals(readFileSync(file))).toBe(true);
		const table = indexCaptureSync(bytes);
		expect(table.format).toBe('pcapng');
		expect(table.length).toBeGreaterThan(1000);
	});
});
