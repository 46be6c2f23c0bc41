// The inspector's view of encoded bytes: the annotated dump flattened into rows (with the
// proto's documentation, each value's meaning, the rule it breaks), a byte-to-row map for
// hovering, and the proto3 JSON. Malformed bytes give the rows up to the failure, the bad field
// marked, and one raw row for the rest (issue 12, points 1 to 3).
import {
	decodeFrame, decodeRaw, dumpMessage, frameJson, messageIndex, schema, toHex, validateFrame, type Cv2xError, type DumpNode, type FieldMeta, type MessageFrame
} from '../codec';
import { MessageContext, protoRowMeaning, type Meaning } from '../meaning';
import { cv2xErrorText, violationText, type Bilingual } from './texts';

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
	/** What the value means (enum name, named bits, time, text of an id, position...), in both languages. */
	meaning?: Meaning;
	/** The rule this field's value breaks (range, length, count, enum...), from validation. */
	violation?: Bilingual;
	/** Decoding failed in this field: why, naming the byte offset. */
	malformed?: Bilingual;
	/** A row standing for undecoded bytes after a malformed field: `start`..`end` cover them. */
	raw?: boolean;
	/** Id of the parent row (absent at depth 0). */
	parent?: number;
}

/** What a view may take beyond the bytes. */
export interface ViewOptions {
	/** A time near the message (epoch ms, e.g. its capture time): the year minute-of-year values count in, the hour of a TimeMark. */
	referenceMs?: number;
	/** The UTC year a MinuteOfTheYear counts in (default: the year of `referenceMs`, else now). */
	year?: number;
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
	/** True when the rows stop at a malformed field (`error`), with a raw row for the rest. */
	partial?: boolean;
	/** Set when `rows` is the first part of the view's rows (the worker sends them a page at a time): how many there are. */
	rowsTotal?: number;
	/** Set when `json` was left out as too long to send and show: its length in characters. */
	jsonChars?: number;
	/** Every validation finding, with the row it is marked on (absent: no row, e.g. a frame without payload). */
	violations?: { path: string; text: Bilingual; row?: number }[];
}

/**
 * The inspector's view of `bytes` read as a protobuf MessageFrame: one row per field of the wire
 * dump in input order (`depth`, `parent`), each with its schema documentation, meaning
 * (src/lib/meaning, in decode order so offsets find their refPos) and any validation finding;
 * `owner` maps each byte to its deepest row. Bytes that break off or go wrong inside a frame give
 * the rows up to the failure, that field `malformed` and one `raw` row for the rest (`partial`);
 * bytes that are not a frame at all (no field of the frame read) get the schema-less decode
 * (`raw`). Never throws for bad bytes.
 */
export function buildView(bytes: Uint8Array, options: ViewOptions = {}): InspectView {
	let dump = dumpMessage(bytes, schema.frame, { partial: true });
	let raw = false;
	const error = dump.error;
	const partial = !!error && error.code !== 'too_large' && readsAsFrame(dump.root);
	// bytes that are not a frame get the schema-less decode (unless they are too big to read)
	if (error && error.code !== 'too_large' && !partial) {
		dump = decodeRaw(bytes);
		raw = true;
	}
	const rows = toRows(dump.root, raw, options);
	if (raw && dump.error) rows.push(...restOfRaw(rows, bytes, dump.error));
	const owner = new Int32Array(bytes.length).fill(-1);
	for (const row of rows) for (let i = row.start; i < row.end && i < owner.length; i++) owner[i] = row.id;
	const view: InspectView = { bytes, rows, owner, raw, error };
	if (partial) view.partial = true;
	if (!error) describeFrame(view);
	return view;
}

/** The schema-less decode stops at its first error: one raw row, marked malformed, for the bytes after the rows it read. */
function restOfRaw(rows: FieldRow[], bytes: Uint8Array, error: Cv2xError): FieldRow[] {
	const from = rows.filter((r) => r.depth === 0).reduce((end, r) => Math.max(end, r.end), 0);
	if (from >= bytes.length) return [];
	const n = bytes.length - from;
	return [{
		id: rows.length, depth: 0, name: 'raw', path: '', value: toHex(bytes.subarray(from, from + 64), ' ') + (n > 64 ? ' …' : ''), type: 'raw', wire: '',
		start: from, end: bytes.length, valueStart: from, isMessage: false, raw: true, malformed: cv2xErrorText(error), note: `${n} bytes not decoded (byte offset ${from}..${bytes.length - 1})`
	}];
}

