// Indexes a JSON Lines capture (`cv2x sim --out FILE.jsonl`: one object per line, t, sender,
// receivers, channel, type, latencyMs, hex) into a PacketTable, a chunk of lines at a time.
// Same rules as capture/jsonl.ts's readJsonl (every line up to the last non-empty one is a
// record), but nothing is copied: a row points at its hex digits in the file.
import { findJsonError, utf8Length } from '../capture/json';
import { fieldProblem, isObject, show } from '../capture/records';
import { describe, ViewerError } from './errors';
import { emptyRecord, scanFlatObject, type ScannedRecord } from './json-scan';
import { sniffPayload } from './sniff';
import { PacketTable, STORE_HEX } from './table';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Indexes `source` (JSON Lines bytes) step by step; `position` is the next byte to read. */
export class JsonlIndexer {
	readonly table: PacketTable;
	position: number;
	private line = 0;
	private emptyLine = 0;
	private emptyOffset = 0;
	private readonly rec: ScannedRecord = emptyRecord();
	private readonly broadcast: number;

	constructor(readonly source: Uint8Array) {
		this.table = new PacketTable(source, 'jsonl');
		this.position = source[0] === 0xef && source[1] === 0xbb && source[2] === 0xbf ? 3 : 0;
		this.broadcast = this.table.strings.id('broadcast');
	}

	/** Reads lines until about `budget` more bytes are consumed; true when the file is done. */
	step(budget: number): boolean {
		const b = this.source;
		const stop = Math.min(b.length, this.position + budget);
		while (this.position < b.length && this.position < stop) {
			const start = this.position;
			const nl = b.indexOf(0x0a, start);
			const end = nl < 0 ? b.length : nl;
			this.position = nl < 0 ? b.length : nl + 1;
			this.line++;
			this.oneLine(start, end);
		}
		if (this.position < b.length) return false;
		if (this.table.length === 0) throw this.fileError(this.line ? 'only empty lines' : 'empty');
		this.table.trim();
		return true;
	}

	private oneLine(start: number, end: number): void {
		const b = this.source;
		let k = start;
		while (k < end && (b[k] === 0x20 || b[k] === 0x09 || b[k] === 0x0d)) k++;
		if (k === end) {
			if (!this.emptyLine) {
				this.emptyLine = this.line;
				this.emptyOffset = start;
			}
			return;
		}
		if (this.emptyLine) {
			const where = `line ${this.emptyLine} (byte offset ${this.emptyOffset})`;
			throw new ViewerError(`${where}: empty line (only empty lines at the end of the file are allowed)`, { line: this.emptyLine, offset: this.emptyOffset });
		}
		const r = this.rec;
		if (!(scanFlatObject(b, start, end, r) && fits(r))) this.slowLine(start, end);
		this.addRow(start);
	}

	private addRow(start: number): void {
		const r = this.rec;
		const t = this.table;
		const len = r.hexEnd - r.hexStart;
		const at = r.hexStart;
		const s = this.source;
		const guess = sniffPayload(s, at, len >> 1, true);
		const uu = r.channel === 'uu';
		t.push({
			t: r.t, recordOffset: start, payloadOffset: at, payloadLength: len, sender: t.strings.id(r.sender!),
			destination: uu ? t.strings.id(r.firstReceiver ?? '?') : this.broadcast, receivers: r.receivers, latency: r.latency,
			type: t.types.id(r.type!), channel: uu ? 1 : 0, store: STORE_HEX, encoding: guess.encoding
		});
	}

	/** The line through JSON.parse: a record the fast path did not take, or the precise error. */
	private slowLine(start: number, end: number): void {
		const b = this.source;
		const fail = (message: string, column?: number, byteInLine = 0): never => {
			const offset = start + byteInLine;
			const where = column === undefined ? `line ${this.line}` : `line ${this.line}, column ${column}`;
			const what = this.line === 1 ? `not a JSON Lines capture: ${where} (byte offset ${offset}): ${message}` : `${where} (byte offset ${offset}): ${message}`;
			throw new ViewerError(what, { line: this.line, column, offset });
		};
		let text: string;
		try {
			text = utf8.decode(b.subarray(start, end));
		} catch {
			return fail('not valid UTF-8 text');
		}
		if (text.endsWith('\r')) text = text.slice(0, -1);
		let v: unknown;
		try {
			v = JSON.parse(text);
		} catch (e) {
			if (this.line === 1) this.wholeDocument();
			const p = findJsonError(text);
			const col = p ? p.index + 1 : 1;
			fail(`not JSON: ${p ? p.message : describe(e)}`, col, p ? utf8Length(text.slice(0, p.index)) : 0);
		}
		if (!isObject(v)) {
			if (this.line === 1) this.wholeDocument();
			fail(`expected a JSON object, got ${show(v)}`);
		}
		const o = v as Record<string, unknown>;
		const problem = fieldProblem(o) ?? hexProblem(o.hex);
		if (problem) fail(problem);
		const hex = o.hex as string;
		const idx = text.indexOf(`"${hex}"`);
		const r = this.rec;
		r.t = o.t as number;
		r.sender = o.sender as string;
		const rx = o.receivers as string[];
		r.receivers = rx.length;
		r.firstReceiver = rx[0];
		r.channel = o.channel as string;
		r.type = o.type as string;
		r.latency = o.latencyMs === undefined ? NaN : (o.latencyMs as number);
		r.hexStart = start + utf8Length(text.slice(0, idx + 1));
		r.hexEnd = r.hexStart + hex.length;
	}

	/** Line 1 is not a record: when the whole file is one JSON document, say so. */
	private wholeDocument(): void {
		const b = this.source;
		if (b.length > 64 << 20) return;
		let v: unknown;
		try {
			v = JSON.parse(utf8.decode(b));
		} catch {
			return;
		}
		const kind = Array.isArray(v) ? 'an array' : isObject(v) ? 'an object' : 'a single value';
		throw new ViewerError(`not a JSON Lines capture: the file is one JSON document (${kind}${b.includes(0x0a) ? ' over several lines' : ''}), not one record per line`, {
			line: 1,
			offset: 0
		});
	}

	private fileError(what: string): ViewerError {
		return new ViewerError(`not a capture: the file is ${what}: no pcapng magic, and no JSON line to read`, { offset: 0 });
	}
}

/** The semantic checks of fieldProblem on the fast path's result (false: read it slowly). */
function fits(r: ScannedRecord): boolean {
	return (
		r.t >= 0 && r.sender !== undefined && r.receivers >= 0 && (r.channel === 'pc5' || r.channel === 'uu') && r.type !== undefined && r.hexStart >= 0 &&
		(Number.isNaN(r.latency) || r.latency >= 0)
	);
}

function hexProblem(hex: unknown): string | null {
	if (hex === undefined) return 'missing field "hex"';
	if (typeof hex !== 'string') return `field "hex" must be a string, got ${show(hex)}`;
	const bad = hex.search(/[^0-9a-fA-F]/);
	if (bad >= 0) return `bad hex: "${hex[bad]}" is not a hex digit, at character ${bad} of field "hex"`;
	if (hex.length % 2) return `bad hex: odd number of hex digits (${hex.length}) in field "hex"`;
	return null;
}
