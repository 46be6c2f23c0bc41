import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Cv2xError } from '../../lib/codec';
import { formatSummary, importOsm, OsmImportError, OSM_LIMITS } from '../../lib/osm';
import { checkCityFile, cityIds, RoadDataError, type CityFile } from '../../lib/sim';
import { parseArgs, UsageError } from '../args';
import { quoted } from '../error-line';
import { errorLine } from '../error-line';
import { errnoText, readSource, type InputLimit } from '../io';
import type { Command } from './index';

const HELP = `Usage: cv2x city import FILE.osm [--id ID] [--name NAME] [--out CITY.json]
       cv2x city check CITY.json

import  Turns an OpenStreetMap XML extract (.osm: openstreetmap.org Export, the Overpass API
        with "out body; >; out skel qt;", or "osmium extract --strategy complete_ways") into a
        city the simulation runs: roads (highway=motorway .. residential, *_link, living_street,
        service) split into links at junctions with their curved shape, lanes, one-ways and speed
        limits from tags, names from name / name:zh / name:en, signalised junctions from
        highway=traffic_signals (a fixed-time plan of 2 or 3 phases) and an RSU at each
        signalised junction. Only the largest connected network is kept.
        Writes the city JSON to stdout, or to --out; prints a summary and notes to stderr.
        FILE "-" or none reads stdin; gzip (.osm.gz) is unpacked. Up to ${OSM_LIMITS.maxInputBytes / 1024 / 1024} MiB of XML;
        an .osm.pbf must first be converted: osmium cat FILE.osm.pbf -o FILE.osm
  --id ID      the city id (lower-case words joined by dashes); default from --name, else the
               file name; must not be a bundled city's id
  --name NAME  the test zone's name (both languages); default the file name
  --out FILE   write the city JSON there instead of stdout

check   Validates a city JSON file (the format of src/lib/sim/roads/types.ts) and prints its
        summary: junctions, links, km of road, signals, RSUs.

Run an imported city with "cv2x sim --city-file CITY.json".
Exit status: 0 ok, 1 bad input (one "error:" line naming the element, line and column, or the
city file's feature), 2 bad usage.`;

/** The bytes as UTF-8 text. @throws Cv2xError naming the file */
function utf8Text(bytes: Uint8Array, label: string): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new Cv2xError('bad_utf8', `${label}: not a JSON city file: not UTF-8 text`);
	}
}

/** An OSM extract (gzip or not) is read up to the importer's limit. */
const OSM_INPUT: InputLimit = { max: OSM_LIMITS.maxInputBytes, what: 'an OpenStreetMap extract' };
/** A city JSON file: never bigger than the extract it came from. */
const CITY_INPUT: InputLimit = { max: OSM_LIMITS.maxInputBytes, what: 'a city JSON file' };

/** Writes --out; a path that cannot be written (a directory, a full disk) is a bad-input error naming it. */
async function writeOut(path: string, text: string): Promise<void> {
	try {
		await writeFile(path, text);
	} catch (e) {
		throw new Cv2xError('invalid', `cannot write ${path}: ${errnoText(e as NodeJS.ErrnoException)}`);
	}
}

