// Data elements for scripts/gen-proto.mjs: reads proto/elements.txt (the unit, range,
// "unavailable" value and wrapping of each data element, written once), resolves every numeric
// field's `de:` annotation against it, and emits the per-element converters
// (generated/elements.js + elements.d.ts, exported from the codec as `de`).

const ELEMENT_KEYS = new Set(['unit', 'range', 'unavailable', 'wrap']);

/**
 * Parses elements.txt. `parseAnn(where, text)` is the generator's annotation parser (returns
 * { unit, range, unavailable, wrap }); `fail(where, msg)` exits. Returns a Map name -> element
 * { name, standard, unit, range, unavailable?, wrap?, valid, scale }.
 */
export function readElements(text, file, parseAnn, fail) {
	const elements = new Map();
	let standard;
	text.split('\n').forEach((raw, i) => {
		const where = `${file}:${i + 1}`;
		const line = raw.trim();
		if (!line || line.startsWith('#')) return;
		const head = /^\[(.+)\]$/.exec(line);
		if (head) return void (standard = head[1].trim());
		const m = /^([A-Za-z][A-Za-z0-9_]*)\s+(\S.*)$/.exec(line);
		if (!m) fail(where, `bad line "${line}" (want: Name  unit: ... | range: ...)`);
		const [, name, rest] = m;
		if (!standard) fail(where, `${name}: no [standard] heading above it`);
		if (elements.has(name)) fail(where, `data element ${name} defined twice`);
		for (const part of rest.split(' | ')) {
			const key = /^([a-z]+):/.exec(part.trim())?.[1];
			if (!ELEMENT_KEYS.has(key)) fail(where, `${name}: bad annotation "${part}" (keys: ${[...ELEMENT_KEYS].join(', ')})`);
		}
		const ann = parseAnn(`${where} ${name}`, rest);
		if (!ann.unit || !ann.range) fail(where, `${name}: needs unit and range`);
		elements.set(name, { name, standard, ...ann, ...derive(`${where} ${name}`, ann, fail) });
	});
	return elements;
}

/** The valid (non-"unavailable") encoded range, the scaling arithmetic and the wrap check. */
function derive(where, el, fail) {
	let [lo, hi] = el.range;
	const u = el.unavailable;
	if (u !== undefined) {
		if (u < lo || u > hi) fail(where, `unavailable ${u} outside range ${lo}..${hi}`);
		if (u === hi) hi--;
		else if (u === lo) lo++;
		else fail(where, `unavailable ${u} must be an end of the range ${lo}..${hi}`);
	}
	const scale = scaleOf(el.unit.text);
	if (el.wrap !== undefined) {
		const period = (hi - lo + 1) * el.unit.factor;
		if (lo !== 0) fail(where, `a wrapping element must start at 0 (valid range ${lo}..${hi})`);
		if (Math.abs(period - el.wrap) > 1e-9 * el.wrap)
			fail(where, `wrap: ${el.wrap} but ${hi - lo + 1} steps of ${el.unit.text} make ${period}`);
	}
	return { valid: [lo, hi], scale };
}

/**
 * How a factor is applied, exactly as the unit is written, so the arithmetic is the exact one:
 * a power of ten (0.1, 0.01, 1e-7, 1) scales by its integer inverse 10^k; a fraction a/b by
 * b/a; any other decimal (0.02, 0.0125, 1.5, 5) by the decimal itself.
 * Returns { op: 'pow10', k } | { op: 'frac', a, b } | { op: 'step', step }.
 */
function scaleOf(unitText) {
	const num = /^(\S+)\s+\S+$/.exec(unitText)?.[1] ?? '1';
	const frac = /^(\d+)\/(\d+)$/.exec(num);
	if (frac) return { op: 'frac', a: Number(frac[1]), b: Number(frac[2]) };
	const exp = /^1e-(\d+)$/.exec(num);
	if (exp) return { op: 'pow10', k: Number(exp[1]) };
	const dec = /^0\.(0*)1$/.exec(num);
	if (dec) return { op: 'pow10', k: dec[1].length + 1 };
	if (num === '1') return { op: 'pow10', k: 0 };
	return { op: 'step', step: num };
}

/**
 * Resolves a field's `de:` against the elements: copies unit/range/unavailable onto the field,
 * or fails with the field path when the field states any of them differently.
 */
export function resolveFieldElement(where, field, elements, fail) {
	const el = elements.get(field.de);
	if (!el) fail(where, `unknown data element "${field.de}" (not in proto/elements.txt)`);
	const same = {
		unit: (a, b) => a.factor === b.factor && a.symbol === b.symbol,
		range: (a, b) => a[0] === b[0] && a[1] === b[1],
		unavailable: (a, b) => a === b
	};
	const show = { unit: (v) => v?.text, range: (v) => v && `${v[0]}..${v[1]}`, unavailable: (v) => v };
	for (const key of ['unit', 'range', 'unavailable']) {
		if (field[key] === undefined) continue;
		if (el[key] === undefined || !same[key](field[key], el[key]))
			fail(where, `${key} ${show[key](field[key])} conflicts with data element ${el.name} (${key} ${show[key](el[key]) ?? 'none'})`);
	}
	field.unit = el.unit;
	field.range = el.range;
	if (el.unavailable !== undefined) field.unavailable = el.unavailable;
	(el.fields ??= []).push(where);
}

