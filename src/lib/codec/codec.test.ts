import { describe, expect, it } from 'vitest';
import {
	Cv2xError, decodeFrame, encodeFrame, frameJson, frameType, frameTypes, makeFrame, parseHex,
	toHex, validateFrame, Cv2xValidationError, dumpMessage, flattenDump, tiles, decodeRaw, de
} from './index';
import { sampleFrame, sampleJson, sampleTypes } from '../samples';

describe('frame types and samples', () => {
	it('has a valid sample for every type of the frame', () => {
		const types = frameTypes().map((t) => t.name);
		expect(types.length).toBeGreaterThanOrEqual(20);
		expect(new Set(sampleTypes())).toEqual(new Set(types));
		for (const t of types) {
			const frame = sampleFrame(t);
			expect(validateFrame(frame), t).toEqual([]);
			expect(frameType(frame)).toBe(t);
		}
	});
});

describe('encode / decode', () => {
	it('round-trips every sample exactly: bytes -> frame -> same bytes and same JSON', () => {
		for (const t of frameTypes().map((x) => x.name)) {
			const bytes = encodeFrame(sampleFrame(t));
			const back = decodeFrame(bytes);
			expect(toHex(encodeFrame(back)), t).toBe(toHex(bytes));
			expect(frameJson.to(back), t).toEqual(sampleJson(t));
		}
	});
	it('keeps unknown fields through decode and encode (lossless)', () => {
		const bytes = encodeFrame(sampleFrame('bsm'));
		// append field 99 (varint 5) to the frame: unknown to this model
		const withUnknown = new Uint8Array([...bytes, 0x98, 0x06, 0x05]);
		const back = encodeFrame(decodeFrame(withUnknown), { validate: false });
		expect(toHex(back)).toBe(toHex(withUnknown));
	});
	it('refuses to encode an invalid frame unless told', () => {
		const frame = sampleFrame('bsm') as { bsm: { pos: { lat: number } } };
		frame.bsm.pos.lat = 950000000;
		expect(() => encodeFrame(frame)).toThrowError(Cv2xValidationError);
		try {
			encodeFrame(frame);
		} catch (e) {
			expect((e as Cv2xValidationError).violations[0].message).toMatch(/^bsm\.pos\.lat: 950000000 out of range -900000000\.\.900000001/);
		}
		expect(encodeFrame(frame, { validate: false }).length).toBeGreaterThan(10);
	});
	it('gives the byte offset and field path of a truncated frame', () => {
		const bytes = encodeFrame(sampleFrame('bsm'));
		const cut = bytes.subarray(0, 30);
		try {
			decodeFrame(cut);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(Cv2xError);
			const err = e as Cv2xError;
			expect(err.code).toBe('truncated');
			expect(err.offset).toBe(3); // the length prefix
			expect(err.path).toBe('bsm');
			expect(err.message).toMatch(/length prefix says \d+ bytes but only 26 remain at bsm \(byte offset 3\)/);
		}
	});
	it('rejects hostile input: 2 GB length prefix, huge input, bad varint', () => {
		expect(() => decodeFrame(parseHex('12 ff ff ff ff 07 08 01'))).toThrowError(/length prefix says 2147483647 bytes/);
		expect(() => decodeFrame(new Uint8Array(5 * 1024 * 1024))).toThrowError(/limit/);
		expect(() => decodeFrame(parseHex('08 ff ff ff ff ff ff ff ff ff ff 01'))).toThrowError(Cv2xError);
	});
	it('rejects invalid UTF-8 in a string field, naming the path', () => {
		// map_data { nodes { name: 0xff } }
		const bytes = parseHex('08 01 1a 05 1a 03 0a 01 ff');
		expect(() => decodeFrame(bytes)).toThrowError(/not valid UTF-8 at map_data\.nodes\[0\]\.name \(byte offset 8\)/);
	});
});

describe('proto3 JSON', () => {
	it('prints JSON names, enum names, 64-bit as strings, bytes as base64, no defaults', () => {
		const json = frameJson.to(sampleFrame('vehicle_status_report')) as Record<string, any>;
		const r = json.vehicleStatusReport;
		expect(typeof r.header.timestampMs).toBe('string');
		expect(r.transmission).toBe('TRANSMISSION_STATE_FORWARD_GEARS');
		expect(r).not.toHaveProperty('accelSet.vert'); // 0 is the default: omitted
		expect(r.brakePedalPosition).toBe(0); // proto3 optional: present even at 0
		const bsm = frameJson.to(sampleFrame('bsm')) as Record<string, any>;
		expect(bsm.bsm.id).toBe('Sj+cDlsS1wE=');
	});
	it('accepts proto names, enum numbers, integers as strings, base64url, null', () => {
		const frame = frameJson.from({
			protocol_version: '1',
			bsm: { msg_cnt: 5, id: 'Sj-cDlsS1wE', sec_mark: 100, transmission: 3, speed: null, pos: { lat: '397865300', lon: 1165134800 }, size: { width: 180, length: 450 } }
		});
		expect(frameJson.to(frame)).toEqual({
			protocolVersion: 1,
			bsm: { msgCnt: 5, id: 'Sj+cDlsS1wE=', secMark: 100, pos: { lat: 397865300, lon: 1165134800 }, transmission: 'TRANSMISSION_STATE_FORWARD_GEARS', size: { width: 180, length: 450 } }
		});
	});
	it('names the path of every structural JSON error', () => {
		expect(() => frameJson.from({ bsm: { pos: { latitude: 1 } } })).toThrowError(/MessageFrame|Position3D has no field "latitude" at bsm\.pos\.latitude/);
		expect(() => frameJson.from({ bsm: { speed: 1.5 } })).toThrowError(/is not an integer .* at bsm\.speed/);
		expect(() => frameJson.from({ bsm: { speed: -1 } })).toThrowError(/does not fit in uint32/);
		expect(() => frameJson.from({ bsm: { transmission: 'GEAR_7' } })).toThrowError(/not a value of enum TransmissionState at bsm\.transmission/);
		expect(() => frameJson.from({ bsm: {}, spat: {} })).toThrowError(/oneof payload already has bsm/);
		expect(() => frameJson.from({ bsm: { id: '***' } })).toThrowError(/bytes: .* at bsm\.id/);
		expect(() => frameJson.from([1])).toThrowError(/wants a JSON object/);
	});
});

