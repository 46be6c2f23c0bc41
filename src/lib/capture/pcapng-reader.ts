// Reads pcapng back into records. Every length is checked against the bytes left before it is
// used, every loop advances by at least 4 bytes, and every failure is a CaptureError naming the
// block number and its byte offset.
import { decodeFrame, frameType } from '../codec';
import { formatIpv4 } from './addresses';
import { CaptureError, describeError } from './errors';
import { parseUdpPacket } from './ipv4';
import { findJsonError } from './json';
import {
	BLOCK_EPB, BLOCK_IDB, BLOCK_NAMES, BLOCK_NRB, BLOCK_PB, BLOCK_SHB, BLOCK_SPB, BYTE_ORDER_MAGIC, IF_TSOFFSET, IF_TSRESOL, isPcapng,
	linkPayload, NRB_RECORD_END, NRB_RECORD_IPV4, OPT_COMMENT, OPT_ENDOFOPT, pad4, PCAP_MAGIC, SHB_USERAPPL, USER_APPL
} from './pcapng';
import { cleanMeta, encodingProblem, isObject, metaProblem, show } from './records';
import { PC5_PORT, UU_PORT, type CaptureMeta, type CaptureRecord } from './types';

interface Interface {
	linkType: number;
	/** if_tsresol (§4.2): MSB clear = 10^-n s, set = 2^-n s. */
	tsresol: number;
	/** if_tsoffset (§4.2): seconds added to every timestamp. */
	tsoffset: number;
}

/** What our EPB comment says about a packet. */
interface Note {
	sender?: string;
	receivers?: string[];
	latencyMs?: number;
	type?: string;
	encoding?: 'protobuf' | 'uper';
	profile?: string;
}

interface Packet {
	block: number;
	offset: number;
	/** Microseconds since 1970; undefined for a simple packet block, which has no timestamp. */
	us?: number;
	channel: CaptureRecord['channel'];
	src: number;
	dst: number;
	payload: Uint8Array;
	note?: Note;
}

interface Option {
	code: number;
	value: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const US_PER_S = BigInt(1_000_000);
const TWO_32 = BigInt(2) ** BigInt(32);

/**
 * What a capture file holds: the records, the run's meta (from our section comment, or the
 * first packet's time) and every section comment that is not ours, as text (mergecap's "File
 * created by merging", `editcap --capture-comment`).
 */
export interface ReadCapture {
	records: CaptureRecord[];
	meta: CaptureMeta;
	/** Present when there is at least one. */
	comments?: string[];
}

/**
 * The records of a pcapng file (ours, or any with IPv4/UDP on ports 5001 and 5002, as editcap,
 * mergecap, text2pcap or `tshark -w` write them): any number of sections, either byte order,
 * any if_tsresol and if_tsoffset, enhanced and simple packet blocks, the link types of
 * `linkPayload`; blocks and options it does not need are skipped. Other packets are skipped;
 * a file with packets but none of ours is an error naming the first and why. Errors:
 * CaptureError naming the block number and byte offset.
 */
export function readPcapng(data: Uint8Array): ReadCapture {
	if (!(data instanceof Uint8Array)) throw new CaptureError('pcapng input must be a Uint8Array');
	return run(new Reader(data), (r) => r.read());
}

/**
 * The records of a classic libpcap file (tcpdump; microsecond, nanosecond or Kuznetsov
 * variants, either byte order), read like a pcapng section by another tool. Errors:
 * CaptureError naming the record number and byte offset.
 */
export function readPcap(data: Uint8Array): ReadCapture {
	if (!(data instanceof Uint8Array)) throw new CaptureError('pcap input must be a Uint8Array');
	return run(new Reader(data), (r) => r.readClassic());
}

function run(reader: Reader, read: (r: Reader) => ReadCapture): ReadCapture {
	try {
		return read(reader);
	} catch (e) {
		if (e instanceof CaptureError) throw e;
		throw reader.error(`cannot read it: ${describeError(e)}`);
	}
}

/** Thrown by a streaming read that gave records out on a start time a later section moved: read the file whole instead. */
export class NeedsWholeFile extends CaptureError {}

/** Records given out as their packets are read (streaming): only while every packet so far is settled. */
export type RecordOut = (r: CaptureRecord) => void;

export class Reader {
	private view: DataView;
	/** Byte offset in the file of data[0] (a streaming read holds one block at a time). */
	private base = 0;
	/** Streaming: where settled packets' records go at once (see settled()); payloads are copied. */
	private out?: RecordOut;
	private given = 0;
	/** The start time records were given out on, µs. */
	private givenStartUs?: number;
	private lastUs?: number;
	private firstUs = Infinity;
	private le = true;
	private block = 0;
	private blockStart = 0;
	private kind = 'block';
	private interfaces: Interface[] = [];
	/** The section was written by us: checksums are verified and malformed packets are errors. */
	private strict = false;
	private readonly names = new Map<number, string>();
	private meta?: CaptureMeta;
	private readonly packets: Packet[] = [];
	private skipped = 0;
	private firstSkip?: { block: number; offset: number; kind: string; reason: string };
	private readonly comments: string[] = [];
	private unit = 'pcapng block';
	/** Some section was written by another tool (mergecap, editcap -F, text2pcap...), or there are several. */
	private foreign = false;
	private sections = 0;

