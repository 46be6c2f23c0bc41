/** What went wrong in the UPER codec, as a stable machine-readable code. */
export type UperErrorCode =
	| 'truncated'
	| 'trailing_bits'
	| 'out_of_range'
	| 'bad_size'
	| 'bad_length'
	| 'bad_value'
	| 'bad_choice'
	| 'bad_enum'
	| 'bad_char'
	| 'bad_utf8'
	| 'missing_component'
	| 'unknown_type'
	| 'bad_open_type'
	| 'too_deep'
	| 'too_large';

/**
 * The UPER codec's one error type. `bitOffset`: the bit offset (from the start of the encoding,
 * MSB of the first octet = 0) where decoding failed, or how many bits had been written when
 * encoding failed. `path`: the field path of the value, e.g. `value.bsm.pos.lat` or
 * `nodes[0].name` (empty string = the top-level value). `message` names both.
 */
export class UperError extends Error {
	readonly code: UperErrorCode;
	readonly bitOffset: number;
	readonly path: string;

	constructor(code: UperErrorCode, message: string, bitOffset: number, path: string) {
		super(`${message} at ${path || '(top level)'} (bit offset ${bitOffset})`);
		this.name = 'UperError';
		this.code = code;
		this.bitOffset = bitOffset;
		this.path = path;
	}
}
