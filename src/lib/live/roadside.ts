// Roadside units of a live source: the base city's (ids 1.. in file order, as the simulation
// numbers them, and known by their wire id too: the last 8 characters, '-'-padded, that the
// docking framing carries), and those learned from the messages they send, drawn once a
// message gives their place (RSI or RSM refPos, else their MAP's first intersection).
import { DEFAULT_CONFIG, type CityFile, type RsuView } from '../sim';
import type { NodeDirectory } from './directory';
import type { LatLon } from './positions';

/** Most RSUs drawn from what arrived (a bound on what a broker can make us keep). */
export const MAX_LEARNED_RSUS = 5000;

/** How sure a learned place is: an RSU's own reference position beats its intersection's. */
export type PlaceSource = 'refPos' | 'map';

export class Roadside {
	/** Goes up by one each time `list` changes. */
	version = 0;
	private views = new Map<number, RsuView & { source?: PlaceSource }>();
	private cached: RsuView[] | null = null;
	private learned = 0;

	constructor(
		base: CityFile,
		private readonly directory: NodeDirectory,
		private readonly rangeM = DEFAULT_CONFIG.radio.pc5.rangeM
	) {
		for (const r of base.rsus) {
			const id = directory.idOf(`rsu:${r.id}`, 'rsu', r.id, 0, true);
			directory.alias(`rsu:${r.id.slice(-8).padStart(8, '-')}`, id);
			this.views.set(id, { id, name: r.id, lat: r.lat, lon: r.lon, rangeM: r.rangeM ?? rangeM });
		}
	}

	/** The RSUs drawn now: the base city's, then those learned, in order of learning. */
	get list(): readonly RsuView[] {
		return (this.cached ??= [...this.views.values()].map(({ id, name, lat, lon, rangeM }) => ({ id, name, lat, lon, rangeM })));
	}

	/** The node id of the RSU named `name` (given one the first time), heard of at `nowMs`. */
	idOf(name: string, nowMs: number): number {
		return this.directory.idOf(`rsu:${name}`, 'rsu', name, nowMs);
	}

	/** Where RSU `id` is drawn, or null while no message has placed it. */
	positionOf(id: number): LatLon | null {
		const v = this.views.get(id);
		return v ? { lat: v.lat, lon: v.lon } : null;
	}

	/**
	 * Places RSU `id` at `at` as a message from it says (`source`): the first place, or a refPos
	 * after a MAP's. Base RSUs stay where the city file has them. True when `list` changed.
	 */
	place(id: number, at: LatLon, source: PlaceSource): boolean {
		const v = this.views.get(id);
		if (v && (v.source === undefined || v.source === 'refPos' || source === 'map')) return false;
		if (!v && this.learned >= MAX_LEARNED_RSUS) return false;
		if (!v) this.learned++;
		this.views.set(id, { id, name: this.directory.nameOf(id), lat: at.lat, lon: at.lon, rangeM: this.rangeM, source });
		this.directory.keep(id);
		this.cached = null;
		this.version++;
		return true;
	}
}
