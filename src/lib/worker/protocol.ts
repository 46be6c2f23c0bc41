// Messages between the main thread and the simulation worker. The worker owns the world; the
// main thread only renders what it is sent.
import type { Alert, FrameEncoding, OnAir, RoadEventKind, Snapshot, TextParams } from '../sim';
import type { Dialect, LinkStatus, LiveCounters } from '../live/types';

export interface SimSettings {
	city: string;
	seed: number;
	vehicles: number;
	/** How PC5 messages go on the air (default protobuf); Uu stays protobuf. */
	onAir?: OnAir;
}

export type ToWorker =
	| { kind: 'init'; settings: SimSettings }
	| { kind: 'play' }
	| { kind: 'pause' }
	| { kind: 'step' }
	| { kind: 'speed'; speed: number }
	/** A new on-air format: the live run or scenario starts again in it, paused (a replay keeps its file's). */
	| { kind: 'on-air'; onAir: OnAir }
	| { kind: 'watch'; node: number | null }
	| { kind: 'inject'; event: RoadEventKind }
	| { kind: 'get-tx'; request: number; seq: number }
	/** The history as a capture file; `chunked`: sent as `export-chunk`s, then `export` with empty data. */
	| { kind: 'export'; request: number; format: 'jsonl' | 'pcapng'; chunked?: boolean }
	/**
	 * A file to import, recognised by its content (import-kind.ts): a capture (pcapng, pcap, JSON
	 * Lines) is replayed; an OpenStreetMap XML extract (.osm, also gzipped) or a city JSON made by
	 * `cv2x city import` becomes a city (registered in the worker) and a live run on it starts,
	 * paused, answered by `ready` and then `city-imported`. A bad file is answered by
	 * `import-error` and changes nothing. A Blob (a File) is read in the worker: a capture slice by
	 * slice, told by `import-progress`, while the running source goes on; bytes are read at once.
	 * `chunkBytes` (slice size) and `pauseMs` (wait between slices) are test hooks.
	 */
	| { kind: 'import'; name: string; data: Uint8Array | Blob; chunkBytes?: number; pauseMs?: number }
	| { kind: 'live' }
	| { kind: 'scenario'; id: string }
	| { kind: 'get-latest'; request: number; node: number; types: string[] }
	/** What the log shows; the worker keeps the matching rows of its ring indexed. */
	| { kind: 'log-filter'; filter: LogFilter }
	/** Log rows of ordinals [from, from + count) under the current filter; `tail`: the newest `count` rows instead. */
	| { kind: 'log-window'; request: number; from: number; count: number; tail?: boolean }
	/** A replay jumps to sim time tMs (ms, clamped to the capture's span); ignored for a live run. */
	| { kind: 'seek'; tMs: number }
	/**
	 * Live mode: show what a broker carries instead of the simulation, over the current city. A URL
	 * or a filter that cannot work is answered with `live-error` and changes nothing.
	 */
	| { kind: 'live-connect'; link: LiveConnect }
	/** Closes the broker link; the view stays (Live mode, closed) until another source is chosen. */
	| { kind: 'live-disconnect' }
	/** Publish a simulation of the current city to the broker in `dialect` (null: stop publishing). */
	| { kind: 'live-publish'; dialect: Dialect | null };

/**
 * How Live mode opens its broker link. `url`: ws:// or wss:// (a browser cannot open TCP), never
 * with user:password@ (the UI moves those into the fields). The credentials stay in the worker's
 * memory and the link's; they are never posted back, logged or put in an error.
 */
export interface LiveConnect {
	url: string;
	username?: string;
	password?: string;
	/** MQTT topic filters (`+` one level, `#` the rest), subscribed on every (re)connection. */
	topics: string[];
}

/** What this tab publishes while "Publish my simulation" is on (a simulation run in the background). */
export interface LivePublishing {
	dialect: Dialect;
	city: string;
	/** A random seed per tab, so two tabs publishing the same city send different vehicles (BSM ids). */
	seed: number;
	vehicles: number;
	/** The tab's prefix in node names (cv2x dialect topics: `cv2x/v1/<prefix>.<node>/<type>`). */
	prefix: string;
}

