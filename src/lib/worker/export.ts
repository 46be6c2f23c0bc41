// The playground's history written as a capture file as the ring is walked: records made a
// slice at a time and fed to the streaming writers, whose chunks go out as they fill. Memory is
// a slice of records plus the writer's buffer, however long the history; the bytes are those of
// writePcapng / writeJsonl for the same records (the pcapng header names every node up front,
// as writePcapng's single NRB does).
import { JsonlWriter, PcapngWriter, type CaptureMeta } from '../capture';
import type { Ledger } from './ledger';

/** Records made and written at a time. */
export const EXPORT_SLICE = 512;
/** Bytes gathered before a chunk goes out (the writers' default). */
export const EXPORT_CHUNK_BYTES = 64 * 1024;

export interface ExportStats {
	records: number;
	/** Time from the first record to the last, s. */
	seconds: number;
	/** Chunks given to the sink. */
	chunks: number;
	/** The most the writer held at once, bytes (its buffer's capacity). */
	peakBufferBytes: number;
}

/**
 * Writes the ledger's kept transmissions as pcapng or JSON Lines (UTF-8) into `sink`, chunk by
 * chunk (each chunk the sink's to keep or transfer). @throws CaptureError when a record or the
 * meta cannot be written (records are checked as they are written)
 */
export function exportChunks(ledger: Ledger, meta: CaptureMeta, format: 'jsonl' | 'pcapng', sink: (chunk: Uint8Array) => void, chunkBytes = EXPORT_CHUNK_BYTES): ExportStats {
	let chunks = 0;
	let first: number | undefined;
	let last = 0;
	let peak = 0;
	const give = (c: Uint8Array) => {
		chunks++;
		sink(c);
	};
	const utf8 = new TextEncoder();
	const pcapng = format === 'pcapng' ? new PcapngWriter(meta, give, { names: ledger.nodeNames(), chunkBytes }) : null;
	const jsonl = pcapng ? null : new JsonlWriter((text) => give(utf8.encode(text)), { chunkChars: chunkBytes });
	for (const slice of ledger.recordSlices(EXPORT_SLICE)) {
		first ??= slice[0].t;
		last = slice[slice.length - 1].t;
		if (pcapng) {
			pcapng.add(slice);
			peak = Math.max(peak, pcapng.bufferCapacity);
		} else {
			jsonl!.add(slice);
			peak = Math.max(peak, jsonl!.bufferedChars * 3); // UTF-16 units → at most 3 UTF-8 bytes each
		}
	}
	const writer = pcapng ?? jsonl!;
	writer.close();
	return { records: writer.records, seconds: first === undefined ? 0 : (last - first) / 1000, chunks, peakBufferBytes: peak };
}
