// Meanings of values: exact texts in both languages for representative values of every kind,
// every ENUMERATED and named BIT STRING of every built-in UPER profile and every protobuf enum
// named, unknown codes said as unknown, and the meanings a real decode produces.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpMessage, encodeFrame, messageIndex, schema, type DumpNode, type MessageFrame } from '../codec';
import { sampleFrame, sampleTypes } from '../samples';
import { EVENT_CODES } from '../sim/messages';
import { decode, encode, profile, profileNames, type AsnType, type ProfileName, type SchemaSet, type TraceNode } from '../uper';
import { arbitraryValue } from '../uper/testing/arbitrary';
import { SHARED_DIR } from '../uper/testing/peer';
import { GOLDEN_FRAMES, fromHex, readSampleHex, samplesUnavailable } from '../uper/testing/samples';
import { bitElements, eventTypeCodes, meaningOf, meaningOfHexBytes, MessageContext, namedBitsOf, namesOfAsn, namesOfProtoEnum, offsetPositionMeaning, positionOffsetValueMeaning, protoRowMeaning, uperFieldMeaning, vehicleClassCodes, type Meaning, type MeaningContext } from './index';

const skipSamples = samplesUnavailable();
/** A Chinese character (CJK Unified Ideographs). */
const CJK = /[\u4e00-\u9fff]/;
/** Unit symbols Chinese technical text writes as they are (GB 3100-1993). */
const SI_SYMBOLS = new Set(['m', 's', 'ms', 'cm', 'km', 'h', 'g', 'UTC']);

const BJ = { lat: 39.9, lon: 116.4 };
const bits = (s: string) => {
	const b = new Uint8Array(Math.ceil(s.length / 8));
	[...s].forEach((c, i) => c === '1' && (b[i >> 3] |= 0x80 >> (i & 7)));
	return { bits: b, length: s.length };
};
const asn = (name: string) => profile('csae157-2020').schema.types[name];

