// Classic libpcap files, read without any tool: every variant, and only CaptureError on damage.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUdpPacket } from './ipv4';
import { CaptureError, readCapture } from './index';

const FRAMES = ['080112020805', '08011a00', '0801220408011001'].map((h) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16))));
const T0 = Date.UTC(2026, 10, 26, 8) * 1000; // µs

/** A classic pcap file of LINKTYPE_RAW packets, one per frame, 1.5 ms apart. */
function pcap(le: boolean, nano: boolean, frames = FRAMES): Uint8Array {
	const parts: number[] = [];
	const u32 = (v: number) => {
		const b = new Uint8Array(4);
		new DataView(b.buffer).setUint32(0, v >>> 0, le);
		parts.push(...b);
	};
	const u16 = (v: number) => {
		const b = new Uint8Array(2);
		new DataView(b.buffer).setUint16(0, v, le);
		parts.push(...b);
	};
	u32(nano ? 0xa1b23c4d : 0xa1b2c3d4);
	u16(2);
	u16(4);
	u32(0);
	u32(0);
	u32(65535);
	u32(101);
	frames.forEach((payload, i) => {
		const ip = buildUdpPacket({ src: 0x0a010001 + i, dst: 0xffffffff, srcPort: 5001, dstPort: 5001, id: i, payload });
		const us = T0 + i * 1500;
		u32(Math.floor(us / 1e6));
		u32(nano ? (us % 1e6) * 1000 + 999 : us % 1e6);
		u32(ip.length);
		u32(ip.length);
		parts.push(...ip);
	});
	return Uint8Array.from(parts);
}

describe('classic pcap', () => {
	it('reads microsecond and nanosecond files in either byte order', () => {
		for (const le of [true, false])
			for (const nano of [false, true]) {
				const c = readCapture(pcap(le, nano));
				expect(c.format).toBe('pcap');
				expect(c.meta).toEqual({ startTimeMs: T0 / 1000 });
				expect(c.records.map((r) => [r.t, r.sender, r.channel, r.type, [...r.bytes]])).toEqual(
					FRAMES.map((f, i) => [i * 1.5, `10.1.0.${1 + i}`, 'pc5', ['bsm', 'map_data', 'spat'][i], [...f]])
				);
			}
	});
	it('damage anywhere gives the records or a CaptureError naming the record and its offset', () => {
		const file = pcap(true, false);
		fc.assert(fc.property(fc.nat({ max: file.length - 1 }), fc.nat({ max: 255 }), fc.boolean(), (at, value, cut) => {
			const f = cut ? file.subarray(0, at) : file.slice();
			if (!cut) f[at] = value;
			try {
				readCapture(f);
			} catch (e) {
				expect(e).toBeInstanceOf(CaptureError);
				expect((e as CaptureError).offset).toBeTypeOf('number');
			}
		}), { numRuns: 1500 });
	});
});

describe('pcapng from other tools, damaged', () => {
	// a section without our shb_userappl: checksums unchecked, foreign comments kept as text
	const le = true;
	const u = (bits: 16 | 32, v: number) => {
		const b = new Uint8Array(bits / 8);
		const d = new DataView(b.buffer);
		if (bits === 16) d.setUint16(0, v, le);
		else d.setUint32(0, v >>> 0, le);
		return [...b];
	};
	const pad = (b: number[]) => [...b, ...new Array((4 - (b.length % 4)) % 4).fill(0)];
	const block = (type: number, body: number[]) => {
		const len = 12 + pad(body).length;
		return [...u(32, type), ...u(32, len), ...pad(body), ...u(32, len)];
	};
	const opt = (code: number, v: number[]) => [...u(16, code), ...u(16, v.length), ...pad(v)];
	const text = (s: string) => [...new TextEncoder().encode(s)];
	const file = Uint8Array.from([
		...block(0x0a0d0d0a, [...u(32, 0x1a2b3c4d), ...u(16, 1), ...u(16, 0), ...u(32, -1), ...u(32, -1), ...opt(1, text('{"startTimeMs":1795680000000} \nFile created by merging: \nFile1: a.pcapng')), ...opt(0, [])]),
		...block(1, [...u(16, 113), ...u(16, 0), ...u(32, 0), ...opt(9, [9]), ...opt(14, [0, 0, 0, 0, 0, 0, 0, 0]), ...opt(0, [])]),
		...FRAMES.flatMap((payload, i) => {
			const ip = [...buildUdpPacket({ src: 0x0a010001, dst: 0x0a000001, srcPort: 5002, dstPort: 5002, id: i, payload })];
			const sll = [0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 8, 0, ...ip];
			const ns = BigInt(T0 + i * 1000) * 1000n;
			return [
				...block(6, [...u(32, 0), ...u(32, Number(ns >> 32n)), ...u(32, Number(ns & 0xffffffffn)), ...u(32, sll.length), ...u(32, sll.length), ...pad(sll), ...opt(1, text('{"sender":3')), ...opt(0, [])]),
				...block(3, [...u(32, sll.length), ...pad(sll)])
			];
		})
	]);
	it('reads the intact file: meta from the first line of the comment, the rest as text', () => {
		const c = readCapture(file);
		expect(c.meta).toEqual({ startTimeMs: 1795680000000 });
		expect(c.comments).toEqual(['File created by merging: \nFile1: a.pcapng']);
		expect(c.records.map((r) => [r.sender, r.receivers, r.channel, r.type])).toEqual(
			[0, 0, 1, 1, 2, 2].map((i) => ['10.1.0.1', ['10.0.0.1'], 'uu', ['bsm', 'map_data', 'spat'][i]])
		);
	});
	it('damage anywhere gives records or a CaptureError naming the block and its offset', () => {
		fc.assert(fc.property(fc.nat({ max: file.length - 1 }), fc.nat({ max: 255 }), fc.boolean(), (at, value, cut) => {
			const f = cut ? file.subarray(0, at) : file.slice();
			if (!cut) f[at] = value;
			try {
				readCapture(f);
			} catch (e) {
				expect(e).toBeInstanceOf(CaptureError);
				expect((e as Error).message).toMatch(/^pcapng block \d+ \(.*\) at byte offset \d+: |^line \d+/);
			}
		}), { numRuns: 2000 });
	});
});
