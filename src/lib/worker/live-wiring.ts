// The real parts of Live mode for the worker: mqtt.js's link (live/link.ts), the live source
// (live/source.ts) and the dialect writer (live/dialects). Loaded by sim.worker.ts only when Live
// mode is first used, so the worker starts without mqtt.js.
import { DEFAULT_LIVE_PROFILE, DialectWriter } from '../live/dialects';
import { MqttLink, checkTopicFilter } from '../live/link';
import { LiveSource } from '../live/source';
import type { Publication } from '../live/types';
import type { LinkHandlers, LinkPort, LiveParts } from './live-parts';

/**
 * Publications handed to the link and not yet written: beyond this the tab's own publishing is
 * dropped rather than queued (a broker that cannot keep up must not grow the worker's memory).
 */
const PUBLISH_QUEUE_MAX = 5000;

/** An MqttLink behind the worker's LinkPort: live traffic is dropped while the link is down, never queued. */
function mqttLink(): LinkPort {
	let link: MqttLink | null = null;
	let handlers: LinkHandlers | null = null;
	let queued = 0;
	return {
		open(opts, on) {
			handlers = on;
			link = MqttLink.open({ ...opts, whileDown: 'drop' }, { onStatus: on.status, onPublication: on.publication, onProblem: on.problem });
		},
		subscribe(filters) {
			for (const f of filters) checkTopicFilter(f); // throws now, naming the filter
			link?.subscribe(filters).catch((e: Error) => handlers?.problem(e.message));
		},
		publish(p: Publication) {
			if (!link || queued >= PUBLISH_QUEUE_MAX) return;
			queued++;
			link
				.publish(p)
				.catch(() => {}) // counted by the link as dropped
				.finally(() => queued--);
		},
		sent: () => link?.counters().sent ?? 0,
		close() {
			void link?.close();
		}
	};
}

/** The parts Live mode runs on in the browser's worker. */
export function liveParts(): LiveParts {
	return {
		link: mqttLink,
		source: (city) => new LiveSource({ city }),
		writer: (o) => new DialectWriter(o),
		publishProfile: DEFAULT_LIVE_PROFILE
	};
}
