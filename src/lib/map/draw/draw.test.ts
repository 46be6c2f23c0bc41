// The map's draw modules against a recording canvas: what is drawn, where, and how many fills
// (one path per vehicle kind however many vehicles, no closePath: the fast path the frame time
// depends on); sizes to scale, markings and road events culled off screen; when the traffic
// layer must draw again.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CityView, TxRow } from '../../worker/protocol';
import type { DrawView, Projected, ScreenPoint } from '../projection';
import { drawActors } from './actors';
import { AlertBadges, BADGE_MS } from './alerts';
import { Markings } from './markings';
import { drawRoadEvents, SIGN_LIFT_PX, type FrameRoadEvent } from './road-events';
import { Pulses, PULSE_MS } from './pulses';
import { signalHeads } from './signals';
import { changedAtOnce, MOTION_PX, RedrawGate, typicalStep } from './motion';
import { vehicleHalfSize, VehicleLayer } from './vehicles';

type Call = [string, ...unknown[]];

/** A 2D context that records every call (and the style set when fill/stroke was called). */
function recorder(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
	const calls: Call[] = [];
	const state: Record<string, unknown> = {};
	const ctx = new Proxy(state, {
		get: (s, k: string) => (k in s ? s[k] : (...args: unknown[]) => calls.push([k, ...args, { fillStyle: s.fillStyle, strokeStyle: s.strokeStyle }])),
		set: (s, k: string, v) => ((s[k] = v), true)
	});
	return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

function view(ctx: CanvasRenderingContext2D, now = 0): DrawView {
	// 1 px per metre; lat/lon drawn as x = lon, y = lat (enough to check what goes where)
	return { ctx, width: 800, height: 600, scale: 1, ox: 0, oy: 0, metersPerPx: 1, now, project: (lat, lon) => [lon, lat] };
}

beforeAll(() => {
	// Node has no canvas: a Path2D that counts its sub-paths
	(globalThis as { Path2D?: unknown }).Path2D ??= class {
		shapes = 0;
		moveTo() {
			this.shapes++;
		}
		lineTo() {}
		closePath() {
			throw new Error('closePath is quadratic in Chromium on a path of many sub-paths');
		}
	};
});

const row = (over: Partial<TxRow>): TxRow => ({
	seq: 1, t: 0, sender: 10001, senderName: 'car', channel: 'pc5', type: 'bsm', size: 40, receivers: 3, latencyMs: 5, lat: 100, lon: 200, ...over
});

describe('PC5 rings and Uu lines', () => {
	it('a 10 Hz broadcast pings 45 m, the selected node and slower types ring the full 300 m', () => {
		const p = new Pulses();
		p.add(row({}), 0, null);
		p.add(row({ sender: 7 }), 0, 7);
		p.add(row({ type: 'map_data', sender: 3 }), 0, null);
		const { ctx, calls } = recorder();
		p.draw(view(ctx, PULSE_MS - 1), [760, 52]);
		const radii = calls.filter((c) => c[0] === 'arc').map((c) => Math.round(c[3] as number));
		expect(radii).toEqual([45, 300, 300]);
		expect(calls.filter((c) => c[0] === 'arc').every((c) => c[1] === 200 && c[2] === 100)).toBe(true);
	});

	it('a cloud message is a line from the cloud badge to its receiver; a row with no position draws nothing', () => {
		const p = new Pulses();
		p.add(row({ channel: 'uu', sender: 0, type: 'speed_advice', lat: undefined, lon: undefined }), 0, null);
		expect(p.size).toBe(0);
		p.add(row({ channel: 'uu', sender: 0, type: 'speed_advice', lat: 1, lon: 2, toLat: 300, toLon: 400 }), 0, null);
		const { ctx, calls } = recorder();
		p.draw(view(ctx, 0), [760, 52]);
		const move = calls.find((c) => c[0] === 'moveTo')!;
		const line = calls.find((c) => c[0] === 'lineTo')!;
		expect(move.slice(1, 3)).toEqual([760, 52]);
		expect(line.slice(1, 3)).toEqual([400, 300]);
	});

	it('a ring wholly off the canvas is not drawn; a Uu line always is (it ends at the cloud badge)', () => {
		const p = new Pulses();
		p.add(row({ lon: 2000 }), 0, null);
		p.add(row({ lon: 820 }), 0, null);
		p.add(row({ channel: 'uu', sender: 5, type: 'vir', lat: 100, lon: 5000 }), 0, null);
		const { ctx, calls } = recorder();
		expect(p.draw(view(ctx, PULSE_MS / 2), [760, 52])).toBe(2);
		expect(calls.filter((c) => c[0] === 'arc').map((c) => c[1])).toEqual([820, 760 + (5000 - 760) / 2]);
	});

	it('rings alike (colour, weight, opacity step) are one stroke; the plan is plain data a worker can take', () => {
		const p = new Pulses();
		for (let i = 0; i < 100; i++) p.add(row({ sender: 20000 + i, lon: 100 + i }), 0, null);
		p.add(row({ type: 'map_data', sender: 3 }), PULSE_MS / 2, null);
		const { ctx, calls } = recorder();
		const plan = p.plan(view(ctx, PULSE_MS / 2), [760, 52]);
		expect(plan.count).toBe(101);
		// the older (fainter) group first: newer rings lie on top
		expect(plan.rings.map((g) => g.xyr.length / 3)).toEqual([100, 1]);
		expect(plan.rings[0].alpha).toBeLessThan(plan.rings[1].alpha);
		expect(structuredClone(plan)).toEqual(plan);
		expect(p.draw(view(ctx, PULSE_MS / 2), [760, 52])).toBe(101);
		expect(calls.filter((c) => c[0] === 'stroke')).toHaveLength(2);
		expect(calls.filter((c) => c[0] === 'arc')).toHaveLength(101);
		// each ring its own sub-path, started on its circle: no line joins one ring to the next
		const moves = calls.filter((c) => c[0] === 'moveTo');
		expect(moves[0].slice(1, 3)).toEqual([100 + 22.5, 100]);
	});

	it('pulses expire after their time', () => {
		const p = new Pulses();
		p.add(row({}), 0, null);
		p.draw(view(recorder().ctx, PULSE_MS - 1), [0, 0]);
		expect(p.size).toBe(1);
		p.draw(view(recorder().ctx, PULSE_MS), [0, 0]);
		expect(p.size).toBe(0);
	});
});

describe('vehicles', () => {
	it('one fill per kind however many vehicles; off-canvas ones are neither drawn nor hit; the selected is returned', () => {
		const n = 1000;
		const cur: Projected = {
			ids: Int32Array.from({ length: n }, (_, i) => 10000 + i), kind: Uint8Array.from({ length: n }, (_, i) => i % 4),
			x: Float64Array.from({ length: n }, (_, i) => (i === 0 ? -500 : i % 700)), y: new Float64Array(n).fill(300),
			heading: new Float32Array(n).fill(90), flags: Uint8Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0)), prev: new Int32Array(n).fill(-1), zoom: 17
		};
		const { ctx, calls } = recorder();
		const screen: ScreenPoint[] = [];
		const sel = new VehicleLayer().draw(view(ctx), cur, null, 1, 10005, screen);
		expect(calls.filter((c) => c[0] === 'fill')).toHaveLength(4);
		// every vehicle on the canvas is in one of the four paths (kind by kind), none off it
		expect(calls.filter((c) => c[0] === 'fill').reduce((n, c) => n + (c[1] as { shapes: number }).shapes, 0)).toBe(n - 1);
		expect(calls.filter((c) => c[0] === 'fill').map((c) => (c[2] as { fillStyle: string }).fillStyle)).toEqual(['#1971c2', '#f59f00', '#5c5f66', '#e03131']);
		expect(screen).toHaveLength(n - 1);
		expect(screen.some((s) => s.id === 10000)).toBe(false);
		expect(sel).toMatchObject({ id: 10005, x: 5, y: 300 });
	});

	it('moves each vehicle part of the way from where it was', () => {
		const one = (x: number, prev: number): Projected => ({
			ids: Int32Array.of(10001), kind: Uint8Array.of(0), x: Float64Array.of(x), y: Float64Array.of(100), heading: Float32Array.of(0),
			flags: Uint8Array.of(0), prev: Int32Array.of(prev), zoom: 17
		});
		const screen: ScreenPoint[] = [];
		new VehicleLayer().draw(view(recorder().ctx), one(200, 0), one(100, -1), 0.25, null, screen);
		expect(screen[0]).toEqual({ id: 10001, x: 125, y: 100 });
	});
});

