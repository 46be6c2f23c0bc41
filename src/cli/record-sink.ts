// Capture files written by the CLI (`sim --out`, `listen --out`): JSON Lines as records come,
// pcapng at the end.
import { closeSync, openSync, writeSync } from 'node:fs';
import { CaptureError, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord } from '../lib/capture';
import { Cv2xError } from '../lib/codec';

/**
 * Where the records go: JSON Lines are written as they come; pcapng needs every node's name up
 * front (its name resolution block), so its records are held and written by close(). The file
 * is opened (and truncated) at construction, so a path that cannot be written fails first.
 * @throws Cv2xError naming the path when it cannot be opened or written.
 */
export class RecordSink {
	private fd: number;
	readonly pcapng: boolean;
	private held: CaptureRecord[] = [];
	/** Records taken so far. */
	count = 0;

	constructor(readonly path: string) {
		this.pcapng = /\.pcapng$/i.test(path);
		try {
			this.fd = openSync(path, 'w');
		} catch (e) {
			throw new Cv2xError('empty_input', `cannot write ${path}: ${(e as Error).message}`);
		}
	}

	add(records: CaptureRecord[]): void {
		this.count += records.length;
		if (this.pcapng) this.held.push(...records);
		else if (records.length) {
			try {
				writeSync(this.fd, writeJsonl(records));
			} catch (e) {
				throw sinkError(this.path, e);
			}
		}
	}

	close(meta: CaptureMeta): void {
		try {
			if (this.pcapng) writeSync(this.fd, writePcapng(this.held, meta));
		} catch (e) {
			throw sinkError(this.path, e);
		} finally {
			closeSync(this.fd);
		}
	}
}

function sinkError(path: string, e: unknown): Error {
	if (e instanceof CaptureError) return new Cv2xError('invalid', `cannot write ${path}: ${e.message}`);
	if ((e as NodeJS.ErrnoException)?.code) return new Cv2xError('invalid', `cannot write ${path}: ${(e as Error).message}`);
	return e as Error;
}