describe('validation', () => {
	it('reports every violation with path, range and unit', () => {
		const frame = frameJson.from({
			protocolVersion: 1,
			bsm: { msgCnt: 200, id: 'AAE=', secMark: 60500, pos: { lat: 950000000, lon: 0 }, speed: 9000, heading: 28800, size: { width: 180, length: 450 } }
		});
		const v = validateFrame(frame).map((x) => x.message);
		expect(v).toContain('bsm.msg_cnt: 200 out of range 0..127');
		expect(v).toContain('bsm.id: 2 bytes; wants exactly 8 bytes');
		expect(v).toContain(`bsm.pos.lat: 950000000 out of range -900000000..900000001 (unit ${de.Latitude.unitText}; 900000001 = unavailable)`);
		expect(v.some((m) => m.startsWith(`bsm.speed: 9000 out of range 0..8191 (unit ${de.Speed.unitText}; 8191 = unavailable)`))).toBe(true);
		expect(v.some((m) => m.startsWith('bsm.heading'))).toBe(false); // 28800 = unavailable, allowed
	});
	it('flags a frame with no payload', () => {
		expect(validateFrame({ protocolVersion: 1 }).map((v) => v.path)).toEqual(['payload']);
	});
});

describe('annotated wire dump', () => {
	it('covers every byte of every sample with a tree that tiles the input', () => {
		for (const t of frameTypes().map((x) => x.name)) {
			const bytes = encodeFrame(sampleFrame(t));
			const d = dumpMessage(bytes);
			expect(d.error, t).toBeUndefined();
			expect(tiles(d.root), t).toBe(true);
			expect(flattenDump(d.root).some((n) => n.unknown), t).toBe(false);
		}
	});
	it('annotates BSM fields with paths, units and physical values', () => {
		const d = dumpMessage(encodeFrame(sampleFrame('bsm')));
		const byPath = new Map(flattenDump(d.root).map((n) => [n.path, n]));
		expect(byPath.get('bsm.speed')).toMatchObject({ value: '600', unit: de.Speed.unitText, physical: '12.00 m/s (43.2 km/h)', wireTypeName: 'VARINT' });
		expect(byPath.get('bsm.heading')?.physical).toBe('56.7000°');
		expect(byPath.get('bsm.pos.lat')).toMatchObject({ type: 'sfixed32', wireTypeName: 'I32', length: 5 });
		expect(byPath.get('bsm.pos.lat')?.physical).toMatch(/^39\.78\d{5}°$/);
		expect(byPath.get('bsm.transmission')?.enumName).toBe('TRANSMISSION_STATE_FORWARD_GEARS');
		const lat = byPath.get('bsm.pos.lat')!;
		expect(lat.offset).toBeGreaterThan(byPath.get('bsm.pos')!.offset);
	});
	it('returns what it read plus the error for malformed bytes, and raw decode still shows them', () => {
		const bytes = encodeFrame(sampleFrame('bsm')).slice(0, 20);
		const d = dumpMessage(bytes);
		expect(d.error?.code).toBe('truncated');
		expect(d.root.children!.length).toBeGreaterThan(0);
		expect(decodeRaw(bytes).root.children!.length).toBeGreaterThan(0);
	});
	it('answers oversized input with an error, not an exception', () => {
		const d = dumpMessage(new Uint8Array(4 * 1024 * 1024 + 1));
		expect(d.error?.code).toBe('too_large');
	});
	it('marks unknown fields and wire-type mismatches instead of failing', () => {
		// protocol_version sent as LEN instead of VARINT, then field 99
		const d = dumpMessage(parseHex('0a 01 07 98 06 05'));
		expect(d.error).toBeUndefined();
		expect(d.root.children!.map((n) => n.unknown)).toEqual([true, true]);
		expect(d.root.children![0].note).toMatch(/does not match uint32/);
	});
});

describe('makeFrame', () => {
	it('wraps a payload and refuses unknown types', () => {
		expect(frameType(makeFrame('spat', {}))).toBe('spat');
		expect(() => makeFrame('nope', {})).toThrowError(/no message type "nope"/);
	});
});
