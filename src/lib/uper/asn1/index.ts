// Public entry of the ASN.1 module parser: a user's module set (texts) -> the codec's schema
// tables. Everything it throws is an `Asn1Error` naming file, line and column.
import type { AsnType, SchemaSet } from '../schema';
import type { AstModule } from './ast';
import { Asn1Error } from './errors';
import { Lowerer } from './lower-type';
import { parseModules } from './parse-module';
import { ModuleScope, type Defined } from './scope';

export { Asn1Error, type SourcePlace } from './errors';
export { parseModules } from './parse-module';

/** One module file: its name (used in error messages) and its text. */
export interface ModuleText {
	name: string;
	text: string;
}

/**
 * Parses and resolves a module set (X.680 modules with AUTOMATIC TAGS, IMPORTS across them,
 * the X.681 class and object set of phase 2) into schema tables: every type assignment of
 * every module, named by its own name, or `Module.Name` where two modules assign the same
 * name; value assignments that reduce to a number, string or boolean in `values`; `root` is
 * `root` (default `MessageFrame`) when the set defines it.
 * Throws `Asn1Error` (file:line:column and what was expected) on a syntax error, an
 * unresolved reference (naming it and where it is used) or an unsupported construct.
 */
export function compileModuleSet(name: string, files: ModuleText[], root = 'MessageFrame'): SchemaSet {
	const modules = files.flatMap((f) => parseModules(f.text, f.name));
	const scope = new ModuleScope(modules);
	scope.checkImports();
	const lowerer = new Lowerer(scope, globalNames(modules));
	const set: SchemaSet = { name, types: {}, values: {}, moduleOf: {} };
	for (const module of modules) {
		for (const a of module.assignments) {
			const global = lowerer.globalName({ module, assignment: a });
			if (a.kind === 'type') {
				set.types[global] = lowerer.lower(a.type, module);
				set.moduleOf![global] = module.name;
			} else if (a.kind === 'value') {
				set.values![a.name] = lowerer.typedValue(a.value, a.type, module, a.place);
			}
		}
	}
	const rootName = Object.keys(set.types).find((n) => n === root || n.endsWith('.' + root));
	if (rootName) set.root = rootName;
	return set;
}

/** Names type assignments: the plain name when only one module assigns it, else `Module.Name`. */
function globalNames(modules: AstModule[]): (d: Defined) => string {
	const count = new Map<string, number>();
	for (const m of modules) for (const a of m.assignments) count.set(a.name, (count.get(a.name) ?? 0) + 1);
	return (d) => ((count.get(d.assignment.name) ?? 0) > 1 ? `${d.module.name}.${d.assignment.name}` : d.assignment.name);
}

/**
 * Every reference reachable from the set's root, checked to name a type of the set; returns
 * the reachable type names. Throws `Asn1Error` naming a dangling reference (a bug, since the
 * lowering resolves every reference).
 */
export function reachableTypes(set: SchemaSet, from = set.root): Set<string> {
	const seen = new Set<string>();
	if (!from) return seen;
	const stack: { type: AsnType; owner: string }[] = [{ type: { kind: 'ref', name: from }, owner: '(root)' }];
	while (stack.length) {
		const { type, owner } = stack.pop()!;
		if (type.kind === 'ref') {
			if (!(type.name in set.types)) throw new Asn1Error(`${owner} refers to ${type.name}, which the set does not define`);
			if (!seen.has(type.name)) {
				seen.add(type.name);
				stack.push({ type: set.types[type.name], owner: type.name });
			}
		} else for (const child of childTypes(type)) stack.push({ type: child, owner });
	}
	return seen;
}

function childTypes(t: AsnType): AsnType[] {
	switch (t.kind) {
		case 'sequence':
			return [...t.components, ...(t.trailingRoot ?? []), ...t.additions.flatMap((a) => a.components)].map((c) => c.type);
		case 'choice':
			return [...t.root, ...t.additions].map((a) => a.type);
		case 'sequenceOf':
			return [t.element];
		case 'openType':
			return t.table ? Object.values(t.table.types) : [];
		default:
			return [];
	}
}