describe('exact meanings, English and Chinese', () => {
	const cases: [string, Parameters<typeof meaningOf>, Meaning | null][] = [
		['VehicleEventFlags mask 128', ['VehicleEventFlags', 128], { en: 'hardBraking', zh: '急刹车' }],
		['VehicleEventFlags mask 129', ['VehicleEventFlags', 129], { en: 'hazardLights, hardBraking', zh: '危险报警灯、急刹车' }],
		['VehicleEventFlags BIT STRING', ['VehicleEventFlags', bits('0000000100000'), { names: namesOfAsn(asn('VehicleEventFlags')) }], { en: 'hardBraking', zh: '急刹车' }],
		['no flag', ['VehicleEventFlags', 0], { en: 'none set', zh: '无' }],
		['ExteriorLights', ['ExteriorLights', 0b10100], { en: 'leftTurnSignalOn, hazardSignalOn', zh: '左转向灯、危险报警灯' }],
		['BrakeAppliedStatus', ['BrakeAppliedStatus', bits('01010'), { names: namesOfAsn(asn('BrakeAppliedStatus')) }], { en: 'leftFront, rightFront', zh: '左前轮制动、右前轮制动' }],
		['protobuf enum', ['TransmissionState', 3], { en: 'FORWARD_GEARS (3)', zh: 'FORWARD_GEARS (3) 前进挡' }],
		['UPER enum', ['TransmissionState', 'forwardGears', { names: namesOfAsn(asn('TransmissionState')) }], { en: 'forwardGears (2)', zh: 'forwardGears (2) 前进挡' }],
		['UPER enum unavailable', ['TransmissionState', 'unavailable', { names: namesOfAsn(asn('TransmissionState')) }], { en: 'unavailable (7)', zh: 'unavailable (7) 不可用' }],
		['UPER precision class', ['PositionConfidence', 'a50cm', { names: namesOfAsn(asn('PositionConfidence')) }], { en: 'a50cm (10)', zh: 'a50cm (10) 约 50 厘米' }],
		['protobuf precision class (time)', ['TimeConfidence', 9], { en: '000_100 (9)', zh: '000_100 (9) 精度 0.100 秒' }],
		['protobuf precision class (heading)', ['HeadingConfidence', 5], { en: 'PREC0_05DEG (5)', zh: 'PREC0_05DEG (5) 精度 0.05 度' }],
		['acceleration classes in m/s² although the identifier says deg', ['AccConfidence', 'prec1deg', { names: namesOfAsn(asn('AccConfidence')) }], { en: 'prec1deg (4)', zh: 'prec1deg (4) 精度 1 米/秒²' }],
		['protobuf acceleration class', ['AccConfidence', 6], { en: 'PREC0_05MS2 (6)', zh: 'PREC0_05MS2 (6) 精度 0.05 米/秒²' }],
		['angular velocity class, prefix after a one-letter word', ['AngularVConfidence', 2], { en: 'PREC10DEG (2)', zh: 'PREC10DEG (2) 精度 10 度/秒' }],
		['protobuf UNSPECIFIED', ['CloudCommand', 0], { en: 'UNSPECIFIED (0)', zh: 'UNSPECIFIED (0) 未指定' }],
		['cloud command', ['CloudCommand', 2], { en: 'SLOW_DOWN (2)', zh: 'SLOW_DOWN (2) 减速' }],
		['unit word in Chinese: vehicles', ['PlatoonCapacity', 17], { en: '17 veh', zh: '17 辆' }],
		['unit word in Chinese: minutes', ['DMinute', 30], { en: '30 min', zh: '30 分钟' }],
		['a UPER INTEGER named as a protobuf enum of the same numbers (FuelType)', ['FuelType', 4], { en: 'ELECTRIC (4)', zh: 'ELECTRIC (4) 纯电' }],
		['vehicle class 10', ['BasicVehicleClass', 10], { en: 'passenger vehicle, type unknown (10)', zh: '乘用车（类型未知） (10)' }],
		['vehicle class 25', ['BasicVehicleClass', 25], { en: 'truck, type unknown (25)', zh: '货车（类型未知） (25)' }],
		['vehicle class 65', ['BasicVehicleClass', 65], { en: 'fire service ambulance (65)', zh: '消防救护车 (65)' }],
		['vehicle class 0', ['BasicVehicleClass', 0], { en: 'unknown or unavailable (0)', zh: '未知或不可用 (0)' }],
		['RSI event 401', ['EventType', 401], { en: 'road works (401)', zh: '道路施工 (401)' }],
		['RSI event 101', ['EventType', 101], { en: 'traffic accident (101)', zh: '交通事故 (101)' }],
		['RTS sign 38', ['SignType', 38], { en: 'road works sign (38)', zh: '施工标志 (38)' }],
		['RTS sign 2', ['SignType', 2], { en: 'sharp turn sign (2)', zh: '急弯路标志 (2)' }],
		['RTS sign 85', ['SignType', 85], { en: 'speed limit sign (85)', zh: '限制速度标志 (85)' }],
		['RSI event 408', ['EventType', 408], { en: 'slippery road (408)', zh: '道路湿滑 (408)' }],
		['2017 alertType 0', ['AlertType', 0], { en: 'text message (0)', zh: '文字提示 (0)' }],
		['minute of the year', ['MinuteOfTheYear', 474240, { year: 2026 }], {
			en: '2026-11-26 08:00 UTC, 2026-11-26 16:00 UTC+8 local (assuming 2026)',
			zh: '2026-11-26 08:00 UTC，当地时间 2026-11-26 16:00 (UTC+8)（按 2026 年）'
		}],
		['minute of the year crossing midnight locally', ['MinuteOfTheYear', 525599, { year: 2026 }], {
			en: '2026-12-31 23:59 UTC, 2027-01-01 07:59 UTC+8 local (assuming 2026)',
			zh: '2026-12-31 23:59 UTC，当地时间 2027-01-01 07:59 (UTC+8)（按 2026 年）'
		}],
		['minute of the year, year from the reference', ['MinuteOfTheYear', 0, { referenceMs: Date.UTC(2024, 5, 1), utcOffsetMinutes: 0 }], {
			en: '2024-01-01 00:00 UTC, 2024-01-01 00:00 UTC local (assuming 2024)',
			zh: '2024-01-01 00:00 UTC，当地时间 2024-01-01 00:00 (UTC)（按 2024 年）'
		}],
		['minute past a non-leap year', ['MinuteOfTheYear', 525600, { year: 2026 }], { en: 'past the end of 2026 (525600 minutes in that year)', zh: '超出 2026 年（该年共 525600 分钟）' }],
		['same minute in a leap year', ['MinuteOfTheYear', 525600, { year: 2028, utcOffsetMinutes: 330 }], {
			en: '2028-12-31 00:00 UTC, 2028-12-31 05:30 UTC+5:30 local (assuming 2028)',
			zh: '2028-12-31 00:00 UTC，当地时间 2028-12-31 05:30 (UTC+5:30)（按 2028 年）'
		}],
		['minute unavailable', ['MinuteOfTheYear', 527040, { year: 2026 }], { en: 'unavailable', zh: '不可用' }],
		['DSecond', ['DSecond', 12345], { en: 'second 12.345 of the minute', zh: '该分钟第 12.345 秒' }],
		['DSecond in its minute', ['DSecond', 12345, { minuteStartMs: Date.UTC(2026, 10, 26, 8, 0) }], {
			en: 'second 12.345 of the minute: 2026-11-26 08:00:12.345 UTC, 2026-11-26 16:00:12.345 UTC+8 local',
			zh: '该分钟第 12.345 秒：2026-11-26 08:00:12.345 UTC，当地时间 2026-11-26 16:00:12.345 (UTC+8)'
		}],
		['DSecond leap second', ['DSecond', 60500], { en: 'second 60.500 of the minute (leap second)', zh: '该分钟第 60.500 秒（闰秒）' }],
		['DSecond not used', ['DSecond', 61000], { en: 'not used (61000 ms is beyond a minute)', zh: '未使用的取值（61000 毫秒超出一分钟）' }],
		['DSecond unavailable', ['DSecond', 65535], { en: 'unavailable', zh: '不可用' }],
		['TimeMark count-down', ['TimeMark', 123], { en: '12.3 s', zh: '12.3 秒' }],
		['TimeMark count-down over a minute', ['TimeMark', 754], { en: '1 min 15.4 s', zh: '1 分 15.4 秒' }],
		['TimeMark more than an hour', ['TimeMark', 36000], { en: 'more than an hour', zh: '超过一小时' }],
		['TimeMark unavailable', ['TimeMark', 36001], { en: 'unavailable', zh: '不可用' }],
		['TimeMark of the hour', ['TimeMark', 1234, { path: 'spatFrame.x.utcTiming.startUTCTime' }], { en: '02:03.4 past the hour (UTC)', zh: '整点后 02:03.4（UTC）' }],
		['TimeMark of the next hour', ['TimeMark', 1234, { timeMark: 'hourTime', referenceMs: Date.UTC(2026, 10, 26, 8, 50) }], {
			en: '02:03.4 past the hour (UTC): 2026-11-26 09:02:03.4 UTC, 2026-11-26 17:02:03.4 UTC+8 local',
			zh: '整点后 02:03.4（UTC）：2026-11-26 09:02:03.4 UTC，当地时间 2026-11-26 17:02:03.4 (UTC+8)'
		}],
		['epoch ms (64-bit as text)', ['TimestampMs', '1795680000000'], {
			en: '2026-11-26 08:00:00.000 UTC, 2026-11-26 16:00:00.000 UTC+8 local',
			zh: '2026-11-26 08:00:00.000 UTC，当地时间 2026-11-26 16:00:00.000 (UTC+8)'
		}],
		['epoch ms unavailable', ['TimestampMs', 0], { en: 'unavailable', zh: '不可用' }],
		['printable RSU id', ['', new Uint8Array([0x42, 0x4a, 0x2d, 0x59, 0x5a, 0x2d, 0x30, 0x31])], { en: '"BJ-YZ-01"', zh: '"BJ-YZ-01"' }],
		['binary id', ['', new Uint8Array([0x42, 0x00, 0x2d, 0x59])], null],
		['speed', ['Speed', 625], { en: '12.50 m/s (45.0 km/h)', zh: '12.50 m/s (45.0 km/h)' }],
		['speed unavailable', ['Speed', 8191], { en: 'unavailable', zh: '不可用' }],
		['elevation unavailable', ['Elevation', -4096], { en: 'unavailable', zh: '不可用' }],
		['latitude', ['Latitude', 399087654], { en: '39.9087654° N', zh: '北纬 39.9087654°' }],
		['longitude west', ['Longitude', -1163975000], { en: '116.3975000° W', zh: '西经 116.3975000°' }],
		['latitude unavailable', ['Latitude', 900000001], { en: 'unavailable', zh: '不可用' }],
		['lat offset', ['OffsetLL-B24', 12345, { path: 'rsi.rtes[0].eventPos.offsetLL.position-LL6.lat', refPos: BJ }], {
			en: '+0.0012345° ≈ 137.3 m north → 39.9012345° N',
			zh: '+0.0012345°，约向北 137.3 米 → 北纬 39.9012345°'
		}],
		['lon offset (protobuf name)', ['OffsetLL_B24', -12345, { path: 'rsi.rtes[0].event_pos.lon_offset', refPos: BJ }], {
			en: '-0.0012345° ≈ 105.3 m west → 116.3987655° E',
			zh: '-0.0012345°，约向西 105.3 米 → 东经 116.3987655°'
		}],
		['offset without reference', ['OffsetLL-B12', -2048, { axis: 'lon' }], { en: '-0.0002048°', zh: '-0.0002048°' }],
		['a plain count says nothing more', ['MsgCount', 5], null],
		['a string says nothing more', ['Description', 'road works'], null]
	];
	it.each(cases)('%s', (_, args, expected) => {
		expect(meaningOf(...args)).toEqual(expected);
	});

	it('a whole offset: metres both ways and the absolute position', () => {
		expect(offsetPositionMeaning({ lat: 12345, lon: -12345 }, BJ)).toEqual({
			en: '137.3 m north, 105.3 m west → 39.9012345° N, 116.3987655° E',
			zh: '向北 137.3 米，向西 105.3 米 → 北纬 39.9012345°，东经 116.3987655°'
		});
	});

	it('bytes as the protobuf dump shows them (hex)', () => {
		expect(meaningOfHexBytes('42 4a 2d 59 5a 2d 30 31')).toEqual({ en: '"BJ-YZ-01"', zh: '"BJ-YZ-01"' });
		expect(meaningOfHexBytes('00 01')).toBeNull();
		expect(meaningOfHexBytes('zz')).toBeNull();
	});
});

