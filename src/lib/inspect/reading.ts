// Bytes to what the inspector shows: the protobuf view or the bit view of a UPER profile. Kept
// apart from editor.ts so the playground's inspector loads it without the page's editor.
import { buildBitView, type BitView } from './bit-view';
import { tryEncodings, type Detection, type EncodingName } from './detect';
import { buildView, type InspectView } from './view';

/** What the inspector shows for bytes: which encodings fit, the one shown, and its view. */
export interface Reading {
	detection: Detection;
	encoding: EncodingName;
	/** The protobuf view (protobuf chosen, or nothing fits: its error and the raw decode). */
	view?: InspectView;
	/** The bit view, when a UPER profile is chosen. */
	bits?: BitView;
}

/**
 * Reads `bytes` as `encoding`, or as the detected one (protobuf when none fits, so the page
 * shows its schema-less decode). `detection` defaults to `tryEncodings(bytes)`; pass it to
 * switch encodings without trying them all again.
 */
export function readAs(bytes: Uint8Array, detection: Detection = tryEncodings(bytes), encoding?: EncodingName): Reading {
	const e = encoding ?? detection.detected ?? 'protobuf';
	if (e === 'protobuf') return { detection, encoding: e, view: buildView(bytes) };
	const a = detection.attempts.find((x) => x.encoding === e);
	if (!a?.ok || a.framing === 'bare' || !a.first) return { detection, encoding: e, bits: buildBitView(bytes, e) };
	// frames back to back or in the RSU framing: the first frame's bits (offsets from its start)
	const bits = buildBitView(bytes.subarray(a.first.offset, a.first.offset + a.first.length), e);
	bits.framed = { offset: a.first.offset, frames: a.frames, framing: a.framing, inputLength: bytes.length };
	return { detection, encoding: e, bits };
}
