// The UI's per-type lists, all from the one message-type registry (generated from frame.proto's
// annotations): colour, label, the types the simulation sends in legend order, the 10 Hz
// broadcasts. Imported from the registry module itself, not the codec index: the registry is
// data, and the playground's first page load should not pull in the codec.
import { isPayloadType, messageType, MESSAGE_TYPES, SIM_MESSAGE_TYPES, typeColor, type PayloadType } from '../codec/registry';
import { t } from '../i18n/index.svelte';

export type { PayloadType };

/** The types the simulation sends, in legend order (the legend, the log's filter, the charts). */
export const SIM_TYPES: readonly PayloadType[] = SIM_MESSAGE_TYPES.map((m) => m.payload);

/** PC5 broadcasts sent 10 times a second (the map shows them as a short ping, not the full range). */
export const HIGH_RATE_TYPES: ReadonlySet<string> = new Set(MESSAGE_TYPES.filter((m) => m.channel === 'pc5' && (m.rateHz ?? 0) >= 10).map((m) => m.payload));

/**
 * What a node of this kind broadcasts over PC5 in the simulation, in legend order: what a click
 * on it opens (a vehicle its BSM; an RSU its SPAT, else MAP, RSM, RSI; a VRU its PSM).
 */
export function broadcastsOf(kind: 'vehicle' | 'rsu' | 'vru'): PayloadType[] {
	return SIM_MESSAGE_TYPES.filter((m) => m.channel === 'pc5' && m.senders.includes(kind)).map((m) => m.payload);
}

/** A type's colour, "#rrggbb" (grey for a name the registry does not know). */
export const colorOf = (type: string): string => typeColor(type);

/** A type's label in the current language (its registry label if the language has none; else the name). */
export function labelOf(type: string): string {
	if (!isPayloadType(type)) return type;
	const m = messageType(type);
	const s = t(m.i18nKey);
	return s === m.i18nKey ? m.label : s;
}

/** Pedestrians and cyclists on the map and in the legend. */
export const VRU_COLORS = { pedestrian: '#862e9c', cyclist: '#0c8599' };

/** Vehicle kinds as the simulation numbers them (0..3), with their colour on the map. */
export const KIND_NAMES = ['car', 'bus', 'truck', 'emergency'] as const;
export const KIND_COLORS = ['#1971c2', '#f59f00', '#5c5f66', '#e03131'];