describe('unknown codes and odd values are said, never thrown', () => {
	const cases: [string, Parameters<typeof meaningOf>, Meaning | null][] = [
		['enum number the enum lacks', ['TransmissionState', 99], { en: 'unknown value 99', zh: '未知取值 99' }],
		['UPER unknown extension', ['SourceType', '#3', { names: namesOfAsn(asn('SourceType')) }], { en: 'unknown extension value #3', zh: '未知的扩展取值 #3' }],
		['identifier the type lacks', ['SourceType', 'sonar', { names: namesOfAsn(asn('SourceType')) }], { en: 'unknown value sonar', zh: '未知取值 sonar' }],
		['unnamed vehicle class in a group', ['BasicVehicleClass', 15], { en: 'passenger vehicle, unnamed code 15', zh: '乘用车，未命名代码 15' }],
		['vehicle class outside every group', ['BasicVehicleClass', 200], { en: 'unnamed class 200', zh: '未命名车辆类别 200' }],
		['event code in a known class', ['EventType', 405], { en: 'GB/T 29100 code 405, class 4xx: road conditions', zh: 'GB/T 29100 代码 405，4xx：道路状况类' }],
		['event code not in the table', ['EventType', 9902], { en: 'GB/T 29100 code 9902 (not in our table)', zh: 'GB/T 29100 代码 9902（未收录）' }],
		['sign code between the named ones', ['SignType', 40], { en: 'GB 5768.2 sign code 40 (not in our table)', zh: 'GB 5768.2 标志代码 40（未收录）' }],
		['sign code not in the table', ['SignType', 300], { en: 'GB 5768.2 sign code 300 (not in our table)', zh: 'GB 5768.2 标志代码 300（未收录）' }],
		['a set bit without a name', ['VehicleEventFlags', 1 << 13], { en: 'bit 13', zh: '第 13 位' }],
		['a negative mask', ['VehicleEventFlags', -1], { en: 'none set', zh: '无' }],
		['a value beyond the element range', ['Speed', 9000], null],
		['a string where a number belongs', ['Speed', 'fast'], null],
		['a bigint beyond 2^53', ['TimestampMs', 2n ** 60n], null],
		['NaN', ['Speed', Number.NaN], null],
		['no value', ['Speed', undefined], null],
		['unknown element, plain number', ['NoSuchElement', 5], null]
	];
	it.each(cases)('%s', (_, args, expected) => {
		expect(meaningOf(...args)).toEqual(expected);
	});
});

