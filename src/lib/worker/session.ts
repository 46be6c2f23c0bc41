// The simulation worker's logic, independent of the Worker API: it holds the running source of
// traffic (a live world, a scenario or a replayed capture), steps it at the chosen speed and
// posts frames, rows, alerts and answers. The host gives it a way to post, a wall clock and a
// timer; sim.worker.ts is the host in the browser, tests are another.
import { concatBytes } from '../codec';
import type { CaptureMeta } from '../capture';
import { Replay } from '../replay/replay';
import type { RecordStore } from '../replay/record-store';
import { readCaptureBytes, readCaptureStream } from './capture-import';
import { exportChunks } from './export';
import { createScenarioWorld } from '../scenarios';
import { cityIds, loadCity, createWorld, onAirProblem, PROTOBUF_ON_AIR, type Engine, type Alert, type OnAir, type Transmission, type World } from '../sim';
import type { ProfileName } from '../uper/profiles';
import { cityView } from './city-view';
import { prepareImport, type PreparedImport } from './city-import';
import { importKind } from './import-kind';
import { Ledger } from './ledger';
import { NO_FILTER } from './log-view';
import { DEFAULT_RING_BYTES } from './ring';
import type { CityImport, FromWorker, LiveConnect, LogFilter, ReplayInfo, ScenarioInfo, SimSettings, ToWorker } from './protocol';
import { countByType, sampleRows } from './rows';
import { brokerUrlProblem, topicFilterProblem, type LiveParts } from './live-parts';
import { LiveMode } from './live-mode';
import { tabIdentity } from './live-publisher';
import type { Dialect } from '../live/types';

export interface SessionHost {
	/** Posts a message to the UI thread, transferring the given buffers. */
	post(m: FromWorker, transfer?: Transferable[]): void;
	/** Wall clock, ms (performance.now() in a worker). */
	now(): number;
	/** Calls fn once after about ms (setTimeout in a worker). */
	later(fn: () => void, ms: number): void;
	/** Loads what Live mode needs (the broker link, the live source, the dialect writer); absent: no Live mode. */
	liveParts?: () => Promise<LiveParts>;
}

/** Wall time between frames while playing, ms. */
const TICK_MS = 50;
/** Most wall time spent simulating per frame, ms: a world too big for the speed runs slower instead of freezing the page. */
const BUSY_MS = 35;
/** Most wall time caught up at once, ms. */
const CATCH_UP_MS = 500;

export class SimSession {
	private engine: Engine | null = null;
	/** The engine when it is a live world (road events can be injected into it). */
	private live: World | null = null;
	private ledger: Ledger | null = null;
	private replayInfo: ReplayInfo | undefined;
	/** The engine when it is a replayed capture (it can seek). */
	private replay: Replay | null = null;
	private logFilter: LogFilter = NO_FILTER;
	private scenarioInfo: ScenarioInfo | undefined;
	private keyMomentSeen = false;
	private pendingAlerts: Alert[] = [];
	private pendingImport: Promise<void> = Promise.resolve();
	/** Counts the user's choices of a source (imports, cities, scenarios), so a slow import never overrides a later one. */
	private choiceSeq = 0;
	private settingsNow: SimSettings = { city: 'beijing-yizhuang', seed: 1, vehicles: 60, onAir: PROTOBUF_ON_AIR };
	private playing = false;
	private speed = 1;
	private watched: number | null = null;
	private timerPending = false;
	private lastWall = 0;
	private budgetMs = 0;
	private wallWindow: { wall: number; sim: number }[] = [];
	/** Live mode: the broker link and its source (the engine shown), or null. */
	private liveMode: LiveMode | null = null;
	private liveParts: LiveParts | null = null;
	private liveCityVersion = 0;
	/** Live mode paused: counts of the frames not shown, given with the next one. */
	private heldCounts: Record<string, number> = {};
	/** This tab's seed and node-name prefix for what it publishes (two tabs never merge). */
	private readonly tab = tabIdentity();

	/** `ringBytes`: the message ring's budget (ring.ts; tests make it small to see evictions). */
	constructor(
		private readonly host: SessionHost,
		private readonly ringBytes = DEFAULT_RING_BYTES
	) {}