/** JS expressions for encoded -> physical and physical -> encoded (before clamping). */
function arithmetic(el) {
	const s = el.scale;
	if (s.op === 'pow10') {
		if (s.k === 0) return { toP: 'encoded', fromP: (v) => `Math.round(${v})` };
		const n = `1e${s.k}`.replace(/^1e1$/, '10').replace(/^1e2$/, '100');
		return { toP: `encoded / ${n}`, fromP: (v) => `Math.round(${v} * ${n})` };
	}
	if (s.op === 'frac') return { toP: `(encoded * ${s.a}) / ${s.b}`, fromP: (v) => `Math.round((${v} * ${s.b}) / ${s.a})` };
	return { toP: `encoded * ${s.step}`, fromP: (v) => `Math.round(${v} / ${s.step})` };
}

function emitElement(el) {
	const { toP, fromP } = arithmetic(el);
	const [lo, hi] = el.valid;
	const u = el.unavailable;
	const encode = el.wrap !== undefined
		? `${fromP(`(((value % ${el.wrap}) + ${el.wrap}) % ${el.wrap})`)} % ${hi + 1}`
		: `Math.min(${hi}, Math.max(${lo}, ${fromP('value')}))`;
	const meta = {
		name: el.name, standard: el.standard, unit: el.unit.symbol, unitText: el.unit.text, factor: el.unit.factor,
		range: el.range, valid: el.valid, unavailable: u ?? null, wrap: el.wrap ?? null
	};
	return [
		`\t${el.name}: Object.freeze({`,
		...Object.entries(meta).map(([k, v]) => `\t\t${k}: ${Array.isArray(v) ? `Object.freeze(${JSON.stringify(v)})` : JSON.stringify(v)},`),
		u === undefined
			? `\t\ttoPhysical: (encoded) => ${toP},`
			: `\t\ttoPhysical: (encoded) => (encoded === ${u} ? null : ${toP}),`,
		u === undefined
			? `\t\tfromPhysical: (value) => ${encode}`
			: `\t\tfromPhysical: (value) => (value === null ? ${u} : ${encode})`,
		'\t}),'
	];
}

/** generated/elements.js and elements.d.ts. */
export function emitElements(elements, header) {
	const list = [...elements.values()];
	const js = [
		header.trim(),
		'/* eslint-disable */',
		'// One converter per data element of proto/elements.txt; see scripts/gen/elements.mjs.',
		'',
		'/** Data elements by name: metadata and converters between encoded integers and physical units. */',
		'export const de = Object.freeze({',
		...list.flatMap(emitElement),
		'});',
		''
	].join('\n');
	const dts = [
		header.trim(),
		'/** What every data element states: its unit, range and arithmetic (proto/elements.txt). */',
		'export interface ElementMeta {',
		'\t/** Data-element name (the standard\'s DE_ name, "-" written "_"). */',
		'\treadonly name: string;',
		'\t/** Where it is defined: "T/CSAE 53-2020", "T/CSAE 157-2020" or the cloud exchange. */',
		'\treadonly standard: string;',
		'\t/** Physical unit symbol (proto/README.md), "1" for counts, ids and bit masks. */',
		'\treadonly unit: string;',
		'\t/** The unit as written, step and symbol, e.g. "0.02 m/s". */',
		'\treadonly unitText: string;',
		'\t/** Physical value of one encoded step. */',
		'\treadonly factor: number;',
		'\t/** Inclusive encoded range, including the unavailable value. */',
		'\treadonly range: readonly [number, number];',
		'\t/** Inclusive encoded range of real values: `range` without the unavailable value. */',
		'\treadonly valid: readonly [number, number];',
		'\t/** Physical period (e.g. 360 degrees) when values wrap around instead of clamping. */',
		'\treadonly wrap: number | null;',
		'}',
		'/** An element with an "unavailable" value: it maps to and from null. */',
		'export interface NullableElement extends ElementMeta {',
		'\treadonly unavailable: number;',
		'\t/** Encoded integer to physical units; null when it is the unavailable value. */',
		'\ttoPhysical(encoded: number): number | null;',
		'\t/** Physical value to the nearest step, clamped to `valid` (or wrapped); null -> unavailable. */',
		'\tfromPhysical(value: number | null): number;',
		'}',
		'/** An element without an "unavailable" value. */',
		'export interface PlainElement extends ElementMeta {',
		'\treadonly unavailable: null;',
		'\t/** Encoded integer to physical units. */',
		'\ttoPhysical(encoded: number): number;',
		'\t/** Physical value to the nearest step, clamped to `valid` (or wrapped). */',
		'\tfromPhysical(value: number): number;',
		'}',
		'export type DataElement = NullableElement | PlainElement;',
		'/** Data elements by name (proto/elements.txt). */',
		'export declare const de: {',
		...list.map((el) => `\treadonly ${el.name}: ${el.unavailable === undefined ? 'PlainElement' : 'NullableElement'};`),
		'};',
		'export type DataElementName = keyof typeof de;',
		''
	].join('\n');
	return { js, dts };
}
