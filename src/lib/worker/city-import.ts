// Importing a city into the playground from a file: an OpenStreetMap XML extract (read by
// src/lib/osm, loaded on first use: the XML parser is not needed until then) or a city JSON made
// by `cv2x city import`. The city is checked and registered in this JavaScript realm (the
// worker's: each realm has its own registry), under the id the CLI would give it, so a capture
// made with `cv2x sim --city-file` on the same file replays on the same roads.
import { cityIds, registerCity, type CityFile } from '../sim';
import { citySummary } from '../osm/summary';
// the codec's strict reader, for where a JSON syntax error is (not in its public API: only its place is used)
import { readJson } from '../codec/json-reader';
import { concatBytes } from '../codec/bytes';
import type { CityImport } from './protocol';
import { importKind, type ImportKind } from './import-kind';

/** Largest file imported as a city, bytes (unpacked): src/lib/osm's OSM_LIMITS.maxInputBytes, kept here so the check needs no XML parser. */
export const MAX_CITY_INPUT_BYTES = 64 * 1024 * 1024;

/** What an imported file turned out to be: a capture to replay (unpacked if it was gzip), or a city now registered. */
export type PreparedImport =
	| { kind: 'capture'; data: Uint8Array }
	| { kind: 'city'; city: CityFile; imported: CityImport };

/** An import that failed: the message names the file, then the element or feature, where and why. */
export class CityImportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CityImportError';
	}
}

/**
 * The city's name and id from a file name, as `cv2x city import FILE` gives them without --name
 * or --id: "Yizhuang core.osm.gz" -> name "Yizhuang core", id "yizhuang-core" ("osm-import" when
 * the name has no Latin letters or digits). An id that is a bundled city's gets "-osm" added
 * (the CLI refuses it; a page has no --id to ask for another).
 */
export function cityNaming(file: string): { id: string; name: string } {
	const name = file.replace(/(\.osm|\.xml)?(\.gz)?$/i, '') || file || 'OpenStreetMap import';
	const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'osm-import';
	return { id: BUNDLED_IDS.has(id) ? `${id}-osm` : id, name };
}

/** The bundled cities' ids: cityIds() before anything is registered (only this module registers in the worker). */
const BUNDLED_IDS = new Set(cityIds());

/**
 * Reads `data` (a file named `file`) as ImportKind says: a capture is passed back (gzip unpacked
 * first), an OSM extract or city JSON is turned into a city, checked and registered. Throws
 * CityImportError (`file: way 100 (line 40, column 3): references node 9, ...`,
 * `file: link 7: "to" names node 99, ...`, `file: not JSON: ... (line 2, column 5)`).
 */
export async function prepareImport(file: string, data: Uint8Array): Promise<PreparedImport> {
	let kind: ImportKind = importKind(data);
	if (kind === 'gzip') {
		data = await gunzip(file, data);
		kind = importKind(data);
		if (kind === 'gzip') throw new CityImportError(`${file}: gzip inside gzip; unpack it first`);
	}
	if (kind === 'capture') return { kind, data };
	if (kind === 'message') throw new CityImportError(`${file}: one message as proto3 JSON, not a capture or a city: open it on the Inspect page (Edit as JSON)`);
	if (kind === 'pbf') throw new CityImportError(`${file}: an OSM PBF file; convert it to OSM XML first (osmium cat FILE.osm.pbf -o FILE.osm)`);
	if (data.length > MAX_CITY_INPUT_BYTES) throw new CityImportError(`${file}: ${(data.length / 1048576).toFixed(1)} MiB is more than the ${MAX_CITY_INPUT_BYTES / 1048576} MiB a city file may have; export a smaller area`);
	const { city, notes } = kind === 'osm' ? await fromOsm(file, data) : { city: fromCityJson(file, data), notes: [] };
	const registered = register(file, city);
	return {
		kind: 'city',
		city: registered,
		imported: { file, format: kind, id: registered.id, name: registered.city, summary: citySummary(registered), notes }
	};
}

async function fromOsm(file: string, data: Uint8Array): Promise<{ city: CityFile; notes: string[] }> {
	const osm = await import('../osm');
	const { id, name } = cityNaming(file);
	try {
		const { city, notes } = osm.importOsm(data, { id, name, file });
		return { city, notes };
	} catch (e) {
		throw new CityImportError(`${file}: ${(e as Error).message}`);
	}
}

function fromCityJson(file: string, data: Uint8Array): unknown {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(data);
	} catch {
		throw new CityImportError(`${file}: not a city JSON file: not UTF-8 text`);
	}
	try {
		text = text.replace(/^\uFEFF/, '');
		return JSON.parse(text);
	} catch (e) {
		throw new CityImportError(`${file}: not a city JSON file: ${jsonSyntaxError(text, e as Error)}`);
	}
}

/**
 * Why `text` is not JSON, with the line and column: JSON.parse's messages give neither in every
 * engine (V8 in Node 20 quotes the text instead), so the codec's strict reader says it.
 */
export function jsonSyntaxError(text: string, e: Error): string {
	try {
		readJson(text);
	} catch (strict) {
		return (strict as Error).message;
	}
	return e.message; // refused by JSON.parse only (never seen): its own words
}

/** Checks and registers the city (RoadDataError -> CityImportError naming the file and feature). */
function register(file: string, city: unknown): CityFile {
	try {
		return registerCity(city, file);
	} catch (e) {
		const m = (e as Error).message;
		throw new CityImportError(m.startsWith(`${file}: `) ? m : `${file}: ${m}`);
	}
}

/** gzip unpacked with the platform's DecompressionStream, up to MAX_CITY_INPUT_BYTES. */
async function gunzip(file: string, data: Uint8Array): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.length;
			if (size > MAX_CITY_INPUT_BYTES) {
				await reader.cancel();
				throw new CityImportError(`${file}: unpacks to more than ${MAX_CITY_INPUT_BYTES / 1048576} MiB; export a smaller area`);
			}
			chunks.push(value);
		}
	} catch (e) {
		if (e instanceof CityImportError) throw e;
		throw new CityImportError(`${file}: is gzip but does not unpack: ${(e as Error).message}`);
	}
	return concatBytes(chunks);
}
