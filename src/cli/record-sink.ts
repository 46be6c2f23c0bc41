// Capture files written by the CLI (`sim --out`, `listen --out`), as the records come, in
// constant memory: JSON Lines line by line, pcapng block by block.
import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { CaptureError, JsonlWriter, PcapngWriter, type CaptureMeta, type CaptureRecord } from '../lib/capture';
import { Cv2xError } from '../lib/codec';
import { errnoText } from './io';

const BLOCK_EPB = 6; // pcapng §4.3
const COPY_CHUNK = 1 << 20;

/**
 * Where the records go. The file is opened (and truncated) at construction, so a path that cannot
 * be written fails first. JSON Lines are written as they come. A pcapng file starts with the
 * run's meta (its section header), so give it to the constructor or to begin() before the first
 * add(): then every block is written as it comes. Records added before the meta is known are
 * written block by block to a spool file beside `path` (timed from 0), copied behind the header
 * by close() with their timestamps moved to the meta's start: memory stays constant either way.
 * @throws Cv2xError naming the path when it cannot be opened or written, or a record cannot be
 *   written (the records before it were)
 */
export class RecordSink {
	private fd: number;
	readonly pcapng: boolean;
	private jsonl: JsonlWriter | null = null;
	private writer: PcapngWriter | null = null;
	private spool: { path: string; fd: number } | null = null;
	private spoolPcapng: PcapngWriter | null = null;
	/** Records taken so far. */
	count = 0;

	constructor(
		readonly path: string,
		meta?: CaptureMeta
	) {
		this.pcapng = /\.pcapng$/i.test(path);
		try {
			this.fd = openSync(path, 'w');
		} catch (e) {
			throw new Cv2xError('empty_input', `cannot write ${path}: ${(e as Error).message}`);
		}
		if (!this.pcapng) this.jsonl = new JsonlWriter((text) => this.write(this.fd, text));
		else if (meta) this.begin(meta);
	}

	/** Gives a pcapng file its meta, writing its header; nothing for JSON Lines (or when already given). */
	begin(meta: CaptureMeta): void {
		if (!this.pcapng || this.writer) return;
		this.writer = this.guard(() => new PcapngWriter(meta, (chunk) => this.write(this.fd, chunk)));
	}

	add(records: CaptureRecord[]): void {
		if (!records.length) return;
		const target = this.jsonl ?? this.writer ?? this.spoolWriter();
		try {
			this.guard(() => target.add(records));
		} finally {
			this.count = target.records; // those before a bad record were written
		}
	}

	/** Writes what is left (the header first, if the meta comes only now) and closes the file. */
	close(meta: CaptureMeta): void {
		try {
			this.guard(() => {
				if (this.jsonl) return this.jsonl.close();
				this.spoolPcapng?.close();
				this.begin(meta);
				this.writer!.flush(); // the header before the spooled blocks
				if (this.spool) copySpool(this.spool.fd, Math.round(meta.startTimeMs * 1000), (b) => this.write(this.fd, b));
				this.writer!.close();
			});
		} finally {
			closeSync(this.fd);
			this.dropSpool();
		}
	}

	private spoolWriter(): PcapngWriter {
		if (this.spoolPcapng) return this.spoolPcapng;
		const path = `${this.path}.${process.pid}.spool`;
		const fd = this.guard(() => openSync(path, 'w+'));
		this.spool = { path, fd };
		this.spoolPcapng = new PcapngWriter({ startTimeMs: 0 }, (chunk) => this.write(fd, chunk));
		return this.spoolPcapng;
	}

	private dropSpool(): void {
		if (!this.spool) return;
		closeSync(this.spool.fd);
		try {
			unlinkSync(this.spool.path);
		} catch {
			// already gone: nothing to clean
		}
		this.spool = null;
	}

	private write(fd: number, data: string | Uint8Array): void {
		if (typeof data === 'string') writeSync(fd, data);
		else for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
	}

	private guard<T>(f: () => T): T {
		try {
			return f();
		} catch (e) {
			throw sinkError(this.path, e);
		}
	}
}

/**
 * Copies a spool (a pcapng file timed from 0) behind a header already written: its own section
 * header, interface description and (empty) first NRB are dropped, every other block is kept, EPB timestamps
 * (64-bit µs, §4.3) get `startUs` added.
 */
function copySpool(spool: number, startUs: number, write: (b: Uint8Array) => void): void {
	const size = fstatSync(spool).size;
	let buf = new Uint8Array(COPY_CHUNK);
	let pos = 0;
	let blockNo = 0;
	while (pos < size) {
		const head = readAt(spool, buf, 8, pos);
		const len = new DataView(head.buffer, head.byteOffset, 8).getUint32(4, true);
		if (len < 12 || pos + len > size) throw new CaptureError(`spool block at byte offset ${pos}: bad length ${len}`);
		if (len > buf.length) buf = new Uint8Array(len);
		const b = readAt(spool, buf, len, pos);
		blockNo++;
		pos += len;
		if (blockNo <= 3) continue; // the spool's SHB, IDB and empty first NRB: the real header is already out
		const v = new DataView(b.buffer, b.byteOffset, len);
		if (v.getUint32(0, true) === BLOCK_EPB) {
			const us = v.getUint32(12, true) * 2 ** 32 + v.getUint32(16, true) + startUs;
			v.setUint32(12, Math.floor(us / 2 ** 32), true);
			v.setUint32(16, us % 2 ** 32, true);
		}
		write(b);
	}
}

function readAt(fd: number, buf: Uint8Array, n: number, pos: number): Uint8Array {
	for (let got = 0; got < n; ) {
		const k = readSync(fd, buf, got, n - got, pos + got);
		if (k === 0) throw new CaptureError(`spool ends at byte offset ${pos + got}, ${n - got} bytes early`);
		got += k;
	}
	return buf.subarray(0, n);
}

function sinkError(path: string, e: unknown): Error {
	if (e instanceof Cv2xError) return e;
	if (e instanceof CaptureError) return new Cv2xError('invalid', `cannot write ${path}: ${e.message}`);
	if ((e as NodeJS.ErrnoException)?.code) {
		// the system's reason in words with its errno code ("no space left on device (ENOSPC)"); the
		// errno error stays as the cause, so a caller tells a full disk from a bad record
		const err = new Cv2xError('invalid', `cannot write ${path}: ${errnoText(e as NodeJS.ErrnoException)}`);
		err.cause = e;
		return err;
	}
	return e as Error;
}
