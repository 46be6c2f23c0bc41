// Reads any capture format, telling them apart by their first bytes.
import { CaptureError } from './errors';
import { firstUtf8Error, JsonlReader } from './jsonl-reader';
import { isPcap, isPcapng } from './pcapng';
import { readPcap, readPcapng } from './pcapng-reader';
import type { CaptureMeta, CaptureRecord } from './types';

/**
 * Reads a capture in any format we know, told apart by its first bytes: pcapng, classic pcap
 * (both as other tools write them, see readPcapng and readPcap), or JSON Lines. `comments` are
 * the section comments of a pcap(ng) file that are not ours, as text. Errors: CaptureError naming
 * the block, record or line and the byte offset.
 */
export function readCapture(data: Uint8Array): { records: CaptureRecord[]; meta?: CaptureMeta; comments?: string[]; format: 'pcapng' | 'pcap' | 'jsonl' } {
	if (!(data instanceof Uint8Array)) throw new CaptureError('capture input must be a Uint8Array');
	if (isPcapng(data)) return { ...readPcapng(data), format: 'pcapng' };
	if (isPcap(data)) return { ...readPcap(data), format: 'pcap' };
	return { records: readJsonlBytes(data), format: 'jsonl' };
}

/**
 * JSON Lines bytes, line by line (no string of the whole file: any size the writer makes reads).
 * As ever, invalid UTF-8 anywhere is the error, before any other (named by its line and offset).
 */
function readJsonlBytes(data: Uint8Array): CaptureRecord[] {
	const records: CaptureRecord[] = [];
	const reader = new JsonlReader((r) => records.push(r));
	try {
		reader.push(data);
		reader.end();
	} catch (e) {
		throw (e instanceof CaptureError && / not valid UTF-8 text$/.test(e.message) ? null : firstUtf8Error(data)) ?? e;
	}
	return records;
}
