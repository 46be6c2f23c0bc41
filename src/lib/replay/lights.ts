// Signal lights from SPAT: each intersection's phases and the light each shows now.
import type { PbObject } from '../codec';
import type { Light } from '../sim';

/** Light per phase id. */
export type PhaseLights = Map<number, Light>;

// SPAT LightState numbers: 2 stop-then-proceed, 3 stop-and-remain, 4 pre-movement,
// 5 permissive and 6 protected movement, 7 permissive and 8 protected clearance.
const LIGHTS: Record<number, Light> = { 3: 'red', 2: 'red', 7: 'yellow', 8: 'yellow', 4: 'green', 5: 'green', 6: 'green' };

/** Each intersection's lights now (the first state of each phase), by node id. */
export function signalLights(spat: PbObject | undefined): Map<number, PhaseLights> {
	const out = new Map<number, PhaseLights>();
	for (const i of (spat?.intersections as PbObject[]) ?? []) {
		const node = ((i.intersectionId as PbObject)?.id as number) ?? 0;
		const m: PhaseLights = new Map();
		for (const p of (i.phases as PbObject[]) ?? []) {
			const first = (p.phaseStates as PbObject[])?.[0];
			m.set((p.id as number) ?? 0, LIGHTS[(first?.light as number) ?? 0] ?? 'red');
		}
		out.set(node, m);
	}
	return out;
}
