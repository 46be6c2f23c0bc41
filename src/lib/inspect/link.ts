// Links that carry a whole message: the inspect page reads `#b=` (URL-safe base64, no padding).
// From the codec's byte helpers only, so the playground's first load does not pull in the codec.
import { toBase64 } from '../codec/bytes';

/**
 * The largest message a share link carries: 24 KiB, i.e. 32 KiB of base64url in the URL's
 * fragment (4 characters per 3 bytes). Browsers take far longer URLs (Chromium 2 MB), but links
 * are pasted into chats, mails and issue trackers that cut or refuse long ones, and a fragment
 * of megabytes makes the address bar and history slow; every sample frame is under 1 KiB and a
 * large MAP a few KiB, so 24 KiB carries every message the playground makes with room to spare.
 */
export const MAX_SHARE_BYTES = 24 * 1024;

/** A share link, or why there is none: the message's size and the limit, in bytes. */
export type ShareLink = { href: string } | { tooBig: { size: number; max: number } };

/** The /inspect link for these encoded bytes, or `tooBig` when they exceed MAX_SHARE_BYTES (the UI says "too big to share by URL (N B > MAX B)"). */
export function shareLink(bytes: Uint8Array): ShareLink {
	if (bytes.length > MAX_SHARE_BYTES) return { tooBig: { size: bytes.length, max: MAX_SHARE_BYTES } };
	return { href: `/inspect#b=${toBase64(bytes, true)}` };
}

/** The /inspect link that opens these encoded MessageFrame bytes; null when they are over MAX_SHARE_BYTES (a big paste never lands in a URL). */
export function inspectHref(bytes: Uint8Array): string | null {
	const link = shareLink(bytes);
	return 'href' in link ? link.href : null;
}
