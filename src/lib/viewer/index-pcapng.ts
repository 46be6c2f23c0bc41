// Indexes a pcapng file (draft-ietf-opsawg-pcapng), or a classic pcap one, into a PacketTable a
// chunk of blocks at a time: the same format knowledge as capture/pcapng-reader.ts (sections
// in either byte order, several interfaces, if_tsresol/if_tsoffset, EPB, SPB and the obsolete
// PB, the link types of capture/pcapng.ts linkPayload, IPv4/UDP on ports 5001/5002, our
// packet comments, name resolution blocks), but each row points at its payload in the file.
import { formatIpv4 } from '../capture/addresses';
import { parseUdpPacket } from '../capture/ipv4';
import {
	BLOCK_EPB, BLOCK_IDB, BLOCK_NAMES, BLOCK_NRB, BLOCK_PB, BLOCK_SHB, BLOCK_SPB, BYTE_ORDER_MAGIC, IF_TSOFFSET, IF_TSRESOL, linkPayload, NRB_RECORD_END,
	NRB_RECORD_IPV4, LINKTYPE_IPV4, LINKTYPE_RAW, OPT_COMMENT, OPT_ENDOFOPT, pad4, PCAP_MAGIC, SHB_USERAPPL, USER_APPL
} from '../capture/pcapng';
import { cleanMeta, metaProblem } from '../capture/records';
import { PC5_PORT, UU_PORT } from '../capture/types';
import { ViewerError } from './errors';
import { emptyRecord, scanFlatObject, type ScannedRecord } from './json-scan';
import { sniffPayload } from './sniff';
import { PacketTable, STORE_RAW, UNKNOWN_TYPE } from './table';

const utf8 = new TextDecoder('utf-8');

interface Interface {
	linkType: number;
	tsresol: number;
	tsoffset: number;
}

/** Indexes pcapng (or classic pcap) bytes step by step; `position` is the next byte to read. */
export class PcapngIndexer {
	readonly table: PacketTable;
	position = 0;
	private readonly view: DataView;
	private le = true;
	private block = 0;
	private blockStart = 0;
	private kind = 'block';
	private interfaces: Interface[] = [];
	private strict = false;
	private lastUs = NaN;
	/** t = 0 in µs since 1970 (integers: times are exact to the µs, as in capture/pcapng-reader) */
	private startUs = 0;
	private startKnown = false;
	private readonly names = new Map<number, string>();
	private readonly addressIds = new Map<number, number>();
	private readonly note: ScannedRecord = emptyRecord();
	private readonly broadcast: number;
	private skipped = 0;
	private firstSkip?: string;
	/** classic pcap: the record header's size, the link type, nanosecond fractions */
	private classic?: { header: number; linkType: number; nano: boolean };

	constructor(readonly source: Uint8Array) {
		this.table = new PacketTable(source, isClassic(source) ? 'pcap' : 'pcapng');
		this.view = new DataView(source.buffer, source.byteOffset, source.byteLength);
		this.broadcast = this.table.strings.id('broadcast');
		if (this.table.format === 'pcap') this.classicHeader();
	}

	error(message: string): ViewerError {
		const unit = this.classic ? 'pcap record' : 'pcapng block';
		return new ViewerError(`${unit} ${this.block} (${this.kind}) at byte offset ${this.blockStart}: ${message}`, { block: this.block, offset: this.blockStart });
	}

	private u16(at: number) {
		return this.view.getUint16(at, this.le);
	}
	private u32(at: number) {
		return this.view.getUint32(at, this.le);
	}

	/** Reads blocks until about `budget` more bytes are consumed; true when the file is done. */
	step(budget: number): boolean {
		const stop = Math.min(this.source.length, this.position + budget);
		while (this.position < stop) {
			this.block++;
			this.blockStart = this.position;
			this.position += this.classic ? this.classicRecord(this.position) : this.nextBlock(this.position);
		}
		if (this.position < this.source.length) return false;
		this.finish();
		return true;
	}

