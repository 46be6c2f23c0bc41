// Numbers through their data element (proto/elements.txt, the codec's generated `de`
// converters): the "unavailable" value said as such, a physical reading with its unit.
import { de, formatPhysical, type DataElement } from '../codec';
import { UNAVAILABLE } from './text';
import type { Meaning } from './types';

/** The data element `name` (ASN.1 `OffsetLL-B24` = `OffsetLL_B24`), if proto/elements.txt states it. */
export function elementNamed(name: string): DataElement | undefined {
	return (de as unknown as Record<string, DataElement | undefined>)[name.replace(/-/g, '_')];
}

/** True when `encoded` is the element's "unavailable" value. */
export function isUnavailable(el: DataElement, encoded: number): boolean {
	return el.unavailable !== null && encoded === el.unavailable;
}

/**
 * A number through its data element: `unavailable` / `不可用` for the unavailable value, the
 * physical reading with its unit for elements with a unit (`12.50 m/s (45.0 km/h)`), null for
 * unitless elements (counts, ids, codes, masks) whose number says all, and for values outside
 * the element's range (the validator reports those; a meaning would only mislead).
 */
export function physicalMeaning(el: DataElement, encoded: number): Meaning | null {
	if (isUnavailable(el, encoded)) return UNAVAILABLE;
	if (el.unit === '1' || encoded < el.range[0] || encoded > el.range[1]) return null;
	const value = el.toPhysical(encoded);
	if (value === null) return UNAVAILABLE;
	const text = formatPhysical(value, { text: el.unitText, factor: el.factor, symbol: el.unit });
	return { en: text, zh: zhUnits(text) };
}

/**
 * Units said as words in Chinese: the abbreviations that are English words (`veh`) or read as
 * them (`min`, `h`); SI symbols (m, s, ms, m/s, km/h, °, %, g) are written as symbols in Chinese
 * technical text too (GB 3100-1993) and stay.
 */
const UNIT_WORDS_ZH: Readonly<Record<string, string>> = { veh: '辆', min: '分钟', h: '小时' };

function zhUnits(text: string): string {
	return text.replace(/(\d) (veh|min|h)(?=$|[\s),，）])/g, (_, digit: string, unit: string) => `${digit} ${UNIT_WORDS_ZH[unit]}`);
}
