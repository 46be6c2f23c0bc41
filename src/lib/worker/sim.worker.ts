// The simulation in a Web Worker: steps the world at the chosen speed and posts compact
// snapshots and event batches. The main thread never runs the simulation.
import { readCapture, writeJsonl, writePcapng, type CaptureRecord } from '../capture';
import { Replay } from '../replay/replay';
import { cityIds, createWorld, loadCity, World, type Alert, type Transmission } from '../sim';
import { createScenarioWorld } from '../scenarios';
import type { CityView, FrameStats, FromWorker, ScenarioInfo, ToWorker, TxDetail, TxRow } from './protocol';

const TICK_MS = 50;
/** Rows of these types are sampled (10 Hz, or 1 Hz from every vehicle); the others all go. */
const HIGH_RATE = new Set(['bsm', 'spat', 'rsm', 'psm', 'vehicle_status_report']);
/** Rows per frame kept of each 10 Hz type: enough to see them all in the log and on the map. */
const SAMPLE_QUOTA: Record<string, number> = { bsm: 24, spat: 6, rsm: 6, psm: 6, vehicle_status_report: 6 };
const KEEP_RECENT = 20000;
/** Transmissions kept for export (the newest; about 100 s of a 100-vehicle run). */
const KEEP_HISTORY = 100_000;

/** What the worker runs: the live world, or a capture being replayed. */
type Engine = Pick<World, 'timeMs' | 'step' | 'drainEvents' | 'snapshot' | 'nodeName' | 'positionOf' | 'city' | 'radioBins'> & {
	config: { stepMs: number };
	rsus: { id: number; name: string; lat: number; lon: number; rangeM: number }[];
};

let world: Engine | null = null;
let live: World | null = null;
let replayInfo: { name: string; records: number; seconds: number } | undefined;
let scenarioInfo: ScenarioInfo | undefined;
let keyMomentSeen = false;
let pendingAlerts: Alert[] = [];
let settingsNow = { city: 'beijing-yizhuang', seed: 1, vehicles: 60 };
let history: { tx: Transmission; sender: string; receivers: string[] }[] = [];
const names = new Map<number, string>();
let playing = false;
let speed = 1;
let watched: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastWall = 0;
let budgetMs = 0;
let wallWindow: { wall: number; sim: number }[] = [];
const recent = new Map<number, Transmission>();
const latest = new Map<number, Map<string, number>>();
let seconds = new Map<number, FrameStats>();

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

function cityView(w: Engine): CityView {
	const c = w.city;
	const nodes = new Map(c.nodes.map((n) => [n.id, n]));
	return {
		id: c.id,
		name: c.city,
		zone: c.zone,
		center: c.center,
		approximate: c.approximate,
		source: c.source,
		roads: c.links.map((l) => ({
			linkId: l.id,
			name: l.name,
			lanes: l.lanes,
			points: [[nodes.get(l.from)!.lat, nodes.get(l.from)!.lon], ...l.points, [nodes.get(l.to)!.lat, nodes.get(l.to)!.lon]]
		})),
		nodes: c.nodes.map((n) => ({ id: n.id, lat: n.lat, lon: n.lon, signal: !!n.signal, name: n.name })),
		rsus: w.rsus.map((r) => ({ id: r.id, name: r.name, lat: r.lat, lon: r.lon, rangeM: r.rangeM }))
	};
}

function reset() {
	watched = null;
	recent.clear();
	history = [];
	names.clear();
	latest.clear();
	seconds = new Map();
	wallWindow = [];
}

function announce() {
	const cities = cityIds().map((id) => {
		const c = loadCity(id);
		return { id, name: c.city, zone: c.zone };
	});
	post({ kind: 'ready', city: cityView(world!), cities, replay: replayInfo, scenario: scenarioInfo });
	sendFrame([]);
}

