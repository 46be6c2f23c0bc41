// Types (X.680 16-29, 41) and the information-object-class field types of X.681 14, as the
// CSAE sets write them, each followed by any number of parenthesized constraints.
import type { AstAddition, AstComponent, AstComponentList, AstConstraint, AstEnumItem, AstNamedNumber, AstType } from './ast';
import { parseConstraintBody, parseTableConstraint, parseValue } from './parse-constraint';
import type { TokenStream } from './token-stream';

/** Restricted character string types a module may name (X.680 41). */
export const CHARACTER_STRING_TYPES = new Set([
	'IA5String',
	'UTF8String',
	'NumericString',
	'PrintableString',
	'VisibleString',
	'ISO646String',
	'BMPString',
	'UniversalString',
	'GeneralString',
	'GraphicString',
	'TeletexString',
	'T61String',
	'VideotexString'
]);

/** A type before its place is set; `constraints` only when written before OF (`SEQUENCE (SIZE(..)) OF`). */
type Bare = (AstType extends infer T ? (T extends AstType ? Omit<T, 'constraints' | 'place'> : never) : never) & {
	constraints?: AstConstraint[];
};

/**
 * A type and its constraints (X.680 16.1 Type, 49.1 ConstrainedType). Throws `Asn1Error`
 * naming the place and what was expected; nesting is limited (`MAX_NESTING`).
 */
export function parseType(ts: TokenStream): AstType {
	const place = ts.peek().place;
	return ts.nested(place, () => {
		const type = { constraints: [], ...parseBareType(ts), place } as AstType;
		parseConstraints(ts, type);
		return type;
	});
}

function parseConstraints(ts: TokenStream, type: AstType): void {
	while (ts.at('(')) {
		ts.next();
		if (type.kind === 'class field' && ts.at('{')) {
			const table = parseTableConstraint(ts);
			type.objectSet = table.objectSet;
			type.atPath = table.atPath;
		} else type.constraints.push(parseConstraintBody(ts));
	}
}

function parseBareType(ts: TokenStream): Bare {
	const t = ts.peek();
	if (t.kind !== 'typereference') return ts.fail('a type');
	ts.next();
	switch (t.text) {
		case 'INTEGER':
			return { kind: 'INTEGER', namedNumbers: ts.at('{') ? parseNamedNumbers(ts) : [] };
		case 'BOOLEAN':
		case 'NULL':
			return { kind: t.text };
		case 'ENUMERATED':
			return parseEnumerated(ts);
		case 'BIT':
			ts.expect('STRING', 'STRING after BIT');
			return { kind: 'BIT STRING', namedBits: ts.at('{') ? parseNamedNumbers(ts) : [] };
		case 'OCTET':
			ts.expect('STRING', 'STRING after OCTET');
			return { kind: 'OCTET STRING' };
		case 'SEQUENCE':
		case 'SET':
			return parseStructured(ts, t.text);
		case 'CHOICE':
			return { kind: 'CHOICE', components: parseComponentList(ts, 'CHOICE') };
	}
	if (CHARACTER_STRING_TYPES.has(t.text)) return { kind: 'restricted string', stringType: t.text };
	return parseReference(ts, t.text);
}

/** `Name`, `Module.Name` (X.680 14.1 ExternalTypeReference) or `CLASS.&field` (X.681 14.1). */
function parseReference(ts: TokenStream, name: string): Bare {
	if (!ts.at('.')) return { kind: 'ref', name };
	ts.next();
	const field = ts.peek();
	if (field.kind === 'fieldreference') {
		ts.next();
		return { kind: 'class field', className: name, field: field.text };
	}
	const typeName = ts.expectKind('typereference', `a type name or &field after "${name}."`).text;
	return { kind: 'ref', module: name, name: typeName };
}

