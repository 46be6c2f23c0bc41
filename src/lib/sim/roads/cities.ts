// The pilot-city networks shipped with the playground (src/lib/sim/data/cities/*.json).
// Each file is checked when first used; a bad file gives a RoadDataError naming it.
import type { CityFile } from './types';
import { checkCityFile, RoadDataError } from './load';

import beijingYizhuang from '../data/cities/beijing-yizhuang.json';
import changshaXiangjiang from '../data/cities/changsha-xiangjiang.json';
import guangzhouHuangpu from '../data/cities/guangzhou-huangpu.json';
import shanghaiAnting from '../data/cities/shanghai-anting.json';
import wuhanEtdz from '../data/cities/wuhan-etdz.json';
import wuxiXishan from '../data/cities/wuxi-xishan.json';

// Plain imports (not import.meta.glob) so the same code loads in Vite, Vitest and the CLI.
const files: Record<string, unknown> = {
	'beijing-yizhuang.json': beijingYizhuang,
	'changsha-xiangjiang.json': changshaXiangjiang,
	'guangzhou-huangpu.json': guangzhouHuangpu,
	'shanghai-anting.json': shanghaiAnting,
	'wuhan-etdz.json': wuhanEtdz,
	'wuxi-xishan.json': wuxiXishan
};

const checked = new Map<string, CityFile>();

function fileName(path: string) {
	return path.slice(path.lastIndexOf('/') + 1);
}

/** Cities that are not bundled (e.g. imported from OpenStreetMap), by id, in registration order. */
const registered = new Map<string, CityFile>();

function bundledIds(): string[] {
	return Object.keys(files).map((p) => fileName(p).replace(/\.json$/, ''));
}

/** Ids of every shipped city, Beijing Yizhuang first, then registered cities in registration order. */
export function cityIds(): string[] {
	const ids = bundledIds().sort((a, b) => (a === 'beijing-yizhuang' ? -1 : b === 'beijing-yizhuang' ? 1 : a.localeCompare(b)));
	return [...ids, ...registered.keys()];
}

/**
 * Makes a city that is not bundled (an OpenStreetMap import, a file given on the command line)
 * known by its id to loadCity and cityIds, for this process or page. Checked first (throws
 * RoadDataError naming the feature); registering the same id again replaces it. A bundled id is
 * refused (Error), so the bundled cities and their pinned digests never change.
 */
export function registerCity(file: unknown, fileLabel = 'city file'): CityFile {
	const city = checkCityFile(fileLabel, file);
	if (bundledIds().includes(city.id)) throw new RoadDataError(fileLabel, 'file', `id "${city.id}" is a bundled city; choose another id`);
	registered.set(city.id, city);
	return city;
}

/** Forgets a registered city; true if it was registered. Bundled cities stay. */
export function unregisterCity(id: string): boolean {
	return registered.delete(id);
}

/** A checked city file by id (bundled or registered). */
export function loadCity(id: string): CityFile {
	const hit = checked.get(id) ?? registered.get(id);
	if (hit) return hit;
	const path = Object.keys(files).find((p) => fileName(p) === `${id}.json`);
	if (!path) throw new Error(`no city "${id}"; known: ${cityIds().join(', ')}`);
	const city = checkCityFile(fileName(path), files[path]);
	if (city.id !== id) throw new Error(`${fileName(path)}: file: id "${city.id}" does not match the file name`);
	checked.set(id, city);
	return city;
}
