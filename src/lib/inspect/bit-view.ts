// The inspector's view of a UPER message: the bit dump (uper/dump.ts) flattened into rows, a
// bit-to-row map for hovering, the bytes with their bits for display, and the ASN.1 value as
// X.697 JSON. The UPER counterpart of view.ts.
import { dumpUper, ROLE_LABELS, type Said, type UperDumpNode, type UperDumpRole } from '../uper/dump';
import type { Meaning, MeaningContext } from '../meaning';
import { decode, valuesEqual, type AsnValue, type SchemaSet, type UperError } from '../uper';
import { encodeFrame, frameJson, validateFrame, type Violation } from '../codec';
import { violationText } from './texts';
import { decodeUperFrame } from '../uper/frame';
import { toJer } from '../uper/jer';
import { toModel } from '../uper/mapping';
import { isProfileName, profile, profileNames, type ProfileName } from '../uper/profiles';
import type { EncodingName } from './detect';
import type { UserSchema } from './user-schema';

/** One row of the tree: a field or a run of structural bits. `start`/`end` in bits, end exclusive. */
export interface BitRow {
	id: number;
	depth: number;
	name: string;
	path: string;
	role: UperDumpRole;
	/** English label of the role ("length determinant"); the UI translates by `role`. */
	label: string;
	value: string;
	meaning?: string;
	/** The meaning as a text key (inspectPage.said.<key>) where it is a phrase, for the language shown. */
	said?: Said;
	unit?: string;
	typeName?: string;
	start: number;
	end: number;
	/** True for a value with parts (SEQUENCE, CHOICE, a string with its length...). */
	isField: boolean;
	/** What the value means in both languages (enumeration names, named bits, times, positions...). */
	meanings?: Meaning;
	/** The constraint the bits break, in both languages. */
	violation?: Meaning;
	/** Decoding failed in this field: why, naming the bit offset (its last part is the unread rest). */
	malformed?: Meaning;
	/** Id of the parent row (absent at depth 0). */
	parent?: number;
}

export interface BitView {
	bytes: Uint8Array;
	rows: BitRow[];
	/** For each bit (MSB of octet 0 = 0), the id of the leaf row covering it. */
	owner: Int32Array;
	/** A built-in profile's name, or `user` for the user's module set. */
	profile: EncodingName;
	/** The profile's title, "T/CSAE 53-2020 draft (2019-07-24)". */
	title: string;
	/** The type the bytes were read as (`MessageFrame`, or the root the user picked). */
	root: string;
	/** Bits the value took; the rest of the last octet is padding. */
	bits: number;
	/** The MessageFrame alternative (`bsmFrame`) and the type it holds (`BasicSafetyMessage`). */
	alternative?: string;
	message?: string;
	/** The ASN.1 value as X.697 JSON, indented, when the bytes decoded. */
	jer?: string;
	error?: UperError;
	/** The same message in the protobuf model: proto3 JSON, its encoded size, what the mapping could not carry. */
	model?: { json: string; bytes: number; notices: string[] };
	/**
	 * The model's rules the mapped message breaks (a value UPER carries but the model refuses: an
	 * hour of 30, an enumeration value the model lacks), each with the row it is marked on
	 * (matched by field path, else the nearest ancestor; absent: no row).
	 */
	violations?: { path: string; text: Meaning; row?: number }[];
	/**
	 * For the user's set: how the model was reached. `via`: the built-in profile whose mapping was
	 * used (`same`: its tables equal the user's; else it reads these bits to the same value).
	 * `none`: no built-in profile reads them alike, or the root is not MessageFrame, so no model.
	 */
	modelVia?: { via: ProfileName; same: boolean } | { none: 'root' | 'differs' };
	/** Set when `rows` is the first part of the view's rows (the worker sends them a page at a time): how many there are. */
	rowsTotal?: number;
	/** Set when `jer` was left out as too long to send and show: its length in characters. */
	jsonChars?: number;
	/** Set when `bytes` is the first of several frames (back to back, RSU framing) of a longer input. */
	framed?: { offset: number; frames: number; framing: string; inputLength: number };
}

