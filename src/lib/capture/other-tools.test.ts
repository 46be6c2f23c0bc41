// Captures written or rewritten by other tools (Debian's tshark / wireshark-common): a capture
// from our writer goes through editcap, mergecap, text2pcap or `tshark -w` and comes back with
// the same records. Hand-made files for what no tool writes (simple packet blocks, big-endian
// sections, if_tsoffset, other link types) are checked against what tshark reads from them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../codec';
import { createWorld } from '../sim';
import { buildUdpPacket } from './ipv4';
import { CaptureError, readCapture, writePcapng, type CaptureMeta, type CaptureRecord } from './index';

const TOOLS = ['tshark', 'editcap', 'mergecap', 'text2pcap'];
const missing = TOOLS.filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0);
if (missing.length) console.warn(`SKIPPED capture interop with other tools: ${missing.join(', ')} missing (Debian packages tshark, wireshark-common)`);

function simulate(city: string, seed: number, startTimeMs?: number): { records: CaptureRecord[]; meta: CaptureMeta } {
	const world = createWorld({ city, seed, vehicles: 8, ...(startTimeMs ? { startTimeMs } : {}) });
	const names = new Map<number, string>();
	const nameOf = (id: number) => names.get(id) ?? names.set(id, world.nodeName(id)).get(id)!;
	const records: CaptureRecord[] = [];
	while (world.timeMs < 2000) {
		world.step();
		for (const ev of world.drainEvents())
			if (ev.kind === 'tx')
				records.push({ t: ev.t, sender: nameOf(ev.sender), receivers: ev.receivers.map(nameOf), channel: ev.channel, type: ev.type, latencyMs: ev.latencyMs, bytes: ev.bytes });
	}
	return { records, meta: { startTimeMs: world.config.startTimeMs, city, seed, vehicles: 8 } };
}

/** What survives any tool: order, channel, type, bytes, and time relative to the first packet. */
const essence = (records: CaptureRecord[]) => records.map((r) => `${r.t - records[0].t} ${r.channel} ${r.type} ${toHex(r.bytes)}`);