	/** Handles one message from the UI thread; a failure is posted as an error, never thrown. */
	handle(m: ToWorker): void {
		try {
			this.dispatch(m);
		} catch (e) {
			this.host.post({ kind: 'error', message: (e as Error).message });
		}
	}

	private dispatch(m: ToWorker): void {
		switch (m.kind) {
			case 'init':
				this.playing = false;
				this.choiceSeq++;
				return this.startLive(m.settings);
			case 'live':
				return this.startLive(this.settingsNow);
			case 'scenario':
				this.playing = false;
				this.choiceSeq++;
				return this.startScenario(m.id);
			case 'import':
				return m.data instanceof Uint8Array ? this.importFile(m.name, m.data) : this.importBlob(m.name, m.data, m.chunkBytes, m.pauseMs);
			case 'play':
				return this.play();
			case 'pause':
				this.playing = false;
				if (this.engine) this.sendFrame([]);
				return;
			case 'step':
				if (!this.engine || this.liveMode) return; // live traffic comes at its own pace
				this.playing = false;
				this.budgetMs = this.engine.stepMs;
				return this.sendFrame(this.advance(1));
			case 'speed':
				this.speed = m.speed;
				return;
			case 'on-air':
				return this.changeOnAir(m.onAir);
			case 'watch':
				this.watched = m.node;
				return;
			case 'inject':
				if (this.live && this.engine === this.live) this.live.injectEvent(m.event);
				return;
			case 'export':
				if (this.engine) this.exportHistory(m.request, m.format, m.chunked === true);
				return;
			case 'get-tx':
				return this.host.post({ kind: 'tx', request: m.request, tx: this.ledger?.detail(m.seq) ?? null });
			case 'get-latest':
				return this.host.post({ kind: 'tx', request: m.request, tx: this.ledger?.latestOf(m.node, m.types) ?? null });
			case 'log-filter':
				this.logFilter = m.filter;
				this.ledger?.setFilter(m.filter);
				return;
			case 'log-window':
				return this.logWindow(m.request, m.from, m.count, m.tail === true);
			case 'seek':
				return this.seek(m.tMs);
			case 'live-connect':
				return this.connectLive(m.link);
			case 'live-disconnect':
				this.liveMode?.close();
				return this.postLive();
			case 'live-publish':
				return this.publishLive(m.dialect);
		}
	}

	/** Makes `engine` the source shown, from its start, and tells the UI (leaving Live mode for another source). */
	private use(engine: Engine, live: World | null): void {
		if (this.liveMode && engine !== this.liveMode.source) {
			this.liveMode.close();
			this.liveMode = null;
		}
		this.engine = engine;
		this.live = live;
		this.replay = engine instanceof Replay ? engine : null;
		this.ledger = new Ledger(engine, this.logFilter, this.ringBytes);
		this.watched = null;
		this.wallWindow = [];
		this.pendingAlerts = [];
		this.heldCounts = {};
		const cities = cityIds().map((id) => {
			const c = loadCity(id);
			return { id, name: c.city, zone: c.zone };
		});
		const liveState = this.liveMode?.state();
		this.host.post({ kind: 'ready', city: cityView(engine), cities, replay: this.replayInfo, scenario: this.scenarioInfo, onAir: this.shownOnAir(engine), ...(liveState ? { live: liveState } : {}) });
		this.sendFrame([]);
	}

	/** The on-air format of what `engine` shows: the run's, or a replayed capture's profile. */
	private shownOnAir(engine: Engine): OnAir {
		if (engine === this.live) return this.live.config.onAir;
		const p = engine.meta.profile;
		return p ? { encoding: 'uper', profile: p as ProfileName } : PROTOBUF_ON_AIR;
	}

	/** A new on-air format: the live run or the scenario starts again in it, paused; a replay keeps its file's. */
	private changeOnAir(onAir: OnAir): void {
		const problem = onAirProblem(onAir);
		if (problem) throw new Error(problem);
		this.settingsNow = { ...this.settingsNow, onAir };
		if (!this.live || this.engine !== this.live) return;
		this.playing = false;
		if (this.scenarioInfo) this.startScenario(this.scenarioInfo.id);
		else this.startLive(this.settingsNow);
	}

