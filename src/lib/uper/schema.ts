/**
 * Schema tables for the UPER codec (ITU-T X.691 unaligned PER over ITU-T X.680 types).
 *
 * A `SchemaSet` is what the ASN.1 parser (src/lib/uper/asn1) produces from a module set and what
 * the PER engine (src/lib/uper/per) walks. It carries only PER-visible facts (X.691 clause 8.11:
 * value ranges, SIZE, PermittedAlphabet, extension markers) plus what a value needs to be named
 * (named numbers, named bits, enumeration identifiers). Tags are not kept: UPER never encodes them
 * and the CSAE sets all use AUTOMATIC TAGS.
 *
 * ## The JS value model (close to X.697 JER, so JER is a thin layer)
 *
 * | ASN.1 type          | JS value                                                               |
 * |---------------------|------------------------------------------------------------------------|
 * | INTEGER             | `number`; `bigint` only when outside ±(2^53 − 1)                       |
 * | BOOLEAN             | `boolean`                                                              |
 * | NULL                | `null`                                                                 |
 * | ENUMERATED          | the identifier, `string` (an unknown extension decodes as `"#<index>"`)  |
 * | BIT STRING          | `{ bits: Uint8Array, length: number }`, bits MSB first, length in bits  |
 * | OCTET STRING        | `Uint8Array`                                                           |
 * | character strings   | `string`                                                               |
 * | SEQUENCE            | plain object keyed by component identifier; an absent OPTIONAL is a   |
 * |                     | missing key; a DEFAULT component equal to its default is omitted by   |
 * |                     | the decoder when absent on the wire (the key is missing)               |
 * | SEQUENCE OF         | array                                                                  |
 * | CHOICE              | `{ [alternative identifier]: value }`, exactly one key                 |
 * | open type           | the value of the type the table selects; an unknown key, or no table,  |
 * |                     | keeps the raw contents octets as `Uint8Array`                          |
 *
 * Unknown extension additions met while decoding (a newer sender) are kept as raw octets:
 * SEQUENCE: under the key `"#ext<n>"` (n = 0-based index among the additions), CHOICE:
 * `{ "#ext<n>": Uint8Array }`; the encoder writes such raw additions back unchanged. When the
 * sender's extension bitmap is longer than the additions the schema knows, the SEQUENCE value
 * also records that length under the symbol key `ADDITIONS_SEEN` (not enumerable: invisible to
 * `Object.keys`, `for…in`, spreads, deep-equality checks and JSON), so that re-encoding writes the same bitmap (X.691 19.7) and a frame from a
 * newer revision decodes and re-encodes to the same bytes.
 */

/**
 * Symbol key of a decoded SEQUENCE value: the number of extension additions the sender's bitmap
 * listed (X.691 19.7), set only when it is more than the schema knows. The encoder writes at
 * least that many bitmap bits (the extra ones 0 unless a raw `#ext<n>` is present).
 */
export const ADDITIONS_SEEN: unique symbol = Symbol.for('cv2x.uper.additionsSeen');

/** A JS value of an ASN.1 type; see the module comment for the mapping. */
export type AsnValue =
	| number
	| bigint
	| boolean
	| null
	| string
	| Uint8Array
	| BitStringValue
	| AsnValue[]
	| { [component: string]: AsnValue };

/** BIT STRING value: `length` bits, first bit = MSB of `bits[0]` (X.680 22, X.691 16). */
export interface BitStringValue {
	bits: Uint8Array;
	length: number;
}

/**
 * A value range (X.680 51.4 ValueRange as PER-visible, X.691 8.11 / 10.5–10.8).
 * `lb` missing = MIN, `ub` missing = MAX. `extensible` = the constraint has `...` (X.691 12.1).
 * Bounds are `number` unless beyond 2^53 (then `bigint`).
 */
export interface ValueRange {
	lb?: number | bigint;
	ub?: number | bigint;
	extensible?: boolean;
}

/**
 * A SIZE constraint (X.680 51.5, X.691 10.9.3.3 / 16 / 17 / 20 / 30): number of bits, octets,
 * characters or elements. Fixed size: `lb === ub`. `ub` missing = MAX. `extensible` = `(SIZE(8, ...))`.
 */
export interface SizeConstraint {
	lb: number;
	ub?: number;
	extensible?: boolean;
}

/** A reference to a named type of the same set (`types[name]`); the engine resolves it. */
export interface TypeReference {
	kind: 'ref';
	name: string;
}

/** INTEGER (X.680 19, X.691 12). `named`: named numbers, for display only (not PER-visible). */
export interface IntegerType {
	kind: 'integer';
	range?: ValueRange;
	named?: Record<string, number>;
}

/** BOOLEAN (X.691 11). */
export interface BooleanType {
	kind: 'boolean';
}

/** NULL (X.691 24): no bits. */
export interface NullType {
	kind: 'null';
}

/** One enumeration item: identifier and its number (explicit or as X.680 20.2 assigns it). */
export interface EnumItem {
	name: string;
	value: number;
}

/**
 * ENUMERATED (X.680 20, X.691 13). `root` and `additions` in the order written in the module
 * (the engine sorts the root by value to get the PER index, X.691 13.2; additions are indexed in
 * order of definition, X.691 13.3). `extensible`: the type has `...`.
 */
export interface EnumeratedType {
	kind: 'enumerated';
	root: EnumItem[];
	extensible: boolean;
	additions: EnumItem[];
}

