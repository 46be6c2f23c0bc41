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
	let i = 0;
	const n = text.length;
	const fail = (message: string, at = i): never => {
		throw { index: at, message } satisfies JsonSyntaxProblem;
	};
	const what = () => (i >= n ? 'end of text' : `"${text[i]}"`);
	const ws = () => {
		while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
	};
	const literal = (word: string) => {
		for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail(`unexpected ${what()} in "${word}"`);
	};
	const string = () => {
		i++; // opening quote
		for (;;) {
			if (i >= n) fail('unterminated string');
			const c = text.charCodeAt(i);
			if (c === 0x22) {
				i++;
				return;
			}
			if (c < 0x20) fail('control character in a string (escape it)');
			if (c === 0x5c) {
				const e = text[i + 1];
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape: want 4 hex digits');
					i += 6;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
				else fail(`bad escape "\\${e ?? ''}"`);
				continue;
			}
			i++;
		}
	};
	const digits = () => {
		const s = i;
		while (i < n && text[i] >= '0' && text[i] <= '9') i++;
		if (i === s) fail(`expected a digit, got ${what()}`);
	};
	const number = () => {
		if (text[i] === '-') i++;
		if (text[i] === '0') i++;
		else digits();
		if (text[i] === '.') {
			i++;
			digits();
		}
		if (text[i] === 'e' || text[i] === 'E') {
			i++;
			if (text[i] === '+' || text[i] === '-') i++;
			digits();
		}
	};
	const value = (depth: number): void => {
		if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			ws();
			if (text[i] === '}') {
				i++;
				return;
			}
			for (;;) {
				ws();
				if (text[i] !== '"') fail(`expected a property name in double quotes, got ${what()}`);
				string();
				ws();
				if (text[i] !== ':') fail(`expected ":" after the property name, got ${what()}`);
				i++;
				value(depth + 1);
				ws();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === '}') {
					i++;
					return;
				}
				fail(`expected "," or "}" in an object, got ${what()}`);
			}
		}
		if (c === '[') {
			i++;
			ws();
			if (text[i] === ']') {
				i++;
				return;
			}
			for (;;) {
				value(depth + 1);
				ws();
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === ']') {
					i++;
					return;
				}
				fail(`expected "," or "]" in an array, got ${what()}`);
			}
		}
		if (c === '"') return string();
		if (c === '-' || (c >= '0' && c <= '9')) return number();
		if (c === 't') return literal('true');
		if (c === 'f') return literal('false');
		if (c === 'n') return literal('null');
		fail(`expected a value, got ${what()}`);
	};
	try {
		value(0);
		ws();
		if (i < n) fail(`unexpected ${what()} after the JSON value`);
		return null;
	} catch (e) {
		if (typeof e === 'object' && e !== null && 'index' in e) return e as JsonSyntaxProblem;
		throw e;
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
