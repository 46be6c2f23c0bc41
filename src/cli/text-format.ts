// Protobuf text format as `protoc --decode` prints it, read back and compared with our proto3
// JSON, for the protoc interop test. Only what protoc prints: `name: scalar` and `name { ... }`,
// one field per line, repeated fields as repeated names.

/** A scalar as protoc wrote it: a quoted string (its bytes), a number, or an identifier. */
export type TextScalar = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'number'; text: string } | { kind: 'ident'; text: string };
/** A message: each field name (as in the .proto, snake_case) with its values in order. */
export interface TextMessage {
	[field: string]: (TextScalar | TextMessage)[];
}

const TOKEN = /\s*(?:("(?:[^"\\\n]|\\.)*")|([{}:])|([-+.\w]+))/y;
/** Whether anything but whitespace is left from lastIndex on. */
const MORE = /\S/g;
/** Deepest nesting read (protoc itself stops at 100). */
const MAX_DEPTH = 200;

/**
 * Parses protoc's text output, in time linear in its length.
 * @throws Error naming the character offset where the text stops making sense, or the depth
 *   when messages nest deeper than MAX_DEPTH
 */
export function parseTextFormat(text: string): TextMessage {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	for (;;) {
		MORE.lastIndex = TOKEN.lastIndex;
		if (!MORE.test(text)) break;
		const at = TOKEN.lastIndex;
		const m = TOKEN.exec(text);
		if (!m) throw new Error(`text format: cannot read at offset ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
		tokens.push(m[1] ?? m[2] ?? m[3]);
	}
	let i = 0;
	const message = (closing: boolean, depth: number): TextMessage => {
		if (depth > MAX_DEPTH) throw new Error(`text format: messages nested deeper than ${MAX_DEPTH} (token ${i})`);
		const msg: TextMessage = {};
		while (i < tokens.length && tokens[i] !== '}') {
			const name = tokens[i++];
			let value: TextScalar | TextMessage;
			if (tokens[i] === '{') {
				i++;
				value = message(true, depth + 1);
			} else {
				if (tokens[i++] !== ':') throw new Error(`text format: ":" or "{" expected after ${name}`);
				value = scalar(tokens[i++]);
			}
			(msg[name] ??= []).push(value);
		}
		if (closing && tokens[i++] !== '}') throw new Error('text format: missing "}"');
		return msg;
	};
	const root = message(false, 0);
	if (i !== tokens.length) throw new Error('text format: unbalanced "}"');
	return root;
}

function scalar(token: string | undefined): TextScalar {
	if (token === undefined) throw new Error('text format: value expected');
	if (token.startsWith('"')) return { kind: 'bytes', bytes: unescape(token.slice(1, -1)) };
	return /^[-+]?(\d|\.\d|inf|nan)/i.test(token) ? { kind: 'number', text: token } : { kind: 'ident', text: token };
}

const SIMPLE: Record<string, number> = { n: 10, r: 13, t: 9, '"': 34, "'": 39, '\\': 92, a: 7, b: 8, f: 12, v: 11, '?': 63 };

const OCTAL = /[0-7]{1,3}/y;
const HEX = /x([0-9a-fA-F]{1,2})/y;

/** C-style escapes (protoc writes non-ASCII bytes as \ooo octal) to the bytes they stand for; linear in the text. */
function unescape(s: string): Uint8Array {
	const out: number[] = [];
	const utf8 = new TextEncoder();
	let plain = 0; // start of the run of characters without escapes
	const takePlain = (end: number) => {
		if (end > plain) for (const b of utf8.encode(s.slice(plain, end))) out.push(b);
	};
	for (let i = 0; i < s.length; i++) {
		if (s[i] !== '\\') continue;
		takePlain(i);
		OCTAL.lastIndex = HEX.lastIndex = i + 1;
		const oct = OCTAL.exec(s);
		const hex = oct ? null : HEX.exec(s);
		if (oct) {
			out.push(parseInt(oct[0], 8));
			i += oct[0].length;
		} else if (hex) {
			out.push(parseInt(hex[1], 16));
			i += hex[0].length;
		} else if (s[i + 1] in SIMPLE) out.push(SIMPLE[s[++i]]);
		else throw new Error(`text format: unknown escape \\${s[i + 1]}`);
		plain = i + 1;
	}
	takePlain(s.length);
	return new Uint8Array(out);
}

/** proto3 JSON's field name: lowerCamelCase of the .proto name (protobuf's ToJsonName). */
export const jsonName = (field: string) => field.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * Every difference between protoc's view of a message and our proto3 JSON of it, as
 * `path: protoc …, ours …` lines; empty when they hold the same values. Needs no schema: the text
 * says what each value is. A quoted value matches a JSON string equal to its UTF-8 text (string)
 * or its base64 (bytes); numbers match by value (64-bit exactly, floats at float32 precision,
 * as JSON may carry a float field's widened double); identifiers match enum names and booleans.
 */
export function diffTextJson(text: TextMessage, json: unknown, path = ''): string[] {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) return [`${path || '(root)'}: protoc has a message, ours ${JSON.stringify(json)}`];
	const ours = json as Record<string, unknown>;
	const out: string[] = [];
	const names = new Set([...Object.keys(text).map(jsonName), ...Object.keys(ours)]);
	for (const name of names) {
		const theirs = Object.entries(text).find(([k]) => jsonName(k) === name)?.[1] ?? [];
		const mine = ours[name] === undefined ? [] : Array.isArray(ours[name]) ? (ours[name] as unknown[]) : [ours[name]];
		const at = path ? `${path}.${name}` : name;
		if (theirs.length !== mine.length) {
			out.push(`${at}: protoc has ${theirs.length} value(s), ours ${mine.length}`);
			continue;
		}
		theirs.forEach((v, k) => {
			const here = theirs.length > 1 || Array.isArray(ours[name]) ? `${at}[${k}]` : at;
			if (isScalar(v)) {
				if (!scalarMatches(v, mine[k])) out.push(`${here}: protoc ${show(v)}, ours ${JSON.stringify(mine[k])}`);
			} else out.push(...diffTextJson(v, mine[k], here));
		});
	}
	return out;
}

// A message's fields are arrays, so a field named "kind" cannot pass for a scalar.
const isScalar = (v: TextScalar | TextMessage): v is TextScalar => typeof (v as TextScalar).kind === 'string';

function show(v: TextScalar): string {
	return v.kind === 'bytes' ? `"${Buffer.from(v.bytes).toString('latin1')}" (${Buffer.from(v.bytes).toString('hex')})` : v.text;
}

function scalarMatches(v: TextScalar, json: unknown): boolean {
	if (v.kind === 'bytes') {
		const b = Buffer.from(v.bytes);
		return typeof json === 'string' && (json === b.toString('base64') || (json === b.toString('utf8') && Buffer.from(json, 'utf8').equals(b)));
	}
	if (v.kind === 'ident') {
		if (v.text === 'true' || v.text === 'false') return json === (v.text === 'true');
		if (/^-?(inf|infinity|nan)$/i.test(v.text)) return numberMatches(v.text, json);
		return json === v.text;
	}
	return numberMatches(v.text, json);
}

function numberMatches(text: string, json: unknown): boolean {
	if (typeof json !== 'number' && typeof json !== 'string') return false;
	const special = (t: string) => t.toLowerCase().replace(/^(-?)inf(inity)?$/, '$1Infinity').replace(/^nan$/, 'NaN');
	const a = special(text);
	const b = String(json);
	if (/^-?\d+$/.test(a) && /^-?\d+$/.test(b)) return BigInt(a) === BigInt(b);
	const x = Number(a);
	const y = Number(b);
	return Object.is(x, y) || Object.is(Math.fround(x), Math.fround(y));
}