	private startLive(settings: SimSettings): void {
		const onAir = settings.onAir ?? PROTOBUF_ON_AIR;
		const problem = onAirProblem(onAir);
		if (problem) throw new Error(problem);
		const world = createWorld({ city: settings.city, seed: settings.seed, vehicles: settings.vehicles, onAir });
		this.settingsNow = { ...settings, onAir }; // only once the world exists: a bad city changes nothing
		this.replayInfo = undefined;
		this.scenarioInfo = undefined;
		this.use(world, world);
	}

	/** A workshop scenario: its world, paused at the start, waiting for its key moment. */
	private startScenario(id: string): void {
		const { world, follow, scenario: sc } = createScenarioWorld(id, { onAir: this.settingsNow.onAir ?? PROTOBUF_ON_AIR });
		// look where the actors are: midway between the vehicles the scenario follows
		const pts = follow.map((v) => world.positionOf(v)).filter((p): p is { lat: number; lon: number } => p !== null);
		const node = world.city.nodes.find((n) => n.id === sc.focusNode)!;
		const focus = pts.length
			? { lat: pts.reduce((a, p) => a + p.lat, 0) / pts.length, lon: pts.reduce((a, p) => a + p.lon, 0) / pts.length }
			: { lat: node.lat, lon: node.lon };
		this.replayInfo = undefined;
		this.keyMomentSeen = false;
		this.scenarioInfo = {
			id: sc.id, title: sc.title, summary: sc.summary, watch: sc.watch, messages: sc.messages, keyApp: sc.keyApp,
			window: sc.window, focus, follow
		};
		this.use(world, world);
	}

	/**
	 * A file by what it holds (import-kind.ts): a capture is replayed at once; an OSM extract, a
	 * city JSON or gzip is read asynchronously (the XML reader loads on first use) and becomes a
	 * city with a run on it. Whatever fails is an `import-error`, and the running source stays.
	 */
	private importFile(name: string, data: Uint8Array): void {
		const seq = ++this.choiceSeq;
		if (importKind(data) === 'capture') return this.importCapture(name, data);
		this.pendingImport = prepareImport(name, data).then(
			// a source chosen while the file was read wins (the city stays registered, and listed at the next ready)
			(p) => (seq === this.choiceSeq ? this.useImport(name, p) : undefined),
			(e) => this.host.post({ kind: 'import-error', message: (e as Error).message })
		);
	}

	/** Settles when the latest city import has been carried out or refused (for tests and hosts that wait). */
	get importSettled(): Promise<void> {
		return this.pendingImport;
	}

	private useImport(name: string, p: PreparedImport): void {
		try {
			if (p.kind === 'capture') this.importCapture(name, p.data);
			else this.startImportedCity(p.imported);
		} catch (e) {
			this.host.post({ kind: 'import-error', message: `${name}: ${(e as Error).message}` });
		}
	}

	/** A live run on a city just imported (registered in this realm), paused, with the user's seed, vehicles and on-air format. */
	private startImportedCity(imported: CityImport): void {
		this.playing = false;
		this.startLive({ ...this.settingsNow, city: imported.id });
		this.host.post({ kind: 'city-imported', imported });
	}

	/** Reads a capture completely first: a bad file changes nothing of the running session. */
	private importCapture(name: string, data: Uint8Array): void {
		let parsed: ReturnType<typeof readCaptureBytes>;
		try {
			parsed = readCaptureBytes(data);
		} catch (e) {
			this.host.post({ kind: 'import-error', message: `${name}: ${(e as Error).message}` });
			return;
		}
		this.startReplay(name, parsed.store, parsed.meta);
	}

