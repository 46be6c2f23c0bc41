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

export const pad4 = (n: number) => (n + 3) & ~3;

export function isPcapng(data: Uint8Array): boolean {
	return data.length >= 4 && data[0] === 0x0a && data[1] === 0x0d && data[2] === 0x0d && data[3] === 0x0a;
}
