// X.691 19 (SEQUENCE), 20 (SEQUENCE OF), 23 (CHOICE): encoder and decoder, unaligned variant.
import { UperError } from '../errors';
import { ADDITIONS_SEEN, type AsnType, type AsnValue, type ChoiceType, type Component, type SchemaSet, type SequenceOfType, type SequenceType } from '../schema';
import * as context from './context';
import type { DecodeContext, EncodeContext } from './context';
import * as openType from './open-type';
import * as equal from './equal';
import type { Plan } from './plan';
import type { BitReader } from './bits';
import * as wholeNumbers from './whole-numbers';

// Imported functions bound once: the dev loader (tsx) compiles each imported call into a getter
// call, a cost paid per component per value otherwise.
const { joinPath, leaf, readSized, writeSized } = context;
const { readOpenType, writeOpenType, writeOpenTypeOctets } = openType;
const { valuesEqual } = equal;
const {
	bitLength,
	readConstrainedWholeNumber,
	readNormallySmall,
	readNormallySmallLength,
	writeConstrainedWholeNumber,
	writeNormallySmall,
	writeNormallySmallLength
} = wholeNumbers;

type Record_ = { [component: string]: AsnValue };

function isRecord(v: AsnValue | undefined): v is Record_ {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Key under which an unknown extension addition n is kept raw (see schema.ts). */
const rawKey = (n: number) => `#ext${n}`;
const RAW_KEY = /^#ext(\d+)$/;

/** A SEQUENCE component with its plan. */
interface ComponentPlan {
	name: string;
	optional: boolean;
	default?: AsnValue;
	/** Whether a given value equals the DEFAULT as a value of the component's type (false without one). */
	isDefault: (v: AsnValue) => boolean;
	plan: Plan;
	/** This component's path under each parent path met (see `componentPath`). */
	paths: Map<string, string>;
}

/** How many parent paths a component or element list remembers before it forgets them all. */
const REMEMBERED_PARENTS = 64;

/**
 * `c`'s field path under `path`, remembered per parent path: walking the same places again
 * (every value of a message type) builds no string, and comparing a remembered path costs a
 * hash look-up (the parent strings are themselves remembered ones, their hash computed once).
 */
export function componentPath(c: { name: string; paths: Map<string, string> }, path: string): string {
	let p = c.paths.get(path);
	if (p === undefined) {
		if (c.paths.size >= REMEMBERED_PARENTS) c.paths.clear();
		c.paths.set(path, (p = joinPath(path, c.name)));
	}
	return p;
}

/**
 * Rethrows `e`, a failure of the value at field path `place` reported relative to that value
 * (see `Relative paths` below), with its path made whole. Anything but a UperError passes as is.
 */
export function rethrowUnder(e: unknown, place: string): never {
	if (!(e instanceof UperError)) throw e;
	const inner = e.path;
	const path = inner === '' ? place : inner.charCodeAt(0) === 91 /* [ */ ? place + inner : joinPath(place, inner);
	// UperError's message ends with its place; the same text is given again under the whole path.
	const suffix = ` at ${inner || '(top level)'} (bit offset ${e.bitOffset})`;
	const text = e.message.endsWith(suffix) ? e.message.slice(0, e.message.length - suffix.length) : e.message;
	throw new UperError(e.code, text, e.bitOffset, path);
}

// Relative paths: a component's field path is a string only an error or a trace node needs. So
// without a trace a component, an element or an alternative is walked with the path '' (it is
// then its own top level) and, only when it throws, the error's path is put under the value's
// place (`rethrowUnder`). With a trace every node needs its path: the whole path is passed.

/** The paths `parent[i]` of a SEQUENCE OF's first elements, per parent path. */
export type ElementPaths = Map<string, string[]>;

/** An empty `ElementPaths`, one per SEQUENCE OF plan. */
export function elementPaths(): ElementPaths {
	return new Map();
}

/** Elements past this many get a new path string each time (a long run keeps no strings alive). */
const REMEMBERED_ELEMENTS = 256;

function elementPath(e: ElementPaths, path: string, i: number): string {
	if (i >= REMEMBERED_ELEMENTS) return `${path}[${i}]`;
	let paths = e.get(path);
	if (!paths) {
		if (e.size >= REMEMBERED_PARENTS) e.clear();
		e.set(path, (paths = []));
	}
	return paths[i] ?? (paths[i] = `${path}[${i}]`);
}

interface AdditionPlan {
	group: boolean;
	components: ComponentPlan[];
	optionalCount: number;
}

/** A SEQUENCE compiled: its components' plans, the preamble size, every known key. */
export interface SequencePlan {
	extensible: boolean;
	/** The root components in textual order: `head`, then `trailing`. */
	roots: ComponentPlan[];
	head: ComponentPlan[];
	trailing: ComponentPlan[];
	optionalCount: number;
	additions: AdditionPlan[];
	names: Set<string>;
	minimumBits: number;
}

/**
 * Compiles a SEQUENCE of schema set `set`; `planOf` gives each component type's plan. A DEFAULT
 * is compared as a value of the component's type (a named BIT STRING without trailing zero bits).
 */
export function sequencePlan(t: SequenceType, planOf: (type: AsnType) => Plan, set?: SchemaSet): SequencePlan {
	const comp = (c: Component): ComponentPlan => ({
		name: c.name,
		optional: isOptional(c),
		default: c.default,
		isDefault: c.default === undefined ? () => false : (v) => valuesEqual(v, c.default!, c.type, set),
		plan: planOf(c.type),
		paths: new Map()
	});
	const head = t.components.map(comp);
	const trailing = (t.trailingRoot ?? []).map(comp);
	const optionalCount = [...head, ...trailing].filter((c) => c.optional).length;
	const additions = t.additions.map((a) => {
		const components = a.components.map(comp);
		return { group: a.group, components, optionalCount: components.filter((c) => c.optional).length };
	});
	const names = new Set([...head, ...trailing, ...additions.flatMap((a) => a.components)].map((c) => c.name));
	const mandatoryBits = [...head, ...trailing].reduce((n, c) => n + (c.optional ? 0 : c.plan.minimumBits), 0);
	return { extensible: t.extensible, roots: [...head, ...trailing], head, trailing, optionalCount, additions, names, minimumBits: (t.extensible ? 1 : 0) + optionalCount + mandatoryBits };
}

function isOptional(c: Component | ComponentPlan): boolean {
	return c.optional === true || c.default !== undefined;
}

/** Present on the wire: given, and (canonical PER) not equal to its DEFAULT (X.691 19.5). */
function onWire(c: ComponentPlan, value: Record_): boolean {
	const v = value[c.name];
	return v !== undefined && !(c.default !== undefined && c.isDefault(v));
}

function encodeComponents(ctx: EncodeContext, comps: ComponentPlan[], value: Record_, path: string): void {
	for (const c of comps) {
		const v = value[c.name];
		if (v === undefined) {
			if (c.optional) continue;
			throw new UperError('missing_component', `mandatory component ${c.name} is missing`, ctx.w.bitLength, joinPath(path, c.name));
		}
		if (c.default !== undefined && c.isDefault(v)) continue;
		try {
			c.plan.encode(ctx, v, '', value);
		} catch (e) {
			rethrowUnder(e, componentPath(c, path));
		}
	}
}

/**
 * Checks every key names a component (or a raw addition `#ext<n>`); returns 1 + the highest n of
 * a raw addition given as octets (0 when none).
 */
function checkKeys(bitOffset: number, info: SequencePlan, value: Record_, path: string): number {
	let rawAdditions = 0;
	for (const k in value) {
		if (info.names.has(k)) continue;
		const m = RAW_KEY.exec(k);
		if (!m) throw new UperError('bad_value', `${k} is not a component of the SEQUENCE`, bitOffset, joinPath(path, k));
		if (value[k] instanceof Uint8Array) rawAdditions = Math.max(rawAdditions, Number(m[1]) + 1);
	}
	return rawAdditions;
}

function additionPresent(a: AdditionPlan, value: Record_): boolean {
	return a.components.some((c) => onWire(c, value));
}

/**
 * X.691 19: SEQUENCE from a plain object. Extension bit (19.1: set when an addition is present),
 * preamble of OPTIONAL/DEFAULT roots (19.2), the roots in order, then the additions (19.7–19.9:
 * normally small bitmap length = number of additions known, bitmap, each present addition as an
 * open type; a `[[ ]]` group as a SEQUENCE of its components). A DEFAULT equal value is omitted.
 * Raw additions kept by the decoder under `#ext<n>` are written back unchanged. Throws
 * 'bad_value' (not an object, unknown key), 'missing_component'.
 */
export function encodeSequence(ctx: EncodeContext, t: SequencePlan, value: AsnValue | undefined, path: string): void {
	if (!isRecord(value))
		throw new UperError('bad_value', 'expected an object for a SEQUENCE', ctx.w.bitLength, path);
	const w = ctx.w;
	// The extension bit and the preamble are written 0 and set as components turn out present,
	// so each component is looked up once.
	const extensionBit = w.bitLength;
	if (t.extensible) w.writeBit(0);
	const preamble = w.bitLength;
	for (let left = t.optionalCount; left > 0; left -= 24) w.writeBits(0, left > 24 ? 24 : left);
	const afterPreamble = w.bitLength;
	let keys = 0;
	for (const _key in value) keys++;
	let given: number;
	try {
		given = encodeRoots(ctx, t, value, path, preamble);
	} catch (e) {
		// A stranger key is reported first, as where the roots are checked before being written.
		additionsToWrite(t, value, path, afterPreamble, extensionBit);
		throw e;
	}
	// When every key is a given root component there is no addition and no stranger to look for.
	if (keys === given) return;
	const bitmapLength = additionsToWrite(t, value, path, afterPreamble, extensionBit);
	if (bitmapLength > 0) {
		w.setBit(extensionBit);
		encodeAdditions(ctx, t, value, path, bitmapLength);
	}
}

/**
 * The root components in order, each present one's preamble bit (from bit offset `preamble`)
 * set. Returns how many roots are given. Throws 'missing_component' and what components throw.
 */
function encodeRoots(ctx: EncodeContext, t: SequencePlan, value: Record_, path: string, preamble: number): number {
	const w = ctx.w;
	let given = 0;
	let bit = preamble;
	for (const c of t.roots) {
		const v = value[c.name];
		if (v === undefined) {
			if (c.optional) {
				bit++;
				continue;
			}
			throw new UperError('missing_component', `mandatory component ${c.name} is missing`, w.bitLength, joinPath(path, c.name));
		}
		given++;
		if (c.optional) {
			const at = bit++;
			if (c.default !== undefined && c.isDefault(v)) continue;
			w.setBit(at);
		}
		try {
			c.plan.encode(ctx, v, '', value);
		} catch (e) {
			rethrowUnder(e, componentPath(c, path));
		}
	}
	return given;
}

/**
 * The extension bitmap's length (X.691 19.7: every addition the type knows, plus raw ones beyond
 * them), 0 when no addition is present. Throws 'bad_value' (at `bitOffset`) for a key that is no
 * component, or (at `extensionBit`) for additions given to a SEQUENCE without extension marker.
 */
function additionsToWrite(t: SequencePlan, value: Record_, path: string, bitOffset: number, extensionBit: number): number {
	const rawAdditions = checkKeys(bitOffset, t, value, path);
	if (rawAdditions === 0 && !t.additions.some((a) => additionPresent(a, value))) return 0;
	if (!t.extensible)
		throw new UperError('bad_value', 'extension additions given for a SEQUENCE without extension marker', extensionBit, path);
	return Math.max(t.additions.length, rawAdditions, additionsSeen(value));
}

/** Longest bitmap a value may ask for through `ADDITIONS_SEEN` (a value built by hand, not decoded). */
const MAX_ADDITIONS_SEEN = 4096;

/** The bitmap length a decoded value recorded (`ADDITIONS_SEEN`), 0 when none or not a sane count. */
function additionsSeen(value: Record_): number {
	const n = (value as { [ADDITIONS_SEEN]?: unknown })[ADDITIONS_SEEN];
	return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_ADDITIONS_SEEN ? n : 0;
}

function encodeAdditions(ctx: EncodeContext, t: SequencePlan, value: Record_, path: string, n: number): void {
	const w = ctx.w;
	writeNormallySmallLength(w, n);
	const present: boolean[] = [];
	for (let i = 0; i < n; i++) {
		const a = t.additions[i];
		present.push(a ? additionPresent(a, value) : value[rawKey(i)] instanceof Uint8Array);
		w.writeBit(present[i] ? 1 : 0);
	}
	for (let i = 0; i < n; i++) {
		if (!present[i]) continue;
		const a = t.additions[i];
		if (!a) writeOpenTypeOctets(ctx, value[rawKey(i)] as Uint8Array);
		else if (!a.group) {
			const c = a.components[0];
			writeOpenType(ctx, (inner) => c.plan.encode(inner, value[c.name], componentPath(c, path), value));
		} else
			writeOpenType(ctx, (inner) => {
				for (const c of a.components) if (c.optional) inner.w.writeBit(onWire(c, value) ? 1 : 0);
				encodeComponents(inner, a.components, value, path);
			});
	}
}

/** The bit at offset `pos` of the input, without moving. */
function bitAt(r: BitReader, pos: number): number {
	return (r.bytes[pos >>> 3] >>> (7 - (pos & 7))) & 1;
}

/**
 * Decodes `comps` into `value`; the preamble bits start at bit offset `preamble`, the next one to
 * use being number `at`. Returns the number of the next preamble bit.
 */
function decodeComponents(ctx: DecodeContext, comps: ComponentPlan[], preamble: number, at: number, value: Record_, path: string): number {
	for (const c of comps) {
		if (c.optional && !bitAt(ctx.r, preamble + at++)) continue;
		if (ctx.trace) value[c.name] = c.plan.decode(ctx, componentPath(c, path), value);
		else
			try {
				value[c.name] = c.plan.fast(ctx, '', value);
			} catch (e) {
				rethrowUnder(e, componentPath(c, path));
			}
	}
	return at;
}

/** Steps over `count` presence bits (read later in place with `bitAt`); returns their offset. */
function readPresence(ctx: DecodeContext, count: number, path: string, role: 'preamble' | 'extension-bitmap'): number {
	const r = ctx.r;
	if (count > r.remaining) r.need(count, path, role);
	const start = r.pos;
	r.pos += count;
	leaf(ctx, role, path, start);
	return start;
}

/**
 * X.691 19: the inverse of `encodeSequence`. Absent OPTIONAL/DEFAULT components are missing
 * keys; unknown additions are kept raw under `#ext<n>`; additions the sender's bitmap lacks are
 * absent. Throws 'truncated', 'bad_open_type' and whatever the components throw.
 */
export function decodeSequence(ctx: DecodeContext, t: SequencePlan, path: string): Record_ {
	const r = ctx.r;
	let extended = false;
	if (t.extensible) {
		const start = r.pos;
		extended = r.readBit(path) === 1;
		leaf(ctx, 'extension-bit', path, start);
	}
	const presence = readPresence(ctx, t.optionalCount, path, 'preamble');
	const value: Record_ = {};
	const next = decodeComponents(ctx, t.head, presence, 0, value, path);
	if (t.trailing.length) decodeComponents(ctx, t.trailing, presence, next, value, path);
	if (extended) decodeAdditions(ctx, t, value, path);
	return value;
}

/** X.691 19.7–19.9: the extension additions of `t` after its roots (the extension bit was 1), into `value`. */
export function decodeAdditions(ctx: DecodeContext, t: SequencePlan, value: Record_, path: string): void {
	const r = ctx.r;
	const start = r.pos;
	const n = readNormallySmallLength(r, path);
	leaf(ctx, 'bitmap-length', path, start);
	const bitmap = readPresence(ctx, n, path, 'extension-bitmap');
	// A newer sender's longer bitmap is remembered, so re-encoding writes it again; not
	// enumerable, so that comparisons and copies of the value see only its components.
	if (n > t.additions.length) Object.defineProperty(value, ADDITIONS_SEEN, { value: n, enumerable: false, writable: true, configurable: true });
	for (let i = 0; i < n; i++) {
		if (!bitAt(ctx.r, bitmap + i)) continue;
		const a = t.additions[i];
		if (!a) value[rawKey(i)] = readOpenType(ctx, joinPath(path, rawKey(i)));
		else if (!a.group) {
			const c = a.components[0];
			const p = componentPath(c, path);
			value[c.name] = readOpenType(ctx, p, (inner) => c.plan.decode(inner, p, value));
		} else
			readOpenType(ctx, path, (inner) => {
				const presence = readPresence(inner, a.optionalCount, path, 'preamble');
				decodeComponents(inner, a.components, presence, 0, value, path);
			});
	}
}

/**
 * X.691 20: SEQUENCE OF from an array: the size (as `writeSized`: constrained length, or
 * general lengths with 16K-element fragments), then each element. Throws 'bad_value', 'bad_size'.
 */
export function encodeSequenceOf(
	ctx: EncodeContext,
	t: SequenceOfType,
	element: Plan,
	value: AsnValue | undefined,
	path: string,
	paths: ElementPaths = elementPaths()
): void {
	if (!Array.isArray(value))
		throw new UperError('bad_value', 'expected an array for a SEQUENCE OF', ctx.w.bitLength, path);
	writeSized(ctx, value.length, t.size, path, (from, count) => {
		for (let i = from; i < from + count; i++)
			try {
				element.encode(ctx, value[i], '');
			} catch (e) {
				rethrowUnder(e, elementPath(paths, path, i));
			}
	});
}

/** X.691 20: the inverse of `encodeSequenceOf`; each announced count is checked against the bits left. */
export function decodeSequenceOf(
	ctx: DecodeContext,
	t: SequenceOfType,
	element: Plan,
	path: string,
	paths: ElementPaths = elementPaths()
): AsnValue[] {
	const out: AsnValue[] = [];
	readSized(ctx, t.size, path, element.minimumBits, (count) => {
		if (ctx.trace) for (let i = 0; i < count; i++) out.push(element.decode(ctx, elementPath(paths, path, out.length)));
		else
			for (let i = 0; i < count; i++)
				try {
					out.push(element.fast(ctx, ''));
				} catch (e) {
					rethrowUnder(e, elementPath(paths, path, out.length));
				}
	});
	return out;
}

interface AlternativePlan {
	name: string;
	root: boolean;
	index: number;
	plan: Plan;
	/** As `ComponentPlan`'s: the path under each parent path met. */
	paths: Map<string, string>;
}

/** A CHOICE compiled: its alternatives' plans by position and by identifier. */
export interface ChoicePlan {
	extensible: boolean;
	root: AlternativePlan[];
	additions: AlternativePlan[];
	byName: Map<string, AlternativePlan>;
	minimumBits: number;
}

/** Compiles a CHOICE; `planOf` gives each alternative type's plan. */
export function choicePlan(t: ChoiceType, planOf: (type: AsnType) => Plan): ChoicePlan {
	const alt = (a: { name: string; type: AsnType }, index: number, root: boolean): AlternativePlan =>
		({ name: a.name, root, index, plan: planOf(a.type), paths: new Map() });
	const root = t.root.map((a, index) => alt(a, index, true));
	const additions = t.additions.map((a, index) => alt(a, index, false));
	const byName = new Map([...root, ...additions].map((a) => [a.name, a]));
	return { extensible: t.extensible, root, additions, byName, minimumBits: t.extensible ? 1 : bitLength(root.length - 1) };
}

/**
 * X.691 23: CHOICE from `{ alternative: value }`. Extension bit if extensible; a root
 * alternative's index as a constrained whole number over the root (no bits for one), an
 * addition's as normally small (23.8) then its value as an open type. `{ "#ext<n>": octets }`
 * (unknown addition n, kept raw by the decoder) re-encodes as it was. Throws 'bad_choice'.
 */
export function encodeChoice(ctx: EncodeContext, t: ChoicePlan, value: AsnValue | undefined, path: string): void {
	const w = ctx.w;
	// The one own key, without Object.keys' array.
	let key = '';
	let count = 0;
	if (isRecord(value))
		for (const k in value) {
			if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
			if (count++ === 0) key = k;
		}
	if (count !== 1)
		throw new UperError('bad_choice', 'expected an object with exactly one alternative for a CHOICE', w.bitLength, path);
	const v = (value as Record_)[key];
	const found = t.byName.get(key);
	const raw = found ? null : RAW_KEY.exec(key);
	if (!found && !(raw && t.extensible && v instanceof Uint8Array))
		throw new UperError('bad_choice', `${key} is not an alternative of the CHOICE`, w.bitLength, joinPath(path, key));
	if (t.extensible) w.writeBit(found?.root ? 0 : 1);
	if (found?.root) {
		writeConstrainedWholeNumber(w, found.index, 0, t.root.length - 1);
		try {
			found.plan.encode(ctx, v, '');
		} catch (e) {
			rethrowUnder(e, componentPath(found, path));
		}
	} else if (found) {
		writeNormallySmall(w, found.index);
		const p = componentPath(found, path);
		writeOpenType(ctx, (inner) => found.plan.encode(inner, v, p));
	} else {
		writeNormallySmall(w, Number(raw![1]));
		writeOpenTypeOctets(ctx, v as Uint8Array);
	}
}

/** X.691 23: the inverse of `encodeChoice`; an unknown addition n decodes as `{ "#ext<n>": octets }`. */
export function decodeChoice(ctx: DecodeContext, t: ChoicePlan, path: string): Record_ {
	const r = ctx.r;
	let start = r.pos;
	let extended = false;
	if (t.extensible) {
		extended = r.readBit(path) === 1;
		leaf(ctx, 'extension-bit', path, start);
		start = r.pos;
	}
	if (!extended) {
		const i = readConstrainedWholeNumber(r, 0, t.root.length - 1, path) as number;
		const alt = t.root[i];
		leaf(ctx, 'choice-index', path, start, alt.name);
		const out: Record_ = {};
		if (ctx.trace) out[alt.name] = alt.plan.decode(ctx, componentPath(alt, path));
		else
			try {
				out[alt.name] = alt.plan.fast(ctx, '');
			} catch (e) {
				rethrowUnder(e, componentPath(alt, path));
			}
		return out;
	}
	const i = readNormallySmall(r, path);
	const alt = t.additions[i];
	leaf(ctx, 'choice-index', path, start, alt?.name ?? rawKey(i));
	if (!alt) return { [rawKey(i)]: readOpenType(ctx, joinPath(path, rawKey(i))) };
	const p = componentPath(alt, path);
	return { [alt.name]: readOpenType(ctx, p, (inner) => alt.plan.decode(inner, p)) };
}
