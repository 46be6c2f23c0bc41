// Events per second over the last second, in ten 100 ms buckets: cheap enough to count every
// publication of a 10,000-per-second flood, and steady enough to show in a counter.

const BUCKET_MS = 100;
const BUCKETS = 10;

/** A sliding one-second event rate. `now` is the clock in ms (default Date.now; tests pass their own). */
export class RateMeter {
	private readonly counts = new Float64Array(BUCKETS);
	private bucket = 0;
	private bucketStart = 0;

	constructor(private readonly now: () => number = Date.now) {
		this.bucketStart = Math.floor(now() / BUCKET_MS) * BUCKET_MS;
	}

	/** Counts `n` events (default 1) now. */
	add(n = 1): void {
		this.advance();
		this.counts[this.bucket] += n;
	}

	/** Events in the last second (the current 100 ms bucket and the nine before it). */
	perSecond(): number {
		this.advance();
		let sum = 0;
		for (const c of this.counts) sum += c;
		return sum;
	}

	/** Moves to the bucket of the current time, clearing the buckets skipped over. */
	private advance(): void {
		const t = this.now();
		const steps = Math.floor((t - this.bucketStart) / BUCKET_MS);
		if (steps <= 0) return;
		for (let i = 0; i < Math.min(steps, BUCKETS); i++) {
			this.bucket = (this.bucket + 1) % BUCKETS;
			this.counts[this.bucket] = 0;
		}
		this.bucketStart += steps * BUCKET_MS;
	}
}