/** Rows shown at most: a person reads a few thousand; more would only freeze the page. */
export const MAX_BIT_ROWS = 4000;

function flatten(root: UperDumpNode, rows: BitRow[], owner: Int32Array): void {
	const walk = (n: UperDumpNode, depth: number, parent?: number) => {
		if (rows.length >= MAX_BIT_ROWS) return;
		const row: BitRow = {
			id: rows.length,
			depth,
			name: n.name,
			path: n.path,
			role: n.role,
			label: ROLE_LABELS[n.role],
			value: n.value ?? '',
			meaning: n.meaning,
			said: n.said,
			unit: n.unit,
			typeName: n.typeName,
			start: n.bitOffset,
			end: n.bitOffset + n.bitWidth,
			isField: !!n.children
		};
		if (parent !== undefined) row.parent = parent;
		if (n.meanings) row.meanings = n.meanings;
		if (n.violation) row.violation = n.violation;
		if (n.malformed) row.malformed = n.malformed;
		rows.push(row);
		if (!n.children) owner.fill(row.id, row.start, Math.min(row.end, owner.length));
		else for (const c of n.children) walk(c, depth + 1, row.id);
	};
	// the root (the MessageFrame CHOICE) is the page's title, its parts are the top rows
	for (const c of root.children ?? []) walk(c, 0);
}

/** What a bit view may take beyond the bits: a time near the message (epoch ms, its capture time) and the year minute-of-year values count in. */
export type BitViewOptions = Pick<MeaningContext, 'referenceMs' | 'year'>;

/** A schema to read bits under: a built-in profile, or the user's module set (`user-schema.ts`). */
export type BitSource = ProfileName | UserSchema;

/**
 * Decodes `bytes` as a UPER message (X.691 unaligned PER) under `source` (a built-in profile:
 * a MessageFrame; the user's set: a value of its root type) into rows, one per field and per
 * run of structural bits (with `parent` ids and each value's `meanings`), and a map from every
 * bit to its row. Never throws for bad bytes: `error` (a UperError with bit offset and path)
 * says what stopped it, the rows hold everything before, the interrupted field is `malformed`
 * (and breaks a `violation` when a PER-visible constraint was refused) and its last part is the
 * `unread` rest. `options`: the reference time and year for meanings of times.
 */
export function buildBitView(bytes: Uint8Array, source: BitSource, options: BitViewOptions = {}): BitView {
	const builtIn = typeof source === 'string';
	const p = builtIn ? profile(source) : source.profile;
	const root = builtIn ? 'MessageFrame' : source.root;
	const dump = dumpUper(root, bytes, p.schema, { meaning: { referenceMs: options.referenceMs, year: options.year } });
	const rows: BitRow[] = [];
	const owner = new Int32Array(dump.root.bitWidth).fill(-1);
	flatten(dump.root, rows, owner);
	const view: BitView = { bytes, rows, owner, profile: builtIn ? source : 'user', title: p.title, root, bits: dump.bits, error: dump.error };
	const index = dump.root.children?.find((c) => c.role === 'choice-index' && c.path === '');
	const alt = index?.value ? dump.root.children?.find((c) => c.path === index.value && c.role === 'field') : undefined;
	view.alternative = index?.value;
	view.message = alt?.typeName ?? (builtIn || root.endsWith('MessageFrame') ? undefined : root);
	if (!dump.error) {
		const { found, ...texts } = valueTexts(bytes, p.schema, root, builtIn ? { via: source, same: true } : modelRoute(source, bytes));
		Object.assign(view, texts);
		if (found?.length) markModelViolations(view, found);
	}
	return view;
}

/**
 * Which built-in profile's mapping carries a value of the user's set to the model: the one with
 * the same tables, else the first whose reading of the same bits is the same value (the mapping
 * is written per built-in profile: a vendor's revision that reads these bits differently has none).
 */
