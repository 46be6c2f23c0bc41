// Small text helpers shared by the meaning modules.
import type { Meaning } from './types';

/** A meaning with the same text in both languages (numbers, identifiers, quoted text). */
export function same(text: string): Meaning {
	return { en: text, zh: text };
}

/** Both languages' texts joined item by item (`sep` per language). */
export function joinMeanings(parts: readonly Meaning[], sep: Meaning = { en: ', ', zh: '、' }): Meaning {
	return { en: parts.map((p) => p.en).join(sep.en), zh: parts.map((p) => p.zh).join(sep.zh) };
}

/** The "unavailable" meaning (the data element's unavailable value, or a named "unavailable" item). */
export const UNAVAILABLE: Meaning = { en: 'unavailable', zh: '不可用' };

/** A number as an integer when it is one, else with up to `digits` decimals (trailing zeros kept). */
export function fixed(v: number, digits: number): string {
	return Number.isInteger(v) && digits === 0 ? String(v) : v.toFixed(digits);
}

/** Two digits, zero-padded. */
export function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** `name` with the first letter lower-cased (`HardBraking` -> `hardBraking`). */
export function lowerFirst(name: string): string {
	return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A name reduced to lower-case letters and digits, to match names across the two schemas (`forwardGears` = `FORWARD_GEARS`). */
export function nameKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
