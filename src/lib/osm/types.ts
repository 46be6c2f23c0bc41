// Shapes of the OpenStreetMap importer's input options and output.
import type { Bilingual, CityFile } from '../sim/roads/types';

/** Options of importOsm. */
export interface OsmImportOptions {
	/** The city id (lower-case words joined by dashes); default from `name`, else "osm-import". */
	id?: string;
	/** The test zone's name, one string for both languages or { en, zh }; default "OpenStreetMap import". */
	name?: string | Bilingual;
	/** The file the extract came from, named in `source` ("imported from area.osm"). */
	file?: string;
	/** The import date (YYYY-MM-DD) named in `source` when no file is given; default today (UTC). */
	date?: string;
}

/** What a city holds, as `cv2x city import` and `cv2x city check` print it. */
export interface CitySummary {
	junctions: number;
	links: number;
	/** Length of every link's polyline, each counted once (two-way links too), km. */
	roadKm: number;
	signals: number;
	rsus: number;
}

/** Counts made while importing (beyond what the city itself shows). */
export interface OsmImportStats {
	/** `<node>` and `<way>` elements read. */
	osmNodes: number;
	osmWays: number;
	/** Ways kept as roads (see KEPT_HIGHWAYS). */
	roadWays: number;
	/** Unconnected pieces of road network dropped (the largest one is kept), and their links. */
	droppedFragments: number;
	droppedFragmentLinks: number;
	/** highway=traffic_signals nodes read, and those attached to a junction. */
	signalNodes: number;
	signalsAttached: number;
}

/** The result of importOsm: a city that passes checkCityFile, and notes on what was changed or left out. */
export interface OsmImportResult {
	city: CityFile;
	notes: string[];
	stats: OsmImportStats;
}
