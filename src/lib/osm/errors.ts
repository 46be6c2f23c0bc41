// The one error type of the OpenStreetMap importer. It names the OSM element (`way 123`,
// `node 45`, `osm`, `file`), where it starts in the XML (1-based line and column) and why.

/** Where in the OSM XML a problem is: 1-based line and column of the element's `<`. */
export interface OsmPlace {
	line: number;
	column: number;
}

/**
 * A file that cannot be imported. `element` names the OSM element (`way 123`, `node 45`,
 * `osm`, `xml`, `file`, `network`); `place` is where it starts in the XML, when known; `reason`
 * says what is wrong. The message reads `way 123 (line 5, column 3): references node 9, ...`.
 */
export class OsmImportError extends Error {
	constructor(
		readonly element: string,
		readonly place: OsmPlace | null,
		readonly reason: string
	) {
		super(`${element}${place ? ` (line ${place.line}, column ${place.column})` : ''}: ${reason}`);
		this.name = 'OsmImportError';
	}
}
