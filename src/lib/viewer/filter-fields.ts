// What a filter's field names mean: packet columns (sender, receiver, channel, ...), message
// types (bsm, map_data, ...), and dotted paths into a type's decoded message, resolved once
// against the model's schema (codec/schema: proto names, protobufjs props or proto3 JSON names).
import { MESSAGE_TYPES, schema, type FieldMeta } from '../codec';
import { ViewerError } from './errors';

/** A packet column a filter can name; `kind` says how its values compare. */
export const COLUMNS = {
	sender: 'string',
	receiver: 'string',
	destination: 'string',
	channel: 'string',
	type: 'string',
	encoding: 'string',
	time: 'number',
	size: 'number',
	latency: 'number',
	receivers: 'number',
	no: 'number'
} as const;
export type ColumnName = keyof typeof COLUMNS;

/** A path into a message type: the payload name, the protobufjs props to follow, the last field. */
export interface ResolvedPath {
	payload: string;
	props: string[];
	field?: FieldMeta;
}

let aliases: Map<string, string> | undefined;

/** Payload names by what a person may type: `map_data`, `mapData`, and the label (`map`). */
function payloadAliases(): Map<string, string> {
	if (aliases) return aliases;
	aliases = new Map();
	for (const t of MESSAGE_TYPES) {
		aliases.set(t.payload, t.payload);
		aliases.set(t.payload.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), t.payload);
	}
	for (const t of MESSAGE_TYPES) {
		const label = t.label.toLowerCase();
		if (/^[a-z]\w*$/.test(label) && !aliases.has(label) && !(label in COLUMNS)) aliases.set(label, t.payload);
	}
	return aliases;
}

/** The payload name a type word means (`map` -> `map_data`), or undefined. */
export function payloadName(word: string): string | undefined {
	return payloadAliases().get(word);
}

/** The message a payload carries (`bsm` -> `BasicSafetyMessage`). */
function payloadMessage(payload: string): string {
	return MESSAGE_TYPES.find((t) => t.payload === payload)!.message;
}

/**
 * Resolves `bsm.pos.lat` to props ['pos', 'lat'] and the field's meta. Throws ViewerError at
 * `col` naming the segment that does not exist and the fields that do.
 */
export function resolvePath(path: string, col: number): ResolvedPath {
	const parts = path.split('.');
	const payload = payloadName(parts[0]);
	if (!payload) {
		const known = [...Object.keys(COLUMNS), ...MESSAGE_TYPES.map((t) => t.payload)].join(', ');
		throw new ViewerError(`display filter, column ${col}: unknown field "${parts[0]}" (a column or a message type: ${known})`, { column: col });
	}
	let message = payloadMessage(payload);
	const props: string[] = [];
	let field: FieldMeta | undefined;
	let at = col + parts[0].length + 1;
	for (const part of parts.slice(1)) {
		const meta = message === '' ? undefined : schema.messages[message];
		field = meta?.fields.find((f) => f.name === part || f.prop === part || f.json === part);
		if (!meta || !field) {
			const list = meta ? meta.fields.map((f) => f.prop).join(', ') : 'none: it is not a message';
			throw new ViewerError(`display filter, column ${at}: ${meta ? message : `"${props[props.length - 1]}"`} has no field "${part}" (fields: ${list})`, { column: at });
		}
		props.push(field.prop);
		message = field.kind === 'message' ? field.type : '';
		at += part.length + 1;
	}
	return { payload, props, field };
}

/** The number an enum field's value name stands for: the full name or its tail, any case. */
export function enumNumber(field: FieldMeta, name: string, col: number): number {
	const values = schema.enums[field.type]?.values ?? [];
	const up = name.toUpperCase();
	const v = values.find((x) => x.name === up) ?? values.find((x) => x.name.endsWith(`_${up}`));
	if (v) return v.number;
	throw new ViewerError(`display filter, column ${col}: ${field.type} has no value "${name}" (values: ${values.map((x) => x.name).join(', ')})`, { column: col });
}
