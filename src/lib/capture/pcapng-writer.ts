// Writes a capture as pcapng: SHB, one IDB (raw IPv4, microseconds), name resolution blocks
// naming every node, one EPB per record carrying IPv4 + UDP + the frame. writePcapng does it all
// at once (one NRB after the IDB); PcapngWriter as the records come, in constant memory (an NRB
// before the packets that first name a node: pcapng §4.5 allows NRBs anywhere in a section).
import { AddressPlan } from './addresses';
import { CaptureError } from './errors';
import { enhancedPacket, header, metaComment, nameResolution, Out, packetComment } from './pcapng-blocks';
import { checkRecord, checkRecords } from './records';
import type { CaptureMeta, CaptureRecord } from './types';

/**
 * The pcapng file for `records`; timestamps are meta.startTimeMs + t, in microseconds.
 * Everything is checked before anything is written.
 * @throws CaptureError naming the record (1-based) or the meta field that cannot be written
 */
export function writePcapng(records: CaptureRecord[], meta: CaptureMeta): Uint8Array {
	checkRecords(records);
	const shbComment = metaComment(meta);
	const startUs = Math.round(meta.startTimeMs * 1000);
	const plan = new AddressPlan();
	const comments = records.map((r, i) => {
		const comment = packetComment(r, i + 1, startUs);
		assignNodes(plan, r);
		return comment;
	});
	const out = new Out();
	header(out, shbComment);
	nameResolution(out, plan.entries());
	records.forEach((r, i) => enhancedPacket(out, r, i, startUs + Math.round(r.t * 1000), plan, comments[i]));
	return out.result();
}

/** Gives the record's nodes addresses; returns the names seen for the first time, in order. */
function assignNodes(plan: AddressPlan, r: CaptureRecord, fresh?: string[]): void {
	for (const name of [r.sender, ...r.receivers]) {
		if (fresh && plan.get(name) === undefined) fresh.push(name);
		plan.assign(name);
	}
}

/** Where a streaming writer's bytes go: each chunk is the caller's to keep (a fresh copy). */
export type ChunkSink = (chunk: Uint8Array) => void;

export interface PcapngWriterOptions {
	/** Nodes known at the start, named in the NRB right after the header (in this order). */
	names?: Iterable<string>;
	/** Bytes gathered before they go to the sink (default 64 KiB); memory held is about this much. */
	chunkBytes?: number;
}

/** Records checked and turned into blocks together: their new names go in one NRB before them. */
const SLICE = 256;

/**
 * A pcapng file written as the run goes, in constant memory: the header (SHB with the meta
 * comment, IDB, an NRB of `options.names`) at construction, then per add() the EPBs of the
 * records, each group of up to 256 preceded by an NRB naming the nodes it names first. No record
 * is held: bytes go to `sink` in chunks of about `chunkBytes`. Packet blocks are byte for byte
 * those of writePcapng (same addresses, IPv4 ids, comments), so readPcapng gives the same records
 * and meta; given every name up front, the whole file is writePcapng's, byte for byte.
 * @throws CaptureError (constructor) when the meta is malformed
 */
export class PcapngWriter {
	/** Records written so far. */
	records = 0;
	private readonly out: Out;
	private readonly plan = new AddressPlan();
	private readonly startUs: number;
	private readonly chunkBytes: number;
	private closed = false;

	constructor(
		meta: CaptureMeta,
		private readonly sink: ChunkSink,
		options: PcapngWriterOptions = {}
	) {
		const shbComment = metaComment(meta);
		this.startUs = Math.round(meta.startTimeMs * 1000);
		this.chunkBytes = Math.max(1024, options.chunkBytes ?? 64 * 1024);
		this.out = new Out(Math.min(this.chunkBytes * 2, 1 << 20));
		header(this.out, shbComment);
		for (const name of options.names ?? []) this.plan.assign(name);
		nameResolution(this.out, this.plan.entries());
		this.spill();
	}

	/** Bytes gathered and not yet given to the sink. */
	get bufferedBytes(): number {
		return this.out.length;
	}

	/** Bytes the writer's buffer occupies (bounded by about twice `chunkBytes` plus the largest block). */
	get bufferCapacity(): number {
		return this.out.capacity;
	}

	/**
	 * Writes records (numbered on from those written before, from 1 in errors). A record that
	 * cannot be written throws after the ones before it were written; the writer stays usable.
	 * @throws CaptureError naming the record, or when the writer is closed
	 */
	add(records: readonly CaptureRecord[]): void {
		if (this.closed) throw new CaptureError('the pcapng writer is closed');
		for (let from = 0; from < records.length; from += SLICE) this.slice(records, from, Math.min(records.length, from + SLICE));
	}

	/** Gives every byte gathered to the sink. */
	flush(): void {
		if (this.out.length === 0) return;
		const chunk = this.out.result();
		this.out.reset();
		this.sink(chunk);
	}

	/** Flushes; later add() calls throw. */
	close(): void {
		this.flush();
		this.closed = true;
	}

	private slice(records: readonly CaptureRecord[], from: number, to: number): void {
		const comments: Uint8Array[] = [];
		const fresh: string[] = [];
		let failure: unknown;
		for (let k = from; k < to; k++) {
			try {
				const r = records[k];
				const n = this.records + comments.length + 1;
				checkRecord(r, n);
				const comment = packetComment(r, n, this.startUs);
				assignNodes(this.plan, r, fresh);
				comments.push(comment);
			} catch (e) {
				failure = e;
				break;
			}
		}
		if (fresh.length) nameResolution(this.out, fresh.map((name) => [name, this.plan.get(name)!]));
		comments.forEach((comment, j) => {
			const r = records[from + j];
			enhancedPacket(this.out, r, this.records++, this.startUs + Math.round(r.t * 1000), this.plan, comment);
			this.spill();
		});
		this.spill();
		if (failure !== undefined) throw failure;
	}

	/** Flushes once a chunk's worth is gathered. */
	private spill(): void {
		if (this.out.length >= this.chunkBytes) this.flush();
	}
}
