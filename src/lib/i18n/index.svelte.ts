// The interface in English and Simplified Chinese, with i18next (a maintained i18n library that
// runs offline, in Node and the browser, with no build step). The current language is runes
// state, so switching re-renders the text in place: nothing is remounted, the simulation runs on.
import i18next from 'i18next';
import { MESSAGE_TYPES, type MessageTypeInfo } from '../codec/registry';
import enTexts from './en.json';
import zhTexts from './zh.json';

export type Locale = 'en' | 'zh';
const STORAGE_KEY = 'cv2x.lang';

/**
 * A catalog with the message-type labels added under their registry i18n keys (`types.bsm`):
 * the labels are stated once, in frame.proto's registry lines, not again in the catalogs.
 */
function withTypeLabels<T extends { types: Record<string, string> }>(catalog: T, label: (m: MessageTypeInfo) => string): T {
	const types = { ...catalog.types };
	for (const m of MESSAGE_TYPES) types[m.i18nKey.slice('types.'.length)] = label(m);
	return { ...catalog, types };
}
const en = withTypeLabels(enTexts, (m) => m.label);
const zh = withTypeLabels(zhTexts, (m) => m.labelZh);

const i18n = i18next.createInstance();
void i18n.init({
	resources: { en: { translation: en }, zh: { translation: zh } },
	lng: 'en',
	fallbackLng: 'en',
	interpolation: { escapeValue: false }, // Svelte escapes every text it renders
	initAsync: false,
	returnObjects: true
});

class I18nState {
	locale = $state<Locale>('en');
}
export const lang = new I18nState();

/** A translated string; reading `lang.locale` makes every caller re-render on a switch. */
export function t(key: string, params: Record<string, unknown> = {}): string {
	const r = i18n.t(key, { ...params, lng: lang.locale });
	return typeof r === 'string' ? r : key;
}

/** A translated list (scenario narratives). */
export function tList(key: string): string[] {
	const r = i18n.t(key, { lng: lang.locale, returnObjects: true }) as unknown;
	return Array.isArray(r) ? (r as string[]) : [];
}

/** Numbers as the locale writes them. */
export function num(n: number, digits?: number): string {
	return new Intl.NumberFormat(lang.locale === 'zh' ? 'zh-CN' : 'en-US', digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** The language to start in: ?lang=, then the one chosen before, then the browser's. */
export function initialLocale(): Locale {
	const q = new URLSearchParams(location.search).get('lang');
	if (q === 'en' || q === 'zh') return q;
	try {
		const saved = localStorage.getItem(STORAGE_KEY);
		if (saved === 'en' || saved === 'zh') return saved;
	} catch {
		/* storage may be blocked */
	}
	return (navigator.languages ?? [navigator.language]).some((l) => l?.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function setLocale(l: Locale) {
	lang.locale = l;
	document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
	try {
		localStorage.setItem(STORAGE_KEY, l);
	} catch {
		/* storage may be blocked */
	}
}

/** Every key path of a messages object (for the completeness test). */
export function keyPaths(obj: unknown, prefix = ''): string[] {
	if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [prefix];
	return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

export const catalogs = { en, zh };

interface Explained {
	message: string;
	offset?: number;
	path?: string;
	detail?: { key: string; params: Record<string, string | number> };
}

/** An error from the codec in the current language (its English message if it has no key). */
export function errorText(e: unknown): string {
	const err = e as Explained;
	if (!err?.detail || lang.locale === 'en') return err?.message ?? String(e);
	// Chinese runs the parts together: "…，位置 bsm（字节偏移 3）"
	const where = (err.path ? t('errors.at', { path: err.path }) : '') + (err.offset !== undefined ? t('errors.offset', { offset: err.offset }) : '');
	const text = t(`errors.${err.detail.key}`, err.detail.params);
	return text === `errors.${err.detail.key}` ? err.message : text + where;
}

interface Violated {
	path: string;
	code: string;
	value: string;
	message: string;
	want?: { lo?: number; hi?: number; unit?: string; unavailable?: number; text?: string; type?: string };
}

/** A validation finding in the current language. */
export function violationText(v: Violated): string {
	if (lang.locale === 'en') return v.message;
	const w = v.want ?? {};
	let text = t(`violations.${v.code}`, { path: v.path, value: v.value, lo: w.lo, hi: w.hi, want: w.text, type: w.type });
	const notes = [w.unit ? t('violations.unit', { unit: w.unit }) : '', w.unavailable !== undefined ? t('violations.unavailable', { value: w.unavailable }) : ''].filter(Boolean);
	if (v.code === 'range' && notes.length) text += `（${notes.join('；')}）`;
	return text;
}

/**
 * A text the UI keeps to show later (a status line, an error, a warning): its key and the
 * parameters to fill in, never the translated words, so it follows a language switch.
 * Numbers in `params` are formatted by the text itself (`{{n, number}}`), in the language shown.
 */
export interface UiText {
	key: string;
	params?: Record<string, string | number>;
}

/** A UiText in the current language (its key if the catalogs have no such text). */
export function say(text: UiText): string {
	return t(text.key, text.params ?? {});
}
