// Reader of the openv2x dialect: `V2X/RSU/<esn>/<TYPE>/UP` with the message's X.697 JER as
// UTF-8 JSON (a JSON array for a batch). Each message is checked by fromJer under the profiles in
// order (the first that accepts it wins), encoded as UPER under it and mapped to the model.
import { Cv2xError, frameType, parseJsonText, type MessageFrame } from '../../codec';
import { encodeUperFrame, fromJer, type AsnValue, type JerValue } from '../../uper';
import { toModel } from '../../uper/mapping';
import { EXT_ALTERNATIVE } from '../../uper/mapping/names';
import { profile as profileOf, type ProfileName } from '../../uper/profiles';
import type { LiveMessage } from '../types';
import { failed, partial, type ReadResult } from './result';
import { slotOf, type Slot } from './slots';
import { errorText, jsonExcerpt } from './text';

/** One JSON message read: UPER bytes under the profile that accepted it, and the model frame. */
interface JerRead {
	bytes: Uint8Array;
	profile: ProfileName;
	frame: MessageFrame;
	type: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The payload as JSON text, or an error naming the byte offset of the first byte that is not
 * UTF-8 (RFC 3629) or the character offset, line and column of the JSON syntax error (RFC 8259).
 */
export function parseJsonPayload(payload: Uint8Array): { json: JerValue } | { error: string } {
	if (payload.length === 0) return { error: 'empty payload: no JSON (byte offset 0)' };
	let text: string;
	try {
		text = utf8.decode(payload);
	} catch {
		return { error: `payload is not UTF-8 text (byte offset ${badUtf8At(payload)})` };
	}
	try {
		return { json: JSON.parse(text) as JerValue };
	} catch {
		try {
			parseJsonText(text); // the strict reader says where
		} catch (e) {
			return { error: errorText(e) };
		}
		return { error: 'not JSON' };
	}
}

/** Byte offset of the first octet that breaks UTF-8 (RFC 3629 3), or the length when none does. */
export function badUtf8At(b: Uint8Array): number {
	for (let i = 0; i < b.length; ) {
		const c = b[i];
		const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
		if (n < 0) return i;
		for (let k = 1; k <= n; k++) {
			const x = b[i + k];
			const lo = k === 1 && c === 0xe0 ? 0xa0 : k === 1 && c === 0xf0 ? 0x90 : 0x80;
			const hi = k === 1 && c === 0xed ? 0x9f : k === 1 && c === 0xf4 ? 0x8f : 0xbf;
			if (x === undefined || x < lo || x > hi) return i;
		}
		i += n + 1;
	}
	return b.length;
}

/**
 * An openv2x publication of payload type `payloadType` sent by `esn`: a JSON object (one
 * message) or array (a batch). A message that fails is named by its JSON path (`$[3].pos.lat`).
 */
export function readOpenv2x(topic: string, esn: string, payloadType: string, payload: Uint8Array, profiles: readonly ProfileName[]): ReadResult {
	const slot = slotOf(payloadType);
	if (!slot) return failed(topic, payload, `${payloadType} has no ASN.1 form to read as JER`);
	const parsed = parseJsonPayload(payload);
	if ('error' in parsed) return failed(topic, payload, parsed.error);
	return jsonMessages(topic, payload, parsed.json, esn, profiles, (value) => ({ slot, value }));
}

/**
 * The messages of parsed JSON: an array's elements or the value itself, each read as the JER of
 * the message `slotFor(item, at)` says (the slot and the message's JSON value), or not a message
 * (the reason, one line).
 */
export function jsonMessages(
	topic: string,
	payload: Uint8Array,
	json: JerValue,
	sender: string,
	profiles: readonly ProfileName[],
	slotFor: (item: JerValue, at: string) => { slot: Slot; value: JerValue } | string
): ReadResult {
	const items = Array.isArray(json) ? json : [json];
	if (items.length === 0) return failed(topic, payload, 'an empty JSON array: no message at $');
	const messages: LiveMessage[] = [];
	const failures: string[] = [];
	items.forEach((item, i) => {
		const at = Array.isArray(json) ? `$[${i}]` : '$';
		const slot = slotFor(item, at);
		const r = typeof slot === 'string' ? slot : readJer(slot.value, slot.slot, profiles, at);
		if (typeof r === 'string') failures.push(r);
		else messages.push({ topic, dialect: 'openv2x', type: r.type, sender, bytes: r.bytes, encoding: 'uper', profile: r.profile, frame: r.frame });
	});
	return partial(topic, payload, messages, failures, items.length);
}

/**
 * One message's JER under the first of `profiles` that accepts it (fromJer: members, ranges,
 * sizes; then UPER encode and the mapping to the model), or the error of the profile that got
 * furthest into the value, with the JSON path from `at`.
 */
export function readJer(item: JerValue, slot: Slot, profiles: readonly ProfileName[], at: string): JerRead | string {
	if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${at}: expected a JSON object (the message's SEQUENCE), got ${jsonExcerpt(item)}`;
	const frameJer: JerValue = 'alt' in slot ? { [slot.alt]: item } : { [EXT_ALTERNATIVE]: { messageId: slot.messageId, value: item } };
	const prefix = 'alt' in slot ? slot.alt : `${EXT_ALTERNATIVE}.value`;
	let best: { profile: ProfileName; e: unknown; depth: number } | undefined;
	for (const p of profiles) {
		try {
			const schema = profileOf(p).schema;
			const value: AsnValue = fromJer('MessageFrame', frameJer, schema);
			const bytes = encodeUperFrame(value, p);
			const frame = toModel(value, p).frame;
			const type = frameType(frame);
			if (type) return { bytes, profile: p, frame, type };
			throw new Cv2xError('bad_value', 'the model has no message type for it', { path: prefix });
		} catch (e) {
			const depth = e instanceof Cv2xError && e.path ? e.path.split('.').length : 0;
			if (!best || depth > best.depth) best = { profile: p, e, depth };
		}
	}
	return best ? `under ${best.profile}: ${jerError(best.e, prefix, at)}` : `${at}: no profile to read it under`;
}

/** A JER error with its path relative to the message (`bsmFrame.pos.lat` -> `$[3].pos.lat`). */
function jerError(e: unknown, prefix: string, at: string): string {
	if (!(e instanceof Cv2xError) || !e.path) return `${errorText(e)} (message at ${at})`;
	const suffix = ` at ${e.path}`;
	const msg = e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
	const rel = e.path === prefix ? '' : e.path.startsWith(`${prefix}.`) ? e.path.slice(prefix.length) : e.path.startsWith(`${prefix}[`) ? e.path.slice(prefix.length) : `.${e.path}`;
	return `${msg} at ${at}${rel}`;
}
