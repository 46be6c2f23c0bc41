// Which transmissions of a frame become log rows: all of the rare types, an even sample of the
// frequent ones (enough to see them in the log and on the map without flooding either).
import { isPayloadType, type PayloadType } from '../codec';
import type { Transmission } from '../sim';
import type { TxRow } from './protocol';

/**
 * Rows kept per frame of the types sent 10 times a second, or once a second by every vehicle
 * (the worker's policy; the types are the registry's). The other types all go.
 */
const SAMPLE_QUOTA: Partial<Record<PayloadType, number>> = { bsm: 24, spat: 6, rsm: 6, psm: 6, vehicle_status_report: 6 };
const quotaOf = (type: string): number | undefined => (isPayloadType(type) ? SAMPLE_QUOTA[type] : undefined);

/**
 * Log rows for one frame's transmissions, in sequence order; the watched node's transmissions
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
