// `cv2x sim --mqtt`: every step's transmissions through a dialect writer onto a broker. Loaded
// only when --mqtt is given, so other runs never load mqtt.js.
import type { Transmission, World } from '../../lib/sim';
import type { PublishOptions } from '../commands/sim';

/** Publishes a running simulation; see openPublisher. */
export interface SimPublisher {
	/** Set once Ctrl-C or SIGTERM asked the run to stop (the step in flight is still published). */
	readonly stopped: boolean;
	/** One transmission of the current step. */
	add(tx: Transmission): void;
	/** Publishes the step's publications; resolves when the client can take more (and, with --realtime, at the step's wall time). */
	endStep(simTimeMs: number): Promise<void>;
	/** Disconnects cleanly (pending QoS 1 acknowledged first). */
	close(): Promise<void>;
	/** Summary lines: publications by topic kind, messages by type, what was not carried, rates over `wallS`. */
	lines(wallS: number): string[];
}

/**
 * Connects to the broker and returns a publisher for `world`'s transmissions.
 * @throws Cv2xError (exit 1, one error line) when the broker cannot be reached at the start.
 */
export async function openPublisher(opts: PublishOptions, world: World): Promise<SimPublisher> {
	void opts;
	void world;
	throw new Error('cv2x sim --mqtt: not yet');
}
