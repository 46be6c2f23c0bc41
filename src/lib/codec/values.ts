// Value helpers shared by JSON conversion and validation: 64-bit integers arrive as protobufjs
// Long objects, numbers, bigints or decimal strings.
import Long from 'long';
import { is64 } from './schema';

export function isLong(v: unknown): v is Long {
	return typeof v === 'object' && v !== null && Long.isLong(v);
}

/** Any integer-like value to an exact bigint, or null when it is not an integer. */
export function toBigInt(v: unknown): bigint | null {
	if (typeof v === 'bigint') return v;
	if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : null;
	if (typeof v === 'string') return /^-?\d+$/.test(v.trim()) ? BigInt(v.trim()) : null;
	if (isLong(v)) return BigInt(v.toString());
	return null;
}

const LIMITS: Record<string, [bigint, bigint]> = {
	int32: [-(2n ** 31n), 2n ** 31n - 1n],
	sint32: [-(2n ** 31n), 2n ** 31n - 1n],
	sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
	uint32: [0n, 2n ** 32n - 1n],
	fixed32: [0n, 2n ** 32n - 1n],
	int64: [-(2n ** 63n), 2n ** 63n - 1n],
	sint64: [-(2n ** 63n), 2n ** 63n - 1n],
	sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
	uint64: [0n, 2n ** 64n - 1n],
	fixed64: [0n, 2n ** 64n - 1n],
	enum: [-(2n ** 31n), 2n ** 31n - 1n]
};

/** The inclusive bounds of an integer wire type. */
export function typeLimits(type: string): [bigint, bigint] | undefined {
	return LIMITS[type];
}

export function isIntegerType(type: string): boolean {
	return type in LIMITS;
}

/** A 64-bit value as protobufjs wants it for encoding. */
export function toLong(v: bigint, type: string): Long {
	const unsigned = type === 'uint64' || type === 'fixed64';
	return Long.fromString(v.toString(), unsigned);
}

/** Whether a field value equals its type's default (proto3 implicit presence). */
export function isDefault(type: string, kind: string, v: unknown): boolean {
	if (v === undefined || v === null) return true;
	if (kind === 'enum') return v === 0;
	if (is64(type)) return toBigInt(v) === 0n;
	switch (type) {
		case 'bool': return v === false;
		case 'string': return v === '';
		case 'bytes': return (v as Uint8Array).length === 0;
		default: return v === 0 && !Object.is(v, -0);
	}
}
