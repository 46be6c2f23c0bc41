// protobufjs model object -> UPER value (X.680 value model of ../schema.ts), walking the ASN.1
// type and the model message side by side: the inverse of to-model.ts. A model field the profile
// has no component for, and a mandatory component the model does not fill, are named in notices.
import type { FieldMeta, PbObject } from '../../codec';
import type { AsnType, AsnValue, ChoiceType, SequenceType } from '../schema';
import { componentFields, componentsOf, fieldFor, join, protoMessage, resolve, type MapContext, type ResolvedType } from './context';
import { minimalValue } from './minimal';
import { bitLengthOf, charOutside, enumMap, enumOffset, maskToBits, NUMERIC, protoInteger } from './scalars';
import { allComponents, customFor, smallOctets, wrappedList } from './to-model';

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Whether model field `f` is set on `obj`, by proto3 presence (X: no presence = never absent). */
function present(obj: PbObject, f: FieldMeta): boolean {
	const v = obj[f.prop];
	if (f.repeated) return Array.isArray(v) && v.length > 0;
	if (v === undefined || v === null) return false;
	if (f.kind === 'message' || f.optional || f.oneof) return true;
	return !isDefaultScalar(v);
}

function isDefaultScalar(v: unknown): boolean {
	if (v instanceof Uint8Array) return v.length === 0;
	if (v && typeof v === 'object' && 'low' in v) return protoInteger(v) === 0;
	return v === 0 || v === false || v === '';
}

/**
 * An object of the model message `message` as a value of the ASN.1 SEQUENCE or CHOICE `type`.
 * `path`: the field path, for notices. Mandatory components the model leaves unset get the
 * type's minimal value (and a notice), so the result always encodes.
 */
export function messageFromModel(ctx: MapContext, type: AsnType, message: string, obj: PbObject, path: string): AsnValue {
	const t = resolve(ctx.set, type);
	if (t.kind === 'choice') return choiceFromModel(ctx, t, message, obj, path);
	if (t.kind !== 'sequence') throw new Error(`${path}: ${t.kind} is not a SEQUENCE or CHOICE`);
	const out: { [k: string]: AsnValue } = {};
	const used = new Set<string>();
	const plan = componentsOf(t);
	const fields = componentFields(plan, message);
	for (let i = 0; i < plan.components.length; i++) {
		const c = plan.components[i];
		const p = join(path, c.name);
		const f = fields[i];
		const mandatory = !c.optional && c.default === undefined;
		if (f) used.add(f.prop);
		else if (inlineChoiceFromModel(ctx, c.type, message, obj, p, used, out, c.name)) {
			if (mandatory && !(c.name in out)) {
				ctx.notices.push(`${p}: mandatory in ${ctx.set.name} but no alternative is set in the model's ${message}; filled with its minimal value`);
				out[c.name] = minimalValue(ctx.set, c.type);
			}
			continue;
		}
		const has = f !== undefined && present(obj, f);
		const keep = has || (mandatory && f !== undefined && ((f.kind !== 'message' && !f.optional && !f.repeated) || (f.repeated && admitsEmpty(ctx, c.type))));
		const mapped = keep ? fieldFromModel(ctx, c.type, f!, obj[f!.prop] ?? defaultOf(f!), p) : undefined;
		if (mapped !== undefined) out[c.name] = mapped;
		else if (mandatory) {
			const why = !f ? `the model's ${message} has no field for it` : has ? `the model's ${message}.${f.name} could not be carried` : `not set in the model's ${message}.${f.name}`;
			ctx.notices.push(`${p}: mandatory in ${ctx.set.name} but ${why}; filled with its minimal value`);
			out[c.name] = minimalValue(ctx.set, c.type);
		}
	}
	unusedFields(ctx, t, message, obj, used, path);
	return out;
}

/**
 * A CHOICE component the model inlines as a oneof of its alternatives (see to-model.ts): the
 * alternative whose field is set on `obj` becomes `out[component]`. Returns whether the CHOICE
 * is inlined (its alternatives' fields are then marked used, set or not).
 */
