// Module definitions (X.680 13): header, EXPORTS, IMPORTS, and the assignments in the body:
// types, values, the information object class and object set of X.681 (phase 2).
import type { AstAssignment, AstClass, AstImport, AstModule, AstObject } from './ast';
import { tokenize, type Token } from './lexer';
import { parseValue } from './parse-constraint';
import { parseType } from './parse-type';
import { TokenStream } from './token-stream';

/**
 * Parses every module in one text (a file may hold several, X.680 13.1 ModuleDefinition).
 * `file` names the source in errors. Returns the modules in textual order.
 * Throws `Asn1Error` naming file, line, column and what was expected.
 */
export function parseModules(text: string, file: string): AstModule[] {
	const ts = new TokenStream(tokenize(text, file));
	const modules: AstModule[] = [];
	do modules.push(parseModule(ts, file));
	while (ts.peek().kind !== 'eof');
	return modules;
}

function parseModule(ts: TokenStream, file: string): AstModule {
	const nameToken = ts.expectKind('typereference', 'a module name');
	if (ts.at('{')) skipBraces(ts); // an object identifier after the name (X.680 13.1 DefinitiveIdentification)
	ts.expect('DEFINITIONS', 'DEFINITIONS after the module name');
	const module: AstModule = { name: nameToken.text, file, place: nameToken.place, imports: [], assignments: [] };
	for (const tagging of ['AUTOMATIC', 'EXPLICIT', 'IMPLICIT']) {
		if (ts.accept(tagging)) {
			ts.expect('TAGS', `TAGS after ${tagging}`);
			module.tagDefault = tagging;
		}
	}
	if (module.tagDefault !== 'AUTOMATIC') {
		// PER orders CHOICE alternatives by tag (X.691 23.4); only AUTOMATIC TAGS makes that the
		// written order, which is what the schema tables assume, and the parser reads no tags.
		ts.fail('AUTOMATIC TAGS (the only tagging the UPER schema tables support)');
	}
	if (ts.accept('EXTENSIBILITY')) ts.expect('IMPLIED', 'IMPLIED after EXTENSIBILITY');
	ts.expect('::=', '"::=" after the module header');
	ts.expect('BEGIN', 'BEGIN');
	if (ts.accept('EXPORTS')) module.exports = parseExports(ts);
	if (ts.accept('IMPORTS')) module.imports = parseImports(ts);
	while (!ts.at('END')) module.assignments.push(parseAssignment(ts));
	ts.expect('END');
	return module;
}

/** Skips a balanced `{ ... }` (an object identifier value nobody here needs). */
function skipBraces(ts: TokenStream): void {
	const open = ts.expect('{');
	let depth = 1;
	while (depth > 0) {
		const t = ts.next();
		if (t.kind === 'eof') ts.fail(`"}" closing the "{" at ${open.place.line}:${open.place.column}`);
		if (t.kind === 'punct' && t.text === '{') depth++;
		if (t.kind === 'punct' && t.text === '}') depth--;
	}
}

function parseSymbol(ts: TokenStream): string {
	const t = ts.peek();
	if (t.kind !== 'typereference' && t.kind !== 'identifier') ts.fail('a type or value name');
	ts.next();
	if (ts.accept('{')) ts.expect('}', '"}" (a parameterized reference is written Name{})');
	return t.text;
}

function parseExports(ts: TokenStream): string[] | undefined {
	if (ts.accept('ALL')) {
		ts.expect(';', '";" after EXPORTS ALL');
		return undefined;
	}
	const names: string[] = [];
	if (!ts.at(';')) {
		do names.push(parseSymbol(ts));
		while (ts.accept(','));
	}
	ts.expect(';', '"," or ";" in EXPORTS');
	return names;
}

function parseImports(ts: TokenStream): AstImport[] {
	const imports: AstImport[] = [];
	while (!ts.accept(';')) {
		const place = ts.peek().place;
		const symbols: string[] = [];
		do symbols.push(parseSymbol(ts));
		while (ts.accept(','));
		ts.expect('FROM', '"," or FROM in IMPORTS');
		const module = ts.expectKind('typereference', 'a module name after FROM').text;
		if (ts.at('{')) skipBraces(ts);
		imports.push({ symbols, module, place });
	}
	return imports;
}

function parseAssignment(ts: TokenStream): AstAssignment {
	const name = ts.peek();
	if (name.kind === 'identifier') {
		ts.next();
		const type = parseType(ts);
		ts.expect('::=', `"::=" in the value assignment of ${name.text}`);
		return { kind: 'value', name: name.text, place: name.place, type, value: parseValue(ts) };
	}
	ts.expectKind('typereference', 'a type or value assignment (or END)');
	if (ts.peek().kind === 'typereference' && ts.at('::=', 1)) {
		const className = ts.next().text;
		ts.expect('::=');
		const { objects, extensible } = parseObjectSet(ts);
		return { kind: 'object set', name: name.text, place: name.place, className, objects, extensible };
	}
	ts.expect('::=', `"::=" after ${name.text}`);
	if (ts.accept('CLASS')) return { kind: 'class', name: name.text, place: name.place, cls: parseClass(ts) };
	return { kind: 'type', name: name.text, place: name.place, type: parseType(ts) };
}

/** `CLASS { &field Type [UNIQUE], &Type, ... } [WITH SYNTAX { ... }]` (X.681 9, 10). */
function parseClass(ts: TokenStream): AstClass {
	ts.expect('{', '"{" after CLASS');
	const cls: AstClass = { fields: [], syntax: [] };
	do {
		const field = ts.expectKind('fieldreference', 'a field (&name)').text;
		const isTypeField = /^&[A-Z]/.test(field);
		const type = isTypeField ? undefined : parseType(ts);
		const unique = ts.accept('UNIQUE');
		ts.accept('OPTIONAL'); // an object may leave the field out; the table then has no entry for it
		cls.fields.push({ name: field, type, unique });
	} while (ts.accept(','));
	ts.expect('}', '"," or "}" in CLASS');
	if (ts.accept('WITH')) {
		ts.expect('SYNTAX', 'SYNTAX after WITH');
		ts.expect('{', '"{" after WITH SYNTAX');
		while (!ts.accept('}')) {
			const t = ts.next();
			if (t.kind === 'eof') ts.fail('"}" closing WITH SYNTAX');
			cls.syntax.push(t.text);
		}
	}
	return cls;
}

/** `{ {object} | {object} , ... }`: the items of each object are kept for the resolver. */
function parseObjectSet(ts: TokenStream): { objects: AstObject[]; extensible: boolean } {
	ts.expect('{', '"{" opening the object set');
	const objects: AstObject[] = [];
	let extensible = false;
	do {
		if (ts.accept('...')) extensible = true;
		else objects.push(parseObjectItems(ts));
	} while (ts.accept('|') || ts.accept(','));
	ts.expect('}', '"|", "," or "}" in the object set');
	return { objects, extensible };
}

function parseObjectItems(ts: TokenStream): AstObject {
	const open = ts.expect('{', '"{" opening an object');
	const tokens: Token[] = [];
	while (!ts.at('}')) {
		const t = ts.next();
		if (t.kind === 'eof' || (t.kind === 'punct' && t.text === '{')) ts.fail('"}" closing the object');
		tokens.push(t);
	}
	tokens.push({ kind: 'eof', text: 'end of the object', place: ts.next().place });
	return { tokens, place: open.place };
}