function modelRoute(user: UserSchema, bytes: Uint8Array): NonNullable<BitView['modelVia']> {
	if (!user.root.endsWith('MessageFrame')) return { none: 'root' };
	if (user.sameAs) return { via: user.sameAs, same: true };
	let mine: AsnValue;
	try {
		mine = decodeUperFrame(bytes, user.profile).value;
	} catch {
		return { none: 'differs' };
	}
	for (const n of [...profileNames()].reverse()) {
		try {
			if (valuesEqual(decodeUperFrame(bytes, n).value, mine)) return { via: n, same: false };
		} catch {
			// this profile does not read these bits: try the next
		}
	}
	return { none: 'differs' };
}

/** The value as X.697 JSON and mapped to the protobuf model (each left out if it fails). */
function valueTexts(bytes: Uint8Array, set: SchemaSet, root: string, route: NonNullable<BitView['modelVia']>): Pick<BitView, 'jer' | 'model' | 'modelVia'> & { found?: Violation[] } {
	// decoded twice (the dump keeps text, not values): only for inputs the detector let through
	const out: Pick<BitView, 'jer' | 'model' | 'modelVia'> & { found?: Violation[] } = { modelVia: route };
	let value;
	try {
		value = decode(root, bytes, set).value;
		out.jer = JSON.stringify(toJer(root, value, set), null, 2);
	} catch {
		return out;
	}
	if (!('via' in route) || !isProfileName(route.via)) return out;
	try {
		const { frame, notices } = toModel(value, route.via);
		out.model = { json: JSON.stringify(frameJson.to(frame), null, 2), bytes: encodeFrame(frame, { validate: false }).length, notices };
		out.found = validateFrame(frame);
	} catch {
		// a value the mapping cannot carry: the bits and the JER still show it
	}
	return out;
}

const norm = (path: string) => path.toLowerCase().replace(/[-_]/g, '');
/** Where a phase-2 message sits in a CSAE 157 MessageFrame (msgFrameExt: messageId + open type). */
const EXT_VALUE = 'msgFrameExt.value';

/** A model path compared across the two models: `spat.time_stamp` reads `.timestamp` after its payload field. */
function modelKey(path: string): string {
	const cut = path.search(/[.[]/);
	return cut < 0 ? '' : norm(path.slice(cut));
}

/** A UPER path after its MessageFrame alternative (or `msgFrameExt.value`) the same way: `spatFrame.timeStamp` -> `.timestamp`; undefined outside a payload. */
function uperKey(path: string): string | undefined {
	if (path.startsWith(EXT_VALUE)) return path.length === EXT_VALUE.length || /^[.[]/.test(path.slice(EXT_VALUE.length)) ? norm(path.slice(EXT_VALUE.length)) : undefined;
	if (path === 'msgFrameExt') return undefined;
	const cut = path.search(/[.[]/);
	return cut < 0 ? '' : norm(path.slice(cut));
}

/**
 * Puts the model's findings on the UPER rows: the model path after its payload field
 * (`rsc.lane_coordinates[1].t_begin.hour`) matches the UPER path after its alternative
 * (`msgFrameExt.value.coordinates[1].tBegin.hour`) ignoring case, `_` and `-`; a name the
 * mapping renames falls back to the nearest ancestor that matches, at worst the payload's row.
 */
function markModelViolations(view: BitView, found: Violation[]): void {
	const byKey = new Map<string, BitRow>();
	for (const r of view.rows) {
		const key = r.path && (r.isField || r.role === 'value' || r.role === 'enum-index') ? uperKey(r.path) : undefined;
		if (key !== undefined && !byKey.has(key)) byKey.set(key, r);
	}
	view.violations = [];
	for (const v of found) {
		const t = violationText(v);
		const text = { en: `protobuf model: ${t.en}`, zh: `protobuf 模型：${t.zh}` };
		let key = modelKey(v.path);
		while (key && !byKey.has(key)) key = key.slice(0, Math.max(0, key.lastIndexOf('.'), key.lastIndexOf('[')));
		const row = byKey.get(key);
		view.violations.push({ path: v.path, text, row: row?.id });
		if (row) row.violation = row.violation ? { en: `${row.violation.en}; ${text.en}`, zh: `${row.violation.zh}；${text.zh}` } : text;
	}
}