/** BIT STRING (X.680 22, X.691 16). `namedBits`: identifier -> bit number (display, JER). */
export interface BitStringType {
	kind: 'bitString';
	size?: SizeConstraint;
	namedBits?: Record<string, number>;
}

/** OCTET STRING (X.680 23, X.691 17). */
export interface OctetStringType {
	kind: 'octetString';
	size?: SizeConstraint;
}

/** The restricted character string types the CSAE sets use (X.680 41, X.691 30). */
export type CharStringKind =
	| 'IA5String'
	| 'UTF8String'
	| 'NumericString'
	| 'PrintableString'
	| 'VisibleString';

/**
 * A restricted character string (X.691 30). `size` counts characters. `alphabet`: the effective
 * PermittedAlphabet (`FROM(...)`) as the string of every permitted character, when constrained;
 * the engine uses it for the bits per character (X.691 30.5.3) and the index mapping (30.5.4).
 * A PermittedAlphabet on UTF8String is not PER-visible and is ignored by the engine.
 */
export interface CharStringType {
	kind: 'charString';
	stringKind: CharStringKind;
	size?: SizeConstraint;
	alphabet?: string;
}

/**
 * A component of a SEQUENCE (X.680 25). `optional`: OPTIONAL. `default`: the DEFAULT value in the
 * JS value model (implies a preamble bit like OPTIONAL, X.691 19.2).
 */
export interface Component {
	name: string;
	type: AsnType;
	optional?: boolean;
	default?: AsnValue;
}

/**
 * One extension addition of a SEQUENCE (X.680 25.1): a single component (`group: false`, one
 * component) or an extension addition group `[[ ... ]]` (`group: true`, encoded as one open type
 * holding a SEQUENCE of its components, X.691 19.8). `version`: the group's version number, if
 * written (`[[2: ...]]`), kept for display.
 */
export interface ExtensionAddition {
	group: boolean;
	components: Component[];
	version?: number;
}

/**
 * SEQUENCE (X.680 25, X.691 19). `components`: the root components before the extension marker;
 * `additions`: extension additions in order; `trailingRoot`: root components written after the
 * second `...` (X.680 25.1 "RootComponentTypeList , ... , additions , ... , RootComponentTypeList"),
 * encoded with the root (X.691 19.2 considers all root components, in textual order: the
 * components, then trailingRoot). `extensible`: the type has an extension marker.
 */
export interface SequenceType {
	kind: 'sequence';
	components: Component[];
	extensible: boolean;
	additions: ExtensionAddition[];
	trailingRoot?: Component[];
}

/**
 * SEQUENCE OF (X.680 26, X.691 20). `size` from `SEQUENCE (SIZE(..)) OF`. `elementName`: the
 * identifier of a named element type (`SEQUENCE OF point Point`), for display/JER only.
 */
export interface SequenceOfType {
	kind: 'sequenceOf';
	element: AsnType;
	size?: SizeConstraint;
	elementName?: string;
}

/** A CHOICE alternative (X.680 29). */
export interface Alternative {
	name: string;
	type: AsnType;
}

/**
 * CHOICE (X.680 29, X.691 23). `root`: the root alternatives in textual order (the PER index is
 * the textual position: with AUTOMATIC TAGS canonical tag order = textual order). `additions`:
 * extension addition alternatives in order; alternatives inside `[[ ]]` groups are listed
 * flattened, as PER encodes them one by one (X.691 23.7).
 */
export interface ChoiceType {
	kind: 'choice';
	root: Alternative[];
	extensible: boolean;
	additions: Alternative[];
}

/**
 * Which type an open type holds, from an information object set (X.681/X.682 table constraint):
 * `keyComponent` names the sibling component of the enclosing SEQUENCE (`@.messageId`) whose
 * value selects; `types` maps that value, as `String(value)` (an INTEGER's decimal, an
 * ENUMERATED identifier), to the type. `extensible`: the object set has `...` (an unknown key is
 * then not an error: the value stays raw octets).
 */
export interface OpenTypeTable {
	keyComponent: string;
	types: Record<string, AsnType>;
	extensible?: boolean;
}

/**
 * An open type (X.680 Annex / X.681 14.2 `CLASS.&Type`, X.691 10.2): on the wire a general
 * length determinant and the contents octets of the selected type's complete encoding.
 * Without `table` the value is always raw octets.
 */
export interface OpenType {
	kind: 'openType';
	table?: OpenTypeTable;
}

/** Every kind of type the schema tables express. */
export type AsnType =
	| TypeReference
	| IntegerType
	| BooleanType
	| NullType
	| EnumeratedType
	| BitStringType
	| OctetStringType
	| CharStringType
	| SequenceType
	| SequenceOfType
	| ChoiceType
	| OpenType;

/** The `kind` tags of `AsnType`. */
export type AsnTypeKind = AsnType['kind'];

/**
 * A set of modules, flattened: every type assignment by name (imports resolved; names are unique
 * in a set, a clash between modules is qualified `Module.Type` by the parser). A constrained
 * reference (`Foo (SIZE(1..4))`) is not a `ref`: the parser writes the referenced type with the
 * constraint applied, so `ref` always means "exactly that named type".
 * `values`: value assignments (`ssmData ExtMsgID ::= 12`) in the JS value model, for display.
 * `moduleOf`: type name -> module name, for display. `root`: the type a message is, e.g.
 * `MessageFrame`.
 */
export interface SchemaSet {
	name: string;
	types: Record<string, AsnType>;
	values?: Record<string, AsnValue>;
	moduleOf?: Record<string, string>;
	root?: string;
}
