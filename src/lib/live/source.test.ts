// LiveSource fed with what a simulation publishes, read back through the dialects exactly as a
// broker link would hand it over; a fake clock, so nothing depends on how fast the machine is.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encodeFrame, makeFrame, parseHex, payloadOf, type PbObject } from '../codec';
import { createWorld, decodeOnAir, idInName, loadCity, nodeKind, positionDeg, type OnAir, type SimEvent, type Transmission, type World } from '../sim';
import { DialectWriter, readPublication } from './dialects';
import { LEARNED_FIRST_ID, LIGHTS_STALE_MS } from './intersections';
import { LiveSource, MAX_NAMES, READ_BUDGET, READ_BYTES, READ_MS, STALE_MS } from './source';
import type { Dialect, Publication } from './types';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
/** A step's time limit never bites: what a step reads must not depend on the machine's speed. */
const busyNow = () => 0;
const UPER: OnAir = { encoding: 'uper', profile: 'csae157-2020' };

interface Run {
	world: World;
	source: LiveSource;
	/** every event the source gave, in order */
	events: SimEvent[];
	/** wall clock the source reads; the run moves it 100 ms a step */
	clock: { now: number };
}

/**
 * `seconds` of a simulation of `city` published in `dialect`, each step's publications handed to
 * a LiveSource over base city `base`, which steps once per simulation step (100 ms of its clock).
 */
function run(dialect: Dialect, seconds: number, opts: { city?: string; base?: string; onAir?: OnAir; vehicles?: number } = {}): Run {
	const world = createWorld({ city: opts.city ?? 'beijing-yizhuang', seed: 3, vehicles: opts.vehicles ?? 25, onAir: opts.onAir ?? { encoding: 'protobuf' } });
	const writer = new DialectWriter({ dialect, profile: opts.onAir?.encoding === 'uper' ? opts.onAir.profile : undefined, nodeName: (id) => world.nodeName(id), isRsu: (id) => nodeKind(id) === 'rsu', startTimeMs: T0 });
	const clock = { now: T0 };
	const source = new LiveSource({ city: opts.base ?? opts.city ?? 'beijing-yizhuang', now: () => clock.now, busyNow });
	const events: SimEvent[] = [];
	for (let i = 0; i < seconds * 10; i++) {
		world.step();
		for (const e of world.drainEvents()) if (e.kind === 'tx') writer.add(e);
		for (const p of writer.flush()) source.receive(p.topic, p.payload);
		clock.now += 100;
		source.step();
		events.push(...source.drainEvents());
	}
	return { world, source, events, clock };
}

const txs = (events: SimEvent[]) => events.filter((e): e is Transmission => e.kind === 'tx');
const payload = (tx: Transmission, type: string) => {
	const p = payloadOf(decodeOnAir(tx.bytes, tx.encoding, tx.profile))!;
	expect(p.type).toBe(type);
	return p.value;
};

/** The position each sender's latest BSM gave, by sender id. */
function lastBsmPositions(events: SimEvent[]): Map<number, { lat: number; lon: number; t: number }> {
	const out = new Map<number, { lat: number; lon: number; t: number }>();
	for (const tx of txs(events)) if (tx.type === 'bsm') out.set(tx.sender, { ...positionDeg(payload(tx, 'bsm').pos)!, t: tx.t });
	return out;
}

