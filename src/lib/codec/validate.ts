// Validation of a message object against every constraint the model states: the ranges, lengths
// and counts of the proto comments, enum values, integer types, and a frame's payload.
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
}

function unitNote(f: FieldMeta): string {
	const parts: string[] = [];
	if (f.unit && f.unit.symbol !== '1') parts.push(`unit ${f.unit.text}`);
	if (f.unavailable !== undefined) parts.push(`${f.unavailable} = unavailable`);
	return parts.length ? ` (${parts.join('; ')})` : '';
}

function checkScalar(f: FieldMeta, v: unknown, path: string, out: Violation[]) {
	const push = (code: Violation['code'], value: string, text: string) =>
		out.push({ path, code, value, message: `${path}: ${text}` });
	if (f.kind === 'enum' || isIntegerType(f.type)) {
		const n = toBigInt(v);
		if (n === null) return push('type', String(v), `${JSON.stringify(v)} is not an integer`);
		const [lo, hi] = typeLimits(f.kind === 'enum' ? 'enum' : f.type)!;
		if (n < lo || n > hi) return push('type', String(n), `${n} does not fit in ${f.type}`);
		if (f.kind === 'enum') {
			if (!enumIndex(f.type).byNumber.has(Number(n)))
				push('enum', String(n), `${n} is not a value of enum ${f.type}`);
			return;
		}
		if (f.range && (n < BigInt(f.range[0]) || n > BigInt(f.range[1])))
			push('range', String(n), `${n} out of range ${f.range[0]}..${f.range[1]}${unitNote(f)}`);
		return;
	}
	switch (f.type) {
		case 'float':
		case 'double':
			if (typeof v !== 'number') return push('type', String(v), `${JSON.stringify(v)} is not a number`);
			if (f.range && (v < f.range[0] || v > f.range[1]))
				push('range', String(v), `${v} out of range ${f.range[0]}..${f.range[1]}${unitNote(f)}`);
			return;
		case 'bool':
			if (typeof v !== 'boolean') push('type', String(v), `${JSON.stringify(v)} is not true or false`);
			return;
		case 'string': {
			if (typeof v !== 'string') return push('type', String(v), `${JSON.stringify(v)} is not a string`);
			const len = [...v].length;
			if (f.length && (len < f.length[0] || len > f.length[1]))
				push('length', JSON.stringify(v), `text of ${len} characters; wants ${lenText(f.length)}`);
			return;
		}
		case 'bytes': {
			if (!(v instanceof Uint8Array)) return push('type', String(v), `not bytes`);
			if (f.length && (v.length < f.length[0] || v.length > f.length[1]))
				push('length', `${v.length} bytes`, `${v.length} bytes; wants ${lenText(f.length)} bytes`);
			return;
		}
	}
}

const lenText = ([a, b]: [number, number]) => (a === b ? `exactly ${a}` : `${a}..${b}`);

function checkMessage(typeName: string, msg: unknown, path: string, out: Violation[]) {
	if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
		out.push({ path, code: 'type', value: String(msg), message: `${path}: not a ${typeName} message` });
		return;
	}
	const m = msg as PbObject;
	const idx = messageIndex(typeName);
	const join = (name: string) => (path ? `${path}.${name}` : name);
	for (const f of idx.meta.fields) {
		const p = join(f.name);
		const v = m[f.prop];
		if (f.repeated) {
			const arr = v === undefined || v === null ? [] : v;
			if (!Array.isArray(arr)) {
				out.push({ path: p, code: 'type', value: String(v), message: `${p}: not a list` });
				continue;
			}
			if (f.count && (arr.length < f.count[0] || arr.length > f.count[1]))
				out.push({ path: p, code: 'count', value: String(arr.length), message: `${p}: ${arr.length} elements; wants ${lenText(f.count)}` });
			arr.forEach((x, i) =>
				f.kind === 'message' ? checkMessage(f.type, x, `${p}[${i}]`, out) : checkScalar(f, x, `${p}[${i}]`, out)
			);
			continue;
		}
		if (f.kind === 'message') {
			if (v !== undefined && v !== null) checkMessage(f.type, v, p, out);
			continue;
		}
		// explicit presence: only a value that is there is checked; implicit: absent means default
		if (f.optional || f.oneof) {
			if (isPresent(m, f)) checkScalar(f, v, p, out);
			continue;
		}
		const value = v === undefined || v === null ? defaultOf(f) : v;
		checkScalar(f, value, p, out);
	}
	for (const [name, members] of Object.entries(idx.meta.oneofs)) {
		const set = members.filter((n) => {
			const f = idx.byName.get(n)!;
			return isPresent(m, f);
		});
		if (set.length > 1)
			out.push({ path: join(name), code: 'type', value: set.join(','), message: `${join(name)}: ${set.join(' and ')} are both set; a oneof holds one` });
		if (typeName === schema.frame && name === 'payload' && set.length === 0)
			out.push({ path: join(name), code: 'missing', value: '', message: `${join(name)}: the frame carries no message` });
	}
}

function defaultOf(f: FieldMeta): unknown {
	if (f.kind === 'enum') return 0;
	if (is64(f.type)) return 0;
	switch (f.type) {
		case 'bool': return false;
		case 'string': return '';
		case 'bytes': return new Uint8Array(0);
		default: return 0;
	}
}

/** Every violation in a message object (default: a MessageFrame), in field order. */
export function validateMessage(msg: unknown, typeName: string = schema.frame): Violation[] {
	const out: Violation[] = [];
	checkMessage(typeName, msg, '', out);
	return out;
}