/** True when the partial dump met at least one field of the frame itself (a tag the frame knows, with the wire type it expects). */
function readsAsFrame(root: DumpNode): boolean {
	return (root.children ?? []).some((c) => !c.unknown && !c.raw);
}

/** The dump as rows, parents first, with meanings asked in decode order. */
function toRows(root: DumpNode, raw: boolean, options: ViewOptions): FieldRow[] {
	const rows: FieldRow[] = [];
	const mc = new MessageContext({ referenceMs: options.referenceMs, year: options.year });
	const walk = (node: DumpNode, depth: number, parentType: string | null, parent: number | undefined) => {
		for (const c of node.children ?? []) {
			const meta = parentType && schema.messages[parentType] && !c.unknown && !c.raw ? messageIndex(parentType).byNumber.get(c.field) : undefined;
			const row = rowOf(c, rows.length, depth, meta, parentType);
			if (parent !== undefined) row.parent = parent;
			if (!raw && !c.malformed) {
				const meaning = protoRowMeaning(meta, c, mc);
				if (meaning) row.meaning = meaning;
			}
			rows.push(row);
			const childType = meta?.kind === 'message' ? meta.type : null;
			walk(c, depth + 1, childType, row.id);
		}
	};
	walk(root, 0, raw ? null : schema.frame, undefined);
	return rows;
}

function rowOf(c: DumpNode, id: number, depth: number, meta: FieldMeta | undefined, parentType: string | null): FieldRow {
	const row: FieldRow = {
		id,
		depth,
		name: indexedName(c),
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
	if (c.failure) row.malformed = cv2xErrorText(c.failure);
	else if (c.malformed) row.malformed = { en: c.malformed, zh: c.malformed };
	if (c.raw) row.raw = true;
	return row;
}

/**
 * An element of a repeated field is named with its index, as Wireshark names it (`rtes[1]`),
 * from the dump's path (`rsi.rtes[1]`); any other node keeps its field name.
 */
function indexedName(c: DumpNode): string {
	const last = c.path.slice(c.path.lastIndexOf('.') + 1);
	return /^[^[\]]+\[\d+\]$/.test(last) && last.startsWith(`${c.name}[`) ? last : c.name;
}

/** A frame's decoded value, JSON, type and validation findings on its rows. */
function describeFrame(view: InspectView): void {
	try {
		const frame = decodeFrame(view.bytes);
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
		markViolations(view, frame);
	} catch (e) {
		view.error = e as Cv2xError;
	}
}

/** The path one level up: `a.b[2].c` -> `a.b[2]` -> `a.b` -> `a` -> ``. */
export function parentPath(path: string): string {
	const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
	return cut < 0 ? '' : path.slice(0, cut);
}

/**
 * Puts each validation finding (codec `validateFrame`) on the row of its path, or of its nearest
 * ancestor when the field has no row (an absent field whose default breaks the rule); several on
 * one row are joined. A finding with no row at all (a frame without payload) stays in `violations` only.
 */
function markViolations(view: InspectView, frame: MessageFrame): void {
	const found = validateFrame(frame);
	if (!found.length) return;
	const byPath = new Map<string, FieldRow>();
	for (const r of view.rows) if (!byPath.has(r.path)) byPath.set(r.path, r);
	view.violations = [];
	for (const v of found) {
		const text = violationText(v);
		let path = v.path;
		while (path && !byPath.has(path)) path = parentPath(path);
		const row = byPath.get(path);
		view.violations.push({ path: v.path, text, row: row?.id });
		if (!row) continue;
		row.violation = row.violation ? { en: `${row.violation.en}; ${text.en}`, zh: `${row.violation.zh}；${text.zh}` } : text;
	}
}
