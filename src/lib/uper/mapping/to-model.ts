// UPER value (X.680 value model of ../schema.ts) -> protobufjs model object, walking the ASN.1
// type and the model message side by side. Every component the model cannot carry, or cannot
// carry exactly, is named in a notice; nothing is dropped silently.
import type { FieldMeta, PbObject } from '../../codec';
import type { AsnType, AsnValue, BitStringValue, ChoiceType, Component, SequenceType } from '../schema';
import { CUSTOM, type TypeConverter } from './custom';
import { componentFields, componentsOf, fieldFor, join, protoMessage, resolve, type MapContext, type ResolvedType } from './context';
import { bitLengthOf, bitsToMask, enumMap, enumOffset, NUMERIC } from './scalars';

type Obj = { [k: string]: AsnValue };

/** Every component of a SEQUENCE in X.691 19 order: root, extension additions, trailing root. */
export function allComponents(t: SequenceType): readonly Component[] {
	return componentsOf(t).components;
}

/**
 * A SEQUENCE or CHOICE value of ASN.1 type `type` as an object of the model message `message`
 * (e.g. `BasicSafetyMessage`). `path`: the field path of `value`, for notices.
 */
export function messageToModel(ctx: MapContext, type: AsnType, message: string, value: AsnValue, path: string): PbObject {
	const t = resolve(ctx.set, type);
	if (t.kind === 'choice') return choiceToModel(ctx, t, message, value as Obj, path);
	if (t.kind !== 'sequence') throw new Error(`${path}: ${t.kind} is not a SEQUENCE or CHOICE`);
	const v = value as Obj;
	const out: PbObject = {};
	const plan = componentsOf(t);
	const fields = componentFields(plan, message);
	for (let i = 0; i < plan.components.length; i++) {
		const c = plan.components[i];
		if (!(c.name in v)) continue;
		const p = join(path, c.name);
		const f = fields[i];
		if (!f) {
			const inlined = inlineChoiceToModel(ctx, c.type, message, v[c.name], p);
			if (inlined) Object.assign(out, inlined);
			else ctx.notices.push(`${p}: the model's ${message} has no field for it; not carried`);
			continue;
		}
		const mapped = fieldToModel(ctx, c.type, f, v[c.name], p);
		if (mapped === undefined) continue;
		if (f.kind !== 'message' && !f.repeated && !f.optional && !f.oneof && isProtoDefault(mapped) && (c.optional || c.default !== undefined))
			ctx.notices.push(`${p}: present with the value ${String(mapped)}, but the model's ${message}.${f.name} has no presence, so it reads as absent`);
		out[f.prop] = mapped;
	}
	for (const k of Object.keys(v)) if (k.startsWith('#ext')) ctx.notices.push(`${join(path, k)}: an unknown extension addition (raw octets); the model has no field for it`);
	return out;
}

/**
 * A CHOICE component the model inlines into the enclosing message as a oneof of its
 * alternatives (T/CSAE 157 DetectedParticipant's type-relatedExt -> motor_ext | non_motor_ext):
 * the alternative's field set on the enclosing object, or `undefined` when the model has no
 * field for the chosen alternative.
 */
function inlineChoiceToModel(ctx: MapContext, type: AsnType, message: string, value: AsnValue, path: string): PbObject | undefined {
	const t = resolve(ctx.set, type);
	if (t.kind !== 'choice') return undefined;
	const [alt] = Object.keys(value as Obj);
	const a = [...t.root, ...t.additions].find((x) => x.name === alt);
	const f = a && fieldFor(message, alt, a.type);
	if (!a || !f?.oneof) return undefined;
	const mapped = fieldToModel(ctx, a.type, f, (value as Obj)[alt], join(path, alt));
	return mapped === undefined ? {} : { [f.prop]: mapped };
}

function choiceToModel(ctx: MapContext, t: ChoiceType, message: string, v: Obj, path: string): PbObject {
	const [alt] = Object.keys(v);
	const p = join(path, alt);
	const a = [...t.root, ...t.additions].find((x) => x.name === alt);
	const f = a && fieldFor(message, alt, a.type);
	if (!a || !f) {
		ctx.notices.push(`${p}: the model's ${message} has no field for this alternative; not carried`);
		return {};
	}
	const mapped = fieldToModel(ctx, a.type, f, v[alt], p);
	return mapped === undefined ? {} : { [f.prop]: mapped };
}

function isProtoDefault(v: unknown): boolean {
	return v === 0 || v === false || v === '' || (v instanceof Uint8Array && v.length === 0);
}

/** A component's value as the model field `f` holds it (an array for a repeated field); `undefined` after a notice. */
export function fieldToModel(ctx: MapContext, type: AsnType, f: FieldMeta, value: AsnValue, path: string): unknown {
	const t = resolve(ctx.set, type);
	const single = customFor(type, f);
	if (!f.repeated) return single ? single.toModel(ctx, value, path) : singleToModel(ctx, t, f, value, path);
	if (t.kind !== 'sequenceOf') return mismatch(ctx, path, t.kind, f);
	const custom = customFor(t.element, f);
	const out: unknown[] = [];
	(value as AsnValue[]).forEach((e, i) => {
		const m = custom ? custom.toModel(ctx, e, `${path}[${i}]`) : singleToModel(ctx, resolve(ctx.set, t.element), f, e, `${path}[${i}]`);
		if (m !== undefined) out.push(m);
	});
	return out;
}