/** Every named type of a set with the ENUMERATED or named BIT STRING inside it, nested anonymous types included. */
function namedValueTypes(set: SchemaSet): { where: string; element: string; type: AsnType }[] {
	const out: { where: string; element: string; type: AsnType }[] = [];
	const walk = (t: AsnType, element: string, where: string) => {
		if (t.kind === 'enumerated' || (t.kind === 'bitString' && t.namedBits)) out.push({ where, element, type: t });
		else if (t.kind === 'sequence') [...t.components, ...(t.trailingRoot ?? []), ...t.additions.flatMap((a) => a.components)].forEach((c) => walk(c.type, '', `${where}.${c.name}`));
		else if (t.kind === 'choice') [...t.root, ...t.additions].forEach((a) => walk(a.type, '', `${where}.${a.name}`));
		else if (t.kind === 'sequenceOf') walk(t.element, '', `${where}[]`);
	};
	for (const [name, t] of Object.entries(set.types)) walk(t, name, name);
	return out;
}

describe.each(profileNames())('profile %s: every ENUMERATED and named BIT STRING has a meaning', (name) => {
	const set = profile(name).schema;
	const types = namedValueTypes(set);
	it('has some of each', () => {
		expect(types.some((t) => t.type.kind === 'enumerated')).toBe(true);
		expect(types.some((t) => t.type.kind === 'bitString')).toBe(true);
	});
	it.each(types.map((t) => [t.where, t] as const))('%s', (_, { element, type }) => {
		const names = namesOfAsn(type);
		if (type.kind === 'enumerated') {
			for (const item of [...type.root, ...type.additions]) {
				const m = meaningOf(element, item.name, { names });
				expect(m?.en).toBe(`${item.name} (${item.value})`);
				expect(m?.zh.startsWith(`${item.name} (${item.value})`)).toBe(true);
				// Chinese mode says what the identifier means, not only the identifier
				expect(m?.zh, `${element}.${item.name}: a Chinese gloss`).toMatch(CJK);
			}
		} else if (type.kind === 'bitString') {
			const table = namedBitsOf(element);
			for (const [bitName, bit] of Object.entries(type.namedBits!)) {
				// the table knows the bit by this identifier, so its Chinese name applies
				expect(table?.[bit]?.names, `${element} bit ${bit}`).toContain(bitName);
				const value = { bits: new Uint8Array(Math.ceil((bit + 1) / 8)), length: bit + 1 };
				value.bits[bit >> 3] |= 0x80 >> (bit & 7);
				const m = meaningOf(element, value, { names });
				expect(m?.en.toLowerCase()).toBe(element === 'VehicleEventFlags' ? bitName.slice(5).toLowerCase() : bitName.toLowerCase());
				expect(m?.zh).toBe(table![bit].zh);
			}
		}
	});
});

