// Validation of a message object against every constraint the model states: the ranges, lengths
// and counts of the proto comments, enum values, integer types, and a frame's payload.
import { checks } from './generated/checks.js';
import { enumIndex, is64, messageIndex, schema, type FieldMeta } from './schema';
import { isPresent, type PbObject } from './json';
import { isIntegerType, toBigInt, typeLimits } from './values';

export interface Violation {
	/** Field path, e.g. `bsm.pos.lat`. */
	path: string;
	code: 'range' | 'length' | 'count' | 'enum' | 'type' | 'missing';
	/** The offending value as text. */
	value: string;
	/** One line for a person, starting with the path. */
	message: string;
	/** What was wanted, for an interface to say it in another language. */
	want?: { lo?: number; hi?: number; unit?: string; unavailable?: number; text?: string; type?: string };
}

function unitNote(f: FieldMeta): string {
	const parts: string[] = [];
	if (f.unit && f.unit.symbol !== '1') parts.push(`unit ${f.unit.text}`);
	if (f.unavailable !== undefined) parts.push(`${f.unavailable} = unavailable`);
	return parts.length ? ` (${parts.join('; ')})` : '';
}

function checkScalar(f: FieldMeta, v: unknown, path: string, out: Violation[]) {
	const push = (code: Violation['code'], value: string, text: string, want?: Violation['want']) =>
		out.push({ path, code, value, message: `${path}: ${text}`, want });
	if (f.kind === 'enum' || isIntegerType(f.type)) {
		// 32-bit fields hold JS numbers; 64-bit ones may also hold Long, bigint or decimal strings
		if (typeof v !== 'number' && (f.kind === 'enum' || !is64(f.type)))
			return push('type', String(v), `${JSON.stringify(v)} is not a number`);
		const n = toBigInt(v);
		if (n === null) return push('type', String(v), `${JSON.stringify(v)} is not an integer`);
		const [lo, hi] = typeLimits(f.kind === 'enum' ? 'enum' : f.type)!;
		if (n < lo || n > hi) return push('type', String(n), `${n} does not fit in ${f.type}`);
		if (f.kind === 'enum') {
			if (!enumIndex(f.type).byNumber.has(Number(n)))
				push('enum', String(n), `${n} is not a value of enum ${f.type}`, { type: f.type });
			return;
		}
		if (f.range && (n < BigInt(f.range[0]) || n > BigInt(f.range[1])))
			push('range', String(n), `${n} out of range ${f.range[0]}..${f.range[1]}${unitNote(f)}`, {
				lo: f.range[0], hi: f.range[1], unit: f.unit && f.unit.symbol !== '1' ? f.unit.text : undefined, unavailable: f.unavailable
			});
		return;
	}
	switch (f.type) {
		case 'float':
		case 'double':
			if (typeof v !== 'number') return push('type', String(v), `${JSON.stringify(v)} is not a number`);
			if (f.range && (v < f.range[0] || v > f.range[1]))
				push('range', String(v), `${v} out of range ${f.range[0]}..${f.range[1]}${unitNote(f)}`, { lo: f.range[0], hi: f.range[1], unit: f.unit?.text });
			return;
		case 'bool':
			if (typeof v !== 'boolean') push('type', String(v), `${JSON.stringify(v)} is not true or false`);
			return;
		case 'string': {
			if (typeof v !== 'string') return push('type', String(v), `${JSON.stringify(v)} is not a string`);
			const len = [...v].length;
			if (f.length && (len < f.length[0] || len > f.length[1]))
				push('length', JSON.stringify(v), `text of ${len} characters; wants ${lenText(f.length)}`, { text: lenText(f.length) });
			return;
		}
		case 'bytes': {
			if (!(v instanceof Uint8Array)) return push('type', String(v), `not bytes`);
			if (f.length && (v.length < f.length[0] || v.length > f.length[1]))
				push('length', `${v.length} bytes`, `${v.length} bytes; wants ${lenText(f.length)} bytes`, { text: lenText(f.length) });
			return;
		}
	}
}

const lenText = ([a, b]: [number, number]) => (a === b ? `exactly ${a}` : `${a}..${b}`);

/** A field with its checks precomputed; `lo..hi` already merges the type's limits and the range. */
interface FieldPlan {
	f: FieldMeta;
	fast: 'int' | 'enum' | 'other' | 'message';
	lo: number;
	hi: number;
	enums?: Set<number>;
	/** For implicit fields: whether the default (absent) value passes. */
	defaultOk: boolean;
	explicit: boolean;
}

interface MessagePlan {
	fields: FieldPlan[];
	oneofs: [string, FieldMeta[]][];
	isFrame: boolean;
}

const plans = new Map<string, MessagePlan>();

