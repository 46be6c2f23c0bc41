// The few ASN.1 types whose shape the model changes on purpose, converted by hand, keyed by
// ASN.1 type name and model message (the "nested types mapped by type name" of the table-driven
// mapping). Each says in a notice what it cannot carry.
import type { FieldMeta, PbObject } from '../../codec';
import type { AsnType, AsnValue, ChoiceType } from '../schema';
import { join, protoMessage, resolve, type MapContext } from './context';
import { decodeGb2312, encodeGb2312 } from './gb2312';

type Obj = { [k: string]: AsnValue };

/** A hand-written conversion of one ASN.1 type to one model type and back. */
export interface TypeConverter {
	toModel(ctx: MapContext, value: AsnValue, path: string): unknown;
	fromModel(ctx: MapContext, value: unknown, path: string): AsnValue | undefined;
}

/** Whether integer `v` lies in the root range of INTEGER type `t` (X.691 12). */
function fitsInteger(ctx: MapContext, t: AsnType, v: number): boolean {
	const r = resolve(ctx.set, t);
	if (r.kind !== 'integer') return false;
	return (r.range?.lb === undefined || v >= r.range.lb) && (r.range?.ub === undefined || v <= r.range.ub);
}

/** Whether `{ lon, lat }` fits the SEQUENCE `t` of two INTEGERs (Position-LL-24B ... -48B). */
function fitsPair(ctx: MapContext, t: AsnType, lon: number, lat: number): boolean {
	const r = resolve(ctx.set, t);
	if (r.kind !== 'sequence') return false;
	const comp = (n: string) => r.components.find((c) => c.name === n);
	const lo = comp('lon');
	const la = comp('lat');
	return !!lo && !!la && fitsInteger(ctx, lo.type, lon) && fitsInteger(ctx, la.type, lat);
}

/** The first (smallest) alternative of CHOICE `t` whose type `fits`, excluding `except`. */
function smallest(t: ChoiceType, fits: (type: AsnType) => boolean, except: string): string | undefined {
	return t.root.find((a) => a.name !== except && fits(a.type))?.name;
}

function choiceOf(ctx: MapContext, name: string): ChoiceType {
	const t = resolve(ctx.set, { kind: 'ref', name });
	if (t.kind !== 'choice') throw new Error(`${ctx.set.name}: ${name} is not a CHOICE`);
	return t;
}

/**
 * PositionOffsetLLV (X.680 SEQUENCE { offsetLL PositionOffsetLL, offsetV VerticalOffset OPTIONAL },
 * both CHOICEs of ever wider offsets, each with an absolute alternative) <-> the model's flat
 * PositionOffsetLlv: offsets in lat_offset/lon_offset/elevation_offset, the absolute
 * alternatives (position-LatLon, elevation) in lat/lon/elevation. The model keeps no CHOICE
 * index: the encoder picks the smallest offset alternative that fits, so a sender's wider
 * choice is named in a notice.
 */
const positionOffset: TypeConverter = {
	toModel(ctx, value, path) {
		const v = value as Obj;
		const out: PbObject = {};
		const ll = v.offsetLL as Obj;
		const [alt] = Object.keys(ll);
		const pair = ll[alt] as Obj;
		const p = join(path, `offsetLL.${alt}`);
		if (alt === 'position-LatLon') Object.assign(out, { latOffset: 0, lonOffset: 0, lat: pair.lat, lon: pair.lon });
		else {
			Object.assign(out, { latOffset: pair.lat, lonOffset: pair.lon });
			const best = smallest(choiceOf(ctx, 'PositionOffsetLL'), (t) => fitsPair(ctx, t, pair.lon as number, pair.lat as number), 'position-LatLon');
			if (best !== alt) ctx.notices.push(`${p}: the model keeps no CHOICE; it re-encodes as the smallest that fits, ${best}`);
		}
		if (v.offsetV !== undefined) verticalToModel(ctx, v.offsetV as Obj, out, join(path, 'offsetV'));
		return out;
	},
	fromModel(ctx, value, path) {
		const o = value as PbObject;
		const has = (k: string) => o[k] !== undefined && o[k] !== null;
		const lat = Number(o.latOffset ?? 0);
		const lon = Number(o.lonOffset ?? 0);
		const alt = smallest(choiceOf(ctx, 'PositionOffsetLL'), (t) => fitsPair(ctx, t, lon, lat), 'position-LatLon') ?? 'position-LL6';
		const absolute = has('lat') && has('lon');
		// the standard has one CHOICE: the model's absolute and relative fields are exclusive
		if (has('lat') !== has('lon')) ctx.notices.push(`${join(path, has('lat') ? 'lat' : 'lon')}: set without ${has('lat') ? 'lon' : 'lat'}, so not an absolute position (position-LatLon); not carried`);
		for (const k of absolute ? (['lat_offset', 'lon_offset'] as const) : [])
			if (Number(o[k === 'lat_offset' ? 'latOffset' : 'lonOffset'] ?? 0) !== 0) ctx.notices.push(`${join(path, k)}: set beside the absolute lat/lon, which the CHOICE carries instead; not carried`);
		if (has('elevation') && has('elevationOffset')) ctx.notices.push(`${join(path, 'elevation_offset')}: set beside the absolute elevation, which the CHOICE carries instead; not carried`);
		const out: Obj = { offsetLL: absolute ? { 'position-LatLon': { lon: Number(o.lon), lat: Number(o.lat) } } : { [alt]: { lon, lat } } };
		if (has('elevation')) out.offsetV = { elevation: Number(o.elevation) };
		else if (has('elevationOffset')) {
			const e = Number(o.elevationOffset);
			const v = smallest(choiceOf(ctx, 'VerticalOffset'), (t) => fitsInteger(ctx, t, e), 'elevation');
			if (v) out.offsetV = { [v]: e };
		}
		return out;
	}
};