/** A snapshot of vehicles at x positions `xs` (y 100, heading 90°), linked to `prev` indexes. */
function snapshot(xs: number[], prev: number[] = xs.map(() => -1), over: Partial<Projected> = {}): Projected {
	const n = xs.length;
	return {
		ids: Int32Array.from(xs, (_, i) => 10000 + i), kind: new Uint8Array(n), x: Float64Array.from(xs), y: new Float64Array(n).fill(100),
		heading: new Float32Array(n).fill(90), flags: new Uint8Array(n), prev: Int32Array.from(prev), zoom: 15, ...over
	};
}

describe('when the traffic layer draws again', () => {
	it('the typical step is the 95th percentile of movements (turns count at the nose); none comparable: Infinity', () => {
		const before = snapshot(Array.from({ length: 100 }, (_, i) => i * 10));
		// 99 vehicles move 1 px, one jumps 500 px: the pace is set by the many
		const after = snapshot(Array.from({ length: 100 }, (_, i) => i * 10 + (i === 7 ? 500 : 1)), Array.from({ length: 100 }, (_, i) => i));
		expect(typicalStep(after, before, 10)).toBeCloseTo(1, 9);
		const turned = snapshot([0], [0], { heading: Float32Array.of(90 + 180 / Math.PI) });
		expect(typicalStep(turned, snapshot([0]), 10)).toBeCloseTo(10, 4);
		expect(typicalStep(after, null, 10)).toBe(Infinity);
		expect(typicalStep(after, { ...before, zoom: 16 }, 10)).toBe(Infinity);
	});

	it('a vehicle appearing or leaving, or brake lights, show at once', () => {
		const a = snapshot([0, 10]);
		expect(changedAtOnce(snapshot([1, 11], [0, 1]), a)).toBe(false);
		expect(changedAtOnce(snapshot([1, 11], [0, -1]), a)).toBe(true);
		expect(changedAtOnce(snapshot([1], [0]), a)).toBe(true);
		expect(changedAtOnce(snapshot([1, 11], [0, 1], { flags: Uint8Array.of(0, 1) }), a)).toBe(true);
		expect(changedAtOnce(snapshot([1]), null)).toBe(true);
	});

	it('draws on a change of view or selection, every MOTION_PX of movement and at the end of the interpolation, not otherwise', () => {
		const g = new RedrawGate();
		expect(g.due(1, 'view')).toBe(true);
		expect(g.due(1, 'view')).toBe(false);
		// a snapshot whose vehicles move 2 px: drawn at each quarter of the way and at its end
		g.snapshot(2, false);
		const frames = [0, 0.1, 0.2, 0.25, 0.3, 0.45, 0.5, 0.6, 0.7, 0.75, 0.9, 0.99, 1, 1];
		expect(frames.filter((a) => g.due(a, 'view'))).toEqual([0.25, 0.5, 0.75, 1]);
		expect(MOTION_PX).toBe(0.5);
		// slow traffic: drawn once, where it ends; a change of view or selection draws at once
		g.snapshot(0.1, false);
		expect([0.2, 0.5, 0.9, 1].filter((a) => g.due(a, 'view'))).toEqual([1]);
		expect(g.due(1, 'view, panned')).toBe(true);
		expect(g.due(1, 'view, panned')).toBe(false);
		// something shown at once (a new vehicle) draws with the snapshot's first frame
		g.snapshot(0.1, true);
		expect(g.due(0, 'view, panned')).toBe(true);
		g.invalidate();
		expect(g.due(0.1, 'view, panned')).toBe(true);
	});

	it('a layer reused for fewer vehicles draws only those', () => {
		const layer = new VehicleLayer();
		layer.draw(view(recorder().ctx), snapshot([10, 20, 30, 40]), null, 1, null, []);
		const { ctx, calls } = recorder();
		const screen: ScreenPoint[] = [];
		layer.draw(view(ctx), snapshot([50, 60]), null, 1, null, screen);
		expect(screen.map((p) => p.x)).toEqual([50, 60]);
		expect(calls.filter((c) => c[0] === 'fill').reduce((n, c) => n + (c[1] as { shapes: number }).shapes, 0)).toBe(2);
	});
});

