// fast-check arbitraries for valid messages, built from the schema: every range, length, count
// and enum of the model is respected, so whatever they generate must validate and round-trip.
import fc from 'fast-check';
import Long from 'long';
import { enumIndex, is64, messageIndex, schema, type FieldMeta } from '../schema';
import type { PbObject } from '../json';
import { typeLimits } from '../values';

const MAX_DEPTH = 7;

function intArb(f: FieldMeta): fc.Arbitrary<unknown> {
	const [tlo, thi] = typeLimits(f.type)!;
	let lo = f.range ? BigInt(f.range[0]) : tlo;
	let hi = f.range ? BigInt(f.range[1]) : thi;
	if (lo < tlo) lo = tlo;
	if (hi > thi) hi = thi;
	const big = fc.bigInt({ min: lo, max: hi });
	if (is64(f.type)) return big.map((v) => Long.fromString(v.toString(), f.type === 'uint64' || f.type === 'fixed64'));
	return big.map((v) => Number(v));
}

function scalarArb(f: FieldMeta): fc.Arbitrary<unknown> {
	if (f.kind === 'enum') return fc.constantFrom(...schema.enums[f.type].values.map((v) => v.number));
	switch (f.type) {
		case 'bool': return fc.boolean();
		case 'string': {
			const [a, b] = f.length ?? [0, 40];
			return fc.string({ unit: 'grapheme', minLength: a, maxLength: Math.min(b, a + 12) }).filter((s) => {
				const n = [...s].length;
				return n >= a && n <= b;
			});
		}
		case 'bytes': {
			const [a, b] = f.length ?? [0, 40];
			return fc.uint8Array({ minLength: a, maxLength: Math.min(b, a + 12) });
		}
		case 'float': return fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => Math.fround(x));
		case 'double': return fc.double({ noNaN: true, noDefaultInfinity: true });
		default: return intArb(f);
	}
}

const cache = new Map<string, fc.Arbitrary<PbObject>>();

/** Valid objects of a message type (depth-limited for nested lists). */
export function messageArb(typeName: string, depth = 0): fc.Arbitrary<PbObject> {
	const key = `${typeName}@${depth}`;
	const hit = cache.get(key);
	if (hit) return hit;
	const idx = messageIndex(typeName);
	const parts: Record<string, fc.Arbitrary<unknown>> = {};
	const requiredKeys: string[] = [];
	const oneofs = idx.meta.oneofs;
	for (const f of idx.meta.fields) {
		if (f.oneof) continue;
		let arb: fc.Arbitrary<unknown>;
		if (f.repeated) {
			const [a, b] = f.count ?? [0, 3];
			const max = depth >= MAX_DEPTH ? a : Math.min(b, a + (depth > 3 ? 1 : 3));
			const el = f.kind === 'message' ? messageArb(f.type, depth + 1) : scalarArb(f);
			arb = fc.array(el, { minLength: a, maxLength: max });
			if (a > 0) requiredKeys.push(f.prop);
		} else if (f.kind === 'message') {
			if (depth >= MAX_DEPTH) continue;
			arb = messageArb(f.type, depth + 1);
		} else {
			arb = scalarArb(f);
			// implicit fields whose range excludes the default must be present
			const zeroOk = !f.range || (f.range[0] <= 0 && f.range[1] >= 0);
			const lenOk = !f.length || f.length[0] === 0;
			if (!f.optional && (!zeroOk || !lenOk)) requiredKeys.push(f.prop);
		}
		parts[f.prop] = arb;
	}
	const base = fc.record(parts, { requiredKeys: requiredKeys as never[] }) as fc.Arbitrary<PbObject>;
	const oneofArbs = Object.values(oneofs).map((members) => {
		const fields = members.map((n) => idx.byName.get(n)!);
		const choices = fields
			.filter((f) => f.kind !== 'message' || depth < MAX_DEPTH)
			.map((f) => (f.kind === 'message' ? messageArb(f.type, depth + 1) : scalarArb(f)).map((v) => ({ [f.prop]: v })));
		const required = typeName === schema.frame;
		return required ? fc.oneof(...choices) : fc.oneof(fc.constant({}), ...choices);
	});
	const arb = fc.tuple(base, ...oneofArbs).map(([b, ...os]) => Object.assign({}, b, ...os) as PbObject);
	cache.set(key, arb);
	return arb;
}

/** Valid MessageFrames of any type. */
export const frameArb = () =>
	messageArb(schema.frame).map((f) => ({ ...f, protocolVersion: 1 }));

/** Valid MessageFrames carrying one given payload type. */
export function frameOfArb(type: string): fc.Arbitrary<PbObject> {
	const f = messageIndex(schema.frame).byName.get(type)!;
	return messageArb(f.type, 1).map((p) => ({ protocolVersion: 1, [f.prop]: p }));
}

export { enumIndex };
