// Display filters: the grammar, errors with the column of the mistake, and results on known packets.
import { describe, expect, it } from 'vitest';
import { writeJsonl, type CaptureRecord } from '../capture';
import { encodeFrame, type MessageFrame } from '../codec';
import { sampleFrame } from '../samples';
import { compileFilter, indexCaptureSync, isViewerError, parseFilter, type PacketTable } from './index';
import { simCaptures } from './testing/generate';

function withBsm(f: MessageFrame, change: (b: Record<string, unknown>) => void): MessageFrame {
	const copy = structuredClone(f) as MessageFrame;
	change(copy.bsm as unknown as Record<string, unknown>);
	return copy;
}

/** Four packets whose answers are known: two BSMs (speeds 600 and 400), a SPAT, a Uu status report. */
const known: CaptureRecord[] = [
	{ t: 0, sender: 'car-10012', receivers: ['car-2', 'RSU-BJ-YZ-01'], channel: 'pc5', type: 'bsm', latencyMs: 12, bytes: encodeFrame(sampleFrame('bsm')) },
	{ t: 100, sender: 'car-2', receivers: ['car-10012'], channel: 'pc5', type: 'bsm', bytes: encodeFrame(withBsm(sampleFrame('bsm'), (b) => (b.speed = 400))) },
	{ t: 150, sender: 'RSU-BJ-YZ-01', receivers: [], channel: 'pc5', type: 'spat', bytes: encodeFrame(sampleFrame('spat')) },
	{ t: 200, sender: 'car-2', receivers: ['cloud'], channel: 'uu', type: 'vehicle_status_report', bytes: encodeFrame(sampleFrame('vehicle_status_report')) }
];
const table = indexCaptureSync(new TextEncoder().encode(writeJsonl(known)));

const hits = (text: string, t: PacketTable = table) => {
	const f = compileFilter(text, t);
	return [...Array(t.length).keys()].filter((i) => f.test(i)).map((i) => i + 1);
};

function errorOf(text: string): { message: string; column?: number } {
	try {
		compileFilter(text, table);
	} catch (e) {
		expect(isViewerError(e), String(e)).toBe(true);
		return e as { message: string; column?: number };
	}
	throw new Error(`"${text}" compiled`);
}