describe('warnings and signal heads', () => {
	it('a badge shows over the warned vehicle while it is drawn, for a few seconds', () => {
		const b = new AlertBadges();
		b.add([{ kind: 'alert', t: 0, node: 10001, app: 'eebl', level: 'danger', key: 'alerts.eebl', params: { ahead: 30 }, nodeName: 'car' }], 0);
		const { ctx, calls } = recorder();
		b.draw(view(ctx, 10), [{ id: 10001, x: 50, y: 80 }]);
		expect(calls.filter((c) => c[0] === 'fillText').map((c) => c.slice(1, 4))).toEqual([['!', 50, 64], ['EEBL', 50, 44]]);
		const other = recorder();
		b.draw(view(other.ctx, 20), [{ id: 10002, x: 50, y: 80 }]);
		expect(other.calls.filter((c) => c[0] === 'fillText')).toHaveLength(0);
		b.draw(view(recorder().ctx, BADGE_MS), []);
		expect(b.size).toBe(0);
	});

	it('a signal head stands 22 m up each approach of a signalised node, none at plain nodes', () => {
		const lat = 39.78;
		const dLat = 100 / 111320; // 100 m north
		const city = {
			nodes: [{ id: 1, lat, lon: 116.5, signal: true }, { id: 2, lat: lat + dLat, lon: 116.5, signal: false }],
			roads: [{ linkId: 7, name: { en: '', zh: '' }, lanes: 2, points: [[lat + dLat, 116.5], [lat, 116.5]] }]
		} as unknown as CityView;
		const heads = signalHeads(city);
		expect(heads).toHaveLength(1);
		expect(heads[0].node).toBe(1);
		expect(heads[0].linkId).toBe(7);
		expect((heads[0].lat - lat) * 111320).toBeCloseTo(22, 6);
		expect(heads[0].lon).toBe(116.5);
	});
});

