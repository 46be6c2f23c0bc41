// The whole record of one packet, read again from the file when it is needed (the detail pane,
// a `receiver` filter): the table keeps only the first receiver and the count.
import { BLOCK_SPB, OPT_COMMENT, pad4 } from '../capture/pcapng';
import type { PacketTable } from './table';

const utf8 = new TextDecoder('utf-8');

/** What the file says about packet `i` beyond the columns: every receiver's name. */
export interface PacketRecord {
	receivers: string[];
	/** the JSON line or our packet comment as text, when there is one */
	text?: string;
}

function jsonText(table: PacketTable, i: number): string | undefined {
	const b = table.source;
	const at = table.recordOffset[i];
	if (table.format === 'jsonl') {
		const nl = b.indexOf(0x0a, at);
		return utf8.decode(b.subarray(at, nl < 0 ? b.length : nl)).trim();
	}
	if (table.format !== 'pcapng') return undefined;
	// our EPB: the comment option follows the packet data (§4.3); the section's byte order is that of the block
	const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const lenLe = v.getUint32(at + 4, true);
	const le = lenLe >= 12 && lenLe <= b.length - at && v.getUint32(at + lenLe - 4, true) === lenLe;
	const type = v.getUint32(at, le);
	if (type === BLOCK_SPB) return undefined;
	const len = v.getUint32(at + 4, le);
	const end = at + len - 4;
	for (let p = at + 28 + pad4(v.getUint32(at + 20, le)); p + 4 <= end; ) {
		const code = v.getUint16(p, le);
		const olen = v.getUint16(p + 2, le);
		if (code === 0) break;
		if (code === OPT_COMMENT && b[p + 4] === 0x7b) return utf8.decode(b.subarray(p + 4, p + 4 + olen));
		p += 4 + pad4(olen);
	}
	return undefined;
}

/** Packet `i`'s record: its receivers from the JSON line or packet comment, else from the columns. */
export function packetRecord(table: PacketTable, i: number): PacketRecord {
	const text = jsonText(table, i);
	let receivers: string[] | undefined;
	if (text) {
		try {
			const o = JSON.parse(text) as { receivers?: unknown };
			if (Array.isArray(o.receivers)) receivers = o.receivers.filter((r): r is string => typeof r === 'string');
		} catch {
			/* another tool's comment: not ours */
		}
	}
	receivers ??= table.receivers[i] && table.channel[i] === 1 ? [table.destinationName(i)] : [];
	return text ? { receivers, text } : { receivers };
}
