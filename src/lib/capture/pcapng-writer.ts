// Writes a capture as pcapng: SHB, one IDB (raw IPv4, microseconds), an NRB naming every node,
// then one EPB per record carrying IPv4 + UDP + the frame.
import { AddressPlan, BROADCAST_ADDRESS, CLOUD_ADDRESS, UNKNOWN_ADDRESS } from './addresses';
import { CaptureError } from './errors';
import { buildUdpPacket, MAX_PAYLOAD } from './ipv4';
import {
	BLOCK_EPB, BLOCK_IDB, BLOCK_NRB, BLOCK_SHB, BYTE_ORDER_MAGIC, IF_NAME, IF_TSRESOL, INTERFACE_NAME, LINKTYPE_RAW,
	NRB_RECORD_END, NRB_RECORD_IPV4, OPT_COMMENT, OPT_ENDOFOPT, pad4, SHB_USERAPPL, SNAPLEN, USER_APPL
} from './pcapng';
import { checkRecords, cleanMeta, metaProblem } from './records';
import { PC5_PORT, UU_PORT, type CaptureMeta, type CaptureRecord } from './types';

const utf8 = new TextEncoder();

/** Growable little-endian byte buffer. */
class Out {
	private buf = new Uint8Array(4096);
	private view = new DataView(this.buf.buffer);
	length = 0;

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
	result(): Uint8Array {
		return this.buf.slice(0, this.length);
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

/** The pcapng file for `records`; timestamps are meta.startTimeMs + t, in microseconds. */
export function writePcapng(records: CaptureRecord[], meta: CaptureMeta): Uint8Array {
	checkRecords(records);
	const problem = metaProblem(meta);
	if (problem) throw new CaptureError(problem);
	const metaComment = utf8.encode(JSON.stringify(cleanMeta(meta)));
	if (metaComment.length > 0xffff) throw new CaptureError('meta is too long for a pcapng comment');
	const startUs = Math.round(meta.startTimeMs * 1000);
	const plan = new AddressPlan();
	const comments = records.map((r, i) => packetComment(r, i + 1, startUs, plan));
	const out = new Out();
	sectionHeader(out, metaComment);
	interfaceDescription(out);
	nameResolution(out, plan);
	records.forEach((r, i) => enhancedPacket(out, r, i, startUs + Math.round(r.t * 1000), plan, comments[i]));
	return out.result();
}

/**
 * Checks record `n` (from 1) fits, assigns its nodes addresses, and returns its packet comment:
 * what readPcapng takes the record from, as IPv4 addresses alone cannot say who received a broadcast.
 */
function packetComment(r: CaptureRecord, n: number, startUs: number, plan: AddressPlan): Uint8Array {
	if (r.bytes.length > MAX_PAYLOAD)
		throw new CaptureError(`record ${n}: ${r.bytes.length} bytes do not fit one UDP datagram (at most ${MAX_PAYLOAD})`, { record: n });
	const us = startUs + Math.round(r.t * 1000);
	if (!Number.isSafeInteger(us)) throw new CaptureError(`record ${n}: time ${r.t} ms is out of range`, { record: n });
	plan.assign(r.sender);
	for (const name of r.receivers) plan.assign(name);
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

/** §4.5 Name Resolution Block: nrb_record_ipv4 = 4 address bytes + zero-terminated name. */
function nameResolution(out: Out, plan: AddressPlan) {
	block(out, BLOCK_NRB, () => {
		for (const [name, address] of plan.entries()) {
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

/** §4.3 Enhanced Packet Block for record `i` (from 0): one IPv4/UDP packet at `us` microseconds. */
function enhancedPacket(out: Out, r: CaptureRecord, i: number, us: number, plan: AddressPlan, comment: Uint8Array) {
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
