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
export function enumMeaning(value: string | number, items: readonly NamedNumber[]): Meaning {
	if (typeof value === 'string' && /^#\d+$/.test(value)) {
		return { en: `unknown extension value ${value}`, zh: `未知的扩展取值 ${value}` };
	}
	const item = typeof value === 'string' ? items.find((i) => i.name === value) : items.find((i) => i.value === value);
	if (!item) return { en: `unknown value ${value}`, zh: `未知取值 ${value}` };
	const text = `${item.name} (${item.value})`;
	const key = nameKey(item.name);
	const gloss = key === 'unavailable' ? UNAVAILABLE.zh : ENUM_ZH[key];
	return { en: text, zh: gloss ? `${text} ${gloss}` : text };
}

/** A named number of an INTEGER (X.680 19.3), when `value` has a name: `name (value)`. */
export function namedNumberMeaning(value: number, items: readonly NamedNumber[]): Meaning | null {
	const item = items.find((i) => i.value === value);
	return item ? { en: `${item.name} (${value})`, zh: `${item.name} (${value})` } : null;
}
