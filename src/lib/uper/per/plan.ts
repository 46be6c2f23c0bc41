// Plans: each schema type compiled once per schema set into an encoder and a decoder closure, so
// walking a value does no type-reference look-up, no dispatch on the kind and no per-type table
// look-up (X.691 is applied by the same clause functions; only the walking is precomputed).
import { UperError } from '../errors';
import type { AsnType, AsnValue, BitStringType, EnumeratedType, IntegerType, OctetStringType, OpenType, SchemaSet } from '../schema';
import * as compiled from './compiled';
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
const { compileSequence } = compiled;
const { readOpenType, writeOpenType, writeOpenTypeOctets } = openType;
const {
	decodeBitString,
	decodeBoolean,
	canonicalNamedBitLength,
	decodeEnumerated,
	enumIndex,
	decodeInteger,
	decodeOctetString,
	encodeBitString,
	encodeBoolean,
	encodeEnumerated,
	encodeInteger,
	encodeNull,
	encodeOctetString,
	isBitString
} = primitives;
const { decodeCharString, encodeCharString } = strings;
const { bitLength, K64 } = wholeNumbers;

/** A SEQUENCE's value so far: where an open type finds its table's key component. */
export type Fields = { [component: string]: AsnValue };

/** Decodes one value at the reader's position, at field path `path`. Throws UperError. */
export type Decoder = (ctx: DecodeContext, path: string, siblings?: Fields) => AsnValue;
/** Encodes one value at field path `path`. Throws UperError. */
export type Encoder = (ctx: EncodeContext, value: AsnValue | undefined, path: string, siblings?: Fields) => void;

/** A type compiled for one schema set, without the trace's `field` node (see `Plan`). */
export interface Core {
	decode: Decoder;
	encode: Encoder;
	/** A lower bound of the bits a value takes (0 when unsure): lets SEQUENCE OF check counts early. */
	minimumBits: number;
}

/**
 * A type compiled for one schema set: `decode` emits the trace's `field` node; `fast` is the
 * same decoder for a context without a trace (one call less per value).
 */
export interface Plan extends Core {
	fast: Decoder;
}

const plans = new WeakMap<SchemaSet, Map<AsnType, Plan>>();
const named = new WeakMap<SchemaSet, Map<string, Plan>>();
const cores = new WeakMap<SchemaSet, Map<ConcreteType, Core>>();

