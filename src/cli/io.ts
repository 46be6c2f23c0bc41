// Reading the CLI's inputs within a limit: a file's size is checked before reading when it is
// known, and every read (stdin, pipes, /dev/zero, FIFOs) stops one byte past the limit, so no
// input can make the process grow without end.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { concatBytes, Cv2xError, MAX_INPUT_BYTES, MAX_JSON_CHARS, MAX_TEXT_CHARS } from '../lib/codec';
import { quoted } from './error-line';

/**
 * How much of an input is read. `max` bytes at most; while every byte so far looks like text (no
 * control byte but tab, line feed, form feed, carriage return), `textMax` instead when given (hex or base64
 * text of a frame is longer than its bytes). `what` names the limit in the error.
 */
export interface InputLimit {
	max: number;
	textMax?: number;
	what: string;
}

/** Encoded bytes as they are (--format bin). */
export const BYTES_LIMIT: InputLimit = { max: MAX_INPUT_BYTES, what: 'an encoded frame' };
/** Hex or base64 text of a frame (--format hex, base64). */
export const TEXT_LIMIT: InputLimit = { max: MAX_TEXT_CHARS, what: 'hex or base64 text' };
/** Encoded bytes, or text of them (--format auto): the text limit holds while the input looks like text. */
export const BYTES_OR_TEXT_LIMIT: InputLimit = { max: MAX_INPUT_BYTES, textMax: MAX_TEXT_CHARS, what: 'an encoded frame' };
/** JSON text (proto3 JSON or JER) of a frame. */
export const JSON_LIMIT: InputLimit = { max: MAX_JSON_CHARS, what: 'JSON text' };
/** A frame as bytes, hex or base64 text, or JSON text (validate --format auto). */
export const ANY_FRAME_LIMIT: InputLimit = { max: MAX_INPUT_BYTES, textMax: Math.max(MAX_TEXT_CHARS, MAX_JSON_CHARS), what: 'a frame' };

/** Bytes read from a file or stdin at a time. */
const CHUNK = 256 * 1024;

