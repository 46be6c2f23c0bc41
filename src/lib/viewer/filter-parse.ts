// The display filter language, parsed: Wireshark's grammar in small. Fields are dotted paths
// (`bsm.speed`, `sender`); comparisons == != < <= > >= (or eq ne lt le gt ge), `contains`,
// `matches` (a regular expression, case-insensitive), `in {a, b}`; && || ! (and or not) and
// parentheses; a bare field tests presence. Errors are ViewerError with the 1-based column.
import { ViewerError } from './errors';

export type Literal = { k: 'num'; v: number; col: number } | { k: 'str'; v: string; col: number; quoted: boolean };
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type FilterNode =
	| { k: 'field'; path: string; col: number }
	| { k: 'cmp'; op: CmpOp; field: { path: string; col: number }; value: Literal }
	| { k: 'contains'; field: { path: string; col: number }; value: Literal }
	| { k: 'matches'; field: { path: string; col: number }; value: Literal & { k: 'str' } }
	| { k: 'in'; field: { path: string; col: number }; values: Literal[] }
	| { k: 'and' | 'or'; a: FilterNode; b: FilterNode }
	| { k: 'not'; a: FilterNode };

type Tok = { t: 'ident' | 'num' | 'str' | 'op' | 'end'; v: string; n?: number; col: number };

const WORD_OPS: Record<string, string> = { and: '&&', or: '||', not: '!', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', contains: 'contains', matches: 'matches', in: 'in' };
const SYMBOLS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '{', '}', ',', '~'];

function fail(message: string, col: number): never {
	throw new ViewerError(`display filter, column ${col}: ${message}`, { column: col });
}

function stringToken(s: string, i: number): [Tok, number] {
	let v = '';
	let k = i + 1;
	for (; k < s.length && s[k] !== '"'; k++) {
		if (s[k] !== '\\') {
			v += s[k];
			continue;
		}
		const e = s[++k];
		if (e === undefined) break;
		v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
	}
	if (k >= s.length) fail('unterminated string: a closing " is missing', i + 1);
	return [{ t: 'str', v, col: i + 1 }, k + 1];
}

/** Splits the filter text into tokens; every token knows its 1-based column. */
export function tokenize(s: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	while (i < s.length) {
		const c = s[i];
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		const col = i + 1;
		const rest = s.slice(i);
		let m: RegExpExecArray | null;
		if (c === '"') {
			const [tok, next] = stringToken(s, i);
			out.push(tok);
			i = next;
		} else if ((m = /^[0-9a-fA-F]{2}(?:[:][0-9a-fA-F]{2})+(?![\w.])/.exec(rest))) {
			out.push({ t: 'str', v: m[0].replace(/:/g, '').toLowerCase(), col });
			i += m[0].length;
		} else if ((m = /^-?(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])/.exec(rest))) {
			out.push({ t: 'num', v: m[0], n: Number(m[0].replace(/^-0x/, '-0x')), col });
			if (m[0].startsWith('-0x')) out[out.length - 1].n = -Number(m[0].slice(1));
			i += m[0].length;
		} else if ((m = /^[0-9][0-9a-fA-F]*(?![\w.])/.exec(rest))) {
			out.push({ t: 'ident', v: m[0].toLowerCase(), col });
			i += m[0].length;
		} else if ((m = /^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*/.exec(rest))) {
			const word = m[0];
			out.push(WORD_OPS[word.toLowerCase()] ? { t: 'op', v: WORD_OPS[word.toLowerCase()], col } : { t: 'ident', v: word, col });
			i += word.length;
		} else {
			const sym = SYMBOLS.find((x) => rest.startsWith(x));
			if (!sym) fail(`unexpected character "${c}"`, col);
			out.push({ t: 'op', v: sym === '~' ? 'matches' : sym, col });
			i += sym.length;
		}
	}
	out.push({ t: 'end', v: '', col: s.length + 1 });
	return out;
}

/** Recursive descent over the tokens: or := and (|| and)*; and := unary (&& unary)*; unary := ! unary | primary. */
class Parser {
	private p = 0;
	constructor(private readonly toks: Tok[]) {}
	private peek(): Tok {
		return this.toks[this.p];
	}
	private next(): Tok {
		return this.toks[this.p++];
	}
	private isOp(v: string): boolean {
		const t = this.peek();
		return t.t === 'op' && t.v === v;
	}
	private expect(v: string, what: string): void {
		const t = this.peek();
		if (!this.isOp(v)) fail(`expected ${what}, got ${describeTok(t)}`, t.col);
		this.p++;
	}
	parse(): FilterNode {
		const n = this.or();
		const t = this.peek();
		if (t.t !== 'end') fail(`unexpected ${describeTok(t)} after a complete expression (missing && or ||?)`, t.col);
		return n;
	}
	private or(): FilterNode {
		let a = this.and();
		while (this.isOp('||')) {
			this.p++;
			a = { k: 'or', a, b: this.and() };
		}
		return a;
	}
	private and(): FilterNode {
		let a = this.unary();
		while (this.isOp('&&')) {
			this.p++;
			a = { k: 'and', a, b: this.unary() };
		}
		return a;
	}
	private unary(): FilterNode {
		if (this.isOp('!')) {
			this.p++;
			return { k: 'not', a: this.unary() };
		}
		if (this.isOp('(')) {
			this.p++;
			const n = this.or();
			this.expect(')', 'a closing ")"');
			return n;
		}
		return this.relation();
	}
	private relation(): FilterNode {
		const t = this.next();
		if (t.t !== 'ident') fail(`expected a field name, got ${describeTok(t)}`, t.col);
		const field = { path: t.v, col: t.col };
		const op = this.peek();
		if (op.t !== 'op' || ['&&', '||', ')', '!', '(', '{', '}', ','].includes(op.v)) return { k: 'field', ...field };
		this.p++;
		if (op.v === 'in') return { k: 'in', field, values: this.set() };
		const value = this.literal();
		if (op.v === 'contains') return { k: 'contains', field, value };
		if (op.v === 'matches') {
			if (value.k !== 'str') fail('"matches" wants a regular expression in quotes', value.col);
			return { k: 'matches', field, value };
		}
		return { k: 'cmp', op: op.v as CmpOp, field, value };
	}
	private literal(): Literal {
		const t = this.next();
		if (t.t === 'num') return { k: 'num', v: t.n!, col: t.col };
		if (t.t === 'str') return { k: 'str', v: t.v, col: t.col, quoted: true };
		if (t.t === 'ident') return { k: 'str', v: t.v, col: t.col, quoted: false };
		return fail(`expected a value (a number, a "string" or a name), got ${describeTok(t)}`, t.col);
	}
	/** `{ a, b c }`: values separated by commas or spaces (Wireshark takes both). */
	private set(): Literal[] {
		this.expect('{', 'a "{" to open the set after "in"');
		const out: Literal[] = [];
		while (!this.isOp('}')) {
			if (this.peek().t === 'end') fail('unterminated set: a closing "}" is missing', this.peek().col);
			out.push(this.literal());
			if (this.isOp(',')) this.p++;
		}
		this.p++;
		if (!out.length) fail('an empty set matches nothing', this.toks[this.p - 1].col);
		return out;
	}
}

function describeTok(t: Tok): string {
	return t.t === 'end' ? 'the end of the filter' : t.t === 'str' ? `"${t.v}"` : `"${t.v}"`;
}

/** The filter's syntax tree. Throws ViewerError naming the column of the first mistake. */
export function parseFilter(text: string): FilterNode {
	if (typeof text !== 'string') throw new ViewerError('a display filter must be text');
	return new Parser(tokenize(text)).parse();
}
