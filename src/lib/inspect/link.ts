// Links that carry a whole message: the inspect page reads `#b=` (URL-safe base64, no padding).
// From the codec's byte helpers only, so the playground's first load does not pull in the codec.
import { toBase64 } from '../codec/bytes';

/** The /inspect link that opens these encoded MessageFrame bytes. */
export function inspectHref(bytes: Uint8Array): string {
	return `/inspect#b=${toBase64(bytes, true)}`;
}
