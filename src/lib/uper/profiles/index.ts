// The built-in UPER profiles: the module sets deployed equipment runs, as schema tables
// generated from them (scripts/gen-uper-profiles.mjs), usable without ../shared.
import type { SchemaSet } from '../schema';
import csae53_2017 from './csae53-2017';
import csae53_2020 from './csae53-2020';
import csae53_2020_draft from './csae53-2020-draft';
import csae157_2020 from './csae157-2020';

/** A built-in profile: its name (`--profile NAME`), a title for people, its schema tables. */
export interface Profile {
	name: ProfileName;
	/** E.g. "T/CSAE 53-2020 draft (2019-07-24)". */
	title: string;
	/** The standard's text the set follows, for display. */
	standard: string;
	schema: SchemaSet;
}

/** The names of the built-in profiles, oldest first. */
export type ProfileName = 'csae53-2017' | 'csae53-2020-draft' | 'csae53-2020' | 'csae157-2020';

const PROFILES: readonly Profile[] = [
	{ name: 'csae53-2017', title: 'T/CSAE 53-2017', standard: 'T/CSAE 53-2017', schema: csae53_2017 },
	{
		name: 'csae53-2020-draft',
		title: 'T/CSAE 53-2020 draft (2019-07-24)',
		standard: 'T/CSAE 53-2020 pre-release of 2019-07-24',
		schema: csae53_2020_draft
	},
	{ name: 'csae53-2020', title: 'T/CSAE 53-2020 (YD/T 3709-2020)', standard: 'T/CSAE 53-2020 = YD/T 3709-2020', schema: csae53_2020 },
	{
		name: 'csae157-2020',
		title: 'T/CSAE 53-2020 + T/CSAE 157-2020 (phase 2)',
		standard: 'T/CSAE 53-2020 with the phase 2 messages of T/CSAE 157-2020',
		schema: csae157_2020
	}
];

/** Every built-in profile name, oldest first (the order `cv2x profiles` prints). */
export function profileNames(): ProfileName[] {
	return PROFILES.map((p) => p.name);
}

/** True when `name` names a built-in profile. */
export function isProfileName(name: string): name is ProfileName {
	return PROFILES.some((p) => p.name === name);
}

/**
 * The built-in profile `name`. Throws `RangeError` naming the known profiles for any other
 * name (check with `isProfileName` first where the name comes from a user).
 */
export function profile(name: ProfileName): Profile {
	const p = PROFILES.find((x) => x.name === name);
	if (!p) throw new RangeError(`unknown UPER profile "${name}"; known: ${profileNames().join(', ')}`);
	return p;
}
