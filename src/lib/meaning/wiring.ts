// One call per row for each inspector view: the protobuf wire dump (codec DumpNode + the field's
// schema entry) and the UPER decode trace (value, ASN.1 type name, type). Both record what later
// rows need (refPos, moy) in a MessageContext, so call them in decode order, parents first.
import type { DumpNode, FieldMeta } from '../codec';
import type { MessageContext } from './context';
import { meaningOfHexBytes, meaningOf, namesOfAsn, namesOfProtoEnum, type AsnLike } from './core';
import { positionOffsetValueMeaning } from './position';
import type { Meaning, MeaningValue } from './types';

/** The protobuf message that holds a whole offset (T/CSAE 53 PositionOffsetLLV, flattened). */
const PROTO_OFFSET = 'PositionOffsetLlv';

/**
 * The meaning of one row of the protobuf wire dump (codec `dumpMessage`): `field` is its schema
 * entry (`messageIndex(parent).byNumber.get(node.field)`; undefined for unknown fields, which get
 * no meaning). Numbers go through the field's data element (`de:`) or its enum; `bytes` are
 * read as text when printable; a PositionOffsetLlv message gets metres and the absolute position
 * from its two offsets. Records refPos / moy values in `mc`.
 */
export function protoRowMeaning(field: Pick<FieldMeta, 'de' | 'kind' | 'type'> | undefined, node: Pick<DumpNode, 'type' | 'value' | 'path' | 'children'>, mc: MessageContext): Meaning | null {
	if (!field) return null;
	if (field.kind === 'message') {
		if (field.type !== PROTO_OFFSET || !node.children) return null;
		const part = (name: string) => Number(node.children!.find((c) => c.path.endsWith(`.${name}`))?.value ?? NaN);
		const offset = { lat: part('lat_offset'), lon: part('lon_offset') };
		return Number.isFinite(offset.lat) && Number.isFinite(offset.lon) ? positionOffsetValueMeaning(offset, mc.contextFor(node.path).refPos) : null;
	}
	if (node.value === undefined) return null;
	if (field.type === 'bytes') return meaningOfHexBytes(node.value);
	const element = field.de ?? (field.kind === 'enum' ? field.type : undefined);
	if (!element) return null;
	mc.observe(node.path, field.de, Number(node.value));
	const names = field.kind === 'enum' ? namesOfProtoEnum(field.type) : undefined;
	return meaningOf(element, node.value, mc.contextFor(node.path, names ? { names } : {}));
}

/**
 * The meaning of one field of a UPER decode (a `TraceNode` that is not a leaf: `path`, `value`,
 * `typeName`; `type` = `set.types[typeName]`, or the field's own type when anonymous). Records
 * refPos / moy values in `mc`. A PositionOffsetLL CHOICE gets metres and the absolute position.
 */
export function uperFieldMeaning(path: string, value: unknown, typeName: string | undefined, type: AsnLike | undefined, mc: MessageContext): Meaning | null {
	mc.observe(path, typeName, value);
	if (typeName === 'PositionOffsetLL') return positionOffsetValueMeaning(value, mc.contextFor(path).refPos);
	if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !('bits' in value)) return null;
	return meaningOf(typeName, value as MeaningValue, mc.contextFor(path, { names: namesOfAsn(type) }));
}
