// The `cv2x` command line's own behaviour, through the real binary (bin/cv2x.js): output formats,
// exit codes, error lines. What the codec does with the input is tested in-process beside it;
// inputs here are made in-process too, so each case costs one process.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { de, encodeFrame, frameJson, toHex } from '../lib/codec';
import { sampleFrame } from '../lib/samples';
import { BIN, cv2x, pool, ROOT } from './testing';

const sampleText = (type: string) => JSON.stringify(frameJson.to(sampleFrame(type)), null, 2) + '\n';

describe('cv2x command line', () => {
	it('lists the types, one per line', async () => {
		const r = await cv2x(['types']);
		expect(r.code).toBe(0);
		const lines = r.stdout.toString().trim().split('\n');
		expect(lines.slice(0, 5)).toEqual(['bsm', 'map_data', 'spat', 'rsi', 'rsm']);
		expect(lines).toContain('speed_advice');
		expect(lines).toContain('acknowledgement');
	});

	it('has --help on every command, exit 0', async () => {
		const cmds = ['types', 'sample', 'encode', 'decode', 'inspect', 'validate', 'profiles', 'cities', 'sim'];
		const rs = await pool(cmds, 2, (c) => cv2x([c, '--help']));
		rs.forEach((r, i) => {
			expect(r.code, cmds[i]).toBe(0);
			expect(r.stdout.toString(), cmds[i]).toMatch(new RegExp(`^Usage: cv2x ${cmds[i]}`));
		});
		const top = await cv2x(['--help']);
		expect(top.code).toBe(0);
		expect(top.stdout.toString()).toMatch(/Commands:/);
	});

	it('answers bad usage with exit 2', async () => {
		for (const args of [['nope'], ['sample', 'zzz'], ['encode', '--format', 'xml'], []]) {
			const r = await cv2x(args);
			expect(r.code, args.join(' ')).toBe(2);
		}
	});

	it('prints a sample as the codec makes it, encodes to hex, base64 and bin, and decodes each back', async () => {
		const json = (await cv2x(['sample', 'spat'])).stdout;
		expect(json.toString()).toBe(sampleText('spat'));
		const hex = (await cv2x(['encode'], json)).stdout.toString().trim();
		expect(hex).toBe(toHex(encodeFrame(sampleFrame('spat'))));
		const b64 = (await cv2x(['encode', '--format', 'base64'], json)).stdout.toString().trim();
		expect(Buffer.from(b64, 'base64').toString('hex')).toBe(hex);
		const bin = (await cv2x(['encode', '--format', 'bin'], json)).stdout;
		expect(bin.toString('hex')).toBe(hex);
		for (const input of [hex, b64, bin]) {
			const r = await cv2x(['decode'], input);
			expect(r.code).toBe(0);
			expect(r.stdout.toString()).toBe(json.toString());
		}
	});

	it('inspects bytes as an annotated table with units', async () => {
		const r = await cv2x(['inspect'], toHex(encodeFrame(sampleFrame('bsm'))));
		expect(r.code).toBe(0);
		const out = r.stdout.toString();
		expect(out).toMatch(/^MessageFrame, 99 bytes/);
		expect(out).toMatch(/\s52\s+3\s+9 VARINT\s+speed\s+uint32\s+48 d8 04\s+600\s+= 12\.00 m\/s \(43\.2 km\/h\)/);
		expect(out).toMatch(/lat\s+sfixed32\s+0d 2c 06 b6 17\s+397805100\s+= 39\.7805100°/);
	});

	it('answers malformed input with exit 1 and one error line naming the offset or path, no stack trace', async () => {
		const cases: [string[], string, RegExp][] = [
			[['decode'], '08 01 12 60 08', /^error: length prefix says 96 bytes but only 1 remain at bsm \(byte offset 3\)\n$/],
			[['encode'], '{"bsm": {"speed": "fast"}}', /^error: "fast" is not an integer \(uint32\) at bsm\.speed\b/],
			[['encode'], '{"bsm": ', /^error: not valid JSON/],
			[['decode', '/no/such/file'], '', /^error: no such file: \/no\/such\/file\n$/]
		];
		for (const [args, input, re] of cases) {
			const r = await cv2x(args, input);
			expect(r.code, `${args} ${input}`).toBe(1);
			expect(r.stderr, `${args} ${input}`).toMatch(re);
			expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
			expect(r.stderr).not.toMatch(/\bat .*\.(ts|m?js):\d+/);
		}
	});

	it('validate lists every violation with its path and exits 1, for JSON and bytes; a valid sample exits 0', async () => {
		const bad = { protocolVersion: 1, bsm: { msgCnt: 128, id: 'AQIDBAUGBwg=', pos: { lat: 950000000 }, speed: 9000 } };
		const r = await cv2x(['validate'], JSON.stringify(bad));
		expect(r.code).toBe(1);
		const lines = r.stdout.toString().trim().split('\n');
		expect(lines).toContain('bsm.msg_cnt: 128 out of range 0..127');
		expect(lines).toContain(`bsm.pos.lat: 950000000 out of range -900000000..900000001 (unit ${de.Latitude.unitText}; 900000001 = unavailable)`);
		expect(lines).toContain(`bsm.speed: 9000 out of range 0..8191 (unit ${de.Speed.unitText}; 8191 = unavailable)`);
		const ok = await cv2x(['validate'], sampleText('rsm'));
		expect(ok.code).toBe(0);
		expect(ok.stdout.toString()).toBe('valid\n');
		const rb = await cv2x(['validate'], toHex(encodeFrame(frameJson.from(bad), { validate: false })));
		expect(rb.code).toBe(1);
		expect(rb.stdout.toString()).toMatch(/bsm\.speed: 9000 out of range/);
	});

	it('inspect shows the error and the raw decode for bytes that are not a frame', async () => {
		const r = await cv2x(['inspect'], '08 01 12 05 08 01 1a');
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^error: length prefix says 5 bytes but only 3 remain at bsm \(byte offset 3\)/);
		expect(r.stdout.toString()).toMatch(/schema-less decode:\n1: 1\n/);
	});

	it('stops quietly with exit 0 when its reader has gone (`cv2x types | head -1`)', async () => {
		const p = spawn(process.execPath, [BIN, 'types'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		p.stdout.destroy(); // closed before the child writes: its first write meets EPIPE
		let stderr = '';
		p.stderr.on('data', (c) => (stderr += c));
		const code = await new Promise((resolve) => p.on('close', resolve));
		expect(stderr).toBe('');
		expect(code).toBe(0);
	});
});

describe('cv2x cities and sim', () => {
	it('lists the cities with names in both languages', async () => {
		const r = await cv2x(['cities']);
		expect(r.code).toBe(0);
		const lines = r.stdout.toString().trim().split('\n');
		expect(lines.length).toBeGreaterThanOrEqual(7);
		expect(lines[1]).toMatch(/^beijing-yizhuang\s+Beijing 北京\s+\d+\s+\d+\s+\d+/);
	});

	it('writes one JSON line per transmission, the same file for the same seed, and a summary', async () => {
		const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const dir = mkdtempSync(`${tmpdir()}/cv2x-sim-`);
		const run1 = await cv2x(['sim', '--city', 'wuxi-xishan', '--seconds', '5', '--seed', '3', '--vehicles', '20', '--out', `${dir}/a.jsonl`]);
		const run2 = await cv2x(['sim', '--city', 'wuxi-xishan', '--seconds', '5', '--seed', '3', '--vehicles', '20', '--out', `${dir}/b.jsonl`]);
		expect(run1.code, run1.stderr).toBe(0);
		const a = readFileSync(`${dir}/a.jsonl`, 'utf8');
		expect(a).toBe(readFileSync(`${dir}/b.jsonl`, 'utf8'));
		// a capture given to decode is said to be one
		const given = await cv2x(['decode', `${dir}/a.jsonl`]);
		expect(given.code).toBe(1);
		expect(given.stderr.toString()).toMatch(/^error: .*\(the input looks like a capture of many messages \(pcapng, pcap or JSON Lines\): open it on the playground's Captures page or in Wireshark; this command reads one message\)\n$/);
		rmSync(dir, { recursive: true, force: true });
		const rows = a.trim().split('\n').map((l) => JSON.parse(l));
		expect(rows.length).toBeGreaterThan(500);
		expect(Object.keys(rows[0]).sort()).toEqual(['channel', 'hex', 'latencyMs', 'receivers', 'sender', 't', 'type']);
		expect(new Set(rows.map((r) => r.type))).toContain('spat');
		const out = run1.stdout.toString();
		expect(out).toMatch(/^bsm\s+\d+\s+\d+/m);
		expect(out).toMatch(/messages \d+, deliveries \d+, bytes \d+, mean receivers [\d.]+/);
		expect(out).toMatch(/x real time/);
		const digest = /digest ([0-9a-f]{16})/.exec(out)![1];
		expect(run2.stdout.toString()).toContain(digest);
		const bad = await cv2x(['sim', '--city', 'atlantis']);
		expect(bad.code).toBe(2);
		// more vehicles than the lanes hold: what fits runs, and it is said
		const full = await cv2x(['sim', '--city', 'wuxi-xishan', '--seconds', '1', '--vehicles', '100000']);
		expect(full.code).toBe(0);
		const placed = Number(/^note: 100000 vehicles do not fit on wuxi-xishan: (\d+) placed, as many as its lanes hold$/m.exec(full.stderr.toString())![1]);
		const atEnd = Number(/seed 1, (\d+) vehicles at the end/.exec(full.stdout.toString())![1]);
		expect(Math.abs(atEnd - placed)).toBeLessThan(placed * 0.05);
		expect(run1.stderr.toString()).not.toContain('note:');
	});
});