describe('LiveSource fed by a simulation through the dialects', () => {
	test('cv2x dialect: every vehicle is drawn where its latest BSM put it, named by its topic and temporary id', () => {
		const { world, source, events } = run('cv2x', 3);
		const snap = source.snapshot();
		const expected = lastBsmPositions(events);
		const fresh = [...expected].filter(([, p]) => source.timeMs - p.t <= STALE_MS);
		// the vehicles RSUs' sensors report in RSM are drawn too, under the RSU's name
		const bsmDrawn = [...snap.vehicles.id.keys()].filter((i) => !/:ptc\d+$/.test(source.nodeName(snap.vehicles.id[i])));
		expect(bsmDrawn.length).toBeGreaterThan(5);
		expect(bsmDrawn.length).toBe(fresh.length);
		expect(bsmDrawn.length).toBeLessThan(snap.vehicles.id.length);
		for (const i of bsmDrawn) {
			const id = snap.vehicles.id[i];
			const p = expected.get(id)!;
			expect(Math.abs(snap.vehicles.lat[i] - p.lat)).toBeLessThan(1e-6);
			expect(Math.abs(snap.vehicles.lon[i] - p.lon)).toBeLessThan(1e-6);
			expect(nodeKind(id)).toBe('vehicle');
			// "car-10012/<temp id hex>": the simulated vehicle is where the live source draws it
			const name = source.nodeName(id);
			expect(name).toMatch(/^[a-z]+-\d+\/[0-9a-f]{16}$/);
			const simPos = world.positionOf(idInName(name.split('/')[0])!);
			if (simPos) expect(Math.abs(simPos.lat - snap.vehicles.lat[i]) + Math.abs(simPos.lon - snap.vehicles.lon[i])).toBeLessThan(1e-6);
		}
		const c = source.counters();
		expect(c.messages).toBe(txs(events).length);
		expect(c.undecodable).toBe(0);
		expect(c.dropped).toBe(0);
		expect(c.publications).toBe(c.messages);
	});

	test('every message becomes a transmission: seq from 0, the source time, channel by type, bytes as received, topic kept', () => {
		const { source, events } = run('cv2x', 1.5);
		const all = txs(events);
		expect(all.map((t) => t.seq)).toEqual(all.map((_, i) => i));
		for (const tx of all) {
			expect(tx.t % 100).toBe(0);
			expect(tx.receivers).toEqual([]);
			expect(tx.channel).toBe(['bsm', 'spat', 'map_data', 'rsi', 'rsm', 'psm'].includes(tx.type) ? 'pc5' : tx.channel);
			expect(source.topicOf(tx.seq)).toMatch(new RegExp(`^cv2x/v1/[^/]+/${tx.type}$`));
			expect(() => decodeOnAir(tx.bytes, tx.encoding, tx.profile)).not.toThrow();
		}
		expect(all.some((t) => t.channel === 'uu')).toBe(true); // the cloud's speed advice and the vehicles' reports
		expect(source.topicOf(all.length)).toBeUndefined();
		expect(source.topicOf(-1)).toBeUndefined();
	});

	test('docking dialect (UPER): base-city RSUs known by wire id, SPAT lights on the base city nodes, RSM participants drawn', () => {
		const { world, source, events } = run('docking', 3, { onAir: UPER });
		const base = loadCity('beijing-yizhuang');
		// RSUs are the base city's, same ids as the simulation's, known from the 8-octet wire id
		expect(source.rsus.map((r) => r.name)).toEqual(base.rsus.map((r) => r.id));
		for (const tx of txs(events).filter((t) => t.type === 'spat')) expect(world.nodeName(tx.sender)).toBe(source.nodeName(tx.sender));
		expect(source.cityVersion).toBe(0); // the MAPs describe the base city's own nodes: nothing new to draw
		expect(source.city.nodes.length).toBe(base.nodes.length);
		// lights: each as the latest SPAT for that node said
		const snap = source.snapshot();
		expect(snap.signals.length).toBeGreaterThan(0);
		const latest = new Map<number, PbObject>();
		for (const tx of txs(events).filter((t) => t.type === 'spat'))
			for (const i of payload(tx, 'spat').intersections as PbObject[]) latest.set((i.intersectionId as PbObject).id as number, i);
		const signalled = new Map(base.nodes.filter((n) => n.signal).map((n) => [n.id, n]));
		const LIGHT: Record<number, string> = { 3: 'red', 2: 'red', 7: 'yellow', 8: 'yellow', 4: 'green', 5: 'green', 6: 'green' };
		for (const s of snap.signals) {
			const node = signalled.get(s.node)!;
			expect(node).toBeDefined();
			const phases = latest.get(s.node)!.phases as PbObject[];
			for (const p of node.signal!.phases)
				for (const linkId of p.approaches) {
					const state = ((phases.find((x) => x.id === p.id)!.phaseStates as PbObject[])[0].light as number) ?? 0;
					expect(s.approaches.find((a) => a.linkId === linkId)!.light).toBe(LIGHT[state]);
				}
		}
		// and they agree with the simulation's own lights (a change between SPAT and now aside)
		const simLights = world.snapshot().signals.flatMap((s) => s.approaches.map((a) => `${s.node}/${a.linkId}/${a.light}`));
		const liveLights = snap.signals.flatMap((s) => s.approaches.map((a) => `${s.node}/${a.linkId}/${a.light}`));
		expect(liveLights.filter((l) => simLights.includes(l)).length).toBeGreaterThan(0.8 * liveLights.length);
		// RSM participants, keyed by RSU and ptcId, drawn beside the BSM senders
		const rsmIds = [...snap.vehicles.id, ...snap.vrus.map((v) => v.id)].filter((id) => /:ptc\d+$/.test(source.nodeName(id)));
		expect(rsmIds.length).toBeGreaterThan(0);
		for (const id of rsmIds) expect(source.nodeName(id)).toMatch(/^RSU-BJ-YZ-\d\d:ptc\d+$/);
		// the profile is the one the reader found the first UPER message in
		expect(source.meta).toEqual({ startTimeMs: T0, city: 'beijing-yizhuang', profile: txs(events).find((t) => t.encoding === 'uper')!.profile });
		// docking BSMs are forwarded by RSUs: vehicles named by their temporary id alone
		expect(snap.vehicles.id.length).toBeGreaterThan(0);
		expect([...snap.vehicles.id].some((id) => /^vehicle:[0-9a-f]{16}$/.test(source.nodeName(id)))).toBe(true);
	});

	test('openv2x dialect (JSON): vehicles where their BSMs put them, RSUs the base city\'s, lights shown', () => {
		const { source, events } = run('openv2x', 2, { onAir: { encoding: 'uper', profile: 'csae53-2020-draft' } });
		expect(txs(events).length).toBeGreaterThan(100);
		expect(source.counters().undecodable).toBe(0);
		expect(source.rsus.map((r) => r.name)).toEqual(loadCity('beijing-yizhuang').rsus.map((r) => r.id));
		const snap = source.snapshot();
		const expected = lastBsmPositions(events);
		const bsmDrawn = [...snap.vehicles.id].filter((id) => expected.has(id));
		expect(bsmDrawn.length).toBeGreaterThan(5);
		for (const id of bsmDrawn) {
			const i = snap.vehicles.id.indexOf(id);
			expect(Math.abs(snap.vehicles.lat[i] - expected.get(id)!.lat) + Math.abs(snap.vehicles.lon[i] - expected.get(id)!.lon)).toBeLessThan(1e-6);
		}
		expect(snap.signals.length).toBeGreaterThan(0);
		expect(source.cityVersion).toBe(0);
	});

	test('MAP from another city: its intersections and links are added under ids of their own, cityVersion goes up, SPAT lights show on them', () => {
		const { world, source, events } = run('cv2x', 2.5, { city: 'wuhan-etdz', base: 'beijing-yizhuang', vehicles: 10 });
		const base = loadCity('beijing-yizhuang');
		const wuhan = world.city;
		const maps = txs(events).filter((t) => t.type === 'map_data');
		expect(maps.length).toBeGreaterThan(0);
		const described = new Map<number, PbObject>();
		for (const tx of maps) for (const n of payload(tx, 'map_data').nodes as PbObject[]) described.set((n.id as PbObject).id as number, n);
		const city = source.city;
		const learned = city.nodes.filter((n) => n.id >= LEARNED_FIRST_ID && n.name);
		expect(learned.length).toBe(described.size);
		for (const n of learned) {
			const orig = wuhan.nodes.find((w) => w.name?.en === n.name!.en)!;
			expect(Math.abs(orig.lat - n.lat) + Math.abs(orig.lon - n.lon)).toBeLessThan(1e-6);
		}
		expect(city.nodes.slice(0, base.nodes.length)).toEqual(base.nodes);
		const inLinks = [...described.values()].reduce((s, n) => s + (n.inLinks as PbObject[]).length, 0);
		const links = city.links.filter((l) => l.id >= LEARNED_FIRST_ID);
		expect(links.length).toBe(inLinks);
		const ids = new Set(city.nodes.map((n) => n.id));
		for (const l of links) expect(ids.has(l.from) && ids.has(l.to)).toBe(true);
		expect(new Set(city.links.map((l) => l.id)).size).toBe(city.links.length);
		expect(source.cityVersion).toBeGreaterThan(0);
		// the Wuhan RSUs are drawn where their RSI/RSM/MAP put them
		const wuhanRsus = source.rsus.filter((r) => r.name.startsWith('RSU-WH'));
		expect(wuhanRsus.length).toBeGreaterThan(0);
		for (const r of wuhanRsus) {
			const orig = wuhan.rsus.find((w) => w.id === r.name)!;
			expect(Math.hypot(orig.lat - r.lat, orig.lon - r.lon)).toBeLessThan(0.01); // its refPos, or its first intersection
		}
		// lights on the learned intersections
		const signals = source.snapshot().signals;
		expect(signals.length).toBeGreaterThan(0);
		for (const s of signals) {
			expect(s.node).toBeGreaterThanOrEqual(LEARNED_FIRST_ID);
			expect(s.approaches.length).toBeGreaterThan(0);
			for (const a of s.approaches) expect(links.some((l) => l.id === a.linkId && l.to === s.node)).toBe(true);
		}
		// the same MAPs again change nothing
		const v = source.cityVersion;
		const before = source.city;
		for (const tx of maps.slice(-3)) source.receive(`cv2x/v1/${source.nodeName(tx.sender)}/map_data`, encodeFrame(decodeOnAir(tx.bytes, tx.encoding, tx.profile)));
		source.step();
		expect(source.cityVersion).toBe(v);
		expect(source.city).toBe(before);
	});

	test('a SPAT without a MAP lights the base node of its id only in the bundled cities\' region', () => {
		const base = loadCity('beijing-yizhuang');
		const node = base.nodes.find((n) => n.signal)!;
		const spat = (region: number) =>
			encodeFrame(makeFrame('spat', { msgCnt: 1, intersections: [{ intersectionId: { region, id: node.id }, status: 0, phases: node.signal!.phases.map((p) => ({ id: p.id, phaseStates: [{ light: 6 }] })) }] }), { validate: false });
		const clock = { now: T0 };
		const source = new LiveSource({ now: () => clock.now, busyNow });
		source.receive('cv2x/v1/RSU-far/spat', spat(255));
		clock.now += 100;
		source.step();
		expect(source.snapshot().signals).toEqual([]);
		source.receive('cv2x/v1/RSU-BJ-YZ-01/spat', spat(1));
		clock.now += 100;
		source.step();
		const [lights] = source.snapshot().signals;
		expect(lights.node).toBe(node.id);
		expect(lights.approaches.length).toBe(node.signal!.phases.reduce((n, p) => n + p.approaches.length, 0));
		expect(lights.approaches.every((a) => a.light === 'green')).toBe(true);
		// lights go when SPAT stops (LIGHTS_STALE_MS)
		clock.now += LIGHTS_STALE_MS + 100;
		source.step();
		expect(source.snapshot().signals).toEqual([]);
	});

	test('vehicles not heard of for 2 s disappear; lights and the city stay a while', () => {
		const { source, clock } = run('cv2x', 1, { city: 'wuhan-etdz', base: 'beijing-yizhuang' });
		expect(source.snapshot().vehicles.id.length).toBeGreaterThan(0);
		const city = source.city;
		const rsus = source.rsus;
		const lights = source.snapshot().signals.length;
		expect(lights).toBeGreaterThan(0);
		clock.now += STALE_MS + 100;
		source.step();
		const snap = source.snapshot();
		expect(snap.vehicles.id.length).toBe(0);
		expect(snap.vrus.length).toBe(0);
		expect(snap.signals.length).toBe(lights);
		expect(source.city).toBe(city);
		expect(source.rsus).toBe(rsus);
		expect(source.positionOf(rsus[rsus.length - 1].id)).not.toBeNull();
	});
});

