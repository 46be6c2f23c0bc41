// SimSession driven as the worker drives it, with a hand-turned wall clock and timer: nothing
// here depends on how fast the machine is.
import { describe, expect, it } from 'vitest';
import { readCapture } from '../capture';
import type { FromWorker, ToWorker } from './protocol';
import { SimSession } from './session';

type Msg<K extends FromWorker['kind']> = Extract<FromWorker, { kind: K }>;

function harness(ringBytes?: number) {
	const posted: FromWorker[] = [];
	let wall = 0;
	let pending: (() => void) | null = null;
	const session = new SimSession({
		post: (m) => posted.push(m),
		now: () => wall,
		later: (fn) => {
			pending = fn;
		}
	}, ringBytes);
	return {
		posted,
		send: (m: ToWorker) => session.handle(m),
		/** Lets `ms` of wall time pass and runs the timer if one is due. */
		pass(ms: number) {
			wall += ms;
			const fn = pending;
			pending = null;
			fn?.();
		},
		timerPending: () => pending !== null,
		take<K extends FromWorker['kind']>(kind: K): Msg<K>[] {
			const out = posted.filter((m): m is Msg<K> => m.kind === kind);
			posted.length = 0;
			return out;
		},
		last<K extends FromWorker['kind']>(kind: K): Msg<K> | undefined {
			return posted.filter((m): m is Msg<K> => m.kind === kind).at(-1);
		}
	};
}