describe('the protobuf model', () => {
	it.each(Object.keys(schema.enums))('enum %s: every value named with its number', (enumName) => {
		const names = namesOfProtoEnum(enumName)!;
		expect(names.kind).toBe('enumerated');
		for (const v of schema.enums[enumName].values) {
			const m = meaningOf(enumName, v.number);
			expect(m?.en).toMatch(new RegExp(`^[A-Z0-9_]+ \\(${v.number}\\)$`));
			expect(v.name.endsWith(m!.en.replace(/ \(\d+\)$/, ''))).toBe(true);
			expect(m?.zh, `${enumName}.${v.name}: a Chinese gloss`).toMatch(CJK);
		}
	});

	it.each(Object.keys(schema.elements))('element %s: its Chinese reading has no English word (SI symbols stay)', (element) => {
		const el = schema.elements[element] as { range?: [number, number] };
		if (!el?.range) return;
		for (const n of [el.range[0], Math.round((el.range[0] + el.range[1]) / 2), el.range[1]]) {
			const zh = meaningOf(element, n)?.zh;
			if (!zh) continue;
			// acronyms in capitals (ABS, PDOP, MAP, SPAT) are terms Chinese text uses as they are
			// so are standards' designations (GB/T 29100, T/CSAE 53)
			const words = (zh.replace(/\b[A-Z]+\/[A-Z]+\b/g, '').match(/[A-Za-z]+/g) ?? []).filter((w) => !SI_SYMBOLS.has(w) && !/^[A-Z0-9]{2,}$/.test(w));
			expect(words, `${element} ${n}: ${zh}`).toEqual([]);
		}
	});

	it('every masked BIT STRING element of proto/elements.txt has its bits named', () => {
		const uperBitTypes = new Set(profileNames().flatMap((p) => namedValueTypes(profile(p).schema).filter((t) => t.type.kind === 'bitString').map((t) => t.element.replace(/-/g, '_'))));
		for (const element of Object.keys(schema.elements)) if (uperBitTypes.has(element)) expect(bitElements(), element).toContain(element);
	});
});

