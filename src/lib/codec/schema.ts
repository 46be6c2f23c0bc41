// Typed access to generated/schema.json: the model as data (see scripts/gen-proto.mjs).
import schemaJson from './generated/schema.json';

export interface UnitMeta {
	/** As written in proto/elements.txt, step and symbol, e.g. "10 ms". */
	text: string;
	/** Physical value = encoded integer * factor. */
	factor: number;
	symbol: string;
}

interface Annotated {
	doc: string;
	zh?: string;
	standard?: string;
}

export interface FieldMeta extends Annotated {
	/** Name in the .proto (used in field paths). */
	name: string;
	/** Property name on protobufjs objects. */
	prop: string;
	/** proto3 JSON name. */
	json: string;
	number: number;
	/** Scalar type name, or the message/enum name relative to the package. */
	type: string;
	kind: 'scalar' | 'enum' | 'message';
	repeated?: boolean;
	/** proto3 `optional`: explicit presence. */
	optional?: boolean;
	/** Name of the (real) oneof this field belongs to. */
	oneof?: string;
	/** Data element (proto/elements.txt) of a numeric field; unit, range and unavailable come from it. */
	de?: string;
	unit?: UnitMeta;
	range?: [number, number];
	unavailable?: number;
	length?: [number, number];
	count?: [number, number];
}

export interface MessageMeta extends Annotated {
	file: string;
	fields: FieldMeta[];
	oneofs: Record<string, string[]>;
}

export interface EnumValueMeta extends Annotated {
	name: string;
	number: number;
}

export interface EnumMeta extends Annotated {
	file: string;
	values: EnumValueMeta[];
}

/** A data element as the schema records it (the converters are in generated/elements.js). */
export interface ElementSchema {
	standard: string;
	unit: UnitMeta;
	range: [number, number];
	valid: [number, number];
	unavailable?: number;
	/** Physical period when values wrap (angles). */
	wrap?: number;
	/** The fields using it, as "Message.field". */
	fields: string[];
}

export interface Schema {
	package: string;
	frame: string;
	messages: Record<string, MessageMeta>;
	enums: Record<string, EnumMeta>;
	elements: Record<string, ElementSchema>;
}

export const schema = schemaJson as unknown as Schema;

/** Per-message lookup tables, built once. */
export interface MessageIndex {
	name: string;
	meta: MessageMeta;
	byNumber: Map<number, FieldMeta>;
	byName: Map<string, FieldMeta>;
}

const indexCache = new Map<string, MessageIndex>();

export function messageIndex(name: string): MessageIndex {
	let idx = indexCache.get(name);
	if (!idx) {
		const meta = schema.messages[name];
		if (!meta) throw new Error(`no message ${name} in the schema`);
		idx = { name, meta, byNumber: new Map(), byName: new Map() };
		for (const f of meta.fields) {
			idx.byNumber.set(f.number, f);
			idx.byName.set(f.name, f);
			idx.byName.set(f.json, f);
			idx.byName.set(f.prop, f);
		}
		indexCache.set(name, idx);
	}
	return idx;
}

const enumCache = new Map<string, { byNumber: Map<number, EnumValueMeta>; byName: Map<string, EnumValueMeta> }>();

export function enumIndex(name: string) {
	let idx = enumCache.get(name);
	if (!idx) {
		const meta = schema.enums[name];
		if (!meta) throw new Error(`no enum ${name} in the schema`);
		idx = { byNumber: new Map(), byName: new Map() };
		for (const v of meta.values) {
			if (!idx.byNumber.has(v.number)) idx.byNumber.set(v.number, v);
			idx.byName.set(v.name, v);
		}
		enumCache.set(name, idx);
	}
	return idx;
}

/** The frame's payload fields: one per message type, in field-number order. */
let payloadCache: FieldMeta[] | undefined;
export function payloadFields(): FieldMeta[] {
	return (payloadCache ??= schema.messages[schema.frame].fields
		.filter((f) => f.oneof === 'payload')
		.sort((a, b) => a.number - b.number));
}

/** Wire type each field type uses (packed repeated scalars use LEN). */
export function wireTypeOf(type: string, kind: FieldMeta['kind']): number {
	if (kind === 'message') return 2;
	if (kind === 'enum') return 0;
	switch (type) {
		case 'double': case 'fixed64': case 'sfixed64': return 1;
		case 'float': case 'fixed32': case 'sfixed32': return 5;
		case 'string': case 'bytes': return 2;
		default: return 0;
	}
}

export function isPackable(f: FieldMeta): boolean {
	return !!f.repeated && (f.kind === 'enum' || (f.kind === 'scalar' && f.type !== 'string' && f.type !== 'bytes'));
}

export const is64 = (t: string) => t === 'int64' || t === 'uint64' || t === 'sint64' || t === 'fixed64' || t === 'sfixed64';
