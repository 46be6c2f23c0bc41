// The message-type registry generated from frame.proto.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, PAYLOAD_TYPES, SIM_MESSAGE_TYPES, frameTypes, isPayloadType, messageType, pb, schema, typeColor } from './index';

describe('message-type registry', () => {
	it('has one entry per MessageFrame payload field, in frame order', () => {
		expect(MESSAGE_TYPES.map((t) => [t.payload, t.message, t.number])).toEqual(frameTypes().map((t) => [t.name, t.message, t.number]));
		expect(PAYLOAD_TYPES).toEqual(frameTypes().map((t) => t.name));
		for (const t of MESSAGE_TYPES) expect(schema.messages[t.anchor], t.payload).toBeDefined();
	});

	it('gives the simulated types a legend order 1..n and every type its own valid colour', () => {
		expect(SIM_MESSAGE_TYPES.map((t) => t.sim)).toEqual(SIM_MESSAGE_TYPES.map((_, i) => i + 1));
		expect(SIM_MESSAGE_TYPES.slice(0, 3).map((t) => t.payload)).toEqual(['bsm', 'spat', 'map_data']);
		for (const t of MESSAGE_TYPES) expect(t.color, t.payload).toMatch(/^#[0-9a-f]{6}$/);
		expect(new Set(MESSAGE_TYPES.map((t) => t.color)).size).toBe(MESSAGE_TYPES.length);
		expect(messageType('bsm').color).toBe('#1c7ed6');
	});

	it('has an English and a Chinese label for every type, under its i18n key', () => {
		for (const t of MESSAGE_TYPES) {
			expect(t.i18nKey).toBe(`types.${t.payload}`);
			expect(t.label, t.payload).toMatch(/^[A-Z][\w ]+$/);
			expect(t.labelZh, t.payload).toMatch(/[\u4e00-\u9fff]/);
		}
		expect(messageType('speed_advice').labelZh).toBe('车速引导');
	});

	it('says channel, direction, rate and standard', () => {
		const bsm = messageType('bsm');
		expect(bsm).toMatchObject({ label: 'BSM', message: 'BasicSafetyMessage', standard: 'T/CSAE 53-2020', channel: 'pc5', directions: [], rateHz: 10, sim: 1 });
		expect(messageType('speed_advice')).toMatchObject({ channel: 'uu', directions: ['c2v'], rateHz: null, standard: 'cloud', label: 'Speed advice' });
		expect(messageType('acknowledgement').directions).toEqual(['v2c', 'c2v']);
		expect(messageType('speed_advice').cloudKind).toBe(pb.CloudMessageKind.CLOUD_MESSAGE_KIND_SPEED_ADVICE);
		expect(messageType('vehicle_event_report').cloudKind).toBe(17);
		expect(messageType('acknowledgement').cloudKind).toBeNull();
		expect(bsm.cloudKind).toBeNull();
		expect(messageType('vir')).toMatchObject({ standard: 'T/CSAE 157-2020', sim: null });
		// Uu types are exactly the cloud exchange
		expect(MESSAGE_TYPES.filter((t) => t.channel === 'uu').map((t) => t.standard)).toEqual(Array(10).fill('cloud'));
	});

	it('says who sends each type, so per-sender lists derive from it', () => {
		const sentBy = (kind: string) =>
			SIM_MESSAGE_TYPES.filter((t) => t.channel === 'pc5' && (t.senders as readonly string[]).includes(kind)).map((t) => t.payload);
		expect(sentBy('vehicle')).toEqual(['bsm']);
		expect(sentBy('rsu')).toEqual(['spat', 'map_data', 'rsm', 'rsi']);
		expect(sentBy('vru')).toEqual(['psm']);
		for (const t of MESSAGE_TYPES) expect(t.senders.includes('cloud'), t.payload).toBe(t.directions.includes('c2v'));
	});

	it('answers for unknown names without guessing', () => {
		expect(isPayloadType('bsm')).toBe(true);
		expect(isPayloadType('BSM')).toBe(false);
		expect(() => messageType('nope')).toThrow(/no message type "nope"/);
		expect(typeColor('nope')).toBe('#868e96');
		expect(typeColor('spat')).toBe('#e8590c');
	});

	it('exports the generated message types and enums', () => {
		const gear: pb.TransmissionState = pb.TransmissionState.TRANSMISSION_STATE_PARK;
		const bsm: pb.BasicSafetyMessage = { speed: 500, transmission: gear };
		expect(bsm.transmission).toBe(2);
		expect(Object.keys(pb).length).toBe(Object.keys(schema.enums).length);
	});
});

describe('the generator, on frame.proto annotations', () => {
	const root = fileURLToPath(new URL('../../..', import.meta.url));
	/** Runs the generator on a copy of proto/ with frame.proto edited; its stderr, or null on success. */
	function generateWith(from: string, to: string): string | null {
		const dir = mkdtempSync(join(tmpdir(), 'cv2x-gen-reg-'));
		try {
			cpSync(join(root, 'proto'), join(dir, 'proto'), { recursive: true });
			const file = join(dir, 'proto/cv2x/v1/frame.proto');
			const text = readFileSync(file, 'utf8');
			expect(text).toContain(from);
			writeFileSync(file, text.replace(from, to));
			execFileSync(process.execPath, [join(root, 'scripts/gen-proto.mjs'), '--proto', join(dir, 'proto'), '--out', join(dir, 'out')], { stdio: 'pipe' });
			return null;
		} catch (e) {
			return String((e as { stderr?: Buffer }).stderr ?? e);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	const bsmLine = '// label: BSM | zh: BSM 基本安全消息 | standard: T/CSAE 53-2020 | channel: pc5 | from: vehicle | rate: 10 Hz | color: #1c7ed6 | sim: 1';

	it('rejects a payload field with a missing or malformed entry, naming the field', () => {
		expect(generateWith(bsmLine, bsmLine.replace(' | color: #1c7ed6', ''))).toMatch(/MessageFrame\.bsm: a MessageFrame payload field needs "color:"/);
		expect(generateWith(bsmLine, bsmLine.replace(' | zh: BSM 基本安全消息', ''))).toMatch(/MessageFrame\.bsm: a MessageFrame payload field needs "zh:"/);
		expect(generateWith(bsmLine, bsmLine.replace('#1c7ed6', 'blue'))).toMatch(/MessageFrame\.bsm: bad color "blue"/);
		expect(generateWith(bsmLine, bsmLine.replace('channel: pc5', 'channel: uu'))).toMatch(/MessageFrame\.bsm: bad channel "uu"/);
		expect(generateWith(bsmLine, bsmLine.replace('from: vehicle', 'from: car'))).toMatch(/MessageFrame\.bsm: bad from "car"/);
		expect(generateWith(bsmLine, bsmLine.replace('sim: 1', 'sim: 2'))).toMatch(new RegExp(`sim positions must be 1\\.\\.${SIM_MESSAGE_TYPES.length}, each once`));
	}, 60_000);

	it('rejects registry keys anywhere but on a payload field', () => {
		expect(generateWith('// de: ProtocolVersion', '// de: ProtocolVersion | color: #000000'))
			.toMatch(/MessageFrame\.protocol_version: color: only for MessageFrame payload fields/);
	}, 60_000);
});
