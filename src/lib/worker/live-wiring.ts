// The real parts of Live mode for the worker: mqtt.js's link, the live source and the dialect
// writer from src/lib/live. Loaded by sim.worker.ts only when Live mode is first used.
import type { LiveParts } from './live-parts';

/** The parts Live mode runs on in the browser. */
export function liveParts(): LiveParts {
	throw new Error('not yet: the broker link, the live source and the dialect writer are being built');
}
