// Lowers the parser's syntax tree to the codec's schema tables (../schema.ts): references
// resolved across modules, constraints reduced to their PER-visible effect, the information
// object set of phase 2 turned into an open type with a key -> type table.
import type { Alternative, AsnType, AsnValue, CharStringKind, Component, EnumItem, ExtensionAddition } from '../schema';
import type { AstComponent, AstComponentList, AstConstraint, AstEnumItem, AstModule, AstType, AstValue } from './ast';
import { Asn1Error, placeText, type SourcePlace } from './errors';
import { effectiveAlphabet, effectiveRange, effectiveSize } from './lower-constraints';
import { lowerOpenType } from './object-set';
import type { Defined, ModuleScope } from './scope';

const PER_CHARACTER_STRINGS = new Set<string>(['IA5String', 'UTF8String', 'NumericString', 'PrintableString', 'VisibleString']);

/** How far a chain of plain references (`A ::= B`, `B ::= C`) is followed before it is called a cycle. */
const MAX_REFERENCE_CHAIN = 64;
/**
 * How many constrained references may be expanded inside each other (`A ::= B (1..4)` with
 * `B ::= C (0..9)` ...): each expansion lowers a whole type, so this bounds the stack.
 */
const MAX_CONSTRAINED_EXPANSION = 16;

export class Lowerer {
	/** Constrained references being expanded right now (`A ::= B (1..4)` inside `B ::= C (..)`...). */
	private expanding = 0;

	constructor(
		readonly scope: ModuleScope,
		/** The schema-table name of each type assignment: its own name, `Module.Name` on a clash. */
		readonly globalName: (d: Defined) => string
	) {}

	/**
	 * The schema type of `type` written in `module`. A plain reference stays a `ref`; a
	 * constrained one becomes the referenced type with the constraints applied. Throws
	 * `Asn1Error` naming the place of an unresolved reference or unsupported construct.
	 */
	lower(type: AstType, module: AstModule): AsnType {
		switch (type.kind) {
			case 'ref':
				return this.lowerReference(type, module);
			case 'class field':
				return lowerOpenType(this, type, module);
			case 'SEQUENCE':
			case 'SET':
				return this.lowerSequence(type.components, module);
			case 'CHOICE':
				return this.lowerChoice(type.components, module);
			case 'SEQUENCE OF':
			case 'SET OF': {
				const out: AsnType = { kind: 'sequenceOf', element: this.lower(type.element, module) };
				const size = effectiveSize(type.constraints, this.valueOf(module));
				if (size) out.size = size;
				if (type.elementName) out.elementName = type.elementName;
				return out;
			}
		}
		return this.constrain(this.lowerSimple(type, module), type.constraints, module);
	}

	private lowerSimple(type: AstType, module: AstModule): AsnType {
		switch (type.kind) {
			case 'INTEGER': {
				const out: AsnType = { kind: 'integer' };
				if (type.namedNumbers.length) out.named = this.namedNumbers(type.namedNumbers, module);
				return out;
			}
			case 'BOOLEAN':
				return { kind: 'boolean' };
			case 'NULL':
				return { kind: 'null' };
			case 'ENUMERATED':
				return { kind: 'enumerated', ...numberEnumeration(type.root, type.additions, (v) => this.number(v, module)), extensible: type.extensible };
			case 'BIT STRING': {
				const out: AsnType = { kind: 'bitString' };
				if (type.namedBits.length) out.namedBits = this.namedNumbers(type.namedBits, module);
				return out;
			}
			case 'OCTET STRING':
				return { kind: 'octetString' };
			case 'restricted string':
				if (!PER_CHARACTER_STRINGS.has(type.stringType)) throw new Asn1Error(`${type.stringType} is not supported by the UPER codec`, type.place);
				return { kind: 'charString', stringKind: type.stringType as CharStringKind };
		}
		throw new Asn1Error(`unexpected ${type.kind}`, type.place);
	}

	/** Applies constraints written on a simple type or a reference to the lowered type `base`. */
	private constrain(base: AsnType, constraints: AstConstraint[], module: AstModule): AsnType {
		if (constraints.length === 0) return base;
		const valueOf = this.valueOf(module);
		const out = { ...base } as AsnType;
		if (out.kind === 'integer') {
			const range = effectiveRange(constraints, valueOf, out.range);
			if (range) out.range = range;
		} else if (out.kind === 'bitString' || out.kind === 'octetString' || out.kind === 'charString' || out.kind === 'sequenceOf') {
			const size = effectiveSize(constraints, valueOf, out.size);
			if (size) out.size = size;
			if (out.kind === 'charString') {
				const alphabet = effectiveAlphabet(constraints, valueOf);
				if (alphabet !== undefined) out.alphabet = alphabet;
			}
		} else if (out.kind !== 'enumerated' && out.kind !== 'boolean') {
			throw new Asn1Error(`constraints on a ${out.kind} type are not supported`, constraints[0].place);
		}
		return out;
	}

