/** Where in an ASN.1 module text: the file name as given, 1-based line and column. */
export interface SourcePlace {
	file: string;
	line: number;
	column: number;
}

/**
 * An error in an ASN.1 module set: a lexical or syntax error, an unresolved reference, or a
 * construct outside the subset the parser knows. `place` is where in which file; the message
 * already names it (`RSI.asn:12:5: expected ...`), so it can be shown as it is.
 */
export class Asn1Error extends Error {
	readonly place?: SourcePlace;

	constructor(message: string, place?: SourcePlace) {
		super(place ? `${placeText(place)}: ${message}` : message);
		this.name = 'Asn1Error';
		this.place = place;
	}
}

/** `file:line:column`, the way compilers name a place. */
export function placeText(p: SourcePlace): string {
	return `${p.file}:${p.line}:${p.column}`;
}
