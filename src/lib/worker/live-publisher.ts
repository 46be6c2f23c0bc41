// "Publish my simulation": in Live mode the map shows the broker, so what this tab publishes is a
// simulation run in the background (the city on screen, a random seed per tab, the tab's prefix
// in node names), stepped at real time beside the live source. Its transmissions go through a
// dialect writer to the link; the tab sees its own vehicles come back through the broker.
import { createWorld, type World } from '../sim';
import { nodeKind } from '../sim/nodes';
import type { Publication } from '../live/types';
import type { LiveParts, WriterPort } from './live-parts';
import type { LivePublishing } from './protocol';

/** Most vehicles a tab publishes: a browser tab is a demo publisher, `cv2x sim --mqtt` the load generator. */
export const PUBLISH_VEHICLES_MAX = 200;

export class LivePublisher {
	private readonly world: World;
	private readonly writer: WriterPort;

	/** Starts the background run described by `info`; `startTimeMs`: UTC of its t = 0 (now). */
	constructor(
		readonly info: LivePublishing,
		parts: LiveParts,
		startTimeMs: number
	) {
		// UPER dialects: the world encodes UPER under the profile itself, so the writer reuses its bytes
		const profile = parts.publishProfile;
		const onAir = info.dialect === 'cv2x' ? ({ encoding: 'protobuf' } as const) : ({ encoding: 'uper', profile } as const);
		this.world = createWorld({ city: info.city, seed: info.seed, vehicles: info.vehicles, onAir, startTimeMs });
		const world = this.world;
		// the cv2x dialect names nodes in its topics: the tab's prefix keeps two tabs' nodes apart
		const nodeName = info.dialect === 'cv2x' ? (id: number) => `${info.prefix}.${world.nodeName(id)}` : (id: number) => world.nodeName(id);
		this.writer = parts.writer({ dialect: info.dialect, profile, nodeName, isRsu: (id) => nodeKind(id) === 'rsu', startTimeMs });
	}

	get stepMs(): number {
		return this.world.stepMs;
	}

	/** One step of the background run: its publications (the world's other events are dropped). */
	step(): Publication[] {
		this.world.step();
		for (const e of this.world.drainEvents()) if (e.kind === 'tx') this.writer.add(e);
		return this.writer.flush();
	}
}

/** A random seed (1..2^31-1) and a short node-name prefix ("t" + 4 hex digits) for this tab. */
export function tabIdentity(random: () => number = Math.random): { seed: number; prefix: string } {
	const seed = 1 + Math.floor(random() * (2 ** 31 - 2));
	const prefix = `t${Math.floor(random() * 0x10000).toString(16).padStart(4, '0')}`;
	return { seed, prefix };
}
