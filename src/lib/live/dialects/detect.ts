// Reading a publication whose topic names no dialect: the payload says what it is. JSON (first
// non-blank character `{` or `[`) is read as MessageFrame JER (`{"bsmFrame": {...}}`); anything
// else goes through uper/detect (a protobuf MessageFrame, a bare UPER MessageFrame or several
// back to back under any profile, the RSU framing).
import { frameType, type MessageFrame } from '../../codec';
import { detectEncoding, parseRsuPayload, withoutPlace, UperError, type AsnValue, type DetectAttempt, type JerValue } from '../../uper';
import { toModel } from '../../uper/mapping';
import { EXT_ALTERNATIVE, FRAME_ALTERNATIVES } from '../../uper/mapping/names';
import type { ProfileName } from '../../uper/profiles';
import type { LiveMessage } from '../types';
import { framesOf } from './read-binary';
import { jsonMessages, parseJsonPayload } from './read-json';
import type { Slot } from './slots';
import { failed, partial, type ReadResult } from './result';
import { copyOf, errorText } from './text';

/** Largest payload tried against every encoding when the topic names no dialect. */
export const MAX_DETECT_OCTETS = 1 << 20;

function looksLikeJson(payload: Uint8Array): boolean {
	for (const b of payload) {
		if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
		return b === 0x7b || b === 0x5b;
	}
	return false;
}

/**
 * Reads a payload by what it is (topic unknown): sender = the topic (the only name there is),
 * except the RSU framing's rsuId. Undecodable names every way tried with its error.
 */
export function readDetected(topic: string, payload: Uint8Array, profiles: readonly ProfileName[]): ReadResult {
	if (payload.length === 0) return failed(topic, payload, 'empty payload (byte offset 0), and the topic names no dialect');
	if (payload.length > MAX_DETECT_OCTETS) return failed(topic, payload, `payload of ${payload.length} octets is too large to detect (over ${MAX_DETECT_OCTETS}), and the topic names no dialect`);
	if (looksLikeJson(payload)) {
		const parsed = parseJsonPayload(payload);
		if ('error' in parsed) return failed(topic, payload, `JSON payload (topic names no dialect): ${parsed.error}`);
		return jsonMessages(topic, payload, parsed.json, topic, profiles, frameSlot);
	}
	const own = copyOf(payload); // decoded values hold views into what they were decoded from
	const d = detectEncoding(own);
	const best = d.best[0];
	if (!best) return failed(topic, payload, `topic names no dialect, and the payload is none of: ${whyNot(d.attempts)}`);
	if (best.encoding === 'protobuf') {
		const frame = best.frames[0].value as MessageFrame;
		return { messages: [{ topic, dialect: 'cv2x', type: best.frames[0].frameType!, sender: topic, bytes: own, encoding: 'protobuf', frame }] };
	}
	const p = best.profile as ProfileName;
	if (best.framing === 'rsu-counted' || best.framing === 'rsu-single') {
		return framesOf(topic, payload, parseRsuPayload(own, best.framing === 'rsu-counted' ? 'BSM' : 'MAP'), [p, ...profiles.filter((x) => x !== p)]);
	}
	const messages: LiveMessage[] = [];
	const failures: string[] = [];
	for (const f of best.frames) {
		const frame = toModel(f.value as AsnValue, p).frame;
		const type = frameType(frame);
		if (type) messages.push({ topic, dialect: 'docking', type, sender: topic, bytes: copyOf(own, f.offset, f.offset + f.length), encoding: 'uper', profile: p, frame });
		else failures.push(`frame at byte offset ${f.offset}: a ${f.frameType ?? 'MessageFrame'} under ${p} the model has no message type for`);
	}
	return partial(topic, payload, messages, failures, best.frames.length);
}

/** A JSON item written as a MessageFrame CHOICE in JER (`{"bsmFrame": …}`, `{"msgFrameExt": {messageId, value}}`), or why not. */
function frameSlot(item: JerValue, at: string): { slot: Slot; value: JerValue } | string {
	const o = item && typeof item === 'object' && !Array.isArray(item) ? item : undefined;
	const keys = o ? Object.keys(o) : [];
	if (o && keys.length === 1 && FRAME_ALTERNATIVES[keys[0]]) return { slot: { alt: keys[0] }, value: o[keys[0]] };
	const ext = o && keys.length === 1 && keys[0] === EXT_ALTERNATIVE ? o[EXT_ALTERNATIVE] : undefined;
	if (ext && typeof ext === 'object' && !Array.isArray(ext) && typeof ext.messageId === 'number') return { slot: { messageId: ext.messageId }, value: ext.value ?? null };
	return `${at}: expected a MessageFrame in JER, {"<alternative>": …} with one of ${[...Object.keys(FRAME_ALTERNATIVES), EXT_ALTERNATIVE].join(', ')}`;
}

/** The first error of each kind of attempt: protobuf, and the UPER attempt that read furthest. */
function whyNot(attempts: DetectAttempt[]): string {
	const pb = attempts.find((a) => a.encoding === 'protobuf');
	const uper = attempts.filter((a) => a.encoding === 'uper' && a.error instanceof UperError).sort((a, b) => (b.error as UperError).bitOffset - (a.error as UperError).bitOffset)[0];
	const parts = [`protobuf MessageFrame (${pb?.error ? errorText(pb.error) : 'no'})`];
	if (uper) parts.push(`UPER MessageFrame (best: ${uper.profile}, ${uper.framing}: ${withoutPlace(uper.error as UperError)} at ${(uper.error as UperError).path || '(top level)'}, bit offset ${(uper.error as UperError).bitOffset})`);
	parts.push('RSU framing', 'JSON');
	return parts.join('; ');
}

