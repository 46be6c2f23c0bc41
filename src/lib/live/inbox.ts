// The publications a broker link delivered since the source last stepped, bounded: at most
// `budget` are kept, chosen uniformly among all that arrived (reservoir sampling, Vitter's
// Algorithm R), the rest counted as dropped and never decoded. Memory stays at `budget` entries
// however long nobody takes them (a paused page, a flood), and a burst from one publisher cannot
// crowd out the others that share the step.

/** One publication as it arrived: its topic, raw payload and arrival number (from 0). */
export interface Arrival {
	topic: string;
	payload: Uint8Array;
	n: number;
}

export class Inbox {
	/** Publications ever delivered, kept or not. */
	arrived = 0;
	/** Publications discarded without decoding (arrived beyond the budget of a take). */
	dropped = 0;
	private kept: Arrival[] = [];
	/** Arrivals since the last take. */
	private since = 0;
	private replaced = false;
	/** xorshift32 state: deterministic, so a test sees the same sample each run. */
	private rng = 0x9e3779b9;

	/** `budget`: most publications one take returns (a positive whole number). */
	constructor(readonly budget: number) {
		if (!Number.isInteger(budget) || budget < 1) throw new RangeError(`inbox budget must be a positive whole number, got ${budget}`);
	}

	/** Publications waiting for the next take (never more than `budget`). */
	get size(): number {
		return this.kept.length;
	}

	/** Arrivals since the last take, kept or not. */
	get pending(): number {
		return this.since;
	}

	/** Takes in a publication: O(1), no copy, no decoding (called from the MQTT callback). */
	push(topic: string, payload: Uint8Array): void {
		const a: Arrival = { topic, payload, n: this.arrived++ };
		this.since++;
		if (this.kept.length < this.budget) {
			this.kept.push(a);
			return;
		}
		// Algorithm R: the i-th arrival replaces a kept one with probability budget / i
		this.dropped++;
		const j = this.random() % this.since;
		if (j < this.budget) {
			this.kept[j] = a;
			this.replaced = true;
		}
	}

	/** The kept publications in arrival order; the inbox is empty afterwards. */
	take(): Arrival[] {
		const out = this.kept;
		if (this.replaced) out.sort((a, b) => a.n - b.n);
		this.kept = [];
		this.since = 0;
		this.replaced = false;
		return out;
	}

	private random(): number {
		let x = this.rng;
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		this.rng = x >>> 0;
		return this.rng;
	}
}
