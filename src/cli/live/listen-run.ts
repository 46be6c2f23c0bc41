// `cv2x listen`'s run: loaded only when the command runs, so other commands never load mqtt.js.
import type { ListenOptions } from '../commands/listen';

/** Subscribes, decodes and prints until --count, --seconds or a signal; returns the exit status. */
export async function runListen(opts: ListenOptions): Promise<number> {
	void opts;
	throw new Error('cv2x listen: not yet');
}
