// The one information object class of phase 2 (X.681): `CLASS.&id({Set})` is the type of the
// class's `&id` field, and `CLASS.&Type({Set}{@.key})` an open type whose table maps each
// object's `&id` value to its `&Type`, read through the class's WITH SYNTAX (X.681 10-11).
import type { AsnType, OpenTypeTable } from '../schema';
import type { AstClass, AstModule, AstObject, AstType, AstValue } from './ast';
import { Asn1Error } from './errors';
import type { Lowerer } from './lower-type';
import { parseValue } from './parse-constraint';
import { parseType } from './parse-type';
import { TokenStream } from './token-stream';

type ClassField = Extract<AstType, { kind: 'class field' }>;

/**
 * Lowers `CLASS.&field(...)`: a value field gives its declared type, the type field an open
 * type (X.691 10.2) with a table when a component relation `{@.key}` names the key.
 * Throws `Asn1Error` naming the place of an unknown class, field or object set.
 */
export function lowerOpenType(lowerer: Lowerer, type: ClassField, module: AstModule): AsnType {
	const found = lowerer.scope.lookup(module, type.className, type.place);
	if (found.assignment.kind !== 'class') throw new Asn1Error(`${type.className} is not an information object class`, type.place);
	const cls = found.assignment.cls;
	const field = cls.fields.find((f) => f.name === type.field);
	if (!field) throw new Asn1Error(`class ${type.className} has no field ${type.field}`, type.place);
	if (field.type) return lowerer.lower(field.type, found.module);
	if (!type.objectSet || !type.atPath) return { kind: 'openType' };
	if (type.atPath.includes('.', 1) || !type.atPath.startsWith('.')) {
		throw new Asn1Error(`only a sibling component relation {@.name} is supported, not {@${type.atPath}}`, type.place);
	}
	return { kind: 'openType', table: objectTable(lowerer, type, module, cls) };
}

function objectTable(lowerer: Lowerer, type: ClassField, module: AstModule, cls: AstClass): OpenTypeTable {
	const set = lowerer.scope.lookup(module, type.objectSet!, type.place);
	if (set.assignment.kind !== 'object set') throw new Asn1Error(`${type.objectSet} is not an object set`, type.place);
	const keyField = cls.fields.find((f) => f.unique && f.type) ?? cls.fields.find((f) => f.type);
	if (!keyField) throw new Asn1Error(`class ${type.className} has no value field to key the table`, type.place);
	const table: OpenTypeTable = { keyComponent: type.atPath!.slice(1), types: {} };
	if (set.assignment.extensible) table.extensible = true;
	for (const object of set.assignment.objects) {
		const fields = readObject(object, cls);
		const key = fields.get(keyField.name);
		const value = fields.get(type.field);
		if (!key?.value || !value?.type) throw new Asn1Error(`object lacks ${keyField.name} or ${type.field}`, object.place);
		const id = key.value.kind === 'ref' ? lowerer.valueNamed(key.value.name, key.value.place, set.module) : literal(key.value, object);
		if (String(id) in table.types) throw new Asn1Error(`${keyField.name} ${id} names two objects of ${type.objectSet}`, object.place);
		table.types[String(id)] = lowerer.lower(value.type, set.module);
	}
	return table;
}

function literal(v: AstValue, object: AstObject): number | bigint | string | boolean {
	if (v.kind === 'number' || v.kind === 'cstring' || v.kind === 'boolean') return v.value;
	throw new Asn1Error(`${v.kind} cannot identify an object`, object.place);
}

/**
 * Reads one object's items against the class's WITH SYNTAX (X.681 11): literal words must
 * match, `&Type` fields take a type, value fields a value; `[ ]` optional groups are not
 * supported. Without WITH SYNTAX the default syntax `&field value, ...` is expected.
 */
function readObject(object: AstObject, cls: AstClass): Map<string, { type?: AstType; value?: AstValue }> {
	const ts = new TokenStream(object.tokens);
	const out = new Map<string, { type?: AstType; value?: AstValue }>();
	const syntax = cls.syntax.length ? cls.syntax : defaultSyntax(cls);
	for (const item of syntax) {
		if (item === '[' || item === ']') throw new Asn1Error('optional groups in WITH SYNTAX are not supported', object.place);
		if (!item.startsWith('&')) {
			const word = item.startsWith('=') ? item.slice(1) : item;
			ts.expect(word, `${word} (from the class's WITH SYNTAX)`);
			continue;
		}
		const field = cls.fields.find((f) => f.name === item);
		if (!field) throw new Asn1Error(`WITH SYNTAX names ${item}, which is not a field of the class`, object.place);
		out.set(item, field.type ? { value: parseValue(ts) } : { type: parseType(ts) });
	}
	if (ts.peek().kind !== 'eof') ts.fail('"}" closing the object');
	return out;
}

/** X.681 10.12 default syntax `&a value, &B Type`; `=` marks a literal field name. */
function defaultSyntax(cls: AstClass): string[] {
	return cls.fields.flatMap((f, i) => (i ? [',', '=' + f.name, f.name] : ['=' + f.name, f.name]));
}
