// Hand-made pcapng for what our writer never writes: a big-endian section, two interfaces
// (Ethernet with nanosecond stamps, raw IPv4), a simple packet block, packets that are not ours,
// and a name resolution block after the packets. The project's reader (capture/readCapture) is
// the oracle.
import { describe, expect, it } from 'vitest';
import { readCapture } from '../capture';
import { buildUdpPacket } from '../capture/ipv4';
import { encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import { indexCaptureSync } from './index';

/** One block (pcapng §3.1) in the given byte order; `body` is padded to 32 bits. */
function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
	const padded = (body.length + 3) & ~3;
	const out = new Uint8Array(12 + padded);
	const v = new DataView(out.buffer);
	v.setUint32(0, type, le);
	v.setUint32(4, out.length, le);
	out.set(body, 8);
	v.setUint32(out.length - 4, out.length, le);
	return out;
}

function bytes(le: boolean, parts: [number, 1 | 2 | 4][]): Uint8Array {
	const out = new Uint8Array(parts.reduce((s, [, n]) => s + n, 0));
	const v = new DataView(out.buffer);
	let at = 0;
	for (const [x, n] of parts) {
		if (n === 1) v.setUint8(at, x);
		else if (n === 2) v.setUint16(at, x, le);
		else v.setUint32(at, x >>> 0, le);
		at += n;
	}
	return out;
}

const concat = (...xs: Uint8Array[]) => {
	const out = new Uint8Array(xs.reduce((s, x) => s + x.length, 0));
	let at = 0;
	for (const x of xs) {
		out.set(x, at);
		at += x.length;
	}
	return out;
};

function handmade(le: boolean): Uint8Array {
	const shb = block(le, 0x0a0d0d0a, bytes(le, [[0x1a2b3c4d, 4], [1, 2], [0, 2], [0xffffffff, 4], [0xffffffff, 4], [0, 4]]));
	// interface 0: Ethernet, if_tsresol 9 (ns); interface 1: raw IPv4, microseconds
	const idb0 = block(le, 1, concat(bytes(le, [[1, 2], [0, 2], [65535, 4], [9, 2], [1, 2], [9, 1], [0, 1], [0, 2], [0, 2], [0, 2]])));
	const idb1 = block(le, 1, bytes(le, [[101, 2], [0, 2], [65535, 4]]));
	const bsm = encodeFrame(sampleFrame('bsm'));
	const spat = encodeFrame(sampleFrame('spat'));
	const ip = (payload: Uint8Array, src: number, port: number) => buildUdpPacket({ src, dst: 0xffffffff, srcPort: port, dstPort: port, id: 1, payload });
	const eth = (p: Uint8Array) => concat(new Uint8Array(12), Uint8Array.of(0x08, 0x00), p);
	const epb = (iface: number, units: number, packet: Uint8Array) =>
		block(le, 6, concat(bytes(le, [[iface, 4], [Math.floor(units / 2 ** 32), 4], [units % 2 ** 32, 4], [packet.length, 4], [packet.length, 4]]), packet, new Uint8Array((4 - (packet.length % 4)) % 4)));
	const a = 0x0a010001;
	const b = 0x0a020001;
	const t0 = 1_764_000_000_000_000; // µs
	const packets = [
		epb(0, (t0 + 100) * 1000, eth(ip(bsm, a, 5001))),
		epb(1, t0 + 250, ip(spat, b, 5001)),
		epb(1, t0 + 300, ip(bsm, a, 9999)), // not ours: skipped
		block(le, 3, concat(bytes(le, [[eth(ip(bsm, a, 5001)).length, 4]]), eth(ip(bsm, a, 5001))))
	];
	const name = (addr: number, text: string) => {
		const t = new TextEncoder().encode(`${text}\0`);
		return concat(bytes(le, [[1, 2], [4 + t.length, 2]]), Uint8Array.of(addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255), t, new Uint8Array((4 - ((4 + t.length) % 4)) % 4));
	};
	const nrb = block(le, 4, concat(name(a, 'car-7'), name(b, 'RSU-X'), bytes(le, [[0, 2], [0, 2]])));
	return concat(shb, idb0, idb1, ...packets, nrb);
}

describe('hand-made pcapng', () => {
	for (const le of [true, false])
		it(`${le ? 'little' : 'big'}-endian: the same packets as readCapture, names from a late NRB, SPB time from the packet before`, () => {
			const file = handmade(le);
			const want = readCapture(file).records;
			const t = indexCaptureSync(file);
			expect(t.length).toBe(3);
			const got = Array.from({ length: t.length }, (_, i) => [t.time[i], t.senderName(i), t.channelName(i), t.typeName(i), Buffer.from(t.payload(i)).toString('hex')]);
			expect(got).toEqual(want.map((r) => [r.t, r.sender, r.channel, r.type, Buffer.from(r.bytes).toString('hex')]));
			expect(got.map((g) => g.slice(0, 4))).toEqual([
				[0.1, 'car-7', 'pc5', 'bsm'],
				[0.25, 'RSU-X', 'pc5', 'spat'],
				[0.25, 'car-7', 'pc5', 'bsm']
			]);
		});
});
