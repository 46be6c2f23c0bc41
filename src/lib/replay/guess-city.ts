// Which pilot city a capture was made in: the one its header names, else the one whose centre is
// nearest the first position a message gives.
import { decodeFrame, type PbObject } from '../codec';
import type { CaptureRecord } from '../capture';
import { haversine, positionDeg, cityIds, loadCity } from '../sim';

/** Records looked at for a position before giving up. */
const LOOK_AT = 2000;

function firstPosition(records: CaptureRecord[]): { lat: number; lon: number } | null {
	for (const r of records.slice(0, LOOK_AT)) {
		if (r.type !== 'bsm' && r.type !== 'map_data' && r.type !== 'rsm') continue;
		try {
			const f = decodeFrame(r.bytes) as unknown as PbObject;
			const p = positionDeg((f.bsm as PbObject)?.pos ?? (f.rsm as PbObject)?.refPos ?? ((f.mapData as PbObject)?.nodes as PbObject[])?.[0]?.refPos);
			if (p) return p;
		} catch {
			/* a frame that does not decode says nothing about the place */
		}
	}
	return null;
}

/** The id of the city: `named` if it is a bundled city, else the nearest to the records' first position. */
export function guessCity(records: CaptureRecord[], named?: string): string {
	const ids = cityIds();
	if (named && ids.includes(named)) return named;
	const p = firstPosition(records);
	if (!p) return ids[0];
	let best = ids[0];
	let bestD = Infinity;
	for (const id of ids) {
		const c = loadCity(id).center;
		const d = haversine(c[0], c[1], p.lat, p.lon);
		if (d < bestD) {
			bestD = d;
			best = id;
		}
	}
	return best;
}