describe.skipIf(missing.length > 0)('captures rewritten by editcap, mergecap, text2pcap and tshark -w', () => {
	let dir = '';
	let a: { records: CaptureRecord[]; meta: CaptureMeta };
	let b: { records: CaptureRecord[]; meta: CaptureMeta };
	const f = (name: string) => join(dir, name);
	const tool = (cmd: string, args: string[]) => {
		const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } });
		expect(r.status, `${cmd} ${args.join(' ')}: ${r.stderr}`).toBe(0);
		return r.stdout;
	};
	const read = (name: string) => readCapture(readFileSync(f(name)));

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'cv2x-tools-'));
		a = simulate('beijing-yizhuang', 3);
		b = simulate('wuhan-etdz', 4, a.meta.startTimeMs - 500); // starts earlier: merged, it comes first
		writeFileSync(f('a.pcapng'), writePcapng(a.records, a.meta));
		writeFileSync(f('b.pcapng'), writePcapng(b.records, b.meta));
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('editcap and tshark -w keep everything: records and meta identical', () => {
		expect(a.records.length).toBeGreaterThan(50);
		tool('editcap', [f('a.pcapng'), f('e.pcapng')]);
		tool('tshark', ['-r', f('a.pcapng'), '-w', f('t.pcapng')]);
		for (const name of ['e.pcapng', 't.pcapng']) {
			const c = read(name);
			expect(c.records, name).toEqual(a.records);
			expect(c.meta, name).toEqual(a.meta);
		}
	});

	it('tshark -w with a display filter keeps the records it selects', () => {
		tool('tshark', ['-r', f('a.pcapng'), '-Y', 'udp.port == 5002', '-w', f('uu.pcapng')]);
		expect(read('uu.pcapng').records).toEqual(a.records.filter((r) => r.channel === 'uu'));
	});

	it('a section comment that is not ours is kept as text; packet comments added by editcap do no harm', () => {
		tool('editcap', ['--capture-comment', 'recorded at the Yizhuang workshop', f('a.pcapng'), f('cc.pcapng')]);
		const c = read('cc.pcapng');
		expect(c.comments).toEqual(['recorded at the Yizhuang workshop']);
		expect(c.records).toEqual(a.records);
		tool('editcap', ['-a', '1:checked by hand', '-a', '2:{"not":"ours"', f('a.pcapng'), f('pc.pcapng')]);
		expect(read('pc.pcapng').records).toEqual(a.records);
	});

	it('mergecap interleaves two runs by time; its "File created by merging" comment is kept as text', () => {
		tool('mergecap', ['-w', f('m.pcapng'), f('a.pcapng'), f('b.pcapng')]);
		const c = read('m.pcapng');
		expect(c.comments?.join('\n')).toMatch(/File created by merging/);
		// the first file's meta, starting at the earliest packet (the other run's first)
		expect(c.meta).toEqual({ ...a.meta, startTimeMs: b.meta.startTimeMs + b.records[0].t });
		const abs = (r: CaptureRecord, m: CaptureMeta) => `${m.startTimeMs + r.t} ${toHex(r.bytes)}`;
		const want = [...a.records.map((r) => abs(r, a.meta)), ...b.records.map((r) => abs(r, b.meta))].sort();
		expect(c.records.map((r) => abs(r, c.meta!)).sort()).toEqual(want);
		expect(c.records.find((r) => r.sender === a.records[0].sender)).toBeTruthy(); // names from both NRBs
		tool('mergecap', ['-a', '-w', f('ma.pcapng'), f('a.pcapng'), f('b.pcapng')]);
		expect(read('ma.pcapng').records.map((r) => toHex(r.bytes))).toEqual([...a.records, ...b.records].map((r) => toHex(r.bytes)));
	});

	it('two sections in one file (cat a b) are both read', () => {
		writeFileSync(f('two.pcapng'), Buffer.concat([readFileSync(f('a.pcapng')), readFileSync(f('b.pcapng'))]));
		const c = read('two.pcapng');
		expect(c.records.length).toBe(a.records.length + b.records.length);
		expect(c.meta).toEqual({ ...a.meta, startTimeMs: b.meta.startTimeMs + b.records[0].t });
		expect(c.records).toEqual([...a.records.map((r) => ({ ...r, t: a.meta.startTimeMs + r.t - c.meta.startTimeMs })), ...b.records.map((r) => ({ ...r, t: b.meta.startTimeMs + r.t - c.meta.startTimeMs }))]);
	});

	it('classic pcap in microseconds and nanoseconds, and back to pcapng with if_tsresol 9', () => {
		tool('editcap', ['-F', 'pcap', f('a.pcapng'), f('us.pcap')]);
		tool('editcap', ['-F', 'nsecpcap', f('a.pcapng'), f('ns.pcap')]);
		tool('editcap', ['-F', 'pcapng', f('ns.pcap'), f('ns.pcapng')]);
		for (const name of ['us.pcap', 'ns.pcap', 'ns.pcapng']) {
			const c = read(name);
			expect(c.format, name).toBe(name.endsWith('.pcap') ? 'pcap' : 'pcapng');
			expect(essence(c.records), name).toEqual(essence(a.records));
			expect(c.meta.startTimeMs, name).toBe(a.meta.startTimeMs + a.records[0].t); // no comment: the first packet
			expect(c.records[0].sender, name).toMatch(/^10\.\d+\.\d+\.\d+$/); // no name resolution block
		}
	});

	it('text2pcap from a tshark -x hex dump, as raw IP and behind a made-up Ethernet header', () => {
		writeFileSync(f('a.hex'), tool('tshark', ['-r', f('a.pcapng'), '-x']));
		tool('text2pcap', ['-q', '-l', '101', f('a.hex'), f('raw.pcapng')]);
		tool('text2pcap', ['-q', '-e', '0x800', f('a.hex'), f('eth.pcapng')]);
		for (const name of ['raw.pcapng', 'eth.pcapng']) {
			const c = read(name);
			// text2pcap makes up the timestamps: only order, channels, types and bytes carry over
			expect(c.records.map((r) => `${r.channel} ${r.type} ${toHex(r.bytes)}`), name).toEqual(a.records.map((r) => `${r.channel} ${r.type} ${toHex(r.bytes)}`));
		}
	});

	it('a capture tshark reads but that holds none of ours is refused with the block and the reason', () => {
		const dns = buildUdpPacket({ src: 0x0a000001, dst: 0x0a000002, srcPort: 40000, dstPort: 53, id: 1, payload: new Uint8Array(12) });
		writeFileSync(f('dns.hex'), `0000  ${toHex(dns, ' ')}\n`);
		tool('text2pcap', ['-q', '-l', '101', f('dns.hex'), f('dns.pcapng')]);
		expect(() => read('dns.pcapng')).toThrowError(CaptureError);
		expect(() => read('dns.pcapng')).toThrowError(/^pcapng block 3 \(enhanced packet block\) at byte offset \d+: no C-V2X packets .* because: UDP port 40000 -> 53/);
	});

	it('decryption secrets blocks (editcap --inject-secrets) are skipped', () => {
		writeFileSync(f('keys.txt'), `CLIENT_RANDOM ${'01'.repeat(32)} ${'02'.repeat(48)}\n`);
		tool('editcap', ['--inject-secrets', `tls,${f('keys.txt')}`, f('a.pcapng'), f('dsb.pcapng')]);
		expect(read('dsb.pcapng').records).toEqual(a.records);
	});
});
