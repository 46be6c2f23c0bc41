// Interop with Wireshark: a simulated capture, written by us, decoded by tshark's Protobuf
// dissector from our .proto files, gives the same field values as our codec.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, toHex } from '../codec';
import { createWorld } from '../sim';
import { PcapngWriter, readCapture, writePcapng, type CaptureMeta, type CaptureRecord } from './index';

const PROTO_DIR = fileURLToPath(new URL('../../../proto', import.meta.url));

/** The preferences that make tshark decode our UDP payloads as cv2x.v1.MessageFrame (README: "Captures and Wireshark"). */
const PROTOBUF_PREFS = [
	'-o', `uat:protobuf_search_paths:"${PROTO_DIR}","TRUE"`,
	'-o', 'uat:protobuf_udp_message_types:"5001","cv2x.v1.MessageFrame"',
	'-o', 'uat:protobuf_udp_message_types:"5002","cv2x.v1.MessageFrame"',
	'-o', 'protobuf.preload_protos:TRUE',
	'-o', 'protobuf.pbf_as_hf:TRUE'
];

let hasTshark = true;
try {
	execFileSync('tshark', ['--version'], { stdio: 'ignore' });
} catch {
	hasTshark = false;
}

function simulate(): { records: CaptureRecord[]; meta: CaptureMeta } {
	const world = createWorld({ city: 'beijing-yizhuang', seed: 11, vehicles: 20 });
	const names = new Map<number, string>();
	// a vehicle's name needs the vehicle: remember it at first sight (it may leave later)
	const nameOf = (id: number) => {
		let n = names.get(id);
		if (!n) names.set(id, (n = world.nodeName(id)));
		return n;
	};
	const records: CaptureRecord[] = [];
	while (world.timeMs < 3000) {
		world.step();
		for (const ev of world.drainEvents())
			if (ev.kind === 'tx')
				records.push({
					t: ev.t, sender: nameOf(ev.sender), receivers: ev.receivers.map(nameOf), channel: ev.channel, type: ev.type,
					latencyMs: ev.latencyMs, bytes: ev.bytes
				});
	}
	return { records, meta: { startTimeMs: world.config.startTimeMs, city: 'beijing-yizhuang', seed: 11, vehicles: 20 } };
}

