// The CLI's links to UPER library parts that land one by one (issue 11): JER, the mapping to the
// protobuf model, detection. Each is one small function here, so swapping in the library's own
// version touches only this file.
import type { AsnValue } from '../../lib/uper';
import { decode, UperError } from '../../lib/uper';
import { fromJer, toJer, type JerValue } from '../../lib/uper/jer';
import type { UperSchema } from './schemas';

export type { JerValue };

/**
 * X.697 JER of a value of the schema's root type (Cv2xError with the path if it does not fit).
 * Unknown extension additions (a newer sender's, kept raw) cannot be shown in JER: a notice for
 * each one left out goes to `notes`.
 */
export function valueToJer(schema: UperSchema, value: AsnValue, notes: string[] = []): JerValue {
	const dropped: string[] = [];
	const jer = toJer(schema.root, value, schema.set, { dropped });
	for (const path of dropped) notes.push(`note: an unknown extension addition at ${path} is not in the JER (${schema.name} does not define it)`);
	return jer;
}

/** A root-type value from its X.697 JER (Cv2xError `bad_json` with the path on a wrong shape). */
export function valueFromJer(schema: UperSchema, jer: JerValue): AsnValue {
	return fromJer(schema.root, jer, schema.set);
}

/**
 * The value as the protobuf model's proto3 JSON, or null while the UPER <-> model mapping
 * (src/lib/uper/mapping) is not available; callers then fall back to JER and say so.
 */
export function valueToModelJson(_schema: UperSchema, _value: AsnValue): { json: unknown; notices: string[] } | null {
	return null;
}

/** The inverse of valueToModelJson, or null while the mapping is not available. */
export function valueFromModelJson(_schema: UperSchema, _json: unknown): AsnValue | null {
	return null;
}

/** One decoding of bytes under a schema: the value and its bit count, or the error. */
export type UperAttempt = { schema: UperSchema; ok: true; value: AsnValue; bits: number } | { schema: UperSchema; ok: false; error: Error };

/**
 * Decodes `bytes` as the root type under each schema in turn, requiring a complete decode
 * (X.691 10.1.3: all bits used, zero padding). Stops at the first clean one unless `all`.
 * Returns every attempt made, in order; errors other than UperError are rethrown.
 */
export function tryUperSchemas(bytes: Uint8Array, schemas: UperSchema[], all: boolean): UperAttempt[] {
	const out: UperAttempt[] = [];
	for (const schema of schemas) {
		try {
			const { value, bits } = decode(schema.root, bytes, schema.set, { complete: true });
			out.push({ schema, ok: true, value, bits });
			if (!all) break;
		} catch (e) {
			if (!(e instanceof UperError)) throw e; // a bug, not a misfit: let it surface
			out.push({ schema, ok: false, error: e as Error });
		}
	}
	return out;
}
