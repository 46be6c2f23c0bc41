// The playground's UI state (Svelte 5 runes). The simulation worker feeds it; components read
// it. Per-frame vehicle data goes to the map through `onFrame` without touching reactivity.
import { SimClient } from '../worker/client';
import type { CityView, FrameStats, FromWorker, LiveState, LogFilter, ReplayInfo, ScenarioInfo, TxDetail } from '../worker/protocol';
import type { Dialect } from '../live/types';
import { brokerUrlProblem, topicFilterProblem } from '../worker/live-parts';
import { connectRequest, loadForm, saveForm, topicsOf, withoutCredentials, type KeyValueStore, type LiveForm } from './live-settings';
import { LogWindow } from './log-window.svelte';
import { checkTemplate, knownServer, rememberHost, tilesFromLink } from './basemap';
import { putHandoff } from '../viewer/handoff';
import { broadcastsOf, SIM_TYPES } from '../map/colors';
import { messageType } from '../codec/registry';
import type { UiText } from '../i18n/index.svelte';
import type { Datum } from '../map/gcj02';
import type { OnAir } from '../sim/on-air';
import type { ProfileName } from '../uper/profiles';

export type { FrameMessage } from '../map/frame';
import type { FrameMessage } from '../map/frame';
export type Selection = { kind: 'vehicle' | 'rsu' | 'vru'; id: number; name: string } | { kind: 'tx'; seq: number } | null;

export { SPEEDS } from './url-params';
import { DEFAULT_SETTINGS, vehicleCapacity } from './url-params';

/**
 * The on-air formats offered: the protobuf model, then UPER under each built-in profile, oldest
 * first, with the profiles' titles (uper/profiles; kept here so the first load does not pull in
 * the schema tables; a test checks they agree).
 */
export const ON_AIR_PROFILES: readonly { name: ProfileName; title: string }[] = [
	{ name: 'csae53-2017', title: 'T/CSAE 53-2017' },
	{ name: 'csae53-2020-draft', title: 'T/CSAE 53-2020 draft (2019-07-24)' },
	{ name: 'csae53-2020', title: 'T/CSAE 53-2020 (YD/T 3709-2020)' },
	{ name: 'csae157-2020', title: 'T/CSAE 53-2020 + T/CSAE 157-2020 (phase 2)' }
];

/** The on-air choice as one string (`protobuf` or a profile name), for a select and the URL. */
export function onAirKey(o: OnAir): string {
	return o.encoding === 'uper' ? o.profile : 'protobuf';
}

/** The on-air choice a string names (`protobuf` or a built-in profile name), or undefined. */
export function onAirOf(key: string | null): OnAir | undefined {
	if (key === 'protobuf') return { encoding: 'protobuf' };
	const p = ON_AIR_PROFILES.find((x) => x.name === key);
	return p ? { encoding: 'uper', profile: p.name } : undefined;
}
const SECONDS_KEPT = 120;

