// Subtype constraints (X.680 49-51) and the values written in them: value ranges, single
// values, SIZE, FROM, unions, extension markers; and table constraints (X.682 10).
import type { AstConstraint, AstElement, AstValue } from './ast';
import type { TokenStream } from './token-stream';

/**
 * A value (X.680 17.7) as the sets write them: a signed number, MIN, MAX, TRUE, FALSE, a
 * character string or a value reference. Throws `Asn1Error` naming the place otherwise.
 */
export function parseValue(ts: TokenStream): AstValue {
	const t = ts.peek();
	if (ts.accept('-')) {
		const n = ts.expectKind('number', 'a number after "-"');
		return { kind: 'number', value: toNumber('-' + n.text) };
	}
	if (t.kind === 'number') return { kind: 'number', value: toNumber(ts.next().text) };
	if (t.kind === 'cstring') return { kind: 'cstring', value: ts.next().text };
	if (t.kind === 'bstring' || t.kind === 'hstring') return { kind: t.kind, digits: ts.next().text, place: t.place };
	if (t.kind === 'identifier') return { kind: 'ref', name: ts.next().text, place: t.place };
	if (ts.accept('MIN')) return { kind: 'MIN' };
	if (ts.accept('MAX')) return { kind: 'MAX' };
	if (ts.accept('TRUE')) return { kind: 'boolean', value: true };
	if (ts.accept('FALSE')) return { kind: 'boolean', value: false };
	return ts.fail(`a value (number, MIN, MAX, TRUE, FALSE, "string", '01'B, 'FF'H or value reference)`);
}

/** A number as the schema tables hold it: `number` while exact, `bigint` beyond 2^53. */
function toNumber(text: string): number | bigint {
	const n = Number(text);
	return Number.isSafeInteger(n) ? n : BigInt(text);
}

/**
 * The inside of `( ... )` after the opening parenthesis, up to and including the closing one:
 * `root [, ... [, additions]]`, where root and additions are unions of elements
 * (X.680 50.1 ElementSetSpecs). Throws `Asn1Error` at the first item that does not fit.
 */
export function parseConstraintBody(ts: TokenStream): AstConstraint {
	const place = ts.peek().place;
	return ts.nested(place, () => {
		const constraint: AstConstraint = { root: [], extensible: false, additions: [], place };
		if (ts.at('...')) {
			ts.next();
			constraint.extensible = true;
		} else constraint.root = parseUnion(ts);
		if (!constraint.extensible && ts.accept(',')) {
			ts.expect('...', '"..." (an extension marker) after ","');
			constraint.extensible = true;
		}
		if (constraint.extensible && ts.accept(',')) constraint.additions = parseUnion(ts);
		ts.expect(')', '")" closing the constraint');
		return constraint;
	});
}

function parseUnion(ts: TokenStream): AstElement[] {
	const elements = [parseIntersection(ts)];
	while (ts.accept('|') || ts.accept('UNION')) elements.push(parseIntersection(ts));
	return elements;
}

function parseIntersection(ts: TokenStream): AstElement {
	const parts = [parseElement(ts)];
	while (ts.accept('^') || ts.accept('INTERSECTION')) parts.push(parseElement(ts));
	return parts.length === 1 ? parts[0] : { kind: 'intersection', parts };
}

function parseElement(ts: TokenStream): AstElement {
	if (ts.accept('SIZE')) {
		ts.expect('(', '"(" after SIZE');
		return { kind: 'size', constraint: parseConstraintBody(ts) };
	}
	if (ts.accept('FROM')) {
		ts.expect('(', '"(" after FROM');
		return { kind: 'from', constraint: parseConstraintBody(ts) };
	}
	const lower = parseValue(ts);
	if (!ts.accept('..')) return { kind: 'value', value: lower };
	return { kind: 'range', lower, upper: parseValue(ts) };
}

/** A table constraint's inside after `(`: `{Set}` or `{Set}{@.component}` (X.682 10.3, 10.7). */
export function parseTableConstraint(ts: TokenStream): { objectSet: string; atPath?: string } {
	ts.expect('{', '"{" opening the object set of a table constraint');
	const objectSet = ts.expectKind('typereference', 'an object set name').text;
	ts.expect('}', '"}" after the object set name');
	let atPath: string | undefined;
	if (ts.accept('{')) {
		ts.expect('@', '"@" starting a component relation');
		let path = ts.accept('.') ? '.' : '';
		path += ts.expectKind('identifier', 'a component name after "@"').text;
		while (ts.accept('.')) path += '.' + ts.expectKind('identifier', 'a component name').text;
		ts.expect('}', '"}" closing the component relation');
		atPath = path;
	}
	ts.expect(')', '")" closing the table constraint');
	return { objectSet, atPath };
}