describe('to scale', () => {
	it('vehicles are their simulated size zoomed in (a car 4.7 × 1.85 m, a bus 12 m), symbols zoomed out, smaller below zoom 15', () => {
		expect(vehicleHalfSize(0, 0.5, true)).toEqual({ l: 4.7, w: 1.85 });
		expect(vehicleHalfSize(1, 0.5, true).l).toBe(12);
		expect(vehicleHalfSize(0, 0.5, false, 16)).toEqual({ l: 5.5, w: 3.5 });
		expect(vehicleHalfSize(2, 0.5, false, 16).l).toBeCloseTo(5.5 * 2.3, 9);
		expect(vehicleHalfSize(0, 0.5, false, 13).l).toBeCloseTo(5.5 * 0.55, 9);
	});

	it('markings are drawn from zoom 17 only, and only those on screen', () => {
		const m = new Markings([
			{ kind: 'lane', widthM: 0.15, points: [[10, 10], [10, 100]] },
			{ kind: 'stop', widthM: 0.4, points: [[50, 50], [50, 60]] },
			{ kind: 'lane', widthM: 0.15, points: [[5000, 5000], [5000, 5100]] }
		]);
		const { ctx, calls } = recorder();
		m.draw(view(ctx), 16);
		expect(m.drawn).toBe(0);
		expect(calls.filter((c) => c[0] === 'stroke')).toHaveLength(0);
		m.draw(view(ctx), 17);
		expect(m.drawn).toBe(2);
		// one stroke per kind present: lane lines dashed 3 m on 6 m, then the stop line solid
		const dashes = calls.filter((c) => c[0] === 'setLineDash').map((c) => c[1]);
		expect(dashes[0]).toEqual([3, 6]);
		expect(calls.filter((c) => c[0] === 'stroke')).toHaveLength(2);
	});

	it('a road event: its area to scale, the closed lane as wide as a lane, the sign on a pin above the position; off screen, nothing', () => {
		const ev = {
			id: 3, kind: 'accident', pos: { lat: 200, lon: 300 }, radiusM: 50, laneWidthM: 3.5, closedLane: 1,
			closedPath: [{ lat: 170, lon: 300 }, { lat: 208, lon: 300 }]
		} as unknown as FrameRoadEvent;
		const { ctx, calls } = recorder();
		const drawn = drawRoadEvents(view(ctx), [ev, { ...ev, id: 4, pos: { lat: 5000, lon: 5000 } }]);
		expect(drawn).toEqual([{ id: 3, kind: 'accident', x: 300, y: 200, radiusPx: 50, closedLanePx: 3.5 }]);
		const arcs = calls.filter((c) => c[0] === 'arc').map((c) => c.slice(1, 4));
		expect(arcs[0]).toEqual([300, 200, 50]);
		// the sign's top corner: 13 px above a point SIGN_LIFT_PX above the position
		expect(calls.some((c) => c[0] === 'moveTo' && c[1] === 300 && c[2] === 200 - SIGN_LIFT_PX - 13)).toBe(true);
		expect(calls.filter((c) => c[0] === 'lineTo' && c[1] === 300 && c[2] === 208)).toHaveLength(1);
	});

	it("a scenario's actors are ringed where drawn", () => {
		const { ctx, calls } = recorder();
		expect(drawActors(view(ctx), [10001, 10009], [{ id: 10001, x: 40, y: 50 }, { id: 10002, x: 0, y: 0 }])).toBe(1);
		expect(calls.filter((c) => c[0] === 'arc').every((c) => c[1] === 40 && c[2] === 50)).toBe(true);
	});
});
