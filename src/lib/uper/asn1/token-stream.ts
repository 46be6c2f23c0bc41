// A cursor over lexical items with the checks every parsing step needs: what comes next, and
// an error naming the place and what was expected when it is not there.
import { Asn1Error, type SourcePlace } from './errors';
import type { Token, TokenKind } from './lexer';

/** Deeper nesting than this in one type or constraint is refused, so no input overflows the stack. */
export const MAX_NESTING = 48;

export class TokenStream {
	private i = 0;
	private depth = 0;

	constructor(private readonly tokens: Token[]) {}

	peek(ahead = 0): Token {
		return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
	}

	next(): Token {
		const t = this.peek();
		if (this.i < this.tokens.length - 1) this.i++;
		return t;
	}

	/** True (and consumed) when the next item is `text` (punctuation or word). */
	accept(text: string): boolean {
		const t = this.peek();
		if (!isWord(t) || t.text !== text) return false;
		this.next();
		return true;
	}

	/** True when the next item is `text`, without consuming it. */
	at(text: string, ahead = 0): boolean {
		const t = this.peek(ahead);
		return isWord(t) && t.text === text;
	}

	expect(text: string, what = `"${text}"`): Token {
		if (!this.at(text)) this.fail(what);
		return this.next();
	}

	expectKind(kind: TokenKind, what: string): Token {
		if (this.peek().kind !== kind) this.fail(what);
		return this.next();
	}

	/** Throws "expected X, found Y" at the next item. */
	fail(expected: string): never {
		const t = this.peek();
		const found = t.kind === 'eof' ? t.text : JSON.stringify(t.text);
		throw new Asn1Error(`expected ${expected}, found ${found}`, t.place);
	}

	/** Runs `parse` one nesting level deeper; refuses beyond `MAX_NESTING`. */
	nested<T>(place: SourcePlace, parse: () => T): T {
		if (++this.depth > MAX_NESTING) {
			throw new Asn1Error(`nesting deeper than ${MAX_NESTING} levels`, place);
		}
		try {
			return parse();
		} finally {
			this.depth--;
		}
	}
}

/** Items whose text is what was written (not a string's contents, not the end of file). */
function isWord(t: Token): boolean {
	return t.kind !== 'eof' && t.kind !== 'cstring' && t.kind !== 'bstring' && t.kind !== 'hstring';
}