	/**
	 * A file from the page (a File: structured-cloned, read here, never on the page): its kind
	 * from its first bytes; a capture is read slice by slice (capture-import.ts) while the running
	 * source goes on playing, with `import-progress` after each slice, and replayed once whole; any
	 * other kind is read whole and goes the way of importFile. `chunkBytes` and `pauseMs` are test
	 * hooks (slice size; wait between slices, ms).
	 */
	private importBlob(name: string, file: Blob, chunkBytes?: number, pauseMs = 0): void {
		const seq = ++this.choiceSeq;
		const current = () => seq === this.choiceSeq;
		const fail = (e: unknown) => {
			if (current()) this.host.post({ kind: 'import-error', message: `${name}: ${(e as Error).message}` });
		};
		this.pendingImport = (async () => {
			const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
			if (importKind(head) !== 'capture') {
				const data = new Uint8Array(await file.arrayBuffer());
				if (current()) this.importFile(name, data);
				return;
			}
			let lastTold = -1;
			const read = await readCaptureStream(file, {
				chunkBytes,
				cancelled: () => !current(),
				pause: () => new Promise((resolve) => this.host.later(resolve, pauseMs)),
				progress: (loaded, total) => {
					const percent = Math.floor((100 * loaded) / Math.max(1, total));
					if (percent === lastTold) return;
					lastTold = percent;
					this.host.post({ kind: 'import-progress', name, loaded, total, percent });
				}
			});
			if (read && current()) this.startReplay(name, read.store, read.meta);
		})().catch(fail);
	}

	/** Replays a capture read whole (or says it holds nothing, and changes nothing). */
	private startReplay(name: string, store: RecordStore, meta: CaptureMeta | undefined): void {
		if (!store.count) {
			this.host.post({ kind: 'import-error', message: `${name}: the file holds no transmissions` });
			return;
		}
		this.playing = false;
		this.scenarioInfo = undefined;
		const replay = new Replay(store, meta, name);
		const named = meta?.city;
		const cityMissing = named && !cityIds().includes(named) ? { cityMissing: named } : replay.farM !== undefined ? { farKm: Math.round(replay.farM / 1000) } : {};
		this.replayInfo = { name, records: store.count, seconds: replay.endMs / 1000, startMs: replay.startMs, endMs: replay.endMs, ...cityMissing };
		this.use(replay, null);
	}

	/** Log rows from ordinal `from` (or the newest `count` when `tail`), with where the log stands. */
	private logWindow(request: number, from: number, count: number, tail: boolean): void {
		const ledger = this.ledger;
		if (!ledger) return;
		const log = ledger.logRange();
		const start = tail ? Math.max(log.first, log.end - count) : from;
		this.host.post({ kind: 'log-window', request, from: start, rows: ledger.window(start, count), log });
	}

	/**
	 * A replay jumps to `tMs`: the engine rebuilds its state there (replay.ts), the log and charts
	 * start again from the transmissions before it (as many as the ring holds), playing or not as before.
	 */
	private seek(tMs: number): void {
		const replay = this.replay;
		if (!replay || this.engine !== replay || !Number.isFinite(tMs)) return;
		replay.seek(tMs);
		replay.drainEvents();
		const ledger = (this.ledger = new Ledger(replay, this.logFilter, this.ringBytes));
		for (const tx of replay.transmissionsBefore(ledger.ring.capacity)) ledger.account(tx);
		const counts = replay.countsBefore();
		ledger.completeSeconds(Math.floor(replay.timeMs / 1000) - 120); // the charts keep 2 minutes
		this.wallWindow = [];
		this.pendingAlerts = [];
		this.budgetMs = 0;
		this.lastWall = this.host.now();
		this.host.post({ kind: 'seeked', t: replay.timeMs, counts });
		this.sendFrame([]);
	}

	/** Live mode on `c`: checked first (a bad URL or filter changes nothing), then the parts load and the link opens. */
	private connectLive(c: LiveConnect): void {
		const topics = c.topics.map((f) => f.trim()).filter(Boolean);
		const problem =
			brokerUrlProblem(c.url) ?? (topics.length ? null : 'no topic filter to subscribe to') ?? topics.map(topicFilterProblem).find((p) => p !== null) ?? null;
		if (problem) return this.host.post({ kind: 'live-error', message: problem });
		const conn: LiveConnect = { ...c, url: c.url.trim(), topics };
		this.loadLiveParts().then(
			(parts) => this.openLive(parts, conn),
			(e) => this.host.post({ kind: 'live-error', message: `Live mode could not start: ${(e as Error).message}` })
		);
	}

	private async loadLiveParts(): Promise<LiveParts> {
		if (!this.liveParts) {
			if (!this.host.liveParts) throw new Error('this build has no broker link');
			this.liveParts = await this.host.liveParts();
		}
		return this.liveParts;
	}

