// The basemap: off unless the user asks for one. Our own roads need no network; tiles come from a
// server the user picked from a short list, typed in and confirmed, or confirmed from a link
// (`?tiles=URL` never loads silently: it names the host and asks). A host may be remembered as
// allowed on this device, only when the user ticks so.
import type { UiText } from '../i18n/index.svelte';
import type { KeyValueStore } from './live-settings';

/** A tile server offered in the basemap menu. */
export interface TileServer {
	id: string;
	name: string;
	/** Leaflet URL template with {z}/{x}/{y} (and {s} for subdomains, if any). */
	url: string;
	/** Attribution as HTML (fixed text of ours, never from a link). */
	attribution: string;
}

/** The known servers (choosing one in the menu is the user's explicit request: no second question). */
export const TILE_SERVERS: readonly TileServer[] = [
	{
		id: 'osm',
		name: 'OpenStreetMap',
		url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
		attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
	}
];

/** localStorage key of the hosts the user allowed and asked to remember (a JSON array of host names). */
export const ALLOWED_HOSTS_KEY = 'cv2x.tiles.allowedHosts';
/** Longest template taken (a link could carry anything). */
const MAX_TEMPLATE_CHARS = 2048;

/** A template checked: its host (with port, if any), or why it is refused (an i18n key and params). */
export type TemplateCheck = { ok: true; url: string; host: string } | { ok: false; problem: UiText };

/**
 * Checks a tile URL template: an absolute http(s) URL, with no user name or password, holding
 * `{z}`, `{x}` and `{y}`, at most 2,048 characters. Never throws.
 */
export function checkTemplate(raw: string): TemplateCheck {
	const url = raw.trim();
	const quoted = url.length > 80 ? `${url.slice(0, 80)}…` : url;
	if (!url || url.length > MAX_TEMPLATE_CHARS) return { ok: false, problem: { key: 'basemap.badUrl', params: { url: quoted } } };
	let parsed: URL;
	try {
		// braces are kept by the URL parser in the path; `{s}` in the host is not: such templates are refused
		parsed = new URL(url);
	} catch {
		return { ok: false, problem: { key: 'basemap.badUrl', params: { url: quoted } } };
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, problem: { key: 'basemap.badScheme', params: { url: quoted } } };
	if (parsed.username || parsed.password) return { ok: false, problem: { key: 'basemap.badUrl', params: { url: quoted } } };
	if (!['{z}', '{x}', '{y}'].every((p) => url.includes(p))) return { ok: false, problem: { key: 'basemap.noPlaceholders', params: { url: quoted } } };
	return { ok: true, url, host: parsed.host };
}

/** The known server with this exact template, if any. */
export function knownServer(url: string): TileServer | undefined {
	return TILE_SERVERS.find((s) => s.url === url);
}

/** The hosts this device was told to remember as allowed (none when storage is missing or damaged). */
export function allowedHosts(store: KeyValueStore | null): string[] {
	try {
		const v = JSON.parse(store?.getItem(ALLOWED_HOSTS_KEY) ?? '[]') as unknown;
		return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
	} catch {
		return [];
	}
}

/** Remembers `host` as allowed on this device (storage refused: nothing kept, no error). */
export function rememberHost(store: KeyValueStore | null, host: string): void {
	const hosts = allowedHosts(store);
	if (hosts.includes(host)) return;
	try {
		store?.setItem(ALLOWED_HOSTS_KEY, JSON.stringify([...hosts, host]));
	} catch {
		/* storage may be full or blocked */
	}
}

/** What a link's `tiles` parameter leads to. */
export type TilesRequest =
	| { kind: 'none' }
	| { kind: 'load'; url: string; host: string }
	| { kind: 'ask'; url: string; host: string }
	| { kind: 'refused'; problem: UiText };

/**
 * Reads `?tiles=`: absent, empty or `none` is no basemap; a malformed template is refused (the
 * basemap stays off, the problem is said); a good one loads at once only if its host was
 * remembered as allowed on this device, else the user is asked.
 */
export function tilesFromLink(value: string | null, store: KeyValueStore | null): TilesRequest {
	if (value === null || value.trim() === '' || value.trim() === 'none') return { kind: 'none' };
	const c = checkTemplate(value);
	if (!c.ok) return { kind: 'refused', problem: c.problem };
	return allowedHosts(store).includes(c.host) ? { kind: 'load', url: c.url, host: c.host } : { kind: 'ask', url: c.url, host: c.host };
}
