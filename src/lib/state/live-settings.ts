// What the Live panel's form holds and what of it this device keeps: the broker URL and topic
// filters always; the user name and password only when the user ticks "remember on this
// device" (unticking forgets them at once). Credentials never go into a URL or a share link.
import { MESSAGE_TYPES } from '../codec/registry';
import type { LiveConnect } from '../worker/protocol';

/** The embedded broker's WebSocket URL (`npm run broker`: live/broker.ts, port 8083, path /mqtt). */
export const DEFAULT_BROKER_URL = 'ws://127.0.0.1:8083/mqtt';
/**
 * The docking convention's topics, one per message type with a UPER form (`V2X.RSU.<TYPE>.UP`,
 * TYPE as live/dialects/topics.ts names them: MAP for map_data, else the label in capitals). The
 * convention puts the type inside one topic level, so no MQTT wildcard can stand for it
 * (`V2X.RSU.+.UP` is not a valid filter: '+' must be a whole level): each is listed.
 */
export const DOCKING_TOPICS: readonly string[] = MESSAGE_TYPES.filter((m) => m.standard !== 'cloud').map(
	(m) => `V2X.RSU.${(m.payload === 'map_data' ? 'MAP' : m.label).toUpperCase()}.UP`
);
/** Filters covering the three dialects: openv2x, this project's protobuf frames, docking. */
export const DEFAULT_TOPICS: readonly string[] = ['V2X/RSU/+/+/UP', 'cv2x/v1/#', ...DOCKING_TOPICS];
const STORAGE_KEY = 'cv2x.live';

export interface LiveForm {
	url: string;
	username: string;
	password: string;
	/** Keep the credentials in this browser's localStorage. */
	remember: boolean;
	/** One filter a line (commas and spaces separate too). */
	topics: string;
}

/** The subset of Storage used (localStorage in the browser; a map in tests). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function defaultForm(): LiveForm {
	return { url: DEFAULT_BROKER_URL, username: '', password: '', remember: false, topics: DEFAULT_TOPICS.join('\n') };
}

/** The form as this device left it (defaults for anything missing or damaged). */
export function loadForm(store: KeyValueStore | null): LiveForm {
	const form = defaultForm();
	try {
		const raw = store?.getItem(STORAGE_KEY);
		if (!raw) return form;
		const kept = JSON.parse(raw) as Partial<LiveForm>;
		if (typeof kept.url === 'string' && kept.url) form.url = kept.url;
		if (typeof kept.topics === 'string' && kept.topics.trim()) form.topics = kept.topics;
		if (kept.remember === true) {
			form.remember = true;
			if (typeof kept.username === 'string') form.username = kept.username;
			if (typeof kept.password === 'string') form.password = kept.password;
		}
	} catch {
		// damaged storage: the defaults
	}
	return form;
}

/** Keeps the form on this device; the credentials only when `remember` is ticked. */
export function saveForm(store: KeyValueStore | null, form: LiveForm): void {
	const kept: Partial<LiveForm> = { url: form.url, topics: form.topics };
	if (form.remember) Object.assign(kept, { remember: true, username: form.username, password: form.password });
	try {
		store?.setItem(STORAGE_KEY, JSON.stringify(kept));
	} catch {
		// storage full or refused: nothing kept, nothing lost in the page
	}
}

/** The topic filters of the form's text: split on lines, commas and spaces, empty ones dropped. */
export function topicsOf(text: string): string[] {
	return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * The URL without user:password@ (moved into the form's fields: a URL is shown, shared and kept
 * in history, credentials must not be), or the text unchanged when it is not a URL.
 */
export function withoutCredentials(form: LiveForm): LiveForm {
	let u: URL;
	try {
		u = new URL(form.url.trim());
	} catch {
		return form;
	}
	if (!u.username && !u.password) return form;
	const username = form.username || decodeURIComponent(u.username);
	const password = form.password || decodeURIComponent(u.password);
	u.username = '';
	u.password = '';
	return { ...form, url: u.toString(), username, password };
}

/** What the worker is asked to open. */
export function connectRequest(form: LiveForm): LiveConnect {
	const c: LiveConnect = { url: form.url.trim(), topics: topicsOf(form.topics) };
	if (form.username) c.username = form.username;
	if (form.password) c.password = form.password;
	return c;
}

/** A `?live=` value from the page URL: a ws:// or wss:// URL without credentials, else null. */
export function liveParam(value: string | null): string | null {
	if (!value) return null;
	try {
		const u = new URL(value);
		if ((u.protocol !== 'ws:' && u.protocol !== 'wss:') || u.username || u.password) return null;
		return u.toString();
	} catch {
		return null;
	}
}