function init(settings: { city: string; seed: number; vehicles: number }) {
	live = createWorld({ city: settings.city, seed: settings.seed, vehicles: settings.vehicles });
	settingsNow = settings; // only once the world exists: a bad city changes nothing
	world = live;
	replayInfo = undefined;
	scenarioInfo = undefined;
	reset();
	announce();
}

/** A workshop scenario: its world, paused at the start, waiting for its key moment. */
function initScenario(id: string) {
	const { world: w, follow, scenario: sc } = createScenarioWorld(id);
	live = w;
	world = w;
	replayInfo = undefined;
	keyMomentSeen = false;
	// look where the actors are: midway between the vehicles the scenario follows
	const pts = follow.map((id) => w.positionOf(id)).filter((p): p is { lat: number; lon: number } => p !== null);
	const node = w.net.nodes.get(sc.focusNode)!;
	const focus = pts.length
		? { lat: pts.reduce((a, p) => a + p.lat, 0) / pts.length, lon: pts.reduce((a, p) => a + p.lon, 0) / pts.length }
		: { lat: node.lat, lon: node.lon };
	scenarioInfo = {
		id: sc.id, title: sc.title, summary: sc.summary, watch: sc.watch, messages: sc.messages, keyApp: sc.keyApp,
		window: sc.window, focus, follow
	};
	reset();
	announce();
}

/** Names as they were when sent (a vehicle that has left keeps its name in the export). */
function nameOf(id: number): string {
	let n = names.get(id);
	if (!n) names.set(id, (n = world!.nodeName(id)));
	return n;
}

function toRecords(): CaptureRecord[] {
	return history.map((h) => ({
		t: h.tx.t, sender: h.sender, receivers: h.receivers, channel: h.tx.channel, type: h.tx.type, latencyMs: h.tx.latencyMs, bytes: h.tx.bytes
	}));
}

function exportHistory(request: number, format: 'jsonl' | 'pcapng') {
	const records = toRecords();
	const seconds = records.length ? (records[records.length - 1].t - records[0].t) / 1000 : 0;
	// what the data came from: the replayed file's own meta, or the running world's config
	const replayed = world !== live ? (world as unknown as Replay).meta : undefined;
	const meta = world === live && live
		? { startTimeMs: live.config.startTimeMs, city: live.city.id, seed: live.config.seed, vehicles: live.config.vehicles }
		: { startTimeMs: replayed?.startTimeMs ?? Date.UTC(2026, 10, 26, 8), city: world!.city.id, seed: replayed?.seed, vehicles: replayed?.vehicles };
	const data = format === 'pcapng' ? writePcapng(records, meta) : new TextEncoder().encode(writeJsonl(records));
	const filename = `cv2x-${world!.city.id}${meta.seed !== undefined ? `-seed${meta.seed}` : ''}-${Math.round(world!.timeMs / 1000)}s.${format}`;
	post({ kind: 'export', request, data, filename, records: records.length, seconds }, [data.buffer]);
}

/** Reads a capture completely first: a bad file changes nothing of the running session. */
function importCapture(name: string, data: Uint8Array) {
	let parsed: ReturnType<typeof readCapture>;
	try {
		parsed = readCapture(data);
		if (!parsed.records.length) throw new Error('the file holds no transmissions');
	} catch (e) {
		post({ kind: 'import-error', message: `${name}: ${(e as Error).message}` });
		return;
	}
	playing = false;
	scenarioInfo = undefined;
	const replay = new Replay(parsed.records, parsed.meta, name);
	world = replay as unknown as Engine;
	replayInfo = { name, records: parsed.records.length, seconds: replay.endMs / 1000 };
	reset();
	announce();
}

function row(w: Engine, tx: Transmission): TxRow {
	const r: TxRow = {
		seq: tx.seq, t: tx.t, sender: tx.sender, senderName: nameOf(tx.sender), channel: tx.channel, type: tx.type,
		size: tx.bytes.length, receivers: tx.receiverCount, latencyMs: tx.latencyMs
	};
	const p = w.positionOf(tx.sender);
	if (p) {
		r.lat = p.lat;
		r.lon = p.lon;
	}
	if (tx.channel === 'uu' && tx.receivers[0] !== undefined && tx.receivers[0] !== 0) {
		const q = w.positionOf(tx.receivers[0]);
		if (q) {
			r.toLat = q.lat;
			r.toLon = q.lon;
		}
	}
	return r;
}

