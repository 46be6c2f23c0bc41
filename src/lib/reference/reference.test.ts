import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { de, decodeFrame, frameTypes, parseBase64, frameType } from '../codec';
import { buildReference, matches } from './model';

const protoDir = fileURLToPath(new URL('../../../proto/cv2x/v1/', import.meta.url));

describe('message reference', () => {
	const ref = buildReference();
	it('covers every type of `cv2x types`, each with a sample that decodes to that type', () => {
		expect(ref.types.map((t) => t.type)).toEqual(frameTypes().map((t) => t.name));
		for (const t of ref.types) {
			expect(frameType(decodeFrame(parseBase64(t.sampleB64url)))).toBe(t.type);
			expect(t.messages[0]).toBe(t.message);
		}
	});
	it('agrees with the proto files: every field declared there is in the reference with its number', () => {
		// read the .proto text itself (not the generated schema) and compare
		let checked = 0;
		for (const file of readdirSync(protoDir).filter((f) => f.endsWith('.proto'))) {
			const text = readFileSync(protoDir + file, 'utf8');
			let current: string[] = [];
			for (const line of text.split('\n')) {
				const open = /^\s*message (\w+) \{/.exec(line);
				if (open) current.push(open[1]);
				const field = /^\s*(?:optional |repeated )?[\w.]+ (\w+) = (\d+);/.exec(line);
				if (field && current.length) {
					const msg = ref.messages[current.join('.')] ?? ref.messages[current[current.length - 1]];
					expect(msg, `${file}: ${current.join('.')}`).toBeDefined();
					const f = msg.fields.find((x) => x.name === field[1]);
					expect(f, `${file}: ${current.join('.')}.${field[1]}`).toBeDefined();
					expect(f!.number).toBe(Number(field[2]));
					checked++;
				}
				if (/^\s*\}\s*$/.test(line) && current.length) current.pop();
			}
		}
		expect(checked).toBeGreaterThan(500);
	});
	it('documents units and ranges where the model calls for them', () => {
		const bsm = ref.messages['BasicSafetyMessage'];
		const speed = bsm.fields.find((f) => f.name === 'speed')!;
		expect(speed).toMatchObject({ de: 'Speed', unit: de.Speed.unitText, range: '0..8191', unavailable: 8191 });
		expect(bsm.zh).toBe('基本安全消息');
	});
	it('search finds fields by name and messages by Chinese term', () => {
		expect(matches('sec_mark', 'msg_cnt', 'sec_mark')).toBe(true);
		expect(matches('基本安全', 'BasicSafetyMessage', '基本安全消息')).toBe(true);
		expect(matches('km', 'speed', de.Speed.unitText)).toBe(false);
	});
});