	constructor(private data: Uint8Array) {
		this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	}

	/** Streaming: records of settled packets go to `out` as they are read (this reader then copies payloads). */
	streamTo(out: RecordOut): void {
		this.out = out;
	}

	/** Bytes [a, b) of the file (absolute offsets; within the block held). */
	private bytesAt(a: number, b: number): Uint8Array {
		return this.data.subarray(a - this.base, b - this.base);
	}

	error(message: string): CaptureError {
		return new CaptureError(`${this.unit} ${this.block} (${this.kind}) at byte offset ${this.blockStart}: ${message}`, {
			record: this.block,
			offset: this.blockStart
		});
	}

	private u16(at: number) {
		return this.view.getUint16(at - this.base, this.le);
	}
	private u32(at: number) {
		return this.view.getUint32(at - this.base, this.le);
	}

	read(): ReadCapture {
		const data = this.data;
		if (!isPcapng(data)) {
			this.block = 1;
			throw this.error('not a pcapng file: it does not start with a section header block (0A 0D 0D 0A)');
		}
		for (let off = 0; off < data.length; ) off += this.blockAt(off, data.length - off);
		return this.finish();
	}

	/**
	 * Streaming: the block at byte `offset` of the file, whole in `block` (its length field says
	 * how long; the caller has checked that it is all there).
	 */
	feedBlock(block: Uint8Array, offset: number): void {
		this.hold(block, offset);
		this.blockAt(offset, block.length);
	}

	/** Streaming: the file ended with `left` bytes of an unfinished block at byte `offset` (a truncated file). */
	cutOff(head: Uint8Array, offset: number, left: number): never {
		return this.withHead(head, offset, () => {
			if (left < 12) throw this.error(`truncated file: ${left} bytes left, a block takes at least 12`);
			this.blockLength(offset, left);
			throw this.error('cut off'); // blockLength throws first: the block runs past the end
		});
	}

	/** Streaming: the input is over (every block fed). */
	end(): ReadCapture {
		return this.finish();
	}

	/** Streaming: the length of the block whose first 12 bytes are `head`, at byte `offset` (checked as read() checks it; `left`: bytes known to follow, or Infinity). */
	headLength(head: Uint8Array, offset: number, left: number): number {
		return this.withHead(head, offset, () => this.blockLength(offset, left));
	}

	/** Streaming: the block at `offset` (its first 12 bytes in `head`) is refused for `why`. */
	oversize(head: Uint8Array, offset: number, why: string): never {
		return this.withHead(head, offset, () => {
			this.blockLength(offset, Infinity);
			throw this.error(why);
		});
	}

	/** `f` on the head of the next block (numbered as it will be in errors; blockAt counts it when it comes whole). */
	private withHead<T>(head: Uint8Array, offset: number, f: () => T): T {
		this.hold(head, offset);
		this.blockStart = offset;
		this.kind = 'block';
		this.block++;
		try {
			return f();
		} finally {
			this.block--;
		}
	}

