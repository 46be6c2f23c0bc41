// X.697 JER text of a value, fast: the openv2x writer's hot path (one BSM after another). The
// schema is compiled once per type into writers that append JSON text directly: no JSON paths
// built, no intermediate object, no checks beyond what tells the shapes apart. It writes what
// uper/jer.ts `toJer` + JSON.stringify write (jer-text.test.ts compares them on random values);
// for anything it does not expect (an unknown extension kept raw, a value of the wrong shape) it
// gives up, and the caller uses toJer, which explains.
import type { AsnType, AsnValue, BitStringType, Component, SchemaSet } from '../../uper';

type Writer = (v: AsnValue, out: string[]) => void;

/** Thrown inside to give up: the value is not one this fast path writes. */
class Unexpected extends Error {}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

function hex(b: Uint8Array): string {
	let s = '';
	for (let i = 0; i < b.length; i++) s += HEX[b[i]];
	return s;
}

function isObject(v: AsnValue): v is { [k: string]: AsnValue } {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

const compiled = new WeakMap<SchemaSet, Map<AsnType | string, Writer>>();

/**
 * `JSON.stringify(toJer(type, value, set))`, computed faster, or undefined when the value has
 * something this path does not write (then call toJer: it says what).
 */
export function jerText(set: SchemaSet, type: AsnType, value: AsnValue): string | undefined {
	let cache = compiled.get(set);
	if (!cache) compiled.set(set, (cache = new Map()));
	const out: string[] = [];
	try {
		writerOf(set, cache, type)(value, out);
	} catch (e) {
		if (e instanceof Unexpected || e instanceof RangeError) return undefined;
		throw e;
	}
	return out.join('');
}

function writerOf(set: SchemaSet, cache: Map<AsnType | string, Writer>, type: AsnType): Writer {
	const key = type.kind === 'ref' ? type.name : type;
	let w = cache.get(key);
	if (w) return w;
	// a placeholder first, so a recursive type refers to itself
	let real: Writer | undefined;
	cache.set(key, (v, out) => real!(v, out));
	real = build(set, cache, type);
	cache.set(key, real);
	return real;
}

function build(set: SchemaSet, cache: Map<AsnType | string, Writer>, type: AsnType): Writer {
	const sub = (t: AsnType) => writerOf(set, cache, t);
	switch (type.kind) {
		case 'ref': {
			const t = set.types[type.name];
			if (!t) throw new Unexpected();
			return sub(t);
		}
		case 'integer':
			return (v, out) => {
				if (typeof v === 'number' && Number.isInteger(v)) out.push(String(v));
				else if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) out.push(String(Number(v)));
				else throw new Unexpected();
			};
		case 'boolean':
			return (v, out) => (typeof v === 'boolean' ? out.push(String(v)) : fail());
		case 'null':
			return (v, out) => (v === null ? out.push('null') : fail());
		case 'enumerated': {
			const names = new Set([...type.root, ...type.additions].map((i) => i.name));
			return (v, out) => (typeof v === 'string' && names.has(v) ? out.push(JSON.stringify(v)) : fail());
		}
		case 'charString':
			return (v, out) => (typeof v === 'string' ? out.push(JSON.stringify(v)) : fail());
		case 'octetString':
			return (v, out) => (v instanceof Uint8Array ? out.push(`"${hex(v)}"`) : fail());
		case 'bitString':
			return bitString(type);
		case 'sequenceOf':
			const el = sub(type.element);
			return (v, out) => {
				if (!Array.isArray(v)) fail();
				out.push('[');
				(v as AsnValue[]).forEach((x, i) => {
					if (i) out.push(',');
					el(x, out);
				});
				out.push(']');
			};
		case 'choice': {
			const alts = new Map([...type.root, ...type.additions].map((a) => [a.name, sub(a.type)]));
			return (v, out) => {
				const keys = isObject(v) ? Object.keys(v) : [];
				const w = keys.length === 1 ? alts.get(keys[0]) : undefined;
				if (!w) fail();
				out.push(`{${JSON.stringify(keys[0])}:`);
				w!((v as { [k: string]: AsnValue })[keys[0]], out);
				out.push('}');
			};
		}
		case 'sequence':
			return sequence(set, sub, [...type.components, ...type.additions.flatMap((a) => a.components), ...(type.trailingRoot ?? [])]);
		case 'openType':
			return (v, out) => (v instanceof Uint8Array ? out.push(`"${hex(v)}"`) : fail());
	}
}

