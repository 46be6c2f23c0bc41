// The PER-visible part of subtype constraints (X.691 10.3): value ranges, SIZE and
// PermittedAlphabet, from the unions and extension markers as written.
import type { SizeConstraint, ValueRange } from '../schema';
import type { AstConstraint, AstElement, AstValue } from './ast';
import { Asn1Error } from './errors';

/** Turns a value reference into its number (the caller resolves it in the module's scope). */
export type ValueOf = (value: AstValue, where: AstConstraint) => number | bigint | string | boolean | null;

/** A bound; `bigint` beyond 2^53 (comparisons with `<` work across the two). */
type Bound = number | bigint | undefined;

const lesser = (a: number | bigint, b: number | bigint) => (b < a ? b : a);
const greater = (a: number | bigint, b: number | bigint) => (b > a ? b : a);

/**
 * The effective value range of INTEGER constraints applied in series (X.680 49.5, X.691
 * 10.3.7): each constraint's root is the union of its single values and ranges; the series is
 * their intersection. `extensible` when the last constraint has `...` (X.691 10.3.8). `base` is
 * the range of the referenced type, if any. Returns undefined when nothing bounds the value.
 * Throws `Asn1Error` at a constraint whose elements are not numbers or ranges.
 */
export function effectiveRange(constraints: AstConstraint[], valueOf: ValueOf, base?: ValueRange): ValueRange | undefined {
	let range: ValueRange | undefined = base ? { ...base } : undefined;
	for (const c of constraints) {
		if (c.root.length === 0) continue;
		let lb: Bound = Infinity;
		let ub: Bound = -Infinity;
		for (const e of c.root) {
			const [lo, hi] = elementRange(e, c, valueOf);
			lb = lo === undefined || lb === undefined ? undefined : lesser(lb, lo);
			ub = hi === undefined || ub === undefined ? undefined : greater(ub, hi);
		}
		range = intersect(range, { lb, ub, extensible: c.extensible || undefined });
	}
	return range;
}

function intersect(a: ValueRange | undefined, b: ValueRange): ValueRange {
	const out: ValueRange = {};
	const lb = maxBound(a?.lb as Bound, b.lb as Bound);
	const ub = minBound(a?.ub as Bound, b.ub as Bound);
	if (lb !== undefined) out.lb = lb;
	if (ub !== undefined) out.ub = ub;
	if (b.extensible) out.extensible = true;
	return out;
}

function maxBound(a: Bound, b: Bound): Bound {
	return a === undefined ? b : b === undefined ? a : greater(a, b);
}

function minBound(a: Bound, b: Bound): Bound {
	return a === undefined ? b : b === undefined ? a : lesser(a, b);
}

function elementRange(e: AstElement, c: AstConstraint, valueOf: ValueOf): [Bound, Bound] {
	if (e.kind === 'intersection') {
		const ranges = e.parts.map((p) => elementRange(p, c, valueOf));
		return [ranges.reduce<Bound>((a, r) => maxBound(a, r[0]), undefined), ranges.reduce<Bound>((a, r) => minBound(a, r[1]), undefined)];
	}
	if (e.kind === 'value') {
		const v = numberOf(e.value, c, valueOf);
		return [v, v];
	}
	if (e.kind === 'range') return [numberOf(e.lower, c, valueOf), numberOf(e.upper, c, valueOf)];
	throw new Asn1Error(`a ${e.kind === 'size' ? 'SIZE' : 'FROM'} constraint does not apply to a number`, c.place);
}

function numberOf(v: AstValue, c: AstConstraint, valueOf: ValueOf): Bound {
	if (v.kind === 'MIN' || v.kind === 'MAX') return undefined;
	const n = v.kind === 'number' ? v.value : valueOf(v, c);
	if (typeof n !== 'number' && typeof n !== 'bigint') throw new Asn1Error(`expected a number in the constraint, found ${JSON.stringify(n)}`, c.place);
	return n;
}