	/** §3.1: type, total length, body, total length again. Returns the block's length. */
	private nextBlock(off: number): number {
		const data = this.source;
		this.kind = 'block';
		const left = data.length - off;
		if (left < 12) throw this.error(`truncated file: ${left} bytes left, a block takes at least 12`);
		const isShb = data[off] === 0x0a && data[off + 1] === 0x0d && data[off + 2] === 0x0d && data[off + 3] === 0x0a;
		if (isShb) this.byteOrder(off);
		const type = this.u32(off);
		this.kind = BLOCK_NAMES[type] ?? `block type 0x${type.toString(16).padStart(8, '0')}`;
		const len = this.u32(off + 4);
		if (len < 12 || len % 4) throw this.error(`block length ${len} is ${len < 12 ? 'below the minimum of 12' : 'not a multiple of 4'}`);
		if (len > left) throw this.error(`block length ${len} runs past the end of the file, ${left} bytes left: not a complete pcapng file (truncated?)`);
		const trailer = this.u32(off + len - 4);
		if (trailer !== len) throw this.error(`block length ${len} at the start but ${trailer} at the end`);
		const body = off + 8;
		const end = off + len - 4;
		if (isShb) this.sectionHeader(body, end);
		else if (type === BLOCK_IDB) this.interfaceDescription(body, end);
		else if (type === BLOCK_EPB || type === BLOCK_PB) this.enhancedPacket(body, end, type === BLOCK_PB);
		else if (type === BLOCK_SPB) this.simplePacket(body, end);
		else if (type === BLOCK_NRB) this.nameResolution(body, end);
		return len;
	}

	/** §4.1: the byte-order magic, 8 bytes in, tells the section's endianness. */
	private byteOrder(off: number): void {
		this.kind = BLOCK_NAMES[BLOCK_SHB];
		if (this.source.length - off < 12) return;
		const magicLe = this.view.getUint32(off + 8, true);
		if (magicLe === BYTE_ORDER_MAGIC) this.le = true;
		else if (this.view.getUint32(off + 8, false) === BYTE_ORDER_MAGIC) this.le = false;
		else throw this.error(`byte-order magic 0x${magicLe.toString(16).padStart(8, '0')} is neither 1A2B3C4D nor 4D3C2B1A: not a pcapng file`);
	}

	/** §3.5 options: calls `each` with code, value start and length; stops at opt_endofopt. */
	private options(start: number, end: number, each: (code: number, at: number, len: number) => void): void {
		for (let p = start; p < end; ) {
			if (end - p < 4) throw this.error(`option header at byte offset ${p} is cut off by the end of the block`);
			const code = this.u16(p);
			const len = this.u16(p + 2);
			if (code === OPT_ENDOFOPT) return;
			if (pad4(len) > end - p - 4) throw this.error(`option ${code} of ${len} bytes at byte offset ${p} runs past the end of the block`);
			each(code, p + 4, len);
			p += 4 + pad4(len);
		}
	}

	private sectionHeader(body: number, end: number): void {
		if (end - body < 16) throw this.error(`block body is ${end - body} bytes, at least 16 needed`);
		const major = this.u16(body + 4);
		const minor = this.u16(body + 6);
		if (major !== 1 || (minor !== 0 && minor !== 2)) throw this.error(`unsupported pcapng version ${major}.${minor} (1.0 is read)`);
		this.strict = false;
		this.interfaces = [];
		const comments: string[] = [];
		this.options(body + 16, end, (code, at, len) => {
			const text = utf8.decode(this.source.subarray(at, at + len));
			if (code === SHB_USERAPPL && text === USER_APPL) this.strict = true;
			if (code === OPT_COMMENT) comments.push(text);
		});
		for (const c of comments) this.sectionComment(c);
	}

	/** Our run's meta (a JSON first line), or a comment for people. */
	private sectionComment(text: string): void {
		const nl = text.indexOf('\n');
		const head = (nl < 0 ? text : text.slice(0, nl)).trim();
		const rest = nl < 0 ? '' : text.slice(nl + 1).trim();
		let meta: unknown;
		try {
			meta = head.startsWith('{') ? JSON.parse(head) : undefined;
		} catch {
			meta = undefined;
		}
		if (meta !== undefined && !metaProblem(meta)) {
			if (!this.table.meta) {
				this.table.meta = cleanMeta(meta as never);
				if (!this.startKnown) this.setStart(this.table.meta.startTimeMs);
				this.startKnown = true;
			}
			if (rest) this.table.comments.push(rest);
		} else if (this.strict && head.includes('"startTimeMs"')) throw this.error(`capture meta in the comment: ${metaProblem(meta) ?? 'not valid JSON'}`);
		else if (text.trim()) this.table.comments.push(text.trim());
	}

