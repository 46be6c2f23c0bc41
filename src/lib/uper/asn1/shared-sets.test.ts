// Every module set in ../shared/asn1 (the four CSAE sets deployed equipment runs) parses and
// resolves completely: every type reachable from MessageFrame is defined. Skipped with a
// notice where ../shared is absent (a user's fresh clone).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModuleSet } from '../profiles/read-set';
import { compileModuleSet, parseModules, reachableTypes } from './index';

const ASN1_DIR = resolve(__dirname, '../../../..', '..', 'shared', 'asn1');
const SETS = existsSync(ASN1_DIR) ? readdirSync(ASN1_DIR).filter((d) => statSync(join(ASN1_DIR, d)).isDirectory()) : [];
if (SETS.length === 0) console.warn(`shared-sets.test: no module sets in ${ASN1_DIR}, so parsing them is skipped`);

describe.skipIf(SETS.length === 0)('the module sets in ../shared/asn1', () => {
	it('are the four CSAE sets', () => {
		expect(SETS.sort()).toEqual(['csae157-2020', 'csae53-2017', 'csae53-2020', 'csae53-2020-draft']);
	});

	it.each(SETS)('%s parses and resolves completely from MessageFrame', (name) => {
		const files = readModuleSet(join(ASN1_DIR, name), { readdirSync, readFileSync });
		const modules = files.flatMap((f) => parseModules(f.text, f.name));
		expect(modules.length).toBeGreaterThanOrEqual(files.length);
		expect(modules.every((m) => m.tagDefault === 'AUTOMATIC')).toBe(true);
		const set = compileModuleSet(name, files);
		expect(set.root).toBe('MessageFrame');
		const reachable = reachableTypes(set);
		for (const t of ['BasicSafetyMessage', 'MapData', 'SPAT', 'RoadsideSafetyMessage', 'RoadSideInformation']) expect(reachable.has(t), t).toBe(true);
		const assigned = modules.flatMap((m) => m.assignments.filter((a) => a.kind === 'type').map((a) => a.name));
		expect(Object.keys(set.types).sort()).toEqual([...new Set(assigned)].sort());
		if (name === 'csae157-2020') {
			for (const t of ['SensorSharingMsg', 'PersonalSafetyMessage', 'VehIntentionAndRequest', 'RoadsideCoordination', 'CLPMM', 'TestMsg']) {
				expect(reachable.has(t), t).toBe(true);
			}
		}
	});
});
