// Mapping between a profile's UPER MessageFrame value (ASN.1, X.680 value model of ../schema.ts)
// and the protobuf model's `cv2x.v1.MessageFrame`, both ways (issue 11 point 5). Table-driven:
// the ASN.1 type and the model message are walked side by side, names matched by `names.ts`,
// so the four profiles share one walk. Lossless for every field both sides have; whatever one
// side lacks is named in a notice (field path + why). The canonicalisations, each with a notice:
// an offset CHOICE (PositionOffsetLL, VerticalOffset) re-encodes as the smallest that fits, ASCII
// text sent as GB 2312 as textString, a BIT STRING the model holds as a bitmask at its canonical
// length. mapping.test.ts checks both directions on random values: nothing changes unnamed.
import { Cv2xError, PROTOCOL_VERSION, payloadFields, payloadOf, type MessageFrame, type PbObject } from '../../codec';
import { profile, type ProfileName } from '../profiles';
import type { AsnType, AsnValue, ChoiceType, OpenType, SequenceType } from '../schema';
import { resolve, type MapContext } from './context';
import { messageFromModel } from './from-model';
import { EXT_ALTERNATIVE, EXT_MESSAGES, FRAME_ALTERNATIVES } from './names';
import { messageToModel } from './to-model';

/** A mapped frame and what the mapping could not carry (one line per field path). */
export interface ToModelResult {
	frame: MessageFrame;
	notices: string[];
}

/** A mapped UPER value and what the mapping could not carry (one line per field path). */
export interface FromModelResult {
	value: AsnValue;
	notices: string[];
}

function frameChoice(ctx: MapContext): ChoiceType {
	const t = resolve(ctx.set, { kind: 'ref', name: ctx.set.root ?? 'MessageFrame' });
	if (t.kind !== 'choice') throw new Error(`${ctx.set.name}: the root type is not a CHOICE`);
	return t;
}

/** The open type of `msgFrameExt` (T/CSAE 157-2020 MessageFrameExt.value) and its key component. */
function extOpenType(ctx: MapContext, alt: AsnType): { seq: SequenceType; open: OpenType; valueName: string } {
	const seq = resolve(ctx.set, alt);
	if (seq.kind !== 'sequence') throw new Error(`${ctx.set.name}: ${EXT_ALTERNATIVE} is not a SEQUENCE`);
	const c = seq.components.find((x) => resolve(ctx.set, x.type).kind === 'openType');
	if (!c) throw new Error(`${ctx.set.name}: ${EXT_ALTERNATIVE} has no open type`);
	return { seq, open: resolve(ctx.set, c.type) as OpenType, valueName: c.name };
}

function newContext(profileName: ProfileName): MapContext {
	return { set: profile(profileName).schema, notices: [], walk: { toModel: messageToModel, fromModel: messageFromModel } };
}

const payloadProp = (name: string) => payloadFields().find((f) => f.name === name)!;

/**
 * A UPER MessageFrame value of profile `profileName` (the CHOICE value `{ bsmFrame: {...} }` or
 * `{ msgFrameExt: { messageId, value } }`, as `decode` gives it) -> the model's frame, protocol
 * version PROTOCOL_VERSION. Integers keep the standards' units; enums follow proto/README.md.
 * Throws `Cv2xError` ('bad_value') when `value` is not a MessageFrame CHOICE value. A message the
 * model has no type for (a messageId outside the standard's table) gives a frame without payload and a notice.
 */
