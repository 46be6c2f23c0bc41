// Shared state of one mapping run between the UPER value model and the protobuf model: the
// schema set walked, the notices raised, and small helpers both directions use.
import { schema, type FieldMeta, type MessageMeta, type PbObject } from '../../codec';
import type { AsnType, AsnValue, Component, SchemaSet, SequenceType } from '../schema';
import { FIELD_ALIASES } from './names';

/** One mapping run: the profile's schema tables and the notices collected so far. */
export interface MapContext {
	set: SchemaSet;
	notices: string[];
	/** the two SEQUENCE/CHOICE walkers, for the hand-written converters of custom.ts */
	walk: {
		toModel(ctx: MapContext, type: AsnType, message: string, value: AsnValue, path: string): PbObject;
		fromModel(ctx: MapContext, type: AsnType, message: string, obj: PbObject, path: string): AsnValue;
	};
}

/** A type with its references followed (X.680 16: a type reference names exactly that type). */
export type ResolvedType = Exclude<AsnType, { kind: 'ref' }>;

/** `type` with every `ref` followed. Throws `Error` for a name the set lacks (a broken schema). */
export function resolve(set: SchemaSet, type: AsnType): ResolvedType {
	let t = type;
	for (let hops = 0; t.kind === 'ref'; hops++) {
		const next = set.types[t.name];
		if (!next || hops > 64) throw new Error(`type ${t.name} is not in schema set ${set.name}`);
		t = next;
	}
	return t;
}

/** The model's message `name` (e.g. `Position3D`); throws `Error` if the schema lacks it. */
export function protoMessage(name: string): MessageMeta {
	const m = schema.messages[name];
	if (!m) throw new Error(`no message ${name} in the protobuf schema`);
	return m;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The model field carrying ASN.1 component (or CHOICE alternative) `component`, of ASN.1 type
 * `type`, in the model message `message`: an alias from `names.ts` (`component:TypeName` first,
 * for names whose meaning differs between profiles, then `component`; of a list of candidates
 * the first not taken), else the field of the same name (any spelling that differs only in case
 * and `_`/`-`). `undefined` when the model lacks it. `siblings`: the names of the enclosing
 * SEQUENCE's components.
 */
export function fieldFor(message: string, component: string, type?: AsnType, siblings: readonly string[] = NO_SIBLINGS): FieldMeta | undefined {
	// memoized: the answer depends only on the arguments, and a mapping asks it for every
	// component of every message (the alias merge and name normalising cost more than the walk).
	// `siblings` comes from componentsOf(), one array per type, so its identity is a fine key.
	let byName = fieldCache.get(siblings);
	if (!byName) fieldCache.set(siblings, (byName = new Map()));
	const typed = type?.kind === 'ref' ? `${component}:${type.name}` : undefined;
	const key = `${message}\0${typed ?? component}`;
	if (byName.has(key)) return byName.get(key);
	const f = findField(message, component, typed, siblings);
	byName.set(key, f);
	return f;
}

const NO_SIBLINGS: readonly string[] = [];
const fieldCache = new WeakMap<readonly string[], Map<string, FieldMeta | undefined>>();

function findField(message: string, component: string, typed: string | undefined, siblings: readonly string[]): FieldMeta | undefined {
	const meta = protoMessage(message);
	const aliases = { ...FIELD_ALIASES['*'], ...FIELD_ALIASES[message] };
	const candidates = [(typed !== undefined ? aliases[typed] : undefined) ?? aliases[component] ?? []].flat();
	// an alias never takes the field a sibling component of that very name carries
	const alias = candidates.find((a) => !siblings.some((s) => s !== component && norm(s) === norm(a)));
	if (alias !== undefined) return meta.fields.find((f) => f.prop === alias);
	return meta.fields.find((f) => f.prop === component) ?? meta.fields.find((f) => norm(f.prop) === norm(component));
}

/** A SEQUENCE's components (X.680 25: root, extension additions, trailing root) and their names. */
export interface SequencePlan {
	components: readonly Component[];
	names: readonly string[];
	/** the model field of each component, by model message name (see fieldFor) */
	fields: Map<string, readonly (FieldMeta | undefined)[]>;
}

/**
 * The components of SEQUENCE `t` and their names, computed once per type: the walkers ask for
 * them for every value they map.
 */
export function componentsOf(t: SequenceType): SequencePlan {
	let c = componentCache.get(t);
	if (!c) {
		const components = [...t.components, ...t.additions.flatMap((a) => a.components), ...(t.trailingRoot ?? [])];
		c = { components, names: components.map((x) => x.name), fields: new Map() };
		componentCache.set(t, c);
	}
	return c;
}

/** fieldFor() of every component of `plan` in the model message `message`, in component order; computed once. */
export function componentFields(plan: SequencePlan, message: string): readonly (FieldMeta | undefined)[] {
	let f = plan.fields.get(message);
	if (!f) plan.fields.set(message, (f = plan.components.map((c) => fieldFor(message, c.name, c.type, plan.names))));
	return f;
}

const componentCache = new WeakMap<SequenceType, SequencePlan>();

/** `path` + `.name`, or `name` at the top. */
export const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