	private interfaceDescription(body: number, end: number): void {
		if (end - body < 8) throw this.error(`block body is ${end - body} bytes, at least 8 needed`);
		const iface: Interface = { linkType: this.u16(body), tsresol: 6, tsoffset: 0 };
		this.options(body + 8, end, (code, at, len) => {
			if (code === IF_TSOFFSET) {
				if (len !== 8) throw this.error(`if_tsoffset is ${len} bytes, it must be 8`);
				iface.tsoffset = Number(this.view.getBigInt64(at, this.le));
			}
			if (code === IF_TSRESOL) {
				if (len !== 1) throw this.error(`if_tsresol is ${len} bytes, it must be 1`);
				iface.tsresol = this.source[at];
				const exp = iface.tsresol & 0x7f;
				if (iface.tsresol & 0x80 ? exp > 63 : exp > 30) throw this.error(`if_tsresol ${iface.tsresol} is beyond any clock`);
			}
		});
		this.interfaces.push(iface);
	}

	private nameResolution(body: number, end: number): void {
		for (let p = body; ; ) {
			if (end - p < 4) throw this.error('name resolution records end without nrb_record_end');
			const type = this.u16(p);
			const len = this.u16(p + 2);
			if (pad4(len) > end - p - 4) throw this.error(`name record of ${len} bytes at byte offset ${p} runs past the end of the block`);
			if (type === NRB_RECORD_END) return;
			if (type === NRB_RECORD_IPV4 && len >= 5) {
				const v = this.source.subarray(p + 4, p + 4 + len);
				const address = ((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]) >>> 0;
				const nul = v.indexOf(0, 4);
				const name = utf8.decode(v.subarray(4, nul >= 0 ? nul : v.length));
				if (name && !this.names.has(address)) this.names.set(address, name);
			}
			p += 4 + pad4(len);
		}
	}

	private iface(id: number): Interface {
		const iface = this.interfaces[id];
		if (!iface) throw this.error(`packet on interface ${id}, but this section has ${this.interfaces.length} interface description block(s) before it`);
		return iface;
	}

	/** §4.3, or Appendix A's obsolete packet block (`old`). */
	private enhancedPacket(body: number, end: number, old: boolean): void {
		if (end - body < 20) throw this.error(`block body is ${end - body} bytes, at least 20 needed`);
		const iface = this.iface(old ? this.u16(body) : this.u32(body));
		const caplen = this.u32(body + 12);
		if (pad4(caplen) > end - body - 20) throw this.error(`captured length ${caplen} runs past the end of the block`);
		let comment = -1;
		let commentLen = 0;
		this.options(body + 20 + pad4(caplen), end, (code, at, len) => {
			if (code === OPT_COMMENT && comment < 0 && this.source[at] === 0x7b) {
				comment = at;
				commentLen = len;
			}
		});
		const us = timeUs(this.u32(body + 4), this.u32(body + 8), iface.tsresol) + iface.tsoffset * 1e6;
		this.packet(iface.linkType, body + 20, caplen, us, comment, commentLen);
	}

	/** §4.4: interface 0, the previous packet's time, no options. */
	private simplePacket(body: number, end: number): void {
		if (end - body < 4) throw this.error(`block body is ${end - body} bytes, at least 4 needed`);
		const iface = this.iface(0);
		this.packet(iface.linkType, body + 4, Math.min(this.u32(body), end - body - 4), this.lastUs, -1, 0);
	}

	private skip(reason: string): void {
		this.skipped++;
		this.firstSkip ??= `${this.classic ? 'pcap record' : 'pcapng block'} ${this.block} at byte offset ${this.blockStart}: ${reason}`;
	}

