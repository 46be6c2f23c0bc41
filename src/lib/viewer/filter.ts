// Display filters compiled once into closures over a table's columns. Column tests run first;
// a packet is decoded only when a test needs its fields, at most once per packet, and a test on
// `bsm.x` looks at the type column before decoding anything.
import { CHANNEL_NAMES, ENCODING_NAMES, type PacketTable } from './table';
import { decodePacket, type DecodedPacket, type DecodeOptions } from './decode';
import { ViewerError } from './errors';
import { COLUMNS, enumNumber, payloadName, resolvePath, type ColumnName, type ResolvedPath } from './filter-fields';
import { parseFilter, type CmpOp, type FilterNode, type Literal } from './filter-parse';
import { packetRecord } from './record';

/** Per-packet evaluation state: the decode and the record, each fetched at most once. */
class Ctx {
	i = 0;
	private decoded?: DecodedPacket;
	private rx?: string[];
	constructor(
		readonly table: PacketTable,
		private readonly opts: DecodeOptions
	) {}
	at(i: number): void {
		this.i = i;
		this.decoded = undefined;
		this.rx = undefined;
	}
	frame(): Record<string, unknown> | undefined {
		this.decoded ??= decodePacket(this.table, this.i, this.opts);
		return this.decoded.frame as Record<string, unknown> | undefined;
	}
	receivers(): string[] {
		return (this.rx ??= packetRecord(this.table, this.i).receivers);
	}
}

type Test = { fn: (c: Ctx) => boolean; cost: number };
type Values = { get: (c: Ctx) => unknown[]; cost: number; path?: ResolvedPath; payloadTest?: Test };

/** A compiled filter: `test(i)` says whether packet i passes. */
export interface CompiledFilter {
	readonly text: string;
	/** true when some test needs decoded messages (so filtering costs a decode per packet) */
	readonly decodes: boolean;
	test(i: number): boolean;
}

/**
 * Compiles `text` for `table` (built fully: the closures hold its columns). An empty text
 * passes everything. Throws ViewerError with the column of the first mistake: syntax, an
 * unknown field or enum value, a bad regular expression.
 */
export function compileFilter(text: string, table: PacketTable, opts: DecodeOptions = {}): CompiledFilter {
	if (text.trim() === '') return { text, decodes: false, test: () => true };
	const ctx = new Ctx(table, opts);
	const t = compileNode(parseFilter(text), table);
	return {
		text,
		decodes: t.cost >= 2,
		test(i: number) {
			ctx.at(i);
			return t.fn(ctx);
		}
	};
}

function compileNode(n: FilterNode, table: PacketTable): Test {
	switch (n.k) {
		case 'and':
		case 'or': {
			const [x, y] = [compileNode(n.a, table), compileNode(n.b, table)].sort((p, q) => p.cost - q.cost); // cheap side first: same result, less work
			const fn = n.k === 'and' ? (c: Ctx) => x.fn(c) && y.fn(c) : (c: Ctx) => x.fn(c) || y.fn(c);
			return { fn, cost: Math.max(x.cost, y.cost) };
		}
		case 'not': {
			const a = compileNode(n.a, table);
			return { fn: (c) => !a.fn(c), cost: a.cost };
		}
		case 'field':
			return presence(n.path, n.col, table);
		default:
			return relation(n, table);
	}
}

/** A bare name: a message type (`bsm`), a column (present unless empty: `latency`), or a field (present in the message). */
function presence(path: string, col: number, table: PacketTable): Test {
	if (!(path in COLUMNS) && !path.includes('.')) {
		const p = payloadName(path);
		if (p) return typeTest(p, table);
	}
	const v = values(path, col, table);
	return { fn: (c) => v.get(c).length > 0, cost: v.cost };
}

/** Packets of one type: by the type column; a packet of unknown type is decoded to learn it. */
function typeTest(payload: string, table: PacketTable): Test {
	const types = table.type;
	return {
		fn: (c) => {
			let id = types[c.i];
			if (id === 0) {
				c.frame();
				id = types[c.i];
			}
			return table.types.list[id] === payload;
		},
		cost: 0
	};
}

function columnValues(name: ColumnName, table: PacketTable): Values {
	const col = (f: (i: number) => unknown): Values => ({ get: (c) => [f(c.i)], cost: 0 });
	switch (name) {
		case 'sender':
			return col((i) => table.strings.list[table.sender[i]]);
		case 'destination':
			return col((i) => table.strings.list[table.destination[i]]);
		case 'receiver':
			return { get: (c) => c.receivers(), cost: 1 };
		case 'channel':
			return col((i) => CHANNEL_NAMES[table.channel[i]]);
		case 'type':
			return col((i) => table.types.list[table.type[i]]);
		case 'encoding':
			return col((i) => ENCODING_NAMES[(table.flags[i] >> 1) & 3]);
		case 'time':
			return col((i) => table.time[i]);
		case 'size':
			return col((i) => table.size(i));
		case 'latency':
			return { get: (c) => (Number.isNaN(table.latency[c.i]) ? [] : [table.latency[c.i]]), cost: 0 };
		case 'receivers':
			return col((i) => table.receivers[i]);
		default:
			return col((i) => i + 1);
	}
}

