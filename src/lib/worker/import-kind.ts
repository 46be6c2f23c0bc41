// What an imported file is, from its first bytes (never its name: people rename files): a
// capture to replay, an OpenStreetMap XML extract or a city JSON to run on, gzip to unpack first,
// or what the playground cannot import: an OSM PBF file, or one message as proto3 JSON.
import { PAYLOAD_TYPES } from '../codec';

/** The first keys a MessageFrame's proto3 JSON may start with: protocolVersion, or its payload's (lowerCamelCase). */
const FRAME_KEYS = new Set(['protocolVersion', 'protocol_version', ...PAYLOAD_TYPES.flatMap((p) => [p, p.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())])]);

/**
 * - `osm`: XML (after a BOM, blanks, `<?xml ...?>`), read by src/lib/osm, whose errors say when
 *   the root is not `<osm>`;
 * - `city`: a JSON document that is one object over several lines (`{` alone on the first line,
 *   as `cv2x city import` writes it) or a one-line object with `"nodes"` or `"links"`;
 * - `gzip`: gzip magic (RFC 1952: 1f 8b), to unpack and look at again;
 * - `pbf`: an OSM PBF file (its first blob header names `OSMHeader`);
 * - `message`: a JSON object whose first key is a MessageFrame's (`protocolVersion`, `bsm`, …):
 *   one message, for the inspector, not a city or a capture;
 * - `capture`: anything else (pcapng, pcap, JSON Lines), for readCapture to accept or name what is wrong.
 */
export type ImportKind = 'osm' | 'city' | 'gzip' | 'pbf' | 'message' | 'capture';

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
	const firstKey = /^\{\s*"([^"]{1,40})"\s*:/.exec(text)?.[1];
	if (firstKey && FRAME_KEYS.has(firstKey)) return 'message';
	const firstLine = text.split(/\r?\n/, 1)[0].trim();
	if (firstLine === '{' || /"(nodes|links)"\s*:/.test(firstLine)) return 'city';
	return 'capture';
}