function cacheOf<K, V>(store: WeakMap<SchemaSet, Map<K, V>>, set: SchemaSet): Map<K, V> {
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
		fast: (ctx, path, siblings) => built!.fast(ctx, path, siblings),
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
		fast: (ctx, path) => {
			throw fail(ctx.r.pos, path);
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
	return traced(core, name);
}

/**
 * The depth guard of kinds that nest (SEQUENCE, SEQUENCE OF, CHOICE, open type), called by their
 * cores on entry (`ctx.depth--` on the way out; no finally: an error abandons the whole context).
 */
function enter(ctx: { depth: number }, bitOffset: number, path: string): void {
	if (++ctx.depth > MAX_DEPTH) throw new UperError('too_deep', `values nest deeper than ${MAX_DEPTH}`, bitOffset, path);
}

/** A core plan with the trace's `field` node (decoding with a trace); the encoder is the core's. */
function traced(core: Core, typeName: string | undefined): Plan {
	const { decode, encode } = core;
	return {
		decode: (ctx, path, siblings) => {
			if (!ctx.trace) return decode(ctx, path, siblings);
			const start = ctx.r.pos;
			const value = decode(ctx, path, siblings);
			ctx.trace({ role: 'field', path, bitOffset: start, bitWidth: ctx.r.pos - start, leaf: false, value, typeName });
			return value;
		},
		encode,
		fast: decode,
		minimumBits: core.minimumBits
	};
}

/**
 * X.691 12 / 10.5 fast path: an INTEGER whose root lb..ub are numbers spanning fewer than 2^31
 * values is a plain bit field of `bitLength(ub − lb)` bits. Values or ranges outside that
 * (bigint, extended values) go through `encodeInteger`/`decodeInteger`, which also give the errors.
 */
function integerPlan(t: IntegerType): Core {
	const { lb, ub, extensible } = t.range ?? {};
	const general: Core = {
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

/**
 * X.691 13 fast path: a root item's index as a plain bit field (after a 0 extension bit when
 * extensible). Anything else (an addition, a bad index or identifier, a trace to emit) goes
 * through `encodeEnumerated`/`decodeEnumerated` from the start, which also give the errors.
 */
function enumeratedPlan(t: EnumeratedType): Core {
	const idx = enumIndex(t);
	const names = idx.root.map((e) => e.name);
	const bits = bitLength(names.length - 1);
	const extensible = t.extensible;
	return {
		decode: (ctx, path) => {
			const r = ctx.r;
			const start = r.pos;
			if (!ctx.trace && (!extensible || r.readBit(path) === 0)) {
				const i = r.readBits(bits, path);
				if (i < names.length) return names[i];
			}
			r.pos = start;
			return decodeEnumerated(ctx, t, path);
		},
		encode: (ctx, v, path) => {
			const found = typeof v === 'string' ? idx.byName.get(v) : undefined;
			if (!found || !found.root) return encodeEnumerated(ctx, t, v, path);
			if (extensible) ctx.w.writeBit(0);
			ctx.w.writeBits(found.index, bits);
		},
		minimumBits: extensible ? 1 : bits
	};
}

/**
 * X.691 16 / 17 fast path: a BIT or OCTET STRING under a non-extensible SIZE with ub < 64K is a
 * constrained length (none when fixed) and the bits. Anything else (a size outside the root, named
 * bits to pad, a trace to emit) goes through `general` from the start, which also gives the errors.
 */
function sizedStringPlan(t: BitStringType | OctetStringType, general: Core): Core {
	const size = t.size;
	if (!size || size.extensible || size.ub === undefined || size.ub >= K64) return general;
	const { lb, ub } = size;
	const lengthBits = bitLength(ub - lb);
	const octets = t.kind === 'octetString';
	const unit = octets ? 8 : 1;
	return {
		decode: (ctx, path) => {
			if (ctx.trace) return general.decode(ctx, path);
			const r = ctx.r;
			const start = r.pos;
			const n = lb === ub ? lb : lb + r.readBits(lengthBits, path);
			if (n > ub) {
				r.pos = start;
				return general.decode(ctx, path);
			}
			r.need(n * unit, path, `${n} items`);
			const bits = r.readBitsInto(n * unit, path);
			return octets ? bits : { bits, length: n };
		},
		encode: (ctx, v, path) => {
			let n: number;
			let bytes: Uint8Array;
			if (octets) {
				if (!(v instanceof Uint8Array)) return general.encode(ctx, v, path);
				n = v.length;
				bytes = v;
			} else {
				if (!isBitString(v)) return general.encode(ctx, v, path);
				n = canonicalNamedBitLength(t as BitStringType, v);
				if (n > v.length) return general.encode(ctx, v, path);
				bytes = v.bits;
			}
			if (n < lb || n > ub) return general.encode(ctx, v, path);
			if (lb !== ub) ctx.w.writeBits(n - lb, lengthBits);
			ctx.w.writeBitsFrom(bytes, n * unit);
		},
		minimumBits: 0
	};
}

function buildCore(set: SchemaSet, t: ConcreteType): Core {
	switch (t.kind) {
		case 'integer': return integerPlan(t);
		case 'boolean': return { decode: (ctx, path) => decodeBoolean(ctx, path), encode: (ctx, v, path) => encodeBoolean(ctx, v, path), minimumBits: 1 };
		case 'null': return { decode: () => null, encode: (ctx, v, path) => encodeNull(ctx, v, path), minimumBits: 0 };
		case 'enumerated': return enumeratedPlan(t);
		case 'bitString': return sizedStringPlan(t, { decode: (ctx, path) => decodeBitString(ctx, t, path), encode: (ctx, v, path) => encodeBitString(ctx, t, v, path), minimumBits: 0 });
		case 'octetString': return sizedStringPlan(t, { decode: (ctx, path) => decodeOctetString(ctx, t, path), encode: (ctx, v, path) => encodeOctetString(ctx, t, v, path), minimumBits: 0 });
		case 'charString': return { decode: (ctx, path) => decodeCharString(ctx, t, path), encode: (ctx, v, path) => encodeCharString(ctx, t, v, path), minimumBits: 0 };
		case 'sequence': {
			const sp = sequencePlan(t, (c) => planFor(set, c), set);
			const general: Core = {
				decode: (ctx, path) => {
					enter(ctx, ctx.r.pos, path);
					const value = decodeSequence(ctx, sp, path);
					ctx.depth--;
					return value;
				},
				encode: (ctx, v, path) => {
					enter(ctx, ctx.w.bitLength, path);
					encodeSequence(ctx, sp, v, path);
					ctx.depth--;
				},
				minimumBits: sp.minimumBits
			};
			const fast = compileSequence(sp, general, enter);
			return fast ? { ...fast, minimumBits: sp.minimumBits } : general;
		}
		case 'sequenceOf': {
			const element = planFor(set, t.element);
			const paths = elementPaths();
			return {
				decode: (ctx, path) => {
					enter(ctx, ctx.r.pos, path);
					const value = decodeSequenceOf(ctx, t, element, path, paths);
					ctx.depth--;
					return value;
				},
				encode: (ctx, v, path) => {
					enter(ctx, ctx.w.bitLength, path);
					encodeSequenceOf(ctx, t, element, v, path, paths);
					ctx.depth--;
				},
				minimumBits: 0
			};
		}
		case 'choice': {
			const cp = choicePlan(t, (c) => planFor(set, c));
			return {
				decode: (ctx, path) => {
					enter(ctx, ctx.r.pos, path);
					const value = decodeChoice(ctx, cp, path);
					ctx.depth--;
					return value;
				},
				encode: (ctx, v, path) => {
					enter(ctx, ctx.w.bitLength, path);
					encodeChoice(ctx, cp, v, path);
					ctx.depth--;
				},
				minimumBits: cp.minimumBits
			};
		}
		case 'openType': return openTypePlan(set, t);
	}
}

/** X.691 10.2 open type: the table's key, read from the enclosing SEQUENCE, selects the plan. */
function openTypePlan(set: SchemaSet, t: OpenType): Core {
	const table = t.table;
	const byKey = new Map<string, Plan>();
	if (table) for (const key in table.types) byKey.set(key, planFor(set, table.types[key]));
	const selected = (siblings: Fields | undefined) => {
		const key = table && siblings ? siblings[table.keyComponent] : undefined;
		return key === undefined ? undefined : byKey.get(String(key));
	};
	return {
		decode: (ctx, path, siblings) => {
			enter(ctx, ctx.r.pos, path);
			const plan = selected(siblings);
			const value = readOpenType(ctx, path, plan && ((inner) => plan.decode(inner, path)));
			ctx.depth--;
			return value;
		},
		encode: (ctx, value, path, siblings) => {
			enter(ctx, ctx.w.bitLength, path);
			const plan = selected(siblings);
			if (plan) writeOpenType(ctx, (inner) => plan.encode(inner, value, path));
			else if (value instanceof Uint8Array) writeOpenTypeOctets(ctx, value);
			else {
				const key = table && siblings ? ` for ${table.keyComponent} = ${String(siblings[table.keyComponent])}` : '';
				throw new UperError('bad_open_type', `no type known${key}: the value must be raw octets (Uint8Array)`, ctx.w.bitLength, path);
			}
			ctx.depth--;
		},
		minimumBits: 8
	};
}
