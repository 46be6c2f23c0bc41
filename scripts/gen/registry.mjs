// The message-type registry for scripts/gen-proto.mjs: one entry per payload field of
// MessageFrame, from its annotation line in frame.proto
// (`label: BSM | zh: BSM 基本安全消息 | standard: T/CSAE 53-2020 | channel: pc5 | rate: 10 Hz | color: #1c7ed6 | sim: 1`),
// emitted as generated/registry.js + registry.d.ts (exported from the codec as MESSAGE_TYPES).

/** Annotation keys that only a MessageFrame payload field may carry. */
export const REGISTRY_KEYS = ['label', 'channel', 'from', 'rate', 'color', 'sim'];
const SENDERS = ['vehicle', 'rsu', 'vru', 'cloud'];

/** Parses `channel: pc5` / `uu v2c` / `uu c2v` / `uu v2c c2v` into { channel, directions }. */
function parseChannel(where, text, fail) {
	const [channel, ...directions] = text.split(/\s+/);
	if (channel === 'pc5' && directions.length === 0) return { channel, directions };
	if (channel === 'uu' && directions.length > 0 && directions.every((d) => d === 'v2c' || d === 'c2v') && new Set(directions).size === directions.length)
		return { channel, directions };
	fail(where, `bad channel "${text}" (want pc5, or uu with v2c and/or c2v)`);
}

/** `10 Hz` -> 10, `event` -> null. */
function parseRate(where, text, fail) {
	if (text === 'event') return null;
	const m = /^(\d+(?:\.\d+)?) Hz$/.exec(text);
	if (!m) fail(where, `bad rate "${text}" (want "<n> Hz" or "event")`);
	return Number(m[1]);
}

/**
 * One registry entry from a payload field (name, number, type, doc) and its raw annotations
 * (label, standard, channel, rate, color, sim); `field.zh` is its Chinese label.
 */