	/** One captured packet: a row when it is IPv4/UDP on port 5001 or 5002, else skipped. */
	private packet(linkType: number, at: number, caplen: number, us: number, comment: number, commentLen: number): void {
		let ipAt = at;
		let ipLen = caplen;
		if (linkType !== LINKTYPE_RAW && linkType !== LINKTYPE_IPV4) {
			const link = linkPayload(linkType, this.source.subarray(at, at + caplen));
			if (!('ip' in link)) return this.skip('skip' in link ? link.skip : link.malformed);
			ipAt = link.ip.byteOffset - this.source.byteOffset;
			ipLen = link.ip.length;
		}
		if (!this.udp(ipAt, ipLen)) {
			// not the plain case: capture/ipv4.ts says why (or reads an unusual but valid packet)
			const udp = parseUdpPacket(this.source.subarray(ipAt, ipAt + ipLen), false);
			if (!udp.ok) return this.skip(udp.reason);
			Object.assign(this.u, { src: udp.src, dst: udp.dst, srcPort: udp.srcPort, dstPort: udp.dstPort, at: udp.payload.byteOffset - this.source.byteOffset, len: udp.payload.length });
		}
		const u = this.u;
		const port = (p: number) => (p === PC5_PORT ? 0 : p === UU_PORT ? 1 : -1);
		const channel = port(u.dstPort) >= 0 ? port(u.dstPort) : port(u.srcPort);
		if (channel < 0) return this.skip(`UDP port ${u.srcPort} -> ${u.dstPort}, not ${PC5_PORT} or ${UU_PORT}`);
		if (Number.isNaN(us)) us = this.startUs;
		if (!this.startKnown) this.setStart(Math.floor(us / 1000));
		this.lastUs = us;
		this.addRow(channel, (us - this.startUs) / 1000, comment, commentLen);
	}

	/** The last packet's IPv4/UDP fields (reused: no allocation per packet). */
	private readonly u = { src: 0, dst: 0, srcPort: 0, dstPort: 0, at: 0, len: 0 };

	/**
	 * RFC 791 / RFC 768, the plain case only: IPv4 without options, not fragmented, UDP, lengths
	 * consistent. False for anything else (parseUdpPacket then decides). Checksums are not checked.
	 */
	private udp(at: number, len: number): boolean {
		const b = this.source;
		if (len < 28 || b[at] !== 0x45 || b[at + 9] !== 17 || ((b[at + 6] & 0x3f) | b[at + 7]) !== 0) return false;
		const total = (b[at + 2] << 8) | b[at + 3];
		const udpLength = (b[at + 24] << 8) | b[at + 25];
		if (total > len || total < 28 || udpLength < 8 || udpLength > total - 20) return false;
		const u = this.u;
		u.src = ((b[at + 12] << 24) | (b[at + 13] << 16) | (b[at + 14] << 8) | b[at + 15]) >>> 0;
		u.dst = ((b[at + 16] << 24) | (b[at + 17] << 16) | (b[at + 18] << 8) | b[at + 19]) >>> 0;
		u.srcPort = (b[at + 20] << 8) | b[at + 21];
		u.dstPort = (b[at + 22] << 8) | b[at + 23];
		u.at = at + 28;
		u.len = udpLength - 8;
		return true;
	}

	/** t = 0: the meta's start, or the first packet's millisecond. */
	private setStart(ms: number): void {
		this.table.startTimeMs = ms;
		this.startUs = Math.round(ms * 1000);
		this.startKnown = true;
	}

	/** A row at `t` ms since the start. */
	private addRow(channel: number, time: number, comment: number, commentLen: number): void {
		const t = this.table;
		const n = this.note;
		const { src, dst, at, len } = this.u;
		const noted = comment >= 0 && this.readNote(comment, commentLen);
		const guess = sniffPayload(this.source, at, len, false);
		const type = noted && n.type ? n.type : (guess.type ?? UNKNOWN_TYPE);
		const knownRx = channel === 1 && dst !== 0 && dst !== 0xffffffff;
		t.push({
			t: time, recordOffset: this.blockStart, payloadOffset: at, payloadLength: len,
			sender: noted && n.sender ? t.strings.id(n.sender) : this.addressId(src),
			destination: channel === 0 ? this.broadcast : noted && n.firstReceiver ? t.strings.id(n.firstReceiver) : knownRx ? this.addressId(dst) : t.strings.id('?'),
			receivers: noted && n.receivers >= 0 ? n.receivers : knownRx ? 1 : 0, latency: noted ? n.latency : NaN, type: t.types.id(type), channel, store: STORE_RAW,
			encoding: guess.encoding
		});
	}

