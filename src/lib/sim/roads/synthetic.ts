// Synthetic networks for tests and benchmarks: a straight road, and a grid of signalised
// intersections. They are ordinary CityFiles, checked like the shipped ones.
import { projection } from '../geo';
import type { CityFile, LinkDef, NodeDef } from './types';

const ORIGIN: [number, number] = [39.79, 116.5];

/** A straight two-lane road west to east, `lengthM` long, with one signal in the middle. */
export function straightRoad(lengthM = 1000, opts: { greenS?: number; redS?: number; lanes?: number } = {}): CityFile {
	const p = projection(ORIGIN[0], ORIGIN[1]);
	const at = (x: number) => p.toLatLon(x, 0);
	const green = opts.greenS ?? 30;
	const red = opts.redS ?? 30;
	const nodes: NodeDef[] = [
		{ id: 1, ...at(-lengthM / 2) },
		{ id: 2, ...at(0), name: { en: 'Test signal', zh: '测试信号灯' } },
		{ id: 3, ...at(lengthM / 2) },
		{ id: 4, ...p.toLatLon(0, 300) },
		{ id: 5, ...p.toLatLon(0, -300) }
	];
	const link = (id: number, from: number, to: number, lanes: number): LinkDef => ({
		id, name: { en: `Test road ${id}`, zh: `测试路${id}` }, from, to, points: [], lanes, laneWidthM: 3.5, speedLimitKmh: 50
	});
	nodes[1].signal = {
		offsetS: 0,
		phases: [
			{ id: 1, name: 'east-west', greenS: green, yellowS: 3, allRedS: 2, approaches: [1, 2] },
			{ id: 2, name: 'north-south', greenS: Math.max(3, red - 10), yellowS: 3, allRedS: 2, approaches: [3, 4] }
		]
	};
	return {
		id: 'test-straight', city: { en: 'Test', zh: '测试' }, zone: { en: 'Straight road', zh: '直路' },
		center: ORIGIN, source: 'synthetic', approximate: false, nodes,
		links: [link(1, 1, 2, opts.lanes ?? 2), link(2, 3, 2, opts.lanes ?? 2), link(3, 4, 2, 1), link(4, 5, 2, 1)],
		rsus: [{ id: 'RSU-TEST-01', ...at(10), nodes: [2] }]
	};
}

/** An n x n grid of signalised intersections `blockM` apart, 2 lanes each way, for scale runs. */
export function gridCity(n = 10, blockM = 400): CityFile {
	const p = projection(ORIGIN[0], ORIGIN[1]);
	const nodes: NodeDef[] = [];
	const links: LinkDef[] = [];
	const id = (i: number, j: number) => 1 + i * (n + 2) + j;
	const half = ((n + 1) * blockM) / 2;
	for (let i = 0; i < n + 2; i++)
		for (let j = 0; j < n + 2; j++) {
			const inner = i > 0 && i <= n && j > 0 && j <= n;
			const edge = (i === 0 || i === n + 1) !== (j === 0 || j === n + 1);
			if (!inner && !edge) continue; // no corners
			nodes.push({ id: id(i, j), ...p.toLatLon(j * blockM - half, i * blockM - half) });
		}
	let lid = 1;
	const has = (i: number, j: number) => nodes.some((x) => x.id === id(i, j));
	const addLink = (a: number, b: number, name: string) =>
		links.push({ id: lid++, name: { en: name, zh: name }, from: a, to: b, points: [], lanes: 2, laneWidthM: 3.5, speedLimitKmh: 50 });
	for (let i = 0; i < n + 2; i++)
		for (let j = 0; j < n + 2; j++) {
			if (!has(i, j)) continue;
			if (j + 1 < n + 2 && has(i, j + 1) && i > 0 && i <= n) addLink(id(i, j), id(i, j + 1), `Street ${i}`);
			if (i + 1 < n + 2 && has(i + 1, j) && j > 0 && j <= n) addLink(id(i, j), id(i + 1, j), `Avenue ${j}`);
		}
	for (const node of nodes) {
		const inc = links.filter((l) => l.from === node.id || l.to === node.id);
		if (inc.length < 3) continue;
		const ew = inc.filter((l) => l.name.en.startsWith('Street')).map((l) => l.id);
		const ns = inc.filter((l) => l.name.en.startsWith('Avenue')).map((l) => l.id);
		node.signal = {
			offsetS: (node.id * 7) % 60,
			phases: [
				{ id: 1, name: 'east-west', greenS: 27, yellowS: 3, allRedS: 2, approaches: ew },
				{ id: 2, name: 'north-south', greenS: 22, yellowS: 3, allRedS: 2, approaches: ns }
			]
		};
	}
	const rsus = nodes.filter((x) => x.signal).filter((_, k) => k % 2 === 0).map((x, k) => ({ id: `RSU-GRID-${k + 1}`, lat: x.lat, lon: x.lon, nodes: [x.id] }));
	return {
		id: `grid-${n}x${n}`, city: { en: 'Grid', zh: '网格' }, zone: { en: `${n} x ${n} grid`, zh: `${n}×${n}网格` },
		center: ORIGIN, source: 'synthetic', approximate: false, nodes, links, rsus
	};
}
