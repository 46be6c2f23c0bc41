import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeFrame, frameJson, frameType, validateFrame } from '../codec';
import { checkCityFile, cityIds, createWorld, gridCity, loadCity, pc5Pdr, RoadDataError, straightRoad, type Transmission } from './index';
import { DEFAULT_RADIO } from './config';
import { idmAccel, SPECS } from './vehicles';

const txs = (events: ReturnType<ReturnType<typeof createWorld>['drainEvents']>) => events.filter((e): e is Transmission => e.kind === 'tx');

describe('road data', () => {
	it('ships at least 6 pilot cities, Beijing Yizhuang first, each valid with 3+ signals and RSUs covering them', () => {
		const ids = cityIds();
		expect(ids.length).toBeGreaterThanOrEqual(6);
		expect(ids[0]).toBe('beijing-yizhuang');
		for (const id of ids) {
			const c = loadCity(id);
			const signals = c.nodes.filter((n) => n.signal);
			expect(signals.length, id).toBeGreaterThanOrEqual(3);
			const covered = new Set(c.rsus.flatMap((r) => r.nodes));
			for (const s of signals) expect(covered.has(s.id), `${id} node ${s.id}`).toBe(true);
			expect(c.source.length, id).toBeGreaterThan(10);
			expect(c.city.zh, id).toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it('names the file and the feature of every kind of mistake', () => {
		const good = straightRoad();
		const bad = (mutate: (c: any) => void) => {
			const c = structuredClone(good) as any;
			mutate(c);
			return () => checkCityFile('bad.json', c);
		};
		expect(bad((c) => (c.links[1].to = 99))).toThrowError('bad.json: link 2: "to" names node 99, which does not exist');
		expect(bad((c) => (c.nodes[0].lat = 95))).toThrowError('bad.json: node 1: latitude 95 is not -90..90');
		expect(bad((c) => (c.links[0].lanes = 9))).toThrowError('bad.json: link 1: "lanes" = 9 is outside 1..6');
		expect(bad((c) => c.nodes[1].signal.phases[0].approaches.push(3))).toThrowError('bad.json: node 2 phase 2: approach link 3 is already in phase 1');
		expect(bad((c) => (c.nodes[1].signal.phases[1].approaches = [3]))).toThrowError('bad.json: node 2: incoming link 4 is in no phase');
		expect(bad((c) => (c.rsus[0].nodes = [42]))).toThrowError('bad.json: rsu RSU-TEST-01: serves node 42, which does not exist');
		expect(bad((c) => delete c.city)).toThrowError('bad.json: file: "city" must be { en, zh }');
		expect(() => checkCityFile('x.json', [])).toThrowError(RoadDataError);
	});
});

describe('car following and signals', () => {
	it('IDM: free road accelerates to the desired speed, a stopped leader makes it brake', () => {
		const p = SPECS.car;
		expect(idmAccel(0, 14, Infinity, 0, p)).toBeCloseTo(p.aMax, 5);
		expect(idmAccel(14, 14, Infinity, 0, p)).toBeCloseTo(0, 5);
		expect(idmAccel(14, 14, 30, 14, p)).toBeLessThan(-3);
	});

	it('over 10 minutes: no collisions, no negative speed, plausible accelerations, nobody passes a red light', () => {
		const w = createWorld({ city: gridCity(3, 300), seed: 7, vehicles: 150, messages: { bsm: false, psm: false, rsm: false, map: false, spat: false, rsi: false, cloud: false } });
		let checks = 0;
		const fail: string[] = [];
		const before = new Map<number, { edge: number; s: number; v: number }>();
		for (let step = 0; step < 6000; step++) {
			for (const v of w.traffic.vehicles.values()) before.set(v.id, { edge: v.edge, s: v.s, v: v.v });
			const tS = w.timeMs / 1000; // lights as they were during this step
			w.step();
			for (const e of w.net.edges) {
				const ctrl = w.signals.get(e.to);
				for (const list of w.traffic.lanes[e.index]) {
					for (let i = 0; i < list.length; i++) {
						const v = list[i];
						// plain checks here (millions of them); the failures are asserted once at the end
						if (v.v < 0) fail.push(`${v.id} negative speed ${v.v}`);
						if (v.acc < -9 || v.acc > v.spec.aMax + 1e-9) fail.push(`${v.id} acceleration ${v.acc}`);
						const lead = list[i + 1];
						if (lead && lead.s - lead.spec.length - v.s <= 0) fail.push(`${v.id} overlaps ${lead.id} at t=${w.timeMs}`);
						const b = before.get(v.id);
						if (ctrl && b && b.edge === e.index && b.s < e.stopLine && v.s >= e.stopLine) {
							// a driver who could still stop (at 9 m/s²) when the step began must not go on red
							const couldStop = b.s + (b.v * b.v) / 18 < e.stopLine - 0.5;
							if (couldStop && ctrl.lightFor(e.linkId, tS).light === 'red') fail.push(`${v.id} crossed on red at t=${w.timeMs}`);
							checks++;
						}
					}
				}
			}
		}
		expect(fail.slice(0, 5)).toEqual([]);
		expect(checks).toBeGreaterThan(100); // plenty of stop-line crossings were checked
		expect(w.traffic.vehicles.size).toBeGreaterThan(100);
	}, 60_000);

	it('vehicles stop at a red light and go on green', () => {
		const w = createWorld({ city: straightRoad(1000, { greenS: 20, redS: 40 }), seed: 2, vehicles: 20, vrus: 0 });
		const ctrl = [...w.signals.values()][0];
		let stoppedAtRed = 0;
		let movedOnGreen = 0;
		for (let i = 0; i < 1200; i++) {
			w.step();
			const tS = w.timeMs / 1000;
			for (const v of w.traffic.vehicles.values()) {
				const e = w.net.edges[v.edge];
				if (!w.signals.has(e.to)) continue;
				const light = ctrl.lightFor(e.linkId, tS).light;
				if (v.waitingAtSignal && light === 'red') {
					stoppedAtRed++;
					expect(v.s).toBeLessThanOrEqual(e.stopLine);
				}
				if (light === 'green' && v.v > 5) movedOnGreen++;
			}
		}
		expect(stoppedAtRed).toBeGreaterThan(50);
		expect(movedOnGreen).toBeGreaterThan(50);
	});

	it('SPAT says what the lights do: current state and countdown match the controller', () => {
		const w = createWorld({ city: 'beijing-yizhuang', seed: 4, vehicles: 10 });
		let compared = 0;
		for (let i = 0; i < 400; i++) {
			w.step();
			for (const tx of txs(w.drainEvents())) {
				if (tx.type !== 'spat') continue;
				const spat = (decodeFrame(tx.bytes) as any).spat;
				for (const inter of spat.intersections) {
					const ctrl = w.signals.get(inter.intersectionId.id)!;
					inter.phases.forEach((ph: any, k: number) => {
						const st = ctrl.phaseState(k, tx.t / 1000);
						const first = ph.phaseStates[0];
						const want = st.light === 'red' ? 3 : st.light === 'yellow' ? 7 : [5, 6];
						expect([want].flat()).toContain(first.light);
						expect(first.timing.startTime ?? 0).toBe(0);
						expect(Math.abs(first.timing.likelyEndTime - st.remaining * 10)).toBeLessThanOrEqual(0.51);
						// the states follow one another without gaps
						for (let j = 1; j < ph.phaseStates.length; j++)
							expect(ph.phaseStates[j].timing.startTime ?? 0).toBe(ph.phaseStates[j - 1].timing.likelyEndTime);
						compared++;
					});
				}
			}
		}
		expect(compared).toBeGreaterThan(500);
	});
});

describe('radio', () => {
	it('PC5 delivery ratio falls with distance and is zero beyond the range', () => {
		const cfg = DEFAULT_RADIO.pc5;
		expect(pc5Pdr(10, cfg)).toBeGreaterThan(0.97);
		expect(pc5Pdr(cfg.rangeM + 1, cfg)).toBe(0);
		for (let d = 0; d < cfg.rangeM; d += 10) expect(pc5Pdr(d + 10, cfg)).toBeLessThanOrEqual(pc5Pdr(d, cfg));
		expect(pc5Pdr(cfg.halfAt * cfg.rangeM, cfg)).toBeCloseTo(cfg.pdr0 / 2, 5);
	});

	/**
	 * Runs a world and, for every PC5 transmission, looks at every other radio node (vehicles,
	 * RSUs, VRUs with a phone) where it was when the transmission was sent: its distance from
	 * the sender and whether it is among the receivers.
	 */
	const pairsOf = (w: ReturnType<typeof createWorld>, steps: number) => {
		const pairs: { d: number; heard: boolean; range: number }[] = [];
		for (let i = 0; i < steps; i++) {
			w.step();
			// nothing moves between a step's transmissions and its end: positions now are positions then
			const at = new Map<number, { x: number; y: number }>();
			for (const r of w.rsus) at.set(r.id, r);
			for (const v of w.traffic.vehicles.values()) at.set(v.id, v);
			for (const p of w.vrus.list) if (p.hasDevice) at.set(p.id, p);
			for (const tx of txs(w.drainEvents())) {
				if (tx.channel !== 'pc5') continue;
				const from = at.get(tx.sender)!;
				const range = Math.min(w.rsus.find((r) => r.id === tx.sender)?.rangeM ?? Infinity, w.config.radio.pc5.rangeM);
				const heard = new Set(tx.receivers);
				expect(heard.size).toBe(tx.receiverCount);
				for (const [id, p] of at) if (id !== tx.sender) pairs.push({ d: Math.hypot(p.x - from.x, p.y - from.y), heard: heard.has(id), range });
			}
		}
		return pairs;
	};

	it('in the world, nobody beyond range hears a broadcast, nearly everyone close by does, and cutting the link silences it', () => {
		const w = createWorld({ city: 'beijing-yizhuang', seed: 5, vehicles: 40 });
		const pairs = pairsOf(w, 100);
		const heard = pairs.filter((p) => p.heard);
		expect(heard.length).toBeGreaterThan(1000);
		for (const p of heard) expect(p.d).toBeLessThanOrEqual(p.range);
		const beyond = pairs.filter((p) => p.d > p.range);
		expect(beyond.length).toBeGreaterThan(1000); // plenty of nodes were out of range, and none heard
		const close = pairs.filter((p) => p.d < 50);
		expect(close.length).toBeGreaterThan(500);
		expect(close.filter((p) => p.heard).length / close.length).toBeGreaterThan(0.95);
		const cut = createWorld({ city: 'beijing-yizhuang', seed: 5, vehicles: 40, radio: { pc5: { pdr0: 0 } } });
		cut.step(3000);
		expect(txs(cut.drainEvents()).filter((t) => t.channel === 'pc5').every((t) => t.receiverCount === 0)).toBe(true);
	});

	it("the world's delivery at each distance follows the curve, and its radio statistics count what it did", () => {
		const w = createWorld({ city: 'beijing-yizhuang', seed: 6, vehicles: 60 });
		const cfg = w.config.radio.pc5;
		const pairs = pairsOf(w, 200).filter((p) => p.d <= cfg.rangeM);
		const { binM, tried, delivered } = w.radioBins;
		let checked = 0;
		for (let bin = 0; bin < tried.length; bin++) {
			const inBin = pairs.filter((p) => ((p.d / binM) | 0) === bin);
			// the world's own counters agree with what the transmissions show
			expect(tried[bin], `tried in bin ${bin}`).toBe(inBin.length);
			expect(delivered[bin], `delivered in bin ${bin}`).toBe(inBin.filter((p) => p.heard).length);
			if (inBin.length < 2000) continue;
			// and the share delivered is the curve's, averaged over the distances tried
			const expected = inBin.reduce((a, p) => a + pc5Pdr(p.d, cfg), 0) / inBin.length;
			const got = inBin.filter((p) => p.heard).length / inBin.length;
			expect(Math.abs(got - expected), `${bin * binM}..${(bin + 1) * binM} m`).toBeLessThan(0.015);
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(8);
	});
});

describe('identity and counters', () => {
	it('msgCnt increments by one and wraps 127 -> 0; the temporary id rotates', () => {
		const w = createWorld({ city: straightRoad(3000), seed: 9, vehicles: 4, vrus: 0, idRotationS: 8 });
		const sender = [...w.traffic.vehicles.keys()][0];
		const counts: number[] = [];
		const ids = new Set<string>();
		for (let i = 0; i < 300 && w.traffic.vehicles.has(sender); i++) {
			w.step();
			for (const tx of txs(w.drainEvents()))
				if (tx.sender === sender && tx.type === 'bsm') {
					const bsm = (decodeFrame(tx.bytes) as any).bsm;
					counts.push(bsm.msgCnt ?? 0);
					ids.add(Buffer.from(bsm.id).toString('hex'));
				}
		}
		expect(counts.length).toBeGreaterThan(140);
		for (let i = 1; i < counts.length; i++) expect(counts[i]).toBe((counts[i - 1] + 1) % 128);
		expect(counts).toContain(127);
		expect(ids.size).toBeGreaterThanOrEqual(3);
	});
});

describe('determinism and message validity', () => {
	const digest = (seed: number) => {
		const w = createWorld({ city: 'beijing-yizhuang', seed, vehicles: 40 });
		w.injectEvent('roadworks');
		const h = createHash('sha256');
		for (let i = 0; i < 200; i++) {
			w.step();
			for (const e of w.drainEvents()) {
				if (e.kind === 'tx') h.update(`${e.t}|${e.sender}|${e.channel}|${e.type}|${e.receivers.join(',')}|${e.latencyMs}|`).update(e.bytes);
				else h.update(JSON.stringify(e));
			}
		}
		return h.digest('hex');
	};
	it('the same config and seed give a byte-identical event stream; another seed does not', () => {
		const a = digest(42);
		expect(digest(42)).toBe(a);
		expect(digest(43)).not.toBe(a);
	});

	it('every transmitted frame decodes, validates and has the type it was sent as, in every city', () => {
		for (const city of cityIds()) {
			const w = createWorld({ city, seed: 3, vehicles: 30 });
			w.injectEvent('roadworks');
			w.injectEvent('accident');
			const seen = new Set<string>();
			for (let i = 0; i < 150; i++) {
				w.step();
				for (const tx of txs(w.drainEvents())) {
					const f = decodeFrame(tx.bytes);
					expect(frameType(f), city).toBe(tx.type);
					expect(validateFrame(f), `${city} ${tx.type} ${JSON.stringify(frameJson.to(f))}`).toEqual([]);
					seen.add(tx.type);
				}
			}
			for (const t of ['bsm', 'map_data', 'spat', 'rsm', 'rsi', 'vehicle_status_report']) expect(seen, `${city} sent ${t}`).toContain(t);
		}
	}, 60_000);
});

describe('vehicle-road-cloud', () => {
	it('the cloud answers status reports with speed advice and hazard and lane notices, and they are acknowledged', () => {
		const w = createWorld({ city: 'beijing-yizhuang', seed: 8, vehicles: 60 });
		w.injectEvent('roadworks');
		const types = new Map<string, number>();
		for (let i = 0; i < 600; i++) {
			w.step();
			for (const tx of txs(w.drainEvents())) types.set(tx.type, (types.get(tx.type) ?? 0) + 1);
		}
		expect(types.get('speed_advice')).toBeGreaterThan(10);
		expect(types.get('hazard_notice')).toBeGreaterThan(0);
		expect(types.get('lane_advice')).toBeGreaterThan(0);
		expect(w.cloud.stats.acksReceived).toBeGreaterThan(10);
		expect(w.cloud.stats.reports).toBeGreaterThan(1000);
	});
});
