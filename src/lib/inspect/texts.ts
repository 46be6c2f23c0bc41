// The inspector's marks in both languages at once (a violation, a malformed field, a UPER
// decoding error), so the rows carry `{ en, zh }` like meanings do and the page shows the one of
// its language without calling back into the codec (UPER errors: uper/dump.ts `uperErrorText`). The words come from the app's catalogs
// (`errors.*`, `violations.*`), so they read as the rest of the interface.
import type { Cv2xError, Violation } from '../codec';
import type { Meaning } from '../meaning';
import en from '../i18n/en.json';
import zh from '../i18n/zh.json';

/** Text in English and Chinese (the shape of `Meaning`). */
export type Bilingual = Meaning;

type Params = Record<string, string | number | undefined>;

/** `{{name}}` (and `{{name, number}}`) filled from `params`; a missing one stays empty. */
function fill(template: string, params: Params): string {
	return template.replace(/\{\{\s*(\w+)(?:\s*,[^}]*)?\}\}/g, (_, k: string) => (params[k] === undefined ? '' : String(params[k])));
}

function entry(catalog: unknown, key: string): string | undefined {
	let at: unknown = catalog;
	for (const k of key.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined;
	return typeof at === 'string' ? at : undefined;
}

/** A catalog text in both languages (`key` dotted, e.g. `errors.lengthPrefix`); undefined when either lacks it. */
export function bilingual(key: string, params: Params = {}): Bilingual | undefined {
	const e = entry(en, key);
	const z = entry(zh, key);
	return e !== undefined && z !== undefined ? { en: fill(e, params), zh: fill(z, params) } : undefined;
}

/**
 * A protobuf decoding error (Cv2xError: byte offset, field path) in both languages: English is
 * the error's own message; Chinese its `errors.<key>` text with the place, or the English
 * message when the catalog has no such text.
 */
export function cv2xErrorText(e: Cv2xError): Bilingual {
	const key = e.detail ? `errors.${e.detail.key}` : undefined;
	const text = key ? entry(zh, key) : undefined;
	if (!text) return { en: e.message, zh: e.message };
	const where = (e.path ? fill(zh.errors.at, { path: e.path }) : '') + (e.offset !== undefined ? fill(zh.errors.offset, { offset: e.offset }) : '');
	return { en: e.message, zh: fill(text, e.detail!.params) + where };
}

/**
 * A validation finding (codec `validateMessage`) in both languages, naming the rule broken
 * (range with unit and "unavailable" value, SIZE, count, enum, type, missing payload).
 */
export function violationText(v: Violation): Bilingual {
	const w = v.want ?? {};
	let text = entry(zh, `violations.${v.code}`);
	if (!text) return { en: v.message, zh: v.message };
	text = fill(text, { path: v.path, value: v.value, lo: w.lo, hi: w.hi, want: w.text, type: w.type });
	const notes = [w.unit ? fill(zh.violations.unit, { unit: w.unit }) : '', w.unavailable !== undefined ? fill(zh.violations.unavailable, { value: w.unavailable }) : ''].filter(Boolean);
	if (v.code === 'range' && notes.length) text += `（${notes.join('；')}）`;
	return { en: v.message, zh: text };
}
