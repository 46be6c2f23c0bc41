// Which transmissions of a frame become log rows: all of the rare types, an even sample of the
// frequent ones (enough to see them in the log and on the map without flooding either).
import type { Transmission } from '../sim/events';
import type { TxRow } from './protocol';

/** Rows of these types are sampled (10 Hz, or 1 Hz from every vehicle); the others all go. */
const SAMPLE_QUOTA: Record<string, number> = { bsm: 24, spat: 6, rsm: 6, psm: 6, vehicle_status_report: 6 };

/**
 * Log rows for one frame's transmissions, in sequence order; the watched node's transmissions
 * are never sampled away. `row` makes a row of a transmission.
 */
export function sampleRows(txs: Transmission[], watched: number | null, row: (tx: Transmission) => TxRow): TxRow[] {
	const rows: TxRow[] = [];
	const frequent = new Map<string, Transmission[]>();
	for (const tx of txs) {
		if (SAMPLE_QUOTA[tx.type] !== undefined && tx.sender !== watched) {
			let list = frequent.get(tx.type);
			if (!list) frequent.set(tx.type, (list = []));
			list.push(tx);
		} else rows.push(row(tx));
	}
	for (const [type, list] of frequent) {
		const stride = Math.max(1, list.length / SAMPLE_QUOTA[type]);
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
