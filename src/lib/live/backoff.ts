// Reconnect delays: exponential backoff with jitter, so a fleet of clients that lost the same
// broker does not come back in lockstep (the "thundering herd").

/** Backoff settings, all in milliseconds; `jitter` is a fraction 0..1 taken off at random. */
export interface BackoffOptions {
	/** First delay (default 1000 ms). */
	initialMs?: number;
	/** Ceiling (default 30 000 ms). */
	maxMs?: number;
	/** Up to this fraction of a delay is taken off at random (default 0.2, so 1 s → 0.8–1 s). */
	jitter?: number;
	/** Source of randomness in [0, 1) (default Math.random; tests pass a fixed one). */
	random?: () => number;
}

/**
 * The delay before reconnect attempt `attempt` (1 = the first retry): initialMs · 2^(attempt−1),
 * capped at maxMs, minus up to `jitter` of it. Never below 0; an attempt below 1 counts as 1.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
	const initial = options.initialMs ?? 1000;
	const max = options.maxMs ?? 30_000;
	const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
	const random = options.random ?? Math.random;
	const n = Math.max(1, Math.floor(attempt));
	// 2^(n-1) overflows to Infinity for huge n, which min() caps
	const base = Math.min(max, initial * 2 ** (n - 1));
	return Math.max(0, Math.round(base * (1 - jitter * random())));
}