function planFor(typeName: string): MessagePlan {
	let plan = plans.get(typeName);
	if (plan) return plan;
	const idx = messageIndex(typeName);
	plan = {
		fields: idx.meta.fields.map((f) => {
			const explicit = !!(f.optional || f.oneof);
			if (f.kind === 'message') return { f, fast: 'message', lo: 0, hi: 0, defaultOk: true, explicit };
			if (f.kind === 'enum') {
				const enums = new Set(schema.enums[f.type].values.map((v) => v.number));
				return { f, fast: 'enum', lo: 0, hi: 0, enums, defaultOk: enums.has(0), explicit };
			}
			if (isIntegerType(f.type) && !is64(f.type)) {
				const [tlo, thi] = typeLimits(f.type)!;
				const lo = Math.max(Number(tlo), f.range ? f.range[0] : -Infinity);
				const hi = Math.min(Number(thi), f.range ? f.range[1] : Infinity);
				return { f, fast: 'int', lo, hi, defaultOk: lo <= 0 && hi >= 0, explicit };
			}
			const probe: Violation[] = [];
			checkScalar(f, defaultOf(f), '', probe);
			return { f, fast: 'other', lo: 0, hi: 0, defaultOk: probe.length === 0, explicit };
		}),
		oneofs: Object.entries(idx.meta.oneofs).map(([name, members]) => [name, members.map((n) => idx.byName.get(n)!)]),
		isFrame: typeName === schema.frame
	};
	plans.set(typeName, plan);
	return plan;
}

/** Path segments of the field being checked; joined only when a violation is reported. */
type PathStack = string[];
const pathOf = (stack: PathStack, last: string) => (stack.length ? stack.join('.') + '.' + last : last);

function checkMessage(typeName: string, msg: unknown, stack: PathStack, out: Violation[]) {
	if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
		const path = stack.join('.');
		out.push({ path, code: 'type', value: String(msg), message: `${path}: not a ${typeName} message` });
		return;
	}
	const m = msg as PbObject;
	const plan = planFor(typeName);
	for (const p of plan.fields) {
		const f = p.f;
		const v = m[f.prop];
		if (f.repeated) {
			if (v === undefined || v === null) {
				if (f.count && f.count[0] > 0) {
					const path = pathOf(stack, f.name);
					out.push({ path, code: 'count', value: '0', message: `${path}: 0 elements; wants ${lenText(f.count)}`, want: { text: lenText(f.count) } });
				}
				continue;
			}
			if (!Array.isArray(v)) {
				const path = pathOf(stack, f.name);
				out.push({ path, code: 'type', value: String(v), message: `${path}: not a list` });
				continue;
			}
			if (f.count && (v.length < f.count[0] || v.length > f.count[1])) {
				const path = pathOf(stack, f.name);
				out.push({ path, code: 'count', value: String(v.length), message: `${path}: ${v.length} elements; wants ${lenText(f.count)}`, want: { text: lenText(f.count) } });
			}
			for (let i = 0; i < v.length; i++) {
				const seg = `${f.name}[${i}]`;
				if (p.fast === 'message') {
					stack.push(seg);
					checkMessage(f.type, v[i], stack, out);
					stack.pop();
				} else if (!fastOk(p, v[i])) checkScalar(f, v[i], pathOf(stack, seg), out);
			}
			continue;
		}
		if (p.fast === 'message') {
			if (v !== undefined && v !== null) {
				stack.push(f.name);
				checkMessage(f.type, v, stack, out);
				stack.pop();
			}
			continue;
		}
		if (v === undefined || v === null) {
			// absent: explicit-presence fields need nothing; implicit ones hold the default
			if (!p.explicit && !p.defaultOk) checkScalar(f, defaultOf(f), pathOf(stack, f.name), out);
			continue;
		}
		if (!fastOk(p, v)) checkScalar(f, v, pathOf(stack, f.name), out);
	}
	for (const [name, members] of plan.oneofs) {
		let set: string[] | undefined;
		for (const f of members) if (isPresent(m, f)) (set ??= []).push(f.name);
		if (set && set.length > 1) {
			const path = pathOf(stack, name);
			out.push({ path, code: 'type', value: set.join(','), message: `${path}: ${set.join(' and ')} are both set; a oneof holds one` });
		}
		if (plan.isFrame && name === 'payload' && !set) {
			const path = pathOf(stack, name);
			out.push({ path, code: 'missing', value: '', message: `${path}: the frame carries no message` });
		}
	}
}

/** The common case decided without allocating: a valid 32-bit integer or enum. */
function fastOk(p: FieldPlan, v: unknown): boolean {
	if (p.fast === 'int') return typeof v === 'number' && Number.isInteger(v) && v >= p.lo && v <= p.hi;
	if (p.fast === 'enum') return typeof v === 'number' && p.enums!.has(v);
	return false; // strings, bytes, 64-bit, floats: the full check
}

function defaultOf(f: FieldMeta): unknown {
	if (f.kind === 'enum') return 0;
	switch (f.type) {
		case 'bool': return false;
		case 'string': return '';
		case 'bytes': return new Uint8Array(0);
		default: return 0;
	}
}

/** Every violation in a message object (default: a MessageFrame), in field order. */
export function validateMessage(msg: unknown, typeName: string = schema.frame): Violation[] {
	const fast = checks[typeName];
	if (fast && fast(msg)) return []; // the generated check: no allocation on the common path
	const out: Violation[] = [];
	checkMessage(typeName, msg, [], out);
	return out;
}