	/** The block's kind and length from its first 12 bytes (byte order from an SHB's magic), checked. */
	private blockLength(off: number, left: number): number {
		const isShb = this.isShbAt(off);
		if (isShb) {
			this.kind = BLOCK_NAMES[BLOCK_SHB];
			// §4.1: the byte-order magic, 8 bytes in, tells the section's endianness
			const magicLe = this.view.getUint32(off + 8 - this.base, true);
			if (magicLe === BYTE_ORDER_MAGIC) this.le = true;
			else if (this.view.getUint32(off + 8 - this.base, false) === BYTE_ORDER_MAGIC) this.le = false;
			else throw this.error(`byte-order magic 0x${magicLe.toString(16).padStart(8, '0')} is neither 1A2B3C4D nor 4D3C2B1A`);
		}
		const type = this.u32(off);
		if (!isShb) this.kind = BLOCK_NAMES[type] ?? `block type 0x${type.toString(16).padStart(8, '0')}`;
		const len = this.u32(off + 4);
		if (len < 12) throw this.error(`block length ${len} is below the minimum of 12`);
		if (len % 4) throw this.error(`block length ${len} is not a multiple of 4`);
		if (len > left) throw this.error(`block length ${len} runs past the end of the file, ${left} bytes left (truncated file?)`);
		return len;
	}

	private isShbAt(off: number): boolean {
		const d = this.data;
		const i = off - this.base;
		return d[i] === 0x0a && d[i + 1] === 0x0d && d[i + 2] === 0x0d && d[i + 3] === 0x0a;
	}

	/** The block at `off` with `left` bytes from there to the end of the input; returns its length. */
	private blockAt(off: number, left: number): number {
		this.block++;
		this.blockStart = off;
		this.kind = 'block';
		// §3.1: type, total length, body, total length again; 12 bytes at least
		if (left < 12) throw this.error(`truncated file: ${left} bytes left, a block takes at least 12`);
		const len = this.blockLength(off, left);
		const trailer = this.u32(off + len - 4);
		if (trailer !== len) throw this.error(`block length ${len} at the start but ${trailer} at the end`);
		const body = off + 8;
		const end = off + len - 4;
		const type = this.u32(off);
		if (this.isShbAt(off)) this.sectionHeader(body, end);
		else if (type === BLOCK_IDB) this.interfaceDescription(body, end);
		else if (type === BLOCK_EPB) this.enhancedPacket(body, end);
		else if (type === BLOCK_NRB) this.nameResolution(body, end);
		else if (type === BLOCK_SPB) this.simplePacket(body, end);
		else if (type === BLOCK_PB) this.enhancedPacket(body, end, true);
		// other blocks (statistics, custom, decryption secrets, ...) carry nothing we need (§3.1: skip them)
		return len;
	}

	private need(body: number, end: number, n: number) {
		if (end - body < n) throw this.error(`block body is ${end - body} bytes, at least ${n} needed`);
	}

	/** §3.5: type-length-value options, each padded to 32 bits, ending at opt_endofopt or the block's end. */
	private options(start: number, end: number): Option[] {
		const out: Option[] = [];
		let p = start;
		while (p < end) {
			if (end - p < 4) throw this.error(`option header at byte offset ${p} is cut off by the end of the block`);
			const code = this.u16(p);
			const len = this.u16(p + 2);
			if (code === OPT_ENDOFOPT) break;
			if (pad4(len) > end - p - 4) throw this.error(`option ${code} of ${len} bytes at byte offset ${p} runs past the end of the block`);
			out.push({ code, value: this.bytesAt(p + 4, p + 4 + len) });
			p += 4 + pad4(len);
		}
		return out;
	}

	/** The first comment that is a JSON object (ours); other comments are for people. */
	private jsonComment(opts: Option[]): unknown {
		for (const o of opts) {
			if (o.code !== OPT_COMMENT || o.value[0] !== 0x7b /* { */) continue;
			let text: string;
			try {
				text = utf8.decode(o.value);
			} catch {
				throw this.error('comment is not valid UTF-8');
			}
			try {
				return JSON.parse(text);
			} catch (e) {
				const p = findJsonError(text);
				throw this.error(`comment is not valid JSON: ${p ? `${p.message}, at character ${p.index + 1}` : describeError(e)}`);
			}
		}
		return undefined;
	}