const SHARED = resolve(__dirname, '../../../../shared/samples/uper');
describe.skipIf(!existsSync(SHARED))('real payloads from a roadside unit (../shared/samples/uper; skipped without it)', () => {
	const hex = (name: string) => parseHex(readFileSync(resolve(SHARED, name), 'utf8').trim());

	test('map.framed.hex on V2X.RSU.MAP.UP adds its intersection and links and places its RSU', () => {
		const clock = { now: T0 };
		const source = new LiveSource({ now: () => clock.now, busyNow });
		const nodes = source.city.nodes.length;
		source.receive('V2X.RSU.MAP.UP', hex('map.framed.hex'));
		clock.now += 100;
		source.step();
		const [tx] = source.drainEvents() as Transmission[];
		expect(tx.type).toBe('map_data');
		expect(tx.encoding).toBe('uper');
		expect(source.cityVersion).toBeGreaterThanOrEqual(1);
		const city = source.city;
		expect(city.nodes.length).toBeGreaterThan(nodes);
		// refPos of node 149 in the documented decode: lat 280985258, long 1129830304
		const node = city.nodes.find((n) => Math.abs(n.lat - 28.0985258) < 1e-7 && Math.abs(n.lon - 112.9830304) < 1e-7)!;
		expect(node).toBeDefined();
		expect(node.id).toBeGreaterThanOrEqual(LEARNED_FIRST_ID);
		const links = city.links.filter((l) => l.to === node.id);
		expect(links.length).toBeGreaterThan(0);
		expect(links.some((l) => l.points.length > 0)).toBe(true);
		// its first link's shape starts at the first documented point (lat 281010657, lon 1129827867)
		expect(links.some((l) => Math.abs(l.points[0]?.[0] - 28.1010657) < 1e-7 && Math.abs(l.points[0]?.[1] - 112.9827867) < 1e-7)).toBe(true);
		const rsu = source.rsus.find((r) => r.id === tx.sender)!;
		expect(rsu).toBeDefined();
		expect(rsu.lat).toBeCloseTo(28.0985258, 7);
		// read as a bare UPER frame too, through a reader that hands over messages without frames
		const again = new LiveSource({ now: () => clock.now, busyNow, city: 'changsha-xiangjiang' });
		again.receive('cv2x/v1/RSU-X/map_data', encodeFrame(decodeOnAir(hex('map.uper.hex'), 'uper', 'csae53-2020-draft')));
		again.step();
		expect(again.cityVersion).toBeGreaterThanOrEqual(1);
		expect(again.city.nodes.some((n) => n.id >= LEARNED_FIRST_ID && Math.abs(n.lat - 28.0985258) < 1e-7)).toBe(true);
	});

	test('the five payloads of one roadside unit: its BSMs and RSM participants drawn, everything under its id', () => {
		const clock = { now: T0 };
		const source = new LiveSource({ now: () => clock.now, busyNow });
		for (const t of ['map', 'spat', 'rsm', 'bsm', 'rsi']) source.receive(`V2X.RSU.${t.toUpperCase()}.UP`, hex(`${t}.framed.hex`));
		clock.now += 100;
		source.step();
		const rows = source.drainEvents() as Transmission[];
		expect(rows.map((r) => r.type)).toEqual(['map_data', 'spat', 'rsm', 'bsm', 'bsm', 'rsi']);
		expect(source.counters()).toMatchObject({ publications: 5, messages: 6, undecodable: 0, dropped: 0 });
		const rsu = rows[0].sender;
		for (const r of rows) expect(r.type === 'bsm' ? r.sender !== rsu : r.sender === rsu).toBe(true);
		const snap = source.snapshot();
		const positions = lastBsmPositions(rows);
		expect(positions.size).toBe(2);
		for (const [id, p] of positions) {
			const i = snap.vehicles.id.indexOf(id);
			expect(i).toBeGreaterThanOrEqual(0);
			expect(Math.abs(snap.vehicles.lat[i] - p.lat) + Math.abs(snap.vehicles.lon[i] - p.lon)).toBeLessThan(1e-6);
			expect(source.nodeName(id)).toMatch(/^vehicle:[0-9a-f]{16}$/);
		}
		const participants = (payload(rows[2], 'rsm').participants as PbObject[]).filter((p) => [1, 2, 3].includes(p.ptcType as number));
		expect(participants.length).toBeGreaterThan(0);
		const drawn = [...snap.vehicles.id, ...snap.vrus.map((v) => v.id)].filter((id) => source.nodeName(id).startsWith(`${source.nodeName(rsu)}:ptc`));
		expect(drawn.length).toBe(participants.length);
	});
});

