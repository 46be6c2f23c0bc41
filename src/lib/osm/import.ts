// importOsm: an OpenStreetMap XML extract -> a CityFile (sim/roads/types.ts).
import { OsmImportError } from './errors';
import type { OsmImportOptions, OsmImportResult } from './types';

/** Limits on what is imported, so a wrong file cannot exhaust a browser tab. */
export const OSM_LIMITS = {
	/** Largest input, bytes (UTF-8) or characters. A city district is 5-30 MiB of OSM XML. */
	maxInputBytes: 64 * 1024 * 1024,
	/** Most junctions in the result: MAP intersection ids are 1..65535. */
	maxJunctions: 65535
} as const;

/**
 * Turns an OSM XML extract (string, or UTF-8 bytes) into a city. Never throws anything but
 * OsmImportError (element, line and column, reason).
 */
export function importOsm(xml: string | Uint8Array, opts: OsmImportOptions = {}): OsmImportResult {
	void xml;
	void opts;
	throw new OsmImportError('file', null, 'not yet');
}