	private sectionHeader(body: number, end: number) {
		this.need(body, end, 16);
		const major = this.u16(body + 4);
		const minor = this.u16(body + 6);
		// §4.1: readers treat 1.2 as 1.0
		if (major !== 1 || (minor !== 0 && minor !== 2)) throw this.error(`unsupported pcapng version ${major}.${minor} (1.0 is read)`);
		const opts = this.options(body + 16, end);
		const appl = opts.find((o) => o.code === SHB_USERAPPL);
		this.strict = appl !== undefined && utf8Lenient.decode(appl.value) === USER_APPL;
		this.sections++;
		if (!this.strict || this.sections > 1) this.foreign = true;
		this.interfaces = []; // interface ids are per section (§4.2)
		for (const o of opts) if (o.code === OPT_COMMENT) this.sectionComment(o.value);
	}

	/**
	 * Our run's meta, or a comment for people. In our own sections a comment that mentions
	 * "startTimeMs" must be the meta (a damaged one is an error); anywhere, a first line that is
	 * valid meta is taken (mergecap appends "File created by merging" to it) and anything else,
	 * JSON or not, is kept as text, never fatal.
	 */
	private sectionComment(value: Uint8Array) {
		if (this.strict && value[0] === 0x7b /* { */ && utf8Lenient.decode(value).includes('"startTimeMs"')) {
			const meta = this.jsonComment([{ code: OPT_COMMENT, value }]);
			const problem = metaProblem(meta);
			if (problem) throw this.error(`capture meta in the comment: ${problem}`);
			this.meta ??= cleanMeta(meta as CaptureMeta);
			return;
		}
		const text = utf8Lenient.decode(value);
		const nl = text.indexOf('\n');
		const head = (nl < 0 ? text : text.slice(0, nl)).trim();
		const rest = nl < 0 ? '' : text.slice(nl + 1).trim();
		const meta = head.startsWith('{') ? parseOrUndefined(head) : undefined;
		if (meta !== undefined && !metaProblem(meta)) {
			this.meta ??= cleanMeta(meta as CaptureMeta);
			if (rest) this.comments.push(rest);
		} else if (text.trim()) this.comments.push(text.trim());
	}

	private interfaceDescription(body: number, end: number) {
		this.need(body, end, 8);
		const linkType = this.u16(body);
		let tsresol = 6;
		let tsoffset = 0;
		for (const o of this.options(body + 8, end)) {
			if (o.code === IF_TSOFFSET) {
				if (o.value.length !== 8) throw this.error(`if_tsoffset is ${o.value.length} bytes, it must be 8`);
				tsoffset = Number(new DataView(o.value.buffer, o.value.byteOffset, 8).getBigInt64(0, this.le));
			}
			if (o.code === IF_TSRESOL) {
				if (o.value.length !== 1) throw this.error(`if_tsresol is ${o.value.length} bytes, it must be 1`);
				tsresol = o.value[0];
				const exp = tsresol & 0x7f;
				if ((tsresol & 0x80 ? exp > 63 : exp > 30)) throw this.error(`if_tsresol ${tsresol} is beyond any clock`);
			}
		}
		this.interfaces.push({ linkType, tsresol, tsoffset });
	}

	private nameResolution(body: number, end: number) {
		let p = body;
		for (;;) {
			if (end - p < 4) throw this.error('name resolution records end without nrb_record_end');
			const type = this.u16(p);
			const len = this.u16(p + 2);
			if (pad4(len) > end - p - 4) throw this.error(`name record of ${len} bytes at byte offset ${p} runs past the end of the block`);
			if (type === NRB_RECORD_END) {
				p += 4 + pad4(len);
				break;
			}
			if (type === NRB_RECORD_IPV4) {
				if (len < 5) throw this.error(`IPv4 name record at byte offset ${p} is ${len} bytes, at least 5 needed`);
				const v = this.bytesAt(p + 4, p + 4 + len);
				const address = ((v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3]) >>> 0;
				const names = v.subarray(4);
				const nul = names.indexOf(0);
				const name = utf8Lenient.decode(nul >= 0 ? names.subarray(0, nul) : names);
				if (name && !this.names.has(address)) this.names.set(address, name);
			}
			p += 4 + pad4(len);
		}
		this.options(p, end);
	}

	private skip(reason: string) {
		this.skipped++;
		this.firstSkip ??= { block: this.block, offset: this.blockStart, kind: this.kind, reason };
	}

