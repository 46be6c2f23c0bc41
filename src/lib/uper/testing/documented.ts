// Reads the decodes published beside the real frames (*.documented-decode.txt, result.txt: ASN.1
// value notation as asn1c-based tools print it) and checks a JER value against them. The printed
// form elides CHOICE alternatives (`offsetLL: Position-LLmD-64b ::= { lon, lat }`), prints
// ENUMERATED as `7 (unavailable)` or a bare number, OCTET STRING as spaced hex and BIT STRING as
// `00 00 (3 bits unused)`; the checker follows each of these. asn1c's XER (result.xml, the crafted
// SSM's .xer) is read into the same shape: an ENUMERATED or BOOLEAN is the text `<name/>`.
import type { JerValue } from './peer';

/** A published value: a leaf's text, a SEQUENCE's members, or a SEQUENCE OF's elements. */
export type DocValue = string | DocValue[] | { [member: string]: DocValue };

interface Open {
	entries: { name?: string; value: DocValue }[];
}

/** Collects a block's entries: all named -> object, all unnamed -> array (SEQUENCE OF). */
function close(block: Open): DocValue {
	if (block.entries.length > 0 && block.entries.every((e) => e.name === undefined)) return block.entries.map((e) => e.value);
	const o: { [member: string]: DocValue } = {};
	for (const e of block.entries) o[e.name ?? `#${Object.keys(o).length}`] = e.value;
	return o;
}

/** A published decode: its top-level values, and whether the text stops inside the last one. */
export interface DocumentedDecode {
	values: DocValue[];
	/** the text ends with blocks still open (the published MAP is cut off): they are closed there */
	truncated: boolean;
}

/**
 * Every top-level value in a published decode, in order (`TypeName ::= { ... }` blocks; headings
 * and blank lines between them are skipped). A text cut off inside a value gives what it has,
 * with `truncated` set. Throws on a `}` without a block.
 */
export function parseDocumentedDecode(text: string): DocumentedDecode {
	const out: DocValue[] = [];
	const stack: { name?: string; block: Open }[] = [];
	for (const [n, raw] of text.split(/\r?\n/).entries()) {
		const line = raw.trim();
		const opens = /^(?:([\w-]+):\s*)?[\w-]+\s*::=\s*\{$/.exec(line);
		if (opens) {
			stack.push({ name: opens[1], block: { entries: [] } });
		} else if (line === '}') {
			const done = stack.pop();
			if (!done) throw new Error(`line ${n + 1}: '}' without a block`);
			const value = close(done.block);
			if (stack.length === 0) out.push(value);
			else stack[stack.length - 1].block.entries.push({ name: done.name, value });
		} else if (stack.length > 0) {
			const leaf = /^([\w-]+):\s*(.*)$/.exec(line);
			if (leaf) stack[stack.length - 1].block.entries.push({ name: leaf[1], value: leaf[2].trim() });
		}
	}
	const truncated = stack.length > 0;
	while (stack.length > 0) {
		const done = stack.pop() as { name?: string; block: Open };
		const value = close(done.block);
		if (stack.length === 0) out.push(value);
		else stack[stack.length - 1].block.entries.push({ name: done.name, value });
	}
	return { values: out, truncated };
}

interface XerElement {
	name: string;
	children: XerElement[];
	text: string;
}

/** One XER element as a published value: text, `<name/>` for an enumeration, members, or list. */
function xerValue(e: XerElement): DocValue {
	if (e.children.length === 0) return e.text.trim();
	const [only] = e.children;
	if (e.children.length === 1 && only.children.length === 0 && only.text === '' && /^[a-z]/.test(only.name)) return `<${only.name}/>`;
	// XER names SEQUENCE OF elements (and an open type's value) by their type: upper case first
	if (e.children.every((c) => /^[A-Z]/.test(c.name))) return e.children.map(xerValue);
	const o: { [member: string]: DocValue } = {};
	for (const c of e.children) o[c.name] = xerValue(c);
	return o;
}

/**
 * The value inside an XER document's root element (X.693 basic XER as asn1c writes it: no
 * attributes, `<x/>` for enumerations). Throws on mismatched tags.
 */
export function parseXer(text: string): DocValue {
	const root: XerElement = { name: '#document', children: [], text: '' };
	const stack = [root];
	for (const m of text.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w-]+)\s*(\/?)>|([^<]+)/g)) {
		const top = stack[stack.length - 1];
		if (m[4] !== undefined) top.text += m[4];
		else if (m[1]) {
			if (top.name !== m[2] || stack.length === 1) throw new Error(`XER: </${m[2]}> closes <${top.name}>`);
			stack.pop();
		} else {
			const e: XerElement = { name: m[2], children: [], text: '' };
			top.children.push(e);
			if (!m[3]) stack.push(e);
		}
	}
	if (stack.length !== 1 || root.children.length !== 1) throw new Error('XER: not one complete root element');
	return xerValue(root.children[0]);
}

