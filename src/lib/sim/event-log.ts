// The world's event stream, in the order things happen (the digest depends on that order).
import type { SimEvent } from './events';

export class EventLog {
	private list: SimEvent[] = [];

	/** Appends an event. */
	push(e: SimEvent): void {
		this.list.push(e);
	}

	/** The events since the last call. */
	drain(): SimEvent[] {
		const out = this.list;
		this.list = [];
		return out;
	}
}
