// The detail of a packet carries the inspector's view (Wireshark's detail and bytes panes), built
// in the worker: protobuf rows with meanings and byte ranges, UPER bit rows, partial trees, all
// surviving structuredClone (what postMessage does), times read against the capture's time.
import { describe, expect, it } from 'vitest';
import { writeJsonl, writePcapng } from '../capture';
import { encodeFrame } from '../codec';
import { sampleFrame } from '../samples';
import { encode } from '../uper';
import { fromModel } from '../uper/mapping';
import { profile } from '../uper/profiles';
import { indexCaptureSync, packetDetail } from './index';
import { simRecords } from './testing/generate';

function bsmCapture() {
	const bsm = sampleFrame('bsm');
	const pb = encodeFrame(bsm);
	const set = profile('csae157-2020').schema;
	const uper = encode(set.root ?? 'MessageFrame', fromModel(bsm, 'csae157-2020').value, set);
	const rec = { t: 0, sender: 'car-1', receivers: [], channel: 'pc5' as const, type: 'bsm' };
	return indexCaptureSync(new TextEncoder().encode(writeJsonl([{ ...rec, bytes: pb }, { ...rec, bytes: uper }, { ...rec, bytes: pb.subarray(0, 20) }])));
}

describe('packet detail with the inspector view', () => {
	const t = bsmCapture();

	it('a protobuf BSM: rows with meanings and byte ranges, after structuredClone', () => {
		const d = structuredClone(packetDetail(t, 0));
		expect(d.bits).toBeUndefined();
		const rows = d.view!.rows;
		const heading = rows.find((r) => r.path === 'bsm.heading')!;
		expect(heading.meaning?.en).toBe('56.7000°');
		expect(rows.find((r) => r.path === 'bsm.transmission')!.meaning).toMatchObject({ en: 'FORWARD_GEARS (3)', zh: expect.stringContaining('前进挡') });
		expect(d.view!.owner[heading.start]).toBe(heading.id);
		expect(d.view!.bytes).toEqual(d.bytes);
		expect(d.view!.type).toBe('bsm');
		expect(d.json).toBeDefined();
	});

	it('a UPER BSM: the bit view under the profile it decoded with, meanings on its rows', () => {
		const d = structuredClone(packetDetail(t, 1));
		expect(d.view).toBeUndefined();
		expect(d.bits!.profile).toBe('csae157-2020');
		expect(d.bits!.error).toBeUndefined();
		const tr = d.bits!.rows.find((r) => r.path === 'bsmFrame.transmission' && r.meanings !== undefined)!;
		expect(tr.meanings).toMatchObject({ en: 'forwardGears (2)' });
		expect(d.bits!.owner[tr.start]).toBe(tr.id);
	});

	it('a truncated BSM: the tree up to the failure, the bad node marked, the error as plain data', () => {
		const d = structuredClone(packetDetail(t, 2));
		expect(d.error).toBeDefined();
		expect(d.view!.partial).toBe(true);
		expect(d.view!.rows.find((r) => r.path === 'bsm')!.malformed?.en).toMatch(/only 16 remain/);
		expect(d.view!.rows.find((r) => r.path === 'bsm.sec_mark')).toBeDefined();
		expect(d.view!.error!.message).toMatch(/byte offset 3/);
	});

	it("times are read against the packet's capture time (the capture's start plus its offset)", () => {
		const { records, meta } = simRecords({ minPackets: 50 });
		// a capture from 2019: a minute of the year must count in 2019, not in the year it is now
		const startTimeMs = Date.UTC(2019, 10, 26, 8);
		const table = indexCaptureSync(writePcapng(records, { ...meta, startTimeMs }));
		const i = records.findIndex((r) => r.type === 'spat');
		const d = packetDetail(table, i);
		expect(d.referenceMs).toBe(startTimeMs + table.time[i]);
		const moy = d.view!.rows.find((r) => r.path === 'spat.moy')!;
		expect(moy.meaning!.en).toMatch(/^2019-\d\d-\d\d .*\(assuming 2019\)/);
		expect(moy.meaning!.zh).toContain('2019');
	});
});
