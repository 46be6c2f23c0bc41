// What an `error:` line may show of a value: a short prefix and its length, never a whole input
// (a 1 MB value would make a 1 MB line), and no control characters (a terminal would act on them).

/** Characters of a value shown before it is cut. */
export const QUOTE_MAX = 60;
/** An unquoted run of non-space characters (a path, a file name) longer than this is cut too. */
const TOKEN_MAX = 200;
/** The longest message kept whole. */
const LINE_MAX = 1000;

/**
 * `value` as a JSON string cut to QUOTE_MAX characters: `"abc"`, or `"aaaa…"…(1048576 chars)`
 * for a longer one (N counts the value's UTF-16 characters). For messages that name a value.
 */
export function quoted(value: string, max = QUOTE_MAX): string {
	if (value.length <= max) return JSON.stringify(value);
	return `${JSON.stringify(cutAt(value, max))}…(${value.length} chars)`;
}

/** Cuts `s` to at most `n` characters without splitting a surrogate pair. */
function cutAt(s: string, n: number): string {
	const code = s.charCodeAt(n - 1);
	return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/**
 * A message made fit for one line: each double-quoted value (JSON-escaped text as the codec
 * writes it) over QUOTE_MAX characters cut as `quoted` cuts it, each unquoted run of non-space
 * characters over TOKEN_MAX cut, control characters escaped as `\xNN` (line breaks too), and the
 * whole kept to LINE_MAX characters. Linear in the message's length.
 */
export function shortMessage(message: string): string {
	let out = '';
	let i = 0;
	let quotes = true; // false once a quote is found never closed: none after it closes either
	while (i < message.length && out.length <= LINE_MAX) {
		const c = message[i];
		const end = c === '"' && quotes ? closingQuote(message, i) : -1;
		if (end >= 0) {
			out += shortQuoted(message.slice(i + 1, end));
			i = end + 1;
		} else if (c === '"') {
			out += c; // a quote never closed (a value already cut by its writer): plain text
			quotes = false;
			i++;
		} else if (/\s/.test(c)) {
			out += c;
			i++;
		} else {
			let end = i;
			while (end < message.length && message[end] !== '"' && !/\s/.test(message[end])) end++;
			const token = message.slice(i, end);
			out += token.length > TOKEN_MAX ? `${cutAt(token, QUOTE_MAX)}…(${token.length} chars)` : token;
			i = end;
		}
	}
	if (out.length > LINE_MAX) out = `${cutAt(out, LINE_MAX)}…(${message.length} chars in all)`;
	return out.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The index of the quote closing the one at `open` (a backslash escapes the next character), or -1. */
function closingQuote(s: string, open: number): number {
	for (let j = open + 1; j < s.length; j++) {
		if (s[j] === '\\') j++;
		else if (s[j] === '"') return j;
	}
	return -1;
}

/** A quoted segment's inner text (still escaped) back in quotes, cut when long, never inside an escape. */
function shortQuoted(inner: string): string {
	if (inner.length <= QUOTE_MAX) return `"${inner}"`;
	let cut = cutAt(inner, QUOTE_MAX);
	const slash = cut.lastIndexOf('\\');
	// an escape (\n, \", \u00e9) that the cut would split: cut before it
	if (slash >= 0 && slash + (cut[slash + 1] === 'u' ? 6 : 2) > cut.length) {
		let run = 0;
		for (let k = slash; k >= 0 && cut[k] === '\\'; k--) run++;
		if (run % 2 === 1) cut = cut.slice(0, slash);
	}
	return `"${cut}"…(${inner.length} chars)`;
}

/** One `error:` line, newline included, with the message shortened by shortMessage. */
export function errorLine(message: string): string {
	return `error: ${shortMessage(message)}\n`;
}
