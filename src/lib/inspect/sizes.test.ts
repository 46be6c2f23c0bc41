import { describe, expect, it } from 'vitest';
import { encodeFrame, frameJson } from '../codec';
import { sampleFrame } from '../samples';
import { OnAirCodec } from '../sim/on-air';
import { onAirSizes } from './sizes';

const jsonSize = (type: string) => new TextEncoder().encode(JSON.stringify(frameJson.to(sampleFrame(type)))).length;

describe('sizes of a message in each encoding', () => {
	const codec = new OnAirCodec({ encoding: 'uper', profile: 'csae53-2020-draft' });
	const bsm = sampleFrame('bsm');
	const uper = codec.encode('pc5', 'bsm', bsm.bsm as never).bytes;
	const pb = encodeFrame(bsm);

	it('a UPER BSM: its UPER size under its profile, the model protobuf size, the JSON size', () => {
		const s = onAirSizes(uper, 'uper', 'csae53-2020-draft', 'pc5');
		expect(s.entries).toEqual([
			{ encoding: 'uper', bytes: uper.length, profile: 'csae53-2020-draft', title: 'T/CSAE 53-2020 draft (2019-07-24)', onAir: true },
			{ encoding: 'protobuf', bytes: pb.length, onAir: false },
			{ encoding: 'json', bytes: jsonSize('bsm'), onAir: false }
		]);
		expect(uper.length).toBeLessThan(pb.length);
	});

	it('a protobuf BSM: the UPER size under the compare profile (the same octets as sent in it)', () => {
		const s = onAirSizes(pb, 'protobuf', undefined, 'pc5');
		const in157 = new OnAirCodec({ encoding: 'uper', profile: 'csae157-2020' }).encode('pc5', 'bsm', bsm.bsm as never).bytes;
		expect(s.entries.map((e) => [e.encoding, e.bytes, e.profile, e.onAir])).toEqual([
			['protobuf', pb.length, undefined, true],
			['uper', in157.length, 'csae157-2020', false],
			['json', jsonSize('bsm'), undefined, false]
		]);
	});

	it('a cloud message: no UPER, said why; a PSM kept protobuf under the draft gets the phase-2 profile size', () => {
		const advice = encodeFrame(sampleFrame('speed_advice'));
		expect(onAirSizes(advice, 'protobuf', undefined, 'uu')).toMatchObject({ noUper: 'uu', entries: [{ encoding: 'protobuf' }, { encoding: 'json' }] });
		const psm = onAirSizes(encodeFrame(sampleFrame('psm')), 'protobuf', 'csae53-2020-draft', 'pc5');
		expect(psm.entries[1]).toMatchObject({ encoding: 'uper', profile: 'csae157-2020' });
	});

	it('bad bytes: the on-air size and the decoder error, no throw', () => {
		const s = onAirSizes(new Uint8Array([0xff, 0xff]), 'uper', 'csae157-2020', 'pc5');
		expect(s.entries).toHaveLength(1);
		expect(s.error).toMatch(/bit|offset/);
	});
});