/** The values a field name gives for a packet: one for a column, any number along a path (repeated fields fan out). */
function values(path: string, col: number, table: PacketTable): Values {
	if (path in COLUMNS) return columnValues(path as ColumnName, table);
	const r = resolvePath(path, col);
	const isType = typeTest(r.payload, table);
	const prop = r.payload.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
	const get = (c: Ctx): unknown[] => {
		if (!isType.fn(c)) return [];
		const f = c.frame();
		let cur: unknown[] = f && f[prop] != null ? [f[prop]] : [];
		for (const p of r.props) {
			const next: unknown[] = [];
			for (const v of cur) {
				const x = (v as Record<string, unknown>)[p];
				if (x == null) continue;
				if (Array.isArray(x)) next.push(...x);
				else next.push(x);
			}
			cur = next;
		}
		return cur;
	};
	return { get, cost: 2, path: r };
}

/** A literal as the field's values compare: enum names become numbers, bytes compare as lowercase hex. */
function literalFor(v: Values, lit: Literal): number | string {
	const f = v.path?.field;
	if (lit.k === 'num') return lit.v;
	if (f?.kind === 'enum') return enumNumber(f, lit.v, lit.col);
	if (f?.type === 'bytes') return lit.v.replace(/[:\s]/g, '').toLowerCase();
	if (v.path && f && f.kind === 'scalar' && f.type !== 'string' && f.type !== 'bool' && !lit.quoted)
		throw new ViewerError(`display filter, column ${lit.col}: "${lit.v}" is not a number (${v.path.props.join('.')} is ${f.type})`, { column: lit.col });
	return lit.v;
}

/** A decoded value in comparable form: numbers (Long too), strings, booleans, bytes as lowercase hex. */
function plain(x: unknown): unknown {
	if (x instanceof Uint8Array) {
		let s = '';
		for (const b of x) s += (b < 16 ? '0' : '') + b.toString(16);
		return s;
	}
	if (typeof x === 'object' && x !== null && 'low' in x && 'high' in x) return Number(String(x));
	return x;
}

const CMP: Record<CmpOp, (a: number | string, b: number | string) => boolean> = {
	'==': (a, b) => a === b,
	'!=': (a, b) => a !== b,
	'<': (a, b) => a < b,
	'<=': (a, b) => a <= b,
	'>': (a, b) => a > b,
	'>=': (a, b) => a >= b
};

function asSameKind(x: unknown, want: number | string): number | string | undefined {
	const p = plain(x);
	if (typeof want === 'number') return typeof p === 'number' ? p : typeof p === 'boolean' ? Number(p) : typeof p === 'string' && p.trim() !== '' && !Number.isNaN(Number(p)) ? Number(p) : undefined;
	return typeof p === 'string' ? p : typeof p === 'number' || typeof p === 'boolean' ? String(p) : undefined;
}

function relation(n: Exclude<FilterNode, { k: 'and' | 'or' | 'not' | 'field' }>, table: PacketTable): Test {
	const v = values(n.field.path, n.field.col, table);
	const anyOf = (pred: (x: unknown) => boolean): Test => ({ fn: (c) => v.get(c).some(pred), cost: v.cost });
	switch (n.k) {
		case 'cmp': {
			const want = literalFor(v, n.value);
			const cmp = CMP[n.op];
			// Wireshark 4: a != b holds when no value equals b
			if (n.op === '!=') return { fn: (c) => !v.get(c).some((x) => asSameKind(x, want) === want), cost: v.cost };
			return anyOf((x) => {
				const a = asSameKind(x, want);
				return a !== undefined && cmp(a, want);
			});
		}
		case 'in': {
			const set = new Set(n.values.map((l) => literalFor(v, l)));
			return anyOf((x) => {
				const p = plain(x);
				return set.has(p as never) || set.has(String(p));
			});
		}
		case 'contains': {
			const want = String(literalFor(v, n.value));
			return anyOf((x) => String(plain(x)).includes(want));
		}
		case 'matches': {
			let re: RegExp;
			try {
				re = new RegExp(n.value.v, 'i');
			} catch (e) {
				throw new ViewerError(`display filter, column ${n.value.col}: bad regular expression: ${(e as Error).message}`, { column: n.value.col });
			}
			return anyOf((x) => re.test(String(plain(x))));
		}
	}
}
