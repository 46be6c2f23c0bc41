// SimSession in Live mode against the embedded broker in-process: the real link, source and
// writer (live-wiring.ts), a hand-turned session clock, and waits on conditions (the broker's
// sockets are real, so the test yields to them; it never asserts on elapsed time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialectWriter } from '../live/dialects';
import { MqttLink } from '../live/link';
import { startTestBroker, type TestBroker } from '../live/testing/aedes';
import { connected } from '../live/testing/wait';
import type { LinkStatus, Publication } from '../live/types';
import { createWorld } from '../sim';
import { nodeKind } from '../sim/nodes';
import { liveParts } from './live-wiring';
import type { FromWorker, ToWorker } from './protocol';
import { SimSession } from './session';

type Msg<K extends FromWorker['kind']> = Extract<FromWorker, { kind: K }>;
const SAFETY_MS = 20_000;

function harness() {
	const posted: FromWorker[] = [];
	let wall = 0;
	let pending: (() => void) | null = null;
	const session = new SimSession({
		post: (m) => posted.push(m),
		now: () => wall,
		later: (fn) => void (pending = fn),
		liveParts: async () => liveParts()
	});
	const h = {
		posted,
		send: (m: ToWorker) => session.handle(m),
		/** Lets 100 ms of session time pass (runs the timer) and yields to the sockets. */
		async pump() {
			wall += 100;
			const fn = pending;
			pending = null;
			fn?.();
			await new Promise((r) => setTimeout(r, 5));
		},
		/** Pumps until `pred` holds (a safety timeout only against a hang). */
		async until(pred: () => boolean, what: string) {
			const give = Date.now() + SAFETY_MS;
			while (!pred()) {
				if (Date.now() > give) throw new Error(`never happened: ${what}`);
				await h.pump();
			}
		},
		last<K extends FromWorker['kind']>(kind: K): Msg<K> | undefined {
			return posted.filter((m): m is Msg<K> => m.kind === kind).at(-1);
		},
		all<K extends FromWorker['kind']>(kind: K): Msg<K>[] {
			return posted.filter((m): m is Msg<K> => m.kind === kind);
		}
	};
	return h;
}

/** A short simulation's publications in the cv2x dialect (2 s, 8 vehicles). */
function simulationPublications(): Publication[] {
	const world = createWorld({ city: 'beijing-yizhuang', seed: 5, vehicles: 8 });
	const writer = new DialectWriter({ dialect: 'cv2x', nodeName: (id) => world.nodeName(id), isRsu: (id) => nodeKind(id) === 'rsu', startTimeMs: Date.now() });
	const out: Publication[] = [];
	for (let i = 0; i < 20; i++) {
		world.step();
		for (const e of world.drainEvents()) if (e.kind === 'tx') writer.add(e);
		out.push(...writer.flush());
	}
	return out;
}