function inlineChoiceFromModel(ctx: MapContext, type: AsnType, message: string, obj: PbObject, path: string, used: Set<string>, out: { [k: string]: AsnValue }, component: string): boolean {
	const t = resolve(ctx.set, type);
	if (t.kind !== 'choice') return false;
	const alts = [...t.root, ...t.additions].map((a) => ({ a, f: fieldFor(message, a.name, a.type) })).filter((x) => x.f?.oneof);
	if (alts.length === 0) return false;
	for (const { f } of alts) used.add(f!.prop);
	const chosen = alts.find((x) => present(obj, x.f!));
	const mapped = chosen && fieldFromModel(ctx, chosen.a.type, chosen.f!, obj[chosen.f!.prop], join(path, chosen.a.name));
	if (chosen && mapped !== undefined) out[component] = { [chosen.a.name]: mapped };
	return true;
}

/** Notices for model fields set on `obj` that no component of the SEQUENCE carries. */
function unusedFields(ctx: MapContext, t: SequenceType, message: string, obj: PbObject, used: Set<string>, path: string): void {
	for (const f of protoMessage(message).fields) {
		if (!used.has(f.prop) && present(obj, f)) ctx.notices.push(`${join(path, f.name)}: ${ctx.set.name} has no component for it in ${describe(t)}; not carried`);
	}
}

const describe = (t: SequenceType) => `this SEQUENCE (${allComponents(t).map((c) => c.name).join(', ')})`;

/** Whether `type` is a SEQUENCE OF whose SIZE admits no elements (X.691 20: no SIZE, or lower bound 0): an empty list is then a value, not a gap. */
function admitsEmpty(ctx: MapContext, type: AsnType): boolean {
	const t = resolve(ctx.set, type);
	return t.kind === 'sequenceOf' && (t.size?.lb ?? 0) === 0;
}

function defaultOf(f: FieldMeta): unknown {
	if (f.repeated) return [];
	if (f.type === 'string') return '';
	if (f.type === 'bytes') return new Uint8Array(0);
	if (f.type === 'bool') return false;
	return 0;
}

function choiceFromModel(ctx: MapContext, t: ChoiceType, message: string, obj: PbObject, path: string): AsnValue {
	let chosen: { [k: string]: AsnValue } | undefined;
	for (const a of [...t.root, ...t.additions]) {
		const f = fieldFor(message, a.name, a.type);
		if (!f || !present(obj, f)) continue;
		// the model may set several alternatives' fields; the CHOICE holds the first
		if (chosen) ctx.notices.push(`${join(path, a.name)}: set beside ${Object.keys(chosen)[0]}, but the CHOICE holds one alternative; not carried`);
		else {
			const mapped = fieldFromModel(ctx, a.type, f, obj[f.prop], join(path, a.name));
			if (mapped !== undefined) chosen = { [a.name]: mapped };
		}
	}
	if (chosen) return chosen;
	ctx.notices.push(`${path}: none of the model's ${message} fields matches an alternative of ${ctx.set.name}; filled with its minimal value`);
	return minimalValue(ctx.set, t);
}

/** Model field `f`'s value (an array for a repeated field) as a value of ASN.1 `type`; `undefined` after a notice. */
function fieldFromModel(ctx: MapContext, type: AsnType, f: FieldMeta, v: unknown, path: string): AsnValue | undefined {
	const t = resolve(ctx.set, type);
	const single = customFor(type, f);
	if (!f.repeated) return single ? single.fromModel(ctx, v, path) : singleFromModel(ctx, t, f, v, path);
	if (t.kind !== 'sequenceOf') return mismatch(ctx, path, t.kind, f);
	const element = resolve(ctx.set, t.element);
	const custom = customFor(t.element, f);
	const out: AsnValue[] = [];
	(v as unknown[]).forEach((e, i) => {
		const m = custom ? custom.fromModel(ctx, e, `${path}[${i}]`) : singleFromModel(ctx, element, f, e, `${path}[${i}]`);
		if (m !== undefined) out.push(m);
	});
	return withinSize(ctx, t, out, path);
}

/**
 * `list` within the SIZE of SEQUENCE OF `t` (X.691 20: a non-extensible SIZE admits nothing
 * else; the model's counts allow fewer, e.g. one path point): too many keep the first ones,
 * too few are not carried; each with a notice.
 */
