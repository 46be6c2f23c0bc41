// Plans: each schema type compiled once per schema set into an encoder and a decoder closure, so
// walking a value does no type-reference look-up, no dispatch on the kind and no per-type table
// look-up (X.691 is applied by the same clause functions; only the walking is precomputed).
import { UperError } from '../errors';
import type { AsnType, AsnValue, IntegerType, OpenType, SchemaSet } from '../schema';
import * as constructed from './constructed';
import type { ConcreteType, DecodeContext, EncodeContext } from './context';
import * as context from './context';
import * as openType from './open-type';
import * as primitives from './primitives';
import * as strings from './strings';
import * as wholeNumbers from './whole-numbers';

// Imported functions bound once at load: the dev loader (tsx) compiles every call of an imported
// function into a getter call, paid per value otherwise.
const { choicePlan, decodeChoice, elementPaths, decodeSequence, decodeSequenceOf, encodeChoice, encodeSequence, encodeSequenceOf, sequencePlan } =
	constructed;
const { leaf, MAX_DEPTH } = context;
const { readOpenType, writeOpenType, writeOpenTypeOctets } = openType;
const {
	decodeBitString,
	decodeBoolean,
	decodeEnumerated,
	decodeInteger,
	decodeOctetString,
	encodeBitString,
	encodeBoolean,
	encodeEnumerated,
	encodeInteger,
	encodeNull,
	encodeOctetString
} = primitives;
const { decodeCharString, encodeCharString } = strings;
const { bitLength } = wholeNumbers;

/** A SEQUENCE's value so far: where an open type finds its table's key component. */
export type Fields = { [component: string]: AsnValue };

/** Decodes one value at the reader's position, at field path `path`. Throws UperError. */
export type Decoder = (ctx: DecodeContext, path: string, siblings?: Fields) => AsnValue;
/** Encodes one value at field path `path`. Throws UperError. */
export type Encoder = (ctx: EncodeContext, value: AsnValue | undefined, path: string, siblings?: Fields) => void;

/** A type compiled for one schema set. */
export interface Plan {
	decode: Decoder;
	encode: Encoder;
	/** A lower bound of the bits a value takes (0 when unsure): lets SEQUENCE OF check counts early. */
	minimumBits: number;
}

const plans = new WeakMap<SchemaSet, Map<AsnType, Plan>>();
const named = new WeakMap<SchemaSet, Map<string, Plan>>();
const cores = new WeakMap<SchemaSet, Map<ConcreteType, Plan>>();

function cacheOf<K>(store: WeakMap<SchemaSet, Map<K, Plan>>, set: SchemaSet): Map<K, Plan> {
	let m = store.get(set);
	if (!m) store.set(set, (m = new Map()));
	return m;
}

/**
 * The plan of `type` in `set`, built on first use and kept while `set` lives: schema tables are
 * treated as immutable once used (build a new set rather than editing one). A recursive type
 * meets its own plan while being built: it gets a forwarding plan that calls the finished one.
 */
export function planFor(set: SchemaSet, type: AsnType): Plan {
	const cache = cacheOf(plans, set);
	const known = cache.get(type);
	if (known) return known;
	let built: Plan | undefined;
	cache.set(type, {
		decode: (ctx, path, siblings) => built!.decode(ctx, path, siblings),
		encode: (ctx, value, path, siblings) => built!.encode(ctx, value, path, siblings),
		minimumBits: 0
	});
	built = buildPlan(set, type);
	cache.set(type, built);
	return built;
}

/**
 * The plan of the type named `name` in `set` (as `planFor` of a reference to it), cached by the
 * name: an entry point given a type name must not build a new reference object, hence a new
 * plan, on every call.
 */
export function planForName(set: SchemaSet, name: string): Plan {
	const cache = cacheOf(named, set);
	let plan = cache.get(name);
	if (!plan) cache.set(name, (plan = planFor(set, { kind: 'ref', name })));
	return plan;
}

