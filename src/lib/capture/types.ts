/** One transmission: who sent which encoded frame, when, over which path, and who received it. */
export interface CaptureRecord {
	/** Simulated time, ms since the run started. */
	t: number;
	/** Node name, e.g. "car-10012", "RSU-BJ-YZ-01", "pedestrian-1003", "cloud". */
	sender: string;
	/** Names of the nodes that received it. */
	receivers: string[];
	/** PC5 sidelink broadcast, or Uu cellular to or from the cloud. */
	channel: 'pc5' | 'uu';
	/** MessageFrame payload name: bsm, spat, map_data, speed_advice, ... */
	type: string;
	latencyMs?: number;
	/** One encoded MessageFrame: the protobuf model's `cv2x.v1.MessageFrame`, or UPER when `encoding` says so. */
	bytes: Uint8Array;
	/** 'uper': `bytes` are an ASN.1 UPER MessageFrame (X.691) under `profile`; absent: protobuf (older files). */
	encoding?: 'protobuf' | 'uper';
	/** The UPER profile (`csae157-2020`, ...) of a 'uper' record. */
	profile?: string;
}

/** What a capture was made from. */
export interface CaptureMeta {
	/** UTC time of t = 0, ms since the epoch. */
	startTimeMs: number;
	city?: string;
	seed?: number;
	vehicles?: number;
	/** The UPER profile of the run's PC5 messages, when they went on the air as UPER. */
	profile?: string;
}

/** UDP port of PC5 sidelink broadcasts in a pcapng capture (source and destination). */
export const PC5_PORT = 5001;
/** UDP port of Uu messages to and from the cloud (source and destination). */
export const UU_PORT = 5002;
