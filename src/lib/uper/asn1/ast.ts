// The parser's own syntax tree of an ASN.1 module (X.680/X.681), before references are
// resolved. Only what the CSAE module sets use is here; places are kept for error messages.
import type { SourcePlace } from './errors';
import type { Token } from './lexer';

/** A value as written in a constraint or value assignment: a number, MIN/MAX or a value reference. */
export type AstValue =
	/** A number; `bigint` only beyond ±(2^53 − 1), as in the schema tables. */
	| { kind: 'number'; value: number | bigint }
	| { kind: 'MIN' }
	| { kind: 'MAX' }
	| { kind: 'ref'; name: string; place: SourcePlace }
	| { kind: 'cstring'; value: string }
	| { kind: 'boolean'; value: boolean }
	/** `'0101'B` / `'A0F'H`: the digits as written. */
	| { kind: 'bstring' | 'hstring'; digits: string; place: SourcePlace };

/** One element of an element set (X.680 50): a single value, a range, SIZE(...), FROM(...), or an intersection. */
export type AstElement =
	| { kind: 'value'; value: AstValue }
	| { kind: 'range'; lower: AstValue; upper: AstValue }
	| { kind: 'size'; constraint: AstConstraint }
	| { kind: 'from'; constraint: AstConstraint }
	/** `a ^ b` or `a INTERSECTION b` (X.680 50.1 Intersections). */
	| { kind: 'intersection'; parts: AstElement[] };

/**
 * A subtype constraint `( root [, ... [, additions]] )` (X.680 49-51): the root elements are
 * a union (`|`); `extensible` is true when `...` follows; additions are kept but are not
 * PER-visible (X.691 10.3.15).
 */
export interface AstConstraint {
	root: AstElement[];
	extensible: boolean;
	additions: AstElement[];
	place: SourcePlace;
}

export interface AstNamedNumber {
	name: string;
	value: AstValue;
	place: SourcePlace;
}

/** ENUMERATED item: the number is absent when not written (X.680 20.2 then numbers it). */
export interface AstEnumItem {
	name: string;
	value?: AstValue;
	place: SourcePlace;
}

export interface AstComponent {
	name: string;
	type: AstType;
	optional: boolean;
	/** DEFAULT value; an identifier there is a `ref` (a value or a named number / enumeration item). */
	default?: AstValue;
	place: SourcePlace;
}

/**
 * Components of a SEQUENCE, SET or CHOICE (X.680 25, 29): the root before the extension
 * marker, the additions after it (each group `[[ ]]` one entry), and root components after a
 * second marker (X.680 25.1, the second RootComponentTypeList).
 */
export interface AstComponentList {
	root: AstComponent[];
	/** Root components written after the second `...` (SEQUENCE and SET only). */
	trailingRoot: AstComponent[];
	extensible: boolean;
	additions: AstAddition[];
}

/** One extension addition: a component, or a group `[[ n: ... ]]` (X.680 25.1 ExtensionAdditionGroup). */
export interface AstAddition {
	group: boolean;
	version?: number;
	components: AstComponent[];
}

export type AstType = (
	| { kind: 'INTEGER'; namedNumbers: AstNamedNumber[] }
	| { kind: 'BOOLEAN' }
	| { kind: 'NULL' }
	| { kind: 'ENUMERATED'; root: AstEnumItem[]; extensible: boolean; additions: AstEnumItem[] }
	| { kind: 'BIT STRING'; namedBits: AstNamedNumber[] }
	| { kind: 'OCTET STRING' }
	| { kind: 'restricted string'; stringType: string }
	| { kind: 'SEQUENCE' | 'SET'; components: AstComponentList }
	| { kind: 'CHOICE'; components: AstComponentList }
	| { kind: 'SEQUENCE OF' | 'SET OF'; element: AstType; elementName?: string }
	| { kind: 'ref'; module?: string; name: string }
	/** `CLASS.&field({Set})` or `CLASS.&field({Set}{@.component})` (X.681 14, X.682 10). */
	| { kind: 'class field'; className: string; field: string; objectSet?: string; atPath?: string }
) & { constraints: AstConstraint[]; place: SourcePlace };

/** An information object class of the one form phase 2 uses: fields and WITH SYNTAX words. */
export interface AstClass {
	fields: { name: string; type?: AstType; unique: boolean }[];
	/** The WITH SYNTAX words and field references in order, e.g. `&Type IDENTIFIED BY &id`. */
	syntax: string[];
}

/**
 * One object of an object set, as the items between its braces: how they split into fields
 * depends on the class's WITH SYNTAX, which may be defined later, so they are read when the
 * set is resolved.
 */
export interface AstObject {
	tokens: Token[];
	place: SourcePlace;
}

export type AstAssignment = { name: string; place: SourcePlace } & (
	| { kind: 'type'; type: AstType }
	| { kind: 'value'; type: AstType; value: AstValue }
	| { kind: 'class'; cls: AstClass }
	| { kind: 'object set'; className: string; objects: AstObject[]; extensible: boolean }
);

export interface AstImport {
	symbols: string[];
	module: string;
	place: SourcePlace;
}

export interface AstModule {
	name: string;
	file: string;
	place: SourcePlace;
	/** `AUTOMATIC`, `EXPLICIT`, `IMPLICIT` or absent (X.680 13.1). */
	tagDefault?: string;
	/** Names listed in EXPORTS; `undefined` means everything (no EXPORTS or EXPORTS ALL). */
	exports?: string[];
	imports: AstImport[];
	assignments: AstAssignment[];
}