describe('display filter grammar', () => {
	it('parses precedence: && binds tighter than ||, ! tighter than both', () => {
		expect(parseFilter('a || b && !c')).toEqual({
			k: 'or',
			a: { k: 'field', path: 'a', col: 1 },
			b: { k: 'and', a: { k: 'field', path: 'b', col: 6 }, b: { k: 'not', a: { k: 'field', path: 'c', col: 12 } } }
		});
		expect(parseFilter('x in {1, "a" b}')).toMatchObject({ k: 'in', values: [{ v: 1 }, { v: 'a', quoted: true }, { v: 'b', quoted: false }] });
		expect(parseFilter('bsm.speed ge 0x10')).toMatchObject({ k: 'cmp', op: '>=', value: { v: 16 } });
	});

	it('names the column of a mistake', () => {
		expect(errorOf('bsm && && spat')).toMatchObject({ column: 8 });
		expect(errorOf('bsm && && spat').message).toBe('display filter, column 8: expected a field name, got "&&"');
		expect(errorOf('(bsm || spat').message).toMatch(/column 13: expected a closing "\)", got the end of the filter/);
		expect(errorOf('sender == "car').message).toMatch(/column 11: unterminated string/);
		expect(errorOf('bsm.speeed > 1')).toMatchObject({ column: 5 });
		expect(errorOf('bsm.speeed > 1').message).toMatch(/BasicSafetyMessage has no field "speeed" \(fields: msgCnt, id, /);
		expect(errorOf('bsm.pos.lat.x').message).toMatch(/column 13: "lat" has no field "x"/);
		expect(errorOf('car == 1').message).toMatch(/column 1: unknown field "car"/);
		expect(errorOf('bsm.transmission == gliding').message).toMatch(/column 21: TransmissionState has no value "gliding"/);
		expect(errorOf('bsm.speed > fast').message).toMatch(/column 13: "fast" is not a number/);
		expect(errorOf('sender matches "(("').message).toMatch(/column 16: bad regular expression/);
		expect(errorOf('bsm spat').message).toMatch(/column 5: unexpected "spat" after a complete expression/);
		expect(errorOf('sender # 1').message).toMatch(/column 8: unexpected character "#"/);
	});
});

describe('display filter results', () => {
	it('types, columns and fields', () => {
		expect(hits('')).toEqual([1, 2, 3, 4]);
		expect(hits('bsm')).toEqual([1, 2]);
		expect(hits('bsm && bsm.speed > 500')).toEqual([1]);
		expect(hits('bsm.speed <= 500')).toEqual([2]);
		expect(hits('sender == "car-10012"')).toEqual([1]);
		expect(hits('sender != "car-2"')).toEqual([1, 3]);
		expect(hits('receiver == "car-10012"')).toEqual([2]);
		expect(hits('receiver == "RSU-BJ-YZ-01"')).toEqual([1]);
		expect(hits('channel == uu')).toEqual([4]);
		expect(hits('time >= 100 && time < 200')).toEqual([2, 3]);
		expect(hits('latency')).toEqual([1]);
		expect(hits('type in {spat vehicle_status_report}')).toEqual([3, 4]);
		expect(hits('sender matches "^rsu-"')).toEqual([3]);
		expect(hits('sender contains "100"')).toEqual([1]);
		expect(hits('!(bsm || spat)')).toEqual([4]);
		expect(hits('no == 3')).toEqual([3]);
		expect(hits('size > 0 && encoding == protobuf')).toEqual([1, 2, 3, 4]);
	});

	it('enum names, bytes, repeated fields and presence', () => {
		expect(hits('bsm.transmission == FORWARD_GEARS')).toEqual([1, 2]);
		expect(hits('bsm.transmission == TRANSMISSION_STATE_FORWARD_GEARS')).toEqual([1, 2]);
		expect(hits('bsm.id == 4a:3f:9c:0e:5b:12:d7:01')).toEqual([1, 2]);
		expect(hits('bsm.id contains "9c0e"')).toEqual([1, 2]);
		expect(hits('spat.intersections.phases.id == 2')).toEqual([3]);
		expect(hits('spat.intersections.phases.id == 99')).toEqual([]);
		expect(hits('bsm.vehicleClass')).toEqual([1, 2]);
		expect(hits('map_data || map')).toEqual([]);
		expect(hits('spat.msg_cnt == 87 && spat.msgCnt == 87')).toEqual([3]);
	});

	it('does not decode packets a column test already decided', () => {
		const f = compileFilter('sender == "nobody" && bsm.speed > 1', table);
		expect(f.decodes).toBe(true);
		expect(hits('sender == "nobody" && bsm.speed > 1')).toEqual([]);
		expect(compileFilter('sender == "x" && type == bsm', table).decodes).toBe(false);
	});

	it('gives the same answers on a simulated run as the records say', () => {
		const run = simCaptures(400);
		const t = indexCaptureSync(run.pcapng);
		const expectIdx = (pred: (r: CaptureRecord) => boolean) => run.records.flatMap((r, i) => (pred(r) ? [i + 1] : []));
		expect(hits('rsm || spat', t)).toEqual(expectIdx((r) => r.type === 'rsm' || r.type === 'spat'));
		const someone = run.records[5].sender;
		expect(hits(`sender == "${someone}" || receiver == "${someone}"`, t)).toEqual(expectIdx((r) => r.sender === someone || r.receivers.includes(someone)));
		expect(hits('channel == uu', t)).toEqual(expectIdx((r) => r.channel === 'uu'));
	});
});
