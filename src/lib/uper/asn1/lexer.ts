// X.680 clause 12 lexical items, the subset the CSAE module sets use. Comments (`--` to the
// next `--` or the line end, nested `/* */`) and white space are dropped here, so the parser
// sees only items, each with its place for error messages.
import { Asn1Error, type SourcePlace } from './errors';

export type TokenKind =
	| 'typereference' // starts upper case: type, module, class and keyword names (X.680 12.2)
	| 'identifier' // starts lower case: components, values, named numbers (X.680 12.3)
	| 'fieldreference' // `&id`, `&Type` (X.681 7.1)
	| 'number' // non-negative decimal (X.680 12.8); the sign is its own item
	| 'cstring' // "..." with "" for a quote (X.680 12.14)
	| 'bstring' // '0101'B, the text keeps the binary digits (X.680 12.10)
	| 'hstring' // 'A0F'H, the text keeps the hexadecimal digits (X.680 12.12)
	| 'punct'
	| 'eof';

export interface Token {
	kind: TokenKind;
	text: string;
	place: SourcePlace;
}

/** Multi-character items first, so `::=` wins over `:` and `...` over `..`. */
const PUNCTUATION = ['::=', '...', '..', '[[', ']]', '{', '}', '(', ')', '[', ']', ',', ';', '|', '^', '.', '@', '-', '<', '!', ':'];

const WORD = /[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*/y;
const DIGITS = /[0-9]+/y;

/**
 * Splits a module text into lexical items (X.680 clause 12). `file` only names the source in
 * errors. Throws `Asn1Error` at the place of an unterminated comment or string, or of a
 * character that starts no item.
 */
export function tokenize(text: string, file: string): Token[] {
	const tokens: Token[] = [];
	const lexer = new Cursor(text, file);
	for (;;) {
		lexer.skipSpaceAndComments();
		if (lexer.atEnd()) break;
		tokens.push(lexer.next());
	}
	tokens.push({ kind: 'eof', text: 'end of file', place: lexer.place() });
	return tokens;
}

class Cursor {
	private pos = 0;
	private line = 1;
	private lineStart = 0;

	constructor(
		private readonly text: string,
		private readonly file: string
	) {}

	atEnd(): boolean {
		return this.pos >= this.text.length;
	}

	place(at = this.pos): SourcePlace {
		return { file: this.file, line: this.line, column: at - this.lineStart + 1 };
	}

	private advanceTo(end: number): void {
		for (let i = this.pos; i < end; i++) {
			if (this.text.charCodeAt(i) === 10) {
				this.line++;
				this.lineStart = i + 1;
			}
		}
		this.pos = end;
	}

	skipSpaceAndComments(): void {
		const t = this.text;
		while (this.pos < t.length) {
			const c = t[this.pos];
			if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.advanceTo(this.pos + 1);
			else if (t.startsWith('--', this.pos)) this.advanceTo(this.lineCommentEnd());
			else if (t.startsWith('/*', this.pos)) this.advanceTo(this.blockCommentEnd());
			else break;
		}
	}

	/**
	 * X.680 12.6.3: `--` ends at the next `--` or at the end of the line. In a run of dashes
	 * the pairs alternate closing and opening; an odd dash left after a closing pair (a rule
	 * line `-- title ---`) is taken into the comment instead of standing alone as a minus.
	 */
	private lineCommentEnd(): number {
		const t = this.text;
		for (let i = this.pos + 2; i < t.length; i++) {
			const c = t[i];
			if (c === '\n' || c === '\r') return i;
			if (c !== '-' || t[i + 1] !== '-') continue;
			let run = 2;
			while (t[i + run] === '-') run++;
			if (Math.floor(run / 2) % 2 === 1) return i + run;
			i += run - 1;
		}
		return t.length;
	}

	/** X.680 12.6.4: `/* ... *\/`, nested. */
	private blockCommentEnd(): number {
		const t = this.text;
		let depth = 0;
		for (let i = this.pos; i < t.length; i++) {
			if (t.startsWith('/*', i)) {
				depth++;
				i++;
			} else if (t.startsWith('*/', i)) {
				depth--;
				i++;
				if (depth === 0) return i + 1;
			}
		}
		throw new Asn1Error('comment opened with /* is never closed by */', this.place());
	}

	next(): Token {
		const place = this.place();
		const c = this.text[this.pos];
		const word = this.match(WORD);
		if (word !== null) {
			const kind = c >= 'a' && c <= 'z' ? 'identifier' : 'typereference';
			return this.take({ kind, text: word, place });
		}
		const digits = this.match(DIGITS);
		if (digits !== null) return this.take({ kind: 'number', text: digits, place });
		if (c === '&') return this.fieldReference(place);
		if (c === '"') return this.cstring(place);
		if (c === "'") return this.bitsOrHex(place);
		const p = PUNCTUATION.find((s) => this.text.startsWith(s, this.pos));
		if (p) return this.take({ kind: 'punct', text: p, place });
		throw new Asn1Error(`unexpected character ${JSON.stringify(c)}: no ASN.1 item starts with it`, place);
	}

	private match(re: RegExp): string | null {
		re.lastIndex = this.pos;
		const m = re.exec(this.text);
		return m ? m[0] : null;
	}

	private take(token: Token): Token {
		this.advanceTo(this.pos + token.text.length);
		return token;
	}

	private fieldReference(place: SourcePlace): Token {
		WORD.lastIndex = this.pos + 1;
		const m = WORD.exec(this.text);
		if (!m) throw new Asn1Error('expected a field name after &', place);
		const token: Token = { kind: 'fieldreference', text: '&' + m[0], place };
		this.advanceTo(this.pos + token.text.length);
		return token;
	}

	/** `'...'B` or `'...'H`; white space inside is dropped (X.680 12.10, 12.12). */
	private bitsOrHex(place: SourcePlace): Token {
		const close = this.text.indexOf("'", this.pos + 1);
		if (close < 0) throw new Asn1Error("string opened with ' is never closed", place);
		const digits = this.text.slice(this.pos + 1, close).replace(/\s+/g, '');
		const radix = this.text[close + 1];
		const ok = radix === 'B' ? /^[01]*$/.test(digits) : radix === 'H' ? /^[0-9A-F]*$/.test(digits) : false;
		if (!ok) throw new Asn1Error("expected a binary string '0101'B or a hexadecimal string 'A0F'H", place);
		this.advanceTo(close + 2);
		return { kind: radix === 'B' ? 'bstring' : 'hstring', text: digits, place };
	}

	private cstring(place: SourcePlace): Token {
		const t = this.text;
		let value = '';
		for (let i = this.pos + 1; i < t.length; i++) {
			if (t[i] !== '"') value += t[i];
			else if (t[i + 1] === '"') {
				value += '"';
				i++;
			} else {
				this.advanceTo(i + 1);
				return { kind: 'cstring', text: value, place };
			}
		}
		throw new Asn1Error('character string opened with " is never closed', place);
	}
}
