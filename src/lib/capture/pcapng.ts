// Constants of the pcapng format (draft-ietf-opsawg-pcapng), shared by the writer and reader.

export const BLOCK_SHB = 0x0a0d0d0a; // §4.1, also the file's magic
export const BLOCK_IDB = 0x00000001; // §4.2
export const BLOCK_PB = 0x00000002; // Appendix A, obsolete packet block
export const BLOCK_SPB = 0x00000003; // §4.4
export const BLOCK_NRB = 0x00000004; // §4.5
export const BLOCK_ISB = 0x00000005; // §4.6
export const BLOCK_EPB = 0x00000006; // §4.3
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_TSRESOL = 9;
export const NRB_RECORD_END = 0;
export const NRB_RECORD_IPV4 = 1;

/** Link types (draft-ietf-opsawg-pcaplinktype). */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_IPV4 = 228;

export const USER_APPL = 'cv2x-playground';
export const INTERFACE_NAME = 'cv2x-sim';
export const SNAPLEN = 65535;

export const BLOCK_NAMES: Record<number, string> = {
	[BLOCK_SHB]: 'section header block',
	[BLOCK_IDB]: 'interface description block',
	[BLOCK_PB]: 'packet block',
	[BLOCK_SPB]: 'simple packet block',
	[BLOCK_NRB]: 'name resolution block',
	[BLOCK_ISB]: 'interface statistics block',
	[BLOCK_EPB]: 'enhanced packet block'
};

/** `n` rounded up to a multiple of 4 (any length field up to 2^32: no 32-bit overflow). */
export const pad4 = (n: number) => n + (-n & 3);

export function isPcapng(data: Uint8Array): boolean {
	return data.length >= 4 && data[0] === 0x0a && data[1] === 0x0d && data[2] === 0x0d && data[3] === 0x0a;
}

/** More link types that carry IPv4 behind a small header (tshark reads them all). */
export const LINKTYPE_NULL = 0; // BSD loopback: 4-byte address family in the writer's byte order
export const LINKTYPE_LOOP = 108; // OpenBSD loopback: 4-byte address family, big-endian
export const LINKTYPE_LINUX_SLL = 113; // Linux "cooked" v1: 16-byte header, protocol at 14
export const LINKTYPE_LINUX_SLL2 = 276; // Linux "cooked" v2: 20-byte header, protocol at 0
export const LINKTYPE_IPV6 = 229;
/** if_tsoffset (§4.2): seconds to add to every timestamp of the interface. */
export const IF_TSOFFSET = 14;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
const AF_INET = 2;

/** A packet's IPv4 datagram behind its link-layer header, or why there is none. */
export type LinkPayload = { ip: Uint8Array } | { skip: string } | { malformed: string };

function etherTypeAt(p: Uint8Array, at: number): number {
	return (p[at] << 8) | p[at + 1];
}

function ethernet(p: Uint8Array): LinkPayload {
	let at = 12;
	// 802.1Q / 802.1ad tags: 4 bytes each, the Ethertype follows
	for (let tags = 0; p.length >= at + 2 && ETHERTYPE_VLAN.includes(etherTypeAt(p, at)); tags++) {
		if (tags === 2) return { skip: 'more than two VLAN tags' };
		at += 4;
	}
	if (p.length < at + 2) return { malformed: `Ethernet frame of ${p.length} bytes` };
	const type = etherTypeAt(p, at);
	return type === ETHERTYPE_IPV4 ? { ip: p.subarray(at + 2) } : { skip: `Ethertype 0x${type.toString(16).padStart(4, '0')}, not IPv4` };
}

/**
 * The IPv4 datagram in a packet of the given link type: raw IP (101, 228), Ethernet (1, with up
 * to two VLAN tags), Linux cooked captures (113, 276), BSD and OpenBSD loopback (0, 108).
 * Other link types, and other protocols, are a reason to skip the packet.
 */
export function linkPayload(linkType: number, p: Uint8Array): LinkPayload {
	switch (linkType) {
		case LINKTYPE_RAW:
		case LINKTYPE_IPV4:
			return { ip: p };
		case LINKTYPE_ETHERNET:
			return ethernet(p);
		case LINKTYPE_LINUX_SLL:
			if (p.length < 16) return { malformed: `Linux cooked header of ${p.length} bytes, 16 needed` };
			return etherTypeAt(p, 14) === ETHERTYPE_IPV4 ? { ip: p.subarray(16) } : { skip: `protocol 0x${etherTypeAt(p, 14).toString(16)}, not IPv4` };
		case LINKTYPE_LINUX_SLL2:
			if (p.length < 20) return { malformed: `Linux cooked v2 header of ${p.length} bytes, 20 needed` };
			return etherTypeAt(p, 0) === ETHERTYPE_IPV4 ? { ip: p.subarray(20) } : { skip: `protocol 0x${etherTypeAt(p, 0).toString(16)}, not IPv4` };
		case LINKTYPE_NULL:
		case LINKTYPE_LOOP: {
			if (p.length < 4) return { malformed: `loopback header of ${p.length} bytes, 4 needed` };
			// NULL uses the writer's byte order, which the file does not tell: AF_INET is 2 either way round
			const be = ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
			const le = ((p[3] << 24) | (p[2] << 16) | (p[1] << 8) | p[0]) >>> 0;
			const inet = be === AF_INET || (linkType === LINKTYPE_NULL && le === AF_INET);
			return inet ? { ip: p.subarray(4) } : { skip: `address family ${be}, not IPv4` };
		}
		case LINKTYPE_IPV6:
			return { skip: 'IPv6 link type' };
		default:
			return { skip: `link type ${linkType}` };
	}
}

/** Classic libpcap (tcpdump) magic numbers, as read big-endian from the first 4 bytes. */
export const PCAP_MAGIC = { usLe: 0xd4c3b2a1, usBe: 0xa1b2c3d4, nsLe: 0x4d3cb2a1, nsBe: 0xa1b23c4d, kuznetsovLe: 0x34cdb2a1, kuznetsovBe: 0xa1b2cd34 };

/** Whether the bytes start like a classic pcap file. */
export function isPcap(data: Uint8Array): boolean {
	if (data.length < 4) return false;
	const m = ((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0;
	return Object.values(PCAP_MAGIC).includes(m);
}
