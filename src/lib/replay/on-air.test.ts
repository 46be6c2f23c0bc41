// A UPER run through a capture and back: the records say their encoding and profile in both
// formats, replay reads the UPER bytes under that profile, and a file without the note still
// replays (its UPER bytes are detected).
import { describe, expect, it } from 'vitest';
import { encodeFrame, toHex } from '../codec';
import { captureRecord, readCapture, writeJsonl, writePcapng, type CaptureMeta, type CaptureRecord } from '../capture';
import { createWorld, decodeOnAir, rememberingNames, type Snapshot } from '../sim';
import { Replay } from './replay';

function uperRun(steps: number) {
	const w = createWorld({ city: 'wuhan-etdz', seed: 2, vehicles: 20, onAir: { encoding: 'uper', profile: 'csae53-2020-draft' } });
	const nameOf = rememberingNames((id) => w.nodeName(id));
	const records: CaptureRecord[] = [];
	for (let i = 0; i < steps; i++) {
		w.step();
		for (const e of w.drainEvents()) if (e.kind === 'tx') records.push(captureRecord(e, nameOf));
	}
	return { records, meta: w.meta as CaptureMeta };
}

/** Every step's snapshot of a replay, by time. */
function replayAll(records: CaptureRecord[], meta: CaptureMeta | undefined) {
	const r = new Replay(records, meta, 'run');
	const snaps = new Map<number, Snapshot>();
	const types: string[] = [];
	const encodings: string[] = [];
	while (!r.done) {
		r.step();
		for (const e of r.drainEvents())
			if (e.kind === 'tx') {
				types.push(e.type);
				encodings.push(`${e.encoding}${e.profile ? ` ${e.profile}` : ''}`);
			}
		snaps.set(r.timeMs, r.snapshot());
	}
	return { snaps, types, encodings };
}

const positions = (s: Snapshot) => [...s.vehicles.id].map((id, i) => [id, s.vehicles.lat[i], s.vehicles.lon[i]]).sort((a, b) => a[0] - b[0]);

describe('a UPER run captured and replayed', () => {
	const { records, meta } = uperRun(25);
	// the same transmissions with protobuf bytes: what replay of the model would show
	const asProtobuf = records.map((r) => {
		const { encoding: _e, profile: _p, ...rest } = r;
		return { ...rest, bytes: encodeFrame(decodeOnAir(r.bytes, r.encoding ?? 'protobuf', r.profile as never)) };
	});
	const expected = replayAll(asProtobuf, meta);

	// the draft has no PSM (phase 2): those stay protobuf like Uu
	const protobufCount = records.filter((r) => r.channel === 'uu' || r.type === 'psm').length;

	it('records say UPER and the profile for PC5 (PSM excepted under the draft), nothing for Uu', () => {
		expect(meta.profile).toBe('csae53-2020-draft');
		const pc5 = records.filter((r) => r.channel === 'pc5' && r.type !== 'psm');
		expect(pc5.every((r) => r.encoding === 'uper' && r.profile === 'csae53-2020-draft')).toBe(true);
		expect(records.filter((r) => r.type === 'psm').length).toBeGreaterThan(0);
		expect(records.filter((r) => r.channel === 'uu' || r.type === 'psm').every((r) => r.encoding === undefined && r.profile === undefined)).toBe(true);
		expect(writeJsonl(records.slice(0, 1))).toMatch(/"hex":"[0-9a-f]+","encoding":"uper","profile":"csae53-2020-draft"\}\n$/);
	});

	for (const format of ['jsonl', 'pcapng'] as const)
		it(`${format}: reads back the same records; replay shows the same positions and types as the model would`, () => {
			const data = format === 'jsonl' ? new TextEncoder().encode(writeJsonl(records)) : writePcapng(records, meta);
			const back = readCapture(data);
			expect(back.records.map((r) => [r.type, r.encoding, r.profile])).toEqual(records.map((r) => [r.type, r.encoding, r.profile]));
			expect(back.records.map((r) => toHex(r.bytes))).toEqual(records.map((r) => toHex(r.bytes)));
			if (format === 'pcapng') expect(back.meta?.profile).toBe('csae53-2020-draft');
			const got = replayAll(back.records, back.meta);
			expect(got.types).toEqual(expected.types);
			expect(got.encodings.filter((e) => e.startsWith('uper')).length).toBeGreaterThan(100);
			let compared = 0;
			for (const [t, s] of expected.snaps) {
				expect(positions(got.snaps.get(t)!), `at ${t} ms`).toEqual(positions(s));
				compared += s.vehicles.id.length;
			}
			expect(compared).toBeGreaterThan(100);
		});

	it('a capture without the note (an older writer) still replays: UPER bytes are detected', () => {
		const bare = records.map(({ encoding: _e, profile: _p, ...rest }) => rest);
		const got = replayAll(bare, undefined);
		expect(got.encodings.filter((e) => e.startsWith('uper')).length).toBeGreaterThan(100);
		expect(got.encodings.filter((e) => e === 'protobuf').length).toBe(protobufCount);
		for (const [t, s] of expected.snaps) expect(positions(got.snaps.get(t)!), `at ${t} ms`).toEqual(positions(s));
	});

	it('a record naming an unknown profile is refused with its line', () => {
		const line = writeJsonl(records.slice(0, 1)).replace('csae53-2020-draft', 'csae99');
		expect(() => readCapture(new TextEncoder().encode(line))).toThrow(/line 1 \(byte offset 0\): field "profile" must be a UPER profile \(csae53-2017, .*got "csae99"/);
	});
});
