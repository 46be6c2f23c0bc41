// The packet table: one row per captured message, held in columns (typed arrays) that point
// into the capture's own bytes, so a million packets cost tens of bytes each and no payload
// is copied. Rows are added by the indexers (index-jsonl.ts, index-pcapng.ts).
import type { CaptureMeta } from '../capture';
import { StringTable } from './strings';

/** How a payload is stored in the source: raw octets (pcapng) or hex text (JSON Lines). */
export const STORE_RAW = 0;
export const STORE_HEX = 1;
/** What the payload is, as far as known: bits 1-2 of `flags`. */
export const ENC_UNKNOWN = 0;
export const ENC_PROTOBUF = 1;
export const ENC_UPER = 2;
export const ENCODING_NAMES = ['unknown', 'protobuf', 'uper'] as const;
export type EncodingName = (typeof ENCODING_NAMES)[number];

export const CHANNEL_NAMES = ['pc5', 'uu'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Type name of a packet whose type is not known before it is decoded (another tool's capture). */
export const UNKNOWN_TYPE = 'unknown';

/** One row as the indexers give it. Strings are ids from the table's `strings`/`types`. */
export interface Row {
	/** ms since the capture's start */
	t: number;
	recordOffset: number;
	payloadOffset: number;
	/** octets (raw) or hex digits (hex) */
	payloadLength: number;
	sender: number;
	destination: number;
	receivers: number;
	/** ms, NaN when not recorded */
	latency: number;
	type: number;
	channel: number;
	store: number;
	encoding: number;
}

const INITIAL = 1024;

/**
 * The columns. Row i: `time[i]` ms since `startTimeMs`; `recordOffset[i]` the byte offset of its
 * JSON line or pcapng block; `payloadOffset/payloadLength` where its message is in `source`;
 * `sender/destination` ids into `strings` (destination: "broadcast" on PC5, the receiver on Uu);
 * `receivers` how many received it; `latency` ms (NaN unknown); `type` id into `types`;
 * `channel` index into CHANNEL_NAMES; `flags` bit 0 = STORE_HEX, bits 1-2 = ENC_*.
 */
export class PacketTable {
	length = 0;
	time = new Float64Array(INITIAL);
	recordOffset = new Uint32Array(INITIAL);
	payloadOffset = new Uint32Array(INITIAL);
	payloadLength = new Uint32Array(INITIAL);
	sender = new Uint32Array(INITIAL);
	destination = new Uint32Array(INITIAL);
	receivers = new Uint32Array(INITIAL);
	latency = new Float32Array(INITIAL);
	type = new Uint16Array(INITIAL);
	channel = new Uint8Array(INITIAL);
	flags = new Uint8Array(INITIAL);
	readonly strings = new StringTable();
	readonly types = new StringTable();
	/** UTC ms of t = 0 (from the capture's meta, or its first packet; 0 for JSON Lines). */
	startTimeMs = 0;
	meta?: CaptureMeta;
	/** Section comments of a pcapng file that are not ours, as text. */
	readonly comments: string[] = [];

	constructor(
		readonly source: Uint8Array,
		readonly format: 'pcapng' | 'pcap' | 'jsonl'
	) {
		this.types.id(UNKNOWN_TYPE); // id 0
	}

	/** Appends a row, growing the columns by doubling. */
	push(r: Row): void {
		if (this.length === this.time.length) this.grow(this.time.length * 2);
		const i = this.length++;
		this.time[i] = r.t;
		this.recordOffset[i] = r.recordOffset;
		this.payloadOffset[i] = r.payloadOffset;
		this.payloadLength[i] = r.payloadLength;
		this.sender[i] = r.sender;
		this.destination[i] = r.destination;
		this.receivers[i] = r.receivers;
		this.latency[i] = r.latency;
		this.type[i] = r.type;
		this.channel[i] = r.channel;
		this.flags[i] = r.store | (r.encoding << 1);
	}

	private grow(n: number): void {
		const re = <T extends Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array>(a: T): T => {
			const b = new (a.constructor as new (n: number) => T)(n);
			b.set(a.subarray(0, Math.min(a.length, n)) as never);
			return b;
		};
		this.time = re(this.time);
		this.recordOffset = re(this.recordOffset);
		this.payloadOffset = re(this.payloadOffset);
		this.payloadLength = re(this.payloadLength);
		this.sender = re(this.sender);
		this.destination = re(this.destination);
		this.receivers = re(this.receivers);
		this.latency = re(this.latency);
		this.type = re(this.type);
		this.channel = re(this.channel);
		this.flags = re(this.flags);
	}

	/** Drops the spare capacity (called once indexing is done). */
	trim(): void {
		if (this.time.length !== this.length) this.grow(Math.max(1, this.length));
	}

	/** Bytes held by the columns (not the source, not the strings). */
	columnBytes(): number {
		return [this.time, this.recordOffset, this.payloadOffset, this.payloadLength, this.sender, this.destination, this.receivers, this.latency, this.type, this.channel, this.flags].reduce(
			(s, a) => s + a.byteLength,
			0
		);
	}

	typeName(i: number): string {
		return this.types.list[this.type[i]];
	}
	senderName(i: number): string {
		return this.strings.list[this.sender[i]];
	}
	destinationName(i: number): string {
		return this.strings.list[this.destination[i]];
	}
	channelName(i: number): ChannelName {
		return CHANNEL_NAMES[this.channel[i]];
	}
	encoding(i: number): EncodingName {
		return ENCODING_NAMES[(this.flags[i] >> 1) & 3];
	}
	setEncoding(i: number, enc: number): void {
		this.flags[i] = (this.flags[i] & 1) | (enc << 1);
	}
	/** Size of the message in octets. */
	size(i: number): number {
		return this.flags[i] & STORE_HEX ? this.payloadLength[i] >> 1 : this.payloadLength[i];
	}

	/**
	 * The message's octets: a view into `source` for raw payloads (no copy), a new array for hex
	 * (the decoder may keep views into it, so it is never reused). Hex was checked when indexed.
	 */
	payload(i: number): Uint8Array {
		const off = this.payloadOffset[i];
		const len = this.payloadLength[i];
		if (!(this.flags[i] & STORE_HEX)) return this.source.subarray(off, off + len);
		const out = new Uint8Array(len >> 1);
		const s = this.source;
		for (let k = 0; k < out.length; k++) out[k] = (HEX[s[off + 2 * k]] << 4) | HEX[s[off + 2 * k + 1]];
		return out;
	}
}

/** Hex digit values by ASCII code; 255 = not a hex digit. */
export const HEX = new Uint8Array(256).fill(255);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[65 + c] = HEX[97 + c] = 10 + c;