/** An OCTET STRING of a fixed size of 1..4 octets, which the model may carry as a number. */
export function smallOctets(t: ResolvedType): boolean {
	return t.kind === 'octetString' && t.size !== undefined && t.size.lb === t.size.ub && t.size.lb >= 1 && t.size.lb <= 4;
}

/**
 * The one repeated field of a model message that wraps a SEQUENCE OF (e.g. SsmPolygon { points }
 * for T/CSAE 157 Polygon), when `f` is such a message; else `undefined`.
 */
export function wrappedList(f: FieldMeta): FieldMeta | undefined {
	if (f.kind !== 'message') return undefined;
	const fields = protoMessage(f.type).fields;
	return fields.length === 1 && fields[0].repeated ? fields[0] : undefined;
}

/** The hand-written converter (custom.ts) for ASN.1 `type` into model field `f`, if any. */
export function customFor(type: AsnType, f: FieldMeta): TypeConverter | undefined {
	return type.kind === 'ref' ? CUSTOM[type.name]?.[f.type] : undefined;
}

function mismatch(ctx: MapContext, path: string, kind: string, f: FieldMeta): undefined {
	ctx.notices.push(`${path}: an ASN.1 ${kind} where the model's ${f.name} is ${f.repeated ? 'repeated ' : ''}${f.type}; not carried`);
	return undefined;
}

function singleToModel(ctx: MapContext, t: ResolvedType, f: FieldMeta, v: AsnValue, path: string): unknown {
	switch (t.kind) {
		case 'sequence':
		case 'choice':
			return f.kind === 'message' ? messageToModel(ctx, t, f.type, v, path) : mismatch(ctx, path, t.kind, f);
		case 'integer':
			if (f.kind === 'enum') return (v as number) + enumOffset(f.type);
			if (!NUMERIC.test(f.type)) return mismatch(ctx, path, t.kind, f);
			if (typeof v === 'bigint') return String(v); // protobufjs takes 64-bit values as decimal strings
			return v;
		case 'boolean':
			return f.type === 'bool' ? v : mismatch(ctx, path, t.kind, f);
		case 'enumerated':
			return enumeratedToModel(ctx, t, f, v as string, path);
		case 'bitString':
			return bitStringToModel(ctx, t, f, v as BitStringValue, path);
		case 'octetString':
			if (f.type === 'bytes') return Uint8Array.from(v as Uint8Array);
			// a fixed 1..4-octet string the model reads as a number (RSIPriority, reqPriority): big-endian
			if (smallOctets(t) && NUMERIC.test(f.type)) return (v as Uint8Array).reduce((n, b) => n * 256 + b, 0);
			return mismatch(ctx, path, t.kind, f);
		case 'sequenceOf':
			return wrappedList(f) ? { [wrappedList(f)!.prop]: fieldToModel(ctx, t, wrappedList(f)!, v, path) } : mismatch(ctx, path, t.kind, f);
		case 'charString':
			if (f.type === 'string') return v;
			return f.type === 'bytes' ? new TextEncoder().encode(v as string) : mismatch(ctx, path, t.kind, f);
		default:
			return mismatch(ctx, path, t.kind, f);
	}
}

function enumeratedToModel(ctx: MapContext, t: ResolvedType & { kind: 'enumerated' }, f: FieldMeta, v: string, path: string): unknown {
	if (f.kind === 'enum') {
		const n = enumMap(t, f.type).toProto.get(v);
		if (n === undefined) ctx.notices.push(`${path}: ${v} has no value in the model's ${f.type}; not carried`);
		return n;
	}
	const item = [...t.root, ...t.additions].find((x) => x.name === v);
	if (!item || !NUMERIC.test(f.type)) return mismatch(ctx, path, 'ENUMERATED', f);
	return item.value;
}

function bitStringToModel(ctx: MapContext, t: ResolvedType & { kind: 'bitString' }, f: FieldMeta, v: BitStringValue, path: string): unknown {
	if (f.type === 'bytes') {
		if (v.length % 8) ctx.notices.push(`${path}: ${v.length} bits in a bytes field; the length is rounded up to whole octets`);
		return Uint8Array.from(v.bits);
	}
	if (!NUMERIC.test(f.type)) return mismatch(ctx, path, 'BIT STRING', f);
	const mask = bitsToMask(v);
	if (mask === undefined) {
		ctx.notices.push(`${path}: a bit beyond bit 31 is set; the model's uint32 bitmask ${f.name} cannot hold it; not carried`);
		return undefined;
	}
	if (bitLengthOf(t, mask) !== v.length)
		ctx.notices.push(`${path}: ${v.length} bits, but the model's bitmask keeps no length (it reads back as ${bitLengthOf(t, mask)} bits)`);
	return mask;
}