/** Live mode's state as the worker sends it: about once a second and on every status change. */
export interface LiveState {
	status: LinkStatus;
	topics: string[];
	counters: LiveCounters;
	publishing: LivePublishing | null;
	/** The latest thing wrong that is not a connection state (a topic filter the broker refused). */
	problem?: string;
}

/** The log's filter: types hidden (warnings always pass), part of a sender name, channel. */
export interface LogFilter {
	hidden: string[];
	sender: string;
	channel: 'all' | 'pc5' | 'uu';
}

/**
 * Where the log stands: ordinals [first, end) pass the filter (ordinals count matches since the
 * filter was set, so rows keep theirs while older ones are evicted); `kept` messages are in the
 * ring of `ringBytes`, `evicted` were dropped for room since the run (or seek) began.
 */
export interface LogRange {
	first: number;
	end: number;
	kept: number;
	evicted: number;
	ringBytes: number;
}

/** What a replay is: its file, record count, span in seconds and sim-time bounds (ms) for seeking. */
export interface ReplayInfo {
	name: string;
	records: number;
	seconds: number;
	startMs: number;
	endMs: number;
	/**
	 * The city the capture's header names when this tab does not know it (a city imported
	 * elsewhere): the replay is drawn over the nearest known city (`ready.city`) instead. Importing
	 * that city's OSM file or city JSON first, then the capture, draws it on its own roads.
	 */
	cityMissing?: string;
	/**
	 * How far (km, rounded) the capture's first position is from the city it is drawn over, when
	 * it names no city this tab knows and was made far from all of them (on a city not imported here).
	 */
	farKm?: number;
}

/** A city imported from a file, as the user is told of it (`city-imported`). */
export interface CityImport {
	/** The file's name as given. */
	file: string;
	/** What the file was: an OpenStreetMap XML extract or a city JSON (made by `cv2x city import`). */
	format: 'osm' | 'city';
	/** The city's id (now in `ready.cities`, and `ready.city.id` of the run on it) and its name. */
	id: string;
	name: { en: string; zh: string };
	/** What it holds: junctions, links, km of road (each link once), signalised junctions, RSUs. */
	summary: { junctions: number; links: number; roadKm: number; signals: number; rsus: number };
	/** What the import merged, dropped or defaulted, one English sentence each (src/lib/osm); empty for a city JSON. */
	notes: string[];
}

/** One row of the message log: a transmission without its bytes. */
export interface TxRow {
	seq: number;
	t: number;
	sender: number;
	senderName: string;
	channel: 'pc5' | 'uu';
	type: string;
	/** Bytes on the air, in `encoding`. */
	size: number;
	/** What the bytes are in: UPER under `profile`, or the protobuf model (also when absent). */
	encoding?: FrameEncoding;
	profile?: string;
	receivers: number;
	latencyMs: number;
	/** Sender position (for the pulse on the map); absent for the cloud. */
	lat?: number;
	lon?: number;
	/** Receiver position for Uu downlinks (the line from the cloud). */
	toLat?: number;
	toLon?: number;
	/** Live mode: the MQTT topic it arrived on. */
	topic?: string;
	/** Live mode, type 'undecodable': why the publication did not decode (its bytes are the raw payload). */
	error?: string;
	/**
	 * For a warning row (the row is an alert, not a transmission): the application and its text as
	 * an i18n key with parameters, to be shown as t(key, params).
	 */
	alert?: { app: string; level: Alert['level']; key: string; params: TextParams; cause?: number };
}

/** What the UI shows of a scenario. */
export interface ScenarioInfo {
	id: string;
	title: { en: string; zh: string };
	summary: string;
	watch: string[];
	messages: string[];
	keyApp: string;
	window: [number, number];
	focus: { lat: number; lon: number };
	follow: number[];
}

export interface TxDetail extends TxRow {
	bytes: Uint8Array;
	receiverNames: string[];
}

