// Scalar conversions between UPER values (X.680 value model of ../schema.ts) and the model's
// protobufjs values: ENUMERATED <-> proto enums (proto/README.md "Enumerations": the standard's
// number, or +1 where the standard's 0 is a real state), BIT STRING <-> uint32 bitmask (ASN.1
// bit n = 1 << n, proto/cv2x/v1/common.proto), 64-bit integers.
import { schema } from '../../codec';
import type { BitStringType, BitStringValue, CharStringType, EnumeratedType } from '../schema';

/** The model's numeric scalar types (proto3), which carry INTEGER, small OCTET STRING and bitmask values. */
export const NUMERIC = /^(u?int|sint|s?fixed)(32|64)$|^(float|double)$/;

interface EnumMap {
	toProto: Map<string, number>;
	fromProto: Map<number, string>;
}

const enumCache = new WeakMap<EnumeratedType, Map<string, EnumMap>>();

/**
 * How an ASN.1 ENUMERATED maps onto the model's enum `protoEnum`: the standard's number plus the
 * enum's offset (1 when its comment says the standard's 0 is a real state, else 0). Not by
 * identifier: `prec01deg` (1 deg) and PREC0_1DEG (0.1 deg) would match and be wrong.
 */
export function enumMap(asn: EnumeratedType, protoEnum: string): EnumMap {
	let perType = enumCache.get(asn);
	if (!perType) enumCache.set(asn, (perType = new Map()));
	let m = perType.get(protoEnum);
	if (m) return m;
	const meta = schema.enums[protoEnum];
	if (!meta) throw new Error(`no enum ${protoEnum} in the protobuf schema`);
	const offset = /\+\s*1/.test(meta.doc) ? 1 : 0;
	const known = new Set(meta.values.map((v) => v.number));
	m = { toProto: new Map(), fromProto: new Map() };
	for (const item of [...asn.root, ...asn.additions]) {
		const n = known.has(item.value + offset) ? item.value + offset : undefined;
		if (n === undefined || m.fromProto.has(n)) continue;
		m.toProto.set(item.name, n);
		m.fromProto.set(n, item.name);
	}
	perType.set(protoEnum, m);
	return m;
}

/** The offset of the model's enum over the standard's numbers (proto/README.md "Enumerations"). */
export function enumOffset(protoEnum: string): number {
	return /\+\s*1/.test(schema.enums[protoEnum]?.doc ?? '') ? 1 : 0;
}

/**
 * The length in bits a BIT STRING of `type` gets back from a bitmask: the fixed size of a
 * non-extensible SIZE, else the highest set bit + 1 but not below the lower bound (for named
 * bits that is the canonical length, X.680 22.7; an extensible SIZE(9, ...) grows past its root
 * only when a bit there is set, X.691 16.6).
 */
export function bitLengthOf(type: BitStringType, mask: number): number {
	const lb = type.size?.lb ?? 0;
	if (type.size && type.size.ub === lb && !type.size.extensible) return lb;
	const highest = mask === 0 ? 0 : 32 - Math.clz32(mask);
	return Math.max(lb, highest);
}

/** A BIT STRING as a bitmask (bit n = 1 << n); `undefined` when a set bit is beyond bit 31. */
export function bitsToMask(v: BitStringValue): number | undefined {
	let mask = 0;
	for (let n = 0; n < v.length; n++) {
		if (!(v.bits[n >> 3] & (0x80 >> (n & 7)))) continue;
		if (n > 31) return undefined;
		mask = (mask | (1 << n)) >>> 0;
	}
	return mask;
}

/** A bitmask as a BIT STRING of `length` bits (bit n = 1 << n). */
export function maskToBits(mask: number, length: number): BitStringValue {
	const bits = new Uint8Array(Math.ceil(length / 8));
	for (let n = 0; n < Math.min(length, 32); n++) if ((mask >>> n) & 1) bits[n >> 3] |= 0x80 >> (n & 7);
	return { bits, length };
}

/** A protobufjs integer (number, or a Long-like object for 64-bit fields) as a number or bigint. */
export function protoInteger(v: unknown): number | bigint {
	if (typeof v === 'number' || typeof v === 'bigint') return v;
	if (v && typeof v === 'object' && 'low' in v && 'high' in v) {
		const big = BigInt(String(v));
		return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
	}
	return Number(v ?? 0);
}

/** The characters each restricted string kind allows without a PermittedAlphabet (X.680 41, table 8). */
const KIND_CHARS: Record<CharStringType['stringKind'], RegExp> = {
	IA5String: /^[\x00-\x7f]$/,
	VisibleString: /^[\x20-\x7e]$/,
	PrintableString: /^[A-Za-z0-9 '()+,\-./:=?]$/,
	NumericString: /^[0-9 ]$/,
	UTF8String: /^[\s\S]$/u
};

/** The first character of `text` that string type `t` cannot hold (its alphabet or kind), else `undefined`. */
export function charOutside(t: CharStringType, text: string): string | undefined {
	for (const ch of text) {
		const ok = t.alphabet !== undefined && t.stringKind !== 'UTF8String' ? t.alphabet.includes(ch) : KIND_CHARS[t.stringKind].test(ch);
		if (!ok) return ch;
	}
	return undefined;
}
