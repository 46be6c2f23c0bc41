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
		tool('editcap', ['--capture-comment', '{"workshop":3}', '--capture-comment', '{not json', f('a.pcapng'), f('cj.pcapng')]);
		expect(read('cj.pcapng').comments).toEqual(['{"workshop":3}', '{not json']);
		expect(read('cj.pcapng').meta).toEqual(a.meta);
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
		const start = c.meta!.startTimeMs;
		expect(c.records).toEqual([...a.records.map((r) => ({ ...r, t: a.meta.startTimeMs + r.t - start })), ...b.records.map((r) => ({ ...r, t: b.meta.startTimeMs + r.t - start }))]);
	});

	it('classic pcap in microseconds and nanoseconds, and back to pcapng with if_tsresol 9', () => {
		tool('editcap', ['-F', 'pcap', f('a.pcapng'), f('us.pcap')]);
		tool('editcap', ['-F', 'nsecpcap', f('a.pcapng'), f('ns.pcap')]);
		tool('editcap', ['-F', 'pcapng', f('ns.pcap'), f('ns.pcapng')]);
		for (const name of ['us.pcap', 'ns.pcap', 'ns.pcapng']) {
			const c = read(name);
			expect(c.format, name).toBe(name.endsWith('.pcap') ? 'pcap' : 'pcapng');
			expect(essence(c.records), name).toEqual(essence(a.records));
			expect(c.meta?.startTimeMs, name).toBe(a.meta.startTimeMs + a.records[0].t); // no comment: the first packet
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

// ---- files no tool here writes, built by hand and checked against what tshark reads --------------

const u16 = (v: number, le: boolean) => { const b = new Uint8Array(2); new DataView(b.buffer).setUint16(0, v, le); return b; };
const u32 = (v: number, le: boolean) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v >>> 0, le); return b; };
const u64 = (v: bigint, le: boolean) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), le); return b; };
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const padded = (b: Uint8Array) => cat(b, new Uint8Array((4 - (b.length % 4)) % 4));

function pcapngBlock(type: number, body: Uint8Array, le: boolean): Uint8Array {
	const len = 12 + padded(body).length;
	return cat(u32(type, le), u32(len, le), padded(body), u32(len, le));
}
const option = (code: number, value: Uint8Array, le: boolean) => cat(u16(code, le), u16(value.length, le), padded(value));
const endOpt = (le: boolean) => option(0, new Uint8Array(0), le);
const shb = (le: boolean, comment?: string) =>
	pcapngBlock(0x0a0d0d0a, cat(u32(0x1a2b3c4d, le), u16(1, le), u16(0, le), u64(-1n, le), ...(comment ? [option(1, new TextEncoder().encode(comment), le), option(0x4321, Uint8Array.of(1, 2, 3), le), endOpt(le)] : [])), le);
const idb = (linkType: number, le: boolean, opts: Uint8Array[] = []) => pcapngBlock(1, cat(u16(linkType, le), u16(0, le), u32(0, le), ...opts, ...(opts.length ? [endOpt(le)] : [])), le);
const epb = (units: bigint, packet: Uint8Array, le: boolean, iface = 0) =>
	pcapngBlock(6, cat(u32(iface, le), u32(Number(units >> 32n), le), u32(Number(units & 0xffffffffn), le), u32(packet.length, le), u32(packet.length, le), padded(packet), option(2989, Uint8Array.of(0, 0, 0, 0, 9), le), endOpt(le)), le);
const spb = (packet: Uint8Array, le: boolean) => pcapngBlock(3, cat(u32(packet.length, le), padded(packet)), le);
const isb = (le: boolean) => pcapngBlock(5, cat(u32(0, le), u32(0, le), u32(0, le), option(4, u64(7n, le), le), endOpt(le)), le);
const custom = (le: boolean) => pcapngBlock(0x40000bad, cat(u32(32473, le), Uint8Array.of(1, 2, 3, 4)), le);

const FRAMES = ['080112020805', '08011a00', '0801220408011001'].map((h) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16))));
const ipv4 = (i: number) => buildUdpPacket({ src: 0x0a010001 + i, dst: 0xffffffff, srcPort: 5001, dstPort: 5001, id: i, payload: FRAMES[i % FRAMES.length] });
const LINKS: Record<string, [number, (ip: Uint8Array) => Uint8Array]> = {
	raw: [101, (ip) => ip],
	ethernetVlan: [1, (ip) => cat(new Uint8Array(12).fill(2), Uint8Array.of(0x81, 0, 0, 5), Uint8Array.of(8, 0), ip)],
	linuxSll: [113, (ip) => cat(Uint8Array.of(0, 4, 0, 1, 0, 6), new Uint8Array(8).fill(3), Uint8Array.of(8, 0), ip)],
	linuxSll2: [276, (ip) => cat(Uint8Array.of(8, 0, 0, 0, 0, 0, 0, 1, 0, 1, 4, 6), new Uint8Array(8).fill(3), ip)],
	bsdNull: [0, (ip) => cat(Uint8Array.of(2, 0, 0, 0), ip)],
	openbsdLoop: [108, (ip) => cat(Uint8Array.of(0, 0, 0, 2), ip)]
};

