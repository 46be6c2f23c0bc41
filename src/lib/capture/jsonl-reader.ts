// JSON Lines read as the bytes come: chunks in, records out, line by line. Nothing is decoded as
// one string (a file over V8's ~512 MiB string limit reads like any other); the only bytes held
// are the line not yet ended. Results and errors are readJsonl's for the same text.
import { CaptureError } from './errors';
import { parseJsonlLine } from './jsonl';
import type { CaptureRecord } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const NL = 0x0a;
/**
 * Longest line read, bytes: far beyond any record (a 4 MiB frame is 8 MiB of hex), and far below
 * V8's string limit (~512 MiB), so a file without line breaks stops here, not at the end of memory.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * An incremental JSON Lines reader: push() chunks split anywhere (inside a line, inside a UTF-8
 * sequence), end() once the input is over. Each complete line is decoded (strict UTF-8) and
 * parsed as it arrives, and its record handed to `onRecord` in file order. A UTF-8 byte-order
 * mark at the very start is skipped (counted in offsets). Empty lines are allowed at the end of
 * the input only: one followed by a record is an error naming the empty line.
 * @throws CaptureError from push() or end(), naming the line (1-based), the column where it
 *   applies and the byte offset in the whole input; a line over MAX_LINE_BYTES is an error
 */
export class JsonlReader {
	/** Lines completed so far. */
	lines = 0;
	/** Bytes taken so far. */
	bytes = 0;
	/** Records given to onRecord so far. */
	records = 0;
	private carry: Uint8Array = new Uint8Array(0);
	private carryLength = 0;
	/** Byte offset in the input of the line being gathered. */
	private lineStart = 0;
	/** The first empty line since the last record: an error if a record follows. */
	private blank: { line: number; offset: number } | null = null;
	private ended = false;

	constructor(private readonly onRecord: (r: CaptureRecord) => void) {}

	/** Takes the next bytes of the input (not kept: copy what is needed). */
	push(chunk: Uint8Array): void {
		if (this.ended) throw new CaptureError('the JSON Lines reader has ended');
		let from = 0;
		for (;;) {
			const nl = chunk.indexOf(NL, from);
			if (nl < 0) break;
			if (this.carryLength) {
				this.gather(chunk.subarray(from, nl));
				const line = this.carry.subarray(0, this.carryLength);
				this.carryLength = 0;
				this.line(line);
			} else this.line(chunk.subarray(from, nl));
			this.lineStart += 1; // the "\n"
			from = nl + 1;
		}
		if (from < chunk.length) this.gather(chunk.subarray(from));
		this.bytes += chunk.length;
	}

	/** The input is over: the last line (without "\n") is read. */
	end(): void {
		if (this.ended) return;
		this.ended = true;
		if (this.carryLength) {
			const line = this.carry.subarray(0, this.carryLength);
			this.carryLength = 0;
			this.line(line);
		}
		this.carry = new Uint8Array(0);
	}

	/** Appends to the unfinished line, growing its buffer by doubling (a long line costs linear time). */
	private gather(part: Uint8Array): void {
		const need = this.carryLength + part.length;
		if (need > MAX_LINE_BYTES) this.tooLong(need);
		if (need > this.carry.length) {
			const grown = new Uint8Array(Math.max(need, this.carry.length * 2, 4096));
			grown.set(this.carry.subarray(0, this.carryLength));
			this.carry = grown;
		}
		this.carry.set(part, this.carryLength);
		this.carryLength = need;
	}

	private tooLong(atLeast: number): never {
		const line = this.lines + 1;
		throw new CaptureError(`line ${line} (byte offset ${this.lineStart}): longer than ${MAX_LINE_BYTES} bytes (${atLeast} so far): no capture record is that long`, {
			record: line,
			offset: this.lineStart
		});
	}

	/** One line's bytes (no "\n"), starting at byte lineStart; lineStart moves past them. */
	private line(raw: Uint8Array): void {
		if (raw.length > MAX_LINE_BYTES) this.tooLong(raw.length);
		const lineNo = ++this.lines;
		const start = this.lineStart;
		this.lineStart += raw.length;
		let text: string;
		try {
			text = utf8.decode(raw);
		} catch {
			throw new CaptureError(`line ${lineNo} (byte offset ${start}): not valid UTF-8 text`, { record: lineNo, offset: start });
		}
		let offset = start;
		if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) {
			text = text.slice(1);
			offset += 3;
		}
		if (text.endsWith('\r')) text = text.slice(0, -1);
		if (text.trim() === '') {
			this.blank ??= { line: lineNo, offset };
			return;
		}
		if (this.blank) {
			const b = this.blank;
			throw new CaptureError(`line ${b.line} (byte offset ${b.offset}): empty line (only empty lines at the end of the file are allowed)`, {
				record: b.line,
				offset: b.offset
			});
		}
		const r = parseJsonlLine(text, lineNo, offset);
		this.records++;
		this.onRecord(r);
	}
}

/**
 * Where `data` (JSON Lines bytes) first fails to be UTF-8, as the error readCapture gives for it
 * (the line and the byte offset of its start), or null when it is all valid. Decoded in pieces,
 * so any size works.
 */
export function firstUtf8Error(data: Uint8Array): CaptureError | null {
	const check = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
	const PIECE = 1 << 24;
	try {
		for (let at = 0; at < data.length; at += PIECE) check.decode(data.subarray(at, at + PIECE), { stream: true });
		check.decode();
		return null;
	} catch {
		// find the line: decoded line by line, the first that fails
	}
	let start = 0;
	for (let line = 1; start <= data.length; line++) {
		const nl = data.indexOf(NL, start);
		const end = nl < 0 ? data.length : nl;
		try {
			utf8.decode(data.subarray(start, end));
		} catch {
			return new CaptureError(`line ${line} (byte offset ${start}): not valid UTF-8 text`, { record: line, offset: start });
		}
		if (nl < 0) break;
		start = nl + 1;
	}
	return new CaptureError('not valid UTF-8 text');
}