/** A control byte that text does not hold (C0 but TAB, LF, VT, FF, CR; DEL): the input is binary. */
function isBinaryByte(b: number): boolean {
	return (b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f;
}

/** Tracks bytes read against a limit; throws once over it. */
class Budget {
	total = 0;
	private binary = false;
	constructor(
		private readonly limit: InputLimit,
		readonly label: string
	) {}

	/** Bytes it makes sense to ask for next (one past the limit at most). */
	room(): number {
		return Math.max(1, Math.min(CHUNK, this.current() + 1 - this.total));
	}

	private current(): number {
		return this.binary || this.limit.textMax === undefined ? this.limit.max : Math.max(this.limit.max, this.limit.textMax);
	}

	/** Counts a chunk; throws Cv2xError `too_large` when the input is now over its limit. */
	take(chunk: Uint8Array): void {
		this.total += chunk.length;
		if (!this.binary && this.limit.textMax !== undefined)
			for (let i = 0; i < chunk.length && !this.binary; i++) this.binary = isBinaryByte(chunk[i]);
		if (this.total > this.current()) throw tooLarge(this.label, this.current(), this.limit, this.binary, false);
	}
}

function tooLarge(label: string, max: number, limit: InputLimit, binary: boolean, stat: boolean, size = 0): Cv2xError {
	const kind = limit.textMax === undefined ? '' : binary || max === limit.max ? ' (binary)' : ' (text)';
	const how = stat ? `is ${size} bytes` : `is over ${max} bytes`;
	return new Cv2xError('too_large', `${label} ${how}; the limit for ${limit.what}${kind} is ${max} bytes (${mib(max)} MiB)`);
}

const mib = (n: number) => +(n / 1048576).toFixed(2);

/** The name an error gives the input. */
const labelOf = (file: string | undefined) => (!file || file === '-' ? 'stdin' : quoted(file));

/** A failed read of FILE as a Cv2xError naming it: no such file, a directory, the system's reason. */
export function inputError(file: string, e: unknown): Cv2xError {
	if (e instanceof Cv2xError) return e;
	const err = e as NodeJS.ErrnoException;
	// Node reads the command line as UTF-8: a name that is not becomes U+FFFD and cannot be opened
	if (err.code === 'ENOENT' && file.includes('\uFFFD')) return new Cv2xError('empty_input', `no such file: ${file} (a name that is not UTF-8 cannot be opened from the command line: rename the file, or give it on stdin: cv2x … < FILE)`);
	if (err.code === 'ENOENT') return new Cv2xError('empty_input', `no such file: ${file}`);
	if (err.code === 'EISDIR') return new Cv2xError('empty_input', `${quoted(file)} is a directory, not a file`);
	return new Cv2xError('empty_input', `cannot read ${quoted(file)}: ${err.code ? `${errnoText(err)}` : err.message}`);
}

/** "permission denied (EACCES)": Node's message without the syscall and path it repeats. */
export function errnoText(e: NodeJS.ErrnoException): string {
	const m = /^[A-Z0-9]+: ([^,]*)/.exec(e.message);
	return m ? `${m[1]} (${e.code})` : e.message;
}

/**
 * Reads FILE, or stdin for none or "-", as bytes, stopping at the limit: a regular file over it is
 * refused before reading; stdin, pipes, devices and FIFOs are read in chunks and refused one
 * byte past it.
 * @throws Cv2xError: `too_large` naming the limit; `empty_input` for no such file, a directory,
 *   an unreadable file, or stdin left to a terminal
 */
export async function readSource(file: string | undefined, limit: InputLimit = BYTES_LIMIT): Promise<Uint8Array> {
	const budget = new Budget(limit, labelOf(file));
	const chunks: Uint8Array[] = [];
	if (!file || file === '-') {
		if (process.stdin.isTTY) throw new Cv2xError('empty_input', 'no input: give a FILE or pipe data to stdin');
		// leaving the loop early (over the limit) destroys the stream: nothing more is read
		for await (const c of process.stdin) {
			chunks.push(c as Buffer);
			budget.take(c as Buffer);
		}
		return concatBytes(chunks);
	}
	let fh;
	try {
		fh = await open(file, 'r');
		const st = await fh.stat();
		if (st.isDirectory()) throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
		const most = Math.max(limit.max, limit.textMax ?? 0);
		if (st.isFile() && st.size > most) throw tooLarge(budget.label, most, limit, false, true, st.size);
		for (;;) {
			const buf = new Uint8Array(budget.room());
			const { bytesRead } = await fh.read(buf, 0, buf.length, null);
			if (bytesRead === 0) break;
			const chunk = buf.subarray(0, bytesRead);
			chunks.push(chunk);
			budget.take(chunk);
		}
	} catch (e) {
		throw inputError(file, e);
	} finally {
		await fh?.close();
	}
	return concatBytes(chunks);
}

/**
 * readSource's synchronous twin for small files read while options are checked (ASN.1 modules):
 * the file as UTF-8 text, refused one byte past `limit`.
 */
export function readTextFileSync(file: string, limit: InputLimit): string {
	const budget = new Budget(limit, quoted(file));
	const chunks: Uint8Array[] = [];
	let fd: number | undefined;
	try {
		fd = openSync(file, 'r');
		const st = fstatSync(fd);
		if (st.isDirectory()) throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
		if (st.isFile() && st.size > limit.max) throw tooLarge(quoted(file), limit.max, limit, false, true, st.size);
		for (;;) {
			const buf = new Uint8Array(budget.room());
			const n = readSync(fd, buf, 0, buf.length, null);
			if (n === 0) break;
			chunks.push(buf.subarray(0, n));
			budget.take(buf.subarray(0, n));
		}
	} catch (e) {
		throw inputError(file, e);
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
	return new TextDecoder().decode(concatBytes(chunks));
}

