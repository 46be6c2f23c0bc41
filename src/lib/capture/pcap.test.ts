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
