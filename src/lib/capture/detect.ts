// Reads any capture format, telling them apart by their first bytes.
import { CaptureError } from './errors';
import { readJsonl } from './jsonl';
import { isPcap, isPcapng } from './pcapng';
import { readPcap, readPcapng } from './pcapng-reader';
import type { CaptureMeta, CaptureRecord } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }); // keep a BOM: readJsonl counts its 3 bytes in offsets

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
	return { records: readJsonl(decodeText(data)), format: 'jsonl' };
}

/** UTF-8 text; invalid UTF-8 is an error naming its line and the byte offset of that line. */
function decodeText(data: Uint8Array): string {
	try {
		return utf8.decode(data);
	} catch {
		let start = 0;
		for (let line = 1; ; line++) {
			const nl = data.indexOf(0x0a, start);
			const end = nl < 0 ? data.length : nl;
			try {
				utf8.decode(data.subarray(start, end));
			} catch {
				throw new CaptureError(`line ${line} (byte offset ${start}): not valid UTF-8 text`, { record: line, offset: start });
			}
			if (nl < 0) throw new CaptureError('not valid UTF-8 text');
			start = nl + 1;
		}
	}
}
