// The generated data-element converters (proto/elements.txt -> generated/elements.js).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { de, fromPhysical, schema, toPhysical, type DataElement } from './index';

const all = Object.values(de) as DataElement[];
const toP = (el: DataElement, n: number) => (el.toPhysical as (n: number) => number | null)(n);
const fromP = (el: DataElement, v: number | null) => (el.fromPhysical as (v: number | null) => number)(v);

/** A small deterministic generator (no Math.random in tests). */
function lcg(seed: number) {
	let s = seed >>> 0;
	return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Encoded values worth checking in a valid range: both ends, neighbours and a spread between. */
function samples(lo: number, hi: number): number[] {
	const out = new Set([lo, hi, Math.min(hi, lo + 1), Math.max(lo, hi - 1), Math.round((lo + hi) / 2)]);
	const rnd = lcg(lo ^ hi);
	for (let i = 0; i < 200; i++) out.add(lo + Math.floor(rnd() * (hi - lo + 1)));
	return [...out];
}

describe('data elements', () => {
	it('exist for every element of the schema, and every numeric field names one', () => {
		expect(Object.keys(de).sort()).toEqual(Object.keys(schema.elements).sort());
		for (const [name, m] of Object.entries(schema.messages))
			for (const f of m.fields) {
				const numeric = f.kind === 'scalar' && !['string', 'bytes', 'bool'].includes(f.type);
				expect(typeof f.de, `${name}.${f.name}`).toBe(numeric ? 'string' : 'undefined');
				if (f.de) expect(schema.elements[f.de].fields).toContain(`${name}.${f.name}`);
			}
	});

	it('round-trip every valid encoded value through physical units', () => {
		for (const el of all)
			for (const n of samples(el.valid[0], el.valid[1])) {
				const v = toP(el, n);
				expect(v, `${el.name} ${n}`).not.toBeNull();
				expect(fromP(el, v), `${el.name} ${n} -> ${v}`).toBe(n);
				// physical = encoded x factor, to rounding
				expect(Math.abs((v as number) - n * el.factor)).toBeLessThanOrEqual(Math.abs(n * el.factor) * 1e-12 + 1e-12);
			}
	});

	it('map "unavailable" to null and back', () => {
		for (const el of all) {
			if (el.unavailable === null) continue;
			expect(toP(el, el.unavailable), el.name).toBeNull();
			expect(fromP(el, null), el.name).toBe(el.unavailable);
		}
		expect(de.Speed.toPhysical(8191)).toBeNull();
		expect(de.Heading.toPhysical(28800)).toBeNull();
		expect(de.Latitude.toPhysical(900000001)).toBeNull();
		expect(de.Elevation.fromPhysical(null)).toBe(-4096);
	});

	it('clamp to the valid range, never producing the unavailable value', () => {
		for (const el of all) {
			if (el.wrap !== null) continue;
			const step = el.factor;
			expect(fromP(el, (el.valid[1] + 1000) * step), el.name).toBe(el.valid[1]);
			expect(fromP(el, (el.valid[0] - 1000) * step), el.name).toBe(el.valid[0]);
		}
		expect(de.Speed.fromPhysical(1e6)).toBe(8190);
		expect(de.Speed.fromPhysical(-3)).toBe(0);
		expect(de.Acceleration.fromPhysical(50)).toBe(2000);
		expect(de.Acceleration.fromPhysical(-50)).toBe(-2000);
		expect(de.TimeMark.fromPhysical(1e9)).toBe(36000);
		expect(de.VehicleWidth.fromPhysical(0)).toBe(1); // 0 means unavailable
		expect(de.SteeringWheelAngle.fromPhysical(500)).toBe(126);
	});

	it('wrap angles modulo 360 degrees instead of clamping', () => {
		expect(de.Heading.fromPhysical(360)).toBe(0);
		expect(de.Heading.fromPhysical(-de.Heading.factor)).toBe(28799);
		expect(de.Heading.fromPhysical(720 + 90)).toBe(7200);
		expect(de.Heading.fromPhysical(-90)).toBe(21600);
		expect(de.Heading.fromPhysical(359.9999)).toBe(0); // rounds up to a full turn
		expect(de.CoarseHeading.fromPhysical(360)).toBe(0);
		expect(de.CoarseHeading.fromPhysical(-1.5)).toBe(239);
		expect(de.SemiMajorAxisOrientation.fromPhysical(-360)).toBe(0);
		expect(de.SemiMajorAxisOrientation.fromPhysical(180)).toBe(32768);
		expect(all.filter((el) => el.wrap !== null).map((el) => el.name).sort()).toEqual(['CoarseHeading', 'Heading', 'SemiMajorAxisOrientation']);
	});

	it('give the integers the simulation has always used', () => {
		// the converters against the hand-written formulas they replaced (codec `units`, samples)
		const rnd = lcg(7);
		for (let i = 0; i < 5000; i++) {
			const x = (rnd() - 0.3) * 400;
			expect(de.Speed.fromPhysical(x)).toBe(Math.min(8190, Math.max(0, Math.round(x / de.Speed.factor))));
			expect(de.Heading.fromPhysical(x)).toBe(Math.round((((x % 360) + 360) % 360) / de.Heading.factor) % 28800);
			expect(de.TimeMark.fromPhysical(x)).toBe(Math.min(36000, Math.max(0, Math.round(x * 10))));
			expect(de.Longitude.fromPhysical(x / 3)).toBe(Math.round((x / 3) * 10 ** 7));
			expect(de.Elevation.fromPhysical(x)).toBe(Math.round(x * 10));
			const a = (rnd() - 0.5) * 30;
			expect(de.Acceleration.fromPhysical(a)).toBe(Math.max(-2000, Math.min(2000, Math.round(a / de.Acceleration.factor))));
		}
		// values on a half step: the decimal arithmetic, not a float-inexact reciprocal
		expect(de.TimeMark.fromPhysical(2.35)).toBe(24); // 2.35 * 10 = 23.5 exactly
		expect(de.Latitude.fromPhysical(39.780969)).toBe(397809690);
	});

	it('drive the codec physical views', () => {
		const speed = schema.messages.BasicSafetyMessage.fields.find((f) => f.name === 'speed')!;
		expect(toPhysical(speed, 500)).toMatchObject({ value: 10, unavailable: false, text: '10.00 m/s (36.0 km/h)' });
		expect(toPhysical(speed, 8191)).toMatchObject({ value: null, unavailable: true });
		expect(fromPhysical(speed, 10)).toBe(500);
		expect(fromPhysical(speed, null)).toBe(8191);
		const ts = schema.messages.CloudHeader.fields.find((f) => f.name === 'timestamp_ms')!;
		expect(toPhysical(ts, '1764145825300').value).toBe(1764145825300);
	});
});

describe('the generator', () => {
	const root = fileURLToPath(new URL('../../..', import.meta.url));

	/** Runs the generator on a copy of proto/ changed by `edit`; returns its stderr, or null on success. */
	function generateWith(edit: (protoDir: string) => void): string | null {
		const dir = mkdtempSync(join(tmpdir(), 'cv2x-gen-de-'));
		try {
			cpSync(join(root, 'proto'), join(dir, 'proto'), { recursive: true });
			edit(join(dir, 'proto'));
			execFileSync(process.execPath, [join(root, 'scripts/gen-proto.mjs'), '--proto', join(dir, 'proto'), '--out', join(dir, 'out')], { stdio: 'pipe' });
			return null;
		} catch (e) {
			return String((e as { stderr?: Buffer }).stderr ?? e);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	const replaceIn = (file: string, from: string, to: string) => {
		const text = readFileSync(file, 'utf8');
		expect(text).toContain(from);
		writeFileSync(file, text.replace(from, to));
	};

	it('rejects a field that states its data element differently, naming the field', () => {
		const err = generateWith((p) =>
			replaceIn(join(p, 'cv2x/v1/bsm.proto'), '// de: Speed | zh: 车速', '// de: Speed | unit: 0.01 m/s | zh: 车速')
		);
		expect(err).toMatch(/BasicSafetyMessage\.speed: unit 0\.01 m\/s conflicts with data element Speed \(unit 0\.02 m\/s\)/);
		const err2 = generateWith((p) =>
			replaceIn(join(p, 'cv2x/v1/spat.proto'), '// de: TimeMark | zh: 开始时间', '// de: TimeMark | unavailable: 36000 | zh: 开始时间')
		);
		expect(err2).toMatch(/TimeChangeDetails\.start_time: unavailable 36000 conflicts with data element TimeMark/);
	}, 60_000);

	it('rejects an element defined twice, an unknown element and a numeric field without one', () => {
		expect(generateWith((p) => writeFileSync(join(p, 'elements.txt'), readFileSync(join(p, 'elements.txt'), 'utf8') + 'Speed  unit: 0.01 m/s | range: 0..100\n')))
			.toMatch(/data element Speed defined twice/);
		expect(generateWith((p) => replaceIn(join(p, 'cv2x/v1/bsm.proto'), '// de: Speed | zh: 车速', '// de: Velocity | zh: 车速')))
			.toMatch(/BasicSafetyMessage\.speed: unknown data element "Velocity"/);
		expect(generateWith((p) => replaceIn(join(p, 'cv2x/v1/bsm.proto'), '// de: Speed | zh: 车速', '// zh: 车速')))
			.toMatch(/BasicSafetyMessage\.speed: a numeric field needs `de: <data element>`/);
		expect(generateWith((p) => replaceIn(join(p, 'elements.txt'), 'unavailable: 28800 | wrap: 360', 'unavailable: 28800 | wrap: 180')))
			.toMatch(/Heading: wrap: 180 but 28800 steps/);
	}, 120_000);
});