	private iface(id: number): Interface {
		const iface = this.interfaces[id];
		if (!iface)
			throw this.error(
				`packet on interface ${id}, but this section has ${this.interfaces.length ? `only ${this.interfaces.length}` : 'no'} interface description block${this.interfaces.length === 1 ? '' : 's'} before it`
			);
		return iface;
	}

	/** §4.3, or Appendix A's obsolete packet block (`old`): a 16-bit interface id and a drops count instead. */
	private enhancedPacket(body: number, end: number, old = false) {
		this.need(body, end, 20);
		const iface = this.iface(old ? this.u16(body) : this.u32(body));
		const caplen = this.u32(body + 12);
		if (pad4(caplen) > end - body - 20) throw this.error(`captured length ${caplen} runs past the end of the block`);
		const opts = this.options(body + 20 + pad4(caplen), end);
		const packet = this.bytesAt(body + 20, body + 20 + caplen);
		const us = this.microseconds(iface.tsresol, this.u32(body + 4), this.u32(body + 8)) + iface.tsoffset * 1e6;
		this.packet(iface.linkType, packet, us, opts);
	}

	/** §4.4: interface 0, no timestamp (it takes the previous packet's), no options. */
	private simplePacket(body: number, end: number) {
		this.need(body, end, 4);
		const iface = this.iface(0);
		const origlen = this.u32(body);
		const packet = this.bytesAt(body + 4, body + 4 + Math.min(origlen, end - body - 4));
		this.packet(iface.linkType, packet, undefined, []);
	}

	/** One captured packet: kept when it is IPv4/UDP on our ports, otherwise skipped with the reason. */
	private packet(linkType: number, packet: Uint8Array, us: number | undefined, opts: Option[]) {
		const link = linkPayload(linkType, packet);
		if ('skip' in link) return this.skip(link.skip);
		if ('malformed' in link) return this.malformed(link.malformed);
		const udp = parseUdpPacket(link.ip, this.strict);
		if (!udp.ok) return udp.malformed ? this.malformed(udp.reason) : this.skip(udp.reason);
		const port = (p: number) => (p === PC5_PORT ? 'pc5' : p === UU_PORT ? 'uu' : undefined);
		const channel = port(udp.dstPort) ?? port(udp.srcPort);
		if (!channel) return this.skip(`UDP port ${udp.srcPort} -> ${udp.dstPort}, not ${PC5_PORT} or ${UU_PORT}`);
		const note = this.note(opts);
		const p: Packet = { block: this.block, offset: this.blockStart, us, channel, src: udp.src, dst: udp.dst, payload: udp.payload, note };
		if (!this.out) return void this.packets.push(p);
		if (this.packets.length === 0 && this.settled(p)) return this.give(p);
		p.payload = p.payload.slice(); // the block's bytes are the stream's, not ours to keep
		this.packets.push(p);
	}

	/**
	 * Whether a packet's record is already what the end of the file will make of it, so a stream
	 * can have it now: our own single section so far (its meta gives the start time), a
	 * timestamp at or after that start, and every name known (from the packet's note, or an NRB
	 * before it: the first name of an address stays). Files as our writers make them are settled
	 * throughout; a later section that moves the start time is caught at the end (NeedsWholeFile).
	 */
	private settled(p: Packet): boolean {
		if (this.foreign || !this.meta || p.us === undefined || p.us < Math.round(this.meta.startTimeMs * 1000)) return false;
		const n = p.note;
		if (!n?.sender && !this.names.has(p.src)) return false;
		return n?.receivers !== undefined || p.channel !== 'uu' || p.dst === 0 || p.dst === 0xffffffff || this.names.has(p.dst);
	}

	private give(p: Packet): void {
		const startUs = Math.round(this.meta!.startTimeMs * 1000);
		this.givenStartUs ??= startUs;
		this.given++;
		this.lastUs = p.us;
		this.firstUs = Math.min(this.firstUs, p.us!);
		this.out!(this.toRecord(p, this.meta!, startUs));
	}

	private malformed(reason: string) {
		if (this.strict) throw this.error(reason);
		this.skip(reason);
	}