export class Playground {
	settings = $state({ ...DEFAULT_SETTINGS });
	/** How PC5 messages go on the air in the live run and scenarios (cloud messages stay protobuf). */
	onAir = $state.raw<OnAir>({ encoding: 'protobuf' });
	/** The format of what is shown now (a replayed capture: its file's), as the worker said. */
	onAirShown = $state.raw<OnAir>({ encoding: 'protobuf' });
	speed = $state(1);
	playing = $state(false);
	t = $state(0);
	actualSpeed = $state(0);
	vehicleCount = $state(0);
	city = $state.raw<CityView | null>(null);
	cities = $state.raw<{ id: string; name: { en: string; zh: string }; zone: { en: string; zh: string } }[]>([]);
	/** The message log: a window onto the worker's ring (newest last). */
	readonly log = new LogWindow((from, count, tail) => this.client?.logWindow(from, count, tail) ?? Promise.resolve(null));
	/** Transmissions by type since the run (or the replay's seek point) began: exact, every message. */
	counts = $state.raw<Record<string, number>>({});
	/** Types shown on the map (pulses) and in the log. */
	visible = $state<Record<string, boolean>>(Object.fromEntries(SIM_TYPES.map((t) => [t, true])));
	filterSender = $state('');
	filterChannel = $state<'all' | 'pc5' | 'uu'>('all');
	selection = $state.raw<Selection>(null);
	inspected = $state.raw<TxDetail | null>(null);
	/** Why the inspector is empty after a click (said at render, in the language shown). */
	inspectMissing = $state.raw<UiText | null>(null);
	seconds = $state.raw<FrameStats[]>([]);
	radio = $state.raw<FrameMessage['radio'] | null>(null);
	events = $state.raw<FrameMessage['events']>([]);
	datum = $state<Datum>('wgs84');
	/** The basemap's tile URL template ('' = none: our own roads only, no request to any server). */
	tilesUrl = $state('');
	tilesFailed = $state(false);
	/** A tile server waiting for the user's yes or no (from a link, or typed in), with its host. */
	tilesAsk = $state.raw<{ url: string; host: string; fromLink: boolean } | null>(null);
	/** Status lines, kept as i18n keys and parameters so they follow a language switch. */
	error = $state.raw<UiText | null>(null);
	tab = $state<'log' | 'inspector' | 'charts'>('log');
	/** Set while a capture file is replayed instead of the live simulation. */
	replay = $state.raw<ReplayInfo | null>(null);
	/** The workshop scenario loaded, if any, and its key moment once reached. */
	scenario = $state.raw<ScenarioInfo | null>(null);
	keyMoment = $state.raw<Extract<FromWorker, { kind: 'key-moment' }> | null>(null);
	/** Warnings so far (newest last). */
	alerts = $state.raw<FrameMessage['alerts']>([]);
	notice = $state.raw<UiText | null>(null);
	/**
	 * What a link or a restart asked for that could not be used as it was (an unknown city or
	 * scenario, a value clamped), shown until dismissed (`dismissLinkNotice`).
	 */
	linkNotices = $state.raw<UiText[]>([]);
	/** The vehicles the city on screen holds (url-params `vehicleCapacity`; 0: no city yet). */
	capacity = $state(0);
	/** Live mode: the broker link's state and counters as the worker last said (null: not live). */
	live = $state.raw<LiveState | null>(null);
	/** The Live panel is open (the form; while live it also shows the status and counters). */
	livePanel = $state(false);
	/** The panel's form is folded away (once connected; the status and counters stay). */
	liveFolded = $state(false);
	/** The Live panel's form (credentials kept on the device only when `remember`). */
	liveForm = $state<LiveForm>(loadForm(null));
	/** Why the last connect or publish request was not carried out (the worker's words, or the form's), as an i18n key and its message. */
	liveError = $state.raw<UiText | null>(null);
	/** What the last live request was, so the worker's refusal is said as such. */
	private liveAsked: 'connect' | 'publish' = 'connect';
	/** A connect request is on its way (the worker loads the link on first use). */
	liveConnecting = $state(false);

	private client: SimClient | null = null;
	private frameListeners = new Set<(f: FrameMessage) => void>();
	lastFrame: FrameMessage | null = null;
	private countsShownAt = 0;
	private countsNow: Record<string, number> = {};

	/** Starts the worker (browser only). */
	start(scenario?: string) {
		if (this.client) return;
		this.client = new SimClient((m) => this.receive(m));
		this.client.send({ kind: 'speed', speed: this.speed });
		if (scenario) {
			// the scenario runs in the chosen format too
			if (this.onAir.encoding !== 'protobuf') this.client.send({ kind: 'on-air', onAir: this.onAir });
			this.client.send({ kind: 'scenario', id: scenario });
		}
		else this.client.send({ kind: 'init', settings: { ...this.settings, onAir: this.onAir } });
	}

	stop() {
		this.client?.terminate();
		this.client = null;
	}

	onFrame(fn: (f: FrameMessage) => void): () => void {
		this.frameListeners.add(fn);
		if (this.lastFrame) fn(this.lastFrame);
		return () => this.frameListeners.delete(fn);
	}