	private lowerReference(type: Extract<AstType, { kind: 'ref' }>, module: AstModule): AsnType {
		const target = this.scope.lookup(module, type.name, type.place, type.module);
		if (target.assignment.kind !== 'type') {
			throw new Asn1Error(`${type.name} is used as a type but is a ${target.assignment.kind} (${placeText(target.assignment.place)})`, type.place);
		}
		if (type.constraints.length === 0) return { kind: 'ref', name: this.globalName(target) };
		if (this.expanding >= MAX_CONSTRAINED_EXPANSION) {
			throw new Asn1Error(`constrained references nest deeper than ${MAX_CONSTRAINED_EXPANSION} (a cycle through ${type.name}?)`, type.place);
		}
		this.expanding++;
		try {
			return this.constrain(this.resolveFully(target, type), type.constraints, module);
		} finally {
			this.expanding--;
		}
	}

	/** The lowered type a reference finally names, following plain references (cycles refused). */
	private resolveFully(target: Defined, user: AstType): AsnType {
		let d = target;
		for (let i = 0; i < MAX_REFERENCE_CHAIN; i++) {
			if (d.assignment.kind !== 'type') break;
			const t = d.assignment.type;
			if (t.kind !== 'ref' || t.constraints.length) return this.lower(t, d.module);
			d = this.scope.lookup(d.module, t.name, t.place, t.module);
		}
		throw new Asn1Error(`the type reference chain from here does not end in a type (a cycle?)`, user.place);
	}

	private lowerSequence(list: AstComponentList, module: AstModule): AsnType {
		const components = list.root.map((c) => this.component(c, module));
		const additions: ExtensionAddition[] = list.additions.map((a) => {
			const out: ExtensionAddition = { group: a.group, components: a.components.map((c) => this.component(c, module)) };
			if (a.version !== undefined) out.version = a.version;
			return out;
		});
		const out: AsnType = { kind: 'sequence', components, extensible: list.extensible, additions };
		if (list.trailingRoot.length) out.trailingRoot = list.trailingRoot.map((c) => this.component(c, module));
		return out;
	}

	private lowerChoice(list: AstComponentList, module: AstModule): AsnType {
		const alt = (c: AstComponent): Alternative => ({ name: c.name, type: this.lower(c.type, module) });
		return { kind: 'choice', root: list.root.map(alt), extensible: list.extensible, additions: list.additions.flatMap((a) => a.components).map(alt) };
	}

	private component(c: AstComponent, module: AstModule): Component {
		const out: Component = { name: c.name, type: this.lower(c.type, module) };
		if (c.optional) out.optional = true;
		if (c.default) out.default = this.typedValue(c.default, c.type, module, c.place);
		return out;
	}

	/**
	 * A value of `type` as the JS value model has it (X.680 17.7): a literal, a value
	 * reference, or an identifier the type itself names (an ENUMERATED item gives its name, an
	 * INTEGER named number its number). Throws `Asn1Error` at `place` for anything else.
	 */
	typedValue(v: AstValue, type: AstType, module: AstModule, place: SourcePlace): AsnValue {
		if (v.kind === 'number' || v.kind === 'boolean' || v.kind === 'cstring') return v.value;
		const base = this.baseOf(type, module);
		if (v.kind === 'bstring' || v.kind === 'hstring') return stringValue(v.kind, v.digits, base?.type.kind, v.place);
		if (v.kind !== 'ref') throw new Asn1Error(`${v.kind} is not a value here`, place);
		const own = base && identifierIn(base.type, v.name, (n) => this.number(n, base.module));
		if (own !== undefined) return own;
		return this.valueNamed(v.name, v.place, module);
	}

	/** The type a plain reference chain ends in, with its module; undefined if it ends elsewhere. */
	private baseOf(type: AstType, module: AstModule): { type: AstType; module: AstModule } | undefined {
		let t = type;
		let m = module;
		for (let i = 0; i < MAX_REFERENCE_CHAIN && t.kind === 'ref'; i++) {
			const d = this.scope.lookup(m, t.name, t.place, t.module);
			if (d.assignment.kind !== 'type') return undefined;
			t = d.assignment.type;
			m = d.module;
		}
		return t.kind === 'ref' ? undefined : { type: t, module: m };
	}

	private namedNumbers(items: { name: string; value: AstValue }[], module: AstModule): Record<string, number> {
		const out: Record<string, number> = {};
		for (const item of items) out[item.name] = this.number(item.value, module);
		return out;
	}

