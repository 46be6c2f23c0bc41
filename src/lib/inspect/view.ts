// The inspector's view of encoded bytes: the annotated dump flattened into rows (with the
// proto's documentation), a byte-to-row map for hovering, and the proto3 JSON.
import {
	decodeFrame, decodeRaw, dumpMessage, frameJson, messageIndex, schema, type Cv2xError, type DumpNode, type MessageFrame
} from '../codec';

export interface FieldRow {
	id: number;
	depth: number;
	name: string;
	path: string;
	/** Value as shown: enum name, number, text or hex. */
	value: string;
	physical?: string;
	unit?: string;
	type: string;
	wire: string;
	start: number;
	end: number;
	/** Where the tag and length end and the value begins. */
	valueStart: number;
	isMessage: boolean;
	unknown?: boolean;
	note?: string;
	doc?: string;
	zh?: string;
	/** Range and "unavailable" value as the proto states them. */
	range?: string;
	/** Full enum value name (the value column shows it without the enum's prefix). */
	enumName?: string;
	/** Anchor of the field on the reference page: Message.field. */
	ref?: string;
}

/** POSITION_CONFIDENCE_A1M -> A1M: the enum's name prefix adds nothing in a table. */
function shortEnum(enumType: string, value: string): string {
	const prefix = enumType.split('.').pop()!.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() + '_';
	return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

export interface InspectView {
	bytes: Uint8Array;
	rows: FieldRow[];
	/** For each byte, the id of the deepest row covering it. */
	owner: Int32Array;
	/** Payload type (`bsm`) and its message name (`BasicSafetyMessage`). */
	type?: string;
	message?: string;
	zh?: string;
	standard?: string;
	json?: string;
	jsonSize?: number;
	error?: Cv2xError;
	/** True when the rows come from the schema-less raw decode. */
	raw: boolean;
	/** The decoded frame, when the bytes are one. */
	frame?: MessageFrame;
}

export function buildView(bytes: Uint8Array): InspectView {
	let dump = dumpMessage(bytes);
	let raw = false;
	const error = dump.error;
	// bytes that are not a frame get the schema-less decode (unless they are too big to read)
	if (error && error.code !== 'too_large') {
		dump = decodeRaw(bytes);
		raw = true;
	}
	const rows: FieldRow[] = [];
	const owner = new Int32Array(bytes.length).fill(-1);
	const walk = (node: DumpNode, depth: number, parentType: string | null) => {
		for (const c of node.children ?? []) {
			const meta = parentType && schema.messages[parentType] && !c.unknown ? messageIndex(parentType).byNumber.get(c.field) : undefined;
			const row: FieldRow = {
				id: rows.length,
				depth,
				name: c.name,
				path: c.path,
				value: c.children ? '' : c.enumName ? shortEnum(c.type, c.enumName) : c.type === 'string' ? JSON.stringify(c.value) : (c.value ?? ''),
				enumName: c.enumName,
				ref: meta && parentType ? `${parentType}.${meta.name}` : undefined,
				physical: c.physical,
				unit: c.unit,
				type: c.type,
				wire: c.wireTypeName,
				start: c.offset,
				end: c.offset + c.length,
				valueStart: c.offset + c.headerLength,
				isMessage: !!c.children,
				unknown: c.unknown,
				note: c.note,
				doc: meta?.doc,
				zh: meta?.zh,
				range: meta?.range
					? `${meta.range[0]}..${meta.range[1]}${meta.unavailable !== undefined ? `, ${meta.unavailable} = unavailable` : ''}`
					: undefined
			};
			rows.push(row);
			for (let i = row.start; i < row.end && i < owner.length; i++) owner[i] = row.id;
			const childType = meta?.kind === 'message' ? meta.type : raw ? null : null;
			walk(c, depth + 1, childType);
		}
	};
	walk(dump.root, 0, raw ? null : schema.frame);
	const view: InspectView = { bytes, rows, owner, raw, error };
	if (!error) {
		try {
			const frame = decodeFrame(bytes);
			view.frame = frame;
			const json = frameJson.to(frame);
			const text = JSON.stringify(json, null, 2);
			view.json = text;
			view.jsonSize = new TextEncoder().encode(JSON.stringify(json)).length;
			const payload = schema.messages[schema.frame].fields.find((f) => f.oneof === 'payload' && (frame as unknown as Record<string, unknown>)[f.prop] != null);
			if (payload) {
				view.type = payload.name;
				view.message = payload.type;
				view.zh = schema.messages[payload.type]?.zh;
				view.standard = schema.messages[payload.type]?.standard;
			}
		} catch (e) {
			view.error = e as Cv2xError;
		}
	}
	return view;
}
