// The set-first argument order some UPER tests call JER with, over the library's X.697 module
// (../jer.ts): one JER implementation, so "our JER equals the peer's" checks the code users run.
// Test-only; new tests import ../jer directly.
import { fromJer as libraryFromJer, toJer as libraryToJer, type JerValue } from '../jer';
import type { AsnType, AsnValue, SchemaSet } from '../schema';

/** `toJer` of ../jer.ts with the schema set first: our value of `type` -> its X.697 JER. */
export function toJer(set: SchemaSet, type: AsnType, value: AsnValue): JerValue {
	return libraryToJer(type, value, set);
}

/** `fromJer` of ../jer.ts with the schema set first: X.697 JER of `type` -> our value. */
export function fromJer(set: SchemaSet, type: AsnType, jer: JerValue): AsnValue {
	return libraryFromJer(type, jer, set);
}