/** What checking a JER value against a published decode found. */
export interface DocCheck {
	/** leaves whose published text the JER value agrees with */
	agreed: string[];
	/** `path: published X, JER Y` for every disagreement or missing member */
	mismatches: string[];
	/** leaves the text cannot decide (an ENUMERATED printed as a bare number) */
	undecided: string[];
}

/**
 * Walks the published value and finds each member in `jer`, stepping through CHOICE
 * alternatives the print elides. Paths are like `participants[0].pos.offsetLL.lon`; a path in
 * `exclude` (or below it) is skipped, e.g. where SOURCES.md says the text belongs to a
 * neighbouring frame.
 */
export function checkDocumented(doc: DocValue, jer: JerValue, exclude: readonly string[] = []): DocCheck {
	const r: DocCheck = { agreed: [], mismatches: [], undecided: [] };
	walk(doc, jer, '', exclude, r);
	return r;
}

function isObject(v: JerValue | undefined): v is { [member: string]: JerValue } {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v` with the CHOICE alternatives the print leaves out stepped through, while `name` is not found. */
function member(v: JerValue | undefined, name: string): JerValue | undefined {
	let cur = v;
	for (let depth = 0; isObject(cur) && depth < 8; depth++) {
		if (name in cur) return cur[name];
		const keys = Object.keys(cur);
		if (keys.length !== 1) return undefined;
		cur = cur[keys[0]];
	}
	return undefined;
}

function walk(doc: DocValue, jer: JerValue | undefined, path: string, exclude: readonly string[], r: DocCheck): void {
	if (exclude.some((x) => path === x || path.startsWith(x + '.') || path.startsWith(x + '['))) return;
	if (typeof doc === 'string') return leaf(doc, jer, path, r);
	if (Array.isArray(doc)) {
		let list = jer;
		while (isObject(list) && Object.keys(list).length === 1) list = list[Object.keys(list)[0]];
		// a one-element list may be XER's type-named wrapper of an open type's value
		if (!Array.isArray(list) && doc.length === 1) return walk(doc[0], jer, path, exclude, r);
		if (!Array.isArray(list)) return void r.mismatches.push(`${path}: published a list, JER ${JSON.stringify(jer)?.slice(0, 80)}`);
		doc.forEach((d, i) => walk(d, list[i], `${path}[${i}]`, exclude, r));
		return;
	}
	for (const [name, d] of Object.entries(doc)) {
		const p = path ? `${path}.${name}` : name;
		walk(d, member(jer, name), p, exclude, r);
	}
}

function leaf(text: string, jer: JerValue | undefined, path: string, r: DocCheck): void {
	let v = jer;
	while (isObject(v) && Object.keys(v).length === 1) v = v[Object.keys(v)[0]]; // elided CHOICE
	const named = /^-?\d+\s+\(([\w-]+)\)$/.exec(text) ?? /^<([\w-]+)\/>$/.exec(text);
	const bits = /^((?:[0-9A-Fa-f]{2}\s*)+)\((\d+) bits unused\)$/.exec(text);
	let agree: boolean;
	if (typeof v === 'boolean') agree = (named ? named[1] : text) === String(v);
	else if (typeof v === 'number') agree = /^-?\d+$/.test(text) && Number(text) === v;
	else if (typeof v === 'string' && named) agree = named[1] === v;
	else if (typeof v === 'string' && /^-?\d+$/.test(text) && !/^[0-9A-Fa-f]+$/.test(v)) return void r.undecided.push(path);
	else if (typeof v === 'string') agree = (bits ? bits[1] : text).replace(/\s+/g, '').toUpperCase() === v.toUpperCase();
	else if (isObject(v) && typeof v.value === 'string' && typeof v.length === 'number') {
		const hex = (bits ? bits[1] : text).replace(/\s+/g, '').toUpperCase();
		agree = hex === v.value.toUpperCase() && hex.length * 4 - (bits ? Number(bits[2]) : 0) === v.length;
	} else agree = false;
	if (agree) r.agreed.push(path);
	else r.mismatches.push(`${path}: published ${text}, JER ${JSON.stringify(v)}`);
}