function fail(): never {
	throw new Unexpected();
}

/** X.697 22.3: one non-extensible size: bare hex; else {"value": hex, "length": bits}; unused bits 0. */
function bitString(t: BitStringType): Writer {
	const fixed = t.size && !t.size.extensible && t.size.ub === t.size.lb;
	return (v, out) => {
		const b = v as { bits?: unknown; length?: unknown };
		if (!isObject(v) || !(b.bits instanceof Uint8Array) || typeof b.length !== 'number') fail();
		const length = b.length as number;
		const octets = Math.ceil(length / 8);
		const bytes = new Uint8Array(octets);
		bytes.set((b.bits as Uint8Array).subarray(0, octets));
		if (length % 8 !== 0) bytes[octets - 1] &= 0xff << (8 - (length % 8));
		out.push(fixed ? `"${hex(bytes)}"` : `{"value":"${hex(bytes)}","length":${length}}`);
	};
}

/** A SEQUENCE: present members in definition order; an open type written as the type its key selects. */
function sequence(set: SchemaSet, sub: (t: AsnType) => Writer, components: Component[]): Writer {
	const names = new Set(components.map((c) => c.name));
	const resolved = components.map((c) => {
		let t: AsnType | undefined = c.type;
		for (let hops = 0; t && t.kind === 'ref' && hops < 64; hops++) t = set.types[t.name];
		return { c, w: sub(c.type), open: t?.kind === 'openType' ? t : undefined, quoted: `${JSON.stringify(c.name)}:` };
	});
	return (v, out) => {
		if (!isObject(v)) fail();
		for (const k in v) if (!names.has(k)) fail(); // unknown extensions (#ext) and strays: toJer's business
		out.push('{');
		let first = true;
		for (const { c, w, open, quoted } of resolved) {
			if (!(c.name in v)) continue;
			out.push(first ? quoted : `,${quoted}`);
			first = false;
			const x = v[c.name];
			if (!open || x instanceof Uint8Array) w(x, out);
			else {
				const selected = open.table?.types[String(v[open.table.keyComponent])];
				if (!selected) fail();
				sub(selected!)(x, out);
			}
		}
		out.push('}');
	};
}

/**
 * The JER text of the message a MessageFrame value carries (`{bsmFrame: X}` -> X's; for
 * msgFrameExt the open type's value, as the type its messageId selects), or undefined when the
 * fast path does not write it.
 */
export function messageJerText(set: SchemaSet, frame: AsnValue): string | undefined {
	const root = resolved(set, { kind: 'ref', name: set.root ?? 'MessageFrame' });
	const [alt, inner] = isObject(frame) ? Object.entries(frame)[0] ?? [] : [];
	const a = root?.kind === 'choice' ? [...root.root, ...root.additions].find((x) => x.name === alt) : undefined;
	if (!a || inner === undefined) return undefined;
	if (alt !== 'msgFrameExt') return jerText(set, a.type, inner);
	const ext = resolved(set, a.type);
	if (ext?.kind !== 'sequence' || !isObject(inner)) return undefined;
	for (const c of ext.components) {
		const t = resolved(set, c.type);
		if (t?.kind !== 'openType' || !t.table) continue;
		const selected = t.table.types[String(inner[t.table.keyComponent])];
		return selected && !(inner[c.name] instanceof Uint8Array) ? jerText(set, selected, inner[c.name]) : undefined;
	}
	return undefined;
}

function resolved(set: SchemaSet, t: AsnType | undefined): AsnType | undefined {
	for (let hops = 0; t && t.kind === 'ref' && hops < 64; hops++) t = set.types[t.name];
	return t;
}
