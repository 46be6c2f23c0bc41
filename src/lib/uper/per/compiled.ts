// A SEQUENCE's common case compiled to JavaScript once per type (X.691 19.1–19.6: extension bit
// 0, the preamble, the root components in order). Each compiled function names its components'
// keys as literals and calls its components' own encoders, so the engine's generic loop (one
// shared property look-up and one shared call site for every component of every SEQUENCE) is
// replaced by code the JS engine can specialise per type. Everything else (a trace to emit,
// extension additions, unknown keys, a missing or bad component: every error) goes through the
// generic coder in constructed.ts from the start, which stays the reference; the two give the
// same bits (tests: compiled.test.ts, and every round-trip, golden and interop test).
import * as constructed from './constructed';
import type { Decoder, Encoder } from './plan';

const { componentPath, decodeAdditions, rethrowUnder } = constructed;

type SequencePlan = constructed.SequencePlan;

/**
 * Whether `new Function` may be used (a page with a strict Content-Security-Policy forbids it).
 * A page whose policy meta lacks 'unsafe-eval' is not even probed: the probe itself would be
 * reported as a violation on every page that loads UPER.
 */
function functionsAllowed(): boolean {
	const doc = (globalThis as { document?: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
	const policy = doc?.querySelector('meta[http-equiv="content-security-policy" i]')?.getAttribute('content');
	if (policy != null && /script-src/.test(policy) && !policy.includes("'unsafe-eval'")) return false;
	try {
		return new Function('return 1')() === 1;
	} catch {
		return false;
	}
}

let compiling = functionsAllowed();

/** Switches compilation off (true) or back on where allowed: tests compare both paths. */
export function setInterpretedOnly(off: boolean): void {
	compiling = !off && functionsAllowed();
}

/** Preambles up to this many bits are built as one number (exact below 2^53) and written at once. */
const MAX_PREAMBLE = 52;

/** A JS property access `o[...]` of component name `name` (a string literal: any identifier is safe). */
const key = (name: string) => `[${JSON.stringify(name)}]`;

/**
 * The compiled encoder and decoder of SEQUENCE plan `sp`, falling back to `general` (the
 * generic coder, depth guard included) for everything but the common case; `undefined` when
 * this SEQUENCE is not compiled (no `new Function`, or a preamble over 52 bits).
 * `enter(ctx, bitOffset, path)` is the depth guard (throws 'too_deep').
 */
export function compileSequence(
	sp: SequencePlan,
	general: { encode: Encoder; decode: Decoder },
	enter: (ctx: { depth: number }, bitOffset: number, path: string) => void
): { encode: Encoder; decode: Decoder } | undefined {
	const preambleBits = (sp.extensible ? 1 : 0) + sp.optionalCount;
	if (!compiling || sp.optionalCount > MAX_PREAMBLE || preambleBits > MAX_PREAMBLE) return undefined;
	const helpers = { sp, general, enter, componentPath, decodeAdditions, rethrowUnder };
	try {
		const encode = new Function('H', encoderSource(sp))(helpers) as Encoder;
		const decode = new Function('H', decoderSource(sp))(helpers) as Decoder;
		return { encode, decode };
	} catch {
		return undefined;
	}
}

/** The shared head of both sources: each component and its plan as a constant. */
function prelude(sp: SequencePlan): string {
	const lines = ['"use strict";', 'const { sp, general, enter, componentPath, decodeAdditions, rethrowUnder } = H;'];
	sp.roots.forEach((c, i) => {
		lines.push(`const c${i} = sp.roots[${i}], p${i} = c${i}.plan;`);
	});
	return lines.join('\n');
}

/**
 * X.691 19 encoder source: reads every root component once; any key beyond them (an addition, a
 * stranger) or a missing mandatory component hands the whole value to the generic encoder before
 * a bit is written. Then the extension bit (0) and the preamble in one write, and the components.
 */
function encoderSource(sp: SequencePlan): string {
	const n = sp.roots.length;
	const out = [prelude(sp), 'return function encodeSequenceCompiled(ctx, value, path) {'];
	out.push('if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) return general.encode(ctx, value, path);');
	for (let i = 0; i < n; i++) out.push(`const v${i} = value${key(sp.roots[i].name)};`);
	out.push('let keys = 0;', 'for (const _ in value) keys++;');
	const given = sp.roots.map((_, i) => `(v${i} !== undefined ? 1 : 0)`);
	out.push(`if (keys !== ${given.length ? given.join(' + ') : '0'}) return general.encode(ctx, value, path);`);
	const mandatory = sp.roots.map((c, i) => (c.optional ? '' : `v${i} === undefined`)).filter(Boolean);
	if (mandatory.length) out.push(`if (${mandatory.join(' || ')}) return general.encode(ctx, value, path);`);
	out.push('const w = ctx.w;', 'enter(ctx, w.bitLength, path);');
	// Present on the wire: given, and not equal to its DEFAULT (canonical, X.691 19.5).
	sp.roots.forEach((c, i) => {
		if (c.default !== undefined) out.push(`const s${i} = v${i} !== undefined && !c${i}.isDefault(v${i});`);
		else if (c.optional) out.push(`const s${i} = v${i} !== undefined;`);
	});
	const bits = (sp.extensible ? 1 : 0) + sp.optionalCount;
	if (bits > 0) {
		const terms = sp.roots.flatMap((c, i) => (c.optional ? [`(s${i} ? 1 : 0)`] : []));
		// The extension bit (0: no addition here) is the preamble's leading zero.
		let expr = '0';
		for (const t of terms) expr = `(${expr}) * 2 + ${t}`;
		out.push(`w.writeBits(${expr}, ${bits});`);
	}
	out.push('let at = 0;', 'try {');
	sp.roots.forEach((c, i) => {
		const call = `at = ${i}; p${i}.encode(ctx, v${i}, "", value);`;
		out.push(c.optional ? `if (s${i}) { ${call} }` : call);
	});
	out.push('} catch (e) { rethrowUnder(e, componentPath(sp.roots[at], path)); }');
	out.push('ctx.depth--;', '};');
	return out.join('\n');
}

/**
 * X.691 19 decoder source (no trace: with one the generic decoder emits every node): the
 * extension bit, the preamble read as one number when it fits 32 bits (else bit by bit in
 * place), the present components stored under literal keys, then any additions generically.
 */
function decoderSource(sp: SequencePlan): string {
	const out = [prelude(sp), 'return function decodeSequenceCompiled(ctx, path) {'];
	out.push('if (ctx.trace) return general.decode(ctx, path);', 'const r = ctx.r;', 'enter(ctx, r.pos, path);');
	out.push(sp.extensible ? 'const extended = r.readBit(path) === 1;' : '');
	const count = sp.optionalCount;
	const bitOf = (k: number) =>
		count <= 32 ? `((pre >>> ${count - 1 - k}) & 1)` : `((b[(pre + ${k}) >>> 3] >>> (7 - ((pre + ${k}) & 7))) & 1)`;
	// The generic decoder's 'truncated' message names the preamble: so does this one.
	if (count > 0) out.push(`if (${count} > r.limit - r.pos) r.need(${count}, path, "preamble");`);
	if (count > 0 && count <= 32) out.push(`const pre = r.readBits(${count}, path);`);
	else if (count > 32)
		out.push('const pre = r.pos, b = r.bytes;', `r.pos = pre + ${count};`);
	out.push('const value = {};', 'let at = 0;', 'try {');
	let k = 0;
	sp.roots.forEach((c, i) => {
		const call = `at = ${i}; value${key(c.name)} = p${i}.fast(ctx, "", value);`;
		out.push(c.optional ? `if (${bitOf(k++)}) { ${call} }` : call);
	});
	out.push('} catch (e) { rethrowUnder(e, componentPath(sp.roots[at], path)); }');
	if (sp.extensible) out.push('if (extended) decodeAdditions(ctx, sp, value, path);');
	out.push('ctx.depth--;', 'return value;', '};');
	return out.join('\n');
}

/** For tests: whether SEQUENCEs are compiled in this environment. */
export function compiledSequences(): boolean {
	return compiling;
}
