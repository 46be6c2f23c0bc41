// A capture file read for replay as it streams in: a Blob (a File from the page) read slice by
// slice in the worker, each slice parsed (CaptureStreamReader) into the replay's compact store,
// with a pause between slices so the running simulation keeps its frames, and progress told.
// Memory follows what replay keeps (RecordStore), not the file's size.
import { CaptureStreamReader, NeedsWholeFile, readCapture, type CaptureMeta } from '../capture';
import { RecordStore } from '../replay/record-store';

/** Bytes read from the file at a time. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/** A capture read into a replay's store. */
export interface ReadIntoStore {
	store: RecordStore;
	meta?: CaptureMeta;
}

export interface StreamOptions {
	/** Bytes per slice (tests make it small). */
	chunkBytes?: number;
	/** Told after each slice: bytes read so far of `total`. */
	progress?: (loaded: number, total: number) => void;
	/** Resolves when the reader may go on (the host's turn for frames between slices). */
	pause?: () => Promise<void>;
	/** True once the import is no longer wanted (another choice was made): reading stops, null is returned. */
	cancelled?: () => boolean;
}

/**
 * Reads a capture file (pcapng, pcap, JSON Lines) from `file` slice by slice into a sealed store.
 * A pcapng whose later section moves the start time of records already read (NeedsWholeFile) is
 * read again whole. @returns null when cancelled
 * @throws CaptureError naming the line, block or record and its byte offset in the file
 */
export async function readCaptureStream(file: Blob, options: StreamOptions = {}): Promise<ReadIntoStore | null> {
	const chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? IMPORT_CHUNK_BYTES));
	const store = new RecordStore();
	const reader = new CaptureStreamReader((r) => store.add(r));
	try {
		for (let at = 0; at < file.size; at += chunkBytes) {
			const chunk = new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer());
			if (options.cancelled?.()) return null;
			reader.push(chunk);
			options.progress?.(Math.min(file.size, at + chunkBytes), file.size);
			await options.pause?.();
			if (options.cancelled?.()) return null;
		}
		const end = reader.end();
		store.seal();
		return { store, meta: end.meta };
	} catch (e) {
		if (!(e instanceof NeedsWholeFile)) throw e;
		return readCaptureBytes(new Uint8Array(await file.arrayBuffer()));
	}
}

/** A capture already in memory into a sealed store (read by lines or blocks: no string of the whole file). */
export function readCaptureBytes(data: Uint8Array): ReadIntoStore {
	const store = new RecordStore();
	const reader = new CaptureStreamReader((r) => store.add(r));
	try {
		reader.push(data);
		const end = reader.end();
		store.seal();
		return { store, meta: end.meta };
	} catch (e) {
		if (!(e instanceof NeedsWholeFile)) throw e;
		const whole = readCapture(data);
		return { store: RecordStore.of(whole.records), meta: whole.meta };
	}
}