describe('codes the playground itself sends', () => {
	it.each(Object.entries(EVENT_CODES))('simulated %s (eventType %i) is named', (_, code) => {
		expect(eventTypeCodes()).toContain(code);
		expect(meaningOf('EventType', code)!.en).not.toMatch(/not in our table|class/);
	});
	it('the RSI sample sign (38) is named', () => {
		expect(meaningOf('SignType', 38)!.en).toBe('road works sign (38)');
	});
});

const VEH_CLASS = join(SHARED_DIR, 'asn1', 'csae157-2020', 'VehClass.asn');
describe.skipIf(!existsSync(VEH_CLASS))(`vehicle classes${existsSync(VEH_CLASS) ? '' : ' (skipped: ../shared/asn1 not found)'}`, () => {
	it('every BasicVehicleClass value the ASN.1 module names is in the table', () => {
		const named = [...readFileSync(VEH_CLASS, 'utf8').matchAll(/^\s*([\w-]+)\s+BasicVehicleClass\s*::=\s*(\d+)/gm)].map((m) => Number(m[2]));
		expect(named.length).toBeGreaterThan(50);
		expect(vehicleClassCodes().sort((a, b) => a - b)).toEqual([...new Set(named)].sort((a, b) => a - b));
	});
});

describe.each(profileNames())('profile %s: what a decode trace means (as uper/dump.ts would ask)', (name) => {
	const set = profile(name).schema;
	it('random MessageFrames: every named value gets a meaning, nothing throws', () => {
		let enums = 0;
		for (let seed = 1; seed <= 25; seed++) {
			const nodes: TraceNode[] = [];
			decode('MessageFrame', encode('MessageFrame', arbitraryValue(set, 'MessageFrame', seed * 104729), set), set, { trace: (n) => nodes.push(n) });
			for (const t of nodes) {
				if (t.leaf || !t.typeName) continue;
				const type = set.types[t.typeName];
				const m = meaningOf(t.typeName, t.value as never, { names: namesOfAsn(type), path: t.path, year: 2026, refPos: BJ });
				if (type?.kind === 'enumerated') {
					enums++;
					expect(m, `${t.path} ${t.typeName}`).not.toBeNull();
				}
				if (m) expect(m.zh.length, t.path).toBeGreaterThan(0);
			}
		}
		expect(enums).toBeGreaterThan(0);
	});
});