/** A plan that throws 'unknown_type' when used (a dangling reference fails at the value, with its place). */
function unknownTypePlan(set: SchemaSet, name: string): Plan {
	const fail = (bitOffset: number, path: string) =>
		new UperError('unknown_type', `type ${name} is not in set ${set.name}`, bitOffset, path);
	return {
		decode: (ctx, path) => {
			throw fail(ctx.r.pos, path);
		},
		encode: (ctx, _v, path) => {
			throw fail(ctx.w.bitLength, path);
		},
		minimumBits: 0
	};
}

function buildPlan(set: SchemaSet, type: AsnType): Plan {
	let name: string | undefined;
	for (let hops = 0; type.kind === 'ref'; hops++) {
		name = type.name;
		const next = set.types[type.name];
		if (!next || hops > 32) return unknownTypePlan(set, type.name);
		type = next;
	}
	const cache = cacheOf(cores, set);
	let core = cache.get(type);
	if (!core) {
		core = buildCore(set, type);
		cache.set(type, core);
	}
	return guarded(core, name, type.kind);
}

/** Kinds whose values hold other values: only they can nest deep. */
const NESTING = new Set(['sequence', 'sequenceOf', 'choice', 'openType']);

const tooDeep = (bitOffset: number, path: string) =>
	new UperError('too_deep', `values nest deeper than ${MAX_DEPTH}`, bitOffset, path);

/**
 * Adds the trace's `field` node (decoding) and, for kinds that nest, the depth guard around a
 * core plan. A primitive's encoder is used as it is: it neither nests nor traces; a primitive's
 * decoder only adds the `field` node.
 */
function guarded(core: Plan, typeName: string | undefined, kind: ConcreteType['kind']): Plan {
	const { decode, encode } = core;
	if (!NESTING.has(kind))
		return {
			decode: (ctx, path, siblings) => {
				if (!ctx.trace) return decode(ctx, path, siblings);
				const start = ctx.r.pos;
				const value = decode(ctx, path, siblings);
				ctx.trace({ role: 'field', path, bitOffset: start, bitWidth: ctx.r.pos - start, leaf: false, value, typeName });
				return value;
			},
			encode,
			minimumBits: core.minimumBits
		};
	return {
		decode: (ctx, path, siblings) => {
			const start = ctx.r.pos;
			// No finally: an error abandons the whole context, so the depth needs no restoring then.
			if (++ctx.depth > MAX_DEPTH) throw tooDeep(start, path);
			const value = decode(ctx, path, siblings);
			ctx.depth--;
			if (ctx.trace)
				ctx.trace({ role: 'field', path, bitOffset: start, bitWidth: ctx.r.pos - start, leaf: false, value, typeName });
			return value;
		},
		encode: (ctx, value, path, siblings) => {
			if (++ctx.depth > MAX_DEPTH) throw tooDeep(ctx.w.bitLength, path);
			encode(ctx, value, path, siblings);
			ctx.depth--;
		},
		minimumBits: core.minimumBits
	};
}

/**
 * X.691 12 / 10.5 fast path: an INTEGER whose root lb..ub are numbers spanning fewer than 2^31
 * values is a plain bit field of `bitLength(ub − lb)` bits. Values or ranges outside that
 * (bigint, extended values) go through `encodeInteger`/`decodeInteger`, which also give the errors.
 */
function integerPlan(t: IntegerType): Plan {
	const { lb, ub, extensible } = t.range ?? {};
	const general: Plan = {
		decode: (ctx, path) => decodeInteger(ctx, t, path),
		encode: (ctx, v, path) => encodeInteger(ctx, t, v, path),
		minimumBits: extensible ? 1 : lb !== undefined && ub !== undefined ? bitLength(BigInt(ub) - BigInt(lb)) : 8
	};
	if (typeof lb !== 'number' || typeof ub !== 'number' || ub - lb > 0x7fffffff) return general;
	const bits = bitLength(ub - lb);
	const ext = extensible ? 1 : 0;
	return {
		decode: extensible
			? general.decode
			: (ctx, path) => {
					const r = ctx.r;
					const start = r.pos;
					const v = lb + r.readBits(bits, path);
					if (v > ub) throw new UperError('out_of_range', `value ${v} above the upper bound ${ub}`, start, path);
					if (ctx.trace && r.pos > start) leaf(ctx, 'value', path, start, v);
					return v;
				},
		encode: (ctx, v, path) => {
			if (typeof v !== 'number' || !(v >= lb && v <= ub) || !Number.isInteger(v)) return encodeInteger(ctx, t, v, path);
			const w = ctx.w;
			if (ext) w.writeBit(0);
			w.writeBits(v - lb, bits);
		},
		minimumBits: general.minimumBits
	};
}

