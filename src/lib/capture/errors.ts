/**
 * The capture library's one error type. `record` is the 1-based line number in a JSON Lines
 * file, the 1-based block number in a pcapng file, or the 1-based record number given to a
 * writer; `offset` is a byte offset in the file. The message already names both.
 */
export class CaptureError extends Error {
	readonly record?: number;
	readonly offset?: number;

	constructor(message: string, where: { record?: number; offset?: number } = {}) {
		super(message);
		this.name = 'CaptureError';
		this.record = where.record;
		this.offset = where.offset;
	}
}

export function isCaptureError(e: unknown): e is CaptureError {
	return e instanceof CaptureError;
}

/** Any exception as text, for wrapping the unexpected into a CaptureError. */
export function describeError(e: unknown): string {
	return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
