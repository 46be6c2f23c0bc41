// Name resolution across a module set (X.680 13.12-13.17): each module sees its own
// assignments and what it IMPORTS FROM another module, which must define and export it.
import type { AstAssignment, AstModule } from './ast';
import { Asn1Error, placeText, type SourcePlace } from './errors';

/** An assignment and the module it is written in. */
export interface Defined {
	module: AstModule;
	assignment: AstAssignment;
}

/** Longest chain of re-exported imports followed before giving up (a cycle of imports). */
const MAX_IMPORT_CHAIN = 32;

export class ModuleScope {
	readonly modules = new Map<string, AstModule>();
	private readonly local = new Map<string, Map<string, AstAssignment>>();

	/** Indexes the modules; throws `Asn1Error` on a module or assignment defined twice. */
	constructor(modules: AstModule[]) {
		for (const m of modules) {
			const before = this.modules.get(m.name);
			if (before) throw new Asn1Error(`module ${m.name} is defined twice (first at ${placeText(before.place)})`, m.place);
			this.modules.set(m.name, m);
			const names = new Map<string, AstAssignment>();
			for (const a of m.assignments) {
				const first = names.get(a.name);
				if (first) throw new Asn1Error(`${a.name} is assigned twice in module ${m.name} (first at ${placeText(first.place)})`, a.place);
				names.set(a.name, a);
			}
			this.local.set(m.name, names);
		}
	}

	/** Checks every IMPORTS clause: the module exists, defines (or itself imports) and exports each symbol. */
	checkImports(): void {
		for (const m of this.modules.values()) {
			for (const imp of m.imports) for (const symbol of imp.symbols) this.fromModule(imp.module, symbol, imp.place, m.name, 0);
		}
	}

	/**
	 * What `name` means inside module `from` (a reference written at `place`): a local
	 * assignment or an imported one. `inModule` forces a `Module.Name` reference. Throws
	 * `Asn1Error` naming the reference and where it is used when nothing defines it.
	 */
	lookup(from: AstModule, name: string, place: SourcePlace, inModule?: string): Defined {
		if (inModule) return this.fromModule(inModule, name, place, from.name, 0);
		const own = this.local.get(from.name)?.get(name);
		if (own) return { module: from, assignment: own };
		const imp = from.imports.find((i) => i.symbols.includes(name));
		if (imp) return this.fromModule(imp.module, name, place, from.name, 0);
		throw new Asn1Error(`unresolved reference ${name}: module ${from.name} neither defines nor imports it`, place);
	}

	private fromModule(moduleName: string, name: string, place: SourcePlace, user: string, depth: number): Defined {
		const m = this.modules.get(moduleName);
		if (!m) throw new Asn1Error(`${user} imports ${name} from module ${moduleName}, which is not in the set`, place);
		if (m.exports && !m.exports.includes(name)) {
			throw new Asn1Error(`${user} imports ${name} from module ${moduleName}, which does not export it`, place);
		}
		const own = this.local.get(m.name)?.get(name);
		if (own) return { module: m, assignment: own };
		const imp = m.imports.find((i) => i.symbols.includes(name));
		if (!imp || depth >= MAX_IMPORT_CHAIN) {
			throw new Asn1Error(`${user} imports ${name} from module ${moduleName}, which does not define it`, place);
		}
		return this.fromModule(imp.module, name, place, m.name, depth + 1);
	}
}
