// Which pilot city a capture was made in: the one its header names, else the one whose centre is
// nearest the first position a message gives.
import { decodeFrame, type PbObject } from '../codec';
import type { RecordStore } from './record-store';
import { haversine, positionDeg, cityIds, loadCity } from '../sim';

/** Records looked at for a position before giving up. */
const LOOK_AT = 2000;

function firstPosition(records: RecordStore): { lat: number; lon: number } | null {
	for (let i = 0; i < Math.min(LOOK_AT, records.count); i++) {
		const type = records.typeAt(i);
		if (type !== 'bsm' && type !== 'map_data' && type !== 'rsm') continue;
		try {
			const f = decodeFrame(records.bytesAt(i)) as unknown as PbObject;
			const p = positionDeg((f.bsm as PbObject)?.pos ?? (f.rsm as PbObject)?.refPos ?? ((f.mapData as PbObject)?.nodes as PbObject[])?.[0]?.refPos);
			if (p) return p;
		} catch {
			/* a frame that does not decode says nothing about the place */
		}
	}
	return null;
}

/** The id of the city: `named` if it is a bundled city, else the nearest to the first position the records (in time order) give. */
export function guessCity(records: RecordStore, named?: string): string {
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