function account(tx: Transmission) {
	history.push({ tx, sender: nameOf(tx.sender), receivers: tx.receivers.map(nameOf) });
	if (history.length > KEEP_HISTORY * 1.1) history = history.slice(-KEEP_HISTORY);
	recent.set(tx.seq, tx);
	if (recent.size > KEEP_RECENT) recent.delete(recent.keys().next().value as number);
	let m = latest.get(tx.sender);
	if (!m) latest.set(tx.sender, (m = new Map()));
	m.set(tx.type, tx.seq);
	const sec = Math.floor(tx.t / 1000);
	let s = seconds.get(sec);
	if (!s) seconds.set(sec, (s = { second: sec, byType: {}, bytesPc5: 0, bytesUu: 0, latencyPc5: 0, latencyUu: 0, nPc5: 0, nUu: 0 }));
	s.byType[tx.type] = (s.byType[tx.type] ?? 0) + 1;
	if (tx.channel === 'pc5') {
		s.bytesPc5 += tx.bytes.length;
		s.latencyPc5 += tx.latencyMs;
		s.nPc5++;
	} else {
		s.bytesUu += tx.bytes.length;
		s.latencyUu += tx.latencyMs;
		s.nUu++;
	}
}

function sendFrame(txs: Transmission[]) {
	const w = world!;
	const rows: TxRow[] = [];
	const counts: Record<string, number> = {};
	const high = new Map<string, Transmission[]>();
	for (const tx of txs) {
		counts[tx.type] = (counts[tx.type] ?? 0) + 1;
		if (HIGH_RATE.has(tx.type) && tx.sender !== watched) {
			let list = high.get(tx.type);
			if (!list) high.set(tx.type, (list = []));
			list.push(tx);
		} else rows.push(row(w, tx));
	}
	// an even sample of each 10 Hz type, so the log and the map show them without flooding
	for (const [type, list] of high) {
		const stride = Math.max(1, list.length / (SAMPLE_QUOTA[type] ?? 6));
		for (let i = 0; i < list.length; i += stride) rows.push(row(w, list[Math.floor(i)]));
	}
	rows.sort((a, b) => a.seq - b.seq);
	const snap = w.snapshot();
	// seconds that are complete go out once
	const nowSec = Math.floor(w.timeMs / 1000);
	const done: FrameStats[] = [];
	for (const [sec, s] of seconds) if (sec < nowSec) {
		done.push(s);
		seconds.delete(sec);
	}
	const wall = performance.now();
	wallWindow.push({ wall, sim: w.timeMs });
	while (wallWindow.length > 2 && wall - wallWindow[0].wall > 1000) wallWindow.shift();
	const first = wallWindow[0];
	const actualSpeed = wall > first.wall ? (w.timeMs - first.sim) / (wall - first.wall) : 0;
	const v = snap.vehicles;
	const alerts = pendingAlerts.map((a) => ({ ...a, nodeName: nameOf(a.node), ...(w.positionOf(a.node) ?? {}) }));
	for (const a of alerts)
		rows.push({
			seq: -1 - rows.length, t: a.t, sender: a.node, senderName: a.nodeName, channel: 'pc5', type: 'alert', size: 0, receivers: 0,
			latencyMs: 0, alert: { app: a.app, level: a.level, key: a.key, params: a.params, cause: a.cause }
		});
	pendingAlerts = [];
	post(
		{
			kind: 'frame', t: w.timeMs, playing, actualSpeed, vehicles: v, vrus: snap.vrus, signals: snap.signals, events: snap.events,
			rows, alerts, counts, seconds: done,
			radio: { binM: w.radioBins.binM, tried: [...w.radioBins.tried], delivered: [...w.radioBins.delivered] }
		},
		[v.id.buffer, v.kind.buffer, v.lat.buffer, v.lon.buffer, v.heading.buffer, v.speed.buffer, v.flags.buffer]
	);
}

