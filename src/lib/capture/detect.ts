// Reads either format, telling them apart by the pcapng magic.
import { CaptureError } from './errors';
import { readJsonl } from './jsonl';
import { isPcapng } from './pcapng';
import { readPcapng } from './pcapng-reader';
import type { CaptureMeta, CaptureRecord } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }); // keep a BOM: readJsonl counts its 3 bytes in offsets

export function readCapture(data: Uint8Array): { records: CaptureRecord[]; meta?: CaptureMeta; format: 'pcapng' | 'jsonl' } {
	if (!(data instanceof Uint8Array)) throw new CaptureError('capture input must be a Uint8Array');
	if (isPcapng(data)) return { ...readPcapng(data), format: 'pcapng' };
	const m = data.length >= 4 ? ((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0 : 0;
	if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(m))
		throw new CaptureError('this is a classic pcap file, not pcapng; convert it with "editcap -F pcapng IN OUT" (byte offset 0)', { offset: 0 });
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
