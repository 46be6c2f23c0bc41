// The shapes of src/lib/meaning: what a meaning is, what it is asked about, and the context it
// may need. Deliberately free of imports from uper/ so that uper/dump.ts can call meaningOf
// without an import cycle; the UPER schema tables fit these shapes structurally.

/** A value's meaning in both languages of the app. */
export interface Meaning {
	en: string;
	zh: string;
}

/** BIT STRING value as the UPER codec holds it: `length` bits, bit 0 = MSB of `bits[0]`. */
export interface BitsValue {
	bits: Uint8Array;
	length: number;
}

/**
 * A value as either codec hands it over: an INTEGER (`number`, `bigint`, or a decimal string for
 * protobuf 64-bit fields), an ENUMERATED identifier (`string`, UPER) or enum number (protobuf),
 * a BIT STRING (`BitsValue`, UPER) or its bitmask (`number`, protobuf: bit n = 1 << n), octets
 * (`Uint8Array`), a BOOLEAN, or NULL.
 */
export type MeaningValue = number | bigint | string | boolean | null | Uint8Array | BitsValue;

/** One enumeration item or named number: identifier and number (X.680 20, 19.3). */
export interface NamedNumber {
	name: string;
	value: number;
}

/**
 * The schema's names for a value, in one shape both codecs can feed:
 * - `enumerated`: the items of an ENUMERATED (UPER: root then additions; protobuf: the enum's
 *   values with the enum's name prefix taken off, numbered as the proto numbers them);
 * - `bits`: named bits of a BIT STRING, identifier -> bit number (X.680 22);
 * - `numbers`: named numbers of an INTEGER (X.680 19.3), display only.
 * Build them with `namesOfAsn` (a UPER type) or `namesOfProtoEnum` (a protobuf enum).
 */
export type SchemaNames =
	| { kind: 'enumerated'; items: readonly NamedNumber[] }
	| { kind: 'bits'; bits: Readonly<Record<string, number>> }
	| { kind: 'numbers'; items: readonly NamedNumber[] };

/** A position in degrees (WGS-84 as the messages carry it). */
export interface LatLon {
	lat: number;
	lon: number;
}

/**
 * What a meaning may need beyond the value. Every member is optional; a meaning that needs a
 * missing one says less (an offset without a reference gives degrees and metres, no absolute
 * position) rather than guessing, except `year`, which defaults to the year of `referenceMs` or
 * of the current time and is always stated in the text.
 */
export interface MeaningContext {
	/** Names from the schema for this value (enumeration items, named bits, named numbers). */
	names?: SchemaNames;
	/** The field path (`bsmFrame.pos.lat`, `rsi.rtes[0].event_pos.offset_ll.lat`): hints the axis of an offset and the kind of a TimeMark. */
	path?: string;
	/** The UTC year a MinuteOfTheYear counts in; stated in the text. */
	year?: number;
	/** Local time zone as minutes east of UTC; default +480 (China, UTC+8). */
	utcOffsetMinutes?: number;
	/** A time near the message (epoch ms): picks the year, the hour of a TimeMark. */
	referenceMs?: number;
	/** Start of the UTC minute a DSecond counts in (epoch ms), e.g. from the message's MinuteOfTheYear. */
	minuteStartMs?: number;
	/** The reference position an offset is relative to (degrees). */
	refPos?: LatLon;
	/** Which axis an OffsetLL value is on; otherwise taken from the last name of `path`. */
	axis?: 'lat' | 'lon';
	/** TimeMark as a time within the hour (`hourTime`, UtcTiming) or a count-down (`duration`); otherwise from `path`. */
	timeMark?: 'hourTime' | 'duration';
}
