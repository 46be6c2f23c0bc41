// readPublication on bad input: every malformed publication is an Undecodable with its topic,
// all its bytes and one line naming where; nothing throws, whatever the topic and payload.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, type MessageFrame } from '../../codec';
import { sampleFrame } from '../../samples';
import { encodeUperFrame, profile, toJer, writeRsuPayload } from '../../uper';
import { fromModel } from '../../uper/mapping';
import { readPublication } from './read';
import type { ReadResult } from './result';
import { parseTopic } from './topics';

const P = 'csae157-2020';
const uperOf = (f: MessageFrame) => encodeUperFrame(fromModel(f, P).value, P);
const bsm = sampleFrame('bsm');
const BSM_UPER = uperOf(bsm);
const SPAT_UPER = uperOf(sampleFrame('spat'));
const rsuId = new TextEncoder().encode('RSU-0001');
const counted = writeRsuPayload({ rsuId, timestampMs: 1_764_144_000_000, frames: [BSM_UPER, BSM_UPER] }, 'counted');
const utf8 = (s: string) => new TextEncoder().encode(s);
const bsmJer = () => (toJer('MessageFrame', fromModel(bsm, P).value, profile(P).schema) as { bsmFrame: Record<string, unknown> }).bsmFrame;

/** The one undecodable of a result that has no message, checked for its topic and every byte. */
function failure(topic: string, payload: Uint8Array): string {
	const r = readPublication(topic, payload);
	expect(r.messages).toEqual([]);
	expect(r.undecodable?.topic).toBe(topic);
	expect(r.undecodable?.payload).toBe(payload);
	expect(r.undecodable?.error).not.toMatch(/\n/);
	return r.undecodable!.error;
}

describe('readPublication: malformed docking payloads name the byte offset', () => {
	it('reads the well-formed one', () => {
		const r = readPublication('V2X.RSU.BSM.UP', counted);
		expect(r.messages.map((m) => [m.type, m.sender, m.sentAtMs])).toEqual([['bsm', 'RSU-0001', 1_764_144_000_000], ['bsm', 'RSU-0001', 1_764_144_000_000]]);
	});
	it('truncated: inside the header, inside a length, inside a frame', () => {
		expect(failure('V2X.RSU.BSM.UP', counted.slice(0, 12))).toMatch(/^RSU framing \(counted, as a BSM topic\): RSU payload of 12 octets is shorter than its 16-octet header \(byte offset 12\)/);
		expect(failure('V2X.RSU.BSM.UP', counted.slice(0, 18))).toMatch(/payload ends inside the length of frame 0 \(byte offset 17\)/);
		expect(failure('V2X.RSU.BSM.UP', counted.slice(0, counted.length - 3))).toMatch(/frame 1 says \d+ octets but \d+ are left \(byte offset \d+\)/);
	});
	it('wrong counts: more frames said than sent, fewer, zero', () => {
		const more = counted.slice();
		more[16] = 3;
		expect(failure('V2X.RSU.BSM.UP', more)).toMatch(/payload ends inside the length of frame 2 \(byte offset \d+\) at frames\[2\]\.length/);
		const fewer = counted.slice();
		fewer[16] = 1;
		expect(failure('V2X.RSU.BSM.UP', fewer)).toMatch(/\d+ octets after the last frame \(byte offset \d+\)/);
		const zero = counted.slice();
		zero[16] = 0;
		expect(failure('V2X.RSU.BSM.UP', zero)).toMatch(/frame count 0 \(byte offset 16\)/);
	});
	it('a single-layout topic with a counted payload', () => {
		expect(failure('V2X.RSU.SPAT.UP', counted)).toMatch(/^RSU framing \(single\): /);
	});
	it('a frame that is not UPER: the other frames kept, the bad one named with its byte and bit offsets', () => {
		const bad = writeRsuPayload({ rsuId, timestampMs: 5, frames: [BSM_UPER, new Uint8Array([0x0f, 0xff, 0xff])] }, 'counted');
		const r = readPublication('V2X.RSU.BSM.UP', bad);
		expect(r.messages.length).toBe(1);
		expect(r.undecodable?.payload).toBe(bad);
		expect(r.undecodable?.error).toMatch(/^1 of 2 messages do not decode; first: frame 1 \(byte offset \d+\): under csae\S+: .* at \S+ \(bit offset \d+ in the frame, \d+ in the payload\)$/);
	});
	it('a non-printable rsuId is given as hex', () => {
		const r = readPublication('V2X.RSU.SPAT.UP', writeRsuPayload({ rsuId: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 0xff]), timestampMs: 0, frames: [SPAT_UPER] }));
		expect(r.messages[0].sender).toBe('01020304050607ff');
		expect(readPublication('V2X.RSU.SPAT.UP', writeRsuPayload({ rsuId: utf8('RSU1\0\0\0\0'), timestampMs: 0, frames: [SPAT_UPER] })).messages[0].sender).toBe('RSU1');
	});
});