function verticalToModel(ctx: MapContext, offsetV: Obj, out: PbObject, path: string): void {
	const [alt] = Object.keys(offsetV);
	const e = offsetV[alt] as number;
	if (alt === 'elevation') {
		out.elevation = e;
		return;
	}
	out.elevationOffset = e;
	const best = smallest(choiceOf(ctx, 'VerticalOffset'), (t) => fitsInteger(ctx, t, e), 'elevation');
	if (best !== alt) ctx.notices.push(`${join(path, alt)}: the model keeps no CHOICE; it re-encodes as the smallest that fits, ${best}`);
}

/** A list element PositionOffsetLLV where the model wraps it: PathPoint { pos_offset }. */
const pathPoint: TypeConverter = {
	toModel: (ctx, value, path) => ({ posOffset: positionOffset.toModel(ctx, value, path) }),
	fromModel(ctx, value, path) {
		const p = join(path, 'pos_offset');
		const o = (value as PbObject).posOffset;
		if (!o) ctx.notices.push(`${p}: not set, but the standard's point is mandatory; filled with its minimal value (zero offsets)`);
		return positionOffset.fromModel(ctx, o ?? {}, p);
	}
};

/**
 * Description CHOICE { textString IA5String, textGB2312 OCTET STRING } <-> the model's Unicode
 * string: ASCII text goes as textString, other text as GB 2312 (EUC-CN) octets.
 */
const description: TypeConverter = {
	toModel(ctx, value, path) {
		const v = value as Obj;
		if (typeof v.textString === 'string') return v.textString;
		const text = decodeGb2312(v.textGB2312 as Uint8Array);
		const p = join(path, 'textGB2312');
		if (text === undefined) ctx.notices.push(`${p}: not valid GB 2312 (EUC-CN) octets; the model's string cannot hold them; not carried`);
		else if (/^[\x00-\x7f]*$/.test(text)) ctx.notices.push(`${p}: ASCII text sent as GB 2312; the model keeps the text, which re-encodes as textString`);
		return text;
	},
	fromModel(ctx, value, path) {
		const s = String(value);
		if (/^[\x00-\x7f]*$/.test(s)) return { textString: s } as Obj;
		const octets = encodeGb2312(s);
		if (octets) return { textGB2312: octets } as Obj;
		ctx.notices.push(`${path}: a character outside GB 2312, which ${ctx.set.name} cannot carry; not carried`);
		return undefined;
	}
};

/**
 * SPAT TimeChangeDetails: in T/CSAE 53-2020 a CHOICE { counting TimeCountingDown, utcTiming
 * UTCTiming }, in 2017 the count-down SEQUENCE itself. The model's TimeChangeDetails is the
 * count-down's fields plus `utc_timing` (UtcTiming) for the other alternative.
 */
const timeChange: TypeConverter = {
	toModel(ctx, value, path) {
		const self = { kind: 'ref', name: 'TimeChangeDetails' } as const;
		if (resolve(ctx.set, self).kind === 'sequence') return ctx.walk.toModel(ctx, self, 'TimeChangeDetails', value, path);
		const v = value as Obj;
		if (v.counting !== undefined) return ctx.walk.toModel(ctx, { kind: 'ref', name: 'TimeCountingDown' }, 'TimeChangeDetails', v.counting, join(path, 'counting'));
		if (v.utcTiming !== undefined) return { utcTiming: ctx.walk.toModel(ctx, { kind: 'ref', name: 'UTCTiming' }, 'UtcTiming', v.utcTiming, join(path, 'utcTiming')) };
		ctx.notices.push(`${join(path, Object.keys(v)[0])}: an unknown alternative; the model has no field for it; not carried`);
		return undefined;
	},
	fromModel(ctx, value, path) {
		const self = { kind: 'ref', name: 'TimeChangeDetails' } as const;
		const o = value as PbObject;
		if (resolve(ctx.set, self).kind === 'sequence') {
			if (o.utcTiming) ctx.notices.push(`${join(path, 'utc_timing')}: ${ctx.set.name} has count-down timing only; not carried`);
			return ctx.walk.fromModel(ctx, self, 'TimeChangeDetails', { ...o, utcTiming: null }, path);
		}
		if (o.utcTiming) {
			const set = (f: FieldMeta) => o[f.prop] !== undefined && o[f.prop] !== null && (f.optional || f.kind === 'message' || o[f.prop] !== 0);
			const counting = protoMessage('TimeChangeDetails').fields.filter((f) => f.prop !== 'utcTiming' && set(f)).map((f) => f.name);
			// the standard's CHOICE holds one timing: the count-down fields go with utc_timing set
			for (const k of counting) ctx.notices.push(`${join(path, k)}: count-down timing set beside utc_timing, which the CHOICE carries instead; not carried`);
			return { utcTiming: ctx.walk.fromModel(ctx, { kind: 'ref', name: 'UTCTiming' }, 'UtcTiming', o.utcTiming as PbObject, join(path, 'utcTiming')) };
		}
		return { counting: ctx.walk.fromModel(ctx, { kind: 'ref', name: 'TimeCountingDown' }, 'TimeChangeDetails', { ...o, utcTiming: null }, join(path, 'counting')) };
	}
};

/** ASN.1 type name -> model message (or `string`/`uint32` for a scalar field) -> converter. */
export const CUSTOM: Record<string, Record<string, TypeConverter>> = {
	PositionOffsetLLV: { PositionOffsetLlv: positionOffset, PathPoint: pathPoint },
	Description: { string: description },
	TimeChangeDetails: { TimeChangeDetails: timeChange }
};