	/** §4.3: a 64-bit count of if_tsresol units since 1970, as microseconds. */
	private microseconds(tsresol: number, high: number, low: number): number {
		const units = BigInt(high) * TWO_32 + BigInt(low);
		const exp = tsresol & 0x7f;
		let us: bigint;
		if (tsresol & 0x80) us = (units * US_PER_S) >> BigInt(exp);
		else if (exp <= 6) us = units * BigInt(10) ** BigInt(6 - exp);
		else us = units / BigInt(10) ** BigInt(exp - 6);
		if (us > BigInt(Number.MAX_SAFE_INTEGER)) throw this.error('timestamp is beyond the year 285000');
		return Number(us);
	}

	private note(opts: Option[]): Note | undefined {
		if (!this.strict) {
			// another tool's packet: a comment that is not a valid note of ours is just for people
			try {
				return this.ourNote(opts);
			} catch {
				return undefined;
			}
		}
		return this.ourNote(opts);
	}

	private ourNote(opts: Option[]): Note | undefined {
		const c = this.jsonComment(opts);
		if (c === undefined) return undefined;
		if (!isObject(c)) throw this.error(`packet comment: expected a JSON object, got ${show(c)}`);
		const bad = (field: string, want: string) => this.error(`packet comment: "${field}" must be ${want}, got ${show(c[field])}`);
		if (c.sender !== undefined && (typeof c.sender !== 'string' || !c.sender)) throw bad('sender', 'a non-empty string');
		if (c.receivers !== undefined && (!Array.isArray(c.receivers) || c.receivers.some((r) => typeof r !== 'string' || !r)))
			throw bad('receivers', 'an array of non-empty strings');
		if (c.latencyMs !== undefined && (typeof c.latencyMs !== 'number' || !Number.isFinite(c.latencyMs) || c.latencyMs < 0))
			throw bad('latencyMs', 'a number >= 0');
		if (c.type !== undefined && (typeof c.type !== 'string' || !c.type)) throw bad('type', 'a non-empty string');
		const encoding = encodingProblem(c);
		if (encoding) throw this.error(`packet comment: ${encoding}`);
		return c as Note;
	}

	private finish(): ReadCapture {
		if (this.packets.length === 0 && this.given === 0 && this.firstSkip) {
			const s = this.firstSkip;
			this.block = s.block;
			this.blockStart = s.offset;
			this.kind = s.kind;
			throw this.error(
				`no C-V2X packets (UDP port ${PC5_PORT} or ${UU_PORT}) in the file: ${this.skipped} packet${this.skipped === 1 ? '' : 's'} skipped, the first (this one) because: ${s.reason}`
			);
		}
		let first = this.firstUs;
		let last = this.lastUs;
		for (const p of this.packets) {
			p.us ??= last; // a simple packet block happened after the packet before it
			last = p.us;
			if (p.us !== undefined) first = Math.min(first, p.us);
		}
		// a capture made elsewhere has no meta comment: it starts at its first packet's millisecond
		const meta = this.meta ?? { startTimeMs: Number.isFinite(first) ? Math.floor(first / 1000) : 0 };
		// merged files (mergecap, cat) may hold packets from before the first run's start: start there
		if (this.foreign && first < meta.startTimeMs * 1000) meta.startTimeMs = Math.floor(first / 1000);
		const startUs = Math.round(meta.startTimeMs * 1000);
		if (this.given && startUs !== this.givenStartUs)
			throw new NeedsWholeFile(`a later section starts before the first section's start time: read the file whole`);
		for (const p of this.packets) p.us ??= startUs;
		const records = this.packets.map((p) => {
			if (p.us! < startUs) {
				this.block = p.block;
				this.blockStart = p.offset;
				this.kind = BLOCK_NAMES[BLOCK_EPB];
				throw this.error(`packet time is before the capture's start time ${meta.startTimeMs} ms`);
			}
			return this.toRecord(p, meta, startUs);
		});
		if (this.out) {
			for (const r of records) this.out(r);
			records.length = 0;
		}
		return this.comments.length ? { records, meta, comments: this.comments } : { records, meta };
	}

