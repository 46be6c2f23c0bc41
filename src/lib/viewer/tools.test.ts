// Captures other tools wrote (Debian's tshark / wireshark-common): the viewer's table holds what
// the project's own reader (capture/readCapture) reads from the same file, packet for packet.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCapture, writePcapng } from '../capture';
import { indexCaptureSync } from './index';
import { simRecords } from './testing/generate';

const TOOLS = ['tshark', 'editcap', 'mergecap'];
const missing = TOOLS.filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0);
if (missing.length) console.warn(`SKIPPED viewer interop with other tools: ${missing.join(', ')} missing (Debian packages tshark, wireshark-common)`);

describe.skipIf(missing.length > 0)('captures written by tshark, editcap and mergecap', () => {
	let dir = '';
	const f = (name: string) => join(dir, name);
	const tool = (cmd: string, args: string[]) => {
		const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } });
		expect(r.status, `${cmd} ${args.join(' ')}: ${r.stderr}`).toBe(0);
	};

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'cv2x-viewer-tools-'));
		const a = simRecords({ minPackets: 150, city: 'beijing-yizhuang', seed: 3, vehicles: 8 });
		const b = simRecords({ minPackets: 150, city: 'wuhan-etdz', seed: 4, vehicles: 8 });
		writeFileSync(f('a.pcapng'), writePcapng(a.records, a.meta));
		writeFileSync(f('b.pcapng'), writePcapng(b.records, { ...b.meta, startTimeMs: a.meta.startTimeMs + 50 }));
		tool('tshark', ['-r', f('a.pcapng'), '-w', f('tshark.pcapng')]);
		tool('editcap', ['-F', 'pcap', f('a.pcapng'), f('classic.pcap')]);
		tool('mergecap', ['-w', f('merged.pcapng'), f('a.pcapng'), f('b.pcapng')]);
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	for (const name of ['tshark.pcapng', 'classic.pcap', 'merged.pcapng'])
		it(`${name}: the same packets as readCapture, times relative to the first`, () => {
			const bytes = new Uint8Array(readFileSync(f(name)));
			const want = readCapture(bytes).records;
			const t = indexCaptureSync(bytes);
			expect(t.length).toBe(want.length);
			const got = Array.from({ length: t.length }, (_, i) => [t.time[i] - t.time[0], t.senderName(i), t.channelName(i), t.typeName(i), Buffer.from(t.payload(i)).toString('hex')]);
			expect(got).toEqual(want.map((r) => [r.t - want[0].t, r.sender, r.channel, r.type, Buffer.from(r.bytes).toString('hex')]));
		});
});