	/** The link is opened before anything changes: if it refuses, the running source stays. */
	private openLive(parts: LiveParts, conn: LiveConnect): void {
		let mode: LiveMode;
		try {
			const source = parts.source(this.settingsNow.city);
			const clientId = `cv2x-playground-${this.tab.prefix}-${Math.floor(Math.random() * 0x1000000).toString(16)}`;
			mode = new LiveMode(source, parts.link(), conn, { now: () => this.host.now(), changed: () => this.postLive() }, clientId);
		} catch (e) {
			this.host.post({ kind: 'live-error', message: (e as Error).message });
			return;
		}
		const publishing = this.liveMode?.state().publishing ?? null;
		this.liveMode?.close();
		this.liveMode = mode;
		this.liveCityVersion = mode.source.cityVersion;
		this.replayInfo = undefined;
		this.scenarioInfo = undefined;
		this.heldCounts = {};
		this.use(mode.source, null);
		if (publishing) this.publishLive(publishing.dialect); // a new broker keeps what the tab published
		this.play();
	}

	/** Starts or stops publishing this tab's background run (the city shown, the tab's seed and prefix). */
	private publishLive(dialect: Dialect | null): void {
		const mode = this.liveMode;
		if (!mode || !this.liveParts || mode.isClosed) {
			if (dialect) this.host.post({ kind: 'live-error', message: 'connect to a broker first' });
			return;
		}
		try {
			mode.publish(dialect, this.liveParts, { city: this.settingsNow.city, vehicles: this.settingsNow.vehicles, ...this.tab });
		} catch (e) {
			this.host.post({ kind: 'live-error', message: (e as Error).message });
		}
		this.postLive();
	}

	/** Posts Live mode's status and counters. */
	private postLive(): void {
		if (this.liveMode) this.host.post({ kind: 'live-status', live: this.liveMode.state() });
	}

	/** Live mode's share of a tick: a grown city is re-sent, the status about once a second. */
	private tickLive(mode: LiveMode, now: number): void {
		if (mode.source.cityVersion !== this.liveCityVersion) {
			this.liveCityVersion = mode.source.cityVersion;
			this.host.post({ kind: 'city', city: cityView(mode.source) });
		}
		if (mode.due(now)) this.postLive();
	}

	/**
	 * The history as a capture file, written as the ring is walked (export.ts). `chunked`: each
	 * chunk is posted (transferred) as `export-chunk` as it fills, and `export` ends it with empty
	 * data, so neither side holds the file in its heap (the page makes a Blob of the chunks);
	 * otherwise the chunks are joined into `export`'s data.
	 */
	private exportHistory(request: number, format: 'jsonl' | 'pcapng', chunked: boolean): void {
		const engine = this.engine!;
		const meta = engine.meta;
		const parts: Uint8Array[] = [];
		const stats = exportChunks(this.ledger!, meta, format, (chunk) =>
			chunked ? this.host.post({ kind: 'export-chunk', request, chunk }, [chunk.buffer]) : parts.push(chunk)
		);
		const data = concatBytes(parts);
		const filename = `cv2x-${meta.city}${meta.seed !== undefined ? `-seed${meta.seed}` : ''}-${Math.round(engine.timeMs / 1000)}s.${format}`;
		this.host.post({ kind: 'export', request, data, filename, records: stats.records, seconds: stats.seconds, chunks: stats.chunks }, [data.buffer]);
	}

	private play(): void {
		if (!this.engine) return;
		this.playing = true;
		this.lastWall = this.host.now();
		this.budgetMs = 0;
		if (!this.timerPending) this.loop();
	}

	/** Live mode runs on while paused (the view freezes; the link, the counters and publishing go on). */
	private get running(): boolean {
		return this.playing || this.liveMode !== null;
	}

	private loop(): void {
		this.timerPending = false;
		if (!this.engine || !this.running) return;
		try {
			this.tick();
		} catch (e) {
			// a bad record in a replayed file, or a bug: stop cleanly and say so, never freeze
			this.playing = false;
			this.host.post({ kind: 'error', message: (e as Error).message });
			this.sendFrame([]);
			return;
		}
		if (this.running) {
			this.timerPending = true;
			this.host.later(() => this.loop(), TICK_MS);
		}
	}

