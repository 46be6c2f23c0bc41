// Where each message type sits in a CSAE MessageFrame (a phase-1 CHOICE alternative, or T/CSAE
// 157-2020 msgFrameExt with its messageId), and whether a profile has it at all.
import type { AsnType, SchemaSet } from '../../uper';
import { EXT_ALTERNATIVE, EXT_MESSAGES, FRAME_ALTERNATIVES } from '../../uper/mapping/names';
import { profile, type ProfileName } from '../../uper/profiles';

/** How a payload type sits in a MessageFrame: a phase-1 alternative, or msgFrameExt with a messageId. */
export type Slot = { alt: string } | { messageId: number };

const ALT_OF: Record<string, string> = Object.fromEntries(Object.entries(FRAME_ALTERNATIVES).map(([a, p]) => [p, a]));
const EXT_ID_OF: Record<string, number> = Object.fromEntries(Object.entries(EXT_MESSAGES).map(([id, p]) => [p, Number(id)]));

/** Where a payload type (`bsm`, `ssm`) sits in a MessageFrame, or undefined for the cloud's own types. */
export function slotOf(payloadType: string): Slot | undefined {
	if (ALT_OF[payloadType]) return { alt: ALT_OF[payloadType] };
	return EXT_ID_OF[payloadType] === undefined ? undefined : { messageId: EXT_ID_OF[payloadType] };
}

function resolve(set: SchemaSet, t: AsnType | undefined): AsnType | undefined {
	for (let hops = 0; t && t.kind === 'ref' && hops < 64; hops++) t = set.types[t.name];
	return t;
}

const known = new Map<string, boolean>();

/**
 * Whether `profileName`'s MessageFrame can carry `payloadType`: its CHOICE has the alternative,
 * or (phase 2) its msgFrameExt open type's table has the messageId.
 */
export function hasUperForm(payloadType: string, profileName: ProfileName): boolean {
	const key = `${profileName}|${payloadType}`;
	let has = known.get(key);
	if (has === undefined) known.set(key, (has = lookUp(payloadType, profileName)));
	return has;
}

function lookUp(payloadType: string, profileName: ProfileName): boolean {
	const slot = slotOf(payloadType);
	const set = profile(profileName).schema;
	const frame = resolve(set, { kind: 'ref', name: set.root ?? 'MessageFrame' });
	if (!slot || frame?.kind !== 'choice') return false;
	const alts = [...frame.root, ...frame.additions];
	if ('alt' in slot) return alts.some((a) => a.name === slot.alt);
	const ext = resolve(set, alts.find((a) => a.name === EXT_ALTERNATIVE)?.type);
	if (ext?.kind !== 'sequence') return false;
	return ext.components.some((c) => {
		const t = resolve(set, c.type);
		return t?.kind === 'openType' && t.table?.types[String(slot.messageId)] !== undefined;
	});
}
