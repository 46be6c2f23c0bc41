// Enumerations: the identifier with its number (`forwardGears (2)`, `FORWARD_GEARS (3)`), from
// the schema's items, with a Chinese gloss where we have one.
import { ENUM_ZH } from './enum-words';
import { UNAVAILABLE, nameKey } from './text';
import type { Meaning, NamedNumber } from './types';

/**
 * The meaning of an ENUMERATED value (UPER: the identifier, or `"#<n>"` for an unknown extension
 * addition, X.691 13.3) or of a protobuf enum number, given the type's items. The text is
 * `<identifier> (<number>)`, the Chinese adds a gloss when one is known. An identifier or number
 * the items lack is said as unknown, never thrown.
 */
export function enumMeaning(value: string | number, items: readonly NamedNumber[], element = ''): Meaning {
	if (typeof value === 'string' && /^#\d+$/.test(value)) {
		return { en: `unknown extension value ${value}`, zh: `未知的扩展取值 ${value}` };
	}
	const item = typeof value === 'string' ? items.find((i) => i.name === value) : items.find((i) => i.value === value);
	if (!item) return { en: `unknown value ${value}`, zh: `未知取值 ${value}` };
	const text = `${item.name} (${item.value})`;
	const key = nameKey(item.name);
	const gloss = key === 'unavailable' ? UNAVAILABLE.zh : (ENUM_ZH[key] ?? precisionGloss(item.name, element));
	return { en: text, zh: gloss ? `${text} ${gloss}` : text };
}

/** A named number of an INTEGER (X.680 19.3), when `value` has a name: `name (value)`. */
export function namedNumberMeaning(value: number, items: readonly NamedNumber[]): Meaning | null {
	const item = items.find((i) => i.value === value);
	return item ? { en: `${item.name} (${value})`, zh: `${item.name} (${value})` } : null;
}

const UNIT_ZH: Readonly<Record<string, string>> = { m: '米', cm: '厘米', deg: '度', ms: '米/秒', ms2: '米/秒²', s: '秒' };

/** `0-05` -> `0.05`, `000-50` -> `0.50`, `100-000` -> `100.000` (the identifiers write the decimal point as `-`). */
function decimal(text: string): string {
	const [whole, frac] = text.split('-');
	return `${Number(whole)}${frac !== undefined ? `.${frac}` : ''}`;
}

/**
 * A Chinese gloss for the precision classes of the confidence enumerations, read from the
 * identifier itself: `a500m` (PositionConfidence) -> `约 500 米`, `prec0-05ms` -> `精度 0.05 米/秒`,
 * `elev-000-50` -> `精度 0.50 米`, `time-000-010` -> `精度 0.010 秒`, `size-002-00` -> `精度 2.00 米`;
 * the protobuf names (`A500M`, `PREC0_05MS`, `000_010` of TimeConfidence) alike. Two enums get
 * their unit from what they measure, not from the identifier: AccConfidence's UPER identifiers
 * say `deg` for what are m/s² classes (as J2735 AccelerationConfidence; the protobuf names say
 * MS2), and AngularVConfidence's `deg` classes are of an angular velocity, degrees per second.
 */
function precisionGloss(rawName: string, element: string): string | undefined {
	const unitOf: Readonly<Record<string, string>> = { AccConfidence: UNIT_ZH.ms2, AngularVConfidence: '度/秒' };
	if (unitOf[element]) {
		const m = /^prec(\d+(?:-\d+)?)(?:deg|ms2)$/.exec(rawName.toLowerCase().replace(/_/g, '-'));
		return m ? `精度 ${decimal(m[1])} ${unitOf[element]}` : undefined;
	}
	const prefix = element === 'TimeConfidence' ? 'time-' : element === 'ElevationConfidence' ? 'elev-' : element === 'SizeValueConfidence' ? 'size-' : '';
	const lower = rawName.toLowerCase().replace(/_/g, '-');
	const name = prefix && /^\d/.test(lower) ? prefix + lower : lower;
	let m = /^a(\d+)(m|cm)$/.exec(name);
	if (m) return `约 ${m[1]} ${UNIT_ZH[m[2]]}`;
	m = /^prec(\d+(?:-\d+)?)(deg|ms2|ms)$/.exec(name);
	if (m) return `精度 ${decimal(m[1])} ${UNIT_ZH[m[2]]}`;
	m = /^(elev|size)-(\d{3}-\d{2})$/.exec(name);
	if (m) return `精度 ${decimal(m[2])} 米`;
	m = /^time-(\d{3})-(\d{3}(?:-\d{3})*(?:-\d+)?)$/.exec(name);
	if (m) return `精度 ${Number(m[1])}.${m[2].replace(/-/g, '')} 秒`;
	return undefined;
}