describe('context gathered along a message', () => {
	it('offsets use the innermost refPos; DSecond its minute', () => {
		const mc = new MessageContext({ year: 2026 });
		mc.observe('rsmFrame.refPos.lat', 'Latitude', 399000000);
		mc.observe('rsmFrame.refPos.long', 'Longitude', 1164000000);
		mc.observe('mapFrame.nodes[0].refPos.lat', 'Latitude', 311000000);
		mc.observe('mapFrame.nodes[0].refPos.long', 'Longitude', 1212000000);
		mc.observe('spatFrame.moy', 'MinuteOfTheYear', 474240);
		const p = 'rsmFrame.participants[0].pos.offsetLL.position-LL6.lat';
		expect(meaningOf('OffsetLL-B24', 12345, mc.contextFor(p))?.en).toBe('+0.0012345° ≈ 137.3 m north → 39.9012345° N');
		expect(mc.contextFor('mapFrame.nodes[0].inLinks[0].points[0].posOffset.offsetLL.position-LL1.lon').refPos).toEqual({ lat: 31.1, lon: 121.2 });
		expect(mc.contextFor('mapFrame.nodes[1].refPos').refPos).toBeUndefined();
		expect(meaningOf('DSecond', 5238, mc.contextFor('spatFrame.timeStamp'))?.en).toBe(
			'second 5.238 of the minute: 2026-11-26 08:00:05.238 UTC, 2026-11-26 16:00:05.238 UTC+8 local'
		);
		expect(mc.contextFor('bsmFrame.secMark').minuteStartMs).toBeUndefined();
	});

	it('protobuf names (ref_pos) and unavailable coordinates', () => {
		const mc = new MessageContext();
		mc.observe('rsi.ref_pos.lat', 'Latitude', 399000000);
		mc.observe('rsi.ref_pos.long', 'Longitude', 1800000001);
		expect(mc.contextFor('rsi.rtes[0].event_pos.lat_offset').refPos).toBeUndefined();
		mc.observe('rsi.ref_pos.long', 'Longitude', 1164000000);
		expect(mc.contextFor('rsi.rtes[0].event_pos.lat_offset').refPos).toEqual({ lat: 39.9, lon: 116.4 });
	});

	it('a whole offset value, UPER CHOICE or plain', () => {
		expect(positionOffsetValueMeaning({ 'position-LL6': { lon: -12345, lat: 12345 } }, BJ)?.en).toBe('137.3 m north, 105.3 m west → 39.9012345° N, 116.3987655° E');
		expect(positionOffsetValueMeaning({ lat: 12345, lon: -12345 }, BJ)?.zh).toBe('向北 137.3 米，向西 105.3 米 → 北纬 39.9012345°，东经 116.3987655°');
		expect(positionOffsetValueMeaning({ 'position-LatLon': { lon: 1164000000, lat: 399000000 } }, undefined)).toEqual({ en: '39.9000000° N, 116.4000000° E', zh: '北纬 39.9000000°，东经 116.4000000°' });
		expect(positionOffsetValueMeaning({ 'position-LL1': { lon: 1, lat: 2 } }, undefined)).toBeNull();
		expect(positionOffsetValueMeaning('x', BJ)).toBeNull();
		expect(positionOffsetValueMeaning({ a: { b: 1 } }, BJ)).toBeNull();
	});
});

/** Every row of the protobuf wire dump with its meaning, walked as inspect/view.ts walks it. */
function protoMeanings(frame: MessageFrame, base: MeaningContext = {}): Map<string, Meaning | null> {
	const out = new Map<string, Meaning | null>();
	const mc = new MessageContext(base);
	const walk = (node: DumpNode, parentType: string | null) => {
		for (const c of node.children ?? []) {
			const meta = parentType && schema.messages[parentType] && !c.unknown ? messageIndex(parentType).byNumber.get(c.field) : undefined;
			out.set(c.path, protoRowMeaning(meta, c, mc));
			walk(c, meta?.kind === 'message' ? meta.type : null);
		}
	};
	walk(dumpMessage(encodeFrame(frame)).root, schema.frame);
	return out;
}

/** Every field of a UPER decode with its meaning, as uper/dump.ts would ask (trace order). */
function uperMeanings(bytes: Uint8Array, set: SchemaSet, base: MeaningContext = {}): Map<string, Meaning | null> {
	const out = new Map<string, Meaning | null>();
	const mc = new MessageContext(base);
	decode('MessageFrame', bytes, set, {
		trace: (t) => {
			if (!t.leaf) out.set(t.path, uperFieldMeaning(t.path, t.value, t.typeName, t.typeName ? set.types[t.typeName] : undefined, mc));
		}
	});
	return out;
}

