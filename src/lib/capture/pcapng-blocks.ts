// The blocks of the pcapng files we write (draft-ietf-opsawg-pcapng), shared by the all-at-once
// writer (writePcapng) and the streaming one (PcapngWriter), so both give the same bytes per block.
import { AddressPlan, BROADCAST_ADDRESS, CLOUD_ADDRESS, UNKNOWN_ADDRESS } from './addresses';
import { CaptureError } from './errors';
import { buildUdpPacket, MAX_PAYLOAD } from './ipv4';
import {
	BLOCK_EPB, BLOCK_IDB, BLOCK_NRB, BLOCK_SHB, BYTE_ORDER_MAGIC, IF_NAME, IF_TSRESOL, INTERFACE_NAME, LINKTYPE_RAW,
	NRB_RECORD_END, NRB_RECORD_IPV4, OPT_COMMENT, OPT_ENDOFOPT, pad4, SHB_USERAPPL, SNAPLEN, USER_APPL
} from './pcapng';
import { cleanMeta, metaProblem } from './records';
import { PC5_PORT, UU_PORT, type CaptureMeta, type CaptureRecord } from './types';

const utf8 = new TextEncoder();

/** Growable little-endian byte buffer; `reset()` keeps its memory for the next chunk. */
export class Out {
	private buf: Uint8Array;
	private view: DataView;
	length = 0;

	constructor(initial = 4096) {
		this.buf = new Uint8Array(initial);
		this.view = new DataView(this.buf.buffer);
	}

	/** Bytes allocated (what the buffer costs in memory, whatever it holds). */
	get capacity(): number {
		return this.buf.length;
	}

	private room(n: number) {
		if (this.length + n <= this.buf.length) return;
		let size = this.buf.length * 2;
		while (size < this.length + n) size *= 2;
		const next = new Uint8Array(size);
		next.set(this.buf.subarray(0, this.length));
		this.buf = next;
		this.view = new DataView(next.buffer);
	}
	u16(v: number) {
		this.room(2);
		this.view.setUint16(this.length, v, true);
		this.length += 2;
	}
	u32(v: number) {
		this.room(4);
		this.view.setUint32(this.length, v >>> 0, true);
		this.length += 4;
	}
	bytes(b: Uint8Array) {
		this.room(b.length);
		this.buf.set(b, this.length);
		this.length += b.length;
	}
	/** Zero padding to the next 32-bit boundary (pcapng §3.1: every block is 32-bit aligned). */
	pad() {
		const n = pad4(this.length) - this.length;
		this.room(n);
		this.buf.fill(0, this.length, this.length + n);
		this.length += n;
	}
	setU32(at: number, v: number) {
		this.view.setUint32(at, v >>> 0, true);
	}
	/** A copy of the bytes written (the buffer itself is reused). */
	result(): Uint8Array {
		return this.buf.slice(0, this.length);
	}
	reset() {
		this.length = 0;
	}
}

/** Block type, length placeholder, body from `body`, trailing length (pcapng §3.1). */
function block(out: Out, type: number, body: () => void) {
	const start = out.length;
	out.u32(type);
	out.u32(0);
	body();
	out.pad();
	const total = out.length - start + 4;
	out.u32(total);
	out.setU32(start + 4, total);
}

/** An option list ending in opt_endofopt (pcapng §3.5); values are at most 65535 bytes. */
function options(out: Out, list: [number, Uint8Array][]) {
	for (const [code, value] of list) {
		out.u16(code);
		out.u16(value.length);
		out.bytes(value);
		out.pad();
	}
	out.u16(OPT_ENDOFOPT);
	out.u16(0);
}

/**
 * The section header's meta comment, checked.
 * @throws CaptureError when the meta is malformed or too long for a pcapng option (65535 bytes)
 */
export function metaComment(meta: CaptureMeta): Uint8Array {
	const problem = metaProblem(meta);
	if (problem) throw new CaptureError(problem);
	const comment = utf8.encode(JSON.stringify(cleanMeta(meta)));
	if (comment.length > 0xffff) throw new CaptureError('meta is too long for a pcapng comment');
	return comment;
}

/**
 * Record `n`'s (from 1) packet comment, checked: what readPcapng takes the record from, as IPv4
 * addresses alone cannot say who received a broadcast. Assigns no address, so a refused record
 * leaves the address plan as it was.
 * @throws CaptureError naming record `n` when its bytes do not fit a UDP datagram, its time is out
 *   of range from `startUs` (µs), or the comment is over 65535 bytes
 */
