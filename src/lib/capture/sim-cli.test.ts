// `cv2x sim --out FILE.pcapng` and `--out FILE.jsonl`: the same run, the same records.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cv2x } from '../../cli/testing';
import { readCapture, writeJsonl } from './index';

describe('cv2x sim --out', () => {
	it('writes pcapng for .pcapng, with the run as meta, holding exactly the JSON Lines records', async () => {
		const dir = mkdtempSync(`${tmpdir()}/cv2x-sim-capture-`);
		try {
			const args = ['sim', '--city', 'changsha-xiangjiang', '--seconds', '4', '--seed', '9', '--vehicles', '15'];
			const [a, b] = await Promise.all([cv2x([...args, '--out', `${dir}/run.pcapng`]), cv2x([...args, '--out', `${dir}/run.jsonl`])]);
			expect(a.code, a.stderr).toBe(0);
			expect(b.code, b.stderr).toBe(0);
			expect(a.stdout.toString()).toContain(`written to ${dir}/run.pcapng`);
			const digest = (out: Buffer) => /digest ([0-9a-f]{16})/.exec(out.toString())![1];
			expect(digest(a.stdout)).toBe(digest(b.stdout));
			const pcap = readCapture(readFileSync(`${dir}/run.pcapng`));
			const jsonl = readCapture(readFileSync(`${dir}/run.jsonl`));
			expect(pcap.format).toBe('pcapng');
			expect(jsonl.format).toBe('jsonl');
			expect(pcap.meta).toEqual({ startTimeMs: Date.UTC(2026, 10, 26, 8, 0, 0), city: 'changsha-xiangjiang', seed: 9, vehicles: 15 });
			expect(pcap.records.length).toBeGreaterThan(200);
			expect(writeJsonl(pcap.records)).toBe(readFileSync(`${dir}/run.jsonl`, 'utf8'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('--help names both formats', async () => {
		const r = await cv2x(['sim', '--help']);
		expect(r.stdout.toString()).toMatch(/--out FILE\.jsonl\|FILE\.pcapng/);
	});
});
