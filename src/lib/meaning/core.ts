// The dispatcher: what a value means, by data element. Meanings of values, from the schema (issue 12, point 1): enumeration
// names with their numbers, named bits, vehicle classes, RSI event and sign types, times in UTC
// and local time, printable ids, offsets as metres and absolute positions, "unavailable".
// Keyed by data element name (the ASN.1 type name, = the `de:` of a protobuf field), so the UPER
// bit dump and the protobuf wire dump share one implementation. Imports nothing from uper/ (the
// UPER schema tables fit `AsnLike` structurally), so uper/dump.ts may call it.
import { schema } from '../codec';
import { bitsMeaning } from './bits';
import { enumMeaning, namedNumberMeaning } from './enums';
import { octetsFromHex, printableMeaning } from './ids';
import { elementNamed, isUnavailable, physicalMeaning } from './physical';
import { axisOf, latitudeText, longitudeText, offsetMeaning } from './position';
import { eventTypeMeaning, signTypeMeaning } from './road-codes';
import { UNAVAILABLE } from './text';
import { dSecondMeaning, epochMsMeaning, minuteOfYearMeaning, timeMarkMeaning } from './time';
import type { BitsValue, Meaning, MeaningContext, MeaningValue, SchemaNames } from './types';
import { vehicleClassMeaning } from './vehicle-class';


/** The parts of a UPER schema type (uper/schema.ts AsnType) that carry names; structural, so no import of uper/ is needed. */
export type AsnLike =
	| { kind: 'enumerated'; root: readonly { name: string; value: number }[]; additions: readonly { name: string; value: number }[] }
	| { kind: 'bitString'; namedBits?: Readonly<Record<string, number>> }
	| { kind: 'integer'; named?: Readonly<Record<string, number>> }
	| { kind: string };

/** The names a UPER schema type gives its values (ENUMERATED items, named bits, named numbers), or undefined. */
export function namesOfAsn(type: AsnLike | undefined): SchemaNames | undefined {
	if (!type) return undefined;
	if (type.kind === 'enumerated' && 'root' in type) return { kind: 'enumerated', items: [...type.root, ...type.additions] };
	if (type.kind === 'bitString' && 'namedBits' in type && type.namedBits) return { kind: 'bits', bits: type.namedBits };
	if (type.kind === 'integer' && 'named' in type && type.named) {
		return { kind: 'numbers', items: Object.entries(type.named).map(([name, value]) => ({ name, value })) };
	}
	return undefined;
}

/**
 * `POSITION_CONFIDENCE_A1M` of enum `PositionConfidence` -> `A1M` (the inspector's short form);
 * a capital that starts a word after a one-letter one splits too (`AngularVConfidence` ->
 * `ANGULAR_V_CONFIDENCE_`), as buf's enum-value prefix rule writes it.
 */
