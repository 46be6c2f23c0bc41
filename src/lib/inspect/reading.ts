// Bytes to what the inspector shows: the protobuf view or the bit view of a UPER profile. Kept
// apart from editor.ts so the playground's inspector loads it without the page's editor.
import { buildBitView, type BitView } from './bit-view';
import { tryEncodings, type Detection, type EncodingName } from './detect';
import { USER_ENCODING, type UserSchema } from './user-schema';
import { buildView, type InspectView, type ViewOptions } from './view';
import type { Violation } from '../codec';

/** What the inspector shows for bytes: which encodings fit, the one shown, and its view. */
export interface Reading {
	detection: Detection;
	encoding: EncodingName;
	/** The protobuf view (protobuf chosen, or nothing fits: its error and the raw decode). */
	view?: InspectView;
	/** The bit view, when a UPER profile is chosen. */
	bits?: BitView;
	/**
	 * The protobuf view's validation findings, when worked out before (the worker does, and sends
	 * the first ones, not the decoded frame); `findingsTotal`: how many there are in all.
	 */
	findings?: Violation[];
	findingsTotal?: number;
}

/**
 * Reads `bytes` as `encoding`, or as the detected one (protobuf when none fits, so the page
 * shows its schema-less decode). `detection` defaults to `tryEncodings(bytes, user)`; pass it
 * to switch encodings without trying them all again. `user`: the user's module set, needed to
 * read as `user` (without it `user` reads as protobuf). `options`: a time near the message (its
 * capture time) and the year, for the meanings of times.
 */
export function readAs(bytes: Uint8Array, detection?: Detection, encoding?: EncodingName, user?: UserSchema, options: ViewOptions = {}): Reading {
	detection ??= tryEncodings(bytes, user);
	let e = encoding ?? detection.detected ?? 'protobuf';
	if (e === USER_ENCODING && !user) e = 'protobuf';
	if (e === 'protobuf') return { detection, encoding: e, view: buildView(bytes, options) };
	const source = e === USER_ENCODING ? user! : e;
	const a = detection.attempts.find((x) => x.encoding === e);
	if (!a?.ok || a.framing === 'bare' || !a.first) return { detection, encoding: e, bits: buildBitView(bytes, source, options) };
	// frames back to back or in the RSU framing: the first frame's bits (offsets from its start)
	const bits = buildBitView(bytes.subarray(a.first.offset, a.first.offset + a.first.length), source, options);
	bits.framed = { offset: a.first.offset, frames: a.frames, framing: a.framing, inputLength: bytes.length };
	return { detection, encoding: e, bits };
}