	/** A packet as a record, its time from `startUs`, its names as known now. */
	private toRecord(p: Packet, meta: CaptureMeta, startUs: number): CaptureRecord {
		const name = (a: number) => this.names.get(a) ?? formatIpv4(a);
		const n = p.note ?? {};
		const r: CaptureRecord = {
			t: (p.us! - startUs) / 1000,
			sender: n.sender ?? name(p.src),
			receivers: n.receivers ? [...n.receivers] : p.channel === 'uu' && p.dst !== 0 && p.dst !== 0xffffffff ? [name(p.dst)] : [],
			channel: p.channel,
			type: n.type ?? typeOf(p.payload),
			bytes: p.payload.slice()
		};
		if (n.latencyMs !== undefined) r.latencyMs = n.latencyMs;
		if (n.encoding === 'uper') {
			r.encoding = 'uper';
			// the section's meta names the run's profile; a packet may name its own
			const profile = n.profile ?? meta.profile;
			if (profile !== undefined) r.profile = profile;
		}
		return r;
	}

	/** A classic libpcap file: 24-byte header, then 16-byte record headers (24 in Kuznetsov's). */
	readClassic(): ReadCapture {
		const data = this.data;
		this.classicHeader(data.length);
		for (let off = 24; off < data.length; ) off += this.classicRecord(off, data.length - off);
		return this.finish();
	}

	/** The classic file's layout, from its 24-byte header. */
	private classic = { nano: false, recHeader: 16, linkType: 0 };

	/**
	 * The classic file header, in `data` from byte 0 (`size`: bytes the file has, when fewer than 24).
	 * Streaming calls it with the first 24 bytes (or all there are), then classicRecord per record.
	 */
	classicHeader(size: number): void {
		this.unit = 'pcap record';
		this.foreign = true;
		this.kind = 'file header';
		const magic = size >= 4 ? this.view.getUint32(0 - this.base, false) : 0;
		const m = Object.entries(PCAP_MAGIC).find(([, v]) => v === magic)?.[0];
		const header = (msg: string) => new CaptureError(`pcap file header at byte offset 0: ${msg}`, { offset: 0 });
		if (!m) throw header('not a classic pcap file: no pcap magic number');
		if (size < 24) throw header(`a classic pcap file, not pcapng, whose 24-byte header is cut off after ${size} bytes`);
		this.le = m.endsWith('Le');
		this.classic = { nano: m.startsWith('ns'), recHeader: m.startsWith('kuznetsov') ? 24 : 16, linkType: this.u32(20) & 0x0fffffff }; // the top bits say FCS length
		this.kind = 'packet record';
	}

	/** Streaming: the captured length in the header of a classic record (`head`: at least its first 12 bytes). */
	classicLength(head: Uint8Array): number {
		return new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(8, this.le);
	}

	/** Bytes of a record header (16, or 24 in Kuznetsov's files). */
	get classicRecordHeader(): number {
		return this.classic.recHeader;
	}

	/** Streaming: classic record at byte `offset`, whole in `bytes` (or its header, cut off: `left` says how much there is). */
	feedClassic(bytes: Uint8Array, offset: number, left: number): void {
		this.hold(bytes, offset);
		this.classicRecord(offset, left);
	}

	/** Streaming: the bytes now read are `bytes`, from byte `offset` of the file. */
	hold(bytes: Uint8Array, offset: number): void {
		this.data = bytes;
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.base = offset;
	}

	/** The record at `off` with `left` bytes to the end of the input; returns its length. */
	private classicRecord(off: number, left: number): number {
		const { nano, recHeader, linkType } = this.classic;
		this.block++;
		this.blockStart = off;
		if (left < recHeader) throw this.error(`record header cut off: ${left} of ${recHeader} bytes (truncated file?)`);
		const incl = this.u32(off + 8);
		if (incl > left - recHeader) throw this.error(`captured length ${incl} runs past the end of the file (truncated file?)`);
		const frac = this.u32(off + 4);
		if (frac >= (nano ? 1e9 : 1e6)) throw this.error(`timestamp fraction ${frac} is not below one second`);
		const us = this.u32(off) * 1e6 + (nano ? Math.floor(frac / 1000) : frac);
		this.packet(linkType, this.bytesAt(off + recHeader, off + recHeader + incl), us, []);
		return recHeader + incl;
	}
}

function parseOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The payload name of a frame without our comment (a capture made elsewhere). */
function typeOf(bytes: Uint8Array): string {
	try {
		return frameType(decodeFrame(bytes)) ?? 'unknown';
	} catch {
		return 'unknown';
	}
}