export function toModel(value: AsnValue, profileName: ProfileName): ToModelResult {
	const ctx = newContext(profileName);
	const frame: PbObject = { protocolVersion: PROTOCOL_VERSION };
	const keys = value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) ? Object.keys(value) : [];
	const alt = frameChoice(ctx).root.concat(frameChoice(ctx).additions).find((a) => a.name === keys[0]);
	if (keys.length !== 1 || !alt) throw new Cv2xError('bad_value', `not a MessageFrame value of ${profileName} (one alternative expected)`, { path: '' });
	const inner = (value as { [k: string]: AsnValue })[alt.name];
	if (alt.name === EXT_ALTERNATIVE) return extToModel(ctx, alt.type, inner as { [k: string]: AsnValue }, frame);
	const payload = FRAME_ALTERNATIVES[alt.name];
	if (!payload) {
		ctx.notices.push(`${alt.name}: the model has no message type for this alternative; not carried`);
		return { frame: frame as MessageFrame, notices: ctx.notices };
	}
	const f = payloadProp(payload);
	frame[f.prop] = messageToModel(ctx, alt.type, f.type, inner, alt.name);
	return { frame: frame as MessageFrame, notices: ctx.notices };
}

function extToModel(ctx: MapContext, type: AsnType, inner: { [k: string]: AsnValue }, frame: PbObject): ToModelResult {
	const { open, valueName } = extOpenType(ctx, type);
	const id = Number(inner[open.table?.keyComponent ?? 'messageId']);
	const payload = EXT_MESSAGES[id];
	const selected = open.table?.types[String(id)];
	const path = `${EXT_ALTERNATIVE}.${valueName}`;
	if (!payload || !selected || inner[valueName] instanceof Uint8Array) {
		ctx.notices.push(`${path}: messageId ${id} has no message type in the model${selected ? '' : ` or in ${ctx.set.name}`}; not carried`);
		return { frame: frame as MessageFrame, notices: ctx.notices };
	}
	const f = payloadProp(payload);
	frame[f.prop] = messageToModel(ctx, selected, f.type, inner[valueName], path);
	for (const k of Object.keys(inner)) if (k.startsWith('#ext')) ctx.notices.push(`${EXT_ALTERNATIVE}.${k}: an unknown extension addition; not carried`);
	return { frame: frame as MessageFrame, notices: ctx.notices };
}

/**
 * The model's frame -> a UPER MessageFrame value of profile `profileName`, ready for `encode`.
 * Phase-2 payloads go into `msgFrameExt` (messageId + open type) where the profile has it.
 * Throws `Cv2xError` ('unknown_type', path = the payload field) for a frame without payload or
 * with a payload the profile has no message for (cloud messages; phase 2 outside csae157-2020).
 */
export function fromModel(frame: MessageFrame, profileName: ProfileName): FromModelResult {
	const ctx = newContext(profileName);
	const p = payloadOf(frame);
	if (!p) throw new Cv2xError('unknown_type', 'the frame has no payload', { path: '' });
	const choice = frameChoice(ctx);
	const alts = [...choice.root, ...choice.additions];
	const altName = Object.keys(FRAME_ALTERNATIVES).find((k) => FRAME_ALTERNATIVES[k] === p.type);
	const alt = alts.find((a) => a.name === altName);
	if (alt) return { value: { [alt.name]: messageFromModel(ctx, alt.type, p.message, p.value, alt.name) }, notices: ctx.notices };
	const id = Object.keys(EXT_MESSAGES).map(Number).find((k) => EXT_MESSAGES[k] === p.type);
	const ext = alts.find((a) => a.name === EXT_ALTERNATIVE);
	const selected = id === undefined || !ext ? undefined : extOpenType(ctx, ext.type);
	const type = id === undefined ? undefined : selected?.open.table?.types[String(id)];
	if (!ext || !selected || !type) throw new Cv2xError('unknown_type', `profile ${profileName} has no UPER message for ${p.type}`, { path: p.type });
	const keyName = selected.open.table!.keyComponent;
	const path = `${EXT_ALTERNATIVE}.${selected.valueName}`;
	const inner = { [keyName]: id!, [selected.valueName]: messageFromModel(ctx, type, p.message, p.value, path) };
	return { value: { [EXT_ALTERNATIVE]: inner }, notices: ctx.notices };
}
