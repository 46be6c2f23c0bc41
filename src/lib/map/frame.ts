// What the map draws from: the worker's per-frame snapshot. The type is the worker protocol's
// own (the one lower place both the map and the UI state read it from); this is only its name.
import type { FromWorker } from '../worker/protocol';

/** One frame from the simulation worker: vehicles, VRUs, signals, log rows and alerts. */
export type FrameMessage = Extract<FromWorker, { kind: 'frame' }>;