	/** One frame while playing: simulate the wall time since the last, within the busy limit. */
	private tick(): void {
		const engine = this.engine!;
		const now = this.host.now();
		const live = this.liveMode;
		// live traffic plays at real time: the speed is fixed at 1
		this.budgetMs += Math.min(CATCH_UP_MS, now - this.lastWall) * (live ? 1 : this.speed);
		this.lastWall = now;
		const txs: Transmission[] = [];
		while (this.running && this.budgetMs >= engine.stepMs && this.host.now() - now < BUSY_MS) txs.push(...this.advance(1));
		if (engine.done) this.playing = false; // a replay has ended
		if (this.budgetMs > 1000) this.budgetMs = 0;
		if (live) this.tickLive(live, now);
		if (this.playing || !live) this.sendFrame(txs); // a paused live view stays as it was
		else for (const [type, n] of Object.entries(countByType(txs))) this.heldCounts[type] = (this.heldCounts[type] ?? 0) + n;
	}

	/** Up to `stepsMax` steps within the budget; stops at a scenario's key moment. */
	private advance(stepsMax: number): Transmission[] {
		const engine = this.engine!;
		const out: Transmission[] = [];
		let stop = false;
		for (let i = 0; i < stepsMax && this.budgetMs >= engine.stepMs && !stop; i++) {
			engine.step();
			this.liveMode?.stepPublisher();
			this.budgetMs -= engine.stepMs;
			for (const e of engine.drainEvents()) {
				if (e.kind === 'tx') {
					this.ledger!.account(e, this.liveMode?.source.topicOf(e.seq));
					out.push(e);
				} else if (e.kind === 'alert') {
					this.ledger!.accountAlert(e);
					this.pendingAlerts.push(e);
					// the rest of this step's events still count; the next step waits
					if (this.isKeyMoment(e)) stop = true;
				}
			}
		}
		return out;
	}

	/** The scenario's first warning of its key application: pause there and show its cause. */
	private isKeyMoment(e: Alert): boolean {
		if (!this.scenarioInfo || this.keyMomentSeen || e.app !== this.scenarioInfo.keyApp) return false;
		this.keyMomentSeen = true;
		this.playing = false;
		this.budgetMs = 0;
		const ledger = this.ledger!;
		this.host.post({ kind: 'key-moment', alert: e, alertName: ledger.nameOf(e.node), tx: e.cause !== undefined ? ledger.detail(e.cause) : null });
		return true;
	}

	/** Speed actually achieved over the last second of wall time (sim ms per wall ms). */
	private actualSpeed(simMs: number): number {
		const wall = this.host.now();
		this.wallWindow.push({ wall, sim: simMs });
		while (this.wallWindow.length > 2 && wall - this.wallWindow[0].wall > 1000) this.wallWindow.shift();
		const first = this.wallWindow[0];
		return wall > first.wall ? (simMs - first.sim) / (wall - first.wall) : 0;
	}

	private sendFrame(txs: Transmission[]): void {
		const engine = this.engine!;
		const ledger = this.ledger!;
		// the map pulses a sample of the frequent types (1,000 pulses a second show nothing more); the log reads the ring
		const rows = sampleRows(txs, this.watched, (tx) => ledger.row(tx));
		const snap = engine.snapshot();
		const alerts = this.pendingAlerts.map((a) => ({ ...a, nodeName: ledger.nameOf(a.node), ...(engine.positionOf(a.node) ?? {}) }));
		this.pendingAlerts = [];
		const counts = countByType(txs);
		for (const [type, n] of Object.entries(this.heldCounts)) counts[type] = (counts[type] ?? 0) + n;
		this.heldCounts = {};
		const v = snap.vehicles;
		const bins = engine.radioBins;
		this.host.post(
			{
				kind: 'frame', t: engine.timeMs, playing: this.playing, actualSpeed: this.actualSpeed(engine.timeMs), vehicles: v,
				vrus: snap.vrus, signals: snap.signals, events: snap.events, rows, log: ledger.logRange(), alerts, counts,
				seconds: ledger.completeSeconds(Math.floor(engine.timeMs / 1000)),
				radio: { binM: bins.binM, tried: [...bins.tried], delivered: [...bins.delivered] }
			},
			[v.id.buffer, v.kind.buffer, v.lat.buffer, v.lon.buffer, v.heading.buffer, v.speed.buffer, v.flags.buffer]
		);
	}
}