function buildCore(set: SchemaSet, t: ConcreteType): Plan {
	switch (t.kind) {
		case 'integer': return integerPlan(t);
		case 'boolean': return { decode: (ctx, path) => decodeBoolean(ctx, path), encode: (ctx, v, path) => encodeBoolean(ctx, v, path), minimumBits: 1 };
		case 'null': return { decode: () => null, encode: (ctx, v, path) => encodeNull(ctx, v, path), minimumBits: 0 };
		case 'enumerated': {
			const bits = t.extensible ? 1 : bitLength(t.root.length - 1);
			return { decode: (ctx, path) => decodeEnumerated(ctx, t, path), encode: (ctx, v, path) => encodeEnumerated(ctx, t, v, path), minimumBits: bits };
		}
		case 'bitString': return { decode: (ctx, path) => decodeBitString(ctx, t, path), encode: (ctx, v, path) => encodeBitString(ctx, t, v, path), minimumBits: 0 };
		case 'octetString': return { decode: (ctx, path) => decodeOctetString(ctx, t, path), encode: (ctx, v, path) => encodeOctetString(ctx, t, v, path), minimumBits: 0 };
		case 'charString': return { decode: (ctx, path) => decodeCharString(ctx, t, path), encode: (ctx, v, path) => encodeCharString(ctx, t, v, path), minimumBits: 0 };
		case 'sequence': {
			const sp = sequencePlan(t, (c) => planFor(set, c));
			return { decode: (ctx, path) => decodeSequence(ctx, sp, path), encode: (ctx, v, path) => encodeSequence(ctx, sp, v, path), minimumBits: sp.minimumBits };
		}
		case 'sequenceOf': {
			const element = planFor(set, t.element);
			const paths = elementPaths();
			return {
				decode: (ctx, path) => decodeSequenceOf(ctx, t, element, path, paths),
				encode: (ctx, v, path) => encodeSequenceOf(ctx, t, element, v, path, paths),
				minimumBits: 0
			};
		}
		case 'choice': {
			const cp = choicePlan(t, (c) => planFor(set, c));
			return { decode: (ctx, path) => decodeChoice(ctx, cp, path), encode: (ctx, v, path) => encodeChoice(ctx, cp, v, path), minimumBits: cp.minimumBits };
		}
		case 'openType': return openTypePlan(set, t);
	}
}

/** X.691 10.2 open type: the table's key, read from the enclosing SEQUENCE, selects the plan. */
function openTypePlan(set: SchemaSet, t: OpenType): Plan {
	const table = t.table;
	const byKey = new Map<string, Plan>();
	if (table) for (const key in table.types) byKey.set(key, planFor(set, table.types[key]));
	const selected = (siblings: Fields | undefined) => {
		const key = table && siblings ? siblings[table.keyComponent] : undefined;
		return key === undefined ? undefined : byKey.get(String(key));
	};
	return {
		decode: (ctx, path, siblings) => {
			const plan = selected(siblings);
			return readOpenType(ctx, path, plan && ((inner) => plan.decode(inner, path)));
		},
		encode: (ctx, value, path, siblings) => {
			const plan = selected(siblings);
			if (plan) return writeOpenType(ctx, (inner) => plan.encode(inner, value, path));
			if (value instanceof Uint8Array) return writeOpenTypeOctets(ctx, value);
			const key = table && siblings ? ` for ${table.keyComponent} = ${String(siblings[table.keyComponent])}` : '';
			throw new UperError('bad_open_type', `no type known${key}: the value must be raw octets (Uint8Array)`, ctx.w.bitLength, path);
		},
		minimumBits: 8
	};
}