describe.skipIf(missing.length > 0)('hand-made captures: what tshark reads, we read', () => {
	let dir = '';
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'cv2x-handmade-'));
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});
	/** tshark's reading: each UDP packet's time (µs since 1970) and payload. */
	function tsharkSees(file: Uint8Array): string[] {
		const path = join(dir, 'f.pcapng');
		writeFileSync(path, file);
		const r = spawnSync('tshark', ['-r', path, '-Y', 'udp', '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'udp.payload'], { encoding: 'utf8', env: { ...process.env, WIRESHARK_CONFIG_DIR: dir } });
		expect(r.status, r.stderr).toBe(0);
		return r.stdout.split('\n').filter(Boolean).map((l) => {
			const [t, payload] = l.split('\t');
			const [s, frac] = t.split('.');
			return `${BigInt(s) * 1_000_000n + BigInt((frac ?? '').padEnd(9, '0').slice(0, 6))} ${payload}`;
		});
	}
	function weSee(file: Uint8Array): string[] {
		const c = readCapture(file);
		return c.records.map((r) => `${BigInt(c.meta!.startTimeMs) * 1000n + BigInt(Math.round(r.t * 1000))} ${toHex(r.bytes)}`);
	}
	const T0 = BigInt(Date.UTC(2026, 10, 26, 8)) * 1000n; // µs

	it('two sections, little- and big-endian, each with six link types, statistics, custom blocks and unknown options', () => {
		const links = Object.values(LINKS);
		const section = (le: boolean, k0: number) =>
			cat(
				shb(le, `made by hand, ${le ? 'little' : 'big'}-endian`), custom(le), ...links.map(([linkType]) => idb(linkType, le)),
				...links.flatMap(([, wrap], i) => [epb(T0 + BigInt(k0 + i) * 1500n, wrap(ipv4(i)), le, i), isb(le), custom(le)])
			);
		const file = cat(section(true, 0), section(false, 100));
		const seen = tsharkSees(file);
		expect(seen.length).toBe(2 * links.length);
		expect(weSee(file)).toEqual(seen);
		expect(readCapture(file).comments).toEqual(['made by hand, little-endian', 'made by hand, big-endian']);
	});

	it('nanosecond and binary if_tsresol, if_tsoffset, two interfaces', () => {
		const le = true;
		const file = cat(
			shb(le), idb(101, le, [option(9, Uint8Array.of(9), le)]), idb(101, le, [option(9, Uint8Array.of(0x80 | 20), le), option(14, u64(-3600n, le), le)]),
			epb(T0 * 1000n + 123_456n, ipv4(0), le, 0), epb(((T0 + 3_600_000_000n) << 20n) / 1_000_000n + 1n, ipv4(1), le, 1)
		);
		const seen = tsharkSees(file);
		expect(seen.length).toBe(2);
		expect(weSee(file)).toEqual(seen);
	});

	it('obsolete packet blocks (Appendix A) are read like enhanced ones', () => {
		const le = false;
		const pb = (units: bigint, packet: Uint8Array) =>
			pcapngBlock(2, cat(u16(0, le), u16(0, le), u32(Number(units >> 32n), le), u32(Number(units & 0xffffffffn), le), u32(packet.length, le), u32(packet.length, le), padded(packet), endOpt(le)), le);
		const file = cat(shb(le), idb(101, le), pb(T0 + 10n, ipv4(0)), pb(T0 + 20n, ipv4(1)));
		const seen = tsharkSees(file);
		expect(seen.length).toBe(2);
		expect(weSee(file)).toEqual(seen);
	});

	it('simple packet blocks: read, at the time of the packet before them', () => {
		const le = true;
		const file = cat(shb(le), idb(101, le), epb(T0 + 7000n, ipv4(0), le), spb(ipv4(1), le), spb(ipv4(2), le));
		expect(tsharkSees(file).map((l) => l.split(' ')[1])).toEqual(FRAMES.map((f) => toHex(f)));
		const c = readCapture(file);
		expect(c.records.map((r) => [r.t, toHex(r.bytes)])).toEqual(FRAMES.map((f) => [0, toHex(f)]));
	});

	it('classic pcap, Kuznetsov\'s modified pcap and big-endian pcap', () => {
		const record = (le: boolean, us: bigint, packet: Uint8Array, extra = 0) =>
			cat(u32(Number(us / 1_000_000n), le), u32(Number(us % 1_000_000n), le), u32(packet.length, le), u32(packet.length, le), new Uint8Array(extra), packet);
		for (const [le, magic, extra] of [[true, 0xa1b2c3d4, 0], [false, 0xa1b2c3d4, 0], [true, 0xa1b2cd34, 8]] as const) {
			const file = cat(u32(magic, le), u16(2, le), u16(4, le), u32(0, le), u32(0, le), u32(65535, le), u32(101, le),
				record(le, T0 + 5n, ipv4(0), extra), record(le, T0 + 999_999n, ipv4(1), extra));
			const seen = tsharkSees(file);
			expect(seen.length, magic.toString(16)).toBe(2);
			expect(weSee(file)).toEqual(seen);
		}
	});

	it('refuses what it cannot read with the block and the reason', () => {
		const le = true;
		const v6 = cat(shb(le), idb(229, le), epb(T0, new Uint8Array(40), le));
		expect(() => readCapture(v6)).toThrowError(/^pcapng block 3 \(enhanced packet block\) at byte offset 48: no C-V2X packets .* because: IPv6 link type/);
		const cut = cat(u32(0xa1b2c3d4, true), u16(2, true), u16(4, true), u32(0, true), u32(0, true), u32(65535, true), u32(101, true), u32(0, true));
		expect(() => readCapture(cut)).toThrowError(/^pcap record 1 \(packet record\) at byte offset 24: record header cut off: 4 of 16 bytes/);
		expect(() => readCapture(cut.subarray(0, 10))).toThrowError(/^pcap file header at byte offset 0: a classic pcap file, not pcapng, whose 24-byte header is cut off after 10 bytes/);
	});
});
