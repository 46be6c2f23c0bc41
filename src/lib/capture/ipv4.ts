// IPv4 + UDP around a frame (RFC 791, RFC 768), and the way back.
export const IPV4_HEADER = 20;
export const UDP_HEADER = 8;
export const MAX_PAYLOAD = 65535 - IPV4_HEADER - UDP_HEADER;
const PROTO_UDP = 17;
const TTL = 64;

/** The 16-bit ones' complement of the ones' complement sum of 16-bit words (RFC 1071). */
function onesSum(b: Uint8Array, start: number, end: number, sum = 0): number {
	let i = start;
	for (; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
	if (i < end) sum += b[i] << 8;
	while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
	return sum;
}

export function internetChecksum(b: Uint8Array, start: number, end: number, sum = 0): number {
	return ~onesSum(b, start, end, sum) & 0xffff;
}

function udpPseudoSum(src: number, dst: number, udpLength: number): number {
	return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + PROTO_UDP + udpLength;
}

export interface UdpPacket {
	src: number;
	dst: number;
	srcPort: number;
	dstPort: number;
	payload: Uint8Array;
}

/** An IPv4 packet (no options, not fragmented) carrying one UDP datagram, with both checksums. */
export function buildUdpPacket(p: UdpPacket & { id: number }): Uint8Array {
	const udpLength = UDP_HEADER + p.payload.length;
	const total = IPV4_HEADER + udpLength;
	const b = new Uint8Array(total);
	const v = new DataView(b.buffer);
	b[0] = 0x45; // version 4, header length 5 words
	v.setUint16(2, total);
	v.setUint16(4, p.id & 0xffff);
	b[8] = TTL;
	b[9] = PROTO_UDP;
	v.setUint32(12, p.src >>> 0);
	v.setUint32(16, p.dst >>> 0);
	v.setUint16(10, internetChecksum(b, 0, IPV4_HEADER));
	v.setUint16(20, p.srcPort);
	v.setUint16(22, p.dstPort);
	v.setUint16(24, udpLength);
	b.set(p.payload, IPV4_HEADER + UDP_HEADER);
	const sum = internetChecksum(b, IPV4_HEADER, total, udpPseudoSum(p.src, p.dst, udpLength));
	v.setUint16(26, sum === 0 ? 0xffff : sum); // RFC 768: a computed 0 is sent as all ones
	return b;
}

export type ParsedPacket =
	| ({ ok: true } & UdpPacket)
	/** `malformed`: the packet contradicts itself (lengths, checksums); otherwise it is just not ours. */
	| { ok: false; malformed: boolean; reason: string };

/** Reads an IPv4 packet carrying UDP. Checksums are verified when `verify` is set. */
export function parseUdpPacket(b: Uint8Array, verify: boolean): ParsedPacket {
	const bad = (reason: string): ParsedPacket => ({ ok: false, malformed: true, reason });
	if (b.length < 1) return bad('empty packet');
	const version = b[0] >> 4;
	if (version === 6) return { ok: false, malformed: false, reason: 'IPv6 packet' };
	if (version !== 4) return bad(`IP version ${version}`);
	const ihl = (b[0] & 15) * 4;
	if (ihl < IPV4_HEADER) return bad(`IPv4 header length ${ihl} is below 20`);
	if (b.length < ihl) return bad(`IPv4 header of ${ihl} bytes but only ${b.length} captured`);
	const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const total = v.getUint16(2);
	if (total < ihl) return bad(`IPv4 total length ${total} is below its header length ${ihl}`);
	if (total > b.length) return bad(`IPv4 total length ${total} but only ${b.length} bytes captured`);
	if (verify && internetChecksum(b, 0, ihl) !== 0) return bad(`IPv4 header checksum 0x${v.getUint16(10).toString(16).padStart(4, '0')} is wrong`);
	if (b[9] !== PROTO_UDP) return { ok: false, malformed: false, reason: `IP protocol ${b[9]}, not UDP` };
	const frag = v.getUint16(6);
	if (frag & 0x3fff) return { ok: false, malformed: false, reason: 'IPv4 fragment' };
	if (total - ihl < UDP_HEADER) return bad(`UDP header truncated: ${total - ihl} bytes`);
	const udpLength = v.getUint16(ihl + 4);
	if (udpLength < UDP_HEADER || udpLength > total - ihl) return bad(`UDP length ${udpLength} does not fit the IPv4 payload of ${total - ihl} bytes`);
	const src = v.getUint32(12);
	const dst = v.getUint32(16);
	const checksum = v.getUint16(ihl + 6);
	if (verify && checksum !== 0 && internetChecksum(b, ihl, ihl + udpLength, udpPseudoSum(src, dst, udpLength)) !== 0)
		return bad(`UDP checksum 0x${checksum.toString(16).padStart(4, '0')} is wrong`);
	return {
		ok: true, src, dst, srcPort: v.getUint16(ihl), dstPort: v.getUint16(ihl + 2),
		payload: b.subarray(ihl + UDP_HEADER, ihl + udpLength)
	};
}