function withinSize(ctx: MapContext, t: ResolvedType & { kind: 'sequenceOf' }, list: AsnValue[], path: string): AsnValue[] | undefined {
	const size = t.size;
	if (!size || size.extensible || (list.length >= size.lb && (size.ub === undefined || list.length <= size.ub))) return list;
	const range = `SIZE(${size.lb}..${size.ub ?? 'MAX'}) in ${ctx.set.name}`;
	if (list.length < size.lb) {
		ctx.notices.push(`${path}: ${list.length} element(s) where ${range} needs at least ${size.lb}; not carried`);
		return undefined;
	}
	ctx.notices.push(`${path}: ${list.length} elements where ${range} holds ${size.ub}; only the first ${size.ub} carried`);
	return list.slice(0, size.ub);
}

function mismatch(ctx: MapContext, path: string, kind: string, f: FieldMeta): undefined {
	ctx.notices.push(`${path}: the model's ${f.name} (${f.type}) where ${ctx.set.name} has an ASN.1 ${kind}; not carried`);
	return undefined;
}

function singleFromModel(ctx: MapContext, t: ResolvedType, f: FieldMeta, v: unknown, path: string): AsnValue | undefined {
	switch (t.kind) {
		case 'sequence':
		case 'choice':
			return f.kind === 'message' ? messageFromModel(ctx, t, f.type, v as PbObject, path) : mismatch(ctx, path, t.kind, f);
		case 'integer':
			return f.kind === 'enum' ? (v as number) - enumOffset(f.type) : protoInteger(typeof v === 'string' ? BigInt(v) : v);
		case 'boolean':
			return Boolean(v);
		case 'enumerated':
			return enumeratedFromModel(ctx, t, f, v as number, path);
		case 'bitString':
			if (f.type === 'bytes') return { bits: Uint8Array.from(v as Uint8Array), length: (v as Uint8Array).length * 8 };
			return maskToBits(Number(protoInteger(v)), bitLengthOf(t, Number(protoInteger(v))));
		case 'octetString':
			if (f.type === 'bytes') return Uint8Array.from(v as Uint8Array);
			return smallOctets(t) && NUMERIC.test(f.type) ? octetsOf(ctx, Number(protoInteger(v)), t.size!.lb, path) : mismatch(ctx, path, t.kind, f);
		case 'sequenceOf': {
			const inner = wrappedList(f);
			return inner ? fieldFromModel(ctx, t, inner, (v as PbObject)[inner.prop] ?? [], path) : mismatch(ctx, path, t.kind, f);
		}
		case 'charString':
			return charsFromModel(ctx, t, f.type === 'bytes' ? new TextDecoder().decode(v as Uint8Array) : String(v), path);
		default:
			return mismatch(ctx, path, t.kind, f);
	}
}

/** `text` when string type `t` can hold every character; `undefined` after a notice (a model string is Unicode). */
function charsFromModel(ctx: MapContext, t: ResolvedType & { kind: 'charString' }, text: string, path: string): string | undefined {
	const bad = charOutside(t, text);
	if (bad === undefined) return text;
	ctx.notices.push(`${path}: the character ${JSON.stringify(bad)} is outside the ${t.stringKind} of ${ctx.set.name}; not carried`);
	return undefined;
}

/** `n` as `size` big-endian octets; `undefined` after a notice when it does not fit. */
function octetsOf(ctx: MapContext, n: number, size: number, path: string): Uint8Array | undefined {
	if (!Number.isInteger(n) || n < 0 || n >= 256 ** size) {
		ctx.notices.push(`${path}: ${n} does not fit ${size} octet(s); not carried`);
		return undefined;
	}
	const out = new Uint8Array(size);
	for (let i = size - 1, r = n; i >= 0; i--, r = Math.floor(r / 256)) out[i] = r % 256;
	return out;
}

function enumeratedFromModel(ctx: MapContext, t: ResolvedType & { kind: 'enumerated' }, f: FieldMeta, v: number, path: string): AsnValue | undefined {
	if (f.kind === 'enum') {
		const name = enumMap(t, f.type).fromProto.get(v);
		if (name === undefined) ctx.notices.push(`${path}: the model's value ${v} of ${f.type} has no item in ${ctx.set.name}; not carried`);
		return name;
	}
	const item = [...t.root, ...t.additions].find((x) => x.value === Number(protoInteger(v)));
	if (!item) ctx.notices.push(`${path}: ${String(v)} is no item of the ENUMERATED in ${ctx.set.name}; not carried`);
	return item?.name;
}