describe('readPublication: malformed openv2x payloads name the JSON path', () => {
	const topic = 'V2X/RSU/esn-9/BSM/UP';
	it('reads the well-formed one, an object or an array', () => {
		expect(readPublication(topic, utf8(JSON.stringify(bsmJer()))).messages.map((m) => [m.type, m.sender, m.encoding])).toEqual([['bsm', 'esn-9', 'uper']]);
		expect(readPublication(topic, utf8(JSON.stringify([bsmJer(), bsmJer()]))).messages.length).toBe(2);
	});
	it('bad JSON: line, column and character offset', () => {
		expect(failure(topic, utf8('{"msgCnt": 1,\n "id": }'))).toMatch(/^not valid JSON: .*\(line 2, column 8, character offset 21\)$/);
	});
	it('JSON that is not the type: the member and where', () => {
		const spatLike = { ...bsmJer(), intersections: [] };
		expect(failure(topic, utf8(JSON.stringify(spatLike)))).toMatch(/^under csae53-2020-draft: .*intersections.* at \$$/);
		const noId: Record<string, unknown> = bsmJer();
		delete noId.id;
		expect(failure(topic, utf8(JSON.stringify(noId)))).toMatch(/missing mandatory member id at \$$/);
		expect(failure(topic, utf8('[1]'))).toMatch(/^\$\[0\]: expected a JSON object/);
		expect(failure(topic, utf8('[]'))).toMatch(/empty JSON array/);
		expect(failure(topic, utf8(JSON.stringify({ ...bsmJer(), secMark: 'x'.repeat(1000) })))).toMatch(/^.{0,200}at \$\.secMark$/);
	});
	it('non-UTF-8 bytes: the byte offset', () => {
		expect(failure(topic, new Uint8Array([0x7b, 0x22, 0x61, 0xc3, 0x28, 0x22, 0x7d]))).toBe('payload is not UTF-8 text (byte offset 3)');
		expect(failure(topic, new Uint8Array([0x5b, 0xed, 0xa0, 0x80, 0x5d]))).toBe('payload is not UTF-8 text (byte offset 1)');
		expect(failure(topic, new Uint8Array([0x5b, 0xf0, 0x9f, 0x98]))).toBe('payload is not UTF-8 text (byte offset 1)');
	});
	it('a TYPE no message has', () => {
		expect(failure('V2X/RSU/esn-9/WEATHER/UP', utf8('{}'))).toMatch(/^openv2x topic TYPE "WEATHER" names no message type/);
		expect(failure('V2X/RSU/esn-9/SPEED_ADVICE/UP', utf8('{}'))).toMatch(/names no message type/);
	});
});

