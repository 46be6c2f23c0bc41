/**
 * The capture viewer's one error type. A wrong file, a damaged record or a filter mistake:
 * `message` says what the input is not and where; `offset` is a byte offset in the capture,
 * `line` a 1-based line of a JSON Lines file (or `block` a 1-based pcapng block), `column` a
 * 1-based column (in a JSON line, or in a display filter's text).
 */
export class ViewerError extends Error {
	readonly offset?: number;
	readonly line?: number;
	readonly block?: number;
	readonly column?: number;

	constructor(message: string, where: { offset?: number; line?: number; block?: number; column?: number } = {}) {
		super(message);
		this.name = 'ViewerError';
		this.offset = where.offset;
		this.line = where.line;
		this.block = where.block;
		this.column = where.column;
	}
}

/** Whether `e` is the viewer's error (what the UI shows as it is). */
export function isViewerError(e: unknown): e is ViewerError {
	return e instanceof ViewerError;
}

/** Any exception as text, for wrapping the unexpected. */
export function describe(e: unknown): string {
	return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
