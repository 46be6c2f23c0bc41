// What an imported file is, from its first bytes (never its name: people rename files): a
// capture to replay, an OpenStreetMap XML extract or a city JSON to run on, gzip to unpack first,
// or an OSM PBF file the playground cannot read.

/**
 * - `osm`: XML (after a BOM, blanks, `<?xml ...?>`), read by src/lib/osm, whose errors say when
 *   the root is not `<osm>`;
 * - `city`: a JSON document that is one object over several lines (`{` alone on the first line,
 *   as `cv2x city import` writes it) or a one-line object with `"nodes"` or `"links"`;
 * - `gzip`: gzip magic (RFC 1952: 1f 8b), to unpack and look at again;
 * - `pbf`: an OSM PBF file (its first blob header names `OSMHeader`);
 * - `capture`: anything else (pcapng, pcap, JSON Lines), for readCapture to accept or name what is wrong.
 */
export type ImportKind = 'osm' | 'city' | 'gzip' | 'pbf' | 'capture';

/** How far a file is looked at to tell what it is, bytes. */
const HEAD_BYTES = 4096;

/** The kind of an imported file from its first HEAD_BYTES bytes (see ImportKind). */
export function importKind(data: Uint8Array): ImportKind {
	if (data[0] === 0x1f && data[1] === 0x8b) return 'gzip';
	const head = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, HEAD_BYTES));
	// a PBF file starts with a 4-byte length, then a BlobHeader whose type is "OSMHeader"
	if (head.slice(4, 32).includes('OSMHeader')) return 'pbf';
	const text = head.replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('<')) return 'osm';
	if (!text.startsWith('{')) return 'capture';
	const firstLine = text.split(/\r?\n/, 1)[0].trim();
	if (firstLine === '{' || /"(nodes|links)"\s*:/.test(firstLine)) return 'city';
	return 'capture';
}