describe('readPublication: cv2x, empty payloads, unknown topics', () => {
	it('random bytes on a cv2x topic: the protobuf codec\'s byte offset', () => {
		expect(failure('cv2x/v1/car-1/bsm', new Uint8Array([0x12, 0x40, 1, 2]))).toMatch(/^protobuf MessageFrame: .*byte offset \d+/);
		expect(failure('cv2x/v1/car-1/bsm', encodeFrame({ protocolVersion: 1 }, { validate: false }))).toMatch(/without a payload/);
	});
	it('an empty payload on every dialect\'s topic and on an unknown one', () => {
		for (const topic of ['cv2x/v1/car-1/bsm', 'V2X.RSU.BSM.UP', 'V2X/RSU/e/BSM/UP', 'elsewhere']) expect(failure(topic, new Uint8Array())).toMatch(/byte offset 0/);
	});
	it('an unknown topic: the payload is detected, else every way tried is named', () => {
		const pb = readPublication('lab/obu-3', encodeFrame(bsm));
		expect(pb.messages.map((m) => [m.dialect, m.type, m.sender, m.encoding])).toEqual([['cv2x', 'bsm', 'lab/obu-3', 'protobuf']]);
		const bare = readPublication('lab/obu-3', BSM_UPER);
		expect(bare.messages.map((m) => [m.type, m.encoding])).toEqual([['bsm', 'uper']]);
		const jer = readPublication('lab/obu-3', utf8(JSON.stringify({ bsmFrame: bsmJer() })));
		expect(jer.messages.map((m) => [m.dialect, m.type])).toEqual([['openv2x', 'bsm']]);
		expect(failure('lab/obu-3', utf8('{"weather": 1}'))).toMatch(/^\$: expected a MessageFrame in JER/);
		expect(failure('lab/obu-3', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0, 1, 2]))).toMatch(/^topic names no dialect, and the payload is none of: protobuf MessageFrame \(.*byte offset.*\); UPER MessageFrame \(best: .*bit offset \d+\); RSU framing; JSON$/);
	});
	it('every error is one line of bounded length, control characters removed', () => {
		const nasty = utf8(`{"x\u0007\\n${'y'.repeat(5000)}": 1}`);
		const e = failure(`V2X/RSU/${'z'.repeat(3000)}/BSM/UP`, nasty);
		expect(e.length).toBeLessThan(450);
		expect(e).not.toMatch(/[\u0000-\u001f]/);
	});
	it('gives each message bytes of its own, never a view into the (pooled) payload buffer', () => {
		const inBig = (b: Uint8Array) => {
			const big = new Uint8Array(b.length + 4096);
			big.set(b, 100);
			return big.subarray(100, 100 + b.length);
		};
		for (const [topic, payload] of [['V2X.RSU.BSM.UP', counted], ['cv2x/v1/car-1/bsm', encodeFrame(bsm)], ['lab/x', BSM_UPER]] as const) {
			const r = readPublication(topic, inBig(payload));
			expect(r.messages.length).toBeGreaterThan(0);
			for (const m of r.messages) expect(m.bytes.buffer.byteLength).toBe(m.bytes.length);
		}
	});
	it('parses the three topic forms and nothing else', () => {
		expect(parseTopic('V2X.RSU.MAP.UP')).toEqual({ dialect: 'docking', type: 'map_data', typeLevel: 'MAP' });
		expect(parseTopic('V2X/RSU/R-1/ssm/UP')).toEqual({ dialect: 'openv2x', type: 'ssm', typeLevel: 'ssm', sender: 'R-1' });
		expect(parseTopic('cv2x/v1/cloud/speed_advice')).toEqual({ dialect: 'cv2x', type: 'speed_advice', typeLevel: 'speed_advice', sender: 'cloud' });
		for (const t of ['V2X.RSU.BSM.DOWN', 'V2X/RSU/a/b/BSM/UP', 'cv2x/v2/a/bsm', 'cv2x/v1/a/bsm/x', '']) expect(parseTopic(t)).toBeUndefined();
	});
});

describe('readPublication never throws (fast-check)', () => {
	const topics = fc.oneof(
		fc.string(),
		fc.constantFrom('V2X.RSU.BSM.UP', 'V2X.RSU.SPAT.UP', 'V2X.RSU.X.UP', 'V2X/RSU/e/BSM/UP', 'V2X/RSU/e/PSM/UP', 'cv2x/v1/n/bsm', 'cv2x/v1/n/nope', 'other'),
		fc.tuple(fc.constantFrom('V2X.RSU.', 'V2X/RSU/', 'cv2x/v1/'), fc.string(), fc.constantFrom('.UP', '/UP', '/BSM/UP', '')).map((p) => p.join(''))
	);
	// random bytes, and valid payloads of each dialect with bytes changed, cut or appended
	const valid = [counted, utf8(JSON.stringify([bsmJer()])), encodeFrame(bsm), BSM_UPER];
	const mutated = fc
		.tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat(), fc.uint8Array({ maxLength: 8 }))
		.map(([v, edits, cut, tail]) => {
			const b = v.slice(0, v.length - (cut % 4));
			for (const [at, x] of edits) if (b.length) b[at % b.length] = x;
			return Uint8Array.from([...b, ...tail]);
		});
	const payloads = fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated, fc.string().map(utf8));

	it('gives messages or an undecodable with all the bytes, for any topic and payload', () => {
		fc.assert(
			fc.property(topics, payloads, (topic, payload) => {
				let r: ReadResult | undefined;
				expect(() => (r = readPublication(topic, payload))).not.toThrow();
				expect(r!.messages.length > 0 || r!.undecodable !== undefined).toBe(true);
				if (r!.undecodable) expect(r!.undecodable.payload).toBe(payload);
				for (const m of r!.messages) expect(m.frame).toBeDefined();
			}),
			{ numRuns: 1500 }
		);
	});
});