export function registryEntry(where, field, ann, fail) {
	for (const key of ['label', 'standard', 'channel', 'from', 'rate', 'color'])
		if (!ann[key]) fail(where, `a MessageFrame payload field needs "${key}:"`);
	if (!field.zh) fail(where, 'a MessageFrame payload field needs "zh:" (its Chinese label)');
	const senders = ann.from.split(/\s+/);
	if (!senders.every((x) => SENDERS.includes(x)) || new Set(senders).size !== senders.length)
		fail(where, `bad from "${ann.from}" (want some of ${SENDERS.join(', ')})`);
	if (!/^#[0-9a-f]{6}$/.test(ann.color)) fail(where, `bad color "${ann.color}" (want #rrggbb, lower case)`);
	if (ann.sim !== undefined && !/^[1-9]\d*$/.test(ann.sim)) fail(where, `bad sim "${ann.sim}" (want its legend position 1, 2, ...)`);
	return {
		payload: field.name,
		number: field.number,
		message: field.type,
		label: ann.label,
		labelZh: field.zh,
		standard: ann.standard,
		...parseChannel(where, ann.channel, fail),
		senders,
		rateHz: parseRate(where, ann.rate, fail),
		color: ann.color,
		i18nKey: `types.${field.name}`,
		anchor: field.type,
		sim: ann.sim === undefined ? null : Number(ann.sim),
		doc: field.doc
	};
}

/**
 * The CloudMessageKind value naming a Uu type (CLOUD_MESSAGE_KIND_<PAYLOAD>, e.g. in an
 * Acknowledgement's acked_kind), or null; it must equal the payload field number.
 */
function cloudKindOf(entry, enums, fail) {
	const value = enums.CloudMessageKind?.values.find((v) => v.name === `CLOUD_MESSAGE_KIND_${entry.payload.toUpperCase()}`);
	if (!value) return null;
	if (value.number !== entry.number)
		fail(`MessageFrame.${entry.payload}`, `${value.name} = ${value.number}, but the payload field number is ${entry.number}`);
	return value.number;
}

/** Checks the legend positions (1..n, each once) and emits registry.js and registry.d.ts. */
export function emitRegistry(entries, enums, header, fail) {
	for (const e of entries) e.cloudKind = cloudKindOf(e, enums, fail);
	const sims = entries.filter((e) => e.sim !== null).map((e) => e.sim).sort((a, b) => a - b);
	sims.forEach((n, i) => n !== i + 1 && fail('MessageFrame', `sim positions must be 1..${sims.length}, each once (got ${sims.join(', ')})`));
	const sorted = [...entries].sort((a, b) => a.number - b.number);
	const js = [
		header.trim(),
		'/* eslint-disable */',
		'// The message types a MessageFrame carries, from frame.proto; see scripts/gen/registry.mjs.',
		'',
		'/** One entry per payload field of MessageFrame, in field-number order. */',
		'export const MESSAGE_TYPES = Object.freeze([',
		...sorted.map(({ directions, senders, ...rest }) =>
			`\tObject.freeze({ ${JSON.stringify(rest).slice(1, -1)}, "directions": Object.freeze(${JSON.stringify(directions)}), "senders": Object.freeze(${JSON.stringify(senders)}) }),`),
		']);',
		''
	].join('\n');
	const dts = [
		header.trim(),
		'/** A MessageFrame payload field name: the message type. */',
		`export type PayloadType = ${sorted.map((e) => JSON.stringify(e.payload)).join(' | ')};`,
		'/** What the registry knows about a message type (frame.proto annotations). */',
		'export interface MessageTypeInfo {',
		'\t/** Payload field name, e.g. "bsm", "speed_advice". */',
		'\treadonly payload: PayloadType;',
		'\t/** Payload field number in MessageFrame. */',
		'\treadonly number: number;',
		'\t/** Protobuf message name (in package cv2x.v1), e.g. "BasicSafetyMessage". */',
		'\treadonly message: string;',
		'\t/** The standard\'s short name or a short English label, e.g. "BSM", "Speed advice". */',
		'\treadonly label: string;',
		'\t/** Its Chinese label, e.g. "BSM 基本安全消息", "车速引导". */',
		'\treadonly labelZh: string;',
		'\t/** "T/CSAE 53-2020", "T/CSAE 157-2020" or "cloud" (the vehicle-cloud exchange). */',
		'\treadonly standard: string;',
		'\t/** PC5 sidelink broadcast or Uu cellular. */',
		'\treadonly channel: \'pc5\' | \'uu\';',
		'\t/** Uu directions: vehicle to cloud, cloud to vehicle; empty for PC5. */',
		'\treadonly directions: readonly (\'v2c\' | \'c2v\')[];',
		'\t/** Who sends it: vehicles (OBUs), roadside units, vulnerable road users (pedestrians, cyclists), the cloud. */',
		'\treadonly senders: readonly (\'vehicle\' | \'rsu\' | \'vru\' | \'cloud\')[];',
		'\t/** Typical rate in Hz; null when sent on events. */',
		'\treadonly rateHz: number | null;',
		'\t/** Colour on the map, legend, log and charts, "#rrggbb". */',
		'\treadonly color: string;',
		'\t/** i18n key of the label, "types.<payload>" (the i18n layer adds label and labelZh under it). */',
		'\treadonly i18nKey: string;',
		'\t/** Anchor of its entry on /reference (the message name). */',
		'\treadonly anchor: string;',
		'\t/** Position in the map legend (1-based) when the simulation sends it, else null. */',
		'\treadonly sim: number | null;',
		'\t/** Its CloudMessageKind value (acked_kind of an Acknowledgement), or null. */',
		'\treadonly cloudKind: number | null;',
		'\t/** The payload field\'s comment. */',
		'\treadonly doc: string;',
		'}',
		'/** One entry per payload field of MessageFrame, in field-number order. */',
		'export declare const MESSAGE_TYPES: readonly MessageTypeInfo[];',
		''
	].join('\n');
	return { js, dts };
}