	private receive(m: FromWorker) {
		if (m.kind === 'ready') {
			if (this.notice?.key === 'captureImport.progress') this.notice = null;
			this.city = m.city;
			if (this.live && !m.live) this.livePanel = false; // another source was chosen: Live mode is over
			this.live = m.live ?? null;
			this.liveConnecting = false;
			this.onAirShown = m.onAir;
			this.replay = m.replay ?? null;
			this.scenario = m.scenario ?? null;
			this.keyMoment = null;
			this.inspectMissing = null;
			this.alerts = [];
			this.cities = m.cities;
			this.log.reset();
			this.countsNow = {};
			this.counts = {};
			this.seconds = [];
			this.inspected = null;
			this.selection = null;
			// a run on an imported city: the city menu shows it, and Restart keeps it
			if (!m.replay && !m.scenario && !m.live && m.cities.some((c) => c.id === m.city.id)) this.settings.city = m.city.id;
			if (m.replay?.cityMissing) this.announce({ key: 'playground.replayCityMissing', params: { city: m.replay.cityMissing, shown: m.city.id } });
			else if (m.replay?.farKm !== undefined) this.announce({ key: 'playground.replayFar', params: { km: m.replay.farKm, shown: m.city.id } });
			this.fitVehicles(m);
		} else if (m.kind === 'city-imported') {
			const { file, summary, notes } = m.imported;
			this.announce({ key: 'playground.cityImported', params: { file, junctions: summary.junctions, links: summary.links, km: summary.roadKm, signals: summary.signals, rsus: summary.rsus } });
			// the import's own notes are English sentences from src/lib/osm: the first few, quoted
			if (notes.length) this.announce({ key: 'playground.cityImportNotes', params: { count: notes.length, notes: notes.slice(0, 5).join('; ') } });
		} else if (m.kind === 'frame') {
			this.lastFrame = m;
			this.t = m.t;
			this.playing = m.playing;
			this.actualSpeed = m.actualSpeed;
			this.vehicleCount = m.vehicles.id.length;
			this.radio = m.radio;
			if (m.events.length !== this.events.length || m.events.some((e, i) => e.id !== this.events[i]?.id)) this.events = m.events;
			this.log.update(m.log, m.playing);
			this.addCounts(m.counts, m.playing);
			if (m.seconds.length) this.seconds = [...this.seconds, ...m.seconds].slice(-SECONDS_KEPT);
			if (m.alerts.length) this.alerts = [...this.alerts, ...m.alerts].slice(-200);
			for (const fn of this.frameListeners) fn(m);
		} else if (m.kind === 'seeked') {
			this.log.reset();
			this.seconds = [];
			this.alerts = [];
			this.countsNow = { ...m.counts };
			this.counts = m.counts;
			this.t = m.t;
		} else if (m.kind === 'error') this.error = { key: 'playground.workerError', params: { message: m.message } };
		else if (m.kind === 'key-moment') {
			this.keyMoment = m;
			this.playing = false;
			if (m.tx) {
				this.inspected = m.tx;
				this.selection = { kind: 'tx', seq: m.tx.seq };
			}
		} else if (m.kind === 'live-status') this.live = m.live;
		else if (m.kind === 'city') this.city = m.city; // the log and the view stay: only the roads grow
		else if (m.kind === 'live-error') {
			this.liveError = { key: this.liveAsked === 'connect' ? 'live.error' : 'live.publishError', params: { message: m.message } };
			this.liveConnecting = false;
		} else if (m.kind === 'import-progress') {
			this.notice = { key: 'captureImport.progress', params: { name: m.name, percent: m.percent } };
		} else if (m.kind === 'import-error') {
			if (this.notice?.key === 'captureImport.progress') this.notice = null;
			const error: UiText = { key: 'playground.importError', params: { message: m.message } };
			this.error = error;
			setTimeout(() => this.error === error && (this.error = null), 8000);
		}
	}

	/** A live run asking for more vehicles than its city holds starts again with as many as it holds, and says so. */
	private fitVehicles(m: Extract<FromWorker, { kind: 'ready' }>) {
		// a view without roads (Live mode before any MAP) says nothing about what fits
		this.capacity = m.city.roads?.length ? vehicleCapacity(m.city) : 0;
		if (!this.capacity || m.scenario || m.replay || m.live || this.settings.vehicles <= this.capacity) return;
		const asked = this.settings.vehicles;
		this.announce({ key: 'link.overCapacity', params: { value: String(asked), used: String(this.capacity), city: m.city.id } });
		this.restart({ vehicles: this.capacity });
	}

	/** Adds notices to those shown (the same text twice shows once). */
	announce(...notices: UiText[]) {
		const seen = new Set(this.linkNotices.map((n) => JSON.stringify(n)));
		this.linkNotices = [...this.linkNotices, ...notices.filter((n) => !seen.has(JSON.stringify(n)))];
	}

	/** Removes the notice at `index` (the user closed it). */
	dismissLinkNotice(index: number) {
		this.linkNotices = this.linkNotices.filter((_, i) => i !== index);
	}

