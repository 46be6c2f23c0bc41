// A strict JSON reader (RFC 8259) that remembers where every value came from. JSON.parse loses
// what proto3 JSON needs: the source text of numbers (a uint64 beyond 2^53 must stay exact),
// duplicate keys (Google's parsers refuse them) and the position of a bad value. Iterative, with
// a nesting limit, so hostile input cannot exhaust the call stack.
import { Cv2xError } from './errors';
import type { JsonValue } from './json';

/** Where a value starts in the text, and a number's exact source text. */
export interface JsonSpan {
	/** UTF-16 character offset of the value's first character. */
	char: number;
	/** 1-based line and column of that character. */
	line: number;
	column: number;
	/** For numbers: the literal as written, e.g. `9007199254740993` or `1e2`. */
	raw?: string;
}

// Each container keeps its members' spans (key or index -> span) under a non-enumerable symbol:
// invisible to Object.keys, JSON.stringify, spreading and equality, and unlike a WeakMap of
// containers it adds no work for the garbage collector (a WeakMap made reading 1.8x slower).
const SPANS = Symbol('jsonSpans');
type WithSpans = { [SPANS]?: Map<string | number, JsonSpan> };

/** Where a member of a container parsed by `readJson` came from (undefined for other objects). */
export function memberSpan(container: object, key: string | number): JsonSpan | undefined {
	return (container as WithSpans)[SPANS]?.get(key);
}

/** Containers nested deeper than this are refused (Google's parsers stop at 100 messages). */
export const MAX_JSON_DEPTH = 100;

type Frame = { value: JsonValue[] | Record<string, JsonValue>; key?: string; spans: Map<string | number, JsonSpan> };

class Scanner {
	pos = 0;
	line = 1;
	lineStart = 0;
	constructor(readonly text: string) {}

	span(raw?: string): JsonSpan {
		const s: JsonSpan = { char: this.pos, line: this.line, column: this.pos - this.lineStart + 1 };
		if (raw !== undefined) s.raw = raw;
		return s;
	}

	fail(msg: string, at = this.pos): never {
		const before = this.text.slice(this.lineStart, at);
		const column = at >= this.lineStart ? before.length + 1 : 1;
		throw new Cv2xError('bad_json', `not valid JSON: ${msg}`, { char: at, line: this.line, column },
			{ key: 'badJson', params: { where: ` (line ${this.line}, column ${column})` } });
	}

	/** Skips JSON whitespace (space, tab, CR, LF only) and returns the next character or ''. */
	peek(): string {
		const t = this.text;
		while (this.pos < t.length) {
			const c = t.charCodeAt(this.pos);
			if (c === 0x0a) {
				this.pos++;
				this.line++;
				this.lineStart = this.pos;
			} else if (c === 0x20 || c === 0x09 || c === 0x0d) this.pos++;
			else break;
		}
		return t[this.pos] ?? '';
	}

	expect(c: string): void {
		if (this.peek() !== c) this.fail(this.pos < this.text.length ? `expected "${c}", found ${describe(this.text, this.pos)}` : `expected "${c}", found the end of the text`);
		this.pos++;
	}

	literal(word: string, value: JsonValue): JsonValue {
		if (this.text.startsWith(word, this.pos)) {
			this.pos += word.length;
			return value;
		}
		return this.fail(`unexpected ${describe(this.text, this.pos)}`);
	}

	number(): { value: number; raw: string } {
		const t = this.text;
		const start = this.pos;
		let i = start;
		const digits = () => {
			const from = i;
			while (i < t.length && t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
			if (i === from) this.fail(`a number needs a digit here, found ${describe(t, i)}`, i);
		};
		if (t[i] === '-') i++;
		if (t[i] === '0') i++;
		else digits();
		if (t[i] === '.') {
			i++;
			digits();
		}
		if (t[i] === 'e' || t[i] === 'E') {
			i++;
			if (t[i] === '+' || t[i] === '-') i++;
			digits();
		}
		const raw = t.slice(start, i);
		this.pos = i;
		return { value: Number(raw), raw };
	}

	string(): string {
		const t = this.text;
		const start = this.pos++; // the opening quote
		let out = '';
		let run = this.pos;
		for (;;) {
			if (this.pos >= t.length) this.fail('string without its closing quote', start);
			const c = t.charCodeAt(this.pos);
			if (c === 0x22) break;
			if (c < 0x20) this.fail(`control character U+${c.toString(16).padStart(4, '0')} must be escaped in a string`);
			if (c === 0x5c) {
				out += t.slice(run, this.pos);
				out += this.escape();
				run = this.pos;
				continue;
			}
			if (c >= 0xd800 && c <= 0xdfff) {
				const next = t.charCodeAt(this.pos + 1);
				if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) this.fail('lone surrogate: strings must be valid Unicode');
				this.pos += 2;
				continue;
			}
			this.pos++;
		}
		out += t.slice(run, this.pos);
		this.pos++;
		return out;
	}

	private hex4(at: number): number {
		const h = this.text.slice(at, at + 4);
		if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail('\\u wants four hex digits', at);
		return parseInt(h, 16);
	}