	/** Our packet comment (sender, receivers, latencyMs, type); a damaged one is an error in our own sections only. */
	private readNote(at: number, len: number): boolean {
		if (scanFlatObject(this.source, at, at + len, this.note)) return true;
		let v: unknown;
		try {
			v = JSON.parse(utf8.decode(this.source.subarray(at, at + len)));
		} catch {
			if (this.strict) throw this.error('packet comment is not valid JSON');
			return false;
		}
		const o = v as Record<string, unknown>;
		const n = this.note;
		n.sender = typeof o.sender === 'string' && o.sender ? o.sender : undefined;
		n.type = typeof o.type === 'string' && o.type ? o.type : undefined;
		const rx = Array.isArray(o.receivers) ? o.receivers.filter((r) => typeof r === 'string') : undefined;
		n.receivers = rx ? rx.length : -1;
		n.firstReceiver = rx?.[0];
		n.latency = typeof o.latencyMs === 'number' ? o.latencyMs : NaN;
		return true;
	}

	private addressId(a: number): number {
		let id = this.addressIds.get(a);
		if (id === undefined) {
			id = this.table.strings.id(formatIpv4(a));
			this.addressIds.set(a, id);
		}
		return id;
	}

	/** Names from name resolution blocks replace addresses; a file without our packets is an error. */
	private finish(): void {
		for (const [a, id] of this.addressIds) {
			const name = this.names.get(a);
			if (name) this.table.strings.rename(id, name);
		}
		if (this.table.length === 0)
			throw new ViewerError(
				`not a C-V2X capture: no packet on UDP port ${PC5_PORT} or ${UU_PORT} in this ${this.table.format} file${this.skipped ? ` (${this.skipped} skipped; the first, ${this.firstSkip})` : ''}`,
				{ offset: 0 }
			);
		this.table.trim();
	}

	/** A classic libpcap file: 24-byte header, then 16-byte record headers (24 in Kuznetsov's). */
	private classicHeader(): void {
		const magic = this.view.getUint32(0, false);
		const m = Object.entries(PCAP_MAGIC).find(([, v]) => v === magic)![0];
		if (this.source.length < 24) throw new ViewerError(`not a complete pcap file: its 24-byte header is cut off after ${this.source.length} bytes`, { offset: 0 });
		this.le = m.endsWith('Le');
		this.classic = { header: m.startsWith('kuznetsov') ? 24 : 16, linkType: this.u32(20) & 0x0fffffff, nano: m.startsWith('ns') };
		this.position = 24;
	}

	private classicRecord(off: number): number {
		const c = this.classic!;
		this.kind = 'packet record';
		const left = this.source.length - off;
		if (left < c.header) throw this.error(`record header cut off: ${left} of ${c.header} bytes (truncated file?)`);
		const incl = this.u32(off + 8);
		if (incl > left - c.header) throw this.error(`captured length ${incl} runs past the end of the file (truncated file?)`);
		const frac = this.u32(off + 4);
		const us = this.u32(off) * 1e6 + (c.nano ? Math.floor(frac / 1000) : frac);
		this.packet(c.linkType, off + c.header, incl, us, -1, 0);
		return c.header + incl;
	}
}

/** §4.3: a 64-bit count of if_tsresol units since 1970, as whole µs (BigInt only off the common 10^-6 path). */
function timeUs(high: number, low: number, tsresol: number): number {
	if (tsresol === 6) return high * 2 ** 32 + low;
	const units = (BigInt(high) << BigInt(32)) | BigInt(low);
	const exp = tsresol & 0x7f;
	if (tsresol & 0x80) return Number((units * BigInt(1_000_000)) >> BigInt(exp));
	if (exp <= 6) return Number(units * BigInt(10) ** BigInt(6 - exp));
	return Number(units / BigInt(10) ** BigInt(exp - 6));
}

function isClassic(b: Uint8Array): boolean {
	if (b.length < 4) return false;
	const m = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
	return Object.values(PCAP_MAGIC).includes(m);
}
