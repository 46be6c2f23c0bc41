// The project's notation for UPER schema tables: small constructors, one per kind of type, so
// a profile reads one line per component and builds exactly the objects of ../schema.ts
// (optional keys absent unless set, as the ASN.1 parser produces them).
import type {
	Alternative,
	AsnType,
	AsnValue,
	BitStringType,
	BooleanType,
	CharStringKind,
	CharStringType,
	ChoiceType,
	Component,
	EnumeratedType,
	ExtensionAddition,
	IntegerType,
	NullType,
	OctetStringType,
	OpenType,
	SchemaSet,
	SequenceOfType,
	SequenceType,
	SizeConstraint,
	TypeReference,
	ValueRange
} from '../schema';

/** The extension marker, written where ASN.1 writes `...`. */
export const EXT = '...';
type Ext = typeof EXT | null | undefined;

type Bound = number | bigint | null;

/** A reference to the named type of the same set. */
export function ref(name: string): TypeReference {
	return { kind: 'ref', name };
}

/**
 * INTEGER: `int()` unconstrained; `int(lb, ub)` with `null` for MIN/MAX (`int(0, null)` is
 * semi-constrained); `EXT` third for `(lb..ub, ...)`; named numbers fourth.
 */
export function int(lb?: Bound, ub?: Bound, ext?: Ext, named?: Record<string, number>): IntegerType {
	const t: IntegerType = { kind: 'integer' };
	if (lb !== undefined || ub !== undefined || ext) {
		const range: ValueRange = {};
		if (lb !== undefined && lb !== null) range.lb = lb;
		if (ub !== undefined && ub !== null) range.ub = ub;
		if (ext) range.extensible = true;
		t.range = range;
	}
	if (named) t.named = named;
	return t;
}

/** SIZE: `sz(8)` fixed, `sz(1, 63)` a range, `null` upper bound for MAX, `EXT` for `(SIZE(lb..ub, ...))`. */
export function sz(lb: number, ub: number | null = lb, ext?: Ext): SizeConstraint {
	const s: SizeConstraint = { lb };
	if (ub !== null) s.ub = ub;
	if (ext) s.extensible = true;
	return s;
}

/** BOOLEAN (X.691 11: one bit). */
export function bool(): BooleanType {
	return { kind: 'boolean' };
}

/** NULL (X.691 24: no bits). */
export function nul(): NullType {
	return { kind: 'null' };
}

/** ENUMERATED: root items name -> number in written order; `EXT` and the additions likewise. */
export function enm(root: Record<string, number>, ext?: Ext, additions: Record<string, number> = {}): EnumeratedType {
	const items = (r: Record<string, number>) => Object.entries(r).map(([name, value]) => ({ name, value }));
	return { kind: 'enumerated', root: items(root), extensible: !!ext, additions: items(additions) };
}

/** BIT STRING with its SIZE and named bits (identifier -> bit number). */
export function bits(size?: SizeConstraint, namedBits?: Record<string, number>): BitStringType {
	const t: BitStringType = { kind: 'bitString' };
	if (size) t.size = size;
	if (namedBits) t.namedBits = namedBits;
	return t;
}

/** OCTET STRING with its SIZE. */
export function octets(size?: SizeConstraint): OctetStringType {
	const t: OctetStringType = { kind: 'octetString' };
	if (size) t.size = size;
	return t;
}

/** A restricted character string; `alphabet` is every permitted character (FROM). */
export function chars(stringKind: CharStringKind, size?: SizeConstraint, alphabet?: string): CharStringType {
	const t: CharStringType = { kind: 'charString', stringKind };
	if (size) t.size = size;
	if (alphabet !== undefined) t.alphabet = alphabet;
	return t;
}

/** A mandatory component, or a CHOICE alternative. */
export function c(name: string, type: AsnType): Component & Alternative {
	return { name, type };
}

/** An OPTIONAL component. */
export function opt(name: string, type: AsnType): Component {
	return { name, type, optional: true };
}

/** A component with a DEFAULT value. */
export function dflt(name: string, type: AsnType, value: AsnValue): Component {
	return { name, type, default: value };
}

/** A single extension addition. */
export function add(component: Component): ExtensionAddition {
	return { group: false, components: [component] };
}

/** An extension addition group `[[ version: ... ]]` (`null` when no version is written). */
export function group(version: number | null, ...components: Component[]): ExtensionAddition {
	const g: ExtensionAddition = { group: true, components };
	if (version !== null) g.version = version;
	return g;
}

/** SEQUENCE: root components, `EXT`, extension additions, root components after the second marker. */
export function seq(components: Component[], ext?: Ext, additions: ExtensionAddition[] = [], trailingRoot?: Component[]): SequenceType {
	const t: SequenceType = { kind: 'sequence', components, extensible: !!ext, additions };
	if (trailingRoot) t.trailingRoot = trailingRoot;
	return t;
}

/** SEQUENCE OF, with its SIZE and the element's identifier when one is written. */
export function list(element: AsnType, size?: SizeConstraint, elementName?: string): SequenceOfType {
	const t: SequenceOfType = { kind: 'sequenceOf', element };
	if (size) t.size = size;
	if (elementName !== undefined) t.elementName = elementName;
	return t;
}

/** CHOICE: root alternatives, `EXT`, addition alternatives. */
export function choice(root: Alternative[], ext?: Ext, additions: Alternative[] = []): ChoiceType {
	return { kind: 'choice', root, extensible: !!ext, additions };
}

/** An open type; with a table, the sibling key component and key -> type (`EXT`: unknown keys allowed). */
export function open(keyComponent?: string, types?: Record<string, AsnType>, ext?: Ext): OpenType {
	if (keyComponent === undefined || !types) return { kind: 'openType' };
	const t: OpenType = { kind: 'openType', table: { keyComponent, types } };
	if (ext) t.table!.extensible = true;
	return t;
}

/**
 * A whole set: types grouped by the module that assigns them (giving `moduleOf`), value
 * assignments, and the root type.
 */
export function schemaSet(
	name: string,
	root: string | null,
	modules: Record<string, Record<string, AsnType>>,
	values: Record<string, AsnValue> = {}
): SchemaSet {
	const set: SchemaSet = { name, types: {}, values, moduleOf: {} };
	for (const [module, types] of Object.entries(modules)) {
		for (const [typeName, type] of Object.entries(types)) {
			set.types[typeName] = type;
			set.moduleOf![typeName] = module;
		}
	}
	if (root !== null) set.root = root;
	return set;
}