/** SEQUENCE {...} | SEQUENCE OF T | SEQUENCE (SIZE(..)) OF T | SEQUENCE SIZE(..) OF T (and SET). */
function parseStructured(ts: TokenStream, keyword: 'SEQUENCE' | 'SET'): Bare {
	if (ts.at('{')) return { kind: keyword, components: parseComponentList(ts, keyword) };
	const constraints: AstConstraint[] = [];
	if (ts.accept('(')) constraints.push(parseConstraintBody(ts));
	else if (ts.at('SIZE')) {
		const place = ts.peek().place;
		ts.next();
		ts.expect('(', '"(" after SIZE');
		constraints.push({ root: [{ kind: 'size', constraint: parseConstraintBody(ts) }], extensible: false, additions: [], place });
	}
	ts.expect('OF', `"{" or OF after ${keyword}`);
	let elementName: string | undefined;
	if (ts.peek().kind === 'identifier') elementName = ts.next().text;
	const element = parseType(ts);
	// The constraint before OF is the list's own (X.680 49.5), so it opens its constraint list.
	return { kind: keyword === 'SEQUENCE' ? 'SEQUENCE OF' : 'SET OF', element, elementName, constraints };
}

function parseNamedNumbers(ts: TokenStream): AstNamedNumber[] {
	ts.expect('{');
	const items: AstNamedNumber[] = [];
	do {
		const name = ts.expectKind('identifier', 'a name (lower case identifier)');
		ts.expect('(', `"(" and a number after ${name.text}`);
		const value = parseValue(ts);
		ts.expect(')', `")" after the number of ${name.text}`);
		items.push({ name: name.text, value, place: name.place });
	} while (ts.accept(','));
	ts.expect('}', '"," or "}" in the list of named numbers');
	return items;
}

function parseEnumerated(ts: TokenStream): Bare {
	ts.expect('{', '"{" after ENUMERATED');
	const root: AstEnumItem[] = [];
	const additions: AstEnumItem[] = [];
	let extensible = false;
	do {
		if (!extensible && ts.accept('...')) {
			extensible = true;
			continue;
		}
		const name = ts.expectKind('identifier', extensible ? 'an enumeration item' : 'an enumeration item or "..."');
		const item: AstEnumItem = { name: name.text, place: name.place };
		if (ts.accept('(')) {
			item.value = parseValue(ts);
			ts.expect(')', `")" after the number of ${name.text}`);
		}
		(extensible ? additions : root).push(item);
	} while (ts.accept(','));
	ts.expect('}', '"," or "}" in ENUMERATED');
	return { kind: 'ENUMERATED', root, extensible, additions };
}

/**
 * `{ components [, ... [, additions] [, ... , components]] }` of SEQUENCE, SET or CHOICE
 * (X.680 25.1, 29.1); `[[ ]]` groups are one addition each.
 */
export function parseComponentList(ts: TokenStream, owner: string): AstComponentList {
	ts.expect('{', `"{" after ${owner}`);
	const list: AstComponentList = { root: [], trailingRoot: [], extensible: false, additions: [] };
	if (ts.accept('}')) return list;
	let markers = 0;
	do {
		if (ts.at('...')) {
			if (++markers > 2) ts.fail('a component (a third "..." is not allowed)');
			ts.next();
			list.extensible = true;
		} else if (ts.at('[[')) {
			if (markers !== 1) ts.fail('a component ("[[" only among extension additions)');
			list.additions.push(parseGroup(ts, owner));
		} else {
			if (markers === 2 && owner === 'CHOICE') ts.fail('"}" (CHOICE has no alternatives after a second "...")');
			const c = parseComponent(ts, owner);
			if (markers === 1) list.additions.push({ group: false, components: [c] });
			else (markers === 2 ? list.trailingRoot : list.root).push(c);
		}
	} while (ts.accept(','));
	ts.expect('}', `"," or "}" in ${owner}`);
	return list;
}

function parseGroup(ts: TokenStream, owner: string): AstAddition {
	ts.expect('[[');
	const group: AstAddition = { group: true, components: [] };
	if (ts.peek().kind === 'number' && ts.at(':', 1)) {
		group.version = Number(ts.next().text);
		ts.next();
	}
	do group.components.push(parseComponent(ts, owner));
	while (ts.accept(','));
	ts.expect(']]', '"," or "]]" closing the extension addition group');
	return group;
}

function parseComponent(ts: TokenStream, owner: string): AstComponent {
	const name = ts.expectKind('identifier', `a component name in ${owner}`);
	const component: AstComponent = { name: name.text, type: parseType(ts), optional: false, place: name.place };
	if (owner === 'CHOICE') return component;
	if (ts.accept('OPTIONAL')) component.optional = true;
	else if (ts.accept('DEFAULT')) component.default = parseValue(ts);
	return component;
}