function advance(stepsMax: number): Transmission[] {
	const w = world!;
	const out: Transmission[] = [];
	let stop = false;
	for (let i = 0; i < stepsMax && budgetMs >= w.config.stepMs && !stop; i++) {
		w.step();
		budgetMs -= w.config.stepMs;
		for (const e of w.drainEvents()) {
			if (e.kind === 'tx') {
				account(e);
				out.push(e);
			} else if (e.kind === 'alert') {
				pendingAlerts.push(e);
				if (scenarioInfo && !keyMomentSeen && e.app === scenarioInfo.keyApp) {
					// the moment that matters: stop here and show the message that caused it
					keyMomentSeen = true;
					playing = false;
					budgetMs = 0;
					post({ kind: 'key-moment', alert: e, alertName: nameOf(e.node), tx: e.cause !== undefined ? detail(e.cause) : null });
					stop = true; // the rest of this step's events still count; the next step waits
				}
			}
		}
	}
	return out;
}

function loop() {
	timer = null;
	if (!world || !playing) return;
	try {
		tick();
	} catch (e) {
		// a bad record in a replayed file, or a bug: stop cleanly and say so, never freeze
		playing = false;
		post({ kind: 'error', message: (e as Error).message });
		sendFrame([]);
		return;
	}
	if (playing) timer = setTimeout(loop, TICK_MS);
}

function tick() {
	if (!world) return;
	const now = performance.now();
	budgetMs += Math.min(500, now - lastWall) * speed;
	lastWall = now;
	const started = performance.now();
	const txs: Transmission[] = [];
	// never spend more than ~35 ms of a 50 ms tick simulating: if the world is too big for the
	// speed asked, it runs slower (actualSpeed says how fast) instead of freezing the page
	while (playing && budgetMs >= world.config.stepMs && performance.now() - started < 35) txs.push(...advance(1));
	if (world !== live && (world as unknown as Replay).done) playing = false; // the replay has ended
	if (budgetMs > 1000) budgetMs = 0;
	sendFrame(txs);
}

function detail(seq: number): TxDetail | null {
	const tx = recent.get(seq);
	if (!tx || !world) return null;
	return { ...row(world, tx), bytes: tx.bytes, receiverNames: tx.receivers.slice(0, 200).map(nameOf) };
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
	const m = ev.data;
	try {
		switch (m.kind) {
			case 'init':
				playing = false;
				init(m.settings);
				break;
			case 'play':
				if (!world) return;
				playing = true;
				lastWall = performance.now();
				budgetMs = 0;
				if (!timer) loop();
				break;
			case 'pause':
				playing = false;
				if (world) sendFrame([]);
				break;
			case 'step':
				if (!world) return;
				playing = false;
				budgetMs = world.config.stepMs;
				sendFrame(advance(1));
				break;
			case 'speed':
				speed = m.speed;
				break;
			case 'watch':
				watched = m.node;
				break;
			case 'inject':
				if (world === live) live?.injectEvent(m.event);
				break;
			case 'export':
				if (world) exportHistory(m.request, m.format);
				break;
			case 'import':
				importCapture(m.name, m.data);
				break;
			case 'live':
				init(settingsNow);
				break;
			case 'scenario':
				playing = false;
				initScenario(m.id);
				break;
			case 'get-tx':
				post({ kind: 'tx', request: m.request, tx: detail(m.seq) });
				break;
			case 'get-latest': {
				const byType = latest.get(m.node);
				const seq = m.types.map((t) => byType?.get(t)).find((s) => s !== undefined && recent.has(s));
				post({ kind: 'tx', request: m.request, tx: seq === undefined ? null : detail(seq) });
				break;
			}
		}
	} catch (e) {
		post({ kind: 'error', message: (e as Error).message });
	}
};