	/** Adds a frame's exact counts; shown at most 5 times a second while playing. */
	private addCounts(counts: Record<string, number>, playing: boolean) {
		for (const [k, n] of Object.entries(counts)) this.countsNow[k] = (this.countsNow[k] ?? 0) + n;
		const now = performance.now();
		if (!playing || now - this.countsShownAt > 200) {
			this.countsShownAt = now;
			this.counts = { ...this.countsNow };
		}
	}

	/** The log's filter as the worker takes it (from `visible`, `filterSender`, `filterChannel`). */
	logFilter(): LogFilter {
		return { hidden: Object.entries(this.visible).filter(([, on]) => !on).map(([t]) => t), sender: this.filterSender, channel: this.filterChannel };
	}

	/** Tells the worker the log's filter; the log starts again at the newest rows that pass. */
	applyLogFilter(f: LogFilter = this.logFilter()) {
		if (!this.client) return;
		this.client.send({ kind: 'log-filter', filter: f });
		this.log.reset();
		this.log.jumpToNewest();
	}

	/** A replay jumps to sim time `tMs` (ms). */
	seek(tMs: number) {
		if (!this.replay) return;
		this.t = tMs;
		this.client?.send({ kind: 'seek', tMs });
	}

	play() {
		this.client?.send({ kind: 'play' });
		this.playing = true;
	}
	pause() {
		this.client?.send({ kind: 'pause' });
		this.playing = false;
	}
	toggle() {
		if (this.playing) this.pause();
		else this.play();
	}
	step() {
		this.client?.send({ kind: 'step' });
		this.playing = false;
	}
	setSpeed(s: number) {
		this.speed = s;
		this.client?.send({ kind: 'speed', speed: s });
	}
	/** Loads a city (or a new seed / vehicle count): the run starts again, paused. */
	restart(settings: Partial<{ city: string; seed: number; vehicles: number }>) {
		this.settings = { ...this.settings, ...settings };
		this.playing = false;
		this.client?.send({ kind: 'init', settings: { ...this.settings, onAir: this.onAir } });
	}
	/** A new on-air format: the live run or the scenario starts again in it, paused. */
	setOnAir(onAir: OnAir) {
		this.onAir = onAir;
		this.playing = false;
		this.client?.send({ kind: 'on-air', onAir });
	}
	inject(kind: 'roadworks' | 'accident' | 'congestion') {
		this.client?.send({ kind: 'inject', event: kind });
	}

	/** Opens a node's latest message of the given types (BSM for vehicles, SPAT for RSUs). */
	async inspectNode(kind: 'vehicle' | 'rsu' | 'vru', id: number, name: string) {
		this.selection = { kind, id, name };
		this.client?.send({ kind: 'watch', node: id });
		const types = broadcastsOf(kind);
		const tx = (await this.client?.latest(id, types)) ?? null;
		this.inspected = tx;
		// the standards' abbreviations (BSM, SPAT, ...) read the same in both languages
		const labels = types.map((type) => messageType(type).label).join(' / ');
		this.inspectMissing = tx ? null : { key: `inspector.notSent.${kind}`, params: { name, types: labels } };
		this.tab = 'inspector';
	}

	/** Downloads the message history as JSON Lines or pcapng. */
	async exportCapture(format: 'jsonl' | 'pcapng') {
		const r = await this.client?.exportFile(format);
		if (!r) return;
		const url = URL.createObjectURL(r.blob);
		const a = document.createElement('a');
		a.href = url;
		a.download = r.filename;
		a.click();
		setTimeout(() => URL.revokeObjectURL(url), 2000);
		const notice: UiText = { key: 'playground.exported', params: { count: r.records, seconds: r.seconds, file: r.filename } };
		this.notice = notice;
		setTimeout(() => this.notice === notice && (this.notice = null), 5000);
	}

	/**
	 * Opens the capture viewer (/captures) in a new tab with the same pcapng export: the bytes go
	 * to IndexedDB under a key (viewer/handoff.ts) and the tab reads them by `#handoff=<key>`.
	 * The tab opens at once (a popup opened after the export's await would be blocked).
	 */
	async openInViewer() {
		const tab = window.open('about:blank', '_blank');
		const r = await this.client?.exportFile('pcapng');
		if (!r) {
			tab?.close();
			return;
		}
		try {
			const key = await putHandoff(r.blob, r.filename);
			const url = `/captures#handoff=${encodeURIComponent(key)}`;
			if (tab) tab.location.href = url;
			else window.location.href = url;
		} catch (e) {
			tab?.close();
			this.error = { key: 'controls.viewerFailed', params: { message: (e as Error).message } };
		}
	}