describe('bad input and floods', () => {
	test('undecodable publications become rows with their raw bytes and the error', () => {
		const clock = { now: T0 };
		const source = new LiveSource({ now: () => clock.now, busyNow });
		const garbage = new Uint8Array([0xff, 0x00, 0x13, 0x37]);
		source.receive('cv2x/v1/car-1/bsm', garbage);
		source.receive('V2X.RSU.BSM.UP', new Uint8Array(5));
		source.receive('V2X/RSU/esn-1/MAP/UP', new TextEncoder().encode('{"not": json'));
		clock.now += 100;
		source.step();
		const rows = source.drainEvents() as Transmission[];
		expect(rows.map((r) => r.type)).toEqual(['undecodable', 'undecodable', 'undecodable']);
		expect(rows[0].bytes).toEqual(garbage);
		for (const r of rows) {
			expect(r.error).toMatch(/\S/);
			expect(source.nodeName(r.sender)).toBe(source.topicOf(r.seq));
		}
		expect(rows[1].error).toMatch(/offset|octet|byte/i);
		expect(source.counters()).toMatchObject({ publications: 3, messages: 0, undecodable: 3, dropped: 0 });
	});

	test('a flood of 20,000 publications in one step is cut to the budget, the rest dropped undecoded, the queue bounded', () => {
		const clock = { now: T0 };
		let reads = 0;
		const frame = encodeFrame(makeFrame('bsm', { msgCnt: 1, id: new Uint8Array(8).fill(7), secMark: 0, pos: { lat: 397800000, lon: 1165000000 }, speed: 500, heading: 0 }));
		const source = new LiveSource({
			now: () => clock.now,
			busyNow,
			read: (topic, payload, profiles) => {
				reads++;
				return readPublication(topic, payload, { profiles });
			}
		});
		for (let i = 0; i < 20_000; i++) {
			source.receive(`cv2x/v1/car-${10000 + (i % 500)}/bsm`, frame);
			expect(source.queued).toBeLessThanOrEqual(READ_BUDGET);
		}
		expect(reads).toBe(0); // receiving decodes nothing
		expect(source.counters()).toMatchObject({ publications: 0, dropped: 0 }); // counted by the step that takes them
		clock.now += 100;
		source.step();
		expect(reads).toBe(READ_BUDGET);
		expect(source.drainEvents().length).toBe(READ_BUDGET);
		expect(source.counters()).toMatchObject({ publications: 20_000, messages: READ_BUDGET, dropped: 20_000 - READ_BUDGET, perSecond: 20_000 });
		expect(source.queued).toBe(0);
		// a second later the rate is that of what arrived since
		for (let s = 0; s < 10; s++) {
			for (let i = 0; i < 50; i++) source.receive('cv2x/v1/car-1/bsm', frame);
			clock.now += 100;
			source.step();
		}
		expect(source.counters().perSecond).toBe(500);
		expect(source.counters().dropped).toBe(20_000 - READ_BUDGET);
	});

	test('a step reads at most its budget of messages, however many a publication holds, and of octets; the rest waits for the next step', () => {
		const clock = { now: T0 };
		// forwarded BSM batches: 600 docking publications of many messages each
		const world = createWorld({ city: 'beijing-yizhuang', seed: 3, vehicles: 60, onAir: UPER });
		const writer = new DialectWriter({ dialect: 'docking', nodeName: (id) => world.nodeName(id), isRsu: (id) => nodeKind(id) === 'rsu', startTimeMs: T0 });
		const batches: Publication[] = [];
		for (let i = 0; i < 20; i++) {
			world.step();
			for (const e of world.drainEvents()) if (e.kind === 'tx') writer.add(e);
			batches.push(...writer.flush().filter((p) => p.topic === 'V2X.RSU.BSM.UP'));
		}
		const biggest = Math.max(...batches.map((p) => p.payload[16]));
		expect(biggest).toBeGreaterThan(3);
		const source = new LiveSource({ now: () => clock.now, busyNow });
		for (let i = 0; i < READ_BUDGET; i++) source.receive(batches[i % batches.length].topic, batches[i % batches.length].payload);
		clock.now += 100;
		source.step();
		const rows = source.drainEvents().length;
		expect(rows).toBeGreaterThanOrEqual(READ_BUDGET);
		expect(rows).toBeLessThan(READ_BUDGET + biggest);
		// the publications left unread are read by the next step, not dropped
		expect(source.counters().dropped).toBe(0);
		expect(source.queued).toBeGreaterThan(0);
		let later = 0;
		for (let i = 0; i < 20 && source.queued > 0; i++) {
			clock.now += 100;
			source.step();
			const n = source.drainEvents().length;
			expect(n).toBeLessThan(READ_BUDGET + biggest);
			later += n;
		}
		expect(source.queued).toBe(0);
		const c = source.counters();
		expect(c).toMatchObject({ dropped: 0, publications: READ_BUDGET });
		expect(rows + later).toBe(c.messages);
		// octets: 1 KiB publications stop at READ_BYTES; the rest follow in the next steps
		const big = new LiveSource({ now: () => clock.now, busyNow });
		for (let i = 0; i < READ_BUDGET; i++) big.receive('cv2x/v1/car-1/bsm', new Uint8Array(1024).fill(0xff));
		big.step();
		expect(big.drainEvents().length).toBe(READ_BYTES / 1024);
		expect(big.counters()).toMatchObject({ undecodable: READ_BYTES / 1024, dropped: 0 });
		expect(big.queued).toBe(READ_BUDGET - READ_BYTES / 1024);
		big.step();
		big.step();
		expect(big.counters()).toMatchObject({ undecodable: READ_BUDGET, dropped: 0 });
	});

	test('a step stops reading after READ_MS of its busy clock; the rest waits for the next step, at most a budget of it', () => {
		let busy = 0;
		const clock = { now: T0 };
		const source = new LiveSource({ now: () => clock.now, budget: 10, busyNow: () => (busy += 7) });
		const push = (n: number) => {
			for (let i = 0; i < n; i++) source.receive('cv2x/v1/car-1/bsm', new Uint8Array([0xff]));
		};
		const step = () => {
			clock.now += 100;
			source.step();
			return source.drainEvents().length;
		};
		// the limit is read once to start, then before each publication: 7, 14, 21, 28 ms are under 30
		const perStep = Math.ceil(READ_MS / 7) - 1;
		push(10);
		expect(step()).toBe(perStep);
		expect(source.queued).toBe(10 - perStep);
		expect(source.counters()).toMatchObject({ publications: perStep, undecodable: perStep, dropped: 0 });
		// 6 waiting and 10 new: 4 read, the newest 10 of the other 12 wait, 2 dropped
		push(10);
		expect(step()).toBe(perStep);
		expect(source.queued).toBe(10);
		expect(source.counters()).toMatchObject({ publications: 2 * perStep + 2, dropped: 2 });
		while (source.queued) step();
		expect(source.counters()).toMatchObject({ publications: 20, undecodable: 18, dropped: 2 });
	});

	test('a flood of ever new temporary ids keeps a bounded number of names', () => {
		const clock = { now: T0 };
		let n = 0;
		const source = new LiveSource({
			now: () => clock.now,
			busyNow,
			// a reader that hands over ready frames: this is about names, not decoding
			read: (topic, payload) => ({
				messages: [{ topic, dialect: 'docking', type: 'bsm', sender: 'R1', bytes: payload, encoding: 'protobuf', frame: { bsm: { id: payload, pos: { lat: 397800000, lon: 1165000000 } } } }]
			})
		});
		for (let step = 0; step < 120; step++) {
			for (let i = 0; i < READ_BUDGET; i++, n++) source.receive('V2X.RSU.BSM.UP', Uint8Array.of(n >>> 24, n >>> 16, n >>> 8, n, 0, 0, 0, 1));
			clock.now += 100;
			source.step();
			source.drainEvents();
			expect(source.names).toBeLessThanOrEqual(MAX_NAMES + READ_BUDGET + 20);
		}
		expect(n).toBeGreaterThan(MAX_NAMES);
		expect(source.snapshot().vehicles.id.length).toBe((STALE_MS / 100 + 1) * READ_BUDGET);
	});

	test('nothing throws on garbage: random payloads on every dialect, frames with missing or odd fields, a reader that throws', () => {
		const clock = { now: T0 };
		let seed = 12345;
		const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 16777216;
		const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
		const source = new LiveSource({ now: () => clock.now, busyNow });
		const topics = ['cv2x/v1/car-1/bsm', 'cv2x/v1/RSU-1/map_data', 'V2X.RSU.BSM.UP', 'V2X.RSU.SPAT.UP', 'V2X/RSU/e1/RSM/UP', 'weird/topic', '', 'cv2x/v1//'];
		for (let i = 0; i < 400; i++) source.receive(topics[i % topics.length], bytes(Math.floor(rnd() * 64)));
		const odd: [string, PbObject][] = [
			['map_data', { msgCnt: 1, nodes: [{ id: { id: 7 } }, { id: { id: 8 }, refPos: { lat: 900000001, lon: 0 } }, { refPos: { lat: 1, lon: 1 } }, { id: { id: 9 }, refPos: { lat: 300000000, lon: 1140000000 }, inLinks: [{}, { upstreamNodeId: { id: 9 } }, { upstreamNodeId: { id: 99 }, points: [{}, { posOffset: {} }] }] }] }],
			['spat', { msgCnt: 1, intersections: [{}, { intersectionId: { id: 9 }, phases: [{}, { id: 3, phaseStates: [] }] }] }],
			['rsm', { msgCnt: 1, id: new Uint8Array(8), refPos: { lat: 900000001, lon: 0 }, participants: [{ ptcType: 1, ptcId: 1, pos: { latOffset: 5, lonOffset: 5 } }] }],
			['rsm', { msgCnt: 1, id: new Uint8Array(8), participants: [{}, { ptcType: 3, ptcId: 2 }, { ptcType: 4, ptcId: 3, pos: {} }] }],
			['bsm', { msgCnt: 1, secMark: 0 }],
			['psm', { msgCnt: 1, secMark: 0, pos: { lat: 397800000, lon: 1165000000 } }],
			['rsi', { msgCnt: 1, id: new Uint8Array(8) }]
		];
		for (const [type, p] of odd) source.receive(`cv2x/v1/RSU-odd/${type}`, encodeFrame(makeFrame(type, p), { validate: false }));
		clock.now += 100;
		expect(() => source.step()).not.toThrow();
		expect(() => source.snapshot()).not.toThrow();
		expect(source.counters().publications).toBe(400 + odd.length);
		expect(source.counters().messages + source.counters().undecodable).toBeGreaterThanOrEqual(odd.length);
		const city = source.city;
		const ids = new Set(city.nodes.map((n) => n.id));
		for (const l of city.links) expect(ids.has(l.from) && ids.has(l.to)).toBe(true);
		const throwing = new LiveSource({
			now: () => clock.now,
			busyNow,
			read: () => {
				throw new Error('boom');
			}
		});
		throwing.receive('x', new Uint8Array(1));
		throwing.step();
		expect((throwing.drainEvents()[0] as Transmission).error).toBe('reading failed: boom');
	});
});