	/** One escape sequence at `pos` (the backslash); a surrogate pair is read as one. */
	private escape(): string {
		const t = this.text;
		const at = this.pos;
		const e = t[at + 1];
		const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
		if (e !== undefined && e in simple) {
			this.pos += 2;
			return simple[e];
		}
		if (e !== 'u') this.fail(`bad escape ${JSON.stringify('\\' + (e ?? ''))}`, at);
		const u = this.hex4(at + 2);
		this.pos = at + 6;
		if (u >= 0xdc00 && u <= 0xdfff) this.fail('lone low surrogate \\u' + u.toString(16) + ': strings must be valid Unicode', at);
		if (u >= 0xd800 && u <= 0xdbff) {
			if (t[this.pos] !== '\\' || t[this.pos + 1] !== 'u') this.fail('lone high surrogate \\u' + u.toString(16) + ': strings must be valid Unicode', at);
			const lo = this.hex4(this.pos + 2);
			if (lo < 0xdc00 || lo > 0xdfff) this.fail('lone high surrogate \\u' + u.toString(16) + ': strings must be valid Unicode', at);
			this.pos += 6;
			return String.fromCharCode(u, lo);
		}
		return String.fromCharCode(u);
	}
}

function describe(t: string, i: number): string {
	return i >= t.length ? 'the end of the text' : JSON.stringify(t[i]);
}

/**
 * Reads one JSON text (RFC 8259, nothing more: no comments, NaN or trailing commas) into plain
 * values, keeping each member's position and each number's source text (see `memberSpan`).
 * Duplicate keys and strings that are not valid Unicode (lone surrogates) are refused.
 * Errors: Cv2xError `bad_json` with the character offset, line and column.
 */
export function readJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonValue {
	const s: Scanner = new Scanner(text);
	const stack: Frame[] = [];
	let result: JsonValue | undefined;
	let done = false;
	while (!done) {
		// read one value (or open a container) at the current position
		const c = s.peek();
		const here = s.span();
		let value: JsonValue;
		let opened: Frame | undefined;
		if (c === '{' || c === '[') {
			if (stack.length >= maxDepth) s.fail(`nested deeper than ${maxDepth} levels`);
			s.pos++;
			opened = { value: c === '{' ? {} : [], spans: new Map() };
			Object.defineProperty(opened.value, SPANS, { value: opened.spans });
			value = opened.value;
		} else if (c === '"') value = s.string();
		else if (c === '-' || (c >= '0' && c <= '9')) {
			const n = s.number();
			here.raw = n.raw;
			value = n.value;
		} else if (c === 't') value = s.literal('true', true);
		else if (c === 'f') value = s.literal('false', false);
		else if (c === 'n') value = s.literal('null', null);
		else s.fail(c === '' ? 'the text ends where a value should be' : `unexpected ${describe(text, s.pos)}`);
		// store it in its container
		const top = stack[stack.length - 1];
		if (!top) result = value;
		else if (Array.isArray(top.value)) {
			top.spans.set(top.value.length, here);
			top.value.push(value);
		} else {
			const key = top.key!;
			top.spans.set(key, here);
			// "__proto__" as a plain key, as JSON.parse makes it, not the object's prototype
			if (key === '__proto__') Object.defineProperty(top.value, key, { value, enumerable: true, writable: true, configurable: true });
			else top.value[key] = value;
		}
		if (opened) {
			stack.push(opened);
			if (!openMember(s, opened, true)) {
				stack.pop(); // empty: closed at once
				done = closeContainers(s, stack);
			}
		} else done = closeContainers(s, stack);
	}
	if (s.peek() !== '') s.fail(`unexpected ${describe(text, s.pos)} after the JSON value`);
	return result as JsonValue;
}

/**
 * Positions the scanner at the next member's value of the innermost container: reads `,` (unless
 * first) and, in objects, the key and `:`. Returns false when the container closes instead.
 */
function openMember(s: Scanner, f: Frame, first: boolean): boolean {
	const isArray = Array.isArray(f.value);
	const close = isArray ? ']' : '}';
	const c = s.peek();
	if (c === close && first) {
		s.pos++;
		return false;
	}
	if (!first) {
		if (c === close) {
			s.pos++;
			return false;
		}
		if (c !== ',') s.fail(c === '' ? `the text ends inside ${isArray ? 'an array' : 'an object'}` : `expected "," or "${close}", found ${describe(s.text, s.pos)}`);
		s.pos++;
	}
	if (isArray) return true;
	if (s.peek() !== '"') s.fail(`expected a key in quotes, found ${describe(s.text, s.pos)}`);
	const at = s.pos;
	const key = s.string();
	if (f.spans.has(key)) s.fail(`duplicate key ${JSON.stringify(key.length > 40 ? key.slice(0, 40) : key)}${key.length > 40 ? '…' : ''}`, at);
	f.key = key;
	s.expect(':');
	return true;
}

/** After a value: closes every container that ends here; true when the whole text is read. */
function closeContainers(s: Scanner, stack: Frame[]): boolean {
	while (stack.length) {
		if (openMember(s, stack[stack.length - 1], false)) return false;
		stack.pop();
	}
	return true;
}
