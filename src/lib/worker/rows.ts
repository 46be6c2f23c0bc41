// Which transmissions of a frame the map pulses: all of the rare types, an even sample of the
// frequent ones (a thousand pulses a second at 100 vehicles would show nothing more and cost the
// main thread). The log no longer samples: it reads every message from the ring (ring.ts).
import { MESSAGE_TYPES } from '../codec';
import type { Transmission } from '../sim';
import type { TxRow } from './protocol';

/**
 * Rows kept per frame of the frequent types (the worker's policy, from the registry's rates):
 * a type sent at 10 Hz or more, or at 1 Hz or more by every vehicle, is sampled, 24 rows a frame
 * for vehicles' 10 Hz broadcasts (BSM: one per vehicle would flood the log) and 6 for the others;
 * every other type (MAP, RSI, advice, events) keeps all its rows.
 */
const SAMPLE_QUOTA: ReadonlyMap<string, number> = new Map(
	MESSAGE_TYPES.flatMap((m) => {
		const rate = m.rateHz ?? 0;
		const fromVehicles = m.senders.includes('vehicle');
		if (rate < 10 && !(fromVehicles && rate >= 1)) return [];
		return [[m.payload, fromVehicles && rate >= 10 ? 24 : 6] as const];
	})
);
const quotaOf = (type: string): number | undefined => SAMPLE_QUOTA.get(type);

/**
 * Pulse rows for one frame's transmissions, in sequence order; the watched node's transmissions
 * are never sampled away. `row` makes a row of a transmission.
 */
export function sampleRows(txs: Transmission[], watched: number | null, row: (tx: Transmission) => TxRow): TxRow[] {
	const rows: TxRow[] = [];
	const frequent = new Map<string, Transmission[]>();
	for (const tx of txs) {
		if (quotaOf(tx.type) !== undefined && tx.sender !== watched) {
			let list = frequent.get(tx.type);
			if (!list) frequent.set(tx.type, (list = []));
			list.push(tx);
		} else rows.push(row(tx));
	}
	for (const [type, list] of frequent) {
		const stride = Math.max(1, list.length / quotaOf(type)!);
		for (let i = 0; i < list.length; i += stride) rows.push(row(list[Math.floor(i)]));
	}
	return rows.sort((a, b) => a.seq - b.seq);
}

/** Transmissions by type. */
export function countByType(txs: Transmission[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const tx of txs) counts[tx.type] = (counts[tx.type] ?? 0) + 1;
	return counts;
}