export function packetComment(r: CaptureRecord, n: number, startUs: number): Uint8Array {
	if (r.bytes.length > MAX_PAYLOAD)
		throw new CaptureError(`record ${n}: ${r.bytes.length} bytes do not fit one UDP datagram (at most ${MAX_PAYLOAD})`, { record: n });
	const us = startUs + Math.round(r.t * 1000);
	if (!Number.isSafeInteger(us)) throw new CaptureError(`record ${n}: time ${r.t} ms is out of range`, { record: n });
	const note: Record<string, unknown> = { sender: r.sender, receivers: r.receivers, latencyMs: r.latencyMs, type: r.type };
	if (r.encoding === 'uper') {
		note.encoding = 'uper';
		note.profile = r.profile;
	}
	const comment = utf8.encode(JSON.stringify(note));
	if (comment.length > 0xffff)
		throw new CaptureError(`record ${n}: its comment (names of sender and receivers) is ${comment.length} bytes; a pcapng option holds at most 65535`, { record: n });
	return comment;
}

/** The file's start: §4.1 section header (with the meta comment) and §4.2 interface description. */
export function header(out: Out, meta: Uint8Array) {
	sectionHeader(out, meta);
	interfaceDescription(out);
}

/** §4.1 Section Header Block: byte-order magic, version 1.0, section length -1 (not given). */
function sectionHeader(out: Out, metaComment: Uint8Array) {
	block(out, BLOCK_SHB, () => {
		out.u32(BYTE_ORDER_MAGIC);
		out.u16(1);
		out.u16(0);
		out.u32(0xffffffff);
		out.u32(0xffffffff);
		options(out, [
			[SHB_USERAPPL, utf8.encode(USER_APPL)],
			[OPT_COMMENT, metaComment]
		]);
	});
}

/** §4.2 Interface Description Block: raw IPv4, if_tsresol 6 = microseconds. */
function interfaceDescription(out: Out) {
	block(out, BLOCK_IDB, () => {
		out.u16(LINKTYPE_RAW);
		out.u16(0);
		out.u32(SNAPLEN);
		options(out, [
			[IF_NAME, utf8.encode(INTERFACE_NAME)],
			[IF_TSRESOL, Uint8Array.of(6)]
		]);
	});
}

/** §4.5 Name Resolution Block: nrb_record_ipv4 = 4 address bytes + zero-terminated name, per entry. */
export function nameResolution(out: Out, entries: Iterable<[string, number]>) {
	block(out, BLOCK_NRB, () => {
		for (const [name, address] of entries) {
			const nul = name.indexOf('\0');
			const text = utf8.encode(nul >= 0 ? name.slice(0, nul) : name);
			if (text.length + 5 > 0xffff) continue; // a name this long cannot be a record; the EPB comments still carry it
			out.u16(NRB_RECORD_IPV4);
			out.u16(4 + text.length + 1);
			out.bytes(octets(address)); // address octets in network order, whatever the section's byte order
			out.bytes(text);
			out.bytes(Uint8Array.of(0));
			out.pad();
		}
		out.u16(NRB_RECORD_END);
		out.u16(0);
	});
}

/**
 * §4.3 Enhanced Packet Block for record `i` (from 0; the IPv4 identification): one IPv4/UDP
 * packet at `us` microseconds. The plan must already know the record's nodes.
 */
export function enhancedPacket(out: Out, r: CaptureRecord, i: number, us: number, plan: AddressPlan, comment: Uint8Array) {
	const src = plan.assign(r.sender);
	// a Uu downlink that was lost has no receiver to address: 0.0.0.0
	const dst =
		r.channel === 'pc5'
			? BROADCAST_ADDRESS
			: r.receivers.length
				? plan.assign(r.receivers[0])
				: src === CLOUD_ADDRESS
					? UNKNOWN_ADDRESS
					: CLOUD_ADDRESS;
	const port = r.channel === 'pc5' ? PC5_PORT : UU_PORT;
	const packet = buildUdpPacket({ src, dst, srcPort: port, dstPort: port, id: i, payload: r.bytes });
	block(out, BLOCK_EPB, () => {
		out.u32(0); // interface 0
		out.u32(Math.floor(us / 2 ** 32));
		out.u32(us % 2 ** 32);
		out.u32(packet.length);
		out.u32(packet.length);
		out.bytes(packet);
		out.pad();
		options(out, [[OPT_COMMENT, comment]]);
	});
}

function octets(address: number): Uint8Array {
	return Uint8Array.of(address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255);
}