describe.skipIf(!hasTshark && !process.env.CI)('tshark interop', () => {
	let dir = '';
	let file = '';
	let records: CaptureRecord[] = [];
	let meta: CaptureMeta;
	beforeAll(() => {
		dir = mkdtempSync(`${tmpdir()}/cv2x-tshark-`);
		file = `${dir}/run.pcapng`;
		({ records, meta } = simulate());
		writeFileSync(file, writePcapng(records, meta));
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	/** tshark with our preferences and an empty personal configuration, one line per packet. */
	const tshark = (args: string[], path = file) => {
		const r = spawnSync('tshark', ['-r', path, ...PROTOBUF_PREFS, ...args], {
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: { ...process.env, WIRESHARK_CONFIG_DIR: dir }
		});
		expect(r.status, r.stderr).toBe(0);
		return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
	};

	it('tshark is installed (CI installs the tshark package)', () => {
		expect(hasTshark).toBe(true);
	});

	it('every packet: good IPv4 and UDP checksums, the names of our NRB, one MessageFrame, nothing malformed', () => {
		expect(records.length).toBeGreaterThan(300);
		const rows = tshark([
			'-N', 'n', '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-T', 'fields',
			'-e', 'frame.number', '-e', 'ip.src_host', '-e', 'ip.checksum.status', '-e', 'udp.checksum.status', '-e', 'udp.dstport',
			'-e', 'pbm.cv2x.v1.MessageFrame', '-e', '_ws.malformed'
		]);
		expect(rows.length).toBe(records.length);
		rows.forEach(([n, src, ipStatus, udpStatus, port, frame, malformed], i) => {
			const r = records[i];
			expect(Number(n)).toBe(i + 1);
			expect(src, `frame ${n}`).toBe(r.sender);
			expect(ipStatus, `frame ${n}`).toBe('1'); // 1 = good
			expect(udpStatus, `frame ${n}`).toBe('1');
			expect(Number(port)).toBe(r.channel === 'pc5' ? 5001 : 5002);
			expect(frame, `frame ${n}: no MessageFrame`).not.toBe('');
			expect(malformed ?? '', `frame ${n}`).toBe('');
		});
	});

	it('for every BSM, the latitude, longitude and speed tshark decodes are what our codec decodes', () => {
		const rows = tshark([
			'-Y', 'pbf.cv2x.v1.MessageFrame.bsm', '-T', 'fields', '-E', 'occurrence=f',
			'-e', 'frame.number', '-e', 'pbf.cv2x.v1.Position3D.lat', '-e', 'pbf.cv2x.v1.Position3D.lon',
			'-e', 'pbf.cv2x.v1.BasicSafetyMessage.speed', '-e', 'pbf.cv2x.v1.BasicSafetyMessage.heading'
		]);
		const bsms = records.map((r, i) => ({ r, i })).filter(({ r }) => r.type === 'bsm');
		expect(bsms.length).toBeGreaterThan(100);
		expect(rows.map((row) => Number(row[0]) - 1)).toEqual(bsms.map(({ i }) => i));
		rows.forEach(([n, lat, lon, speed, heading]) => {
			const r = records[Number(n) - 1];
			const bsm = decodeFrame(r.bytes).bsm!;
			expect(Number(lat), `frame ${n} ${toHex(r.bytes)}`).toBe(bsm.pos!.lat);
			expect(Number(lon), `frame ${n}`).toBe(bsm.pos!.lon);
			expect(Number(speed || 0), `frame ${n}`).toBe(bsm.speed);
			expect(Number(heading || 0), `frame ${n}`).toBe(bsm.heading);
		});
		// some moving, some not: the comparison covers real values, not only defaults
		expect(new Set(rows.map((row) => row[3])).size).toBeGreaterThan(5);
	});

	it('a file written as the run goes (NRBs among the packets, as nodes appear): tshark names every sender and Uu peer from them', () => {
		const streamed = `${dir}/streamed.pcapng`;
		const fd = openSync(streamed, 'w');
		const w = new PcapngWriter(meta, (chunk) => writeSync(fd, chunk), { chunkBytes: 4096 });
		// one record at a time: every node's name comes in an NRB of its own just before its first packet
		for (const r of records) w.add([r]);
		w.close();
		closeSync(fd);
		const data = readFileSync(streamed);
		expect(readCapture(data)).toEqual(readCapture(readFileSync(file)));
		const rows = tshark(['-N', 'n', '-T', 'fields', '-e', 'frame.number', '-e', 'ip.src_host', '-e', 'ip.dst_host'], streamed);
		expect(rows.length).toBe(records.length);
		rows.forEach(([n, src, dst], i) => {
			const r = records[i];
			expect(src, `frame ${n}`).toBe(r.sender);
			if (r.channel === 'uu' && r.receivers.length) expect(dst, `frame ${n}`).toBe(r.receivers[0]);
		});
		// the names did come from NRBs after packets: more than one NRB, the later ones past the first EPB
		expect(countNrbsAfterFirstPacket(data)).toBeGreaterThan(10);
	});

	it("tshark's payload type and timestamp agree with the records", () => {
		const rows = tshark(['-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.comment']);
		rows.forEach(([epoch, comment], i) => {
			const r = records[i];
			expect(Math.round(Number(epoch) * 1e6)).toBe((meta.startTimeMs + r.t) * 1000);
			expect(JSON.parse(comment)).toEqual({ sender: r.sender, receivers: r.receivers, latencyMs: r.latencyMs, type: r.type });
		});
		const spat = tshark(['-Y', 'pbf.cv2x.v1.MessageFrame.spat', '-T', 'fields', '-e', 'frame.number']);
		expect(spat.map((row) => Number(row[0]) - 1)).toEqual(records.flatMap((r, i) => (r.type === 'spat' ? [i] : [])));
	});
});

/** Name resolution blocks after the file's first enhanced packet block (our little-endian files). */
function countNrbsAfterFirstPacket(file: Uint8Array): number {
	const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
	let seenPacket = false;
	let n = 0;
	for (let at = 0; at < file.length; at += v.getUint32(at + 4, true)) {
		const type = v.getUint32(at, true);
		if (type === 6) seenPacket = true;
		else if (type === 4 && seenPacket) n++;
	}
	return n;
}