function shortEnum(enumName: string, value: string): string {
	const words = enumName.split('.').pop()!.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2');
	const prefix = words.toUpperCase() + '_';
	return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

const protoEnumNames = new Map<string, SchemaNames | undefined>();

/** The names of a protobuf enum of the model (`TransmissionState`), prefix off (`FORWARD_GEARS`), or undefined for an unknown enum. Cached. */
export function namesOfProtoEnum(enumName: string): SchemaNames | undefined {
	if (protoEnumNames.has(enumName)) return protoEnumNames.get(enumName);
	const meta = schema.enums[enumName] ?? schema.enums[enumName.split('.').pop()!];
	const names: SchemaNames | undefined = meta && { kind: 'enumerated', items: meta.values.map((v) => ({ name: shortEnum(enumName, v.name), value: v.number })) };
	protoEnumNames.set(enumName, names);
	return names;
}

function isBits(v: MeaningValue): v is BitsValue {
	return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && (v as BitsValue).bits instanceof Uint8Array;
}

/** A number from a value that is one (a bigint in the safe range, a decimal string from a 64-bit protobuf field). */
function numberOf(v: MeaningValue): number | undefined {
	if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
	if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
	if (typeof v === 'string' && /^-?\d{1,16}$/.test(v)) return Number(v);
	return undefined;
}

type NumberMeaning = (n: number, ctx: MeaningContext) => Meaning | null;

/** Data elements whose numbers mean more than a unit: codes, times, coordinates. */
const BY_ELEMENT: Readonly<Record<string, NumberMeaning>> = {
	BasicVehicleClass: (n) => vehicleClassMeaning(n),
	EventType: (n) => eventTypeMeaning(n),
	SignType: (n) => signTypeMeaning(n),
	AlertType: (n) => signTypeMeaning(n),
	MinuteOfTheYear: minuteOfYearMeaning,
	DSecond: dSecondMeaning,
	TimeMark: timeMarkMeaning,
	TimestampMs: epochMsMeaning,
	Latitude: (n) => (n === 900000001 ? UNAVAILABLE : latitudeText(n / 1e7)),
	Longitude: (n) => (n === 1800000001 ? UNAVAILABLE : longitudeText(n / 1e7))
};

const OFFSET_LL = /^OffsetLL[-_]B(12|14|16|18|22|24)$/;

/** A number's meaning: by element, as an offset, through the schema's names, or through its data element. */
function numberMeaning(element: string, n: number, ctx: MeaningContext): Meaning | null {
	const special = BY_ELEMENT[element];
	if (special) return special(n, ctx);
	if (OFFSET_LL.test(element)) return offsetMeaning(n, axisOf(ctx), ctx.refPos);
	// a protobuf enum field names its enum as the element; its numbers are the enum's. The one UPER
	// INTEGER named like a protobuf enum (FuelType, csae53-2020-draft) numbers its values the same
	const names = ctx.names ?? namesOfProtoEnum(element);
	if (names?.kind === 'enumerated') return enumMeaning(n, names.items, element);
	const bits = bitsMeaning(element, n, names?.kind === 'bits' ? names.bits : undefined);
	if (bits) return bits;
	const el = elementNamed(element);
	if (el) return physicalMeaning(el, n);
	return names?.kind === 'numbers' ? namedNumberMeaning(n, names.items) : null;
}

/**
 * What a value means, in English and Chinese, or null when its text says all (a plain count, a
 * string, a structure). `element` is the data element or ASN.1 type name (`Speed`,
 * `VehicleEventFlags`, `OffsetLL-B24`, `TransmissionState`; empty or undefined for an anonymous
 * type such as an `id OCTET STRING (SIZE(8))`); `value` as either codec holds it (see
 * `MeaningValue`); `ctx` what the meaning needs (see `MeaningContext`: the schema's names, the
 * year, the local zone, the reference position...). Never throws: a value a table lacks is said
 * as unknown with its number, a value of the wrong shape for its element gives null.
 *
 * Examples: `meaningOf('VehicleEventFlags', 128)` -> `hardBraking` / `急刹车`;
 * `meaningOf('TransmissionState', 3, { names: namesOfProtoEnum('TransmissionState') })` ->
 * `FORWARD_GEARS (3)` / `FORWARD_GEARS (3) 前进挡`; `meaningOf('', bytes)` -> `"BJ-YZ-01"`.
 */
export function meaningOf(element: string | undefined, value: MeaningValue | undefined, ctx: MeaningContext = {}): Meaning | null {
	if (value === undefined || value === null || typeof value === 'boolean') return null;
	const name = (element ?? '').replace(/-/g, '_');
	if (value instanceof Uint8Array) return printableMeaning(value);
	if (isBits(value)) return bitsMeaning(name, value, ctx.names?.kind === 'bits' ? ctx.names.bits : undefined);
	if (typeof value === 'string' && ctx.names?.kind === 'enumerated' && numberOf(value) === undefined) return enumMeaning(value, ctx.names.items, name);
	const n = numberOf(value);
	if (n === undefined) return null;
	return numberMeaning(name, n, ctx);
}

/**
 * The meaning of a protobuf `bytes` value as the wire dump shows it (hex, `42 4a 2d …`): its
 * text when printable. A convenience for the protobuf view, whose dump gives bytes as hex.
 */
export function meaningOfHexBytes(hex: string): Meaning | null {
	const octets = octetsFromHex(hex);
	return octets ? printableMeaning(octets) : null;
}

export { isUnavailable, elementNamed };