	async importCapture(file: File) {
		this.error = null;
		this.client?.importFile(file.name, file); // read in the worker, slice by slice: never on the page
	}

	/** Loads a workshop scenario (paused at its start). */
	loadScenario(id: string) {
		this.client?.send({ kind: 'scenario', id });
	}

	/** Opens the message behind the key moment in the inspector. */
	openKeyMessage() {
		if (this.keyMoment?.tx) {
			this.inspected = this.keyMoment.tx;
			this.tab = 'inspector';
		}
	}

	/** The device's storage for the Live form (none outside a browser, or when refused). */
	private store(): KeyValueStore | null {
		try {
			return typeof localStorage === 'undefined' ? null : localStorage;
		} catch {
			return null;
		}
	}

	/** Opens the Live panel with the form as this device kept it (and `url` when given, from `?live=`). */
	openLivePanel(url?: string) {
		if (!this.live) this.liveForm = { ...loadForm(this.store()), ...(url ? { url } : {}) };
		this.livePanel = true;
		this.liveFolded = false;
	}

	/**
	 * Connects to the broker in the form: checked here first (a bad URL or filter is said under the
	 * form and nothing else changes), then the worker opens the link and shows its traffic.
	 */
	connectLive() {
		const form = withoutCredentials(this.liveForm);
		this.liveForm = form;
		const topics = topicsOf(form.topics);
		const problem = brokerUrlProblem(form.url) ?? (topics.length ? null : 'no topic filter to subscribe to') ?? topics.map(topicFilterProblem).find((p) => p !== null) ?? null;
		this.liveAsked = 'connect';
		this.liveError = problem ? { key: 'live.error', params: { message: problem } } : null;
		if (problem) return;
		saveForm(this.store(), form);
		this.liveConnecting = true;
		this.client?.send({ kind: 'live-connect', link: connectRequest(form) });
	}

	/** Closes the broker link; the view stays until another source is chosen. */
	disconnectLive() {
		this.client?.send({ kind: 'live-disconnect' });
	}

	/** Publishes this tab's simulation (a background run of the city shown) in `dialect`, or stops (null). */
	publishLive(dialect: Dialect | null) {
		this.liveAsked = 'publish';
		this.liveError = null;
		this.client?.send({ kind: 'live-publish', dialect });
	}

	/** "Remember on this device" changed: unticking forgets the kept credentials at once. */
	rememberLive(on: boolean) {
		this.liveForm = { ...this.liveForm, remember: on };
		saveForm(this.store(), this.liveForm);
	}

	/** Leaves Live mode (or a replay): the simulation starts again with the current settings. */
	leaveLive() {
		this.livePanel = false;
		this.restart(this.settings);
	}

	/** Leaves a replay: the live simulation starts again with the current settings. */
	backToLive() {
		this.restart(this.settings);
	}

	/** A link's `?tiles=`: none, loaded (a host remembered as allowed), asked about, or refused with a notice. */
	tilesFromLink(value: string | null) {
		const r = tilesFromLink(value, this.store());
		if (r.kind === 'load') this.tilesUrl = r.url;
		else if (r.kind === 'ask') this.tilesAsk = { url: r.url, host: r.host, fromLink: true };
		else if (r.kind === 'refused') this.announce(r.problem);
	}

	/** The basemap menu: none (''), a known server's template, or a typed template (checked, then asked about). */
	chooseTiles(url: string) {
		this.tilesAsk = null;
		if (!url || knownServer(url)) {
			this.tilesUrl = url;
			return;
		}
		const c = checkTemplate(url);
		if (c.ok) this.tilesAsk = { url: c.url, host: c.host, fromLink: false };
		else this.announce(c.problem);
	}

	/** The user's answer about the server asked: allowed (remembered for its host if ticked) or refused (the basemap stays off, said). */
	answerTiles(allow: boolean, remember: boolean) {
		const ask = this.tilesAsk;
		if (!ask) return;
		this.tilesAsk = null;
		if (allow) {
			if (remember) rememberHost(this.store(), ask.host);
			this.tilesUrl = ask.url;
		} else this.announce({ key: 'basemap.refused', params: { host: ask.host } });
	}

	async inspectTx(seq: number) {
		this.selection = { kind: 'tx', seq };
		const tx = (await this.client?.tx(seq)) ?? null;
		this.inspected = tx;
		this.inspectMissing = tx ? null : { key: 'inspector.gone' };
		this.tab = 'inspector';
	}
}