describe('the simulation session', () => {
	it('starts a city, steps, plays at the asked speed, and answers for a row', () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 3, vehicles: 20 } });
		const ready = h.last('ready')!;
		expect(ready.city.id).toBe('beijing-yizhuang');
		expect(ready.city.rsus.length).toBeGreaterThan(0);
		expect(ready.cities.map((c) => c.id)).toContain('wuhan-etdz');
		expect(h.last('frame')!.t).toBe(0);
		h.send({ kind: 'step' });
		const stepped = h.last('frame')!;
		expect(stepped.t).toBe(100);
		expect(stepped.vehicles.id.length).toBe(20);
		expect(stepped.counts.bsm).toBe(20);
		// the map's pulses sample BSMs, rarer types all go; the log keeps every message
		expect(stepped.rows.filter((r) => r.type === 'bsm').length).toBeGreaterThan(0);
		expect(stepped.rows.filter((r) => r.type === 'map_data').length).toBe(stepped.counts.map_data ?? 0);
		const sent = Object.values(stepped.counts).reduce((a, b) => a + b, 0);
		expect(stepped.log).toMatchObject({ first: 0, end: sent, kept: sent, evicted: 0 });

		h.send({ kind: 'speed', speed: 2 });
		h.send({ kind: 'play' });
		expect(h.timerPending()).toBe(true);
		h.take('frame');
		h.pass(500); // 500 ms of wall time at 2x: 1 s of simulation
		const played = h.last('frame')!;
		expect(played.t).toBe(1100);
		expect(played.playing).toBe(true);
		expect(played.seconds.map((s) => s.second)).toEqual([0]);
		h.send({ kind: 'pause' });
		expect(h.last('frame')!.playing).toBe(false);
		h.pass(400);
		expect(h.last('frame')!.t).toBe(1100); // paused: the timer does not move it

		const row = played.rows.find((r) => r.type === 'bsm')!;
		h.send({ kind: 'get-tx', request: 7, seq: row.seq });
		const tx = h.last('tx')!;
		expect(tx.request).toBe(7);
		expect(tx.tx!.seq).toBe(row.seq);
		expect(tx.tx!.bytes.length).toBe(row.size);
		h.send({ kind: 'get-latest', request: 8, node: row.sender, types: ['bsm'] });
		expect(h.last('tx')!.tx!.sender).toBe(row.sender);
	});

	it('exports what it ran, imports the export and replays it', () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 2, vehicles: 10 } });
		for (let i = 0; i < 20; i++) h.send({ kind: 'step' });
		h.take('frame');
		h.send({ kind: 'export', request: 1, format: 'pcapng' });
		const exp = h.last('export')!;
		expect(exp.filename).toBe('cv2x-wuhan-etdz-seed2-2s.pcapng');
		const capture = readCapture(exp.data);
		expect(capture.records.length).toBe(exp.records);
		expect(capture.meta).toMatchObject({ city: 'wuhan-etdz', seed: 2, vehicles: 10 });

		h.send({ kind: 'import', name: 'run.pcapng', data: exp.data });
		const ready = h.last('ready')!;
		expect(ready.replay).toEqual({ name: 'run.pcapng', records: exp.records, seconds: 2, startMs: 0, endMs: 2000 });
		expect(ready.city.id).toBe('wuhan-etdz');
		h.send({ kind: 'play' });
		for (let i = 0; i < 10 && h.timerPending(); i++) h.pass(500);
		const end = h.last('frame')!;
		expect(end.playing).toBe(false); // the replay ended by itself
		expect(end.vehicles.id.length).toBe(10);
		const replayed = h.posted.filter((m): m is Msg<'frame'> => m.kind === 'frame').reduce((n, f) => n + Object.values(f.counts).reduce((a, b) => a + b, 0), 0);
		expect(replayed).toBe(exp.records);

		h.send({ kind: 'import', name: 'junk.bin', data: new Uint8Array([1, 2, 3]) });
		expect(h.last('import-error')!.message).toMatch(/^junk\.bin: /);
	});

	it('a scenario pauses at its key moment and shows the message that caused it', () => {
		const h = harness();
		h.send({ kind: 'scenario', id: 'eebl' });
		const ready = h.last('ready')!;
		expect(ready.scenario!.keyApp).toBe('eebl');
		h.send({ kind: 'speed', speed: 16 });
		h.send({ kind: 'play' });
		for (let i = 0; i < 40 && h.timerPending(); i++) h.pass(100);
		const key = h.last('key-moment')!;
		expect(key.alert.key).toBe('alerts.eebl');
		expect(key.alert.params.ahead).toBeGreaterThan(0);
		expect(key.tx!.type).toBe('bsm');
		expect(key.tx!.receiverNames).toContain(key.alertName);
		const frame = h.last('frame')!;
		expect(frame.playing).toBe(false);
		expect(frame.t / 1000).toBeGreaterThanOrEqual(4);
		h.send({ kind: 'log-window', request: 3, from: frame.log.first, count: frame.log.end - frame.log.first });
		const alertRow = h.last('log-window')!.rows.find((r) => r.type === 'alert')!;
		expect(alertRow.alert).toMatchObject({ app: 'eebl', key: 'alerts.eebl', cause: key.tx!.seq });
		// road events can be injected only into a live world
		h.send({ kind: 'inject', event: 'roadworks' });
		h.send({ kind: 'step' });
		expect(h.last('frame')!.events[0]).toMatchObject({ kind: 'roadworks', key: 'alerts.roadEvent.roadworks' });
	});

	it('a bad city is an error and changes nothing', () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'atlantis', seed: 1, vehicles: 5 } });
		expect(h.last('error')).toBeDefined();
		expect(h.last('ready')).toBeUndefined();
		h.send({ kind: 'step' });
		expect(h.last('frame')).toBeUndefined();
	});

	it('puts PC5 on the air as UPER when asked: rows and details say so, a scenario restarts in it, the export carries it', () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 3, vehicles: 10, onAir: { encoding: 'uper', profile: 'csae157-2020' } } });
		expect(h.last('ready')!.onAir).toEqual({ encoding: 'uper', profile: 'csae157-2020' });
		h.send({ kind: 'step' });
		const rows = h.last('frame')!.rows;
		const bsm = rows.find((r) => r.type === 'bsm')!;
		expect(bsm).toMatchObject({ encoding: 'uper', profile: 'csae157-2020' });
		h.send({ kind: 'get-tx', request: 1, seq: bsm.seq });
		const tx = h.last('tx')!.tx!;
		expect(tx.encoding).toBe('uper');
		expect(tx.size).toBe(tx.bytes.length);
		// the UPER BSM is smaller than the model's (the same vehicles, protobuf)
		const p = harness();
		p.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 3, vehicles: 10 } });
		expect(p.last('ready')!.onAir).toEqual({ encoding: 'protobuf' });
		p.send({ kind: 'step' });
		const pb = p.last('frame')!.rows.find((r) => r.type === 'bsm')!;
		expect(pb.encoding).toBe('protobuf');
		expect(tx.size).toBeLessThan(pb.size);
		// a new format restarts the scenario in it, paused at its start
		h.send({ kind: 'scenario', id: 'eebl' });
		h.send({ kind: 'on-air', onAir: { encoding: 'uper', profile: 'csae53-2017' } });
		const ready = h.last('ready')!;
		expect(ready.scenario!.id).toBe('eebl');
		expect(ready.onAir).toEqual({ encoding: 'uper', profile: 'csae53-2017' });
		expect(h.last('frame')!.t).toBe(0);
		h.send({ kind: 'step' });
		expect(h.last('frame')!.rows.find((r) => r.type === 'bsm')).toMatchObject({ encoding: 'uper', profile: 'csae53-2017' });
		h.send({ kind: 'export', request: 2, format: 'jsonl' });
		const exported = readCapture(h.last('export')!.data);
		expect(exported.records.find((r) => r.type === 'bsm')).toMatchObject({ encoding: 'uper', profile: 'csae53-2017' });
		// replayed, the file's format is shown, and a new choice leaves the replay alone
		h.send({ kind: 'import', name: 'run.jsonl', data: h.last('export')!.data });
		expect(h.last('ready')!.onAir).toEqual({ encoding: 'uper', profile: 'csae53-2017' });
		h.take('ready');
		h.send({ kind: 'on-air', onAir: { encoding: 'protobuf' } });
		expect(h.last('ready')).toBeUndefined();
		h.take('frame');
		h.send({ kind: 'step' });
		const replayed = h.take('frame').flatMap((f) => f.rows).find((r) => r.type === 'bsm');
		expect(replayed).toMatchObject({ encoding: 'uper', profile: 'csae53-2017' });
		// a bad choice is an error and changes nothing
		h.take('ready');
		h.send({ kind: 'on-air', onAir: { encoding: 'uper', profile: 'nope' } as never });
		expect(h.last('error')!.message).toMatch(/"profile" must be one of/);
		expect(h.last('ready')).toBeUndefined();
	});

	it('the log window serves every message under a filter, oldest first, and an evicted one is gone, not a crash', () => {
		const h = harness(256 * 1024);
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 3, vehicles: 30 } });
		h.send({ kind: 'log-filter', filter: { hidden: ['spat', 'map_data'], sender: 'car-', channel: 'pc5' } });
		const first = [] as number[];
		let bsms = 0;
		for (let i = 0; i < 10; i++) {
			h.send({ kind: 'step' });
			bsms += h.last('frame')!.counts.bsm ?? 0;
		}
		let log = h.last('frame')!.log;
		expect(log.evicted).toBe(0);
		h.send({ kind: 'log-window', request: 1, from: log.first, count: 500 });
		const w = h.last('log-window')!;
		expect(w.request).toBe(1);
		expect(w.rows.length).toBe(Math.min(500, log.end - log.first));
		expect(w.rows.every((r) => r.channel === 'pc5' && r.senderName.startsWith('car-') && r.type !== 'spat' && r.type !== 'map_data')).toBe(true);
		expect(w.rows.map((r) => r.seq)).toEqual([...w.rows.map((r) => r.seq)].sort((a, b) => a - b));
		// no sampling: every BSM is a row (cars send nothing else on PC5 here but BSMs)
		h.send({ kind: 'log-filter', filter: { hidden: [], sender: '', channel: 'all' } });
		h.send({ kind: 'step' });
		bsms += h.last('frame')!.counts.bsm ?? 0;
		log = h.last('frame')!.log;
		let bsmRows = 0;
		for (let from = log.first; from < log.end; from += 500) {
			h.send({ kind: 'log-window', request: 2, from, count: 500 });
			bsmRows += h.last('log-window')!.rows.filter((r) => r.type === 'bsm').length;
		}
		expect(bsmRows).toBe(bsms);
		first.push(w.rows[0].seq);
		// run until the small ring evicts the first rows: their details say gone (null)
		for (let i = 0; i < 60 && h.last('frame')!.log.evicted === 0; i++) h.send({ kind: 'step' });
		log = h.last('frame')!.log;
		expect(log.evicted).toBeGreaterThan(0);
		expect(log.kept + log.evicted).toBeGreaterThan(log.kept);
		h.send({ kind: 'get-tx', request: 9, seq: first[0] });
		expect(h.last('tx')).toMatchObject({ request: 9, tx: null });
		h.send({ kind: 'log-window', request: 4, from: 0, count: 5 });
		expect(h.last('log-window')!.rows.length).toBeLessThanOrEqual(5);
		// export writes exactly what is kept
		h.send({ kind: 'export', request: 5, format: 'jsonl' });
		const exp = h.last('export')!;
		const kept = h.last('frame')!.log.kept;
		expect(exp.records).toBe(kept - 0); // no warnings in this run
		expect(readCapture(exp.data).records.length).toBe(kept);
	});

	it('a replay seeks: the state and the log jump there, export keeps the capture order', () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'wuhan-etdz', seed: 2, vehicles: 10 } });
		for (let i = 0; i < 40; i++) h.send({ kind: 'step' });
		h.send({ kind: 'export', request: 1, format: 'pcapng' });
		const exp = h.last('export')!;
		h.send({ kind: 'import', name: 'run.pcapng', data: exp.data });
		const info = h.last('ready')!.replay!;
		expect(info.endMs).toBe(4000);
		expect(info.startMs).toBeLessThan(200);
		h.take('frame');
		h.send({ kind: 'seek', tMs: 2500 });
		expect(h.last('seeked')!.t).toBe(2500);
		const bsmsBefore = readCapture(exp.data).records.filter((r) => r.t <= 2500 && r.type === 'bsm').length;
		expect(h.last('seeked')!.counts.bsm).toBe(bsmsBefore);
		const f = h.last('frame')!;
		expect(f.t).toBe(2500);
		expect(f.vehicles.id.length).toBe(10);
		const before = readCapture(exp.data).records.filter((r) => r.t <= 2500).length;
		expect(f.log.end - f.log.first).toBe(before);
		h.send({ kind: 'seek', tMs: 99999 });
		expect(h.last('frame')!.t).toBe(4000);
		h.send({ kind: 'seek', tMs: -5 });
		expect(h.last('frame')!.t).toBe(info.startMs);
		expect(h.last('frame')!.log.end).toBe(0);
	});
});