/**
 * The effective SIZE of a string or list type (X.691 10.9.3.3 with 10.3): in each constraint
 * the union of its SIZE elements, and the constraints intersected; extensible when `...` is
 * inside SIZE or after it. `base` is the SIZE of the referenced type. Undefined without SIZE.
 */
export function effectiveSize(constraints: AstConstraint[], valueOf: ValueOf, base?: SizeConstraint): SizeConstraint | undefined {
	let size: SizeConstraint | undefined = base ? { ...base } : undefined;
	for (const c of constraints) {
		const sizes = c.root.flatMap((e) => sizeOfElement(e, valueOf));
		if (sizes.length === 0) continue;
		let lb = Infinity;
		let ub: Bound = -Infinity;
		let extensible = c.extensible;
		for (const r of sizes) {
			lb = Math.min(lb, r.lb);
			ub = r.ub === undefined || ub === undefined ? undefined : Math.max(ub, r.ub);
			extensible ||= !!r.extensible;
		}
		const next: SizeConstraint = { lb: Math.max(lb, size?.lb ?? 0) };
		const upper = minBound(ub, size?.ub);
		if (upper !== undefined) next.ub = Number(upper);
		if (extensible) next.extensible = true;
		size = next;
	}
	return size;
}

/** The SIZE an element states: SIZE(...) itself, or the SIZE parts of an intersection intersected. */
function sizeOfElement(e: AstElement, valueOf: ValueOf): SizeConstraint[] {
	if (e.kind === 'size') {
		const r = effectiveRange([e.constraint], valueOf);
		const s: SizeConstraint = { lb: r?.lb === undefined ? 0 : Number(r.lb) };
		if (r?.ub !== undefined) s.ub = Number(r.ub);
		if (e.constraint.extensible) s.extensible = true;
		return [s];
	}
	if (e.kind !== 'intersection') return [];
	const parts = e.parts.flatMap((p) => sizeOfElement(p, valueOf));
	if (parts.length === 0) return [];
	return [
		parts.reduce((a, b) => {
			const out: SizeConstraint = { lb: Math.max(a.lb, b.lb) };
			const ub = minBound(a.ub, b.ub);
			if (ub !== undefined) out.ub = Number(ub);
			if (a.extensible && b.extensible) out.extensible = true;
			return out;
		})
	];
}

/**
 * The PermittedAlphabet of a character string (X.680 51.7, X.691 30.5): every character the
 * FROM elements allow, as one string in code point order. Undefined without FROM.
 */
export function effectiveAlphabet(constraints: AstConstraint[], valueOf: ValueOf): string | undefined {
	let alphabet: string | undefined;
	for (const c of constraints) {
		for (const e of c.root.flatMap((x) => (x.kind === 'intersection' ? x.parts : [x]))) {
			if (e.kind !== 'from') continue;
			const chars = new Set<number>();
			for (const inner of e.constraint.root) addCharacters(chars, inner, e.constraint, valueOf);
			const text = String.fromCodePoint(...[...chars].sort((a, b) => a - b));
			alphabet = alphabet === undefined ? text : [...alphabet].filter((ch) => text.includes(ch)).join('');
		}
	}
	return alphabet;
}

function addCharacters(chars: Set<number>, e: AstElement, c: AstConstraint, valueOf: ValueOf): void {
	const text = (v: AstValue): string => {
		const s = v.kind === 'cstring' ? v.value : valueOf(v, c);
		if (typeof s !== 'string') throw new Asn1Error('expected a "character string" in FROM', c.place);
		return s;
	};
	if (e.kind === 'value') for (const ch of text(e.value)) chars.add(ch.codePointAt(0)!);
	else if (e.kind === 'range') {
		const lo = text(e.lower).codePointAt(0);
		const hi = text(e.upper).codePointAt(0);
		if (lo === undefined || hi === undefined || hi - lo > 0xffff) throw new Asn1Error('a FROM range needs one character at each end', c.place);
		for (let cp = lo; cp <= hi; cp++) chars.add(cp);
	} else throw new Asn1Error('FROM takes characters and character ranges only', c.place);
}