/** Static description of the loaded city for drawing. */
export interface CityView {
	id: string;
	name: { en: string; zh: string };
	zone: { en: string; zh: string };
	center: [number, number];
	approximate: boolean;
	source: string;
	/**
	 * Links as polylines [lat, lon] from `from` to `to`; `lanes` in each direction (a one-way link:
	 * all its lanes, right of the line as driven), `laneWidthM` in metres. The worker always sends
	 * `laneWidthM` and `oneWay`; they are optional for views made elsewhere (tests).
	 */
	roads: { linkId: number; name: { en: string; zh: string }; lanes: number; laneWidthM?: number; oneWay?: boolean; points: [number, number][] }[];
	nodes: { id: number; lat: number; lon: number; signal: boolean; name?: { en: string; zh: string } }[];
	rsus: { id: number; name: string; lat: number; lon: number; rangeM: number }[];
}

export interface FrameStats {
	/** Sim second these counts belong to. */
	second: number;
	byType: Record<string, number>;
	bytesPc5: number;
	bytesUu: number;
	latencyPc5: number;
	latencyUu: number;
	nPc5: number;
	nUu: number;
}

export type FromWorker =
	| {
			kind: 'ready';
			city: CityView;
			cities: { id: string; name: { en: string; zh: string }; zone: { en: string; zh: string } }[];
			/** Set when a capture file is being replayed instead of a live simulation. */
			replay?: ReplayInfo;
			scenario?: ScenarioInfo;
			/** The on-air format of the run now shown (a replay: the capture's profile, if any). */
			onAir: OnAir;
			/** Set in Live mode: the broker's traffic is shown (over `city`). */
			live?: LiveState;
	  }
	/** Live mode: the link's status and the counters (about once a second, and on each status change). */
	| { kind: 'live-status'; live: LiveState }
	/** Live mode: a connect or publish request that could not be carried out (nothing changed). */
	| { kind: 'live-error'; message: string }
	/** The city drawn under the traffic grew (a MAP brought intersections): redraw the roads, keep the log. */
	| { kind: 'city'; city: CityView }
	/** The export's end: `data` is the file, or empty when it came as `chunks` export-chunk messages before. */
	| { kind: 'export'; request: number; data: Uint8Array; filename: string; records: number; seconds: number; chunks?: number }
	/** Part of a chunked export, in order. */
	| { kind: 'export-chunk'; request: number; chunk: Uint8Array }
	/** A capture import read `loaded` of `total` bytes (`percent`, whole: told once per percent). */
	| { kind: 'import-progress'; name: string; loaded: number; total: number; percent: number }
	/** A file could not be imported: `message` names the file, then the element or record, where (line and column, byte offset) and why. Nothing changed. */
	| { kind: 'import-error'; message: string }
	/** A city was imported from a file and a run on it started (sent right after its `ready`). */
	| { kind: 'city-imported'; imported: CityImport }
	| { kind: 'key-moment'; alert: Alert; alertName: string; tx: TxDetail | null }
	| {
			kind: 'frame';
			t: number;
			playing: boolean;
			/** Achieved speed (sim s per wall s) over the last second. */
			actualSpeed: number;
			vehicles: Snapshot['vehicles'];
			vrus: Snapshot['vrus'];
			signals: Snapshot['signals'];
			events: Snapshot['events'];
			/** Rows for the map's pulses: a sample of the frequent types (rows.ts); the log reads the ring. */
			rows: TxRow[];
			log: LogRange;
			/** Warnings raised in this frame, with where the warned node was. */
			alerts: (Alert & { lat?: number; lon?: number; nodeName: string })[];
			/** Transmissions in this frame, all of them, by type (rows are a sample). */
			counts: Record<string, number>;
			seconds: FrameStats[];
			radio: { binM: number; tried: number[]; delivered: number[] };
	  }
	| { kind: 'tx'; request: number; tx: TxDetail | null }
	| { kind: 'log-window'; request: number; from: number; rows: TxRow[]; log: LogRange }
	/** A replay jumped to t (ms): the log and charts start again from what was before t; `counts`: by type, the transmissions up to t. */
	| { kind: 'seeked'; t: number; counts: Record<string, number> }
	| { kind: 'error'; message: string };
