// Any capture read as its bytes come (a File read slice by slice, a pipe): JSON Lines line by
// line, pcapng block by block, classic pcap record by record. Records come out in file order as
// soon as they are known, so a capture of any size the writers make is read in memory
// proportional to one line or block, plus what the caller keeps of the records.
import { CaptureError, describeError } from './errors';
import { JsonlReader } from './jsonl-reader';
import { isPcap, isPcapng } from './pcapng';
import { NeedsWholeFile, Reader } from './pcapng-reader';
import type { CaptureMeta, CaptureRecord } from './types';

export type CaptureFormat = 'pcapng' | 'pcap' | 'jsonl';

/** What a capture held besides its records (given to onRecord as they came). */
export interface StreamedCapture {
	format: CaptureFormat;
	/** Records given out. */
	records: number;
	meta?: CaptureMeta;
	comments?: string[];
}

/** Largest pcapng block or pcap record taken, bytes: a length field beyond it is damage, not a packet to wait for. */
export const MAX_BLOCK_BYTES = 16 * 1024 * 1024;

export { NeedsWholeFile };

/**
 * An incremental capture reader: push() chunks split anywhere, end() when the input is over.
 * The format is told by the first bytes, as readCapture tells it. Records go to `onRecord` in
 * file order, each the record readCapture gives for the same file. JSON Lines and pcapng files
 * as our writers make them give records as their lines or blocks arrive; another tool's pcap(ng)
 * (names or start time known only at the end) gives them at end(). Errors are readCapture's, but
 * met in file order (readCapture names invalid UTF-8 anywhere before other JSON Lines errors),
 * and a block or record longer than MAX_BLOCK_BYTES is refused.
 * @throws CaptureError naming the line, block or record and the byte offset; NeedsWholeFile (a
 *   CaptureError) for a pcapng file whose later section moves the start time of records already
 *   given: read it whole with readCapture instead
 */
export class CaptureStreamReader {
	/** Known after the first 4 bytes. */
	format?: CaptureFormat;
	/** Bytes taken so far. */
	bytes = 0;
	private head: Uint8Array = new Uint8Array(0);
	private jsonl?: JsonlReader;
	private blocks?: BlockStream;

	constructor(private readonly onRecord: (r: CaptureRecord) => void) {}

	/** Takes the next bytes (not kept past the call: the reader copies what it needs). */
	push(chunk: Uint8Array): void {
		this.bytes += chunk.length;
		if (this.format) return this.feed(chunk);
		this.head = concat(this.head, chunk);
		if (this.head.length >= 4) this.start();
	}

	/** The input is over: what is left is read, and what the capture held besides its records given. */
	end(): StreamedCapture {
		if (!this.format) this.start();
		if (this.jsonl) {
			this.jsonl.end();
			return { format: 'jsonl', records: this.jsonl.records };
		}
		const read = this.blocks!.end();
		const out: StreamedCapture = { format: this.format!, records: this.blocks!.given, meta: read.meta };
		if (read.comments) out.comments = read.comments;
		return out;
	}

	private start(): void {
		const head = this.head;
		this.head = new Uint8Array(0);
		if (isPcapng(head)) this.format = 'pcapng';
		else if (isPcap(head)) this.format = 'pcap';
		else this.format = 'jsonl';
		if (this.format === 'jsonl') this.jsonl = new JsonlReader(this.onRecord);
		else this.blocks = new BlockStream(this.format, this.onRecord);
		this.feed(head);
	}

	private feed(chunk: Uint8Array): void {
		if (this.jsonl) this.jsonl.push(chunk);
		else this.blocks!.push(chunk);
	}
}

/** pcapng blocks or pcap records cut out of the byte stream and handed whole to the Reader. */
class BlockStream {
	given = 0;
	private readonly reader = new Reader(new Uint8Array(0));
	private rest: Uint8Array = new Uint8Array(0);
	/** File offset of rest[0]. */
	private offset = 0;
	private headerDone = false;

	constructor(
		private readonly format: 'pcapng' | 'pcap',
		onRecord: (r: CaptureRecord) => void
	) {
		this.reader.streamTo((r) => {
			this.given++;
			onRecord(r);
		});
	}

	push(chunk: Uint8Array): void {
		this.guard(() => this.take(chunk));
	}

	/** As readCapture: anything unexpected is a CaptureError naming the block. */
	private guard<T>(f: () => T): T {
		try {
			return f();
		} catch (e) {
			if (e instanceof CaptureError) throw e;
			throw this.reader.error(`cannot read it: ${describeError(e)}`);
		}
	}

	private take(chunk: Uint8Array): void {
		const data = this.rest.length ? concat(this.rest, chunk) : chunk;
		let at = 0;
		for (;;) {
			const n = this.format === 'pcapng' ? this.pcapngBlock(data, at) : this.pcapRecord(data, at);
			if (n === 0) break;
			at += n;
			this.offset += n;
		}
		this.rest = data.slice(at);
	}

	end(): { meta: CaptureMeta; comments?: string[] } {
		return this.guard(() => this.finish());
	}

	private finish(): { meta: CaptureMeta; comments?: string[] } {
		const left = this.rest;
		if (this.format === 'pcapng' && left.length) this.reader.cutOff(left, this.offset, left.length);
		if (this.format === 'pcap') {
			if (!this.headerDone) {
				this.reader.hold(left, 0);
				this.reader.classicHeader(left.length);
			} else if (left.length) this.reader.feedClassic(left, this.offset, left.length);
		}
		const read = this.reader.end();
		return read.comments ? { meta: read.meta, comments: read.comments } : { meta: read.meta };
	}

	/** The length of the block at `at` once it is all in `data` (0: wait for more). */
	private pcapngBlock(data: Uint8Array, at: number): number {
		if (data.length - at < 12) return 0;
		const len = this.reader.headLength(data.subarray(at, at + 12), this.offset, Infinity);
		// a damaged length waits for the end of a short file (the error is then readCapture's), not past the limit
		if (data.length - at < len) {
			if (data.length - at > MAX_BLOCK_BYTES) this.reader.oversize(data.subarray(at, at + 12), this.offset, `block length ${len} is over the ${MAX_BLOCK_BYTES} bytes a block may have`);
			return 0;
		}
		this.reader.feedBlock(data.subarray(at, at + len), this.offset);
		return len;
	}

	/** The classic header, or the length of the record at `at` once it is all in `data` (0: wait). */
	private pcapRecord(data: Uint8Array, at: number): number {
		if (!this.headerDone) {
			if (data.length < 24) return 0;
			this.reader.hold(data.subarray(0, 24), 0);
			this.reader.classicHeader(24);
			this.headerDone = true;
			return 24;
		}
		const header = this.reader.classicRecordHeader;
		if (data.length - at < header) return 0;
		const len = header + this.reader.classicLength(data.subarray(at, at + 12));
		if (data.length - at < len) {
			if (data.length - at > MAX_BLOCK_BYTES)
				throw new CaptureError(`pcap record at byte offset ${this.offset}: captured length ${len - header} is over the ${MAX_BLOCK_BYTES} bytes a record may have`, {
					offset: this.offset
				});
			return 0;
		}
		this.reader.feedClassic(data.subarray(at, at + len), this.offset, len);
		return len;
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}