/** A default id from the zone's name or the file name: "Yizhuang Core" -> "yizhuang-core"; a name without Latin letters or digits gives none. */
function idFrom(...texts: (string | undefined)[]): string {
	for (const t of texts) {
		const id = (t ?? '').toLowerCase().replace(/(\.osm|\.xml)?(\.gz)?$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
		if (id) return id;
	}
	return 'osm-import';
}

/** A gzip file (.osm.gz) unpacked, up to the importer's size limit; anything else as it is. */
function gunzipped(bytes: Uint8Array): Uint8Array {
	if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
	try {
		return new Uint8Array(gunzipSync(bytes, { maxOutputLength: OSM_LIMITS.maxInputBytes + 1 }));
	} catch (e) {
		const big = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
		throw new OsmImportError('file', null, big ? `unpacks to more than ${OSM_LIMITS.maxInputBytes / 1024 / 1024} MiB: export a smaller area` : `is gzip but does not unpack: ${(e as Error).message}`);
	}
}

/**
 * importOsm, with the file's name in its errors (`area.osm: way 12 (line 40, column 3): ...`,
 * `area.osm: is empty`) and JSON refused as such (a city JSON or a message, not an extract).
 * @throws OsmImportError
 */
function importNamed(bytes: Uint8Array, opts: { id?: string; name?: string; file?: string }): ReturnType<typeof importOsm> {
	const where = opts.file ?? 'stdin';
	let i = 0;
	while (i < bytes.length && (bytes[i] === 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d) || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
	if (bytes[i] === 0x7b) throw new OsmImportError(where, null, 'JSON, not an OpenStreetMap XML extract ("cv2x city check" checks a city JSON file; "cv2x encode" reads a message as JSON)');
	try {
		return importOsm(bytes, opts);
	} catch (e) {
		if (!(e instanceof OsmImportError)) throw e;
		throw new OsmImportError(e.element === 'file' ? where : `${where}: ${e.element}`, e.place, e.reason);
	}
}

async function runImport(args: string[]): Promise<number> {
	const { flags, positionals } = parseArgs(args, ['id', 'name', 'out']);
	if (positionals.length > 1) throw new UsageError('city import takes one FILE.osm');
	const file = positionals[0];
	const id = typeof flags.id === 'string' ? flags.id : undefined;
	if (id !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new UsageError(`--id ${quoted(id)} must be lower-case words joined by dashes`);
	if (id !== undefined && cityIds().includes(id)) throw new UsageError(`--id ${quoted(id)} is a bundled city; choose another id`);
	const label = file && file !== '-' ? basename(file) : undefined;
	const name = typeof flags.name === 'string' ? flags.name : label ? label.replace(/(\.osm|\.xml)?(\.gz)?$/i, '') || label : undefined;
	const bytes = gunzipped(await readSource(file, OSM_INPUT));
	const { city, notes, stats } = importNamed(bytes, { id: id ?? idFrom(name, label), name, file: label });
	const json = JSON.stringify(city, null, '\t') + '\n';
	if (typeof flags.out === 'string') await writeOut(flags.out, json);
	else process.stdout.write(json);
	for (const n of notes) process.stderr.write(`note: ${n}\n`);
	process.stderr.write(`${formatSummary(city, stats.droppedFragments)}\n`);
	return 0;
}

/**
 * Reads and checks a city JSON file (sim/roads/types.ts), for `city check` and `sim --city-file`.
 * Throws Cv2xError (exit status 1 in main.ts): no such file, not UTF-8 JSON, or the check's
 * message naming the file and the feature (`area.json: link 7: "to" names node 99, ...`).
 */
export async function readCityFile(path: string): Promise<CityFile> {
	const bytes = await readSource(path, CITY_INPUT);
	const label = path === '-' ? 'stdin' : basename(path);
	let data: unknown;
	try {
		data = JSON.parse(utf8Text(bytes, label));
	} catch (e) {
		if (e instanceof Cv2xError) throw e;
		throw new Cv2xError('bad_json', `${label}: not a JSON city file: ${(e as Error).message}`);
	}
	try {
		return checkCityFile(label, data);
	} catch (e) {
		if (e instanceof RoadDataError) throw new Cv2xError('invalid', e.message);
		throw e;
	}
}

async function runCheck(args: string[]): Promise<number> {
	const { positionals } = parseArgs(args, []);
	if (positionals.length !== 1) throw new UsageError('city check takes one CITY.json');
	const city = await readCityFile(positionals[0]);
	process.stdout.write(`${formatSummary(city)}\n`);
	return 0;
}

export const city: Command = {
	summary: 'import an OpenStreetMap extract as a city, or check a city file',
	help: HELP,
	async run(argv) {
		const [sub, ...rest] = argv;
		if (sub !== 'import' && sub !== 'check') throw new UsageError(sub ? `unknown city command ${quoted(sub)}; one of: import, check` : 'city needs a command: import or check');
		try {
			return sub === 'import' ? await runImport(rest) : await runCheck(rest);
		} catch (e) {
			// bad input: one error line (main.ts knows only the codec's errors)
			if (e instanceof OsmImportError || e instanceof RoadDataError || e instanceof Cv2xError) {
				process.stderr.write(errorLine(e.message));
				return 1;
			}
			throw e;
		}
	}
};
