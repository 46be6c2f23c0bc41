// What a page shows, computed where the table lives (a worker): rows of the packet list, the
// selected packet's detail, and filtering in steps so a million packets never block.
import { frameJson } from '../codec';
import { buildBitView, type BitView } from '../inspect/bit-view';
import { buildView, type InspectView, type ViewOptions } from '../inspect/view';
import { plainError } from '../inspect/worker-session';
import { decodePacket, DEFAULT_PROFILES, type DecodedPacket, type DecodeOptions } from './decode';
import type { CompiledFilter } from './filter';
import { packetRecord } from './record';
import { summarize } from './summary';
import type { PacketTable } from './table';

/** One line of the packet list (Wireshark's columns). `time` is seconds since the capture's start. */
export interface PacketRow {
	/** 1-based packet number */
	no: number;
	time: number;
	source: string;
	destination: string;
	channel: string;
	type: string;
	size: number;
	info: string;
}

/** Rows for packets `indices` (a page of the list): the Info column decodes each, so ask only for what is visible. */
export function packetRows(table: PacketTable, indices: ArrayLike<number>, opts: DecodeOptions = {}): PacketRow[] {
	const out: PacketRow[] = [];
	for (let k = 0; k < indices.length; k++) {
		const i = indices[k];
		const d = decodePacket(table, i, opts);
		out.push({
			no: i + 1, time: table.time[i] / 1000, source: table.senderName(i), destination: table.destinationName(i), channel: table.channelName(i),
			type: table.typeName(i), size: table.size(i), info: d.frame ? summarize(d.frame) : `[malformed: ${d.error}]`
		});
	}
	return out;
}

/**
 * The selected packet: its row, receivers, encoding, the frame as proto3 JSON, its octets, or why
 * it did not decode; and the inspector's view of its octets (Wireshark's detail and bytes panes):
 * `view` for protobuf, `bits` for UPER, plain data that survives structuredClone.
 */
export interface PacketDetail {
	row: PacketRow;
	receivers: string[];
	latencyMs?: number;
	encoding: string;
	profile?: string;
	notices?: string[];
	json?: unknown;
	error?: string;
	bytes: Uint8Array;
	/** the inspector's tree and byte map of a protobuf packet (or of one that decoded as neither) */
	view?: InspectView;
	/** the inspector's bit view of a UPER packet, under the profile it decoded with */
	bits?: BitView;
	/** the time the meanings of times count from (epoch ms): the packet's capture time */
	referenceMs?: number;
	/** byte offsets of the record and of the message in the file */
	recordOffset: number;
	payloadOffset: number;
}

/**
 * Packet `i` in full for the detail and bytes panes: its row, every receiver (read again from its
 * JSON line or packet comment), latency, the encoding and UPER profile it decoded under, the
 * mapping notices, the frame as proto3 JSON (or why it did not decode), a copy of its octets and
 * where the record and the message sit in the file (byte offsets).
 */
export function packetDetail(table: PacketTable, i: number, opts: DecodeOptions = {}): PacketDetail {
	const d = decodePacket(table, i, opts);
	const lat = table.latency[i];
	const bytes = table.payload(i).slice();
	const at = table.startTimeMs + table.time[i];
	const referenceMs = Number.isFinite(at) && at > 0 ? at : undefined;
	return {
		row: packetRows(table, [i], opts)[0], receivers: packetRecord(table, i).receivers, latencyMs: Number.isNaN(lat) ? undefined : lat, encoding: d.encoding,
		profile: d.profile, notices: d.notices, json: d.frame ? frameJson.to(d.frame) : undefined, error: d.error, bytes,
		...inspectorView(bytes, d, { referenceMs }, opts), referenceMs, recordOffset: table.recordOffset[i], payloadOffset: table.payloadOffset[i]
	};
}

/**
 * The inspector's view of a packet's octets (src/lib/inspect), as plain data: the bit view under
 * the profile a UPER packet decoded with (or, undecodable but sniffed as UPER, the first profile
 * tried: its tree up to the malformed field), else the protobuf view (a partial or schema-less
 * tree when it did not decode). The decoded frame is left out: the page has the JSON already.
 */
export function inspectorView(bytes: Uint8Array, d: DecodedPacket, options: ViewOptions, opts: DecodeOptions = {}): Pick<PacketDetail, 'view' | 'bits'> {
	if (d.encoding === 'uper') {
		const bits = buildBitView(bytes, d.profile ?? (opts.profiles ?? DEFAULT_PROFILES)[0], options);
		return { bits: bits.error ? { ...bits, error: plainError(bits.error) as never } : bits };
	}
	const view = buildView(bytes, options);
	return { view: { ...view, frame: undefined, error: view.error ? (plainError(view.error) as never) : undefined } };
}

/**
 * Filtering in steps: `step(n)` tests up to n more packets and says whether all are done;
 * `matches()` is the indices that passed so far (ascending). Between steps a worker can post
 * progress or stop. A filter that decodes costs microseconds per packet, so steps of 20k.
 */
export class FilterRun {
	private next = 0;
	private out: Uint32Array;
	count = 0;

	constructor(
		readonly table: PacketTable,
		readonly filter: CompiledFilter
	) {
		this.out = new Uint32Array(Math.max(16, Math.min(table.length, 1 << 16)));
	}

	get done(): number {
		return this.next;
	}

	step(n: number): boolean {
		const end = Math.min(this.table.length, this.next + n);
		const test = this.filter;
		for (let i = this.next; i < end; i++) {
			if (!test.test(i)) continue;
			if (this.count === this.out.length) {
				const bigger = new Uint32Array(Math.min(this.table.length, this.out.length * 2));
				bigger.set(this.out);
				this.out = bigger;
			}
			this.out[this.count++] = i;
		}
		this.next = end;
		return end >= this.table.length;
	}

	/**
	 * Steps of `chunk` packets until about `ms` milliseconds have passed (wall clock: this is about
	 * responsiveness, e.g. 50 ms between a worker's progress messages). True when all are done.
	 */
	stepFor(ms: number, chunk = 1000): boolean {
		const end = performance.now() + ms;
		for (;;) {
			if (this.step(chunk)) return true;
			if (performance.now() >= end) return false;
		}
	}

	/** The passing indices so far (a view; copy before transferring). */
	matches(): Uint32Array {
		return this.out.subarray(0, this.count);
	}
}
