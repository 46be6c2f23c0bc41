// Importing real roads from OpenStreetMap XML extracts (issue 14): importOsm turns an .osm file
// into a CityFile the simulation runs on. Below sim/roads (whose types and checks it uses),
// above the worker and the CLI.
export { importOsm, OSM_LIMITS } from './import';
export { OsmImportError, type OsmPlace } from './errors';
export { citySummary, formatSummary } from './summary';
export { KEPT_HIGHWAYS } from './tags';
export type { OsmImportOptions, OsmImportResult, OsmImportStats, CitySummary } from './types';
// A city that is not bundled (an import) is registered before it is run by id.
export { registerCity, unregisterCity } from '../sim/roads/cities';
