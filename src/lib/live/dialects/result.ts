// What reading a publication gives, and the helpers every dialect's reader shares.
import type { LiveMessage, Undecodable } from '../types';

/** Messages read from one publication and, when some or all of it did not decode, why. */
export interface ReadResult {
	messages: LiveMessage[];
	undecodable?: Undecodable;
}

/** A result with no message: the whole publication is undecodable for `error`. */
export function failed(topic: string, payload: Uint8Array, error: string): ReadResult {
	return { messages: [], undecodable: { topic, payload, error: oneLine(error) } };
}

/**
 * `messages`, and an Undecodable when some items failed: `failures` (item label and error, in
 * order) summed up as the first one's error and how many failed of `total`.
 */
export function partial(topic: string, payload: Uint8Array, messages: LiveMessage[], failures: string[], total: number): ReadResult {
	if (failures.length === 0) return { messages };
	const head = total > 1 ? `${failures.length} of ${total} messages do not decode; first: ` : '';
	return { messages, undecodable: { topic, payload, error: oneLine(head + failures[0]) } };
}

const MAX_ERROR = 400;

/** An error as one line of at most ~400 characters (control characters shown as spaces). */
export function oneLine(s: string): string {
	// eslint-disable-next-line no-control-regex
	const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
	return flat.length > MAX_ERROR ? `${flat.slice(0, MAX_ERROR)}…` : flat;
}
