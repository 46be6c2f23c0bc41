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

/** A known city's centre farther than this from a capture's first position is not where it was made, m. */
export const FAR_M = 20_000;

/**
 * The city a capture is shown on: `named` if this page knows it, else the known city (bundled or
 * imported) whose centre is nearest the first position the records (in time order) give, the
 * first known one without a position. `farM`: how far that position is from the chosen city's
 * centre when over FAR_M (the capture was made elsewhere: on a city not imported here), in metres.
 */
export function guessCity(records: RecordStore, named?: string): { id: string; farM?: number } {
	const ids = cityIds();
	if (named && ids.includes(named)) return { id: named };
	const p = firstPosition(records);
	if (!p) return { id: ids[0] };
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
	return bestD > FAR_M ? { id: best, farM: bestD } : { id: best };
}