describe('the protobuf view rows (protoRowMeaning)', () => {
	it('EEBL: a BSM with the hard-braking flag', () => {
		const frame = sampleFrame('bsm');
		(frame.bsm as unknown as Record<string, unknown>).safetyExt = { events: 128 };
		const m = protoMeanings(frame);
		expect(m.get('bsm.safety_ext.events')).toEqual({ en: 'hardBraking', zh: '急刹车' });
		expect(m.get('bsm.transmission')).toEqual({ en: 'FORWARD_GEARS (3)', zh: 'FORWARD_GEARS (3) 前进挡' });
		expect(m.get('bsm.vehicle_class.classification')?.en).toBe('passenger vehicle, type unknown (10)');
		expect(m.get('bsm.speed')?.en).toBe('12.00 m/s (43.2 km/h)');
		expect(m.get('bsm.pos.lat')?.en).toBe('39.7805100° N');
		expect(m.get('bsm.id')).toBeNull(); // random octets: no text
		expect(m.get('bsm.msg_cnt')).toBeNull();
	});

	it('RSI: id as text, event type, minute of the year, offsets from refPos', () => {
		const m = protoMeanings(sampleFrame('rsi'), { year: 2026 });
		expect(m.get('rsi.id')).toEqual({ en: '"YZ1001RS"', zh: '"YZ1001RS"' });
		expect(m.get('rsi.rtes[0].event_type')).toEqual({ en: 'road works (401)', zh: '道路施工 (401)' });
		expect(m.get('rsi.moy')?.en).toBe('2026-11-26 08:30 UTC, 2026-11-26 16:30 UTC+8 local (assuming 2026)');
		expect(m.get('rsi.rtes[0].event_pos.lat_offset')?.en).toBe('+0.0009218° ≈ 102.5 m north → 39.7818908° N');
		expect(m.get('rsi.rtes[0].event_pos')?.en).toBe('102.5 m north, 171.7 m east → 39.7818908° N, 116.5185322° E');
		expect(m.get('rsi.rtss[0].sign_type')?.en).toBe('road works sign (38)');
	});

	it.each(sampleTypes())('sample %s: every row answered without throwing, enums named', (type) => {
		const m = protoMeanings(sampleFrame(type), { year: 2026 });
		expect(m.size).toBeGreaterThan(0);
		for (const [path, meaning] of m) if (meaning) expect(meaning.en.length && meaning.zh.length, path).toBeTruthy();
	});
});

describe.skipIf(skipSamples)(`the UPER dump fields of real frames (uperFieldMeaning)${skipSamples ? ` (skipped: ${skipSamples})` : ''}`, () => {
	const frame = (name: string) => GOLDEN_FRAMES.find((f) => f.name === name)!;
	const meanings = (name: string) => uperMeanings(fromHex(readSampleHex(frame(name).file).split(/\s*\n/)[0]), profile(frame(name).profile as ProfileName).schema, { year: 2020 });
	it('RSI: event code, offsets from its refPos', () => {
		const m = meanings('rsi');
		expect(m.get('rsiFrame.rtes[0].eventType')?.en).toBe('GB/T 29100 code 9902 (not in our table)');
		expect(m.get('rsiFrame.rtes[0].eventPos.offsetLL.position-LL1.lat')?.en).toMatch(/^[+-]0\.\d{7}° ≈ \d+\.\d m (north|south) → 28\.\d{7}° N$/);
		expect(m.get('rsiFrame.rtes[0].eventPos.offsetLL')?.en).toMatch(/ → 28\.\d{7}° N, 112\.\d{7}° E$/);
	});
	it('SPAT: minute of the year, its DSecond as an instant, light states', () => {
		const m = meanings('spat');
		expect(m.get('spatFrame.moy')?.en).toBe('2020-11-14 06:55 UTC, 2020-11-14 14:55 UTC+8 local (assuming 2020)');
		expect(m.get('spatFrame.timeStamp')?.en).toBe('second 5.238 of the minute: 2020-11-14 06:55:05.238 UTC, 2020-11-14 14:55:05.238 UTC+8 local');
		expect(m.get('spatFrame.intersections[0].phases[0].phaseStates[0].light')).toEqual({ en: 'permissive-green (5)', zh: 'permissive-green (5) 许可绿灯' });
		expect(m.get('spatFrame.intersections[0].status')).toEqual({ en: 'fixedTimeOperation', zh: '定时控制' });
	});
});
