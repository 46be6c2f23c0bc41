import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { de, decodeFrame, encodeFrame, type MessageFrame } from '../codec';
import { sampleFrame } from '../samples';
import { createWorld, rememberingNames, type Snapshot } from '../sim';
import { captureRecord, type CaptureRecord } from '../capture';
import { Replay } from './replay';

/** Half a step of the latitude and longitude encoding, plus float noise. */
const DEG7_TOLERANCE = 0.6 * de.Latitude.factor;

/** A live run of `steps` steps: its records and the world's snapshot after every step, by time. */
function liveRun(steps: number) {
	const w = createWorld({ city: 'wuhan-etdz', seed: 2, vehicles: 20 });
	const nameOf = rememberingNames((id) => w.nodeName(id));
	const records: CaptureRecord[] = [];
	const snaps = new Map<number, Snapshot>();
	for (let i = 0; i < steps; i++) {
		w.step();
		for (const e of w.drainEvents()) if (e.kind === 'tx') records.push(captureRecord(e, nameOf));
		snaps.set(w.timeMs, w.snapshot());
	}
	return { records, snaps };
}

describe('replay of a capture', () => {
	it('rebuilds vehicles from BSMs and lights from SPAT where and as they were, in the city the positions are in', () => {
		const { records, snaps } = liveRun(30);
		const r = new Replay(records, undefined, 'test.jsonl');
		expect(r.city.id).toBe('wuhan-etdz');
		let vehiclesCompared = 0;
		let lightsCompared = 0;
		while (!r.done) {
			r.step();
			const live = snaps.get(r.timeMs);
			if (!live) continue;
			const got = r.snapshot();
			// every vehicle of the live world is where its BSM put it
			const at = new Map<number, number>();
			got.vehicles.id.forEach((id, i) => at.set(id, i));
			live.vehicles.id.forEach((id, i) => {
				const j = at.get(id);
				expect(j, `vehicle ${id} at ${r.timeMs} ms`).toBeDefined();
				expect(Math.abs(got.vehicles.lat[j!] - live.vehicles.lat[i])).toBeLessThanOrEqual(DEG7_TOLERANCE);
				expect(Math.abs(got.vehicles.lon[j!] - live.vehicles.lon[i])).toBeLessThanOrEqual(DEG7_TOLERANCE);
				expect(got.vehicles.kind[j!]).toBe(live.vehicles.kind[i]);
				vehiclesCompared++;
			});
			// every light SPAT told of shows what the live controller showed at that time
			const liveLights = new Map(live.signals.flatMap((s) => s.approaches.map((a) => [`${s.node}/${a.linkId}`, a.light] as const)));
			for (const s of got.signals)
				for (const a of s.approaches) {
					expect(a.light, `node ${s.node} link ${a.linkId} at ${r.timeMs} ms`).toBe(liveLights.get(`${s.node}/${a.linkId}`));
					lightsCompared++;
				}
		}
		expect(vehiclesCompared).toBeGreaterThan(15 * 25);
		expect(lightsCompared).toBeGreaterThan(100);
		expect(r.drainEvents().filter((e) => e.kind === 'tx')).toHaveLength(records.length);
	});

	it('survives records whose type does not match their bytes', () => {
		const bsm = encodeFrame(sampleFrame('bsm'));
		const spat = encodeFrame(sampleFrame('spat'));
		const records: CaptureRecord[] = [
			{ t: 100, sender: 'car-1', receivers: [], channel: 'pc5', type: 'spat', bytes: bsm },
			{ t: 100, sender: 'RSU-X', receivers: [], channel: 'pc5', type: 'bsm', bytes: spat },
			{ t: 200, sender: 'car-2', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([8, 1, 0x12, 0]) },
			{ t: 300, sender: 'car-3', receivers: [], channel: 'pc5', type: 'bsm', bytes: new Uint8Array([0xff, 0xff]) }
		];
		const r = new Replay(records, undefined, 'bad.jsonl');
		for (let i = 0; i < 5; i++) expect(() => r.step()).not.toThrow();
		expect(r.drainEvents().filter((e) => e.kind === 'tx')).toHaveLength(4);
		expect(() => r.snapshot()).not.toThrow();
	});

	it('seeks to any time: the state equals playing straight there, forward, back past checkpoints, and at the ends', () => {
		const { records } = liveRun(150); // 15 s: checkpoints every 5 s
		const straightAt = (t: number) => {
			const r = new Replay(records, undefined, 'a.jsonl');
			while (r.timeMs < t) r.step();
			return r;
		};
		const s = new Replay(records, undefined, 'b.jsonl');
		for (const t of [8300, 12000, 2700, 14900, 5000, 100, 9999]) {
			s.seek(t);
			const want = straightAt(Math.round(t / 100) * 100);
			expect(s.timeMs).toBe(want.timeMs);
			expect(s.snapshot()).toEqual(want.snapshot());
			expect(s.drainEvents()).toEqual([]);
			// what was replayed before t is there for the log, numbered as a straight run numbers it
			const before = [...s.transmissionsBefore(1e9)];
			expect(before.length).toBe(records.filter((r) => r.t <= s.timeMs).length);
			expect(before.map((x) => x.seq)).toEqual(before.map((_, i) => i));
			// and it plays on from there as the straight run does
			want.drainEvents();
			s.step();
			want.step();
			expect(s.drainEvents().map((e) => e.kind === 'tx' && e.seq)).toEqual(want.drainEvents().map((e) => e.kind === 'tx' && e.seq));
			expect(s.snapshot()).toEqual(want.snapshot());
		}
		s.seek(-1000);
		expect(s.timeMs).toBe(s.startMs);
		expect(s.snapshot().vehicles.id.length).toBe(0);
		s.seek(1e9);
		expect(s.done).toBe(true);
		expect(s.timeMs).toBeGreaterThanOrEqual(s.endMs);
	});

	it('a seek far ahead jumps to what stepping there gives: unavailable headings and speeds carried, gaps around the stale time, damaged and positionless messages, unnumbered names', () => {
		const { records } = liveRun(200);
		/** The live records, changed by `rand` in the ways real captures differ from ours. */
		const damaged = (rand: () => number): CaptureRecord[] => {
			// a sender silent for 1.9 to 2.2 s at some point (kept, or dropped and heard anew), and one
			// whose heading (or speed) is nearly always unavailable, so the last known one is carried far
			const silent = new Map<string, [number, number]>();
			const unknown = new Map<string, 'heading' | 'speed' | undefined>();
			for (const r of records) {
				if (unknown.has(r.sender)) continue;
				const roll = rand();
				unknown.set(r.sender, roll < 0.3 ? 'heading' : roll < 0.5 ? 'speed' : undefined);
				if (rand() < 0.6) { const at = 1000 + rand() * 17000; silent.set(r.sender, [at, at + 1900 + Math.floor(rand() * 4) * 100]); }
			}
			const renamed = new Map<string, string>();
			const out: CaptureRecord[] = [];
			for (const r0 of records) {
				const gap = silent.get(r0.sender);
				if (gap && r0.t >= gap[0] && r0.t < gap[1]) continue;
				const r = { ...r0 };
				if (rand() < 0.05) { if (!renamed.has(r.sender)) renamed.set(r.sender, `unit-${'abcdefgh'[renamed.size % 8]}${renamed.size}`.replace(/\d/g, 'x')); }
				r.sender = renamed.get(r.sender) ?? r.sender;
				r.receivers = r.receivers.map((n) => renamed.get(n) ?? n);
				const always = unknown.get(r0.sender);
				if ((r.type === 'bsm' || r.type === 'psm') && (always || rand() < 0.3)) {
					const f = decodeFrame(r.bytes) as unknown as MessageFrame;
					const m = (f as unknown as Record<string, Record<string, unknown>>)[r.type];
					const roll = rand();
					if (always === 'heading') { if (roll < 0.97) m.heading = 28800; }
					else if (always === 'speed') { if (roll < 0.97) m.speed = 8191; }
					else if (roll < 0.4) m.heading = 28800;
					else if (roll < 0.7) m.speed = 8191;
					else if (roll < 0.85) { m.heading = 28800; m.speed = 8191; }
					else (m.pos as Record<string, number>).lat = 900000001;
					r.bytes = encodeFrame(f);
				} else if (rand() < 0.02) r.bytes = r.bytes.subarray(0, r.bytes.length >> 1);
				out.push(r);
			}
			return out;
		};
		const view = (r: Replay) => ({ t: r.timeMs, snap: r.snapshot(), ids: [...r.transmissionsBefore(1e9)].map((x) => [x.sender, ...x.receivers].join()) });
		fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fc.integer({ min: 0, max: 20500 }), { minLength: 3, maxLength: 6 }), (seed, targets) => {
			let x = seed;
			const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
			const recs = damaged(rand);
			const straight = new Replay(recs, undefined, 'a.jsonl');
			const jumped = new Replay(recs, undefined, 'b.jsonl');
			const want = new Map<number, ReturnType<typeof view>>();
			const grid = targets.map((t) => Math.min(straight.startMs + Math.ceil((straight.endMs - straight.startMs) / 100) * 100, Math.max(straight.startMs, straight.startMs + Math.round((t - straight.startMs) / 100) * 100)));
			for (const t of [...new Set(grid)].sort((a, b) => a - b)) {
				while (straight.timeMs < t) straight.step();
				want.set(t, view(straight));
			}
			for (const t of grid) {
				jumped.seek(t);
				expect(view(jumped)).toEqual(want.get(t));
			}
		}), { numRuns: 12 });
	});

	it('a jump takes a record at t = 0 at the first step, as stepping does (a foreign pcapng may start there)', () => {
		const bsm = (heading: number, speed: number) => {
			const f = sampleFrame('bsm');
			return encodeFrame({ ...f, bsm: { ...f.bsm!, heading, speed } });
		};
		const car = (t: number, bytes: Uint8Array): CaptureRecord => ({ t, sender: 'car-1', receivers: [], channel: 'pc5', type: 'bsm', bytes });
		// 90 degrees and 10 m/s at t = 0, both unavailable 2,100 ms of ticks later: still carried
		const records = [car(0, bsm(7200, 500)), car(2150, bsm(28800, 8191)), { ...car(4000, new Uint8Array([0xff])), sender: 'other', type: 'map' }];
		const straight = new Replay(records, undefined, 'a.jsonl');
		while (straight.timeMs < 4000) straight.step();
		const jumped = new Replay(records, undefined, 'b.jsonl');
		jumped.seek(4000);
		expect(jumped.snapshot()).toEqual(straight.snapshot());
		expect([...jumped.snapshot().vehicles.heading]).toEqual([90]);
	});

	it('says how far a capture was made from the city it is shown on, when it names none and was made far from all', () => {
		const at = (lat: number, lon: number): CaptureRecord[] => {
			const f = sampleFrame('bsm');
			return [{ t: 100, sender: 'car-1', receivers: [], channel: 'pc5', type: 'bsm', bytes: encodeFrame({ ...f, bsm: { ...f.bsm!, pos: { ...f.bsm!.pos!, lat: Math.round(lat * 1e7), lon: Math.round(lon * 1e7) } } }) }];
		};
		const far = new Replay(at(1, 1), undefined, 'far.jsonl');
		expect(far.farM).toBeGreaterThan(1_000_000);
		const near = new Replay(liveRun(3).records, undefined, 'near.jsonl');
		expect(near.city.id).toBe('wuhan-etdz');
		expect(near.farM).toBeUndefined();
	});
});
