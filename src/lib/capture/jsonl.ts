// JSON Lines: one transmission per line, {"t","sender","receivers","channel","type","latencyMs","hex"},
// keys in that order (what `cv2x sim --out FILE.jsonl` writes), then "encoding":"uper" and "profile"
// for a UPER record (a line without them is protobuf, as every older file is).
import { toHex } from '../codec';
import { CaptureError, describeError } from './errors';
import { findJsonError, utf8Length } from './json';
import { checkRecord, checkRecords, fieldProblem, isObject, show } from './records';
import type { CaptureRecord } from './types';

/** One JSON object per record, each ending in "\n". @throws CaptureError naming the record (1-based) */
export function writeJsonl(records: CaptureRecord[]): string {
	checkRecords(records);
	let out = '';
	for (const r of records) out += jsonlLine(r);
	return out;
}

/** A checked record's line, "\n" included. */
function jsonlLine(r: CaptureRecord): string {
	const o: Record<string, unknown> = {
		t: r.t, sender: r.sender, receivers: r.receivers, channel: r.channel, type: r.type, latencyMs: r.latencyMs, hex: toHex(r.bytes)
	};
	if (r.encoding === 'uper') {
		o.encoding = 'uper';
		o.profile = r.profile;
	}
	return JSON.stringify(o) + '\n';
}

/**
 * JSON Lines written as the run goes, in constant memory: lines are gathered up to about
 * `chunkChars` characters (default 64 Ki) and handed to `sink`; no record is held. The text is
 * writeJsonl's for the same records, however they are split between add() calls.
 */
export class JsonlWriter {
	/** Records written so far. */
	records = 0;
	private parts: string[] = [];
	private chars = 0;
	private closed = false;
	private readonly chunkChars: number;

	constructor(
		private readonly sink: (text: string) => void,
		options: { chunkChars?: number } = {}
	) {
		this.chunkChars = Math.max(1024, options.chunkChars ?? 64 * 1024);
	}

	/** Characters gathered and not yet given to the sink. */
	get bufferedChars(): number {
		return this.chars;
	}

	/**
	 * Writes records (numbered on from those before, from 1 in errors); a record that cannot be
	 * written throws after those before it were taken, and the writer stays usable.
	 * @throws CaptureError naming the record, or when the writer is closed
	 */
	add(records: readonly CaptureRecord[]): void {
		if (this.closed) throw new CaptureError('the JSON Lines writer is closed');
		for (const r of records) {
			checkRecord(r, this.records + 1);
			const line = jsonlLine(r);
			this.records++;
			this.parts.push(line);
			this.chars += line.length;
			if (this.chars >= this.chunkChars) this.flush();
		}
	}

	/** Gives every line gathered to the sink. */
	flush(): void {
		if (!this.parts.length) return;
		const text = this.parts.join('');
		this.parts = [];
		this.chars = 0;
		this.sink(text);
	}

	/** Flushes; later add() calls throw. */
	close(): void {
		this.flush();
		this.closed = true;
	}
}

/**
 * Parses JSON Lines strictly: every line up to the last non-empty one must be a record. Errors
 * name the line, the column where it applies, and the byte offset in the file.
 */
export function readJsonl(text: string): CaptureRecord[] {
	if (typeof text !== 'string') throw new CaptureError('JSON Lines input must be text');
	let bom = 0;
	if (text.charCodeAt(0) === 0xfeff) {
		text = text.slice(1);
		bom = 3;
	}
	const lines = text.split('\n');
	let last = lines.length - 1;
	while (last >= 0 && lines[last].trim() === '') last--;
	const records: CaptureRecord[] = [];
	let lineStart = 0;
	for (let k = 0; k <= last; k++) {
		const raw = lines[k];
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		records.push(parseJsonlLine(line, k + 1, bom + utf8Length(text.slice(0, lineStart))));
		lineStart += raw.length + 1;
	}
	return records;
}

/**
 * One JSON Lines record from `line` (its text without "\n" or a final "\r"), line number `lineNo`
 * (1-based) starting at byte `offset` of the file. An empty line is an error here: the caller
 * lets empty lines pass at the end of the file only.
 * @throws CaptureError naming the line, the column where it applies and the byte offset
 */
export function parseJsonlLine(line: string, lineNo: number, offset: number): CaptureRecord {
	const fail = (message: string, index?: number): never => {
		const at = offset + (index === undefined ? 0 : utf8Length(line.slice(0, index)));
		const where = index === undefined ? `line ${lineNo}` : `line ${lineNo}, column ${index + 1}`;
		throw new CaptureError(`${where} (byte offset ${at}): ${message}`, { record: lineNo, offset: at });
	};
	try {
		return parseLine(line, fail);
	} catch (e) {
		if (e instanceof CaptureError) throw e;
		return fail(`cannot read the line: ${describeError(e)}`);
	}
}

function parseLine(line: string, fail: (message: string, index?: number) => never): CaptureRecord {
	if (line.trim() === '') fail('empty line (only empty lines at the end of the file are allowed)');
	let v: unknown;
	try {
		v = JSON.parse(line);
	} catch (e) {
		const p = findJsonError(line);
		fail(`bad JSON: ${p ? p.message : describeError(e)}`, p ? p.index : 0);
	}
	if (!isObject(v)) fail(`expected a JSON object, got ${show(v)}`);
	const o = v as Record<string, unknown>;
	const problem = fieldProblem(o);
	if (problem) fail(problem);
	if (o.hex === undefined) fail('missing field "hex"');
	if (typeof o.hex !== 'string') fail(`field "hex" must be a string, got ${show(o.hex)}`);
	const hex = o.hex as string;
	const bad = hex.search(/[^0-9a-fA-F]/);
	if (bad >= 0) fail(`bad hex: "${hex[bad]}" is not a hex digit, at character ${bad} of field "hex"`);
	if (hex.length % 2) fail(`bad hex: odd number of hex digits (${hex.length}) in field "hex"`);
	const bytes = hexBytes(hex);
	const r: CaptureRecord = {
		t: o.t as number, sender: o.sender as string, receivers: [...(o.receivers as string[])], channel: o.channel as CaptureRecord['channel'],
		type: o.type as string, bytes
	};
	if (o.latencyMs !== undefined) r.latencyMs = o.latencyMs as number;
	if (o.encoding === 'uper') r.encoding = 'uper';
	if (o.profile !== undefined) r.profile = o.profile as string;
	return r;
}

/** Value of each hex digit by character code (-1: not one). */
const HEX_VALUE = (() => {
	const v = new Int8Array(128).fill(-1);
	for (let i = 0; i < 16; i++) v['0123456789abcdef'.charCodeAt(i)] = v['0123456789ABCDEF'.charCodeAt(i)] = i;
	return v;
})();

/** The bytes of checked hex text (even length, hex digits only): a table, not parseInt, at a million lines a file. */
function hexBytes(hex: string): Uint8Array {
	const bytes = new Uint8Array(hex.length >> 1);
	for (let i = 0, j = 0; i < bytes.length; i++, j += 2) bytes[i] = (HEX_VALUE[hex.charCodeAt(j)] << 4) | HEX_VALUE[hex.charCodeAt(j + 1)];
	return bytes;
}
