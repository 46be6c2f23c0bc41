// The road-data file format: one JSON file per pilot city in src/lib/sim/data/cities/.
// Coordinates are WGS-84 [latitude, longitude] in degrees. Files are checked at load time by
// ./load.ts; an error names the file and the feature (node, link, rsu) that is wrong.

export interface Bilingual {
	en: string;
	zh: string;
}

export interface CityFile {
	/** Stable id, lower-case with dashes, e.g. "beijing-yizhuang". Equals the file name. */
	id: string;
	/** The pilot city, e.g. { en: "Beijing", zh: "北京" }. */
	city: Bilingual;
	/** The test zone the network is in, e.g. Yizhuang demonstration area. */
	zone: Bilingual;
	/** Map centre [lat, lon]. */
	center: [number, number];
	/** Where the geometry came from (e.g. "traced by hand from OpenStreetMap street layout"). */
	source: string;
	/** True when traced by hand or otherwise not surveyed: positions are off by up to tens of m. */
	approximate: boolean;
	/** Intersections and network end points. */
	nodes: NodeDef[];
	/** Road segments between two nodes, both directions unless oneWay. */
	links: LinkDef[];
	/** Roadside units. */
	rsus: RsuDef[];
}

export interface NodeDef {
	/** Unique within the city, 1..65535 (it becomes the MAP/SPAT intersection id). */
	id: number;
	name?: Bilingual;
	lat: number;
	lon: number;
	/** A signal plan makes this a signalised intersection. */
	signal?: SignalPlan;
	/** Pedestrians and cyclists cross here. */
	crossing?: boolean;
}

/** Fixed-time plan: phases run in order, each green, then yellow, then all-red. */
export interface SignalPlan {
	/** Seconds into the cycle at sim time 0 (offsets make green waves). */
	offsetS: number;
	phases: PhaseDef[];
}

export interface PhaseDef {
	/** SPAT phase id, 1..255, unique within the node. */
	id: number;
	/** e.g. "east-west through" */
	name: string;
	greenS: number;
	yellowS: number;
	allRedS: number;
	/** Ids of the links whose traffic INTO this node moves on this phase. */
	approaches: number[];
}

export interface LinkDef {
	/** Unique within the city. */
	id: number;
	/** The street's name. */
	name: Bilingual;
	/** Node ids at the two ends. */
	from: number;
	to: number;
	/** Intermediate shape points [lat, lon] from `from` to `to` (may be empty). */
	points: [number, number][];
	/** Lanes in each direction (1..6). */
	lanes: number;
	/** Lane width in metres (2.5..4.5). */
	laneWidthM: number;
	/** Speed limit in km/h (10..120). */
	speedLimitKmh: number;
	/** Traffic only from `from` to `to`. */
	oneWay?: boolean;
}

export interface RsuDef {
	/** e.g. "RSU-BJ-YZ-01"; unique within the city. */
	id: string;
	lat: number;
	lon: number;
	/** Ids of the nodes whose MAP and SPAT it broadcasts (signalised ones for SPAT). */
	nodes: number[];
	/** PC5 range in metres; default from the radio config (300 m). */
	rangeM?: number;
}
