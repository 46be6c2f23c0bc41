// What a MAP (T/CSAE 53-2020 MapData) says about one intersection, read into plain values: its
// reference position and name, and each incoming link with its upstream node, lanes, shape and
// the signal phases its movements run on. Nothing here knows the city it will be drawn in.
import type { PbObject } from '../codec';
import { positionDeg, speedMs } from '../sim';
import { pathPoints } from './positions';

export interface MapLink {
	/** Upstream node as "region:id". */
	up: string;
	upId: number;
	name?: string;
	/** Lanes (1..6, as the city format allows). */
	lanes: number;
	laneWidthM: number;
	speedLimitKmh: number;
	/** Shape from upstream to this node, [lat, lon] degrees (the link's points, else a lane's). */
	points: [number, number][];
	/** SPAT phase ids of its movements and lane connections, ascending. */
	phases: number[];
}

export interface MapNode {
	/** "region:id" (NodeReferenceID; region 0 when absent). */
	key: string;
	/** The intersection id (DE_NodeID). */
	id: number;
	name?: string;
	lat: number;
	lon: number;
	links: MapLink[];
}

/** RegulatorySpeedLimit type vehicleMaxSpeed (J2735 SpeedLimitType). */
const VEHICLE_MAX_SPEED = 5;
const DEFAULT_LANE_WIDTH_M = 3.5;
const DEFAULT_SPEED_KMH = 50;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const list = (v: unknown): PbObject[] => (Array.isArray(v) ? (v as unknown[]).filter((x): x is PbObject => typeof x === 'object' && x !== null) : []);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** "region:id" of a NodeReferenceID, or null without an id. */
export function nodeKey(ref: unknown): { key: string; id: number } | null {
	const r = (ref ?? null) as PbObject | null;
	const id = num(r?.id);
	if (id === null) return null;
	return { key: `${num(r!.region) ?? 0}:${id}`, id };
}

/** Every node of a MAP payload that has an id and an available refPos. */
export function mapNodes(map: PbObject | undefined): MapNode[] {
	const out: MapNode[] = [];
	for (const n of list(map?.nodes)) {
		const k = nodeKey(n.id);
		const pos = positionDeg(n.refPos);
		if (!k || !pos) continue;
		const links = [...list(n.inLinks).map((l) => readLink(l, n.refPos, false)), ...list(n.inLinksEx).map((l) => readLink(l, n.refPos, true))];
		const node: MapNode = { key: k.key, id: k.id, lat: pos.lat, lon: pos.lon, links: links.filter((l): l is MapLink => l !== null) };
		if (typeof n.name === 'string' && n.name) node.name = n.name;
		out.push(node);
	}
	return out;
}

/** A Link (or LinkEx, `ex`) into a node at `ref`; null without an upstream node. */
function readLink(l: PbObject, ref: unknown, ex: boolean): MapLink | null {
	const up = nodeKey(l.upstreamNodeId);
	if (!up) return null;
	const lanes = ex ? list(list(l.sections)[0]?.lanes) : list(l.lanes);
	let points = pathPoints(ref, ex ? l.refLine : l.points);
	// no link shape: the middle lane's points stand for the road (LinkEx lanes have s/t axes, not points)
	if (!points.length && !ex) points = pathPoints(ref, lanes[Math.floor(lanes.length / 2)]?.points);
	const laneCount = clamp(lanes.length || 1, 1, 6);
	const widthCm = num(l.laneWidth) ?? num(lanes[0]?.laneWidth) ?? (ex && num(l.linkWidth) !== null ? num(l.linkWidth)! / laneCount : null);
	const limit = list(l.speedLimits).find((s) => s.type === VEHICLE_MAX_SPEED);
	const speed = limit ? speedMs(limit.speed) : null;
	const link: MapLink = {
		up: up.key, upId: up.id, lanes: laneCount,
		laneWidthM: widthCm ? clamp(widthCm / 100, 2.5, 4.5) : DEFAULT_LANE_WIDTH_M,
		speedLimitKmh: speed ? clamp(Math.round(speed * 3.6), 10, 120) : DEFAULT_SPEED_KMH,
		points, phases: phasesOf(l, lanes, ex)
	};
	if (typeof l.name === 'string' && l.name) link.name = l.name;
	return link;
}

/** Phase ids of a link's movements and of its lanes' connections. */
function phasesOf(l: PbObject, lanes: PbObject[], ex: boolean): number[] {
	const ids = new Set<number>();
	for (const m of list(ex ? l.movementsEx : l.movements)) if (num(m.phaseId)) ids.add(m.phaseId as number);
	for (const lane of lanes) for (const c of list(ex ? lane.connectsToEx : lane.connectsTo)) if (num(c.phaseId)) ids.add(c.phaseId as number);
	return [...ids].sort((a, b) => a - b);
}
