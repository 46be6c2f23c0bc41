// Which transmissions the map pulses: the registry's frequent types are sampled, the rest all kept (the log keeps all).
import { describe, expect, it } from 'vitest';
import type { Transmission } from '../sim';
import type { TxRow } from './protocol';
import { sampleRows } from './rows';

const tx = (seq: number, type: string, sender = 10000 + seq): Transmission =>
	({ kind: 'tx', seq, t: 100, sender, channel: 'pc5', type, bytes: new Uint8Array(0), encoding: 'protobuf', receivers: [], receiverCount: 0, latencyMs: 0 }) as Transmission;
const row = (t: Transmission) => ({ seq: t.seq, type: t.type, sender: t.sender }) as unknown as TxRow;
const count = (rows: TxRow[], type: string) => rows.filter((r) => r.type === type).length;

describe('log rows of a frame', () => {
	it('samples the frequent types (24 BSMs, 6 of the other 10 Hz and per-vehicle types) and keeps every other row', () => {
		const txs: Transmission[] = [];
		let seq = 0;
		for (const [type, n] of [['bsm', 100], ['spat', 20], ['rsm', 20], ['psm', 20], ['vehicle_status_report', 30], ['map_data', 9], ['rsi', 4], ['speed_advice', 12]] as const)
			for (let i = 0; i < n; i++) txs.push(tx(seq++, type));
		const rows = sampleRows(txs, null, row);
		expect(Object.fromEntries(['bsm', 'spat', 'rsm', 'psm', 'vehicle_status_report', 'map_data', 'rsi', 'speed_advice'].map((t) => [t, count(rows, t)]))).toEqual({
			bsm: 24, spat: 6, rsm: 6, psm: 6, vehicle_status_report: 6, map_data: 9, rsi: 4, speed_advice: 12
		});
		expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
	});

	it('never samples away the watched node', () => {
		const txs = Array.from({ length: 200 }, (_, i) => tx(i, 'bsm'));
		const rows = sampleRows(txs, 10000 + 137, row);
		expect(rows.some((r) => r.seq === 137)).toBe(true);
		// the other 199 are still sampled to about the quota
		expect(count(rows, 'bsm')).toBeGreaterThanOrEqual(25);
		expect(count(rows, 'bsm')).toBeLessThanOrEqual(26);
	});
});
