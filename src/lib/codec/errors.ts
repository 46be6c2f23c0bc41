/** What went wrong, as a stable machine-readable code. */
export type Cv2xErrorCode =
	| 'empty_input'
	| 'bad_hex'
	| 'bad_base64'
	| 'unknown_format'
	| 'too_large'
	| 'truncated'
	| 'bad_varint'
	| 'bad_wire_type'
	| 'bad_tag'
	| 'bad_length'
	| 'bad_utf8'
	| 'too_deep'
	| 'no_payload'
	| 'bad_json'
	| 'unknown_field'
	| 'bad_value'
	| 'invalid'
	| 'unknown_type';

/** Where in a text input (JSON, pasted hex): UTF-16 character offset and 1-based line/column. */
export interface TextPosition {
	char: number;
	line?: number;
	column?: number;
}

/**
 * The codec's one error type. `offset` is a byte offset into the input bytes, `path` a field
 * path such as `bsm.pos.lat` or `map_data.nodes[0].name`, `char`/`line`/`column` the position in
 * a text input (JSON, pasted hex); any may be absent when it does not apply. `message` is written
 * for a person and already names the offset/path/position.
 */
export class Cv2xError extends Error {
	readonly code: Cv2xErrorCode;
	readonly offset?: number;
	readonly path?: string;
	/** Character offset (and line/column) in a text input. */
	readonly char?: number;
	readonly line?: number;
	readonly column?: number;
	/** The message's key and values, so an interface can say it in another language. */
	readonly detail?: { key: string; params: Record<string, string | number> };

	constructor(
		code: Cv2xErrorCode,
		message: string,
		where: { offset?: number; path?: string } & Partial<TextPosition> = {},
		detail?: { key: string; params?: Record<string, string | number> }
	) {
		const at = [
			where.path ? `at ${where.path}` : '',
			where.offset !== undefined ? `(byte offset ${where.offset})` : '',
			where.char !== undefined ? `(${textPlace(where as TextPosition)})` : ''
		]
			.filter(Boolean)
			.join(' ');
		super(at ? `${message} ${at}` : message);
		this.name = 'Cv2xError';
		this.code = code;
		this.offset = where.offset;
		this.path = where.path;
		if (where.char !== undefined) {
			this.char = where.char;
			this.line = where.line;
			this.column = where.column;
		}
		if (detail) this.detail = { key: detail.key, params: detail.params ?? {} };
	}
}

function textPlace(p: TextPosition): string {
	return (p.line !== undefined ? `line ${p.line}, column ${p.column}, ` : '') + `character offset ${p.char}`;
}

export function isCv2xError(e: unknown): e is Cv2xError {
	return e instanceof Cv2xError;
}
