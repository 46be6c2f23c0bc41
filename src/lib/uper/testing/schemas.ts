// Schema tables for the tests: each profile's module set compiled afresh from ../shared/asn1 by
// our ASN.1 parser (memoized per test file). Test-only: it reads the shared folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileModuleSet } from '../asn1/index';
import type { AsnType, SchemaSet } from '../schema';
import { SHARED_DIR } from './peer';

/** ../shared/asn1: one folder of module files per profile. */
export const ASN1_DIR = join(SHARED_DIR, 'asn1');

const compiled = new Map<string, SchemaSet>();

/** Why the module sets cannot be read here, or `undefined` when they can. */
export function moduleSetsUnavailable(): string | undefined {
	return existsSync(ASN1_DIR) ? undefined : `${ASN1_DIR} is absent (the shared reference data is not beside this clone)`;
}

/** The profile's module set (../shared/asn1/<profile>/*.asn) compiled by our parser. Throws `Asn1Error`. */
export function sharedSchemaSet(profile: string): SchemaSet {
	let set = compiled.get(profile);
	if (!set) {
		const dir = join(ASN1_DIR, profile);
		const files = readdirSync(dir)
			.filter((f) => f.endsWith('.asn'))
			.sort()
			.map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
		set = compileModuleSet(profile, files);
		compiled.set(profile, set);
	}
	return set;
}

/** A reference to the set's root type (`MessageFrame`). */
export function rootType(set: SchemaSet): AsnType {
	if (!set.root) throw new Error(`schema set ${set.name} has no root type`);
	return { kind: 'ref', name: set.root };
}
