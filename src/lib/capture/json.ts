// Where JSON text goes wrong. JSON.parse does the parsing; when it fails, this scanner finds
// the position and says what was expected there (engines differ in whether, and how, their
// messages give a position).

export interface JsonSyntaxProblem {
	/** Index in the text (UTF-16 code units) where it goes wrong. */
	index: number;
	message: string;
}

const MAX_DEPTH = 512;

/** The first syntax error in `text` (one JSON value with optional whitespace), or null. */
export function findJsonError(text: string): JsonSyntaxProblem | null {
	const scan = new JsonScanner(text);
	try {
		scan.value(0);
		scan.ws();
		if (scan.i < text.length) scan.fail(`unexpected ${scan.what()} after the JSON value`);
		return null;
	} catch (e) {
		if (e instanceof JsonProblem) return { index: e.index, message: e.message };
		throw e;
	}
}

class JsonProblem extends Error {
	constructor(
		readonly index: number,
		message: string
	) {
		super(message);
	}
}

/** RFC 8259 grammar, one method per production; depth is bounded, so recursion is too. */
class JsonScanner {
	i = 0;
	private readonly n: number;

	constructor(private readonly text: string) {
		this.n = text.length;
	}

	fail(message: string, at = this.i): never {
		throw new JsonProblem(at, message);
	}

	what(): string {
		return this.i >= this.n ? 'end of text' : `"${this.text[this.i]}"`;
	}

	ws() {
		const t = this.text;
		while (this.i < this.n && (t[this.i] === ' ' || t[this.i] === '\t' || t[this.i] === '\n' || t[this.i] === '\r')) this.i++;
	}

	value(depth: number): void {
		if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
		this.ws();
		const c = this.text[this.i];
		if (c === '{') return this.object(depth);
		if (c === '[') return this.array(depth);
		if (c === '"') return this.string();
		if (c === '-' || (c >= '0' && c <= '9')) return this.number();
		if (c === 't') return this.literal('true');
		if (c === 'f') return this.literal('false');
		if (c === 'n') return this.literal('null');
		this.fail(`expected a value, got ${this.what()}`);
	}

	private object(depth: number) {
		this.i++;
		this.ws();
		if (this.text[this.i] === '}') {
			this.i++;
			return;
		}
		for (;;) {
			this.ws();
			if (this.text[this.i] !== '"') this.fail(`expected a property name in double quotes, got ${this.what()}`);
			this.string();
			this.ws();
			if (this.text[this.i] !== ':') this.fail(`expected ":" after the property name, got ${this.what()}`);
			this.i++;
			this.value(depth + 1);
			if (this.closes('}')) return;
		}
	}

	private array(depth: number) {
		this.i++;
		this.ws();
		if (this.text[this.i] === ']') {
			this.i++;
			return;
		}
		for (;;) {
			this.value(depth + 1);
			if (this.closes(']')) return;
		}
	}

	/** After a member: true at the closing bracket, false after a comma (more follow). */
	private closes(close: '}' | ']'): boolean {
		this.ws();
		const c = this.text[this.i];
		if (c === ',' || c === close) {
			this.i++;
			return c === close;
		}
		this.fail(`expected "," or "${close}" in an ${close === '}' ? 'object' : 'array'}, got ${this.what()}`);
	}

	private literal(word: string) {
		for (let k = 0; k < word.length; k++, this.i++) if (this.text[this.i] !== word[k]) this.fail(`unexpected ${this.what()} in "${word}"`);
	}

	private string() {
		const t = this.text;
		this.i++; // opening quote
		for (;;) {
			if (this.i >= this.n) this.fail('unterminated string');
			const c = t.charCodeAt(this.i);
			if (c === 0x22) {
				this.i++;
				return;
			}
			if (c < 0x20) this.fail('control character in a string (escape it)');
			if (c !== 0x5c) {
				this.i++;
				continue;
			}
			const e = t[this.i + 1];
			if (e === 'u') {
				if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 2, this.i + 6))) this.fail('bad \\u escape: want 4 hex digits');
				this.i += 6;
			} else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
			else this.fail(`bad escape "\\${e ?? ''}"`);
		}
	}

	private digits() {
		const s = this.i;
		while (this.i < this.n && this.text[this.i] >= '0' && this.text[this.i] <= '9') this.i++;
		if (this.i === s) this.fail(`expected a digit, got ${this.what()}`);
	}

	private number() {
		const t = this.text;
		if (t[this.i] === '-') this.i++;
		if (t[this.i] === '0') this.i++;
		else this.digits();
		if (t[this.i] === '.') {
			this.i++;
			this.digits();
		}
		if (t[this.i] === 'e' || t[this.i] === 'E') {
			this.i++;
			if (t[this.i] === '+' || t[this.i] === '-') this.i++;
			this.digits();
		}
	}
}

/** Number of bytes `text` takes in UTF-8 (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}
