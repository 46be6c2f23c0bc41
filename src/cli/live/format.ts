// What `cv2x listen` prints: one line per received message or undecodable publication, as text
// columns or as a JSON object. Topics, senders and payload text come from the network: every
// control character is escaped before it reaches the terminal.
import { toHex, type MessageFrame } from '../../lib/codec';
import type { LiveMessage, Undecodable } from '../../lib/live/types';
import { summarize } from '../../lib/viewer/summary';

/** Hex characters of an undecodable payload printed at most (the byte count is always given). */
export const HEX_PREVIEW_CHARS = 256;

/**
 * `s` with every C0/C1 control character, DEL and the Unicode line/paragraph separators and
 * bidi overrides escaped as \xNN or \u{NNNN}, so a topic or payload cannot move the cursor,
 * recolour the terminal or fake a line.
 */
export function safeText(s: string): string {
	return s.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) => {
		const n = c.codePointAt(0) ?? 0;
		return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
	});
}

/** UTC time of day with milliseconds: "08:00:01.250". */
export function clock(ms: number): string {
	return new Date(ms).toISOString().slice(11, 23);
}

/** Hex of `bytes`, cut to `max` characters with "…", and the total length: "0a1b… (1234 bytes)". */
export function hexPreview(bytes: Uint8Array, max = HEX_PREVIEW_CHARS): string {
	const head = toHex(bytes.subarray(0, Math.ceil(max / 2)));
	return bytes.length * 2 > max ? `${head.slice(0, max)}… (${bytes.length} bytes)` : `${head} (${bytes.length} bytes)`;
}

const deg = (raw: unknown) => (typeof raw === 'number' ? raw / 1e7 : NaN);

/** "39.7805100,116.5012345" from a Position3D in 1e-7 degree (T/CSAE 53 Latitude, Longitude), or undefined. */
function positionText(pos: unknown): string | undefined {
	const p = pos as { lat?: unknown; lon?: unknown } | undefined;
	const lat = deg(p?.lat);
	const lon = deg(p?.lon);
	if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
	return `${lat.toFixed(7)},${lon.toFixed(7)}`;
}

const LIGHT_NAMES = ['?', 'dark', 'flashing red', 'red', 'flashing green', 'permissive green', 'protected green', 'yellow', 'flashing yellow'];

/** SPAT phases of the first intersection as "phase 1 red, 2 protected green"; undefined when none. */
function phasesText(spat: unknown): string | undefined {
	const phases = (spat as { intersections?: { phases?: { id?: number; phaseStates?: { light?: number }[] }[] }[] })?.intersections?.[0]?.phases;
	if (!phases?.length) return undefined;
	const one = (p: { id?: number; phaseStates?: { light?: number }[] }) => `${p.id ?? '?'} ${LIGHT_NAMES[p.phaseStates?.[0]?.light ?? 0] ?? '?'}`;
	const shown = phases.slice(0, 8).map(one).join(', ');
	return `phase ${shown}${phases.length > 8 ? `, … (${phases.length})` : ''}`;
}

/**
 * A short text of a decoded frame: the capture viewer's Info line (ids, msgCnt, speed, heading,
 * counts), plus the position of a BSM or PSM and the light of each SPAT phase.
 */
export function messageSummary(frame: MessageFrame): string {
	const f = frame as unknown as Record<string, Record<string, unknown> | undefined>;
	const base = summarize(frame);
	const moving = f.bsm ?? f.psm;
	if (moving) {
		const pos = positionText(moving.pos);
		return pos ? `${base} at ${pos}` : base;
	}
	if (f.spat) {
		const phases = phasesText(f.spat);
		return phases ? `${base}: ${phases}` : base;
	}
	return base;
}

/**
 * One text line for a decoded message: time (UTC, when received), topic, dialect, type, sender,
 * size of the frame's bytes and encoding, summary. Tab-free; fields separated by two spaces.
 */
export function messageLine(m: LiveMessage, frame: MessageFrame, receivedAtMs: number): string {
	const enc = m.encoding === 'uper' ? `UPER ${m.profile ?? '?'}` : 'protobuf';
	return safeText([clock(receivedAtMs), m.topic, m.dialect, m.type, m.sender, `${m.bytes.length} B ${enc}`, messageSummary(frame)].join('  '));
}

/** One text line for a publication that did not decode: time, "undecodable", topic, error, hex preview. */
export function undecodableLine(u: Undecodable, receivedAtMs: number): string {
	return safeText([clock(receivedAtMs), 'undecodable', u.topic, u.error, hexPreview(u.payload)].join('  '));
}

/**
 * The `--json` form of a message: one object on one line, keys time (ISO 8601 UTC), topic,
 * dialect, type, sender, size (bytes), encoding, profile (UPER only), sentAt (when the sender
 * says), summary, hex (all the frame's bytes). JSON.stringify escapes control characters.
 */
export function messageJson(m: LiveMessage, frame: MessageFrame, receivedAtMs: number): string {
	return JSON.stringify({
		time: new Date(receivedAtMs).toISOString(), topic: m.topic, dialect: m.dialect, type: m.type, sender: m.sender, size: m.bytes.length,
		encoding: m.encoding, ...(m.profile ? { profile: m.profile } : {}), ...(m.sentAtMs !== undefined ? { sentAt: new Date(m.sentAtMs).toISOString() } : {}),
		summary: messageSummary(frame), hex: toHex(m.bytes)
	});
}

/** The `--json` form of an undecodable publication: time, undecodable: true, topic, error, size, hex (all of it). */
export function undecodableJson(u: Undecodable, receivedAtMs: number): string {
	return JSON.stringify({ time: new Date(receivedAtMs).toISOString(), undecodable: true, topic: u.topic, error: u.error, size: u.payload.length, hex: toHex(u.payload) });
}
