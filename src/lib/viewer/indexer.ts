// Opening a capture: tell the format from the first bytes, then index it in chunks (so a
// worker can report progress and stay responsive to a cancel between chunks).
import { describe, ViewerError } from './errors';
import { JsonlIndexer } from './index-jsonl';
import { PcapngIndexer } from './index-pcapng';
import { firstContent, looksLike } from './sniff';
import type { PacketTable } from './table';
import { isPcap, isPcapng } from '../capture/pcapng';

/** An indexing in progress: `step` reads about `budget` more bytes and says whether it is done. */
export interface CaptureIndexer {
	readonly table: PacketTable;
	readonly position: number;
	readonly source: Uint8Array;
	step(budget: number): boolean;
}

/** Progress of an indexing: bytes read of the total, packets so far. */
export interface IndexProgress {
	bytes: number;
	total: number;
	packets: number;
}

/** Default chunk: about 4 MB of file per step (tens of milliseconds). */
export const CHUNK_BYTES = 4 << 20;

/**
 * An indexer for `data` (the bytes of a pcapng, classic pcap or JSON Lines capture), chosen by
 * its first bytes. Throws ViewerError saying what the file is not when it is none of them
 * ("no pcapng magic, and line 1 is not JSON ..."); errors in later bytes come from `step`.
 */
export function openCapture(data: ArrayBuffer | Uint8Array): CaptureIndexer {
	const b = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
	if (!b) throw new ViewerError('a capture must be given as an ArrayBuffer or Uint8Array');
	if (b.length > 0xffffffff) throw new ViewerError(`the file is ${b.length} bytes; the viewer reads files up to 4 GiB`);
	if (isPcapng(b) || isPcap(b)) return new PcapngIndexer(b);
	const first = firstContent(b);
	if (first >= 0 && (b[first] === 0x7b /* { */ || b[first] === 0x5b) /* [ */) return new JsonlIndexer(b);
	throw new ViewerError(notACapture(b, first), { offset: Math.max(first, 0), line: first >= 0 ? 1 : undefined });
}

/** Why bytes are no capture: "no pcapng magic, and line 1 is not JSON (...)". */
function notACapture(b: Uint8Array, first: number): string {
	if (b.length === 0) return 'not a capture: the file is empty (0 bytes): no pcapng magic, and no line 1 to read as JSON';
	if (first < 0) return `not a capture: the file holds only whitespace (${b.length} bytes): no pcapng magic, and no line 1 to read as JSON`;
	const like = looksLike(b);
	const hex = [...b.subarray(0, 4)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
	const c = b[first];
	const printable = c >= 0x20 && c < 0x7f;
	const reason = printable ? `it starts with "${String.fromCharCode(c)}" at byte offset ${first}, not "{"` : `byte 0x${c.toString(16).padStart(2, '0')} at byte offset ${first} is not text`;
	return `not a capture${like ? `, it looks like ${like}` : ''}: no pcapng magic (0a 0d 0d 0a; the file starts ${hex}), and line 1 is not JSON: ${reason}`;
}

/** Indexes all of `data` at once; `onProgress` after every chunk. Throws ViewerError. */
export function indexCaptureSync(data: ArrayBuffer | Uint8Array, onProgress?: (p: IndexProgress) => void, chunk = CHUNK_BYTES): PacketTable {
	const ix = openCapture(data);
	while (!guarded(ix, chunk)) onProgress?.({ bytes: ix.position, total: ix.source.length, packets: ix.table.length });
	onProgress?.({ bytes: ix.source.length, total: ix.source.length, packets: ix.table.length });
	return ix.table;
}

/**
 * Indexes `data` a chunk at a time, yielding to the event loop between chunks (a worker stays
 * responsive to messages; `signal` aborts with a ViewerError "cancelled"). Resolves to the
 * table; rejects with ViewerError.
 */
export async function indexCapture(
	data: ArrayBuffer | Uint8Array,
	opts: { onProgress?: (p: IndexProgress) => void; signal?: AbortSignal; chunk?: number } = {}
): Promise<PacketTable> {
	const ix = openCapture(data);
	const chunk = opts.chunk ?? CHUNK_BYTES;
	for (;;) {
		if (opts.signal?.aborted) throw new ViewerError(`cancelled at byte offset ${ix.position}`, { offset: ix.position });
		const done = guarded(ix, chunk);
		opts.onProgress?.({ bytes: done ? ix.source.length : ix.position, total: ix.source.length, packets: ix.table.length });
		if (done) return ix.table;
		await new Promise((r) => setTimeout(r, 0));
	}
}

/** One step; anything but a ViewerError (a bug, or memory) is reported as one, with the place. */
function guarded(ix: CaptureIndexer, chunk: number): boolean {
	try {
		return ix.step(chunk);
	} catch (e) {
		if (e instanceof ViewerError) throw e;
		throw new ViewerError(`cannot read the capture near byte offset ${ix.position}: ${describe(e)}`, { offset: ix.position });
	}
}
