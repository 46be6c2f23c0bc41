// BIT STRINGs with named bits (X.680 22): the names of the bits that are set, from the schema
// (UPER) or, for the protobuf model's integer masks, from the table in bit-names.ts.
import { namedBitsOf, type NamedBit } from './bit-names';
import { lowerFirst } from './text';
import type { BitsValue, Meaning } from './types';

/** The set bits of a value, bit 0 first: a UPER BIT STRING (bit 0 = MSB) or a mask (bit n = 1 << n). */
export function setBits(value: BitsValue | number | bigint): number[] {
	const out: number[] = [];
	if (typeof value === 'number' || typeof value === 'bigint') {
		let mask = BigInt(value);
		if (mask < 0n) return out;
		for (let n = 0; mask > 0n; n++, mask >>= 1n) if (mask & 1n) out.push(n);
		return out;
	}
	for (let n = 0; n < value.length; n++) if ((value.bits[n >> 3] >> (7 - (n & 7))) & 1) out.push(n);
	return out;
}

/** `eventHardBraking` -> `hardBraking`: the flags' common prefix adds nothing (as the issue writes it). */
function shown(element: string, name: string): string {
	return element === 'VehicleEventFlags' && /^event[A-Z]/.test(name) ? lowerFirst(name.slice(5)) : name;
}

/**
 * The meaning of a BIT STRING with named bits: the names of the set bits in bit order
 * (`128` of VehicleEventFlags -> `hardBraking` / `急刹车`), "none set" for no bit, and
 * `bit <n>` for a set bit without a name. `schemaBits` (identifier -> bit) are the schema's own
 * names and win over the table's English; the Chinese comes from the table by identifier or bit.
 * Returns null when neither the schema nor the table names any bit of `element`.
 */
export function bitsMeaning(element: string, value: BitsValue | number | bigint, schemaBits?: Readonly<Record<string, number>>): Meaning | null {
	const table = namedBitsOf(element);
	if (!table && !schemaBits) return null;
	const set = setBits(value);
	if (!set.length) return { en: 'none set', zh: '无' };
	const en: string[] = [];
	const zh: string[] = [];
	for (const bit of set) {
		const fromSchema = schemaBits && Object.keys(schemaBits).find((k) => schemaBits[k] === bit);
		const entry: NamedBit | undefined = table?.find((b) => (fromSchema ? b.names.includes(fromSchema) : false)) ?? table?.[bit];
		const name = fromSchema ?? entry?.names[0];
		en.push(name ? shown(element, name) : `bit ${bit}`);
		zh.push(entry && (!fromSchema || entry.names.includes(fromSchema)) ? entry.zh : name ? shown(element, name) : `第 ${bit} 位`);
	}
	return { en: en.join(', '), zh: zh.join('、') };
}
