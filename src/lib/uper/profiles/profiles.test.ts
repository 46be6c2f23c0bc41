// The built-in profiles: the registry, each profile complete on its own (a fresh clone has no
// ../shared), and each equal to what the parser makes of its module set today, object and
// text, so the committed tables are never stale (skipped with a notice without ../shared).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModuleSet, reachableTypes } from '../asn1';
import { emitProfile } from './emit';
import { isProfileName, profile, profileNames } from './index';
import { readModuleSet } from './read-set';

const PROJECT_ROOT = resolve(__dirname, '../../../..');
const ASN1_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'asn1');
const noShared = !existsSync(ASN1_DIR);
if (noShared) console.warn(`profiles.test: ${ASN1_DIR} is absent, so the check against the module sets is skipped`);

describe('built-in UPER profiles', () => {
	it('lists the four profiles, oldest first, with titles', () => {
		expect(profileNames()).toEqual(['csae53-2017', 'csae53-2020-draft', 'csae53-2020', 'csae157-2020']);
		expect(profile('csae53-2020-draft').title).toBe('T/CSAE 53-2020 draft (2019-07-24)');
		expect(isProfileName('csae53-2020')).toBe(true);
		expect(isProfileName('csae53-2021')).toBe(false);
		expect(() => profile('nope' as never)).toThrow(/unknown UPER profile "nope"; known: csae53-2017/);
	});

	it.each(profileNames())('%s is complete: every type reachable from MessageFrame is defined', (name) => {
		const { schema } = profile(name);
		expect(schema.name).toBe(name);
		expect(schema.root).toBe('MessageFrame');
		const reachable = reachableTypes(schema);
		expect(reachable.has('BasicSafetyMessage')).toBe(true);
		for (const type of reachable) expect(schema.moduleOf?.[type], type).toBeTruthy();
	});

	it('carries the facts that tell the revisions apart on the wire (../shared/asn1/SOURCES.md)', () => {
		const draft = profile('csae53-2020-draft').schema.types;
		const final = profile('csae53-2020').schema.types;
		expect(draft.NodeList).toMatchObject({ kind: 'sequenceOf', size: { lb: 1, ub: 63 } });
		expect(final.NodeList).toMatchObject({ kind: 'sequenceOf', size: { lb: 1, ub: 32 } });
		expect(draft.DHour).toEqual({ kind: 'integer', range: { lb: 0, ub: 24 } });
		expect(final.DTimeOffset).toEqual({ kind: 'integer', range: { lb: -840, ub: 840 } });
		const linkWidth = (t: typeof final.Link) => (t.kind === 'sequence' ? t.components.find((c) => c.name === 'linkWidth') : undefined);
		expect(linkWidth(draft.Link)?.optional).toBe(true);
		expect(linkWidth(final.Link)?.optional).toBeUndefined();
		const phase2 = profile('csae157-2020').schema.types;
		expect(phase2.MessageFrame).toMatchObject({ kind: 'choice', extensible: true, additions: [{ name: 'msgFrameExt' }] });
		expect(final.MessageFrame).toMatchObject({ kind: 'choice', extensible: true, additions: [] });
		const ext = phase2.MessageFrameExt;
		expect(ext.kind === 'sequence' && ext.components[1].type).toMatchObject({
			kind: 'openType',
			table: { keyComponent: 'messageId', extensible: true, types: { '12': { kind: 'ref', name: 'SensorSharingMsg' } } }
		});
	});
});

describe.skipIf(noShared)('built-in profiles equal the module sets in ../shared/asn1 (run npm run gen:uper when this fails)', () => {
	it.each(profileNames())('%s', (name) => {
		const fresh = compileModuleSet(name, readModuleSet(join(ASN1_DIR, name), { readdirSync, readFileSync }));
		expect(profile(name).schema).toStrictEqual(fresh);
		const committed = readFileSync(join(__dirname, `${name}.ts`), 'utf8');
		expect(committed).toBe(emitProfile(fresh, { name, from: `../shared/asn1/${name}` }));
	});

	it('scripts/gen-uper-profiles.mjs writes exactly the committed files', () => {
		const out = mkdtempSync(join(tmpdir(), 'gen-uper-'));
		try {
			execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts/gen-uper-profiles.mjs'), '--asn1', ASN1_DIR, '--out', out], { stdio: 'pipe' });
			for (const name of profileNames()) {
				expect(readFileSync(join(out, `${name}.ts`), 'utf8'), name).toBe(readFileSync(join(__dirname, `${name}.ts`), 'utf8'));
			}
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	});
});
