// The message reference, built from the schema that `npm run gen` generates from proto/ (the
// comments and annotations of every field), plus each type's sample frame.
import { MESSAGE_TYPES, encodeFrame, schema, toBase64, type FieldMeta, type MessageTypeInfo, type PayloadType } from '../codec';
import { sampleFrame } from '../samples';

export interface RefField {
	name: string;
	json: string;
	number: number;
	type: string;
	kind: FieldMeta['kind'];
	label: string;
	/** Data element of a numeric field (proto/elements.txt), e.g. "Speed". */
	de?: string;
	unit?: string;
	range?: string;
	unavailable?: number;
	zh?: string;
	doc: string;
}

export interface RefMessage {
	name: string;
	file: string;
	standard?: string;
	zh?: string;
	doc: string;
	fields: RefField[];
}

export interface RefEnum {
	name: string;
	zh?: string;
	doc: string;
	values: { name: string; number: number; doc: string }[];
}

export interface RefType {
	/** Payload field name: bsm, spat, speed_advice... */
	type: PayloadType;
	message: string;
	number: number;
	/** The registry entry (label, standard, channel, rate, colour, i18n key, anchor). */
	info: MessageTypeInfo;
	/** Messages and enums reachable from it, itself first. */
	messages: string[];
	enums: string[];
	sampleB64url: string;
	sampleSize: number;
}

export interface Reference {
	types: RefType[];
	messages: Record<string, RefMessage>;
	enums: Record<string, RefEnum>;
}

function describeField(f: FieldMeta): RefField {
	const label = [f.repeated ? 'repeated' : '', f.optional ? 'optional' : '', f.oneof ? `oneof ${f.oneof}` : ''].filter(Boolean).join(', ');
	const range = f.range ? `${f.range[0]}..${f.range[1]}` : f.length ? `length ${f.length[0] === f.length[1] ? f.length[0] : `${f.length[0]}..${f.length[1]}`}` : f.count ? `count ${f.count[0]}..${f.count[1]}` : undefined;
	return {
		name: f.name, json: f.json, number: f.number, type: f.type, kind: f.kind, label, de: f.de, unit: f.unit?.text, range,
		unavailable: f.unavailable, zh: f.zh, doc: f.doc
	};
}

/** Every message and enum a message type reaches, depth first, each once. */
function reach(name: string, msgs: string[], enums: string[]) {
	if (msgs.includes(name)) return;
	msgs.push(name);
	for (const f of schema.messages[name].fields) {
		if (f.kind === 'message') reach(f.type, msgs, enums);
		else if (f.kind === 'enum' && !enums.includes(f.type)) enums.push(f.type);
	}
}

export function buildReference(): Reference {
	const messages: Record<string, RefMessage> = {};
	for (const [name, m] of Object.entries(schema.messages))
		messages[name] = { name, file: m.file, standard: m.standard, zh: m.zh, doc: m.doc, fields: m.fields.map(describeField) };
	const enums: Record<string, RefEnum> = {};
	for (const [name, e] of Object.entries(schema.enums))
		enums[name] = { name, zh: e.zh, doc: e.doc, values: e.values.map((v) => ({ name: v.name, number: v.number, doc: v.doc })) };
	const types = MESSAGE_TYPES.map((t) => {
		const msgs: string[] = [];
		const ens: string[] = [];
		reach(t.message, msgs, ens);
		const bytes = encodeFrame(sampleFrame(t.payload));
		return {
			type: t.payload, message: t.message, number: t.number, info: t, messages: msgs, enums: ens,
			sampleB64url: toBase64(bytes, true), sampleSize: bytes.length
		};
	});
	return { types, messages, enums };
}

/** Whether a field, message or enum matches a search (names, JSON names, units, English and Chinese terms). */
export function matches(q: string, ...texts: (string | number | undefined)[]): boolean {
	const needle = q.trim().toLowerCase();
	if (!needle) return true;
	return texts.some((t) => t !== undefined && String(t).toLowerCase().includes(needle));
}