describe('Live mode in the session', () => {
	let broker: TestBroker;
	beforeAll(async () => {
		broker = await startTestBroker();
	});
	afterAll(async () => {
		await broker?.stop();
	});

	it('refuses a URL a browser cannot open, or a bad filter, and changes nothing', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 5 } });
		const ready = h.all('ready').length;
		for (const [url, topics, says] of [
			['mqtt://127.0.0.1:1883', ['#'], /WebSocket/],
			['ws://user:secret@127.0.0.1:1/mqtt', ['#'], /credentials/],
			['not a url', ['#'], /not a URL/],
			[broker.wsUrl, ['a/#/b'], /'#' must be/],
			[broker.wsUrl, [' '], /no topic filter/]
		] as const) {
			h.send({ kind: 'live-connect', link: { url, topics: [...topics] } });
			expect(h.last('live-error')!.message).toMatch(says);
		}
		expect(JSON.stringify(h.posted)).not.toContain('secret');
		expect(h.all('ready').length).toBe(ready);
	});

	it('shows what a broker carries: rows with topics, an undecodable with its error and bytes, counters', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 5 } });
		h.send({ kind: 'live-connect', link: { url: broker.wsUrl, username: 'someone', password: 'pa55-word', topics: ['cv2x/v1/#'] } });
		await h.until(() => h.last('live-status')?.live.status.state === 'connected', 'the link connects');
		expect(h.last('ready')!.live!.topics).toEqual(['cv2x/v1/#']);
		const pubs = simulationPublications();
		const garbage = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01]);
		const sender = MqttLink.open({ url: broker.mqttUrl });
		await connected(sender);
		for (const p of pubs) await sender.publish(p);
		// each publication is one message here: read, or dropped unread when a step's reading budget ran out (a busy machine)
		const counters = () => h.last('live-status')?.live.counters;
		await h.until(() => !!counters() && counters()!.messages + counters()!.dropped === pubs.length, 'every publication is read or dropped');
		expect(counters()!.publications).toBe(pubs.length);
		if (counters()!.dropped === 0) expect(counters()!.messages).toBe(pubs.length);
		await sender.publish({ topic: 'cv2x/v1/junk/bsm', payload: garbage, qos: 0 });
		await h.until(() => counters()!.undecodable === 1, 'the garbage is read as undecodable');
		await sender.close();
		// vehicles on the map from their BSMs
		expect(Math.max(...h.all('frame').map((f) => f.vehicles.id.length))).toBeGreaterThan(0);
		// the log: rows keep their topic; the undecodable keeps its error, its bytes are the payload
		const log = h.last('frame')!.log;
		h.send({ kind: 'log-window', request: 1, from: log.first, count: 500 });
		const rows = h.last('log-window')!.rows;
		expect(rows.find((r) => r.type === 'bsm')!.topic).toMatch(/^cv2x\/v1\/(car|bus|truck|emergency)-\d+\/bsm$/);
		const bad = rows.find((r) => r.type === 'undecodable')!;
		expect(bad.topic).toBe('cv2x/v1/junk/bsm');
		expect(bad.error).toBeTruthy();
		h.send({ kind: 'get-tx', request: 2, seq: bad.seq });
		const detail = h.last('tx')!.tx!;
		expect([...detail.bytes]).toEqual([...garbage]);
		expect(detail.error).toBe(bad.error);
		// credentials never leave the worker's memory
		expect(JSON.stringify(h.posted)).not.toContain('pa55-word');
		h.send({ kind: 'live-disconnect' });
		expect(h.last('live-status')!.live.status.state).toBe('closed');
	});

	it('says a broker that is down: reconnecting with the error, the wait counting down, nothing thrown', async () => {
		const down = await startTestBroker();
		const url = down.wsUrl;
		await down.stop();
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 5 } });
		h.send({ kind: 'live-connect', link: { url, topics: ['cv2x/v1/#'] } });
		await h.until(() => h.last('live-status')?.live.status.state === 'reconnecting', 'the link says it will retry');
		const first = h.last('live-status')!.live.status as Extract<LinkStatus, { state: 'reconnecting' }>;
		expect(first.error).toBeTruthy();
		expect(first.retryInMs).toBeGreaterThan(0);
		expect(h.last('ready')!.live).toBeDefined(); // Live mode shows its state even while the broker is down
		// the status is posted again about once a second, with less to wait (the session's clock)
		await h.until(() => {
			const s = h.last('live-status')!.live.status;
			return s.state === 'reconnecting' && s.attempt === first.attempt && s.retryInMs < first.retryInMs;
		}, 'the wait counts down');
		h.send({ kind: 'live-disconnect' });
		expect(h.last('live-status')!.live.status.state).toBe('closed');
		expect(h.all('error')).toEqual([]);
	});

	it('publishes its own simulation, sees it come back, and pausing freezes only the view', async () => {
		const h = harness();
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 6 } });
		h.send({ kind: 'live-connect', link: { url: broker.wsUrl, topics: ['cv2x/v1/#'] } });
		await h.until(() => h.last('live-status')?.live.status.state === 'connected', 'the link connects');
		h.send({ kind: 'live-publish', dialect: 'cv2x' });
		const publishing = h.last('live-status')!.live.publishing!;
		expect(publishing).toMatchObject({ dialect: 'cv2x', city: 'beijing-yizhuang', vehicles: 6 });
		expect(publishing.prefix).toMatch(/^t[0-9a-f]{4}$/);
		await h.until(() => (h.last('frame')?.vehicles.id.length ?? 0) >= 6, 'its own vehicles come back through the broker');
		await h.until(() => h.last('live-status')!.live.counters.published > 0, 'the counters say what it published');
		// its RSUs (named with the tab's prefix) are new to the source: the city view is sent again, the run is not restarted
		const readies = h.all('ready').length;
		await h.until(() => h.all('city').some((m) => m.city.rsus.some((r) => r.name.startsWith(`${publishing.prefix}.`))), 'the city grows by the RSUs heard');
		expect(h.all('ready').length).toBe(readies);
		h.send({ kind: 'pause' });
		const frames = h.all('frame').length;
		const before = h.last('live-status')!.live.counters.messages;
		await h.until(() => h.last('live-status')!.live.counters.messages > before, 'counters go on while paused');
		expect(h.all('frame').length).toBe(frames + 0);
		h.send({ kind: 'play' });
		await h.until(() => h.all('frame').length > frames, 'frames again once playing');
		// leaving Live mode closes the link
		h.send({ kind: 'init', settings: { city: 'beijing-yizhuang', seed: 1, vehicles: 6 } });
		expect(h.last('ready')!.live).toBeUndefined();
	});
});