	/** A number written in `module`: a literal or a value reference to a number. */
	number(v: AstValue, module: AstModule): number {
		const n = v.kind === 'number' ? v.value : v.kind === 'ref' ? this.valueNamed(v.name, v.place, module) : undefined;
		if (typeof n !== 'number') throw new Asn1Error(`expected a number, found ${v.kind === 'ref' ? v.name : v.kind}`, v.kind === 'ref' ? v.place : module.place);
		return n;
	}

	/** Resolves value references in constraints, in `module`'s scope. */
	valueOf(module: AstModule) {
		return (v: AstValue, where: AstConstraint): number | bigint | string | boolean | null => {
			if (v.kind === 'ref') return this.valueNamed(v.name, v.place, module);
			if (v.kind === 'number' || v.kind === 'cstring' || v.kind === 'boolean') return v.value;
			throw new Asn1Error(`${v.kind} is not a value here`, where.place);
		};
	}

	/** The value of a value assignment `name` seen from `module` (number, string or boolean). */
	valueNamed(name: string, place: AstConstraint['place'], module: AstModule, depth = 0): number | bigint | string | boolean {
		const d = this.scope.lookup(module, name, place);
		if (d.assignment.kind !== 'value') throw new Asn1Error(`${name} is used as a value but is a ${d.assignment.kind} assignment`, place);
		const v = d.assignment.value;
		if (v.kind === 'number' || v.kind === 'cstring' || v.kind === 'boolean') return v.value;
		if (v.kind === 'ref') {
			const base = this.baseOf(d.assignment.type, d.module);
			const own = base && identifierIn(base.type, v.name, (n) => this.number(n, base.module));
			if (own !== undefined) return own;
			if (depth < MAX_REFERENCE_CHAIN) return this.valueNamed(v.name, v.place, d.module, depth + 1);
		}
		throw new Asn1Error(`value ${name} does not reduce to a number, string or boolean`, place);
	}
}

/** What identifier `name` means within `type`: an ENUMERATED item (its name), an INTEGER named number. */
function identifierIn(type: AstType, name: string, number: (v: AstValue) => number): string | number | undefined {
	if (type.kind === 'ENUMERATED' && [...type.root, ...type.additions].some((item) => item.name === name)) return name;
	const named = type.kind === 'INTEGER' ? type.namedNumbers.find((n) => n.name === name) : undefined;
	return named ? number(named.value) : undefined;
}

/**
 * A `'0101'B` or `'A0F'H` value of a BIT STRING (`{ bits, length }`, length = digits x 1 or
 * x 4) or an OCTET STRING (octets, the last padded with 0 bits, X.680 23.3). Throws
 * `Asn1Error` at `place` for another type.
 */
function stringValue(kind: 'bstring' | 'hstring', digits: string, typeKind: AstType['kind'] | undefined, place: SourcePlace): AsnValue {
	const bitText = kind === 'bstring' ? digits : [...digits].map((h) => parseInt(h, 16).toString(2).padStart(4, '0')).join('');
	const bits = new Uint8Array(Math.ceil(bitText.length / 8));
	for (let i = 0; i < bitText.length; i++) if (bitText[i] === '1') bits[i >> 3] |= 0x80 >> (i & 7);
	if (typeKind === 'BIT STRING') return { bits, length: bitText.length };
	if (typeKind === 'OCTET STRING') return bits;
	throw new Asn1Error(`a ${kind === 'bstring' ? "'...'B" : "'...'H"} value needs a BIT STRING or OCTET STRING type`, place);
}

/**
 * Numbers of an ENUMERATED (X.680 20.2-20.4): root items without a number take the smallest
 * non-negative number not written in the root; additions without one take one more than the
 * largest number so far. Throws `Asn1Error` on a number used twice.
 */
export function numberEnumeration(root: AstEnumItem[], additions: AstEnumItem[], number: (v: AstValue) => number): { root: EnumItem[]; additions: EnumItem[] } {
	const used = new Set<number>();
	const explicit = (item: AstEnumItem): number | undefined => (item.value ? number(item.value) : undefined);
	for (const item of root) {
		const n = explicit(item);
		if (n === undefined) continue;
		if (used.has(n)) throw new Asn1Error(`ENUMERATED number ${n} is used twice`, item.place);
		used.add(n);
	}
	let next = 0;
	const rootItems = root.map((item) => {
		let n = explicit(item);
		if (n === undefined) {
			while (used.has(next)) next++;
			n = next;
			used.add(n);
		}
		return { name: item.name, value: n };
	});
	let largest = Math.max(-1, ...used);
	const additionItems = additions.map((item) => {
		const n = explicit(item) ?? largest + 1;
		if (used.has(n)) throw new Asn1Error(`ENUMERATED number ${n} is used twice`, item.place);
		used.add(n);
		largest = Math.max(largest, n);
		return { name: item.name, value: n };
	});
	return { root: rootItems, additions: additionItems };
}
